<#
    Pester 5 tests of the PowerShell reader behind Get-ScriptDependency, run against the built module.

    Module under test: $env:DEPRESOLVE_MODULE_PATH (the DepResolve.psd1 file or the folder holding it);
    otherwise ../../out/DepResolve/<version>/DepResolve.psd1 relative to this file (the highest version folder),
    or ../../out/DepResolve/DepResolve.psd1 when the build wrote no version folder.

    Each Fixtures/Analysis/**/<name>.expected.json names its script (relative to the JSON file), whether it is
    analysed with -Recurse, the exact set of dependencies expected and regular expressions the warnings (and the
    errors) must match.
    The comparison leaves out what other components own: commands and types that ship with PowerShell
    (IsBuiltIn, whose exact list comes from the session) and what the C# analyzer finds in Add-Type source
    (Evidence CSharpUsing / NuGetDirective, covered by its own tests).

    Requires pwsh 7.4+ and Pester 5.
#>
#Requires -Version 7.4

BeforeDiscovery {
    $fixtureRoot = Join-Path $PSScriptRoot 'Fixtures/Analysis'
    $cases = foreach ($file in Get-ChildItem -Path $fixtureRoot -Filter '*.expected.json' -Recurse | Sort-Object FullName) {
        $expected = Get-Content -Raw -Path $file.FullName | ConvertFrom-Json
        @{
            Name     = $file.Name -replace '\.expected\.json$', ''
            Script   = Join-Path $file.DirectoryName $expected.Script
            Recurse  = [bool]$expected.Recurse
            Expected = @($expected.Dependencies)
            WarningPatterns = @($expected.Warnings)
            ErrorPatterns = @($expected.Errors)
        }
    }
}

