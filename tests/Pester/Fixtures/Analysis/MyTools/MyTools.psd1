@{
    RootModule         = 'MyTools.psm1'
    ModuleVersion      = '1.2.0'
    GUID               = 'b5f0c6de-2f64-4f0e-9d43-0a4f6b2c9d11'
    PowerShellVersion  = '7.2'
    RequiredModules    = @(
        @{ ModuleName = 'PSFramework'; ModuleVersion = '1.10.318' }
        'Microsoft.PowerShell.SecretManagement'
    )
    RequiredAssemblies = @('lib/YamlDotNet.dll')
    FunctionsToExport  = @('Get-MyConfig')
    PrivateData        = @{
        PSData = @{
            ExternalModuleDependencies = @('ActiveDirectory')
        }
    }
}
