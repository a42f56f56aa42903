#Requires -Version 7.4
<#
.SYNOPSIS
    Rebuilds the module catalog's entries for the modules listed in catalog-sources.json from their own manifests.
.DESCRIPTION
    For every source (module, repository, commit, manifest path) reads the manifest found at
    <SourceRoot>/<owner>/<name>/<manifest> and takes its FunctionsToExport, CmdletsToExport and AliasesToExport
    (wildcards are skipped; a manifest that exports nothing by name is an error naming it). The module's entry in
    module-catalog.json is replaced by that list, sorted; the other entries (curated by hand) stay as they are, and
    "generatedFrom" records each source. Writes nothing when any selected source is missing or unreadable.
    With -Module only the sources of those modules are read (wildcards allowed); the other generated entries and
    their "generatedFrom" records stay as they are, so one source can be refreshed without checking out all of them.
.EXAMPLE
    ./tools/catalog/Update-ModuleCatalog.ps1 -SourceRoot ~/src/catalog-sources
.EXAMPLE
    ./tools/catalog/Update-ModuleCatalog.ps1 -SourceRoot ~/src/catalog-sources -Module 'Az.*'
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [Parameter(Mandatory)] [string] $SourceRoot,
    [string[]] $Module = @('*'),
    [string] $Sources = (Join-Path $PSScriptRoot 'catalog-sources.json'),
    [string] $Catalog = (Join-Path $PSScriptRoot '../../src/DepResolve.Engine/Catalog/Resources/module-catalog.json')
)

$ErrorActionPreference = 'Stop'

function Get-ManifestExport {
    param([Parameter(Mandatory)] [string] $Path, [Parameter(Mandatory)] [string] $Module)
    $manifest = Import-PowerShellDataFile -LiteralPath $Path
    $names = foreach ($key in 'FunctionsToExport', 'CmdletsToExport', 'AliasesToExport') {
        @($manifest[$key]) | Where-Object { $_ -is [string] -and $_ -and $_ -notmatch '[*?]' }
    }
    $names = @($names | Sort-Object -Unique -Culture ([cultureinfo]::InvariantCulture))
    if ($names.Count -eq 0) { throw "The manifest of $Module ($Path) exports no command by name (only wildcards or nothing)." }
    $names
}

function Format-CatalogJson {
    <# The catalog's layout: one module a key, its commands wrapped at about 120 columns. #>
    param([Parameter(Mandatory)] $Document)
    $lines = [System.Collections.Generic.List[string]]::new()
    $lines.Add('{')
    $topKeys = @($Document.Keys)
    for ($t = 0; $t -lt $topKeys.Count; $t++) {
        $key = $topKeys[$t]; $comma = if ($t -lt $topKeys.Count - 1) { ',' } else { '' }
        if ($key -eq 'modules') {
            $lines.Add('  "modules": {')
            $modules = @($Document.modules.Keys)
            for ($m = 0; $m -lt $modules.Count; $m++) {
                $names = @($Document.modules[$modules[$m]] | ForEach-Object { $_ | ConvertTo-Json -Compress })
                $moduleComma = if ($m -lt $modules.Count - 1) { ',' } else { '' }
                $line = ''; $wrapped = [System.Collections.Generic.List[string]]::new()
                foreach ($n in $names) {
                    if ($line.Length + $n.Length + 2 -gt 116 -and $line) { $wrapped.Add($line.TrimEnd()); $line = '' }
                    $line += "$n, "
                }
                if ($line) { $wrapped.Add($line.TrimEnd().TrimEnd(',')) }
                $name = $modules[$m] | ConvertTo-Json -Compress
                if ($wrapped.Count -le 1) { $lines.Add("    ${name}: [ $($wrapped -join '') ]$moduleComma") }
                else {
                    $lines.Add("    ${name}: [")
                    $wrapped | ForEach-Object { $lines.Add("      $_") }
                    $lines.Add("    ]$moduleComma")
                }
            }
            $lines.Add("  }$comma")
        }
        else {
            $value = @(($Document[$key] | ConvertTo-Json -Depth 10) -split "`n" | ForEach-Object { "  $_" })
            $value[0] = "  $($key | ConvertTo-Json -Compress): $($value[0].TrimStart())"
            $value[-1] = "$($value[-1])$comma"
            $value | ForEach-Object { $lines.Add($_) }
        }
    }
    $lines.Add('}')
    ($lines -join "`n") + "`n"
}

$list = (Get-Content -Raw -LiteralPath $Sources | ConvertFrom-Json).sources
$document = Get-Content -Raw -LiteralPath $Catalog | ConvertFrom-Json -AsHashtable
# pwsh -File passes a comma-separated list as one string.
$Module = @($Module -split ',' | ForEach-Object { $_.Trim() } | Where-Object { $_ })
$selected = @($list | Where-Object { $name = $_.module; @($Module | Where-Object { $name -like $_ }).Count -gt 0 })
if ($selected.Count -eq 0) { throw "No source in $Sources is for a module named $($Module -join ', ')." }
$previous = @{}
foreach ($record in @($document.generatedFrom)) { if ($record) { $previous[$record.module] = $record } }
$generated = [System.Collections.Generic.List[object]]::new()
$exports = [ordered]@{}
foreach ($source in $list) {
    if ($source -notin $selected) {
        if (-not $previous.ContainsKey($source.module)) {
            throw "The catalog has no generated entry for $($source.module) yet: include it in -Module (check out $($source.repository) at $($source.commit) under $SourceRoot)."
        }
        if ($previous[$source.module].commit -ne $source.commit) {
            throw "$Sources names commit $($source.commit) for $($source.module) but the catalog was generated from $($previous[$source.module].commit): include it in -Module."
        }
        $generated.Add($previous[$source.module])
        continue
    }
    $path = Join-Path $SourceRoot $source.repository $source.manifest
    if (-not (Test-Path -LiteralPath $path)) {
        throw "Manifest of $($source.module) not found: $path (check out $($source.repository) at $($source.commit) under $SourceRoot)."
    }
    $exports[$source.module] = Get-ManifestExport -Path $path -Module $source.module
    $generated.Add([ordered]@{ module = $source.module; repository = $source.repository; commit = $source.commit; manifest = $source.manifest; commands = $exports[$source.module].Count })
}

foreach ($moduleName in $exports.Keys) { $document.modules[$moduleName] = $exports[$moduleName] }
$document.generatedFrom = $generated
if ($PSCmdlet.ShouldProcess($Catalog, "Write $($exports.Count) modules' exports")) {
    Set-Content -LiteralPath $Catalog -Value (Format-CatalogJson $document) -NoNewline -Encoding utf8NoBOM
    Write-Host "Catalog: read $($exports.Count) manifests; $($generated.Count) modules generated from their manifests ($(($generated | ForEach-Object commands | Measure-Object -Sum).Sum) commands) -> $Catalog"
}
