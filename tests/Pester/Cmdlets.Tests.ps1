BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    $script:Feed = New-TestFeed -Destination (Join-Path $TestDrive 'feed')
    $script:Scripts = Join-Path $TestDrive 'scripts'
    New-Item -ItemType Directory -Path $Scripts | Out-Null
    Copy-Item (Join-Path $RepositoryRoot 'examples/hello.ps1') $Scripts
    Set-Content (Join-Path $Scripts 'local.ps1') "function Show-Local { 'local' }`nShow-Local`nGet-ChildItem | Out-Null"
    $script:Hello = Join-Path $Scripts 'hello.ps1'
    $script:Unreachable = 'http://127.0.0.1:9/v3/index.json'
}

AfterAll {
    Remove-Module DepResolve -ErrorAction SilentlyContinue
}

Describe 'Get-ScriptDependency' {
    It 'reads #Requires from -Path' {
        $dependency = Get-ScriptDependency -Path $Hello | Where-Object Name -eq 'Demo.Greeting'
        $dependency.Kind | Should -Be 'Module'
        $dependency.Evidence | Should -Be 'Requires'
        $dependency.Line | Should -Be 1
    }

    It 'expands wildcards in -Path' {
        (Get-ScriptDependency -Path (Join-Path $Scripts 'hel*.ps1')).Name | Should -Contain 'Demo.Greeting'
    }

    It 'takes -LiteralPath and Get-ChildItem output by property name' {
        (Get-ScriptDependency -LiteralPath $Hello).Name | Should -Contain 'Demo.Greeting'
        (Get-ChildItem $Hello | Get-ScriptDependency).Name | Should -Contain 'Demo.Greeting'
    }

    It 'takes paths from the pipeline by value' {
        ($Hello | Get-ScriptDependency).Name | Should -Contain 'Demo.Greeting'
    }

    It 'reads every script of a folder' {
        (Get-ScriptDependency -Path $Scripts).Name | Should -Contain 'Demo.Greeting'
    }

    It 'reads -ScriptDefinition' {
        $dependency = Get-ScriptDependency -ScriptDefinition 'Import-Module Demo.Text -MinimumVersion 1.0'
        $dependency.Name | Should -Be 'Demo.Text'
        $dependency.Evidence | Should -Be 'ImportModule'
    }

    It 'leaves out local functions, and built-in commands unless -IncludeBuiltIn' {
        $local = Join-Path $Scripts 'local.ps1'
        (Get-ScriptDependency $local).Name | Should -Not -Contain 'Show-Local'
        (Get-ScriptDependency $local).Name | Should -Not -Contain 'Get-ChildItem'
        (Get-ScriptDependency $local -IncludeBuiltIn).Name | Should -Contain 'Get-ChildItem'
    }

    It 'writes a non-terminating error for a missing file and goes on' {
        $found = Get-ScriptDependency -Path (Join-Path $Scripts 'missing.ps1'), $Hello -ErrorVariable failures -ErrorAction SilentlyContinue
        $found.Name | Should -Contain 'Demo.Greeting'
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'InvalidInput,DepResolve.Cmdlets.GetScriptDependencyCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].TargetObject | Should -BeLike '*missing.ps1'
    }
}

Describe 'Resolve-ScriptDependency' {
    BeforeEach {
        $script:Cache = Join-Path $TestDrive ([guid]::NewGuid())
    }

    It 'resolves piped dependencies once and installs them (InputObject set)' {
        $result = Get-ScriptDependency $Hello | Resolve-ScriptDependency -Repository $Feed -CacheDirectory $Cache
        @($result).Count | Should -Be 1
        $result.Success | Should -BeTrue
        $result.ResolvedPackages.Id | Should -Be @('Demo.Greeting', 'Demo.Text')
        $result.EnvironmentId | Should -Not -BeNullOrEmpty
        Test-Path $result.EnvironmentPath | Should -BeTrue
    }

    It 'analyses -Path itself (Path set) and honours -Policy' {
        $result = Resolve-ScriptDependency -Path $Hello -Repository $Feed -CacheDirectory $Cache -Policy Lowest -NoInstall
        $result.Success | Should -BeTrue
        $result.Policy | Should -Be 'Lowest'
        $result.EnvironmentId | Should -BeNullOrEmpty
        Test-Path (Join-Path $Cache 'envs') | Should -BeFalse
    }

    It '-WhatIf shows the plan and leaves the disk unchanged' {
        $before = Get-FolderSnapshot $TestDrive
        Resolve-ScriptDependency -Path $Hello -Repository $Feed -CacheDirectory $Cache -WhatIf | Out-Null
        Get-FolderSnapshot $TestDrive | Should -Be $before
        Test-Path (Join-Path $Cache 'store') | Should -BeFalse
    }

    It 'writes the lock file with -UpdateLock' {
        $lock = Join-Path $TestDrive 'hello.lock.json'
        Resolve-ScriptDependency -Path $Hello -Repository $Feed -CacheDirectory $Cache -LockFile $lock -UpdateLock | Out-Null
        (Get-Content $lock -Raw | ConvertFrom-Json) | Should -Not -BeNullOrEmpty
        Get-Content $lock -Raw | Should -Match 'Demo.Greeting'
    }

    It 'refuses a policy that does not exist' {
        { Resolve-ScriptDependency -Path $Hello -Policy Newest } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,DepResolve.Cmdlets.ResolveScriptDependencyCommand'
    }

    It 'reports an unreachable feed as NetworkError naming the URL' {
        $result = Resolve-ScriptDependency -Path $Hello -Repository $Unreachable -CacheDirectory $Cache -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'NetworkError,DepResolve.Cmdlets.ResolveScriptDependencyCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $failures[0].Exception.Message | Should -Match '127\.0\.0\.1:9'
    }

    It 'reports a package no feed has as PackageNotFound' {
        $missing = Get-ScriptDependency -ScriptDefinition '#Requires -Modules Demo.Missing'
        $missing | Resolve-ScriptDependency -Repository $Feed -CacheDirectory $Cache -ErrorVariable failures -ErrorAction SilentlyContinue | Out-Null
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'PackageNotFound,*'
    }
}

