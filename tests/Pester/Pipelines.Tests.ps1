# The cmdlets as a PowerShell user chains them: each parameter set, objects piped from one cmdlet into the next,
# -WhatIf and -Confirm:$false / $ConfirmPreference (never an interactive prompt), and errors a script can act on by
# FullyQualifiedErrorId and category. Against the Publish-PSResource feed, registered as ContosoFeed.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    $script:Feed = Get-PublishedFeed
    $script:SavedSettings = Use-IsolatedUserSettings $Feed

    function Invoke-Capturing([scriptblock] $Command) {
        <# Runs a command and splits what it wrote into Output and Errors (non-terminating ones). #>
        $all = @(& $Command 2>&1)
        [pscustomobject]@{
            Output = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
            Errors = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        }
    }
}

AfterAll {
    Restore-UserSettings $SavedSettings
    Remove-Module DepResolve -ErrorAction SilentlyContinue
}

Describe 'Objects piped between the cmdlets' {
    BeforeEach {
        $script:Project = New-ContosoWorkspace
    }

    It 'Get-ChildItem | Resolve-ScriptDependency binds the file by its PSPath (Path set)' {
        $result = Get-ChildItem $Project.Deploy | Resolve-ScriptDependency -CacheDirectory $Project.Cache -NoInstall
        $result.Success | Should -BeTrue -Because $result.ErrorDetails
        $result.ResolvedPackages.Id | Should -Be @('Contoso.Greeting', 'Contoso.Text')
    }

    It 'Get-ChildItem | Invoke-ScriptTest binds the file by its PSPath (LiteralPath set)' {
        $result = Get-ChildItem $Project.Deploy | Invoke-ScriptTest -CacheDirectory $Project.Cache
        $result.ScriptName | Should -Be 'deploy.ps1'
        $result.Output | Should -Match 'Hello, deploy!'
    }

    It 'Get-ScriptDependency | Resolve-ScriptDependency resolves the dependencies of several scripts once' {
        $report = Join-Path $Project.Path 'report.ps1'
        Set-Content $report "#Requires -Modules Contoso.Report`nNew-ContosoReport -Title x"
        $results = @(Get-ScriptDependency $Project.Deploy, $report | Resolve-ScriptDependency -CacheDirectory $Project.Cache -NoInstall)
        $results.Count | Should -Be 1
        $results[0].ResolvedPackages.Id | Sort-Object | Should -Be @('Contoso.Greeting', 'Contoso.Report', 'Contoso.Text')
        ($results[0].ResolvedPackages | Where-Object Id -eq 'Contoso.Text').Version | Should -Be '1.0.0' -Because 'Contoso.Report pins it'
    }

    It 'Resolve-ScriptDependency | Get-DepResolveEnvironment finds the environment the resolution created' {
        $environment = Resolve-ScriptDependency $Project.Deploy -CacheDirectory $Project.Cache | Get-DepResolveEnvironment -CacheDirectory $Project.Cache
        @($environment).Count | Should -Be 1
        $environment.Packages.Id | Should -Be @('Contoso.Greeting', 'Contoso.Text')
    }

    It 'Resolve-ScriptDependency | Remove-DepResolveEnvironment removes that environment' {
        $result = Resolve-ScriptDependency $Project.Deploy -CacheDirectory $Project.Cache
        $result | Remove-DepResolveEnvironment -CacheDirectory $Project.Cache -Confirm:$false
        Test-Path $result.EnvironmentPath | Should -BeFalse
        Get-DepResolveEnvironment -CacheDirectory $Project.Cache | Should -BeNullOrEmpty
    }

    It 'Invoke-ScriptTest | Get-DepResolveEnvironment shows what the run used' {
        $environment = Invoke-ScriptTest $Project.Deploy -CacheDirectory $Project.Cache | Get-DepResolveEnvironment -CacheDirectory $Project.Cache
        $environment.Packages.Id | Should -Contain 'Contoso.Greeting'
    }

    It 'Get-DepResolveEnvironment takes ids from the pipeline, by value and with wildcards' {
        $result = Resolve-ScriptDependency $Project.Deploy -CacheDirectory $Project.Cache
        ($result.EnvironmentId | Get-DepResolveEnvironment -CacheDirectory $Project.Cache).Id | Should -Be $result.EnvironmentId
        (Get-DepResolveEnvironment ($result.EnvironmentId.Substring(0, 6) + '*') -CacheDirectory $Project.Cache).Id | Should -Be $result.EnvironmentId
        Get-DepResolveEnvironment 'ffffff*' -CacheDirectory $Project.Cache | Should -BeNullOrEmpty -Because 'a pattern that matches nothing is no error'
    }

    It 'Get-DepResolveEnvironment | Remove-DepResolveEnvironment keeps the environments it is not given' {
        $lowest = Resolve-ScriptDependency $Project.Deploy -Policy Lowest -CacheDirectory $Project.Cache -LockFile (Join-Path $Project.Path 'lowest.json')
        $highest = Resolve-ScriptDependency $Project.Deploy -Policy Highest -CacheDirectory $Project.Cache -LockFile (Join-Path $Project.Path 'highest.json')
        Get-DepResolveEnvironment -CacheDirectory $Project.Cache | Where-Object Id -eq $lowest.EnvironmentId | Remove-DepResolveEnvironment -CacheDirectory $Project.Cache -Confirm:$false
        (Get-DepResolveEnvironment -CacheDirectory $Project.Cache).Id | Should -Be @($highest.EnvironmentId)
    }

    It 'Clear-DepResolveCache after Remove-DepResolveEnvironment frees the packages no environment needs' {
        Resolve-ScriptDependency $Project.Deploy -CacheDirectory $Project.Cache | Remove-DepResolveEnvironment -CacheDirectory $Project.Cache -Confirm:$false
        $cleared = Clear-DepResolveCache -CacheDirectory $Project.Cache -Confirm:$false
        $cleared.RemovedPackages | Should -Be 2
        $cleared.FreedBytes | Should -BeGreaterThan 0
        Get-ChildItem (Join-Path $Project.Cache 'store') -Recurse -File -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}

Describe '-WhatIf and -Confirm leave the disk as it was' {
    BeforeEach {
        $script:Project = New-ContosoWorkspace
    }

    It 'Resolve-ScriptDependency -WhatIf returns the plan and writes nothing' {
        $before = Get-FolderSnapshot $Project.Path
        $result = Resolve-ScriptDependency $Project.Deploy -CacheDirectory $Project.Cache -WhatIf
        $result.ResolvedPackages.Id | Should -Be @('Contoso.Greeting', 'Contoso.Text')
        $result.EnvironmentId | Should -BeNullOrEmpty
        Get-FolderSnapshot $Project.Path | Should -Be $before
    }

    It 'Resolve-ScriptDependency under $WhatIfPreference writes nothing' {
        $before = Get-FolderSnapshot $Project.Path
        $WhatIfPreference = $true
        try {
            Resolve-ScriptDependency $Project.Deploy -CacheDirectory $Project.Cache | Out-Null
        }
        finally {
            $WhatIfPreference = $false
        }
        Get-FolderSnapshot $Project.Path | Should -Be $before
    }

    It 'Resolve-ScriptDependency -Confirm:$false installs without asking' {
        $result = Resolve-ScriptDependency $Project.Deploy -CacheDirectory $Project.Cache -Confirm:$false
        $result.Success | Should -BeTrue
        Test-Path $result.EnvironmentPath | Should -BeTrue
    }

    It 'Remove-DepResolveEnvironment -WhatIf keeps the environment' {
        $result = Resolve-ScriptDependency $Project.Deploy -CacheDirectory $Project.Cache
        $before = Get-FolderSnapshot $Project.Cache
        $result | Remove-DepResolveEnvironment -CacheDirectory $Project.Cache -WhatIf
        Get-FolderSnapshot $Project.Cache | Should -Be $before
    }

    It 'Remove-DepResolveEnvironment removes without a prompt when $ConfirmPreference is None' {
        $result = Resolve-ScriptDependency $Project.Deploy -CacheDirectory $Project.Cache
        $ConfirmPreference = 'None'
        Remove-DepResolveEnvironment -Id $result.EnvironmentId -CacheDirectory $Project.Cache
        Test-Path $result.EnvironmentPath | Should -BeFalse
    }

    It 'Clear-DepResolveCache -WhatIf keeps everything' {
        Resolve-ScriptDependency $Project.Deploy -CacheDirectory $Project.Cache | Out-Null
        $before = Get-FolderSnapshot $Project.Cache
        Clear-DepResolveCache -CacheDirectory $Project.Cache -WhatIf | Should -BeNullOrEmpty
        Get-FolderSnapshot $Project.Cache | Should -Be $before
    }

    It 'Clear-DepResolveCache clears without a prompt when $ConfirmPreference is None' {
        Resolve-ScriptDependency $Project.Deploy -CacheDirectory $Project.Cache | Out-Null
        $ConfirmPreference = 'None'
        $cleared = Clear-DepResolveCache -CacheDirectory $Project.Cache
        $cleared.RemovedEnvironments | Should -Be 1
        Get-DepResolveEnvironment -CacheDirectory $Project.Cache | Should -BeNullOrEmpty
    }
}

Describe 'Errors a script can act on' {
    BeforeEach {
        $script:Project = New-ContosoWorkspace
    }

    It 'an unknown -Repository is InvalidInput naming it and the registered ones' {
        $run = Invoke-Capturing { Resolve-ScriptDependency $Project.Deploy -Repository NoSuchFeed -CacheDirectory $Project.Cache -NoInstall }
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'InvalidInput,DepResolve.Cmdlets.ResolveScriptDependencyCommand'
        $run.Errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $run.Errors[0].Exception.Message | Should -Match 'NoSuchFeed'
        $run.Errors[0].Exception.Message | Should -Match 'Registered: ContosoFeed'
    }

    It 'a depresolve.json with a bad value is InvalidInput naming the file, the line and the key' {
        Set-Content (Join-Path $Project.Path 'depresolve.json') '{ "policy": "Newest" }'
        $run = Invoke-Capturing { Resolve-ScriptDependency $Project.Deploy -CacheDirectory $Project.Cache -NoInstall }
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'InvalidInput,DepResolve.Cmdlets.ResolveScriptDependencyCommand'
        $run.Errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $run.Errors[0].Exception.Message | Should -Match 'depresolve\.json \(line 1'
        $run.Errors[0].Exception.Message | Should -Match "'policy'"
    }

    It 'a depresolve.json that is not JSON is InvalidInput naming the file' {
        Set-Content (Join-Path $Project.Path 'depresolve.json') '{ "policy": '
        $run = Invoke-Capturing { Resolve-ScriptDependency $Project.Deploy -CacheDirectory $Project.Cache -NoInstall }
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'InvalidInput,DepResolve.Cmdlets.ResolveScriptDependencyCommand'
        $run.Errors[0].Exception.Message | Should -Match 'depresolve\.json is not valid JSON'
    }

    It 'a path on another provider is InvalidInput naming it' {
        $run = Invoke-Capturing { Get-ScriptDependency -Path 'env:HOME' }
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'InvalidInput,DepResolve.Cmdlets.GetScriptDependencyCommand'
        $run.Errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $run.Errors[0].TargetObject | Should -Be 'env:HOME'
    }

    It 'an environment id that is not in the cache is an ObjectNotFound error naming it' {
        $run = Invoke-Capturing { Get-DepResolveEnvironment -Id 'abcdef' -CacheDirectory $Project.Cache }
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'InvalidInput,DepResolve.Cmdlets.GetDepResolveEnvironmentCommand'
        $run.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $run.Errors[0].TargetObject | Should -Be 'abcdef'
    }

    It 'removing an environment that is not in the cache names the id and goes on with the next' {
        $result = Resolve-ScriptDependency $Project.Deploy -CacheDirectory $Project.Cache
        $run = Invoke-Capturing { 'abcdef', $result.EnvironmentId | Remove-DepResolveEnvironment -CacheDirectory $Project.Cache -Confirm:$false }
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'InvalidInput,DepResolve.Cmdlets.RemoveDepResolveEnvironmentCommand'
        $run.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $run.Errors[0].TargetObject | Should -Be 'abcdef'
        Test-Path $result.EnvironmentPath | Should -BeFalse
    }

    It 'parameter values out of range stop the command with ParameterArgumentValidationError' -ForEach @(
        @{ Command = { Invoke-ScriptTest $Project.Deploy -MaxRetry 11 }; Id = 'ParameterArgumentValidationError,DepResolve.Cmdlets.InvokeScriptTestCommand' }
        @{ Command = { Invoke-ScriptTest $Project.Deploy -OutputFormat Html }; Id = 'ParameterArgumentValidationError,DepResolve.Cmdlets.InvokeScriptTestCommand' }
        @{ Command = { Invoke-ScriptTest $Project.Deploy -ThrottleLimit 0 }; Id = 'ParameterArgumentValidationError,DepResolve.Cmdlets.InvokeScriptTestCommand' }
        @{ Command = { Get-ScriptDependency -Path '' }; Id = 'ParameterArgumentValidationError,DepResolve.Cmdlets.GetScriptDependencyCommand' }
        @{ Command = { Resolve-ScriptDependency $Project.Deploy -Policy Newest }; Id = 'ParameterArgumentValidationError,DepResolve.Cmdlets.ResolveScriptDependencyCommand' }
    ) {
        $Command | Should -Throw -ErrorId $Id
        Test-Path $Project.Cache | Should -BeFalse
    }

    It '<Command> refuses a script with a syntax error: AnalysisFailed naming file:line:column and the parser''s message' -ForEach @(
        @{ Command = 'Get-ScriptDependency'; Run = { Get-ScriptDependency $Project.Deploy -CacheDirectory $Project.Cache } }
        @{ Command = 'Resolve-ScriptDependency'; Run = { Resolve-ScriptDependency $Project.Deploy -CacheDirectory $Project.Cache } }
        @{ Command = 'Invoke-ScriptTest'; Run = { Invoke-ScriptTest $Project.Deploy -CacheDirectory $Project.Cache } }
    ) {
        Set-Content $Project.Deploy "#Requires -Modules Contoso.Greeting`nGet-ContosoGreeting -Name broken`nif (`$true {`n    Set-Content (Join-Path `$PSScriptRoot 'ran.txt') 'ran'`n}"
        $run = Invoke-Capturing $Run
        $run.Output | Should -BeNullOrEmpty
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -Be "AnalysisFailed,DepResolve.Cmdlets.$($Command -replace '-', '')Command"
        $run.Errors[0].CategoryInfo.Category | Should -Be 'ParserError'
        $run.Errors[0].TargetObject | Should -Be $Project.Deploy
        $run.Errors[0].Exception.Message | Should -Match ([regex]::Escape("$($Project.Deploy):3:11: Missing closing ')' after expression in 'if' statement."))
        $Project.Cache | Should -Not -Exist -Because 'nothing is resolved or installed'
        $Project.Lock | Should -Not -Exist
        Join-Path $Project.Path 'ran.txt' | Should -Not -Exist
    }

    It 'an -EntryPoint the script does not define fails the run and says so' {
        $result = Invoke-ScriptTest $Project.Deploy -EntryPoint Invoke-Nothing -CacheDirectory $Project.Cache
        $result.Success | Should -BeFalse
        $result.HasEntryPoint | Should -BeFalse
        $result.ErrorMessage | Should -Match 'Invoke-Nothing'
    }

    It 'a second script in the folder resolves by itself after the first one''s install wrote its lock file' {
        Resolve-ScriptDependency $Project.Deploy -CacheDirectory $Project.Cache | Out-Null
        $report = Join-Path $Project.Path 'report.ps1'
        Set-Content $report '#Requires -Modules Contoso.Report'
        $result = Resolve-ScriptDependency $report -CacheDirectory $Project.Cache -NoInstall
        $result.Success | Should -BeTrue -Because $result.ErrorDetails
    }

    It 'a script that throws fails with the error PowerShell raised, at the script''s line' {
        Set-Content $Project.Deploy "#Requires -Modules Contoso.Greeting`nGet-ContosoGreeting`nthrow 'deploy failed'"
        $result = Invoke-ScriptTest $Project.Deploy -CacheDirectory $Project.Cache
        $result.Success | Should -BeFalse
        $result.Output | Should -Match 'Hello, World!'
        $result.ErrorMessage | Should -Match 'deploy failed'
        $thrown = $result.Errors | Where-Object FullyQualifiedErrorId -eq 'deploy failed'
        $thrown.Category | Should -Be 'OperationStopped'
        "$($thrown.ScriptPosition)" | Should -Match 'deploy\.ps1:3'
    }
}
