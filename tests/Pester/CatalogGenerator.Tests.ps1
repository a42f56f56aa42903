# tools/catalog/Update-ModuleCatalog.ps1 on real manifests (New-ModuleManifest) in a folder laid out as
# <owner>/<name>/<path>, against a copy of a catalog and a sources list of its own.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Generator = Join-Path $RepositoryRoot 'tools/catalog/Update-ModuleCatalog.ps1'

    function New-Manifest([string] $Path, [string[]] $Functions, [string[]] $Aliases = @()) {
        New-Item -ItemType Directory -Force (Split-Path $Path) | Out-Null
        New-ModuleManifest -Path $Path -ModuleVersion '1.0.0' -FunctionsToExport $Functions -CmdletsToExport @() -AliasesToExport $Aliases
    }

    function New-Setup {
        $root = Join-Path $TestDrive ([guid]::NewGuid().ToString('N').Substring(0, 8))
        $sources = Join-Path $root 'sources'
        New-Manifest (Join-Path $sources 'contoso/tools/src/Contoso.Tools.psd1') -Functions 'Set-Tool', 'Get-Tool' -Aliases 'gtool'
        New-Manifest (Join-Path $sources 'contoso/other/Contoso.Other.psd1') -Functions 'Get-Other'
        $list = Join-Path $root 'catalog-sources.json'
        @{ sources = @(
                @{ module = 'Contoso.Tools'; repository = 'contoso/tools'; commit = 'a' * 40; manifest = 'src/Contoso.Tools.psd1'; license = 'MIT' }
                @{ module = 'Contoso.Other'; repository = 'contoso/other'; commit = 'b' * 40; manifest = 'Contoso.Other.psd1'; license = 'MIT' }
            ) } | ConvertTo-Json -Depth 5 | Set-Content $list
        $catalog = Join-Path $root 'module-catalog.json'
        Set-Content $catalog '{ "description": "test", "modules": { "Curated.Module": [ "Get-Curated" ], "Contoso.Tools": [ "Get-OldName" ] }, "sharedCommands": { "description": "none" }, "notOnGallery": { "description": "none" } }'
        [pscustomobject]@{ Sources = $sources; List = $list; Catalog = $catalog }
    }
}

Describe 'Update-ModuleCatalog.ps1' {
    It 'replaces the listed modules'' entries with their manifests'' exports, sorted, and records where each came from' {
        $setup = New-Setup
        & $Generator -SourceRoot $setup.Sources -Sources $setup.List -Catalog $setup.Catalog 6>$null
        $catalog = Get-Content -Raw $setup.Catalog | ConvertFrom-Json -AsHashtable
        $catalog.modules['Contoso.Tools'] | Should -Be @('Get-Tool', 'gtool', 'Set-Tool')
        $catalog.modules['Contoso.Other'] | Should -Be @('Get-Other')
        $catalog.modules['Curated.Module'] | Should -Be @('Get-Curated')
        $record = $catalog.generatedFrom | Where-Object module -eq 'Contoso.Tools'
        $record.repository | Should -Be 'contoso/tools'
        $record.commit | Should -Be ('a' * 40)
        $record.manifest | Should -Be 'src/Contoso.Tools.psd1'
        $record.commands | Should -Be 3
    }

    It 'refuses a manifest that exports only wildcards, naming the module and the file, and writes nothing' {
        $setup = New-Setup
        New-Manifest (Join-Path $setup.Sources 'contoso/other/Contoso.Other.psd1') -Functions '*'
        $before = Get-Content -Raw $setup.Catalog
        { & $Generator -SourceRoot $setup.Sources -Sources $setup.List -Catalog $setup.Catalog 6>$null } |
            Should -Throw -ExpectedMessage '*Contoso.Other*Contoso.Other.psd1*exports no command by name*'
        Get-Content -Raw $setup.Catalog | Should -Be $before
    }

    It 'names the missing manifest and where to check it out, and writes nothing' {
        $setup = New-Setup
        Remove-Item (Join-Path $setup.Sources 'contoso/tools') -Recurse
        $before = Get-Content -Raw $setup.Catalog
        { & $Generator -SourceRoot $setup.Sources -Sources $setup.List -Catalog $setup.Catalog 6>$null } |
            Should -Throw -ExpectedMessage "*Manifest of Contoso.Tools not found*contoso/tools at $('a' * 40)*"
        Get-Content -Raw $setup.Catalog | Should -Be $before
    }

    It 'with -Module rebuilds only the named sources and keeps the other generated entries as they are' {
        $setup = New-Setup
        & $Generator -SourceRoot $setup.Sources -Sources $setup.List -Catalog $setup.Catalog 6>$null
        New-Manifest (Join-Path $setup.Sources 'contoso/tools/src/Contoso.Tools.psd1') -Functions 'Get-Changed'
        New-Manifest (Join-Path $setup.Sources 'contoso/other/Contoso.Other.psd1') -Functions 'Get-Other', 'Get-OtherNew'
        & $Generator -SourceRoot $setup.Sources -Sources $setup.List -Catalog $setup.Catalog -Module 'Contoso.Oth*' 6>$null
        $catalog = Get-Content -Raw $setup.Catalog | ConvertFrom-Json -AsHashtable
        $catalog.modules['Contoso.Other'] | Should -Be @('Get-Other', 'Get-OtherNew')
        $catalog.modules['Contoso.Tools'] | Should -Be @('Get-Tool', 'gtool', 'Set-Tool')
        @($catalog.generatedFrom).Count | Should -Be 2
    }

    It 'refuses to keep an entry whose commit the sources list no longer names' {
        $setup = New-Setup
        & $Generator -SourceRoot $setup.Sources -Sources $setup.List -Catalog $setup.Catalog 6>$null
        (Get-Content -Raw $setup.List) -replace ('a' * 40), ('c' * 40) | Set-Content $setup.List
        $before = Get-Content -Raw $setup.Catalog
        { & $Generator -SourceRoot $setup.Sources -Sources $setup.List -Catalog $setup.Catalog -Module 'Contoso.Other' 6>$null } |
            Should -Throw -ExpectedMessage "*names commit $('c' * 40) for Contoso.Tools*generated from $('a' * 40)*"
        Get-Content -Raw $setup.Catalog | Should -Be $before
    }
}
