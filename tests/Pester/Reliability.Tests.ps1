# The reliability suite (docs/fault-suite.md, "Reliability"): concurrent pwsh processes over one cold cache, SIGKILL
# at each install checkpoint and during a run, tampering with the store and the cache's records, and hostile
# packages, through the published module on real pwsh. Each case checks that its next use is correct and that no
# data was lost: every complete store entry still verifies, every environment record reads and points at complete
# entries, every audit line parses, and the canary environment made before the cases is still there.
# It ends with one line: "reliability: cases run N, survived N, data lost N".
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Add-Type -AssemblyName System.IO.Compression
    Import-Module $ModuleManifest -Force
    $script:Feed = New-TestFeed -Destination (Join-Path $TestDrive 'feed')
    $script:Tally = @{ Run = 0; Survived = 0; Lost = 0 }
    $script:Pwsh = Join-Path $PSHOME 'pwsh'

    # One cache shared by the cases that build on each other (kill, tamper, hostile); the concurrency case has its own.
    $script:Root = Join-Path $TestDrive 'reliability'
    $script:Cache = Join-Path $Root 'cache'
    New-Item -ItemType Directory -Path $Root | Out-Null
    # Enough environments that garbage collection never takes the canary during the suite.
    Set-Content (Join-Path $Root 'depresolve.json') '{ "maxEnvironments": 50 }'

    function New-ScriptFolder {
        <# A copy of examples/<Script> in a folder of its own under the suite root (its lock file stays there). #>
        param([Parameter(Mandatory)][string] $Name, [string] $Script = 'hello.ps1')
        $folder = Join-Path $Root $Name
        New-Item -ItemType Directory -Path $folder -Force | Out-Null
        Copy-Item (Join-Path $RepositoryRoot "examples/$Script") $folder
        Join-Path $folder $Script
    }

    function Get-CacheDamage {
        <# What is lost or corrupt in a cache: an empty list when nothing is. #>
        param([Parameter(Mandatory)][string] $Cache, [string] $CanaryId)
        $damage = [System.Collections.Generic.List[string]]::new()
        foreach ($entryFile in Get-ChildItem (Join-Path $Cache 'store') -Recurse -Filter 'entry.json' -File -ErrorAction Ignore) {
            $entry = $entryFile.Directory
            if (Test-Path (Join-Path $entry.FullName '.incomplete')) { continue }
            $manifest = Get-Content $entryFile.FullName -Raw | ConvertFrom-Json -AsHashtable
            foreach ($relative in $manifest.files.Keys) {
                $file = Join-Path $entry.FullName "content/$relative"
                if (-not (Test-Path -LiteralPath $file)) { $damage.Add("missing: $file"); continue }
                if ((Get-FileHash -LiteralPath $file -Algorithm SHA256).Hash.ToLowerInvariant() -ne $manifest.files[$relative].sha256) {
                    $damage.Add("changed: $file")
                }
            }
        }
        foreach ($recordFile in Get-ChildItem (Join-Path $Cache 'envs') -Recurse -Filter 'environment.json' -File -ErrorAction Ignore) {
            try { $record = Get-Content $recordFile.FullName -Raw | ConvertFrom-Json } catch { $damage.Add("unreadable: $($recordFile.FullName)"); continue }
            foreach ($storeEntry in $record.storeEntries) {
                $folder = if ([System.IO.Path]::IsPathRooted($storeEntry)) { $storeEntry } else { Join-Path $Cache $storeEntry }
                if (-not (Test-Path (Join-Path $folder 'entry.json'))) { $damage.Add("environment $($record.id) lost $storeEntry") }
            }
        }
        foreach ($log in Get-ChildItem $Cache -Filter 'audit*.log' -File -ErrorAction Ignore) {
            $number = 0
            foreach ($line in [System.IO.File]::ReadAllLines($log.FullName)) {
                $number++
                try { $null = $line | ConvertFrom-Json -ErrorAction Stop } catch { $damage.Add("$($log.Name) line $number does not parse") }
            }
        }
        if ($CanaryId -and -not (Test-Path (Join-Path $Cache "envs/$CanaryId/environment.json"))) { $damage.Add("canary environment $CanaryId is gone") }
        , $damage.ToArray()
    }

    function Invoke-ReliabilityCase {
        <# Runs one case, counts it, and fails it when the cache lost data, whatever the case itself asserted. #>
        param([Parameter(Mandatory)][scriptblock] $Case, [string] $Cache = $script:Cache)
        $script:Tally.Run++
        $survived = $false
        try {
            & $Case
            $survived = $true
        } finally {
            $damage = Get-CacheDamage -Cache $Cache -CanaryId $(if ($Cache -eq $script:Cache) { $script:CanaryId })
            if ($damage.Count -gt 0) { $script:Tally.Lost++ } elseif ($survived) { $script:Tally.Survived++ }
        }
        $damage | Should -BeNullOrEmpty
    }

    function Invoke-Hello {
        <# The next use: hello.ps1 runs in its environment and greets, whatever happened before. #>
        param([Parameter(Mandatory)][string] $Script, [switch] $Verify)
        $result = Invoke-ScriptTest -Path $Script -Repository $Feed -CacheDirectory $Cache -Verify:$Verify -WarningVariable script:LastWarnings 3>$null
        $result.Success | Should -BeTrue -Because $result.ErrorMessage
        $result.Output | Should -Match 'Hello, DepResolve!'
        $result
    }

    function Resolve-Hello {
        <# The next use without a run: hello.ps1's environment resolves, and its Demo.Greeting is the one published. #>
        param([Parameter(Mandatory)][string] $Script, [switch] $Verify)
        $result = Resolve-ScriptDependency -Path $Script -Repository $Feed -CacheDirectory $Cache -Verify:$Verify -WarningVariable script:LastWarnings 3>$null
        $result.Success | Should -BeTrue
        $psm1 = Get-ChildItem ($result.ModulePath -split [System.IO.Path]::PathSeparator) -Recurse -Filter 'Demo.Greeting.psm1' | Select-Object -First 1
        (Get-FileHash $psm1.FullName).Hash | Should -Be $script:GreetingHash
        $result
    }

    function Wait-Line {
        <# Waits (bounded) until the file holds a line matching the pattern. #>
        param([string] $Path, [string] $Pattern, [int] $Seconds = 120)
        $until = [DateTime]::UtcNow.AddSeconds($Seconds)
        while ([DateTime]::UtcNow -lt $until) {
            if ((Test-Path $Path) -and (Select-String -Path $Path -Pattern $Pattern -Quiet)) { return $true }
            Start-Sleep -Milliseconds 100
        }
        $false
    }

    function New-ModulePackage {
        <# A module package written entry by entry, so an entry can be made hostile. #>
        param([string] $Path, [string] $Id, [string] $Nuspec, [hashtable[]] $Extra = @())
        $Nuspec = if ($Nuspec) { $Nuspec } else {
            "<?xml version=`"1.0`"?><package xmlns=`"http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd`"><metadata><id>$Id</id><version>1.0.0</version><authors>t</authors><description>d</description><tags>PSModule</tags></metadata></package>"
        }
        $stream = [System.IO.File]::Create($Path)
        $zip = [System.IO.Compression.ZipArchive]::new($stream, [System.IO.Compression.ZipArchiveMode]::Create)
        try {
            $entries = @(
                @{ Name = "$Id.nuspec"; Text = $Nuspec }
                @{ Name = "$Id.psd1"; Text = "@{ RootModule = '$Id.psm1'; ModuleVersion = '1.0.0'; GUID = '$([guid]::NewGuid())'; FunctionsToExport = 'Get-$($Id.Replace('.', ''))' }" }
                @{ Name = "$Id.psm1"; Text = "function Get-$($Id.Replace('.', '')) { 'safe' }" }
            ) + $Extra
            foreach ($item in $entries) {
                $entry = $zip.CreateEntry($item.Name)
                if ($item.Mode) { $entry.ExternalAttributes = $item.Mode -shl 16 }
                $writer = [System.IO.StreamWriter]::new($entry.Open())
                $writer.Write($item.Text)
                $writer.Dispose()
            }
        } finally {
            $zip.Dispose()
            $stream.Dispose()
        }
    }

    function New-SinglePackageFolder {
        <# A folder holding use.ps1, which needs module <Id> 1.0.0 and calls its Get-<Id without dots>, and a feed of its own for it. #>
        param([string] $Id)
        $folder = Join-Path $Root $Id
        $feed = Join-Path $folder 'feed'
        New-Item -ItemType Directory -Path $feed -Force | Out-Null
        Set-Content (Join-Path $folder 'use.ps1') "#Requires -Modules @{ ModuleName = '$Id'; RequiredVersion = '1.0.0' }`nGet-$($Id.Replace('.', ''))"
        [pscustomobject]@{ Folder = $folder; Feed = $feed; Script = (Join-Path $folder 'use.ps1'); Package = (Join-Path $feed "$Id.1.0.0.nupkg".ToLowerInvariant()) }
    }

    # The install worker (tests/DepResolve.InstallWorker, built with the solution) installs a set the way the
    # pipeline does and can stop at any install checkpoint, holding its locks, to be killed from outside.
    $script:Worker = Get-ChildItem (Join-Path $RepositoryRoot 'tests/DepResolve.InstallWorker/bin/Release') -Recurse -Filter 'DepResolve.InstallWorker.dll' -ErrorAction Ignore |
        Sort-Object LastWriteTimeUtc -Descending | Select-Object -First 1 -ExpandProperty FullName
    $script:Checkpoints = 'staging-created', 'downloaded', 'extracted', 'manifest-written', 'entry-renamed', 'environment-staged'

    # The canary: an environment made before any case, which no case may take away.
    $canaryScript = New-ScriptFolder -Name 'canary' -Script 'banner.ps1'
    $canary = Resolve-ScriptDependency -Path $canaryScript -Repository $Feed -CacheDirectory $Cache
    if (-not $canary.Success) { throw "The canary resolution failed: $($canary.ErrorDetails)" }
    $script:CanaryId = $canary.EnvironmentId
    $published = Join-Path $RepositoryRoot 'examples/modules/Demo.Greeting/1.0.0/Demo.Greeting.psm1'
    $script:GreetingHash = (Get-FileHash $published).Hash
}

