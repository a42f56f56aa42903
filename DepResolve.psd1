#
# Module manifest for DepResolve. ModuleVersion below is the single source of the version:
# the build reads it for the assembly version and the output folder out/DepResolve/<version>/.
#
@{
    RootModule           = 'DepResolve.Cmdlets.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '5046bd3e-715c-4860-8fd8-5cd2643c5f97'
    Author               = 'DepResolve contributors'
    CompanyName          = 'DepResolve'
    Copyright            = '(c) DepResolve contributors. All rights reserved.'
    Description          = 'Finds what a script needs (modules, .NET assemblies, NuGet packages), resolves one consistent set of versions from package feeds, installs it into an isolated cached environment and runs the script or its Pester tests there, retrying once when the run reveals a missed dependency.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('DepResolve.format.ps1xml')
    CmdletsToExport      = @(
        'Get-ScriptDependency'
        'Resolve-ScriptDependency'
        'Invoke-ScriptTest'
        'Get-DepResolveEnvironment'
        'Remove-DepResolveEnvironment'
        'Clear-DepResolveCache'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Dependencies', 'NuGet', 'PackageManagement', 'Pester', 'Testing', 'CI', 'PSEdition_Core', 'Linux', 'Windows', 'MacOS')
            ReleaseNotes = 'Get-ScriptDependency, Resolve-ScriptDependency, Invoke-ScriptTest and the environment and cache commands.'
        }
    }
}
