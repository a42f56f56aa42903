# Every example of every cmdlet's Get-Help runs, as typed, in a project folder of its own, against the Contoso feed
# (published with Publish-PSResource and registered with PSResourceGet in a store of its own) and the hand-built
# example feed. A new example without a check here fails, so the help cannot drift from what the cmdlets do.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    $examples = foreach ($command in Get-Command -Module DepResolve | Sort-Object Name) {
        $number = 0
        foreach ($example in (Get-Help $command.Name).Examples.Example) {
            $number++
            @{ Command = $command.Name; Number = $number; Code = ($example.Code -replace '^PS>\s*', '').Trim() }
        }
    }
    # about_DepResolve's EXAMPLES section: one command line each.
    $about = Get-Content (Join-Path (Split-Path $ModuleManifest) 'en-US/about_DepResolve.help.txt')
    $inExamples = $false
    $number = 0
    $examples += foreach ($line in $about) {
        if ($line -match '^[A-Z ]+$') { $inExamples = $line -eq 'EXAMPLES'; continue }
        if ($inExamples -and $line.Trim()) {
            $number++
            @{ Command = 'about_DepResolve'; Number = $number; Code = $line.Trim() }
        }
    }
    $commands = @(Get-Command -Module DepResolve | Sort-Object Name | ForEach-Object { @{ Command = $_.Name } })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    $script:ContosoFeed = Get-PublishedFeed
    $script:ExampleFeed = New-TestFeed -Destination (Join-Path $TestDrive 'example-feed')
    $script:SavedSettings = Use-IsolatedUserSettings $ContosoFeed
    $script:SavedCache = $env:DEPRESOLVE_CACHE

    function New-HelpExampleProject {
        <#
            The folder an example runs in: deploy.ps1 (Contoso.Greeting), hello.ps1 and examples/ (the quick start
            with its hand-built feed), scripts/ (one script dot-sourcing lib/), tools/report.ps1 with its Pester
            tests in tests/, build.ps1 with an Invoke-Build function, and the cache ($env:DEPRESOLVE_CACHE) in
            .cache holding four environments, plus a second cache in .depresolve.
        #>
        param([Parameter(Mandatory)][string] $Path)
        New-ContosoProject -Path $Path | Out-Null
        Copy-Item (Join-Path $RepositoryRoot 'examples/hello.ps1') $Path
        New-Item -ItemType Directory -Path (Join-Path $Path 'examples') | Out-Null
        Copy-Item (Join-Path $RepositoryRoot 'examples/hello.ps1') (Join-Path $Path 'examples')
        Copy-Item $ExampleFeed (Join-Path $Path 'examples/feed') -Recurse

        New-Item -ItemType Directory -Path (Join-Path $Path 'scripts/lib') -Force | Out-Null
        Set-Content (Join-Path $Path 'scripts/greet.ps1') "#Requires -Modules Contoso.Greeting`nGet-ContosoGreeting -Name scripts"
        Set-Content (Join-Path $Path 'scripts/banner.ps1') ". (Join-Path `$PSScriptRoot 'lib/text.ps1')`nConvertTo-ContosoBanner -Text 'from banner.ps1'"
        Set-Content (Join-Path $Path 'scripts/lib/text.ps1') 'Import-Module Contoso.Text -MinimumVersion 1.0.0'

        New-Item -ItemType Directory -Path (Join-Path $Path 'tools'), (Join-Path $Path 'tests') | Out-Null
        Set-Content (Join-Path $Path 'tools/report.ps1') @'
#Requires -Modules Contoso.Report
function Get-ReportText { param([string] $Title) New-ContosoReport -Title $Title }
'@
        Set-Content (Join-Path $Path 'tests/report.Tests.ps1') @'
BeforeAll { . (Join-Path $PSScriptRoot '../tools/report.ps1') }
Describe 'report.ps1' {
    It 'frames the title' { Get-ReportText -Title 'Q3' | Should -Be '* Report: Q3 *' }
    It 'uses Contoso.Text 1.0.0' { (Get-Module Contoso.Text).Version | Should -Be '1.0.0' }
}
'@
        Set-Content (Join-Path $Path 'build.ps1') @'
#Requires -Modules Contoso.Greeting
function Invoke-Build { param([string] $Configuration = 'Debug') Get-ContosoGreeting -Name "build $Configuration" }
'@

        $cache = Join-Path $Path '.cache'
        $env:DEPRESOLVE_CACHE = $cache
        # Four environments: Contoso.Greeting with three policies, and Contoso.Report. Lock files go elsewhere.
        $locks = Join-Path $Path '.locks'
        $deploy = Join-Path $Path 'deploy.ps1'
        foreach ($policy in 'Highest', 'Lowest') {
            Resolve-ScriptDependency $deploy -Policy $policy -LockFile (Join-Path $locks "$policy.json") | Out-Null
        }
        Resolve-ScriptDependency $deploy -AllowPrerelease -LockFile (Join-Path $locks 'prerelease.json') | Out-Null
        Resolve-ScriptDependency (Join-Path $Path 'tools/report.ps1') -LockFile (Join-Path $locks 'report.json') | Out-Null
        Resolve-ScriptDependency $deploy -CacheDirectory (Join-Path $Path '.depresolve') -LockFile (Join-Path $locks 'second.json') | Out-Null
        $Path
    }

    # Examples that fail for a reason tracked elsewhere; each still has its check below.
    $script:KnownIssues = @{
    }

    # What each example must have done, by its text. $run holds Output (success stream), Errors, Project, Before
    # (a snapshot of the project taken just before the example ran).
    $script:Checks = @{
        'Clear-DepResolveCache -Confirm:$false'                                     = {
            param($run)
            $run.Output.RemovedEnvironments | Should -Be 4
            @(Get-DepResolveEnvironment).Count | Should -Be 0
            @(Get-DepResolveEnvironment -CacheDirectory (Join-Path $run.Project '.depresolve')).Count | Should -Be 1 -Because 'only the default cache is cleared'
        }
        'Clear-DepResolveCache -CacheDirectory ./.depresolve -WhatIf'               = {
            param($run)
            $run.Output | Should -BeNullOrEmpty
            Get-FolderSnapshot $run.Project | Should -Be $run.Before
        }
        'Get-DepResolveEnvironment'                                                 = {
            param($run)
            @($run.Output).Count | Should -Be 4
            $run.Output[0].GetType().Name | Should -Be 'EnvironmentInfo'
            $run.Output.Id | ForEach-Object { $_ | Should -Match '^[0-9a-f]{24}$' }
        }
        'Get-DepResolveEnvironment | Select-Object -ExpandProperty Packages'        = {
            param($run)
            $packages = @($run.Output | ForEach-Object { '{0} {1}' -f $_.Id, $_.Version }) | Sort-Object -Unique
            $packages | Should -Contain 'Contoso.Greeting 2.0.0'
            $packages | Should -Contain 'Contoso.Greeting 1.0.0'
            $packages | Should -Contain 'Contoso.Text 1.3.0-preview1'
            $packages | Should -Contain 'Contoso.Report 1.0.0'
        }
        'Get-ScriptDependency ./deploy.ps1'                                         = {
            param($run)
            $module = $run.Output | Where-Object Name -eq 'Contoso.Greeting'
            $module.Kind | Should -Be 'Module'
            $module.Evidence | Should -Be 'Requires'
            $module.Line | Should -Be 1
            ($run.Output | Where-Object Name -eq 'Get-ContosoGreeting').Line | Should -Be 3
        }
        'Get-ChildItem ./scripts -Filter *.ps1 | Get-ScriptDependency -Recurse'      = {
            param($run)
            $run.Output.Name | Should -Contain 'Contoso.Greeting'
            $text = $run.Output | Where-Object Name -eq 'Contoso.Text'
            $text | Should -Not -BeNullOrEmpty -Because '-Recurse follows the dot-sourced lib/text.ps1'
            Split-Path $text.Path -Leaf | Should -Be 'text.ps1'
        }
        "Get-ScriptDependency -ScriptDefinition 'Import-Module Pester -MinimumVersion 5.3; Invoke-Pester'" = {
            param($run)
            $pester = $run.Output | Where-Object Name -eq 'Pester'
            $pester.Evidence | Should -Contain 'ImportModule'
            "$($pester[0].VersionRange)" | Should -Match '5\.3'
        }
        'Invoke-ScriptTest ./examples/hello.ps1 -Repository ./examples/feed'        = {
            param($run)
            $run.Output.Success | Should -BeTrue -Because $run.Output.ErrorMessage
            $run.Output.Output | Should -Match 'Hello, DepResolve!'
        }
        'Invoke-ScriptTest ./tools/report.ps1 -TestPath ./tests/report.Tests.ps1 -OutputFormat NUnitXml -OutputPath ./TestResults/report.xml' = {
            param($run)
            $run.Output.Success | Should -BeTrue -Because "$($run.Output.ErrorMessage) $($run.Output.FailedTests)"
            $run.Output.Passed | Should -Be 2
            $run.Output.Failed | Should -Be 0
            $report = Join-Path $run.Project 'TestResults/report.xml'
            $report | Should -Exist
            ([xml](Get-Content $report -Raw)).'test-results'.total | Should -Be '2'
        }
        'Get-ChildItem ./scripts/*.ps1 | Invoke-ScriptTest -ThrottleLimit 4 -MaxRetry 2' = {
            param($run)
            ($run.Output.ScriptName -join ',') | Should -Be 'banner.ps1,greet.ps1'
            $run.Output.Success | Should -Not -Contain $false
            $run.Output[0].Output | Should -Match '\* from banner\.ps1 \*'
            $run.Output[1].Output | Should -Match 'Hello, scripts! \(Greeting 2\.0\.0\)'
        }
        "Invoke-ScriptTest ./build.ps1 -EntryPoint Invoke-Build -Parameters @{ Configuration = 'Release' }" = {
            param($run)
            $run.Output.Success | Should -BeTrue -Because $run.Output.ErrorMessage
            $run.Output.HasEntryPoint | Should -BeTrue
            $run.Output.Output | Should -Match 'Hello, build Release!'
        }
        'Invoke-ScriptTest ./deploy.ps1 -WhatIf'                                     = {
            param($run)
            $run.Output | Should -BeNullOrEmpty
            Get-FolderSnapshot $run.Project | Should -Be $run.Before
        }
        'Invoke-ScriptTest ./tests/report.Tests.ps1 -EnableExit'                    = {
            param($run)
            $run.Output.Mode | Should -Be 'Pester'
            $run.Output.Success | Should -BeTrue -Because "$($run.Output.ErrorMessage)"
            $run.Output.Passed | Should -Be 2
        }
        'Resolve-ScriptDependency ./deploy.ps1 -Policy Lowest | Invoke-ScriptTest'  = {
            param($run)
            $run.Output | Should -HaveCount 1
            $result = $run.Output[0]
            $result.Success | Should -BeTrue -Because $result.ErrorMessage
            $result.Output | Should -Match ([regex]::Escape('Hello, deploy! (Greeting 1.0.0)')) -Because 'Lowest picks Greeting 1.0.0, where resolving again would pick 2.0.0'
            (Get-DepResolveEnvironment -Id $result.EnvironmentId).Packages.Version | Should -Contain '1.0.0'
        }
        'Get-ScriptDependency ./deploy.ps1 | Invoke-ScriptTest'                     = {
            param($run)
            $run.Output | Should -HaveCount 1
            $run.Output[0].ScriptName | Should -Be 'deploy.ps1'
            $run.Output[0].Success | Should -BeTrue -Because $run.Output[0].ErrorMessage
        }
        'Get-DepResolveEnvironment | Select-Object -Skip 3 | Remove-DepResolveEnvironment' = {
            param($run)
            $run.Output | Should -BeNullOrEmpty
            @(Get-DepResolveEnvironment).Count | Should -Be 3
        }
        'Get-ScriptDependency ./hello.ps1 | Resolve-ScriptDependency -Repository ./examples/feed' = {
            param($run)
            $run.Output.Success | Should -BeTrue
            $run.Output.ResolvedPackages.Id | Should -Be @('Demo.Greeting', 'Demo.Text')
            Test-Path $run.Output.EnvironmentPath | Should -BeTrue
        }
        'Resolve-ScriptDependency ./deploy.ps1 -WhatIf'                              = {
            param($run)
            $run.Output.Success | Should -BeTrue
            $run.Output.ResolvedPackages.Id | Should -Be @('Contoso.Greeting', 'Contoso.Text')
            Get-FolderSnapshot $run.Project | Should -Be $run.Before
        }
        'Invoke-ScriptTest ./deploy.ps1 -LockFile ./.locks/Lowest.json -LockedMode' = {
            param($run)
            $run.Output.Success | Should -BeTrue -Because $run.Output.ErrorMessage
            $run.Output.Output | Should -Match 'Greeting 1\.0\.0'
        }
        'Resolve-ScriptDependency ./deploy.ps1 -Policy Lowest -UpdateLock'           = {
            param($run)
            $run.Output.Policy | Should -Be 'Lowest'
            ($run.Output.ResolvedPackages | ForEach-Object { '{0} {1}' -f $_.Id, $_.Version }) | Should -Be @('Contoso.Greeting 1.0.0', 'Contoso.Text 1.0.0')
            $lock = Get-Content (Join-Path $run.Project 'depresolve.lock.json') -Raw | ConvertFrom-Json
            ($lock | ConvertTo-Json -Depth 10) | Should -Match '"1\.0\.0"'
        }
        'Get-ScriptDependency ./deploy.ps1 | Resolve-ScriptDependency -WhatIf'       = {
            param($run)
            $run.Output.ResolvedPackages.Id | Should -Be @('Contoso.Greeting', 'Contoso.Text')
            $run.Output.EnvironmentId | Should -BeNullOrEmpty
            Get-FolderSnapshot $run.Project | Should -Be $run.Before
        }
        'Get-ChildItem ./scripts/*.ps1 | Invoke-ScriptTest -ThrottleLimit 4'          = {
            param($run)
            ($run.Output.ScriptName -join ',') | Should -Be 'banner.ps1,greet.ps1'
            $run.Output.Success | Should -Not -Contain $false
        }
        'Resolve-ScriptDependency ./deploy.ps1 -Offline'                             = {
            param($run)
            $run.Output.Success | Should -BeTrue -Because $run.Output.ErrorDetails
            $run.Output.ResolvedPackages.Id | Should -Be @('Contoso.Greeting', 'Contoso.Text')
        }
    }
}

