# Commands on a feed made the way PowerShell users make one (New-ModuleManifest + Publish-PSResource to a folder):
# such a feed carries only the PSModule tag, so commands are mapped from what the packages themselves export.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    $script:Feed = Join-Path $TestDrive 'feed'
    $builder = Join-Path $TestDrive 'build-feed.ps1'
    Set-Content $builder @'
param($Root, $Feed)
$ErrorActionPreference = 'Stop'
New-Item -ItemType Directory -Force $Feed | Out-Null
$modules = @(
    @{ Name = 'Contoso.Text'; Functions = @('ConvertTo-Banner'); Requires = @() }
    @{ Name = 'Contoso.Greeting'; Functions = @('Get-Greeting'); Requires = @(@{ ModuleName = 'Contoso.Text'; ModuleVersion = '1.0.0' }) }
    @{ Name = 'Contoso.Extra'; Functions = @('Get-Extra'); Requires = @() }
)
$source = Join-Path $Root 'src'
$env:PSModulePath = $source + [IO.Path]::PathSeparator + $env:PSModulePath
foreach ($module in $modules) {
    $folder = Join-Path $source $module.Name
    New-Item -ItemType Directory -Force $folder | Out-Null
    Set-Content (Join-Path $folder "$($module.Name).psm1") (($module.Functions | ForEach-Object { "function $_ { param(`$Name = 'you') `"[$($module.Name)] $_ `$Name`" }" }) -join "`n")
    $manifest = @{ Path = (Join-Path $folder "$($module.Name).psd1"); RootModule = "$($module.Name).psm1"; ModuleVersion = '1.0.0'; FunctionsToExport = $module.Functions; Author = 'Contoso'; Description = "$($module.Name) for tests" }
    if ($module.Requires.Count) { $manifest.RequiredModules = $module.Requires }
    New-ModuleManifest @manifest
}
Register-PSResourceRepository -Name PesterFeed -Uri $Feed -Trusted
foreach ($module in $modules) { Publish-PSResource -Path (Join-Path $source $module.Name) -Repository PesterFeed }
'@
    # PSResourceGet keeps its repository registrations under the user's data folder: a child pwsh with its own HOME
    # keeps this test's registration out of the real one.
    $pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    $isolatedHome = Join-Path $TestDrive 'home'
    # .NET answers an empty LocalApplicationData for a folder that does not exist, and PSResourceGet then writes
    # its store relative to the current folder: create it.
    New-Item -ItemType Directory -Force (Join-Path $isolatedHome '.local/share') | Out-Null
    $savedHome, $savedData = $env:HOME, $env:XDG_DATA_HOME
    try {
        $env:HOME = $isolatedHome; $env:XDG_DATA_HOME = Join-Path $isolatedHome '.local/share'
        & $pwsh -NoProfile -NonInteractive -File $builder -Root $TestDrive -Feed $Feed | Out-Null
        if ($LASTEXITCODE) { throw "Publishing the test modules with Publish-PSResource failed (exit code $LASTEXITCODE)." }
    } finally {
        $env:HOME, $env:XDG_DATA_HOME = $savedHome, $savedData
    }
    $script:Cache = Join-Path $TestDrive 'cache'

    function New-Script([string] $Name, [string] $Text) {
        $folder = Join-Path $TestDrive "scripts-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
        New-Item -ItemType Directory -Force $folder | Out-Null
        $path = Join-Path $folder $Name
        Set-Content $path $Text
        $path
    }
}

AfterAll {
    Remove-Module DepResolve -ErrorAction SilentlyContinue
}

Describe 'A folder feed published with Publish-PSResource' {
    It 'holds the three modules and no PSCommand_ tags' {
        (Get-ChildItem $Feed -Filter *.nupkg).Count | Should -Be 3
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        foreach ($package in Get-ChildItem $Feed -Filter *.nupkg) {
            $zip = [System.IO.Compression.ZipFile]::OpenRead($package.FullName)
            try {
                $entry = $zip.Entries | Where-Object { $_.FullName -like '*.nuspec' } | Select-Object -First 1
                $reader = [System.IO.StreamReader]::new($entry.Open())
                $nuspec = $reader.ReadToEnd(); $reader.Dispose()
            } finally { $zip.Dispose() }
            $nuspec | Should -Match 'PSModule'
            $nuspec | Should -Not -Match 'PSCommand_'
        }
    }
}

Describe 'Commands of the modules a script declares' {
    It 'runs a script calling its declared module''s command and its dependency''s command, with no warning' {
        $path = New-Script 'greet.ps1' "#Requires -Modules Contoso.Greeting`nGet-Greeting -Name World`nConvertTo-Banner -Name Text"
        $result = Invoke-ScriptTest $path -Repository $Feed -CacheDirectory $Cache -WarningVariable warnings -WarningAction SilentlyContinue
        $result.Success | Should -BeTrue -Because $result.ErrorMessage
        $result.Attempts | Should -Be 1
        $result.Output | Should -Match '\[Contoso.Greeting\] Get-Greeting World'
        $result.Output | Should -Match '\[Contoso.Text\] ConvertTo-Banner Text'
        $warnings | Should -BeNullOrEmpty
    }

    It 'lists commands as Kind Command and, once the module is in the cache, names the module that exports them' {
        $path = New-Script 'later.ps1' 'Get-Greeting -Name Later'
        $dependency = Get-ScriptDependency $path -CacheDirectory $Cache | Where-Object Name -eq 'Get-Greeting'
        $dependency.Kind | Should -Be 'Command'
        $dependency.MappedPackage | Should -Be 'Contoso.Greeting'
        $dependency.MappingReason | Should -Match 'exported by Contoso.Greeting 1.0.0'
        (Get-ScriptDependency $path -CacheDirectory $Cache | Out-String -Width 120) | Should -Match 'Contoso.Greeting'
    }

    It 'lists what a script needs in source order' {
        $path = New-Script 'ordered.ps1' "Get-Greeting`n[Newtonsoft.Json.JsonConvert]::SerializeObject(1) | Out-Null`nImport-Module Contoso.Text`n#Requires -Modules Contoso.Greeting"
        $lines = @(Get-ScriptDependency $path -CacheDirectory $Cache | ForEach-Object Line)
        $lines.Count | Should -BeGreaterOrEqual 4
        ($lines -join ',') | Should -Be (($lines | Sort-Object) -join ',')
    }

    It 'runs a later script that declares nothing, mapping its command from what the cache installed before' {
        $path = New-Script 'later.ps1' 'Get-Greeting -Name Later'
        $result = Invoke-ScriptTest $path -Repository $Feed -CacheDirectory $Cache
        $result.Success | Should -BeTrue -Because $result.ErrorMessage
        $result.Output | Should -Match 'Get-Greeting Later'
    }
}