AfterAll {
    Write-Host ('reliability: cases run {0}, survived {1}, data lost {2}' -f $Tally.Run, $Tally.Survived, $Tally.Lost)
    Remove-Module DepResolve -ErrorAction SilentlyContinue
}

Describe 'Concurrent pwsh processes over one cold cache' {
    It 'four processes resolve and install the same script at once: all succeed, in one environment, each package installed once' {
        $cold = Join-Path $TestDrive 'concurrent-cache'
        Invoke-ReliabilityCase -Cache $cold {
            $processes = foreach ($n in 1..4) {
                $script = New-ScriptFolder -Name "concurrent-$n"
                $out = Join-Path $Root "concurrent-$n.out"
                $command = "Import-Module '$ModuleManifest'; `$r = Resolve-ScriptDependency -Path '$script' -Repository '$Feed' -CacheDirectory '$cold'; " +
                    "'success=' + `$r.Success + ' environment=' + `$r.EnvironmentId"
                [pscustomobject]@{
                    Out = $out
                    Process = Start-Process -FilePath $Pwsh -ArgumentList '-NoProfile', '-NonInteractive', '-Command', $command -RedirectStandardOutput $out -RedirectStandardError "$out.err" -PassThru
                }
            }
            foreach ($p in $processes) {
                $p.Process | Wait-Process -Timeout 240 -ErrorAction Ignore
                if (-not $p.Process.HasExited) { Stop-Process -Id $p.Process.Id -Force -ErrorAction Ignore }
            }

            $outputs = $processes | ForEach-Object { "$(Get-Content $_.Out -Raw) $(Get-Content "$($_.Out).err" -Raw)" }
            foreach ($text in $outputs) { $text | Should -Match 'success=True' }
            $environments = $outputs | ForEach-Object { [regex]::Match($_, 'environment=(\w+)').Groups[1].Value } | Sort-Object -Unique
            @($environments).Count | Should -Be 1
            $audit = Get-Content (Join-Path $cold 'audit.log') | ConvertFrom-Json
            foreach ($id in 'Demo.Greeting', 'Demo.Text') {
                @($audit | Where-Object { $_.action -eq 'install' -and $_.package -eq $id -and $_.result -eq 'success' }).Count | Should -Be 1 -Because "$id is downloaded and extracted once"
            }
            @($audit.pid | Sort-Object -Unique).Count | Should -Be 4

            # The next use takes the warm path into that environment.
            $next = Resolve-ScriptDependency -Path (New-ScriptFolder -Name 'after-concurrent') -Repository $Feed -CacheDirectory $cold
            $next.EnvironmentId | Should -Be $environments
        }
    }
}

