# What a CI step and a PowerShell user see when a run fails: an error record besides the result (so -ErrorAction,
# $? and -ErrorVariable work), -EnableExit for the process exit code, *.Tests.ps1 files run as Pester, and the
# failed tests' names in the default output. Against the Publish-PSResource feed, registered as ContosoFeed.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    $script:SavedSettings = Use-IsolatedUserSettings (Get-PublishedFeed)
    $script:Pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    $script:Cache = Join-Path $TestDrive 'cache'

    $script:Project = New-ContosoProject -Path (Join-Path $TestDrive 'project')
    $script:Fails = Join-Path $Project 'fails.ps1'
    Set-Content $Fails "#Requires -Modules Contoso.Greeting`nGet-ContosoGreeting`nthrow 'broken on purpose'"
    $script:Passes = Join-Path $Project 'passes.ps1'
    Set-Content $Passes "#Requires -Modules Contoso.Greeting`nGet-ContosoGreeting -Name 'passes'"

    $missingFolder = New-ContosoProject -Path (Join-Path $TestDrive 'missing')
    $script:Unresolvable = Join-Path $missingFolder 'missing.ps1'
    Set-Content $Unresolvable '#Requires -Modules Contoso.Missing'

    $testsFolder = New-ContosoProject -Path (Join-Path $TestDrive 'tests')
    Set-Content (Join-Path $testsFolder 'greet.ps1') "#Requires -Modules Contoso.Greeting`nfunction Get-Message { Get-ContosoGreeting -Name 'tests' }"
    $script:FailingTests = Join-Path $testsFolder 'greet.Tests.ps1'
    Set-Content $FailingTests @'
BeforeAll { . (Join-Path $PSScriptRoot 'greet.ps1') }
Describe 'greet' {
    It 'greets' { Get-Message | Should -Match 'Hello, tests' }
    It 'counts to two' { 1 | Should -Be 2 }
}
'@
    $script:PassingTests = Join-Path $testsFolder 'passing.Tests.ps1'
    Set-Content $PassingTests @'
BeforeAll { . (Join-Path $PSScriptRoot 'greet.ps1') }
Describe 'passing' { It 'greets' { Get-Message | Should -Match 'Hello, tests' } }
'@

    function Invoke-CiStep([string] $Command) {
        <# Runs a CI step as a pipeline would: a new pwsh -Command; returns its exit code and what it printed. #>
        $output = & $Pwsh -NoProfile -NonInteractive -Command "Import-Module '$ModuleManifest'; $Command" 2>&1
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Text = $output | Out-String }
    }
}

AfterAll {
    Restore-UserSettings $SavedSettings
    Remove-Module DepResolve -ErrorAction SilentlyContinue
}

Describe 'A failed run writes an error record besides its result' {
    It 'a script that throws: ScriptFailed, targeting the script, in -ErrorVariable, and $? is false' {
        $result = Invoke-ScriptTest $Fails -CacheDirectory $Cache -ErrorVariable failures -ErrorAction SilentlyContinue
        $succeeded = $?
        $succeeded | Should -BeFalse
        $result.Success | Should -BeFalse
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ScriptFailed,*'
        $failures[0].TargetObject | Should -Be $Fails
        "$($failures[0])" | Should -Match 'fails\.ps1.*broken on purpose'
    }

    It 'a failed Pester test: TestFailed, naming the test and its message' {
        $result = Invoke-ScriptTest $FailingTests -CacheDirectory $Cache -ErrorVariable failures -ErrorAction SilentlyContinue
        $result.Failed | Should -Be 1
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'TestFailed,*'
        $failures[0].TargetObject | Should -Be $FailingTests
        "$($failures[0])" | Should -Match 'greet\.counts to two: Expected 2, but got 1'
    }

    It 'a resolution failure: the resolution''s code, naming the package' {
        $result = Invoke-ScriptTest $Unresolvable -CacheDirectory $Cache -ErrorVariable failures -ErrorAction SilentlyContinue
        $result.Success | Should -BeFalse
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'PackageNotFound,*'
        $failures[0].TargetObject | Should -Be $Unresolvable
        "$($failures[0])" | Should -Match 'Contoso\.Missing'
    }

    It '-ErrorAction Stop stops at the failed run, after its result was written' {
        $written = [System.Collections.Generic.List[object]]::new()
        $thrown = { Invoke-ScriptTest $Fails -CacheDirectory $Cache -ErrorAction Stop | ForEach-Object { $written.Add($_) }; $written.Add('went on') } |
            Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'ScriptFailed,*'
        $written | Should -HaveCount 1
        $written[0].Success | Should -BeFalse
    }

    It 'a run that passes writes no error and leaves $? true' {
        $result = Invoke-ScriptTest $Passes -CacheDirectory $Cache -ErrorVariable failures
        $succeeded = $?
        $succeeded | Should -BeTrue
        $result.Success | Should -BeTrue -Because $result.ErrorMessage
        $failures | Should -BeNullOrEmpty
    }
}

