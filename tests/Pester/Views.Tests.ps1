# Every table view of DepResolve.format.ps1xml, rendered as a user's console renders it (Out-String at 80 and 120
# columns): the headers that matter are there, values a user copies (environment ids, file:line) are whole, and
# no column is squeezed so narrow that its header is printed one letter per line.
BeforeDiscovery {
    $views = @(
        @{ View = 'ScriptDependency'; Width = 80; Headers = 'Name', 'Kind', 'Version', 'Evidence'; Values = 'Contoso.Greeting', 'NuGetDirective', 'Newtonsoft.Json', '[13.0.1, )' }
        @{ View = 'ScriptDependency'; Width = 120; Headers = 'Name', 'Kind', 'Version', 'Evidence', 'Package', 'Where'; Values = 'deploy.ps1:1', 'deploy.ps1:3', 'NuGetDirective' }
        @{ View = 'ResolutionResult'; Width = 80; Headers = 'Success', 'Policy', 'Packages', 'Environment'; Values = '<EnvironmentId>', 'Highest' }
        @{ View = 'ResolutionResult'; Width = 120; Headers = 'Success', 'Policy', 'Packages', 'CacheHit', 'Time', 'Environment', 'Details'; Values = '<EnvironmentId>', 'Contoso.Greeting 2.0.0, Contoso.Text 1.2.0' }
        @{ View = 'FailedResolution'; Width = 80; Headers = 'Success', 'Environment'; Values = 'False', '(not installed)' }
        @{ View = 'FailedResolution'; Width = 120; Headers = 'Success', 'Environment', 'Details'; Values = '(not installed)', 'Contoso.Missing' }
        @{ View = 'ResolvedPackage'; Width = 80; Headers = 'Id', 'Version', 'Source', 'Size'; Values = 'Contoso.Greeting', '2.0.0', 'ContosoFeed', 'KB' }
        @{ View = 'ResolvedPackage'; Width = 120; Headers = 'Id', 'Version', 'Source', 'Size', 'Reason'; Values = 'deploy.ps1 -> Contoso.Greeting' }
        @{ View = 'ScriptTestResult'; Width = 80; Headers = 'Script', 'Success', 'Attempts', 'Tests', 'Time'; Values = 'greet.ps1', '1 passed 1 failed 0 skipped', 'dynamic.ps1' }
        @{ View = 'ScriptTestResult'; Width = 120; Headers = 'Script', 'Success', 'Attempts', 'Tests', 'Time', 'AddedOnRetry', 'Error'; Values = 'ConvertTo-Banner', 'broken on purpose' }
        @{ View = 'ScriptError'; Width = 80; Headers = 'FullyQualifiedErrorId', 'Target', 'Where', 'Message'; Values = 'fail.ps1:4' }
        @{ View = 'ScriptError'; Width = 120; Headers = 'FullyQualifiedErrorId', 'Target', 'Where', 'Message'; Values = 'fail.ps1:4', 'broken on purpose' }
        @{ View = 'EnvironmentInfo'; Width = 80; Headers = 'Id', 'Packages', 'LastUsed', 'Path'; Values = '<EnvironmentId>' }
        @{ View = 'EnvironmentInfo'; Width = 120; Headers = 'Id', 'Packages', 'LastUsed', 'Path'; Values = '<EnvironmentId>', '<CacheRoot>' }
        @{ View = 'InstalledModule'; Width = 80; Headers = 'Requirement', 'Name', 'Version', 'Path'; Values = 'Pester [5.0.0, )', '<PesterVersion>' }
        @{ View = 'InstalledModule'; Width = 120; Headers = 'Requirement', 'Name', 'Version', 'Path'; Values = 'Pester [5.0.0, )', '<PesterVersion>', '<PesterBase>' }
        @{ View = 'CacheCleanupResult'; Width = 80; Headers = 'Environments', 'Packages', 'Freed', 'CacheRoot'; Values = 'MB' }
        @{ View = 'CacheCleanupResult'; Width = 120; Headers = 'Environments', 'Packages', 'Freed', 'CacheRoot'; Values = '<CacheRoot>' }
    )
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    $script:SavedSettings = Use-IsolatedUserSettings (Get-PublishedFeed)
    $script:HandBuilt = New-TestFeed -Destination (Join-Path $TestDrive 'hand-built-feed')
    $project = New-ContosoProject -Path (Join-Path $TestDrive 'project')
    $cache = Join-Path $TestDrive 'cache'
    $deploy = Join-Path $project 'deploy.ps1'

    $resolved = Resolve-ScriptDependency $deploy -CacheDirectory $cache
    # Each script in a folder of its own: the lock file deploy.ps1's install wrote would make the others Locked.
    $missing = New-ContosoProject -Path (Join-Path $TestDrive 'missing')
    Set-Content (Join-Path $missing 'missing.ps1') '#Requires -Modules Contoso.Missing'
    $failed = Resolve-ScriptDependency (Join-Path $missing 'missing.ps1') -CacheDirectory $cache -ErrorAction SilentlyContinue

    $greet = New-ContosoProject -Path (Join-Path $TestDrive 'greet')
    Set-Content (Join-Path $greet 'greet.ps1') "#Requires -Modules Contoso.Greeting`nfunction Get-Message { Get-ContosoGreeting }"
    Set-Content (Join-Path $greet 'greet.Tests.ps1') @'
BeforeAll { . (Join-Path $PSScriptRoot 'greet.ps1') }
Describe 'greet' { It 'greets' { Get-Message | Should -Match 'Hello' }; It 'fails' { 1 | Should -Be 2 } }
'@
    $fail = New-ContosoProject -Path (Join-Path $TestDrive 'fail')
    Set-Content (Join-Path $fail 'fail.ps1') "#Requires -Modules Contoso.Greeting`nGet-ContosoGreeting`nWrite-Error 'broken on purpose'`nthrow 'broken on purpose'"
    $retryFolder = Join-Path $TestDrive 'retry'
    New-Item -ItemType Directory -Path $retryFolder | Out-Null
    Set-Content (Join-Path $retryFolder 'dynamic.ps1') "`$command = 'ConvertTo-{0}' -f 'Banner'`n& `$command -Text 'late'"
    # Both fail on purpose: their error records are not what this file looks at.
    $tested = Invoke-ScriptTest (Join-Path $greet 'greet.ps1') -CacheDirectory $cache -ErrorAction SilentlyContinue
    $broken = Invoke-ScriptTest (Join-Path $fail 'fail.ps1') -CacheDirectory $cache -ErrorAction SilentlyContinue
    Set-Content (Join-Path $project 'tool.csx') '#r "nuget: Newtonsoft.Json, 13.0.1"'
    $retried = Invoke-ScriptTest (Join-Path $retryFolder 'dynamic.ps1') -Repository $HandBuilt -CacheDirectory $cache

    # A module the suite's own Pester 5 (on $env:PSModulePath) satisfies, with -UseInstalledModules.
    $installed = New-ContosoProject -Path (Join-Path $TestDrive 'installed')
    Set-Content (Join-Path $installed 'tests.ps1') "#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }"
    $usedInstalled = Resolve-ScriptDependency (Join-Path $installed 'tests.ps1') -UseInstalledModules -CacheDirectory $cache -NoInstall
    $pester = Get-Module Pester -ListAvailable | Where-Object { $_.Version.Major -eq 5 } | Sort-Object Version -Descending | Select-Object -First 1

    $environment = Get-DepResolveEnvironment -CacheDirectory $cache -Id $resolved.EnvironmentId
    $script:Objects = @{
        ScriptDependency   = @(Get-ScriptDependency $deploy) + @(Get-ScriptDependency (Join-Path $project 'tool.csx'))
        ResolutionResult   = $resolved
        FailedResolution   = $failed
        ResolvedPackage    = $resolved.ResolvedPackages
        ScriptTestResult   = @($tested, $broken, $retried)
        ScriptError        = $broken.Errors | Where-Object FullyQualifiedErrorId -NotLike '*WriteErrorException*'
        EnvironmentInfo    = $environment
        InstalledModule    = $usedInstalled.InstalledModules
        CacheCleanupResult = $null
    }
    $script:Placeholders = @{
        '<EnvironmentId>' = $resolved.EnvironmentId; '<CacheRoot>' = [System.IO.Path]::GetFullPath($cache)
        '<PesterVersion>' = $pester.Version.ToString(); '<PesterBase>' = $pester.ModuleBase
    }
    $script:Objects.CacheCleanupResult = Clear-DepResolveCache -CacheDirectory $cache -Confirm:$false
}

