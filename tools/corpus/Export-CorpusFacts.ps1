#Requires -Version 7.4
<#
.SYNOPSIS
    Records, for every corpus script, the names its analysis finds: tests/Corpus/facts.json.
.DESCRIPTION
    The corpus scripts are public code kept outside this repository (tests/Corpus/sources.json says where each comes
    from). What may be kept here are facts about them: the modules, commands, types and assemblies each one names, as
    Get-ScriptDependency -Recurse reads them, with whether the script guards them. Corpus.Tests.ps1 turns these facts
    back into a short script per corpus file and scores the offline mapping on it in every CI run, while the scoring
    of the unchanged scripts runs wherever they are present.
    Items whose name is computed at run time ($path\x.psm1) and the dot-sourced scripts themselves (their items are
    recorded in their place) are left out. Writes nothing when a listed script is missing.
.EXAMPLE
    ./tools/corpus/Export-CorpusFacts.ps1 -ScriptRoot ~/corpus/scripts
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [Parameter(Mandatory)] [string] $ScriptRoot,
    [string] $ModulePath,
    [string] $Expected = (Join-Path $PSScriptRoot '../../tests/Corpus/expected.json'),
    [string] $Facts = (Join-Path $PSScriptRoot '../../tests/Corpus/facts.json')
)

$ErrorActionPreference = 'Stop'
$root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
if (-not $ModulePath) {
    $version = (Import-PowerShellDataFile (Join-Path $root 'DepResolve.psd1')).ModuleVersion
    $ModulePath = Join-Path $root "out/DepResolve/$version/DepResolve.psd1"
}
Import-Module $ModulePath -Force

$files = @((Get-Content -Raw $Expected | ConvertFrom-Json -AsHashtable).scripts.Keys | Sort-Object -Culture ([cultureinfo]::InvariantCulture))
$missing = @($files | Where-Object { -not (Test-Path -LiteralPath (Join-Path $ScriptRoot $_)) })
if ($missing) { throw "Corpus scripts missing under ${ScriptRoot}: $($missing -join ', ')" }

$cache = Join-Path ([System.IO.Path]::GetTempPath()) ("depresolve-corpus-facts-" + [guid]::NewGuid().ToString('N'))
$scripts = [ordered]@{}
try {
    foreach ($file in $files) {
        $items = Get-ScriptDependency -LiteralPath (Join-Path $ScriptRoot $file) -Recurse -CacheDirectory $cache -WarningAction SilentlyContinue 3>$null
        $scripts[$file] = @($items |
                Where-Object { -not $_.IsDynamic -and "$($_.Kind)" -ne 'Script' } |
                ForEach-Object { '{0}|{1}|{2}|{3}' -f $_.Kind, $_.Evidence, $_.Name, ($_.IsOptional ? 'optional' : 'required') } |
                Sort-Object -Unique -Culture ([cultureinfo]::InvariantCulture))
    }
}
finally {
    Remove-Item -LiteralPath $cache -Recurse -Force -ErrorAction SilentlyContinue
}

$document = [ordered]@{
    description = 'For every corpus script, what its analysis finds, as Kind|Evidence|Name|required-or-optional: the names only, never the script text. Made by tools/corpus/Export-CorpusFacts.ps1 from the scripts at the commits sources.json gives.'
    scripts     = $scripts
}
if ($PSCmdlet.ShouldProcess($Facts, "Write the facts of $($files.Count) scripts")) {
    ($document | ConvertTo-Json -Depth 4) -replace "`r`n", "`n" | Set-Content -LiteralPath $Facts -NoNewline:$false
}
