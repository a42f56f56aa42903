#Requires -Version 7.4
<#
.SYNOPSIS
    Runs every *.Tests.ps1 in this folder with Pester 5 against the built module, in a clean child pwsh.
.DESCRIPTION
    Publishes the module first when out/DepResolve/<version>/ is missing, then starts
    `pwsh -NoProfile -NonInteractive` so the session that built the module is never the one tested.
    Writes NUnit XML and prints exactly one line: "Pester: N passed, N failed, N skipped".
#>
[CmdletBinding()]
param(
    [string] $ModulePath,
    # Test files to run (names or paths, wildcards allowed); every *.Tests.ps1 of this folder when empty.
    [string[]] $TestPath,
    [string] $OutputPath = (Join-Path $PSScriptRoot '../../TestResults/Pester.xml')
)

$ErrorActionPreference = 'Stop'
$root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

if (-not $ModulePath) {
    $manifest = Import-PowerShellDataFile (Join-Path $root 'DepResolve.psd1')
    $ModulePath = Join-Path $root "out/DepResolve/$($manifest.ModuleVersion)/DepResolve.psd1"
    if (-not (Test-Path $ModulePath)) {
        & dotnet publish (Join-Path $root 'src/DepResolve.Cmdlets') -c Release -o (Split-Path $ModulePath) | Out-Host
        if ($LASTEXITCODE -ne 0) { Write-Host 'Pester: 0 passed, 1 failed, 0 skipped'; exit 1 }
    }
}
$ModulePath = (Resolve-Path $ModulePath).Path
# Relative to the current location (GetFullPath would use the process folder, which Set-Location does not move).
$OutputPath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutputPath)
New-Item -ItemType Directory -Force -Path (Split-Path $OutputPath) | Out-Null
$countsFile = [System.IO.Path]::GetTempFileName()

$child = @'
param($TestFolder, $OutputPath, $CountsFile)
$pester = Get-Module Pester -ListAvailable | Where-Object { $_.Version.Major -eq 5 } | Sort-Object Version -Descending | Select-Object -First 1
if (-not $pester) {
    Write-Host 'Pester 5 is not installed: run tools/restore-powershell.sh (or Install-Module Pester -MinimumVersion 5.0 -Scope CurrentUser)'
    exit 3
}
Import-Module $pester
$configuration = New-PesterConfiguration
$configuration.Run.Path = [string[]]$TestFolder
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputFormat = 'NUnitXml'
$configuration.TestResult.OutputPath = $OutputPath
$result = Invoke-Pester -Configuration $configuration
@{ Passed = $result.PassedCount; Failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount; Skipped = $result.SkippedCount } |
    ConvertTo-Json | Set-Content -Path $CountsFile
'@

# Pester as tools/restore-powershell.sh installs it (the NuGet package), ahead of any installed elsewhere.
$toolModules = Join-Path $root '.tools/Modules'
if (Test-Path $toolModules) {
    $env:PSModulePath = $toolModules + [System.IO.Path]::PathSeparator + $env:PSModulePath
}
$env:DEPRESOLVE_TEST_MODULE = $ModulePath
# ScriptAnalysis.Tests.ps1 and ScriptRunner.Tests.ps1 read this name: without it they would test out/ instead.
$env:DEPRESOLVE_MODULE_PATH = $ModulePath
$env:DEPRESOLVE_TEST_ROOT = $root
# Fixtures built once per run (the Publish-PSResource feed of Common.ps1's Get-PublishedFeed) live here.
$runFolder = Join-Path ([System.IO.Path]::GetTempPath()) ("depresolve-pester-" + [guid]::NewGuid().ToString('N'))
New-Item -ItemType Directory -Path $runFolder | Out-Null
$env:DEPRESOLVE_TEST_RUN_FOLDER = $runFolder
# The tests run with a home of their own: no user's NuGet.Config, PSResourceGet registrations or default cache is
# read or changed (a NuGet.Config naming a public source would otherwise be asked for library packages).
$testHome = Join-Path $runFolder 'home'
New-Item -ItemType Directory -Path $testHome | Out-Null
$env:HOME = $testHome
$env:XDG_DATA_HOME = Join-Path $testHome '.local/share'
$env:XDG_CONFIG_HOME = Join-Path $testHome '.config'
$env:XDG_CACHE_HOME = Join-Path $testHome '.cache'
# .NET reports a missing data folder as an empty LocalApplicationData, and PSResourceGet then writes under the current folder.
New-Item -ItemType Directory -Force -Path $env:XDG_DATA_HOME, $env:XDG_CONFIG_HOME, $env:XDG_CACHE_HOME | Out-Null
$pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
$testFolder = if ($TestPath) {
    # `pwsh -File` passes 'a,b' as one string.
    foreach ($item in $TestPath -split ',') {
        $candidate = if (Test-Path -Path $item) { $item } else { Join-Path $PSScriptRoot $item }
        (Resolve-Path -Path $candidate -ErrorAction Stop).Path
    }
} else { $PSScriptRoot }
& $pwsh -NoProfile -NonInteractive -Command ([scriptblock]::Create($child)) -args $testFolder, $OutputPath, $countsFile | Out-Host
$exit = $LASTEXITCODE
Remove-Item -LiteralPath $runFolder -Recurse -Force -ErrorAction SilentlyContinue

$counts = if ((Get-Item $countsFile).Length -gt 0) { Get-Content $countsFile -Raw | ConvertFrom-Json } else { $null }
Remove-Item $countsFile -ErrorAction SilentlyContinue
if (-not $counts) {
    Write-Host "The Pester run in the child pwsh ended with exit code $exit and no counts."
    Write-Host 'Pester: 0 passed, 1 failed, 0 skipped'
    exit 1
}

Write-Host "NUnit XML: $OutputPath"
Write-Host "Pester: $($counts.Passed) passed, $($counts.Failed) failed, $($counts.Skipped) skipped"
exit ([int]($counts.Failed -gt 0))
