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

function Get-LockSection {
    <# A script's section of a depresolve.lock.json (format 2: one section per script, keyed by its path relative to the lock file). #>
    param([Parameter(Mandatory)][string] $LockFile, [string] $Script)
    $sections = (Get-Content -LiteralPath $LockFile -Raw | ConvertFrom-Json -AsHashtable).scripts
    if ($Script) { return $sections[$Script] }
    if ($sections.Count -ne 1) { throw "$LockFile has $($sections.Count) script sections; name the script." }
    @($sections.Values)[0]
}

function Get-FolderSnapshot {
    <# Every file under a folder with its size: two equal snapshots mean nothing was written. #>
    param([Parameter(Mandatory)][string] $Path)
    if (-not (Test-Path $Path)) { return @() }
    Get-ChildItem $Path -Recurse -File -Force | ForEach-Object { '{0}|{1}' -f $_.FullName, $_.Length } | Sort-Object
}

$script:PublishedFeedRepositoryName = 'ContosoFeed'

function New-PublishedFeed {
    <#
        A folder feed made the way PowerShell users make one: each module gets a manifest from New-ModuleManifest
        (RequiredModules between them) and is published with PSResourceGet's Publish-PSResource, so the packages
        carry only the PSModule tag and no PSCommand_ tags. Publishing runs in a child pwsh whose HOME (and
        XDG_DATA_HOME, XDG_CONFIG_HOME) is <Destination>/home: the repository is registered in a PSResourceGet store
        of its own there, never in the user's. The registration stays (PSGallery removed), so a test that points
        XDG_DATA_HOME at DataHome sees 'ContosoFeed' as the only registered repository.
          Contoso.Text     1.0.0, 1.2.0, 1.3.0-preview1   ConvertTo-ContosoBanner
          Contoso.Greeting 1.0.0 (Contoso.Text >= 1.0.0), 2.0.0 (Contoso.Text 1.2.0 to 1.9.9)   Get-ContosoGreeting
          Contoso.Report   1.0.0 (Contoso.Text exactly 1.0.0)   New-ContosoReport
          Pester           the Pester 5 this session runs (Invoke-ScriptTest resolves it for test files)
    #>
    param([Parameter(Mandatory)][string] $Destination)

    $publisher = {
        param($Root, $RepositoryName, $PesterBase)
        $ErrorActionPreference = 'Stop'
        Set-Location $Root
        [Environment]::CurrentDirectory = $Root
        $feed = Join-Path $Root 'feed'
        $sources = Join-Path $Root 'modules'
        New-Item -ItemType Directory -Force -Path $feed, $sources | Out-Null
        # Test-ModuleManifest (which Publish-PSResource runs) wants RequiredModules to be available.
        $env:PSModulePath = $sources + [System.IO.Path]::PathSeparator + $env:PSModulePath
        # Only a store under $Root may be emptied. Where HOME does not move it (Windows reads the known folder),
        # the feed is registered for the publishing only and unregistered again, leaving the user's store as it was.
        $isolated = [Environment]::GetFolderPath('LocalApplicationData').StartsWith($Root)
        if ($isolated) {
            Get-PSResourceRepository | Unregister-PSResourceRepository
        }
        Register-PSResourceRepository -Name $RepositoryName -Uri $feed -Trusted
        if ($isolated) {
            $store = Join-Path $env:XDG_DATA_HOME 'PSResourceGet/PSResourceRepository.xml'
            if (-not (Test-Path $store)) { throw "PSResourceGet did not write its repository store at $store." }
        }

        $modules = @(
            @{ Name = 'Contoso.Text'; Version = '1.0.0'; Functions = 'ConvertTo-ContosoBanner'; Body = 'function ConvertTo-ContosoBanner { param([string] $Text) "* $Text *" }' }
            @{ Name = 'Contoso.Text'; Version = '1.2.0'; Functions = 'ConvertTo-ContosoBanner'; Body = 'function ConvertTo-ContosoBanner { param([string] $Text) "** $Text **" }' }
            @{ Name = 'Contoso.Text'; Version = '1.3.0'; Prerelease = 'preview1'; Functions = 'ConvertTo-ContosoBanner'; Body = 'function ConvertTo-ContosoBanner { param([string] $Text) "*** $Text ***" }' }
            @{ Name = 'Contoso.Report'; Version = '1.0.0'; Functions = 'New-ContosoReport'; Requires = @{ ModuleName = 'Contoso.Text'; RequiredVersion = '1.0.0' }
               Body = 'function New-ContosoReport { param([string] $Title) ConvertTo-ContosoBanner "Report: $Title" }' }
            @{ Name = 'Contoso.Greeting'; Version = '1.0.0'; Functions = 'Get-ContosoGreeting'; Requires = @{ ModuleName = 'Contoso.Text'; ModuleVersion = '1.0.0' }
               Body = 'function Get-ContosoGreeting { param([string] $Name = "World") ConvertTo-ContosoBanner "Hello, $Name! (Greeting 1.0.0)" }' }
            @{ Name = 'Contoso.Greeting'; Version = '2.0.0'; Functions = 'Get-ContosoGreeting'; Requires = @{ ModuleName = 'Contoso.Text'; ModuleVersion = '1.2.0'; MaximumVersion = '1.9.9' }
               Body = 'function Get-ContosoGreeting { param([string] $Name = "World") ConvertTo-ContosoBanner "Hello, $Name! (Greeting 2.0.0)" }' }
        )
        try {
            foreach ($module in $modules) {
                $folder = Join-Path $sources "$($module.Name)/$($module.Version)"
                New-Item -ItemType Directory -Force -Path $folder | Out-Null
                Set-Content -Path (Join-Path $folder "$($module.Name).psm1") -Value $module.Body
                $manifest = @{
                    Path = Join-Path $folder "$($module.Name).psd1"; RootModule = "$($module.Name).psm1"; ModuleVersion = $module.Version
                    FunctionsToExport = $module.Functions; CmdletsToExport = @(); AliasesToExport = @(); VariablesToExport = @()
                    Author = 'Contoso'; Description = "$($module.Name) for the DepResolve tests"
                }
                if ($module.Requires) { $manifest.RequiredModules = @($module.Requires) }
                if ($module.Prerelease) { $manifest.Prerelease = $module.Prerelease }
                New-ModuleManifest @manifest
                Publish-PSResource -Path $folder -Repository $RepositoryName
            }
            Publish-PSResource -Path $PesterBase -Repository $RepositoryName
        }
        finally {
            if (-not $isolated) { Unregister-PSResourceRepository -Name $RepositoryName }
        }
    }

    $root = New-Item -ItemType Directory -Force -Path $Destination
    $homeFolder = Join-Path $root.FullName 'home'
    # GetFolderPath(LocalApplicationData) is empty while the folder does not exist, and PSResourceGet would then
    # write its store under the current folder.
    New-Item -ItemType Directory -Force -Path (Join-Path $homeFolder '.local/share'), (Join-Path $homeFolder '.config') | Out-Null
    $pester = Get-Module Pester | Select-Object -First 1
    if (-not $pester) { $pester = Get-Module Pester -ListAvailable | Where-Object { $_.Version.Major -eq 5 } | Sort-Object Version -Descending | Select-Object -First 1 }
    $saved = @{}
    foreach ($name in 'HOME', 'XDG_DATA_HOME', 'XDG_CONFIG_HOME') { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }
    try {
        $env:HOME = $homeFolder
        $env:XDG_DATA_HOME = Join-Path $homeFolder '.local/share'
        $env:XDG_CONFIG_HOME = Join-Path $homeFolder '.config'
        $pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
        $output = & $pwsh -NoProfile -NonInteractive -Command $publisher -args $root.FullName, $script:PublishedFeedRepositoryName, $pester.ModuleBase 2>&1
        if ($LASTEXITCODE -ne 0) { throw "Publishing the Contoso feed failed: $($output | Out-String)" }
    }
    finally {
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
    }

    [pscustomobject]@{
        Path           = Join-Path $root.FullName 'feed'
        RepositoryName = $script:PublishedFeedRepositoryName
        Home           = $homeFolder
        DataHome       = Join-Path $homeFolder '.local/share'
        ConfigHome     = Join-Path $homeFolder '.config'
        StoreFile      = Join-Path $homeFolder '.local/share/PSResourceGet/PSResourceRepository.xml'
        PesterVersion  = $pester.Version.ToString()
    }
}