Describe 'SIGKILL at each install checkpoint' -Skip:$IsWindows {
    It 'an install killed at <_>, holding its locks, leaves a cache the next run uses correctly' -ForEach @('staging-created', 'downloaded', 'extracted', 'manifest-written', 'entry-renamed', 'environment-staged') {
        $checkpoint = $_
        if (-not $Worker) { Set-ItResult -Skipped -Because 'the install worker is built with the solution (dotnet build PSDepResolve.sln -c Release)'; return }
        Invoke-ReliabilityCase {
            # A package of its own per checkpoint, so each install starts from nothing in the shared cache.
            $id = 'Kill.' + (Get-Culture).TextInfo.ToTitleCase($checkpoint).Replace('-', '')
            $bed = New-SinglePackageFolder -Id $id
            New-ModulePackage -Path $bed.Package -Id $id
            $hex = (Get-FileHash $bed.Package -Algorithm SHA512).Hash
            $bytes = [byte[]]::new($hex.Length / 2)
            for ($i = 0; $i -lt $bytes.Length; $i++) { $bytes[$i] = [Convert]::ToByte($hex.Substring(2 * $i, 2), 16) }
            $packagesFile = Join-Path $bed.Folder 'packages.json'
            ConvertTo-Json @(@{ Id = $id; Version = '1.0.0'; Source = 'local'; Sha512 = [Convert]::ToBase64String($bytes); IsPowerShellModule = $true }) | Set-Content $packagesFile
            $out = Join-Path $bed.Folder 'worker.out'
            $env:DEPRESOLVE_WORKER_PAUSE_AT = $checkpoint
            try {
                $worker = Start-Process -FilePath 'dotnet' -ArgumentList 'exec', $Worker, $Cache, $bed.Feed, $packagesFile, 'local' -RedirectStandardOutput $out -RedirectStandardError "$out.err" -PassThru
            } finally {
                Remove-Item Env:DEPRESOLVE_WORKER_PAUSE_AT
            }
            try {
                Wait-Line -Path $out -Pattern "paused at $checkpoint" | Should -BeTrue -Because "$(Get-Content $out -Raw) $(Get-Content "$out.err" -Raw)"
            } finally {
                Stop-Process -Id $worker.Id -Force -ErrorAction Ignore   # SIGKILL
                $worker | Wait-Process -Timeout 30 -ErrorAction Ignore
            }
            $worker.HasExited | Should -BeTrue

            # The next use, while the killed install's lock files and leftovers are still there, installs.
            $result = Resolve-ScriptDependency -Path $bed.Script -Repository $bed.Feed -CacheDirectory $Cache 3>$null
            $result.Success | Should -BeTrue
            Join-Path ($result.ModulePath -split [System.IO.Path]::PathSeparator)[0] "$id/1.0.0/$id.psm1" | Should -Exist
            @(Get-ChildItem (Join-Path $Cache 'store') -Recurse -Filter '.incomplete' -Force -ErrorAction Ignore).Count | Should -Be 0
            (Resolve-ScriptDependency -Path $bed.Script -Repository $bed.Feed -CacheDirectory $Cache).EnvironmentId | Should -Be $result.EnvironmentId
        }
    }
}