BeforeAll {
    $modulePath = $env:DEPRESOLVE_MODULE_PATH
    if ($modulePath -and (Test-Path -LiteralPath $modulePath -PathType Container)) {
        $modulePath = Join-Path $modulePath 'DepResolve.psd1'
    }

    if (-not $modulePath) {
        $outRoot = Join-Path $PSScriptRoot '../../out/DepResolve'
        $versionFolder = Get-ChildItem -LiteralPath $outRoot -Directory -ErrorAction SilentlyContinue |
            Where-Object { $_.Name -as [version] } |
            Sort-Object { [version]$_.Name } -Descending |
            Select-Object -First 1
        $modulePath = if ($versionFolder) {
            Join-Path $versionFolder.FullName 'DepResolve.psd1'
        }
        else {
            Join-Path $outRoot 'DepResolve.psd1'
        }
    }

    if (-not (Test-Path -LiteralPath $modulePath -PathType Leaf)) {
        throw "The built DepResolve module was not found at '$modulePath'. Build it first, or set DEPRESOLVE_MODULE_PATH."
    }

    Import-Module -Name $modulePath -Force

    # One line per dependency with every compared field, so a mismatch shows as a readable diff.
    function ConvertTo-DependencyLine {
        param(
            [string] $Name, [string] $Kind, [string] $Evidence, [string] $VersionRange, [string] $File,
            [int] $Line, [bool] $IsOptional, [bool] $IsDynamic, [string] $Condition
        )
        '{0} | {1} | {2} | {3} | {4}:{5} | optional={6} | dynamic={7} | condition={8}' -f
            $Name, $Kind, $Evidence, $VersionRange, $File, $Line, $IsOptional, $IsDynamic, $Condition
    }

    function Get-ActualLines {
        param([object[]] $Dependencies)
        $foreignEvidence = @('CSharpUsing', 'NuGetDirective')
        foreach ($d in $Dependencies | Where-Object { -not $_.IsBuiltIn -and "$($_.Evidence)" -notin $foreignEvidence }) {
            ConvertTo-DependencyLine -Name $d.Name -Kind "$($d.Kind)" -Evidence "$($d.Evidence)" -VersionRange "$($d.VersionRange)" `
                -File (Split-Path -Path $d.Path -Leaf) -Line $d.Line -IsOptional $d.IsOptional -IsDynamic $d.IsDynamic `
                -Condition "$($d.Condition)"
        }
    }

    function Get-ExpectedLines {
        param([object[]] $Expected)
        foreach ($e in $Expected) {
            ConvertTo-DependencyLine -Name $e.Name -Kind $e.Kind -Evidence $e.Evidence -VersionRange "$($e.VersionRange)" `
                -File $e.File -Line $e.Line -IsOptional $e.IsOptional -IsDynamic $e.IsDynamic -Condition "$($e.Condition)"
        }
    }
}

Describe 'Get-ScriptDependency reads the fixture corpus' {
    Context '<Name>' -ForEach $cases {
        BeforeAll {
            $emitted = @()
            $failed = @()
            $result = @(Get-ScriptDependency -Path $Script -Recurse:$Recurse -WarningVariable emitted -WarningAction SilentlyContinue -ErrorVariable failed -ErrorAction SilentlyContinue)
            $errorText = ($failed | ForEach-Object { "$($_.FullyQualifiedErrorId) $($_.Exception.Message)" }) -join [Environment]::NewLine
            $actualLines = @(Get-ActualLines -Dependencies $result | Sort-Object)
            $expectedLines = @(Get-ExpectedLines -Expected $Expected | Sort-Object)
            $warningText = ($emitted | ForEach-Object { "$_" }) -join [Environment]::NewLine
        }

        It 'finds exactly the expected dependencies' {
            ($actualLines -join [Environment]::NewLine) | Should -BeExactly ($expectedLines -join [Environment]::NewLine)
            $actualLines | Should -HaveCount $expectedLines.Count
        }

        It 'gives every dependency the file it was found in and a position' {
            foreach ($dependency in $result) {
                $dependency.Path | Should -Not -BeNullOrEmpty
                $dependency.Line | Should -BeGreaterThan 0
                $dependency.Column | Should -BeGreaterThan 0
            }
        }

        It 'warns as expected' {
            foreach ($pattern in $WarningPatterns) {
                $warningText | Should -Match $pattern
            }

            if ($WarningPatterns.Count -eq 0) {
                $warningText | Should -BeNullOrEmpty
            }
        }

        It 'fails as expected' {
            foreach ($pattern in $ErrorPatterns) {
                $errorText | Should -Match $pattern
            }

            if ($ErrorPatterns.Count -eq 0) {
                $errorText | Should -BeNullOrEmpty
            }
        }
    }
}

Describe 'Get-ScriptDependency on unusual input' {
    It 'reads a version hint from -ScriptDefinition text' {
        $found = @(Get-ScriptDependency -ScriptDefinition 'Import-Module Pester # >= 5.3' | Where-Object Name -EQ 'Pester')
        $found | Should -HaveCount 1
        $found[0].VersionRange | Should -BeExactly '[5.3.0, )'
        "$($found[0].Evidence)" | Should -BeExactly 'ImportModule'
    }

    It 'reports a missing file as a PathNotFound error naming the file' {
        # The cmdlet resolves -Path before anything is analysed; a path that matches nothing is PathNotFound, as PowerShell's own cmdlets say.
        $missing = Join-Path $TestDrive 'no-such-script.ps1'
        $err = { Get-ScriptDependency -Path $missing -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'PathNotFound,*'
        $err.Exception.Message | Should -BeLike '*no-such-script.ps1*'
    }

    It 'refuses a binary file with an AnalysisFailed error' {
        $binary = Join-Path $TestDrive 'tool.ps1'
        [System.IO.File]::WriteAllBytes($binary, [byte[]](0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00))
        $err = { Get-ScriptDependency -Path $binary -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'AnalysisFailed*'
    }

    It 'returns nothing for an empty file' {
        $empty = Join-Path $TestDrive 'empty.ps1'
        [System.IO.File]::WriteAllBytes($empty, [byte[]]@())
        @(Get-ScriptDependency -Path $empty) | Should -HaveCount 0
    }

    It 'reads a script saved in a legacy single-byte encoding' {
        $legacy = Join-Path $TestDrive 'legacy.ps1'
        [System.IO.File]::WriteAllBytes($legacy, [System.Text.Encoding]::Latin1.GetBytes("# Übersicht`nImport-Module ImportExcel`n"))
        $found = @(Get-ScriptDependency -Path $legacy | Where-Object Name -EQ 'ImportExcel')
        $found | Should -HaveCount 1
        $found[0].Line | Should -Be 2
    }
}