Describe 'Commands nothing maps' {
    It 'warns about a command in a branch that never runs, naming file and line, and still runs the script' {
        $path = New-Script 'dead.ps1' "#Requires -Modules Contoso.Greeting`nGet-Greeting`nif (`$false) { Invoke-NeverCalled }"
        $result = Invoke-ScriptTest $path -Repository $Feed -CacheDirectory $Cache -WarningVariable warnings -WarningAction SilentlyContinue
        $result.Success | Should -BeTrue -Because $result.ErrorMessage
        ($warnings -join "`n") | Should -Match ([regex]::Escape("dead.ps1:3: Invoke-NeverCalled was not mapped"))
        ($warnings -join "`n") | Should -Match ([regex]::Escape('add to depresolve.json: "commandMappings": { "Invoke-NeverCalled": "ModuleName" }'))
    }

    It 'says which commandMappings entry to add when a run still misses a command after its retry' {
        $path = New-Script 'missing-at-run.ps1' "& ('Invoke-{0}' -f 'Nowhere')"
        $result = Invoke-ScriptTest $path -Repository $Feed -CacheDirectory $Cache -WarningAction SilentlyContinue
        $result.Success | Should -BeFalse
        $result.ErrorMessage | Should -Match 'Invoke-Nowhere'
        $result.ErrorMessage | Should -Match ([regex]::Escape('add to depresolve.json: "commandMappings": { "Invoke-Nowhere": "ModuleName" }'))
    }

    It 'marks the unmapped command IsUnresolvable with the reason in Get-ScriptDependency' {
        $path = New-Script 'dead.ps1' 'if ($false) { Invoke-NeverCalled }'
        $dependency = Get-ScriptDependency $path -CacheDirectory $Cache | Where-Object Name -eq 'Invoke-NeverCalled'
        $dependency.IsUnresolvable | Should -BeTrue
        $dependency.MappingReason | Should -Match 'not in the module catalog'
    }

    It 'takes a name that is not Verb-Noun and not on PATH as a native tool, never a package' {
        $path = New-Script 'native.ps1' "if (`$false) { azcmagent show }`n'ran'"
        $dependency = Get-ScriptDependency $path -CacheDirectory $Cache | Where-Object Name -eq 'azcmagent'
        $dependency.Kind | Should -Be 'Application'
        $dependency.MappedPackage | Should -BeNullOrEmpty
        $result = Invoke-ScriptTest $path -Repository $Feed -CacheDirectory $Cache -WarningVariable warnings -WarningAction SilentlyContinue
        $result.Success | Should -BeTrue -Because $result.ErrorMessage
        $warnings | Should -BeNullOrEmpty
    }

    It 'fails with -FailOnUnresolved, naming the command, and installs nothing' {
        $path = New-Script 'strict.ps1' "#Requires -Modules Contoso.Greeting`nInvoke-NeverCalled"
        $strictCache = Join-Path $TestDrive 'strict-cache'
        $result = Resolve-ScriptDependency -Path $path -Repository $Feed -CacheDirectory $strictCache -FailOnUnresolved -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'PackageNotFound,*'
        $failures[0].Exception.Message | Should -Match 'Invoke-NeverCalled'
        Test-Path (Join-Path (Split-Path $path) 'depresolve.lock.json') | Should -BeFalse
    }

    It 'fails a declared module no feed has with PackageNotFound' {
        $path = New-Script 'missing.ps1' "#Requires -Modules Contoso.Missing`nGet-Greeting"
        Resolve-ScriptDependency -Path $path -Repository $Feed -CacheDirectory $Cache -ErrorVariable failures -ErrorAction SilentlyContinue | Out-Null
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'PackageNotFound,*'
        $failures[0].Exception.Message | Should -Match 'Contoso.Missing'
    }
}

Describe 'The retry after a run that revealed a command' {
    It 'installs the module the analysis could not see and succeeds on the second attempt' {
        $path = New-Script 'hidden.ps1' "& ('Get-{0}' -f 'Extra') -Name Hidden"
        Set-Content (Join-Path (Split-Path $path) 'depresolve.json') '{ "commandMappings": { "Get-Extra": "Contoso.Extra" } }'
        $result = Invoke-ScriptTest $path -Repository $Feed -CacheDirectory $Cache
        $result.Success | Should -BeTrue -Because $result.ErrorMessage
        $result.Attempts | Should -Be 2
        $result.Output | Should -Match '\[Contoso.Extra\] Get-Extra Hidden'
    }
}