AfterAll {
    Restore-UserSettings $SavedSettings
    $env:DEPRESOLVE_CACHE = $SavedCache
    Remove-Module DepResolve -ErrorAction SilentlyContinue
}

Describe 'Get-Help examples run as written' {
    It '<Command> example <Number>: <Code>' -ForEach $examples {
        $Checks.ContainsKey($Code) | Should -BeTrue -Because "every help example needs a check in Help.Tests.ps1: $Code"
        if ($KnownIssues.ContainsKey($Code)) {
            Set-ItResult -Skipped -Because $KnownIssues[$Code]
            return
        }
        $project = New-HelpExampleProject -Path (Join-Path $TestDrive "$Command-$Number")
        $before = Get-FolderSnapshot $project
        Push-Location $project
        try {
            $all = @(& ([scriptblock]::Create($Code)) 2>&1)
        }
        finally {
            Pop-Location
        }
        $errors = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $errors | Should -BeNullOrEmpty -Because ($errors | Out-String)
        $run = [pscustomobject]@{ Output = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] }); Project = $project; Before = $before }
        & $Checks[$Code] $run
    }
}

Describe 'Get-Help for <Command>' -ForEach $commands {
    BeforeAll {
        $help = Get-Help $Command -Full
        $cmdlet = Get-Command $Command
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        $parameters = $cmdlet.Parameters.Values | Where-Object { $_.Name -notin $common }
    }

    It 'has a synopsis, a description and examples' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        ($help.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty
        @($help.Examples.Example).Count | Should -BeGreaterThan 0
    }

    It 'describes every parameter the cmdlet has' {
        $documented = @($help.Parameters.Parameter.Name)
        foreach ($parameter in $parameters) {
            $documented | Should -Contain $parameter.Name -Because "$Command -$($parameter.Name) exists"
            (Get-Help $Command -Parameter $parameter.Name | Out-String) | Should -Match $parameter.Name
        }
    }

    It 'documents no parameter the cmdlet lacks' {
        foreach ($name in @($help.Parameters.Parameter.Name)) {
            $cmdlet.Parameters.Keys | Should -Contain $name -Because "the help of $Command documents -$name"
        }
    }

    It 'shows the aliases each parameter has' {
        foreach ($parameter in $parameters | Where-Object { $_.Aliases.Count -gt 0 }) {
            $shown = (Get-Help $Command -Parameter $parameter.Name).aliases
            foreach ($alias in $parameter.Aliases) {
                $shown | Should -Match ([regex]::Escape($alias)) -Because "-$($parameter.Name) has the alias $alias"
            }
        }
    }

    It 'has one syntax block per parameter set' {
        @($help.Syntax.SyntaxItem).Count | Should -Be @($cmdlet.ParameterSets).Count
    }

    It 'has an online help address: its page of the docs, the first related link' {
        $cmdlet.HelpUri | Should -Match '^https://.+/docs/[a-z-]+\.md$'
        Join-Path $RepositoryRoot "docs/$(Split-Path $cmdlet.HelpUri -Leaf)" | Should -Exist
        @($help.relatedLinks.navigationLink)[0].uri | Should -Be $cmdlet.HelpUri
    }

    It 'names what it takes from the pipeline' {
        $piped = @($cmdlet.Parameters.Values | Where-Object { $_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and ($_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName) } })
        if ($piped.Count -gt 0) {
            ($help.inputTypes | Out-String).Trim() | Should -Not -BeNullOrEmpty
        }
    }

    It 'names what it writes as the declared output type' {
        $declared = @($cmdlet.OutputType.Name | Where-Object { $_ -ne 'System.Void' })
        if ($declared.Count -gt 0) {
            ($help.ReturnValues | Out-String) | Should -Match ([regex]::Escape($declared[0]))
        }
    }
}
