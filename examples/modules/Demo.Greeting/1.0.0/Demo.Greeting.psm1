function Get-Greeting {
    param([string] $Name = 'world')
    ConvertTo-Banner -Text "Hello, $Name!"
}