Describe 'A *.Tests.ps1 path runs as Pester' {
    It 'runs the tests in the file and counts them' {
        $result = Invoke-ScriptTest $PassingTests -CacheDirectory $Cache
        $result.Mode | Should -Be 'Pester'
        $result.Passed | Should -Be 1
        $result.Failed | Should -Be 0
        $result.Success | Should -BeTrue -Because $result.ErrorMessage
    }
}

Describe 'Failed tests in the default output' {
    It 'the console shows the failed test''s name and message at <_> columns' -ForEach 80, 120 {
        $text = Invoke-ScriptTest $FailingTests -CacheDirectory $Cache 2>&1 | Out-String -Width $_
        # The error view wraps long messages onto lines that start with '|'.
        $unwrapped = $text -replace '\r?\n\s*\|\s*', ' '
        $unwrapped | Should -Match 'greet\.counts to two: Expected 2, but got 1'
    }

    It 'a test file stopped at resolution shows no test counts: no test ran' {
        $tests = Join-Path (Split-Path $Unresolvable) 'missing.Tests.ps1'
        Set-Content $tests "#Requires -Modules Contoso.Missing`nDescribe 'never' { It 'runs' { 1 | Should -Be 1 } }"
        $result = Invoke-ScriptTest $tests -CacheDirectory $Cache -ErrorAction SilentlyContinue
        $result.Mode | Should -Be 'Pester'
        $result.Attempts | Should -Be 0
        $result | Out-String -Width 120 | Should -Not -Match 'passed'
    }

    It 'the result''s Error column names the failed test' {
        $result = Invoke-ScriptTest $FailingTests -CacheDirectory $Cache -ErrorAction SilentlyContinue
        ($result | Out-String -Width 200) | Should -Match 'greet\.counts to two: Expected 2, but got 1'
    }
}

Describe 'A CI step that runs Invoke-ScriptTest -EnableExit' {
    It 'exits non-zero when a test fails, even with commands after it' {
        $step = Invoke-CiStep "Invoke-ScriptTest '$FailingTests' -CacheDirectory '$Cache' -EnableExit; 'after the tests'"
        $step.ExitCode | Should -Be 1 -Because $step.Text
        $step.Text | Should -Match 'after the tests'
    }

    It 'exits with the number of failed scripts' {
        $step = Invoke-CiStep "'$FailingTests', '$Fails', '$Passes' | Invoke-ScriptTest -CacheDirectory '$Cache' -EnableExit; 'after the tests'"
        $step.ExitCode | Should -Be 2 -Because $step.Text
    }

    It 'exits zero when every test passes' {
        $step = Invoke-CiStep "Invoke-ScriptTest '$PassingTests' -CacheDirectory '$Cache' -EnableExit | Out-Null; 'after the tests'"
        $step.ExitCode | Should -Be 0 -Because $step.Text
    }

    It 'without -EnableExit, a failed run as the last command still fails the step ($? is false)' {
        $step = Invoke-CiStep "Invoke-ScriptTest '$FailingTests' -CacheDirectory '$Cache'"
        $step.ExitCode | Should -Not -Be 0 -Because $step.Text
    }
}