Describe 'Invoke-ScriptTest' {
    BeforeAll {
        $script:Cache = Join-Path $TestDrive 'invoke-cache'
    }

    It 'analyses, resolves, installs and runs the example end to end' {
        $result = Invoke-ScriptTest -Path $Hello -Repository $Feed -CacheDirectory $Cache
        $result.Success | Should -BeTrue -Because $result.ErrorMessage
        $result.Output | Should -Match 'Hello, DepResolve!'
        $result.EnvironmentId | Should -Not -BeNullOrEmpty
    }

    It 'passes -Parameters to the script (LiteralPath set)' {
        $result = Invoke-ScriptTest -LiteralPath $Hello -Parameters @{ Name = 'Pester' } -Repository $Feed -CacheDirectory $Cache
        $result.Output | Should -Match 'Hello, Pester!'
    }

    It 'chains Get | Resolve | Invoke' {
        $result = Get-ScriptDependency $Hello | Resolve-ScriptDependency -Repository $Feed -CacheDirectory $Cache | Invoke-ScriptTest -Path $Hello -Repository $Feed -CacheDirectory $Cache
        $result.Success | Should -BeTrue -Because $result.ErrorMessage
        $result.Attempts | Should -Be 1
    }

    It 'retries once when the run reveals a command the analysis could not map' {
        $script = Join-Path $Scripts 'dynamic.ps1'
        Set-Content $script "`$command = 'ConvertTo-' + 'Banner'`n& `$command -Text 'late'"
        $result = Invoke-ScriptTest -Path $script -Repository $Feed -CacheDirectory $Cache
        $result.Attempts | Should -BeGreaterOrEqual 1
        $result.ScriptName | Should -Be 'dynamic.ps1'
    }

    It 'runs several scripts from the pipeline in parallel and returns one result each' {
        $results = @($Hello, $Hello) | Invoke-ScriptTest -Repository $Feed -CacheDirectory $Cache -ThrottleLimit 2
        @($results).Count | Should -Be 2
        $results.Success | Should -Not -Contain $false
    }

    It 'reports a missing script as a non-terminating InvalidInput error' {
        Invoke-ScriptTest -Path (Join-Path $Scripts 'missing.ps1') -ErrorVariable failures -ErrorAction SilentlyContinue | Out-Null
        $failures[0].FullyQualifiedErrorId | Should -Be 'InvalidInput,DepResolve.Cmdlets.InvokeScriptTestCommand'
    }
}

Describe 'Environment and cache commands' {
    BeforeAll {
        $script:Cache = Join-Path $TestDrive 'env-cache'
        Resolve-ScriptDependency -Path $Hello -Repository $Feed -CacheDirectory $Cache | Out-Null
    }

    It 'lists, removes and clears' {
        $environments = @(Get-DepResolveEnvironment -CacheDirectory $Cache)
        $environments.Count | Should -Be 1
        Get-DepResolveEnvironment -CacheDirectory $Cache -Id $environments[0].Id | Should -Not -BeNullOrEmpty

        $environments | Remove-DepResolveEnvironment -CacheDirectory $Cache -WhatIf
        @(Get-DepResolveEnvironment -CacheDirectory $Cache).Count | Should -Be 1

        $environments | Remove-DepResolveEnvironment -CacheDirectory $Cache -Confirm:$false
        @(Get-DepResolveEnvironment -CacheDirectory $Cache).Count | Should -Be 0

        $cleared = Clear-DepResolveCache -CacheDirectory $Cache -Confirm:$false
        $cleared.CacheRoot | Should -Be ([System.IO.Path]::GetFullPath($Cache))
    }
}
