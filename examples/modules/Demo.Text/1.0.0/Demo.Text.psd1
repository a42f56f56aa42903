@{
    RootModule        = 'Demo.Text.psm1'
    ModuleVersion     = '1.0.0'
    GUID              = '0d0e5e3c-4f0a-4d53-9d43-6f7b7a1c2e01'
    Author            = 'DepResolve examples'
    Description       = 'Text helpers for the DepResolve quick start.'
    FunctionsToExport = @('ConvertTo-Banner')
    CmdletsToExport   = @()
    AliasesToExport   = @()
}