function Get-PublishedFeed {
    <#
        The Contoso feed of New-PublishedFeed, built once per test run: in $env:DEPRESOLVE_TEST_RUN_FOLDER when the
        suite runner set it (it removes the folder afterwards), else in this test file's TestDrive.
    #>
    $runFolder = $env:DEPRESOLVE_TEST_RUN_FOLDER
    $destination = if ($runFolder) { Join-Path $runFolder 'published-feed' } else { Join-Path $TestDrive 'published-feed' }
    $description = Join-Path $destination 'feed.json'
    if (Test-Path $description) {
        return Get-Content $description -Raw | ConvertFrom-Json
    }
    $feed = New-PublishedFeed -Destination $destination
    $feed | ConvertTo-Json | Set-Content $description
    $feed
}

function Use-IsolatedUserSettings {
    <#
        Points this process's user folders at the published feed's home: DepResolve then reads the PSResourceGet
        registrations (only ContosoFeed) and the user config (none) from there, not the user's. Returns what to
        give Restore-UserSettings.
    #>
    param([Parameter(Mandatory)] $Feed)
    $saved = @{}
    foreach ($name in 'XDG_DATA_HOME', 'XDG_CONFIG_HOME') { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }
    $env:XDG_DATA_HOME = $Feed.DataHome
    $env:XDG_CONFIG_HOME = $Feed.ConfigHome
    $saved
}

function Restore-UserSettings {
    param([Parameter(Mandatory)][hashtable] $Saved)
    foreach ($name in $Saved.Keys) { [Environment]::SetEnvironmentVariable($name, $Saved[$name]) }
}

function New-ContosoWorkspace {
    <# A Contoso project in a new folder under TestDrive (lock files are written next to the scripts), with its own cache. #>
    $path = New-ContosoProject -Path (Join-Path $TestDrive ([guid]::NewGuid()))
    [pscustomobject]@{ Path = $path; Deploy = Join-Path $path 'deploy.ps1'; Cache = Join-Path $path '.cache'; Lock = Join-Path $path 'depresolve.lock.json' }
}

function New-ContosoProject {
    <#
        A project folder a user of the Contoso feed would have: deploy.ps1 needs Contoso.Greeting (and through it
        Contoso.Text), report.ps1 needs Contoso.Report, and depresolve.json maps their commands to the modules
        (feeds published with Publish-PSResource have no PSCommand_ tags to find them by).
    #>
    param([Parameter(Mandatory)][string] $Path)
    New-Item -ItemType Directory -Force -Path $Path | Out-Null
    Set-Content (Join-Path $Path 'depresolve.json') @'
{
  "commandMappings": {
    "Get-ContosoGreeting": "Contoso.Greeting",
    "ConvertTo-ContosoBanner": "Contoso.Text",
    "New-ContosoReport": "Contoso.Report"
  }
}
'@
    Set-Content (Join-Path $Path 'deploy.ps1') @'
#Requires -Modules Contoso.Greeting
param([string] $Name = 'deploy')
Get-ContosoGreeting -Name $Name
'@
    $Path
}
