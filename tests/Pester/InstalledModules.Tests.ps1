# -UseInstalledModules: modules the user already has (here the Pester 5 running this suite, on $env:PSModulePath)
# satisfy requirements their version fits, instead of a feed. Against a copy of the Contoso feed without Pester.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    $script:Feed = Get-PublishedFeed
    $script:SavedSettings = Use-IsolatedUserSettings $Feed
    $script:NoPester = Join-Path $TestDrive 'no-pester-feed'
    New-Item -ItemType Directory -Path $NoPester | Out-Null
    Get-ChildItem $Feed.Path -Filter 'Contoso.*.nupkg' | Copy-Item -Destination $NoPester
    $script:InstalledPester = Get-Module Pester -ListAvailable | Where-Object { $_.Version.Major -eq 5 } | Sort-Object Version -Descending | Select-Object -First 1
}

AfterAll {
    Restore-UserSettings $SavedSettings
    Remove-Module DepResolve -ErrorAction SilentlyContinue
}

Describe 'Modules the user already has' {
    BeforeEach {
        $script:Project = New-ContosoWorkspace
        Set-Content (Join-Path $Project.Path 'greet.ps1') "#Requires -Modules Contoso.Greeting`nfunction Get-Message { Get-ContosoGreeting -Name 'installed' }"
        Set-Content (Join-Path $Project.Path 'greet.Tests.ps1') @'
BeforeAll { . (Join-Path $PSScriptRoot 'greet.ps1') }
Describe 'greet.ps1' {
    It 'greets' { Get-Message | Should -Match 'Hello, installed!' }
}
'@
        $script:Script = Join-Path $Project.Path 'greet.ps1'
    }

    It 'are not used without the opt-in: the feed must have Pester, and the error names the switch that would use it' {
        $result = Invoke-ScriptTest $Script -Repository $NoPester -InheritModulePath -CacheDirectory $Project.Cache
        $result.Success | Should -BeFalse
        $result.ErrorMessage | Should -Match 'Pester'
        $result.ErrorMessage | Should -Match ([regex]::Escape("Pester $($InstalledPester.Version) is installed at $($InstalledPester.ModuleBase): -UseInstalledModules"))
        $result.InstalledModules | Should -BeNullOrEmpty
    }

    It 'with -UseInstalledModules -InheritModulePath, the Pester 5 installed for the user runs the tests, and the result says so' {
        $result = Invoke-ScriptTest $Script -Repository $NoPester -UseInstalledModules -InheritModulePath -CacheDirectory $Project.Cache -Verbose 4>&1 |
            Tee-Object -Variable all | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
        $result.Success | Should -BeTrue -Because "$($result.ErrorMessage) $($result.Output)"
        $result.Mode | Should -Be 'Pester'
        $result.Passed | Should -Be 1
        $used = @($result.InstalledModules)
        $used.Count | Should -Be 1
        $used[0].Name | Should -Be 'Pester'
        $used[0].Version | Should -Be $InstalledPester.Version.ToString()
        $used[0].Path | Should -Be $InstalledPester.ModuleBase
        $used[0].Requirement | Should -Be 'Pester [5.0.0, 6.0.0)'
        ($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n" |
            Should -Match ([regex]::Escape("satisfied by the installed module Pester $($InstalledPester.Version)"))
        Get-Content $Project.Lock -Raw -ErrorAction SilentlyContinue | Should -Not -Match '"Pester"' -Because 'a module the user has is not locked'
    }

    It 'Resolve-ScriptDependency -UseInstalledModules records the requirement and adds the module''s folder to ModulePath' {
        Set-Content $Script "#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }, Contoso.Greeting"
        $result = Resolve-ScriptDependency $Script -Repository $NoPester -UseInstalledModules -CacheDirectory $Project.Cache
        $result.Success | Should -BeTrue -Because $result.ErrorDetails
        $result.ResolvedPackages.Id | Should -Be @('Contoso.Greeting', 'Contoso.Text')
        $result.InstalledModules.Name | Should -Be 'Pester'
        $result.ModulePath -split [System.IO.Path]::PathSeparator | Should -Contain (Split-Path (Split-Path $InstalledPester.ModuleBase))
    }
}
