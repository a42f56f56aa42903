@{
    RootModule        = 'Demo.Greeting.psm1'
    ModuleVersion     = '1.0.0'
    GUID              = '6a4f3c55-8f0e-4b8e-a0f1-2d9c3b7e5a02'
    Author            = 'DepResolve examples'
    Description       = 'Greetings for the DepResolve quick start; needs Demo.Text.'
    RequiredModules   = @(@{ ModuleName = 'Demo.Text'; ModuleVersion = '1.0.0' })
    FunctionsToExport = @('Get-Greeting')
    CmdletsToExport   = @()
    AliasesToExport   = @()
}
