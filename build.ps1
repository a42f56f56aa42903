#Requires -Version 7.4
<#
.SYNOPSIS
    Builds the DepResolve module into out/DepResolve/<version>/; with -Test, runs the xunit tests and then
    the Pester suite in a clean child pwsh against the built module (NUnit XML in TestResults/).
.EXAMPLE
    ./build.ps1
.EXAMPLE
    ./build.ps1 -Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',
    [switch] $Test
)

$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot
$version = (Import-PowerShellDataFile ./DepResolve.psd1).ModuleVersion
$module = Join-Path $PSScriptRoot "out/DepResolve/$version"

Remove-Item $module -Recurse -Force -ErrorAction SilentlyContinue
dotnet publish src/DepResolve.Cmdlets -c $Configuration -o $module
if ($LASTEXITCODE -ne 0) { throw "dotnet publish failed ($LASTEXITCODE)." }
Write-Host "Module: $module"

if ($Test) {
    dotnet test PSDepResolve.sln -c $Configuration --logger "trx;LogFileName=xunit.trx" --results-directory TestResults
    $xunitExit = $LASTEXITCODE
    & (Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')) -NoProfile -NonInteractive -File ./tests/Pester/Invoke-PesterSuite.ps1 `
        -ModulePath (Join-Path $module 'DepResolve.psd1') -OutputPath ./TestResults/Pester.xml
    $pesterExit = $LASTEXITCODE
    if ($xunitExit -ne 0 -or $pesterExit -ne 0) {
        throw "Tests failed (dotnet test: $xunitExit, Pester: $pesterExit)."
    }
}