Describe 'SIGKILL during a run' -Skip:$IsWindows {
    It 'killing the child pwsh that runs the script fails that run with a result, and the next run is correct' {
        Invoke-ReliabilityCase {
            $folder = Join-Path $Root 'kill-child'
            New-Item -ItemType Directory -Path $folder | Out-Null
            $pidFile = Join-Path $folder 'child.pid'
            $sleeper = Join-Path $folder 'sleeper.ps1'
            Set-Content $sleeper "#Requires -Modules Demo.Greeting`n[System.IO.File]::WriteAllText('$pidFile', [string]`$PID)`nStart-Sleep -Seconds 600"
            $killer = Start-ThreadJob -ScriptBlock {
                param($PidFile)
                $until = [DateTime]::UtcNow.AddSeconds(180)
                while (-not (Test-Path $PidFile) -and [DateTime]::UtcNow -lt $until) { Start-Sleep -Milliseconds 100 }
                Stop-Process -Id ([int](Get-Content $PidFile)) -Force
            } -ArgumentList $pidFile

            $killed = Invoke-ScriptTest -Path $sleeper -Repository $Feed -CacheDirectory $Cache -TimeoutSec 200 3>$null
            $killer | Wait-Job -Timeout 60 | Remove-Job -Force

            $killed.Success | Should -BeFalse
            Invoke-Hello -Script (New-ScriptFolder -Name 'after-kill-child') | Out-Null
        }
    }
}

