# Tamper-evident store, environment records confined to the store, and script input only from regular files,
# through the published module on real pwsh.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    $script:Feed = New-TestFeed -Destination (Join-Path $TestDrive 'feed')

    function New-HelloFolder {
        <# hello.ps1 in a folder of its own (its lock file stays there), run twice so the third run takes the warm path. #>
        param([Parameter(Mandatory)][string] $Name)
        $folder = Join-Path $TestDrive $Name
        New-Item -ItemType Directory -Path $folder | Out-Null
        Copy-Item (Join-Path $RepositoryRoot 'examples/hello.ps1') $folder
        $cache = Join-Path $folder 'cache'
        $script = Join-Path $folder 'hello.ps1'
        foreach ($i in 1..2) {
            $result = Invoke-ScriptTest -Path $script -Repository $Feed -CacheDirectory $cache
            $result.Success | Should -BeTrue -Because $result.ErrorMessage
        }
        [pscustomobject]@{ Script = $script; Cache = $cache; Psm1 = (Get-ChildItem (Join-Path $cache 'store') -Recurse -Filter 'Demo.Greeting.psm1').FullName }
    }

    function Set-StoreFileText {
        <# Rewrites a read-only store file, as a tool or a person with write access would. #>
        param([string] $Path, [string] $Text)
        [System.IO.File]::SetAttributes($Path, 'Normal')
        [System.IO.File]::WriteAllText($Path, $Text)
    }
}

AfterAll {
    Remove-Module DepResolve -ErrorAction SilentlyContinue
}

Describe 'Store integrity on use' {
    It 'finds one byte changed at the same size on the next run, installs the entry again and warns naming the file' {
        $bed = New-HelloFolder 'same-size'
        $original = [System.IO.File]::ReadAllText($bed.Psm1)
        Set-StoreFileText $bed.Psm1 $original.Replace('Hello', 'Hacko')
        (Get-Item $bed.Psm1).Length | Should -Be ([System.Text.Encoding]::UTF8.GetByteCount($original))

        $result = Invoke-ScriptTest -Path $bed.Script -Repository $Feed -CacheDirectory $bed.Cache -WarningVariable warnings 3>$null

        $result.Success | Should -BeTrue -Because $result.ErrorMessage
        $result.Output | Should -Match 'Hello, DepResolve!'
        $result.Output | Should -Not -Match 'Hacko'
        ($warnings -join "`n") | Should -Match ([regex]::Escape($bed.Psm1))
        ($warnings -join "`n") | Should -Match 'SHA-256 differs'
        [System.IO.File]::ReadAllText($bed.Psm1) | Should -Be $original
        @(Get-ChildItem (Join-Path $bed.Cache 'quarantine') -Directory).Count | Should -Be 1
    }

    It 'finds a grown file on the warm path of Resolve-ScriptDependency' {
        $bed = New-HelloFolder 'grown'
        $original = [System.IO.File]::ReadAllText($bed.Psm1)
        Set-StoreFileText $bed.Psm1 ($original + "`nWrite-Host 'injected'`n")

        $result = Resolve-ScriptDependency -Path $bed.Script -Repository $Feed -CacheDirectory $bed.Cache -WarningVariable warnings 3>$null

        $result.Success | Should -BeTrue
        ($warnings -join "`n") | Should -Match ([regex]::Escape($bed.Psm1))
        [System.IO.File]::ReadAllText($bed.Psm1) | Should -Be $original
    }

    It 'with -Verify finds a change whose size and modification time were put back' {
        $bed = New-HelloFolder 'forged'
        $written = (Get-Item $bed.Psm1).LastWriteTimeUtc
        $original = [System.IO.File]::ReadAllText($bed.Psm1)
        Set-StoreFileText $bed.Psm1 $original.Replace('Hello', 'Hacko')
        [System.IO.File]::SetLastWriteTimeUtc($bed.Psm1, $written)

        $unverified = Invoke-ScriptTest -Path $bed.Script -Repository $Feed -CacheDirectory $bed.Cache -WarningVariable quiet 3>$null
        $verified = Invoke-ScriptTest -Path $bed.Script -Repository $Feed -CacheDirectory $bed.Cache -Verify -WarningVariable warnings 3>$null

        # The cheap check trusts an unchanged fingerprint; -Verify hashes every file.
        $unverified.Output | Should -Match 'Hacko'
        $quiet | Should -BeNullOrEmpty
        $verified.Output | Should -Match 'Hello, DepResolve!'
        ($warnings -join "`n") | Should -Match ([regex]::Escape($bed.Psm1))
    }
}