AfterAll {
    Restore-UserSettings $SavedSettings
    Remove-Module DepResolve -ErrorAction SilentlyContinue
}

Describe 'The <View> view at <Width> columns' -ForEach $views {
    BeforeAll {
        $objects = @($Objects[$View])
        $text = $objects | Out-String -Width $Width
        $lines = $text -split "`r?`n"
        $headerLine = $lines | Where-Object { $_ -match '\S' } | Select-Object -First 1
    }

    It 'is rendered as a table from the module''s view' {
        $objects | Should -Not -BeNullOrEmpty
        $text | Should -Match '(?m)^-{2,}'
        foreach ($line in $lines) { $line.TrimEnd().Length | Should -BeLessOrEqual $Width }
    }

    It 'shows the columns that matter' {
        foreach ($header in $Headers) {
            $headerLine | Should -Match "(^|\s)$([regex]::Escape($header))(\s|$)" -Because "the $View view needs its $header column at $Width columns"
        }
    }

    It 'shows the values a user reads or copies in full' {
        foreach ($value in $Values) {
            $expected = if ($Placeholders.ContainsKey($value)) { $Placeholders[$value] } else { $value }
            $text | Should -Match ([regex]::Escape($expected)) -Because "the $View view at $Width columns"
        }
    }

    It 'squeezes no column into a header printed letter by letter' {
        $text | Should -Not -Match '(?m)^\s{20,}\S\s*\r?\n\s{20,}\S\s*$'
    }
}

