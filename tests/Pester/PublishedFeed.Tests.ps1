# The cmdlets against a feed made the way PowerShell users make one: New-ModuleManifest and Publish-PSResource
# (Common.ps1's New-PublishedFeed), registered as ContosoFeed in a PSResourceGet store of its own. Such packages
# carry only the PSModule tag; commands are found through #Requires and depresolve.json's commandMappings.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    $script:Feed = Get-PublishedFeed
    $script:SavedSettings = Use-IsolatedUserSettings $Feed

    function Format-Packages($Result) { @($Result.ResolvedPackages | ForEach-Object { '{0} {1}' -f $_.Id, $_.Version }) }
}

AfterAll {
    Restore-UserSettings $SavedSettings
    Remove-Module DepResolve -ErrorAction SilentlyContinue
}

Describe 'The feed Publish-PSResource made' {
    It 'holds every published version as Id.Version.nupkg' {
        $names = (Get-ChildItem $Feed.Path -Filter *.nupkg).Name | Sort-Object
        $names | Should -Contain 'Contoso.Greeting.1.0.0.nupkg'
        $names | Should -Contain 'Contoso.Greeting.2.0.0.nupkg'
        $names | Should -Contain 'Contoso.Text.1.3.0-preview1.nupkg'
        $names | Should -Contain "Pester.$($Feed.PesterVersion).nupkg"
    }

    It 'carries only the PSModule tag and the RequiredModules as nuspec dependencies' {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [System.IO.Compression.ZipFile]::OpenRead((Join-Path $Feed.Path 'Contoso.Greeting.2.0.0.nupkg'))
        try {
            $entry = $zip.Entries | Where-Object Name -eq 'Contoso.Greeting.nuspec'
            $reader = [System.IO.StreamReader]::new($entry.Open())
            [xml] $nuspec = $reader.ReadToEnd()
            $reader.Dispose()
        }
        finally {
            $zip.Dispose()
        }
        $nuspec.package.metadata.tags | Should -Be 'PSModule'
        $nuspec.package.metadata.dependencies.dependency.id | Should -Be 'Contoso.Text'
        $nuspec.package.metadata.dependencies.dependency.version | Should -Be '[1.2.0, 1.9.9]'
    }

    It 'was registered in a PSResourceGet store of its own, not the user''s' {
        $Feed.StoreFile | Should -Exist
        $store = [xml](Get-Content $Feed.StoreFile -Raw)
        @($store.configuration.Repository).Name | Should -Be @('ContosoFeed')
        $userStore = Join-Path $HOME '.local/share/PSResourceGet/PSResourceRepository.xml'
        if (Test-Path $userStore) {
            Get-Content $userStore -Raw | Should -Not -Match 'ContosoFeed'
        }
        Join-Path $RepositoryRoot 'PSResourceGet' | Should -Not -Exist -Because 'an empty LocalApplicationData makes PSResourceGet write under the current folder'
    }
}