Describe 'Environment records' {
    It 'refuses a record that puts a folder outside the store on PSModulePath and builds the environment again' {
        $bed = New-HelloFolder 'record'
        $evil = Join-Path $TestDrive 'evil/Demo.Greeting/1.0.0'
        New-Item -ItemType Directory -Path $evil | Out-Null
        Set-Content (Join-Path $evil 'Demo.Greeting.psm1') "function Get-Greeting { 'EVIL' }"
        Set-Content (Join-Path $evil 'Demo.Greeting.psd1') "@{ RootModule = 'Demo.Greeting.psm1'; ModuleVersion = '1.0.0'; FunctionsToExport = 'Get-Greeting' }"
        $recordFile = Get-ChildItem (Join-Path $bed.Cache 'envs') -Recurse -Filter 'environment.json' | Select-Object -First 1
        $record = Get-Content $recordFile.FullName -Raw | ConvertFrom-Json
        $record.modulePathEntries = @((Join-Path $TestDrive 'evil')) + $record.modulePathEntries
        $record | ConvertTo-Json -Depth 10 | Set-Content $recordFile.FullName

        $result = Invoke-ScriptTest -Path $bed.Script -Repository $Feed -CacheDirectory $bed.Cache -WarningVariable warnings 3>$null

        $result.Success | Should -BeTrue -Because $result.ErrorMessage
        $result.Output | Should -Match 'Hello, DepResolve!'
        $result.Output | Should -Not -Match 'EVIL'
        ($warnings -join "`n") | Should -Match ([regex]::Escape($recordFile.FullName))
        Get-Content $recordFile.FullName -Raw | Should -Not -Match 'evil'
    }
}

Describe 'Script input' -Skip:(-not $IsLinux) {
    BeforeAll {
        $script:Odd = Join-Path $TestDrive 'odd'
        New-Item -ItemType Directory -Path $Odd | Out-Null
        $script:Fifo = Join-Path $Odd 'fifo.ps1'
        & mkfifo $Fifo
        $script:Zero = Join-Path $Odd 'zero.ps1'
        New-Item -ItemType SymbolicLink -Path $Zero -Target '/dev/zero' | Out-Null
    }

    It 'refuses a FIFO given as the script, naming it, instead of hanging (<Command>)' -ForEach @(
        @{ Command = 'Get-ScriptDependency' }, @{ Command = 'Resolve-ScriptDependency' }, @{ Command = 'Invoke-ScriptTest' }
    ) {
        $arguments = @{ Path = $Fifo; ErrorVariable = 'failures'; ErrorAction = 'SilentlyContinue' }
        if ($Command -ne 'Get-ScriptDependency') { $arguments.Repository = $Feed; $arguments.CacheDirectory = (Join-Path $Odd 'cache') }
        & $Command @arguments | Out-Null
        $failures.Count | Should -BeGreaterThan 0
        $failures[0].FullyQualifiedErrorId | Should -Match '^InvalidInput'
        $failures[0].Exception.Message | Should -Match 'FIFO'
        $failures[0].Exception.Message | Should -Match ([regex]::Escape($Fifo))
    }

    It 'refuses /dev/zero behind a .ps1 name before reading it (<Command>)' -ForEach @(
        @{ Command = 'Get-ScriptDependency' }, @{ Command = 'Invoke-ScriptTest' }
    ) {
        $arguments = @{ Path = $Zero; ErrorVariable = 'failures'; ErrorAction = 'SilentlyContinue' }
        if ($Command -ne 'Get-ScriptDependency') { $arguments.Repository = $Feed; $arguments.CacheDirectory = (Join-Path $Odd 'cache') }
        & $Command @arguments | Out-Null
        $failures.Count | Should -BeGreaterThan 0
        $failures[0].FullyQualifiedErrorId | Should -Match '^InvalidInput'
        $failures[0].Exception.Message | Should -Match 'character device'
    }
}

Describe 'Child process lifetime' -Skip:$IsWindows {
    It 'ends the child pwsh and removes its run files when the parent pwsh is killed with SIGKILL' {
        $folder = Join-Path $TestDrive 'orphan'
        New-Item -ItemType Directory -Path $folder | Out-Null
        $pidFile = Join-Path $folder 'child.pid'
        $sleeper = Join-Path $folder 'sleeper.ps1'
        Set-Content $sleeper "[System.IO.File]::WriteAllText('$pidFile', [string]`$PID)`nStart-Sleep -Seconds 600"
        $cache = Join-Path $folder 'cache'
        $command = "Import-Module '$ModuleManifest'; Invoke-ScriptTest -Path '$sleeper' -CacheDirectory '$cache'"
        $parent = Start-Process -FilePath (Join-Path $PSHOME 'pwsh') -ArgumentList '-NoProfile', '-NonInteractive', '-Command', $command -PassThru
        try {
            $waitUntil = [DateTime]::UtcNow.AddSeconds(180)
            while (-not (Test-Path $pidFile) -and [DateTime]::UtcNow -lt $waitUntil) { Start-Sleep -Milliseconds 200 }
            $childId = [int](Get-Content $pidFile)
            $child = Get-Process -Id $childId
            $child | Should -Not -BeNullOrEmpty
            @(Get-ChildItem (Join-Path $cache 'tmp') -Directory -Filter 'run-*').Count | Should -Be 1

            Stop-Process -Id $parent.Id -Force

            $waitUntil = [DateTime]::UtcNow.AddSeconds(60)
            while (-not $child.HasExited -and [DateTime]::UtcNow -lt $waitUntil) { Start-Sleep -Milliseconds 200; $child.Refresh() }
            $child.HasExited | Should -BeTrue -Because 'the child watches its parent and ends when it is gone'
            @(Get-ChildItem (Join-Path $cache 'tmp') -Directory -Filter 'run-*' -ErrorAction Ignore).Count | Should -Be 0
        } finally {
            Stop-Process -Id $parent.Id -Force -ErrorAction Ignore
            if (Test-Path $pidFile) { Stop-Process -Id ([int](Get-Content $pidFile)) -Force -ErrorAction Ignore }
        }
    }
}
