# Each case runs in its own clean child pwsh: which assemblies are already loaded is the whole point.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')

    function Invoke-CleanPwsh([string] $Script) {
        $output = & $Pwsh -NoProfile -NonInteractive -Command $Script 2>&1
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($output | Out-String) }
    }
}

Describe 'Isolated loading' {
    It 'works after Microsoft.PowerShell.PSResourceGet is imported' {
        $run = Invoke-CleanPwsh @"
`$ErrorActionPreference = 'Stop'
Import-Module Microsoft.PowerShell.PSResourceGet
Import-Module '$ModuleManifest'
`$null = Get-PSResourceRepository
(Get-ScriptDependency -ScriptDefinition 'Import-Module Demo.Text').Name
"@
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -Match 'Demo.Text'
    }

    It 'works after Add-Type has loaded the Roslyn that ships with pwsh' {
        $run = Invoke-CleanPwsh @"
`$ErrorActionPreference = 'Stop'
Add-Type -TypeDefinition 'public static class LoadedFirst { public static int Answer => 42; }'
if (-not ([AppDomain]::CurrentDomain.GetAssemblies().GetName().Name -contains 'Microsoft.CodeAnalysis.CSharp')) { throw 'Roslyn was not loaded by Add-Type' }
Import-Module '$ModuleManifest'
(Get-ScriptDependency -ScriptDefinition 'Add-Type -TypeDefinition "using Newtonsoft.Json; public class X { }"').Name
[LoadedFirst]::Answer
"@
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -Match '42'
    }

    It 'does not put its own Roslyn or Newtonsoft.Json into the default load context' {
        $run = Invoke-CleanPwsh @"
Import-Module '$ModuleManifest'
`$null = Get-ScriptDependency -ScriptDefinition 'Add-Type -TypeDefinition "public class Y { }"'
`$default = [System.Runtime.Loader.AssemblyLoadContext]::Default.Assemblies | Where-Object Location -like '*Dependencies*'
`$default.Count
"@
        $run.Output.Trim() | Should -Be '0'
    }

    It 'can be removed and imported again' {
        $run = Invoke-CleanPwsh @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModuleManifest'
Remove-Module DepResolve
Import-Module '$ModuleManifest' -Force
(Get-Command -Module DepResolve).Count
"@
        $run.Output.Trim() | Should -Be '6'
    }
}
