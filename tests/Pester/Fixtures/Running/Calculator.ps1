# A small script under test: the Pester fixture Calculator.Checks.ps1 dot-sources it.
function Add-Numbers {
    param([int] $Left, [int] $Right)
    $Left + $Right
}

function Get-Half {
    param([int] $Value)
    [math]::Floor($Value / 2)
}