Describe 'Tampering with the store and the cache records' {
    BeforeAll {
        $script:TamperScript = New-ScriptFolder -Name 'tamper'
        Resolve-Hello -Script $TamperScript | Out-Null
        Resolve-Hello -Script $TamperScript | Out-Null

        function Get-GreetingFile {
            Get-ChildItem (Join-Path $Cache 'store') -Recurse -Filter 'Demo.Greeting.psm1' | Select-Object -First 1 -ExpandProperty FullName
        }

        function Set-StoreFileText {
            param([string] $Path, [string] $Text)
            [System.IO.File]::SetAttributes($Path, 'Normal')
            [System.IO.File]::WriteAllText($Path, $Text)
        }
    }

    It 'one byte changed at the same size in a store file is found and repaired' {
        Invoke-ReliabilityCase {
            $file = Get-GreetingFile
            Set-StoreFileText $file ([System.IO.File]::ReadAllText($file).Replace('Hello', 'Hacko'))
            Resolve-Hello -Script $TamperScript | Out-Null
            ($LastWarnings -join "`n") | Should -Match 'SHA-256 differs'
        }
    }

    It 'a grown store file is found and repaired' {
        Invoke-ReliabilityCase {
            $file = Get-GreetingFile
            Set-StoreFileText $file ([System.IO.File]::ReadAllText($file) + "`nfunction Get-Greeting { 'Hacko' }`n")
            Resolve-Hello -Script $TamperScript | Out-Null
        }
    }

    It 'a deleted store file is found and repaired' {
        Invoke-ReliabilityCase {
            Remove-Item (Get-GreetingFile) -Force
            Resolve-Hello -Script $TamperScript | Out-Null
        }
    }

    It 'a deleted entry.json makes the entry be installed again' {
        Invoke-ReliabilityCase {
            $entry = Split-Path (Get-GreetingFile)
            while (-not (Test-Path (Join-Path $entry 'entry.json'))) { $entry = Split-Path $entry }
            Remove-Item (Join-Path $entry 'entry.json') -Force
            Resolve-Hello -Script $TamperScript | Out-Null
        }
    }

    It 'an environment record pointing outside the store is rebuilt' {
        Invoke-ReliabilityCase {
            $result = Resolve-Hello -Script $TamperScript
            $recordFile = Join-Path $Cache "envs/$($result.EnvironmentId)/environment.json"
            $record = Get-Content $recordFile -Raw | ConvertFrom-Json
            $record.modulePathEntries = @($TestDrive) + $record.modulePathEntries
            $record | ConvertTo-Json -Depth 10 | Set-Content $recordFile
            Resolve-Hello -Script $TamperScript | Out-Null
            Get-Content $recordFile -Raw | Should -Not -Match ([regex]::Escape($TestDrive))
        }
    }

    It 'an unreadable registry.json, resolution record and cached metadata cost nothing but a rebuild of the record' {
        Invoke-ReliabilityCase {
            Set-Content (Join-Path $Cache 'registry.json') '{ not json'
            Get-ChildItem (Join-Path $Cache 'resolutions') -Filter '*.json' | ForEach-Object { Set-Content $_.FullName 'garbage' }
            Resolve-Hello -Script $TamperScript | Out-Null
        }
    }

    It 'every lock and lease file deleted while nothing runs changes nothing' {
        Invoke-ReliabilityCase {
            Get-ChildItem (Join-Path $Cache 'locks') -File | Remove-Item -Force
            Resolve-Hello -Script $TamperScript | Out-Null
            Resolve-Hello -Script $TamperScript -Verify | Out-Null
            $LastWarnings | Should -BeNullOrEmpty
        }
    }
}

