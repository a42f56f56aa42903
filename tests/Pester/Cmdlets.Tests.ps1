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
        $failures[0].FullyQualifiedErrorId | Should -Be 'PathNotFound,DepResolve.Cmdlets.GetScriptDependencyCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].TargetObject | Should -BeLike '*missing.ps1'
    }
}

Describe 'Resolve-ScriptDependency' {
    BeforeEach {
        # A folder of its own per test: the first install writes depresolve.lock.json next to the script, and a lock
        # file there makes the next resolution Locked, so tests sharing a folder would depend on their order.
        $script:Cache = Join-Path $TestDrive ([guid]::NewGuid())
        $script:Folder = Join-Path $TestDrive ([guid]::NewGuid())
        New-Item -ItemType Directory -Path $Folder | Out-Null
        Copy-Item $Hello $Folder
        $script:Script = Join-Path $Folder 'hello.ps1'
        $script:Lock = Join-Path $Folder 'depresolve.lock.json'
    }

    It 'resolves piped dependencies once and installs them (InputObject set)' {
        $result = Get-ScriptDependency $Script | Resolve-ScriptDependency -Repository $Feed -CacheDirectory $Cache
        @($result).Count | Should -Be 1
        $result.Success | Should -BeTrue
        $result.Policy | Should -Be 'Highest'
        $result.ResolvedPackages.Id | Should -Be @('Demo.Greeting', 'Demo.Text')
        $result.EnvironmentId | Should -Not -BeNullOrEmpty
        Test-Path $result.EnvironmentPath | Should -BeTrue
    }

    It 'writes depresolve.lock.json next to the script after the first install and resolves Locked from it next time' {
        $first = Resolve-ScriptDependency -Path $Script -Repository $Feed -CacheDirectory $Cache
        $first.Policy | Should -Be 'Highest'
        Test-Path $Lock | Should -BeTrue
        Split-Path $first.LockFilePath -Leaf | Should -Be 'depresolve.lock.json'
        $written = Get-Content $Lock -Raw
        $written | Should -Match '"Demo.Greeting"'
        $written | Should -Match '"sha512"'

        $second = Resolve-ScriptDependency -Path $Script -Repository $Feed -CacheDirectory $Cache
        $second.Success | Should -BeTrue
        $second.Policy | Should -Be 'Locked'
        $second.ResolvedPackages.Id | Should -Be @('Demo.Greeting', 'Demo.Text')
        # The same packages with the same content hashes are the same environment.
        $second.EnvironmentId | Should -Be $first.EnvironmentId
        Get-Content $Lock -Raw | Should -BeExactly $written
        @(Get-DepResolveEnvironment -CacheDirectory $Cache).Count | Should -Be 1
    }

    It 'analyses -Path itself (Path set) and honours -Policy' {
        $result = Resolve-ScriptDependency -Path $Script -Repository $Feed -CacheDirectory $Cache -Policy Lowest -NoInstall
        $result.Success | Should -BeTrue
        $result.Policy | Should -Be 'Lowest'
        $result.EnvironmentId | Should -BeNullOrEmpty
        Test-Path (Join-Path $Cache 'envs') | Should -BeFalse
        Test-Path $Lock | Should -BeFalse -Because 'a resolve-only call writes no lock file'
    }

    It '-WhatIf shows the plan and leaves the disk unchanged' {
        $before = Get-FolderSnapshot $TestDrive
        Resolve-ScriptDependency -Path $Script -Repository $Feed -CacheDirectory $Cache -WhatIf | Out-Null
        Get-FolderSnapshot $TestDrive | Should -Be $before
        Test-Path (Join-Path $Cache 'store') | Should -BeFalse
        Test-Path $Lock | Should -BeFalse
    }

    It 'writes the lock file with -UpdateLock where -LockFile says' {
        $lockFile = Join-Path $Folder 'hello.lock.json'
        Resolve-ScriptDependency -Path $Script -Repository $Feed -CacheDirectory $Cache -LockFile $lockFile -UpdateLock | Out-Null
        (Get-Content $lockFile -Raw | ConvertFrom-Json) | Should -Not -BeNullOrEmpty
        Get-Content $lockFile -Raw | Should -Match 'Demo.Greeting'
        Test-Path $Lock | Should -BeFalse -Because '-LockFile replaces depresolve.lock.json next to the script'
    }

    It 'refuses a policy that does not exist' {
        { Resolve-ScriptDependency -Path $Script -Policy Newest } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,DepResolve.Cmdlets.ResolveScriptDependencyCommand'
    }

    It 'reports an unreachable feed as NetworkError naming the URL' {
        $result = Resolve-ScriptDependency -Path $Script -Repository $Unreachable -CacheDirectory $Cache -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'NetworkError,DepResolve.Cmdlets.ResolveScriptDependencyCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $failures[0].Exception.Message | Should -Match '127\.0\.0\.1:9'
        Test-Path $Lock | Should -BeFalse
    }

    It 'reports a package no feed has as PackageNotFound' {
        # Dependencies without a script take their options from the current folder: one with no depresolve.json.
        Push-Location $Folder
        try {
            $missing = Get-ScriptDependency -ScriptDefinition '#Requires -Modules Demo.Missing'
            $missing | Resolve-ScriptDependency -Repository $Feed -CacheDirectory $Cache -ErrorVariable failures -ErrorAction SilentlyContinue | Out-Null
        }
        finally {
            Pop-Location
        }
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
        # The later tests of this block run hello.ps1 again: Locked from the lock file this first run wrote.
        Test-Path (Join-Path $Scripts 'depresolve.lock.json') | Should -BeTrue
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
        # Its own folder: next to hello.ps1 the lock file an earlier run wrote would make this resolution Locked.
        $folder = Join-Path $TestDrive 'dynamic'
        New-Item -ItemType Directory -Path $folder | Out-Null
        $dynamic = Join-Path $folder 'dynamic.ps1'
        # -f, not +: the analysis folds a constant concatenation assigned once, and would find the command up front.
        Set-Content $dynamic "`$command = 'ConvertTo-{0}' -f 'Banner'`n& `$command -Text 'late'"
        $result = Invoke-ScriptTest -Path $dynamic -Repository $Feed -CacheDirectory $Cache
        $result.ScriptName | Should -Be 'dynamic.ps1'
        $result.Success | Should -BeTrue -Because $result.ErrorMessage
        $result.Attempts | Should -Be 2
        ($result.DependenciesAddedOnRetry -join '; ') | Should -Match 'ConvertTo-Banner'
        $result.Output | Should -Match '\* late \*'
        # The lock file the retry's install wrote names the module the run revealed.
        Get-Content (Join-Path $folder 'depresolve.lock.json') -Raw | Should -Match '"Demo.Text"'
    }

    It 'runs several scripts from the pipeline in parallel and returns one result each' {
        $results = @($Hello, $Hello) | Invoke-ScriptTest -Repository $Feed -CacheDirectory $Cache -ThrottleLimit 2
        @($results).Count | Should -Be 2
        $results.Success | Should -Not -Contain $false
    }

    It 'reports a missing script as a non-terminating PathNotFound error (category ObjectNotFound)' {
        Invoke-ScriptTest -Path (Join-Path $Scripts 'missing.ps1') -ErrorVariable failures -ErrorAction SilentlyContinue | Out-Null
        $failures[0].FullyQualifiedErrorId | Should -Be 'PathNotFound,DepResolve.Cmdlets.InvokeScriptTestCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
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
