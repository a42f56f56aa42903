# Results of Get-ScriptDependency and Resolve-ScriptDependency piped into Invoke-ScriptTest run their scripts: a
# resolution's script in the environment it produced, dependencies' scripts once each. Against the
# Publish-PSResource feed, registered as ContosoFeed.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    $script:SavedSettings = Use-IsolatedUserSettings (Get-PublishedFeed)
}

AfterAll {
    Restore-UserSettings $SavedSettings
    Remove-Module DepResolve -ErrorAction SilentlyContinue
}

Describe 'Resolve-ScriptDependency | Invoke-ScriptTest' {
    BeforeAll {
        $workspace = New-ContosoWorkspace
        # Lowest picks Contoso.Greeting 1.0.0; resolving again by default would pick 2.0.0.
        $resolved = Resolve-ScriptDependency $workspace.Deploy -Policy Lowest -LockFile (Join-Path $TestDrive 'lowest.lock.json') -CacheDirectory $workspace.Cache
        $results = @($resolved | Invoke-ScriptTest -CacheDirectory $workspace.Cache)
    }

    It 'names the script it was made for' {
        $resolved.Scripts | Should -Be @($workspace.Deploy)
    }

    It 'runs that script once' {
        $results | Should -HaveCount 1
        $results[0].Path | Should -Be $workspace.Deploy
        $results[0].Success | Should -BeTrue -Because $results[0].ErrorMessage
    }

    It 'runs it in the environment the resolution produced' {
        $results[0].EnvironmentId | Should -Be $resolved.EnvironmentId
        $results[0].Output | Should -Match ([regex]::Escape('Hello, deploy! (Greeting 1.0.0)'))
    }
}

Describe 'Get-ScriptDependency | Invoke-ScriptTest' {
    BeforeAll {
        $workspace = New-ContosoWorkspace
        $two = Join-Path $workspace.Path 'two.ps1'
        Set-Content $two "#Requires -Modules Contoso.Greeting, Contoso.Text`nGet-ContosoGreeting -Name 'two'`nConvertTo-ContosoBanner -Text 'two'"
        $dependencies = @(Get-ScriptDependency $two)
        $results = @($dependencies | Invoke-ScriptTest -CacheDirectory $workspace.Cache)
        # A folder of its own: scripts of one folder share its lock file.
        $other = New-ContosoWorkspace
    }

    It 'runs each script once, however many dependencies it has' {
        $dependencies.Count | Should -BeGreaterThan 1
        $results | Should -HaveCount 1
        $results[0].Path | Should -Be $two
        $results[0].Success | Should -BeTrue -Because $results[0].ErrorMessage
        $results[0].Output | Should -Match 'Hello, two!'
    }

    It 'runs each of several scripts once, in the order they came' {
        $results = @(@(Get-ScriptDependency $two) + @(Get-ScriptDependency $other.Deploy) + @(Get-ScriptDependency $two) |
            Invoke-ScriptTest -CacheDirectory $workspace.Cache)
        ($results.ScriptName -join ',') | Should -Be 'two.ps1,deploy.ps1'
    }

    It 'dependencies of script text name no script: one InvalidInput error, nothing runs' {
        $results = @(Get-ScriptDependency -ScriptDefinition '#Requires -Modules Contoso.Greeting, Contoso.Text' |
            Invoke-ScriptTest -CacheDirectory $workspace.Cache -ErrorVariable failures -ErrorAction SilentlyContinue)
        $results | Should -BeNullOrEmpty
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'InvalidInput,*'
        "$($failures[0])" | Should -Match 'script text'
    }
}