Describe 'Hostile packages' {
    BeforeAll {
        $script:Outside = Join-Path $TestDrive 'outside'
        New-Item -ItemType Directory -Path $Outside | Out-Null

        function Invoke-HostileCase {
            <#
                The hostile package is refused naming it and writes nothing outside; the good one then installs.
            #>
            param([string] $Id, [string] $ExpectedCode, [scriptblock] $Build)
            $bed = New-SinglePackageFolder -Id $Id
            $feed = $bed.Feed
            $folder = $bed.Folder
            & $Build $bed.Package
            $environmentsBefore = @(Get-ChildItem (Join-Path $Cache 'envs') -Directory).Count

            $result = Resolve-ScriptDependency -Path (Join-Path $folder 'use.ps1') -Repository $feed -CacheDirectory $Cache -ErrorAction SilentlyContinue -ErrorVariable failures 3>$null

            $result.Success | Should -Not -BeTrue
            $failures[0].FullyQualifiedErrorId | Should -Match "^$ExpectedCode"
            "$($failures[0])" | Should -Match ([regex]::Escape($Id))
            @(Get-ChildItem $Outside -Recurse -Force).Count | Should -Be 0
            @(Get-ChildItem $TestDrive -Recurse -Filter 'escaped.txt' -Force).Count | Should -Be 0
            @(Get-ChildItem (Join-Path $Cache 'envs') -Directory).Count | Should -Be $environmentsBefore
            @(Get-ChildItem (Join-Path $Cache 'tmp') -Recurse -File -Force -ErrorAction Ignore | Where-Object FullName -NotMatch '[\\/]runs[\\/]').Count | Should -Be 0

            Remove-Item (Join-Path $feed '*') -Force
            New-ModulePackage -Path (Join-Path $feed "$Id.1.0.0.nupkg".ToLowerInvariant()) -Id $Id
            $good = Resolve-ScriptDependency -Path (Join-Path $folder 'use.ps1') -Repository $feed -CacheDirectory $Cache 3>$null
            $good.Success | Should -BeTrue
            Get-ChildItem ($good.ModulePath -split [System.IO.Path]::PathSeparator) -Recurse -Filter "$Id.psm1" | Get-Content -Raw | Should -Match "'safe'"
        }
    }

    It 'a zip-slip entry aimed outside the store' {
        Invoke-ReliabilityCase {
            Invoke-HostileCase -Id 'Hostile.Slip' -ExpectedCode 'InvalidPackage' -Build {
                param($Path)
                New-ModulePackage -Path $Path -Id 'Hostile.Slip' -Extra @{ Name = '../../escaped.txt'; Text = 'escaped' }, @{ Name = 'tools/../../../../escaped.txt'; Text = 'escaped' }
            }
        }
    }

    It 'a symbolic-link entry' -Skip:$IsWindows {
        Invoke-ReliabilityCase {
            Invoke-HostileCase -Id 'Hostile.Link' -ExpectedCode 'InvalidPackage' -Build {
                param($Path)
                New-ModulePackage -Path $Path -Id 'Hostile.Link' -Extra @{ Name = 'link.txt'; Text = $Outside; Mode = 0xA1FF }
            }
        }
    }

    It 'an entry larger than the uncompressed-size cap (a zip bomb)' {
        Invoke-ReliabilityCase {
            New-Item -ItemType Directory -Path (Join-Path $Root 'Hostile.Bomb') -Force | Out-Null
            Set-Content (Join-Path $Root 'Hostile.Bomb/depresolve.json') '{ "maxPackageUncompressedBytes": 200000 }'
            Invoke-HostileCase -Id 'Hostile.Bomb' -ExpectedCode 'InvalidPackage' -Build {
                param($Path)
                New-ModulePackage -Path $Path -Id 'Hostile.Bomb' -Extra @{ Name = 'zeros.bin'; Text = [string]::new([char]'0', 4000000) }
            }
        }
    }

    It 'a device name as an entry' {
        Invoke-ReliabilityCase {
            Invoke-HostileCase -Id 'Hostile.Device' -ExpectedCode 'InvalidPackage' -Build {
                param($Path)
                New-ModulePackage -Path $Path -Id 'Hostile.Device' -Extra @{ Name = 'CON.ps1'; Text = 'x' }
            }
        }
    }

    # A folder feed reads each nuspec when it indexes the folder and skips one its reader refuses (a verbose line
    # names the file and the reason), so the package is not found; over HTTP it is InvalidPackage (Faults/HostilePackageTests).
    It 'a nuspec with an external entity is never expanded' {
        Invoke-ReliabilityCase {
            $secret = Join-Path $Outside '../secret.txt'
            Set-Content $secret 'SECRET'
            $nuspec = "<?xml version=`"1.0`"?><!DOCTYPE package [<!ENTITY x SYSTEM `"file://$((Resolve-Path $secret).Path)`">]><package><metadata><id>Hostile.Xxe</id><version>1.0.0</version><authors>t</authors><description>&x;</description></metadata></package>"
            Invoke-HostileCase -Id 'Hostile.Xxe' -ExpectedCode 'PackageNotFound' -Build {
                param($Path)
                New-ModulePackage -Path $Path -Id 'Hostile.Xxe' -Nuspec $nuspec
            }
        }
    }
}
