BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    $script:Expected = @(
        'Clear-DepResolveCache', 'Get-DepResolveEnvironment', 'Get-ScriptDependency',
        'Invoke-ScriptTest', 'Remove-DepResolveEnvironment', 'Resolve-ScriptDependency')
}

AfterAll {
    Remove-Module DepResolve -ErrorAction SilentlyContinue
}

Describe 'The DepResolve module' {
    It 'imports from the published folder with the manifest version' {
        $module = Get-Module DepResolve
        $module | Should -Not -BeNullOrEmpty
        $module.Version | Should -Be (Import-PowerShellDataFile $ModuleManifest).ModuleVersion
        $module.CompatiblePSEditions | Should -Contain 'Core'
    }

    It 'exports exactly the six cmdlets' {
        (Get-Command -Module DepResolve).Name | Sort-Object | Should -Be $Expected
    }

    It 'keeps the engine and its dependencies under Dependencies/' {
        $moduleFolder = Split-Path $ModuleManifest
        Test-Path (Join-Path $moduleFolder 'Dependencies/DepResolve.Engine.dll') | Should -BeTrue
        Test-Path (Join-Path $moduleFolder 'Dependencies/DepResolve.PowerShellReader.dll') | Should -BeTrue
        Get-ChildItem $moduleFolder -Filter *.dll | Select-Object -ExpandProperty Name | Should -Be 'DepResolve.Cmdlets.dll'
        Get-ChildItem $moduleFolder -Recurse -Filter System.Management.Automation.dll | Should -BeNullOrEmpty
    }

    It 'loads the engine into its own load context' {
        $dependency = Get-ScriptDependency -ScriptDefinition 'Import-Module Demo.Text'
        $engine = $dependency[0].GetType().Assembly
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($engine).Name | Should -Be 'DepResolve'
    }

    It 'loads the engine compiled ahead of time for .NET 10 on pwsh 7.6+, from Dependencies/ otherwise' {
        $engine = (Get-ScriptDependency -ScriptDefinition 'Import-Module Demo.Text')[0].GetType().Assembly
        $folder = Split-Path -Leaf (Split-Path $engine.Location)
        if ([Environment]::Version.Major -ge 10) { $folder | Should -BeLike 'net10.0-*' } else { $folder | Should -Be 'Dependencies' }
    }

    It 'loads the PowerShell reader beside the engine, in the same load context' {
        $engine = (Get-ScriptDependency -ScriptDefinition 'Import-Module Demo.Text')[0].GetType().Assembly
        $reader = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'DepResolve.PowerShellReader' }
        @($reader).Count | Should -Be 1
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($reader).Name | Should -Be 'DepResolve'
        Split-Path $reader.Location | Should -Be (Split-Path $engine.Location)
    }

    It '<_> has help with at least one example' -ForEach @(
        'Clear-DepResolveCache', 'Get-DepResolveEnvironment', 'Get-ScriptDependency',
        'Invoke-ScriptTest', 'Remove-DepResolveEnvironment', 'Resolve-ScriptDependency') {
        $help = Get-Help $_ -Examples
        $help.Synopsis | Should -Not -BeNullOrEmpty
        @($help.Examples.Example).Count | Should -BeGreaterThan 0
    }

    It 'has about_DepResolve' {
        Get-Help about_DepResolve | Out-String | Should -Match 'Get-ScriptDependency'
    }

    It 'declares an output type on every cmdlet' {
        foreach ($command in Get-Command -Module DepResolve | Where-Object Name -ne 'Remove-DepResolveEnvironment') {
            $command.OutputType.Name | Should -Not -BeNullOrEmpty -Because $command.Name
        }
    }

    It 'has a table view for every output type' {
        $types = Get-Command -Module DepResolve | ForEach-Object { $_.OutputType.Name } | Where-Object { $_ -and $_ -ne 'System.Void' } | Sort-Object -Unique
        $types | Should -Not -BeNullOrEmpty
        foreach ($type in $types + 'DepResolve.Engine.Model.ResolvedPackage') {
            $view = Get-FormatData -TypeName $type
            $view | Should -Not -BeNullOrEmpty -Because "$type needs a view"
            $view.FormatViewDefinition.Control | Should -BeOfType System.Management.Automation.TableControl
        }
    }

    It 'completes -Policy with the policy names' {
        $line = 'Resolve-ScriptDependency -Policy '
        $completions = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        # ValidateSet completions come back sorted (CompletionCompleters.ProcessParameter sorts the set).
        $completions.CompletionMatches.CompletionText | Should -Be @('Highest', 'Locked', 'Lowest', 'Minimal')
    }
}
