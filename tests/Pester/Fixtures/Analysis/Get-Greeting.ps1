function Get-Greeting {
    param([Parameter(Mandatory)][AllowEmptyString()][string] $Name)
    if (-not $Name) { throw 'Name must not be empty.' }
    "Hello, $Name!"
}
