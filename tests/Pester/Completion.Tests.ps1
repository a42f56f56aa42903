# Tab completion as the prompt does it (TabExpansion2): -Repository, -Policy, environment ids and cache folders.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    $script:Feed = Get-PublishedFeed
    $script:SavedSettings = Use-IsolatedUserSettings $Feed
    $script:Project = New-ContosoWorkspace
    $script:Environment = Resolve-ScriptDependency $Project.Deploy -CacheDirectory $Project.Cache

    function Get-Completion([string] $Line) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches
    }
}

AfterAll {
    Restore-UserSettings $SavedSettings
    Remove-Module DepResolve -ErrorAction SilentlyContinue
}

Describe 'Tab completion' {
    It 'completes -Repository with the registered names' {
        (Get-Completion 'Invoke-ScriptTest ./x.ps1 -Repository Cont').CompletionText | Should -Be @('ContosoFeed')
    }

    It 'completes -Policy with the policy names, in alphabetical order' {
        (Get-Completion 'Resolve-ScriptDependency ./x.ps1 -Policy ').CompletionText | Should -Be @('Highest', 'Locked', 'Lowest', 'Minimal')
        (Get-Completion 'Invoke-ScriptTest ./x.ps1 -Policy Lo').CompletionText | Should -Be @('Locked', 'Lowest')
    }

    It 'completes environment ids of the cache -CacheDirectory names, with the packages as tooltip' -ForEach @(
        @{ Command = 'Get-DepResolveEnvironment'; Parameter = '-Id' }
        @{ Command = 'Remove-DepResolveEnvironment'; Parameter = '-EnvironmentId' }
    ) {
        $found = Get-Completion "$Command -CacheDirectory '$($Project.Cache)' $Parameter $($Environment.EnvironmentId.Substring(0, 6))"
        $found.CompletionText | Should -Be @($Environment.EnvironmentId)
        $found[0].ToolTip | Should -Match 'Contoso\.Greeting 2\.0\.0'
    }

    It 'completes no environment id from a cache that does not hold it' {
        $empty = Join-Path $TestDrive 'empty-cache'
        Get-Completion "Get-DepResolveEnvironment -CacheDirectory '$empty' -Id $($Environment.EnvironmentId.Substring(0, 6))" | Should -BeNullOrEmpty
        $empty | Should -Not -Exist -Because 'completion writes nothing'
    }

    It 'completes -CacheDirectory with the cache in effect and the folders matching what was typed' {
        $saved = $env:DEPRESOLVE_CACHE
        $env:DEPRESOLVE_CACHE = $Project.Cache
        Push-Location $Project.Path
        try {
            (Get-Completion 'Clear-DepResolveCache -CacheDirectory ').CompletionText | Should -Contain $Project.Cache
            New-Item -ItemType Directory -Path (Join-Path $Project.Path 'caches/ci') -Force | Out-Null
            (Get-Completion 'Get-DepResolveEnvironment -CacheDirectory cach').CompletionText | Should -Be @('caches')
            (Get-Completion 'Invoke-ScriptTest ./deploy.ps1 -CacheDirectory caches/').CompletionText | Should -Be @('caches/ci')
        }
        finally {
            Pop-Location
            $env:DEPRESOLVE_CACHE = $saved
        }
    }
}
