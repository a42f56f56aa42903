@{
    RootModule        = 'DemoGreeting.psm1'
    ModuleVersion     = '1.0.0'
    GUID              = '6d1b5f0e-3a0c-4f44-9a51-7f3f2f0c1d11'
    Author            = 'DepResolve tests'
    Description       = 'A demo module for the runner tests.'
    PowerShellVersion = '7.4'
    FunctionsToExport = @('Get-DemoGreeting')
    CmdletsToExport   = @()
    AliasesToExport   = @()
    VariablesToExport = @()
    PrivateData       = @{ PSData = @{ Tags = @('Demo') } }
}
