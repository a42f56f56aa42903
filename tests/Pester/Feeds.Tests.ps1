# Feeds users can trust (issue 14), on the real pwsh against the published module: which feed an id comes from,
# a dead repository, a folder feed that changes, a password in a source URL, a module packed under tools/,
# NuGet.Config sources for #r "nuget: …" and unknown keys in depresolve.json. Every feed is a folder or a loopback
# port; HOME and the XDG folders point into TestDrive, so no user registration or NuGet.Config is read.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    Add-Type -AssemblyName System.IO.Compression, System.IO.Compression.FileSystem

    $script:SavedHome = @{}
    foreach ($name in 'HOME', 'XDG_DATA_HOME', 'XDG_CONFIG_HOME') { $SavedHome[$name] = [Environment]::GetEnvironmentVariable($name) }
    $isolatedHome = New-Item -ItemType Directory -Force -Path (Join-Path $TestDrive 'home')
    $env:HOME = $isolatedHome.FullName
    $env:XDG_DATA_HOME = Join-Path $isolatedHome.FullName '.local/share'
    $env:XDG_CONFIG_HOME = Join-Path $isolatedHome.FullName '.config'

    function Set-CompanyNuGetConfig {
        <# Writes a NuGet.Config at $Path whose only source is "company" at $Source. #>
        param([Parameter(Mandatory)][string] $Path, [Parameter(Mandatory)][string] $Source)
        Set-Content $Path @"
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="company" value="$Source" />
  </packageSources>
</configuration>
"@
    }

    function New-Package {
        <# Writes <Id>.<Version>.nupkg into $Feed: a module (manifest and .psm1 at the root, or under $Folder), or with -Assembly a library (lib/net8.0). #>
        param(
            [Parameter(Mandatory)][string] $Feed,
            [Parameter(Mandatory)][string] $Id,
            [Parameter(Mandatory)][string] $Version,
            [string] $Function,
            [string] $Folder = '',
            [string] $Assembly
        )
        New-Item -ItemType Directory -Force -Path $Feed | Out-Null
        $entries = [ordered]@{}
        $tags = ''
        if ($Assembly) {
            $entries["lib/net8.0/$Id.dll"] = [System.IO.File]::ReadAllBytes($Assembly)
        }
        else {
            $tags = 'PSModule'
            $prefix = if ($Folder) { "$Folder/" } else { '' }
            $entries["$prefix$Id.psm1"] = [Text.Encoding]::UTF8.GetBytes("function $Function { '$Id $Version' }")
            $entries["$prefix$Id.psd1"] = [Text.Encoding]::UTF8.GetBytes("@{ RootModule = '$Id.psm1'; ModuleVersion = '$Version'; GUID = '$([guid]::NewGuid())'; FunctionsToExport = @('$Function') }")
        }
        $entries["$Id.nuspec"] = [Text.Encoding]::UTF8.GetBytes(@"
<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
  <metadata><id>$Id</id><version>$Version</version><authors>Contoso</authors><description>$Id for the feed tests</description><tags>$tags</tags></metadata>
</package>
"@)
        $path = Join-Path $Feed "$Id.$Version.nupkg"
        $zip = [System.IO.Compression.ZipFile]::Open($path, 'Create')
        try {
            foreach ($name in $entries.Keys) {
                $stream = $zip.CreateEntry($name).Open()
                try { $stream.Write($entries[$name], 0, $entries[$name].Length) } finally { $stream.Dispose() }
            }
        }
        finally { $zip.Dispose() }
        $path
    }

    function New-Project {
        <# A folder with deploy.ps1 (#Requires -Modules $Module, then calls $Function) and depresolve.json holding $Config. #>
        param([string] $Module = 'Contoso.Secret', [string] $Function = 'Get-ContosoSecret', [Parameter(Mandatory)][string] $Config)
        $path = New-Item -ItemType Directory -Force -Path (Join-Path $TestDrive ([guid]::NewGuid()))
        Set-Content (Join-Path $path 'depresolve.json') $Config
        Set-Content (Join-Path $path 'deploy.ps1') "#Requires -Modules $Module`n$Function"
        [pscustomobject]@{ Path = $path.FullName; Script = Join-Path $path 'deploy.ps1'; Cache = Join-Path $path '.cache'; Lock = Join-Path $path 'depresolve.lock.json' }
    }

    function Get-UnusedLoopbackPort {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
    }

    function ConvertTo-JsonPath([string] $Path) { $Path.Replace('\', '\\') }

    function New-LibraryAssembly {
        <# Compiles $Source into $Path as the assembly $Name with the Roslyn pwsh ships (Add-Type -OutputAssembly names its assembly at random). #>
        param([Parameter(Mandatory)][string] $Name, [Parameter(Mandatory)][string] $Source, [Parameter(Mandatory)][string] $Path)
        Add-Type -TypeDefinition 'public static class FeedsTestsRoslynLoaded { }' -ErrorAction SilentlyContinue
        $core = Split-Path ([object].Assembly.Location)
        $references = [Microsoft.CodeAnalysis.MetadataReference[]]@(
            [Microsoft.CodeAnalysis.MetadataReference]::CreateFromFile((Join-Path $core 'System.Private.CoreLib.dll'))
            [Microsoft.CodeAnalysis.MetadataReference]::CreateFromFile((Join-Path $core 'System.Runtime.dll')))
        $options = [Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions]::new([Microsoft.CodeAnalysis.OutputKind]::DynamicallyLinkedLibrary)
        $tree = [Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree]::ParseText($Source)
        $compilation = [Microsoft.CodeAnalysis.CSharp.CSharpCompilation]::Create($Name, [Microsoft.CodeAnalysis.SyntaxTree[]]@($tree), $references, $options)
        $stream = [System.IO.File]::Create($Path)
        try { $emitted = $compilation.Emit($stream) } finally { $stream.Dispose() }
        if (-not $emitted.Success) { throw "Compiling $Name failed: $($emitted.Diagnostics -join '; ')" }
        $Path
    }
}

AfterAll {
    foreach ($name in $SavedHome.Keys) { [Environment]::SetEnvironmentVariable($name, $SavedHome[$name]) }
    Remove-Module DepResolve -ErrorAction SilentlyContinue
}

Describe 'Which feed an id comes from' {
    It 'takes a private module from the private feed (priority 10), not the higher version a public feed (priority 50) has, and locks its source' {
        $private = Join-Path $TestDrive 'confusion/private'
        $public = Join-Path $TestDrive 'confusion/public'
        New-Package -Feed $private -Id Contoso.Secret -Version 1.0.0 -Function Get-ContosoSecret | Out-Null
        New-Package -Feed $public -Id Contoso.Secret -Version 99.0.0 -Function Get-ContosoSecret | Out-Null
        $project = New-Project -Config @"
{ "repositories": [
    { "name": "public", "source": "$(ConvertTo-JsonPath $public)", "priority": 50 },
    { "name": "private", "source": "$(ConvertTo-JsonPath $private)", "priority": 10 } ] }
"@

        $result = Invoke-ScriptTest -Path $project.Script -CacheDirectory $project.Cache -Verbose 4>&1 | Tee-Object -Variable all |
            Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }

        $result.Success | Should -BeTrue -Because ($result | Out-String)
        $result.Output -join "`n" | Should -Match 'Contoso\.Secret 1\.0\.0'
        $lock = Get-LockSection $project.Lock
        $lock.packages['Contoso.Secret'].version | Should -Be '1.0.0'
        $lock.packages['Contoso.Secret'].source | Should -Be 'private'
        ($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n" |
            Should -Match 'Contoso\.Secret: taken from private: the first feed in priority order that has it'
    }
}

Describe 'A repository that cannot be reached' {
    It 'is a warning naming it when another feed has the package, and the resolution succeeds' {
        $feed = Join-Path $TestDrive 'alive'
        New-Package -Feed $feed -Id Contoso.Secret -Version 1.0.0 -Function Get-ContosoSecret | Out-Null
        $port = Get-UnusedLoopbackPort
        $project = New-Project -Config @"
{ "maxRetries": 0, "repositories": [
    { "name": "dead", "source": "http://127.0.0.1:$port/v3/index.json", "priority": 1 },
    { "name": "alive", "source": "$(ConvertTo-JsonPath $feed)", "priority": 2 } ] }
"@

        $result = Resolve-ScriptDependency -Path $project.Script -CacheDirectory $project.Cache -WarningVariable warnings -WarningAction SilentlyContinue

        $result.Success | Should -BeTrue -Because $result.ErrorDetails
        $result.ResolvedPackages.Source | Should -Be 'alive'
        @($warnings | Where-Object { "$_" -match "Feed dead \(http://127\.0\.0\.1:$port/v3/index\.json\) could not be asked" }) | Should -HaveCount 1
    }

    It 'fails with NetworkError naming it when no feed that answered has the package' {
        $port = Get-UnusedLoopbackPort
        $empty = New-Item -ItemType Directory -Force -Path (Join-Path $TestDrive 'empty-feed')
        $project = New-Project -Config @"
{ "maxRetries": 0, "repositories": [
    { "name": "dead", "source": "http://127.0.0.1:$port/v3/index.json", "priority": 1 },
    { "name": "empty", "source": "$(ConvertTo-JsonPath $empty.FullName)", "priority": 2 } ] }
"@

        Resolve-ScriptDependency -Path $project.Script -CacheDirectory $project.Cache -ErrorVariable failures -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | Out-Null

        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'NetworkError*'
        "$($failures[0])" | Should -Match "dead \(http://127\.0\.0\.1:$port/v3/index\.json\) could not be asked"
    }
}

Describe 'A folder feed that changes' {
    It 'sees a package published into it after a resolution missed it' {
        $feed = New-Item -ItemType Directory -Force -Path (Join-Path $TestDrive 'growing')
        $project = New-Project -Config "{ ""repositories"": [ { ""name"": ""growing"", ""source"": ""$(ConvertTo-JsonPath $feed.FullName)"" } ] }"

        Resolve-ScriptDependency -Path $project.Script -CacheDirectory $project.Cache -NoInstall -ErrorVariable missed -ErrorAction SilentlyContinue | Out-Null
        $missed[0].FullyQualifiedErrorId | Should -BeLike 'PackageNotFound*'
        New-Package -Feed $feed.FullName -Id Contoso.Secret -Version 1.0.0 -Function Get-ContosoSecret | Out-Null
        $result = Resolve-ScriptDependency -Path $project.Script -CacheDirectory $project.Cache -NoInstall

        $result.Success | Should -BeTrue -Because $result.ErrorDetails
        $result.ResolvedPackages.Version | Should -Be '1.0.0'
    }
}

Describe 'A password written in a source URL' {
    It 'appears in no output stream, error, lock file or cache file' {
        $secret = 'Pl4nted-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        $feed = Join-Path $TestDrive 'secret-feed'
        New-Package -Feed $feed -Id Contoso.Secret -Version 1.0.0 -Function Get-ContosoSecret | Out-Null
        $port = Get-UnusedLoopbackPort
        $config = @"
{ "maxRetries": 0, "repositories": [
    { "name": "team", "source": "http://deployer:$secret@127.0.0.1:$port/v3/index.json", "priority": 1 },
    { "name": "local", "source": "$(ConvertTo-JsonPath $feed)", "priority": 2 } ] }
"@
        $project = New-Project -Config $config
        $missing = New-Project -Config $config -Module Contoso.Missing -Function Get-ContosoMissing

        $streams = & {
            Invoke-ScriptTest -Path $project.Script -CacheDirectory $project.Cache -Verbose
            Resolve-ScriptDependency -Path $missing.Script -CacheDirectory $project.Cache -Verbose -ErrorAction Continue
            Get-DepResolveEnvironment -CacheDirectory $project.Cache
        } *>&1 | ForEach-Object { $_ | Out-String -Width 400; if ($_ -is [System.Management.Automation.ErrorRecord]) { $_.FullyQualifiedErrorId; $_.Exception.Message; "$($_.TargetObject)" } }
        $text = $streams -join "`n"

        $text | Should -Match 'could not be asked' -Because 'the dead feed was named (without its password)'
        $text | Should -Match 'NetworkError' -Because 'the missing package failed for want of the dead feed'
        $text | Should -Not -Match $secret
        Get-Content $project.Lock -Raw | Should -Not -Match $secret
        $files = Get-ChildItem $project.Cache -Recurse -File -Force
        $files | Should -Not -BeNullOrEmpty
        $files | Where-Object { [System.IO.File]::ReadAllText($_.FullName) -match $secret } | Should -BeNullOrEmpty
    }
}

Describe 'A module packed under tools/ (the Chocolatey layout)' {
    It 'installs as a module and the script runs with it' {
        $feed = Join-Path $TestDrive 'choco'
        New-Package -Feed $feed -Id Contoso.Choco -Version 2.1.0 -Function Get-ContosoChoco -Folder 'tools/Contoso.Choco' | Out-Null
        $project = New-Project -Module Contoso.Choco -Function Get-ContosoChoco -Config "{ ""repositories"": [ { ""name"": ""choco"", ""source"": ""$(ConvertTo-JsonPath $feed)"" } ] }"

        $result = Invoke-ScriptTest -Path $project.Script -CacheDirectory $project.Cache

        $result.Success | Should -BeTrue -Because ($result | Out-String)
        $result.Output -join "`n" | Should -Match 'Contoso\.Choco 2\.1\.0'
    }

    It 'is InvalidPackage before anything is installed when the package holds no module' {
        $feed = Join-Path $TestDrive 'no-module'
        $assembly = New-LibraryAssembly -Name Contoso.NotAModule -Path (Join-Path $TestDrive 'Contoso.NotAModule.dll') -Source 'namespace Contoso.NotAModule { public static class Marker { public static string Hello() { return "library"; } } }'
        New-Package -Feed $feed -Id Contoso.NotAModule -Version 1.0.0 -Assembly $assembly | Out-Null
        $project = New-Project -Module Contoso.NotAModule -Function Get-Nothing -Config "{ ""repositories"": [ { ""name"": ""nomodule"", ""source"": ""$(ConvertTo-JsonPath $feed)"" } ] }"

        Resolve-ScriptDependency -Path $project.Script -CacheDirectory $project.Cache -ErrorVariable failures -ErrorAction SilentlyContinue | Out-Null

        $failures[0].FullyQualifiedErrorId | Should -BeLike 'InvalidPackage*'
        "$($failures[0])" | Should -Match 'Contoso\.NotAModule'
        Join-Path $project.Cache 'environments' | Get-ChildItem -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $project.Lock | Should -Not -Exist
    }
}

Describe 'NuGet.Config sources for library packages' {
    BeforeAll {
        $script:LibraryAssembly = New-LibraryAssembly -Name Contoso.Lib -Path (Join-Path $TestDrive 'Contoso.Lib.dll') -Source 'namespace Contoso.Lib { public static class Marker { public static string Hello() { return "Contoso.Lib from the company feed"; } } }'
    }

    It 'resolves #r "nuget: X, 1.0.0" from the feed the script folder''s NuGet.Config names, and runs the script with it' {
        $company = Join-Path $TestDrive 'company-libraries'
        New-Package -Feed $company -Id Contoso.Lib -Version 1.0.0 -Assembly $LibraryAssembly | Out-Null
        $modules = New-Item -ItemType Directory -Force -Path (Join-Path $TestDrive 'module-feed')
        $project = New-Project -Config "{ ""repositories"": [ { ""name"": ""modules"", ""source"": ""$(ConvertTo-JsonPath $modules.FullName)"" } ] }"
        Set-CompanyNuGetConfig -Path (Join-Path $project.Path 'NuGet.Config') -Source $company
        $tool = Join-Path $project.Path 'tool.csx'
        Set-Content $tool "#r ""nuget: Contoso.Lib, 1.0.0""`nSystem.Console.WriteLine(Contoso.Lib.Marker.Hello());"

        $result = Invoke-ScriptTest -Path $tool -CacheDirectory $project.Cache -Verbose 4>&1 | Tee-Object -Variable all |
            Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }

        $result.Success | Should -BeTrue -Because ($result | Out-String)
        $result.Output -join "`n" | Should -Match 'Contoso\.Lib from the company feed'
        (Get-LockSection $project.Lock).packages['Contoso.Lib'].source | Should -Be 'company'
        ($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n" |
            Should -Match 'Library feed \(NuGet\.Config\) company'
    }
}

Describe 'NuGet.Config sources for Add-Type' {
    It 'maps Add-Type -AssemblyName of an assembly only a NuGet.Config source has to its package, and runs the script with it' {
        $assembly = New-LibraryAssembly -Name Contoso.Reports -Path (Join-Path $TestDrive 'Contoso.Reports.dll') -Source 'namespace Contoso.Reports { public static class Marker { public static string Hello() { return "Contoso.Reports from the company feed"; } } }'
        $company = Join-Path $TestDrive 'company-reports'
        New-Package -Feed $company -Id Contoso.Reports -Version 3.0.0 -Assembly $assembly | Out-Null
        $modules = New-Item -ItemType Directory -Force -Path (Join-Path $TestDrive 'module-feed-reports')
        $project = New-Project -Config "{ ""repositories"": [ { ""name"": ""modules"", ""source"": ""$(ConvertTo-JsonPath $modules.FullName)"" } ] }"
        Set-CompanyNuGetConfig -Path (Join-Path $project.Path 'nuget.config') -Source $company
        $report = Join-Path $project.Path 'report.ps1'
        Set-Content $report "Add-Type -AssemblyName Contoso.Reports`n[Contoso.Reports.Marker]::Hello()"

        $result = Invoke-ScriptTest -Path $report -CacheDirectory $project.Cache

        $result.Success | Should -BeTrue -Because ($result | Format-List * | Out-String)
        $result.Output -join "`n" | Should -Match 'Contoso\.Reports from the company feed'
        $lock = (Get-LockSection $project.Lock).packages['Contoso.Reports']
        $lock.version | Should -Be '3.0.0'
        $lock.source | Should -Be 'company'
    }
}

Describe 'An unknown key in depresolve.json' {
    It 'is a warning naming the file, the key and the nearest known key, and the rest of the file applies' {
        $feed = Join-Path $TestDrive 'typo-feed'
        New-Package -Feed $feed -Id Contoso.Secret -Version 1.0.0 -Function Get-ContosoSecret | Out-Null
        $project = New-Project -Config "{ ""offlne"": true, ""repositories"": [ { ""name"": ""typo"", ""source"": ""$(ConvertTo-JsonPath $feed)"" } ] }"

        $result = Resolve-ScriptDependency -Path $project.Script -CacheDirectory $project.Cache -NoInstall -WarningVariable warnings -WarningAction SilentlyContinue

        $result.Success | Should -BeTrue -Because $result.ErrorDetails
        $configFile = Join-Path $project.Path 'depresolve.json'
        @($warnings | Where-Object { "$_" -eq "$configFile (line 1): unknown setting 'offlne' ignored; did you mean 'offline'?" }) | Should -HaveCount 1
    }
}
