# Runs in separate pwsh processes sharing one cache: each run's folder is owned by its run, so installs, garbage
# collection and Clear-DepResolveCache in other processes never take it away mid-run. Every script lives in a folder
# of its own (lock files per script are another matter). Against the Publish-PSResource feed, registered as ContosoFeed.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    $script:SavedSettings = Use-IsolatedUserSettings (Get-PublishedFeed)
    $script:Pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    $script:WaitLimit = [TimeSpan]::FromMinutes(8)

    # Runs one script with Invoke-ScriptTest in its own pwsh and writes the result (or the error) to <Script>.result.json.
    $script:Runner = Join-Path $TestDrive 'run-one.ps1'
    Set-Content $Runner @'
param([string] $Module, [string] $Script, [string] $Cache)
Import-Module $Module
$result = Invoke-ScriptTest -Path $Script -CacheDirectory $Cache -ErrorVariable failures -ErrorAction SilentlyContinue
[pscustomobject]@{
    Success      = [bool] $result.Success
    ErrorMessage = "$($result.ErrorMessage)"
    Output       = "$($result.Output)"
    Errors       = @($failures | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" })
} | ConvertTo-Json | Set-Content -LiteralPath "$Script.result.json"
'@

    function Start-Run([string] $Script, [string] $Cache) {
        <# Starts Invoke-ScriptTest of one script in a new pwsh; returns the process. #>
        Start-Process -FilePath $Pwsh -PassThru -RedirectStandardOutput "$Script.stdout" -RedirectStandardError "$Script.stderr" `
            -ArgumentList '-NoProfile', '-NonInteractive', '-File', $Runner, $ModuleManifest, $Script, $Cache
    }

    function Wait-Run($Process, [string] $Script) {
        <# Waits for a Start-Run process; returns the result it wrote. #>
        if (-not $Process.WaitForExit([int] $WaitLimit.TotalMilliseconds)) {
            Stop-Process -Id $Process.Id -Force -ErrorAction Ignore
            throw "The run of $Script did not end within $WaitLimit."
        }
        if (-not (Test-Path "$Script.result.json")) {
            throw "The run of $Script wrote no result: $(Get-Content "$Script.stderr" -Raw)"
        }
        Get-Content "$Script.result.json" -Raw | ConvertFrom-Json
    }

    function Wait-File([string] $Path, $Process) {
        <# Waits until a run's script has written $Path (it has started) or its process has ended. #>
        $deadline = [DateTime]::UtcNow + $WaitLimit
        while (-not (Test-Path $Path) -and -not $Process.HasExited -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
        Test-Path $Path | Should -BeTrue -Because "the script writes $Path as soon as it runs"
    }
}

AfterAll {
    Restore-UserSettings $SavedSettings
    Remove-Module DepResolve -ErrorAction SilentlyContinue
}

Describe 'Eight pwsh processes run different scripts on one cold cache' {
    BeforeAll {
        $cache = Join-Path $TestDrive 'cold-cache'
        $scripts = foreach ($index in 1..8) {
            $folder = New-ContosoProject -Path (Join-Path $TestDrive "parallel-$index")
            $script = Join-Path $folder "script$index.ps1"
            $body = switch ($index % 4) {
                0 { "#Requires -Modules @{ ModuleName = 'Contoso.Greeting'; RequiredVersion = '1.0.0' }`nGet-ContosoGreeting -Name 'run $index'" }
                1 { "#Requires -Modules Contoso.Greeting`nGet-ContosoGreeting -Name 'run $index'" }
                2 { "#Requires -Modules Contoso.Report`nNew-ContosoReport -Title 'run $index'" }
                3 { "#Requires -Modules Contoso.Text`nConvertTo-ContosoBanner -Text 'run $index'" }
            }
            Set-Content $script $body
            $script
        }
        $processes = @($scripts | ForEach-Object { Start-Run $_ $cache })
        $results = for ($i = 0; $i -lt 8; $i++) { Wait-Run $processes[$i] $scripts[$i] }
    }

    It 'every run succeeds' {
        foreach ($result in $results) {
            $result.Success | Should -BeTrue -Because "$($result.ErrorMessage) $($result.Errors)"
            $result.Errors | Should -BeNullOrEmpty
        }
    }

    It 'every run printed what its own script and its own module versions print' {
        foreach ($index in 1..8) {
            $expected = switch ($index % 4) {
                0 { "Hello, run $index! (Greeting 1.0.0)" }
                1 { "Hello, run $index! (Greeting 2.0.0)" }
                2 { "* Report: run $index *" }
                3 { "** run $index **" }
            }
            $results[$index - 1].Output | Should -Match ([regex]::Escape($expected))
        }
    }

    It 'leaves no run folder behind in the cache' {
        @(Get-ChildItem (Join-Path $cache 'tmp') -Directory -Filter 'run*' -ErrorAction Ignore) | Should -BeNullOrEmpty
    }
}

Describe 'Clear-DepResolveCache and installs in another process while a script runs' {
    It 'leave the run''s folder and environment alone: the run''s result is correct' {
        $cache = Join-Path $TestDrive 'shared-cache'
        $folder = New-ContosoProject -Path (Join-Path $TestDrive 'waiting')
        $started = Join-Path $folder 'started'
        $release = Join-Path $folder 'release'
        $script = Join-Path $folder 'waits.ps1'
        Set-Content $script @"
#Requires -Modules Contoso.Greeting
Set-Content -LiteralPath '$started' 'running'
while (-not (Test-Path -LiteralPath '$release')) { Start-Sleep -Milliseconds 100 }
Get-ContosoGreeting -Name 'after the clear'
"@
        $other = New-ContosoProject -Path (Join-Path $TestDrive 'other')
        $otherScript = Join-Path $other 'report.ps1'
        Set-Content $otherScript "#Requires -Modules Contoso.Report`nNew-ContosoReport -Title 'meanwhile'"

        $waiting = Start-Run $script $cache
        try {
            Wait-File $started $waiting
            $cleared = & $Pwsh -NoProfile -NonInteractive -Command "Import-Module '$ModuleManifest'; Clear-DepResolveCache -CacheDirectory '$cache' -Confirm:`$false | ConvertTo-Json" 2>&1
            $LASTEXITCODE | Should -Be 0 -Because "$cleared"
            $meanwhile = Wait-Run (Start-Run $otherScript $cache) $otherScript
            $meanwhile.Success | Should -BeTrue -Because $meanwhile.ErrorMessage
            Set-Content $release 'go'
            $result = Wait-Run $waiting $script
        } finally {
            Set-Content $release 'go'
            Stop-Process -Id $waiting.Id -Force -ErrorAction Ignore
        }

        $result.Success | Should -BeTrue -Because "$($result.ErrorMessage) $($result.Errors)"
        $result.Output | Should -Match ([regex]::Escape('Hello, after the clear! (Greeting 2.0.0)'))
    }
}
