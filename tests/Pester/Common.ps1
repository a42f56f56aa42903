# Shared by the module's Pester tests: where the built module and the repository are, and a folder feed builder.
$script:ModuleManifest = $env:DEPRESOLVE_TEST_MODULE
if (-not $script:ModuleManifest) {
    $repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $version = (Import-PowerShellDataFile (Join-Path $repo 'DepResolve.psd1')).ModuleVersion
    $script:ModuleManifest = Join-Path $repo "out/DepResolve/$version/DepResolve.psd1"
}
$script:RepositoryRoot = if ($env:DEPRESOLVE_TEST_ROOT) { $env:DEPRESOLVE_TEST_ROOT } else { (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path }

function New-TestFeed {
    <# Packs examples/modules/<Name>/<Version>/ (module files + nuspec) into .nupkg files in a new folder feed. #>
    param([Parameter(Mandatory)][string] $Destination)
    New-Item -ItemType Directory -Force -Path $Destination | Out-Null
    foreach ($versionFolder in Get-ChildItem (Join-Path $script:RepositoryRoot 'examples/modules') -Directory | Get-ChildItem -Directory) {
        $name = $versionFolder.Parent.Name
        $zip = Join-Path $Destination "$name.$($versionFolder.Name).zip".ToLowerInvariant()
        Compress-Archive -Path (Join-Path $versionFolder.FullName '*') -DestinationPath $zip
        Move-Item $zip ([System.IO.Path]::ChangeExtension($zip, '.nupkg'))
    }
    $Destination
}

function Get-FolderSnapshot {
    <# Every file under a folder with its size: two equal snapshots mean nothing was written. #>
    param([Parameter(Mandatory)][string] $Path)
    if (-not (Test-Path $Path)) { return @() }
    Get-ChildItem $Path -Recurse -File -Force | ForEach-Object { '{0}|{1}' -f $_.FullName, $_.Length } | Sort-Object
}