Describe 'Resolving from the published feed' {
    BeforeEach {
        $script:Project = New-ContosoWorkspace
    }

    It 'finds the repository by its registered name' {
        $result = Resolve-ScriptDependency $Project.Deploy -Repository ContosoFeed -CacheDirectory $Project.Cache -NoInstall
        $result.Success | Should -BeTrue -Because $result.ErrorDetails
        $result.ResolvedPackages.Source | Sort-Object -Unique | Should -Be 'ContosoFeed'
    }

    It 'uses the registered repositories when -Repository is omitted' {
        $result = Resolve-ScriptDependency $Project.Deploy -CacheDirectory $Project.Cache -NoInstall -Verbose 4>&1 |
            Tee-Object -Variable all | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
        $result.Success | Should -BeTrue -Because $result.ErrorDetails
        ($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n" |
            Should -Match 'Repository ContosoFeed'
    }

    It 'completes -Repository with the registered name' {
        $line = 'Resolve-ScriptDependency -Repository Con'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('ContosoFeed')
    }

    It 'takes the folder path as well as the name' {
        $result = Resolve-ScriptDependency $Project.Deploy -Repository $Feed.Path -CacheDirectory $Project.Cache -NoInstall
        Format-Packages $result | Should -Be @('Contoso.Greeting 2.0.0', 'Contoso.Text 1.2.0')
    }

    It 'Highest: the newest Contoso.Greeting and the newest Contoso.Text its range allows' {
        $result = Resolve-ScriptDependency $Project.Deploy -Policy Highest -CacheDirectory $Project.Cache -NoInstall
        $result.Policy | Should -Be 'Highest'
        Format-Packages $result | Should -Be @('Contoso.Greeting 2.0.0', 'Contoso.Text 1.2.0')
    }

    It 'Lowest: the lowest versions that satisfy the manifests' {
        $result = Resolve-ScriptDependency $Project.Deploy -Policy Lowest -CacheDirectory $Project.Cache -NoInstall
        Format-Packages $result | Should -Be @('Contoso.Greeting 1.0.0', 'Contoso.Text 1.0.0')
    }

    It 'Minimal: the minimum each requirement names' {
        $result = Resolve-ScriptDependency $Project.Deploy -Policy Minimal -CacheDirectory $Project.Cache -NoInstall
        $result.Policy | Should -Be 'Minimal'
        Format-Packages $result | Should -Be @('Contoso.Greeting 1.0.0', 'Contoso.Text 1.0.0')
    }

    It 'leaves out the prerelease unless -AllowPrerelease' {
        Format-Packages (Resolve-ScriptDependency $Project.Deploy -CacheDirectory $Project.Cache -NoInstall) | Should -Not -Contain 'Contoso.Text 1.3.0-preview1'
        $result = Resolve-ScriptDependency $Project.Deploy -AllowPrerelease -CacheDirectory $Project.Cache -NoInstall
        Format-Packages $result | Should -Be @('Contoso.Greeting 2.0.0', 'Contoso.Text 1.3.0-preview1')
    }

    It 'honours the version a #Requires hashtable names' {
        Set-Content $Project.Deploy "#Requires -Modules @{ ModuleName = 'Contoso.Greeting'; RequiredVersion = '1.0.0' }`nGet-ContosoGreeting"
        $result = Resolve-ScriptDependency $Project.Deploy -CacheDirectory $Project.Cache -NoInstall
        Format-Packages $result | Should -Be @('Contoso.Greeting 1.0.0', 'Contoso.Text 1.2.0')
    }

    It 'chooses versions that satisfy every module: Contoso.Report pins Contoso.Text 1.0.0' {
        Set-Content $Project.Deploy "#Requires -Modules Contoso.Greeting, Contoso.Report`nGet-ContosoGreeting; New-ContosoReport -Title x"
        $result = Resolve-ScriptDependency $Project.Deploy -CacheDirectory $Project.Cache -NoInstall
        $result.Success | Should -BeTrue -Because $result.ErrorDetails
        Format-Packages $result | Should -Contain 'Contoso.Text 1.0.0'
        Format-Packages $result | Should -Contain 'Contoso.Greeting 1.0.0' -Because 'Contoso.Greeting 2.0.0 needs Contoso.Text 1.2.0 or later'
    }

    It 'reports requirements no version can satisfy as VersionConflict naming the package' {
        Set-Content $Project.Deploy "#Requires -Modules @{ ModuleName = 'Contoso.Greeting'; RequiredVersion = '2.0.0' }, Contoso.Report"
        $result = Resolve-ScriptDependency $Project.Deploy -CacheDirectory $Project.Cache -ErrorVariable failures -ErrorAction SilentlyContinue
        $result.Success | Should -BeFalse
        $failures[0].FullyQualifiedErrorId | Should -Be 'VersionConflict,DepResolve.Cmdlets.ResolveScriptDependencyCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidResult'
        $failures[0].Exception.Message | Should -Match 'Contoso\.Text'
        $Project.Lock | Should -Not -Exist
        @(Get-DepResolveEnvironment -CacheDirectory $Project.Cache).Count | Should -Be 0
    }

    It 'reports a module the feed does not have as PackageNotFound naming it and the feed' {
        Set-Content $Project.Deploy '#Requires -Modules Contoso.Missing'
        Resolve-ScriptDependency $Project.Deploy -CacheDirectory $Project.Cache -ErrorVariable failures -ErrorAction SilentlyContinue | Out-Null
        $failures[0].FullyQualifiedErrorId | Should -Be 'PackageNotFound,DepResolve.Cmdlets.ResolveScriptDependencyCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].Exception.Message | Should -Match 'Contoso\.Missing'
        $failures[0].Exception.Message | Should -Match 'ContosoFeed'
    }

    It 'installs both modules with their manifests into one environment and locks them' {
        $result = Resolve-ScriptDependency $Project.Deploy -CacheDirectory $Project.Cache
        $result.Success | Should -BeTrue -Because $result.ErrorDetails
        foreach ($folder in $result.ModulePath -split [System.IO.Path]::PathSeparator) {
            Get-ChildItem $folder -Recurse -Filter *.psd1 | Should -Not -BeNullOrEmpty -Because "$folder holds a module"
        }
        $lock = Get-Content $Project.Lock -Raw
        $lock | Should -Match '"Contoso.Greeting"'
        $lock | Should -Match '"Contoso.Text"'
    }

    It 'resolves -Offline from what the cache holds after an online run' {
        Resolve-ScriptDependency $Project.Deploy -CacheDirectory $Project.Cache -LockFile (Join-Path $Project.Path 'online.json') | Out-Null
        $result = Resolve-ScriptDependency $Project.Deploy -Offline -CacheDirectory $Project.Cache -NoInstall
        $result.Success | Should -BeTrue -Because $result.ErrorDetails
        Format-Packages $result | Should -Be @('Contoso.Greeting 2.0.0', 'Contoso.Text 1.2.0')
    }

    It 'reads a folder feed with -Offline and an empty cache: a folder needs no network' {
        $result = Resolve-ScriptDependency $Project.Deploy -Offline -CacheDirectory $Project.Cache -NoInstall
        $result.Success | Should -BeTrue -Because $result.ErrorDetails
        Format-Packages $result | Should -Contain 'Contoso.Greeting 2.0.0'
    }

    It 'takes -Offline with the registered name after an online run with the folder path' {
        # A registered name and its folder are the same feed: the metadata cache is keyed by the feed's location.
        Resolve-ScriptDependency $Project.Deploy -Repository $Feed.Path -CacheDirectory $Project.Cache -NoInstall | Out-Null
        $result = Resolve-ScriptDependency $Project.Deploy -Repository ContosoFeed -Offline -CacheDirectory $Project.Cache -NoInstall
        $result.Success | Should -BeTrue -Because $result.ErrorDetails
    }
}

Describe 'Running scripts against the published feed' {
    BeforeAll {
        $script:Project = New-ContosoWorkspace
    }

    It 'runs deploy.ps1 with Contoso.Greeting 2.0.0 and Contoso.Text 1.2.0 loaded' {
        $result = Invoke-ScriptTest $Project.Deploy -CacheDirectory $Project.Cache
        $result.Success | Should -BeTrue -Because $result.ErrorMessage
        $result.Output | Should -Match '\*\* Hello, deploy! \(Greeting 2\.0\.0\) \*\*'
        $result.Attempts | Should -Be 1
    }

    It 'passes -Parameters through and reuses the environment' {
        $first = Invoke-ScriptTest $Project.Deploy -CacheDirectory $Project.Cache
        $result = Invoke-ScriptTest $Project.Deploy -Parameters @{ Name = 'Contoso' } -CacheDirectory $Project.Cache
        $result.Output | Should -Match 'Hello, Contoso!'
        $result.EnvironmentId | Should -Be $first.EnvironmentId
    }

    It 'runs in the environment Resolve-ScriptDependency piped in (-Environment)' {
        $lowest = Resolve-ScriptDependency $Project.Deploy -Policy Lowest -CacheDirectory $Project.Cache -LockFile (Join-Path $Project.Path 'lowest.json')
        $result = $lowest | Invoke-ScriptTest -Path $Project.Deploy -CacheDirectory $Project.Cache
        $result.Success | Should -BeTrue -Because $result.ErrorMessage
        $result.EnvironmentId | Should -Be $lowest.EnvironmentId
        $result.Output | Should -Match '^\* Hello, deploy! \(Greeting 1\.0\.0\) \*'
    }

    It 'runs Pester tests with the Pester the feed has' {
        $folder = Join-Path $Project.Path 'tested'
        New-Item -ItemType Directory -Path $folder | Out-Null
        Set-Content (Join-Path $folder 'greet.ps1') "#Requires -Modules Contoso.Greeting`nfunction Get-Message { Get-ContosoGreeting -Name 'tests' }"
        Set-Content (Join-Path $folder 'greet.Tests.ps1') @'
BeforeAll { . (Join-Path $PSScriptRoot 'greet.ps1') }
Describe 'greet.ps1' {
    It 'greets' { Get-Message | Should -Match 'Hello, tests!' }
    It 'fails on purpose' { Get-Message | Should -Be 'nothing' }
}
'@
        $result = Invoke-ScriptTest (Join-Path $folder 'greet.ps1') -CacheDirectory $Project.Cache
        $result.Mode | Should -Be 'Pester'
        $result.Passed | Should -Be 1
        $result.Failed | Should -Be 1
        $result.FailedTests | Should -Match 'fails on purpose'
        $result.Success | Should -BeFalse
    }

    It 'sees only the environment''s modules, and the user''s too with -InheritModulePath' {
        $folder = Join-Path $TestDrive 'modulepath'
        New-Item -ItemType Directory -Path $folder | Out-Null
        $script = Join-Path $folder 'paths.ps1'
        Set-Content $script "#Requires -Modules Contoso.Text`n`$env:PSModulePath -split [IO.Path]::PathSeparator"
        $isolated = Invoke-ScriptTest $script -CacheDirectory $Project.Cache
        $isolated.Success | Should -BeTrue -Because $isolated.ErrorMessage
        $isolatedPaths = @($isolated.Output -split "`r?`n" | Where-Object { $_ })
        # pwsh itself always adds $PSHOME/Modules (the modules that ship with it); nothing else is there.
        $cacheRoot = [System.IO.Path]::GetFullPath($Project.Cache)
        $isolatedPaths | Where-Object { $_ -notlike "$cacheRoot*" } | Should -Be @(Join-Path $PSHOME 'Modules')

        $inherited = Invoke-ScriptTest $script -InheritModulePath -CacheDirectory $Project.Cache
        $inheritedPaths = @($inherited.Output -split "`r?`n" | Where-Object { $_ })
        $inheritedPaths[0] | Should -BeLike "$cacheRoot*" -Because 'the environment comes first'
        $userModules = $env:PSModulePath -split [System.IO.Path]::PathSeparator | Where-Object { $_ -and $_ -notlike "$cacheRoot*" }
        foreach ($folder in $userModules) {
            $inheritedPaths | Should -Contain $folder -Because 'the user''s module folders are added after the environment'
        }
    }

    It 'follows dot-sourced scripts with Resolve-ScriptDependency -Recurse' {
        $folder = Join-Path $TestDrive 'recurse'
        New-Item -ItemType Directory -Path (Join-Path $folder 'lib') -Force | Out-Null
        Set-Content (Join-Path $folder 'main.ps1') ". (Join-Path `$PSScriptRoot 'lib/report.ps1')"
        Set-Content (Join-Path $folder 'lib/report.ps1') '#Requires -Modules Contoso.Report'
        $result = Resolve-ScriptDependency (Join-Path $folder 'main.ps1') -Recurse -CacheDirectory $Project.Cache -NoInstall
        $result.ResolvedPackages.Id | Should -Be @('Contoso.Report', 'Contoso.Text')
    }

    It 'needs the module a module-qualified call names (Contoso.Greeting\Get-ContosoGreeting)' {
        # Issue 12 (commands credited to modules): the reader takes Module\Command for a relative script path and
        # reports a Script dependency 'Contoso.Greeting/Get-ContosoGreeting' (DotSource) instead of the module.
        $dependencies = Get-ScriptDependency -ScriptDefinition 'Contoso.Greeting\Get-ContosoGreeting -Name qualified'
        $dependencies.Kind | Should -Not -Contain 'Script'
        ($dependencies | Where-Object Kind -eq 'Module').Name | Should -Contain 'Contoso.Greeting'
    }

    It 'resolves a declared module''s commands without a commandMappings entry' {
        # Issue 12: commands are credited to the modules the script declares, from what the packages export.
        $folder = Join-Path $TestDrive 'unmapped'
        New-Item -ItemType Directory -Path $folder | Out-Null
        Set-Content (Join-Path $folder 'deploy.ps1') "#Requires -Modules Contoso.Greeting`nGet-ContosoGreeting -Name unmapped"
        $result = Invoke-ScriptTest (Join-Path $folder 'deploy.ps1') -CacheDirectory $Project.Cache
        $result.Success | Should -BeTrue -Because $result.ErrorMessage
        $result.Output | Should -Match 'Hello, unmapped!'
    }

    It 'shows the package depresolve.json maps a command to' {
        # Issue 12: Get-ScriptDependency fills MappedPackage from the user map, and commands are not Kind=Module.
        $command = Get-ScriptDependency $Project.Deploy | Where-Object Name -eq 'Get-ContosoGreeting'
        $command.MappedPackage | Should -Be 'Contoso.Greeting'
        $command.Kind | Should -Not -Be 'Module'
    }
}