Describe 'Values the views show' {
    It 'show the environment id whole, as Get-DepResolveEnvironment -Id accepts it' {
        $id = $Placeholders['<EnvironmentId>']
        $id.Length | Should -Be 24
        ($Objects.ResolutionResult | Out-String -Width 80) | Should -Match "\b$id\b"
    }

    It 'label the test counts instead of an unlabelled 1/1/0' {
        ($Objects.ScriptTestResult[0] | Out-String -Width 120) | Should -Not -Match '\b1/1/0\b'
    }

    It 'report a small cleanup in KB, not 0.0 MB' {
        $small = Join-Path $TestDrive 'small-cache'
        Resolve-ScriptDependency -Path (Join-Path $RepositoryRoot 'examples/hello.ps1') -Repository $HandBuilt -CacheDirectory $small -LockFile (Join-Path $small 'lock.json') | Out-Null
        $cleared = Clear-DepResolveCache -CacheDirectory $small -Confirm:$false
        $cleared.FreedBytes | Should -BeGreaterThan 0
        $cleared.FreedBytes | Should -BeLessThan 100KB
        $text = $cleared | Out-String -Width 80
        $text | Should -Not -Match '0\.0 MB'
        $text | Should -Match '\d+\.\d KB'
    }

    It 'print an open range in the Reason as words, not "(, )"' {
        $text = $Objects.ResolvedPackage | Out-String -Width 120
        $text | Should -Not -Match '\(, \)'
        $text | Should -Match 'deploy\.ps1 -> Contoso\.Greeting \(any version\)'
    }

    It 'point a Write-Error at the script''s file:line, not the runner''s' {
        # Issue 13 (CI error records): a non-terminating error's ScriptPosition is the bootstrap's invocation line.
        $writeError = $Objects.ScriptTestResult[1].Errors | Where-Object FullyQualifiedErrorId -Like '*WriteErrorException*'
        "$($writeError.ScriptPosition)" | Should -Match 'fail\.ps1:3'
    }
}
