using DepResolve.Engine.Analysis.PowerShell;
using DepResolve.Engine.Model;
using static DepResolve.Engine.Tests.Analysis.PowerShell.Reader.ScriptOnDisk;

namespace DepResolve.Engine.Tests.Analysis.PowerShell.Reader;

/// <summary>Import-Module in the forms scripts use, as PowerShell 7.6.10's parser reads them.</summary>
public sealed class ImportModuleReaderTests : IDisposable
{
    private readonly ScriptOnDisk _disk = new();

    public void Dispose() => _disk.Dispose();

    [Fact]
    public void Names_lists_versions_aliases_hints_and_fully_qualified_names_are_read_each_at_its_name()
    {
        var result = _disk.Read(
            "Import-Module Az.Accounts -RequiredVersion 2.12.1",
            "ipmo -Name dbatools, ImportExcel -MinimumVersion 7.0",
            "Import-Module Pester # >= 5.3",
            "Import-Module -FullyQualifiedName @{ ModuleName = 'Microsoft.Graph.Users'; ModuleVersion = '2.0'; MaximumVersion = '2.*' }",
            "Import-Module -Name 'PSScriptAnalyzer' -MaximumVersion 1.21.0",
            "Import-Module Microsoft.PowerShell.Utility");

        Assert.Equal(("[2.12.1, 2.12.1]", 1, 15), (Single(result, "Az.Accounts").VersionRange, Single(result, "Az.Accounts").Line, Single(result, "Az.Accounts").Column));
        Assert.Equal(("[7.0.0, )", 2, 12), (Single(result, "dbatools").VersionRange, Single(result, "dbatools").Line, Single(result, "dbatools").Column));
        Assert.Equal(("[7.0.0, )", 22), (Single(result, "ImportExcel").VersionRange, Single(result, "ImportExcel").Column));
        Assert.Equal("[5.3.0, )", Single(result, "Pester").VersionRange);
        Assert.Equal("[2.0.0, 2.999999999.999999999.999999999]", Single(result, "Microsoft.Graph.Users").VersionRange);
        Assert.Equal("(, 1.21.0]", Single(result, "PSScriptAnalyzer").VersionRange);
        Assert.True(Single(result, "Microsoft.PowerShell.Utility").IsBuiltIn);
        Assert.All(result.Dependencies.Where(d => d.Evidence == DependencyEvidence.ImportModule), d => Assert.Equal(DependencyKind.Module, d.Kind));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void A_variable_assigned_once_is_the_module_it_holds()
    {
        var result = _disk.Read(
            "$logging = 'PSFramework'",
            "$reporting = \"ImportExcel\"",
            "Import-Module $logging",
            "Import-Module -Name $reporting");

        Assert.Equal(new[] { "PSFramework Module ImportModule 3:15", "ImportExcel Module ImportModule 4:21" }, Needed(result));
        Assert.All(result.Dependencies, d => Assert.False(d.IsDynamic));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void A_loop_variable_or_a_property_is_reported_as_written_and_warned_about_never_guessed()
    {
        var script = _disk.Write("dyn.ps1",
            "param([string[]] $Modules = @('Az.Accounts'))",
            "foreach ($name in $Modules) {",
            "    Import-Module -Name $name",
            "}",
            "$helper = Get-ChildItem -Filter '*.psm1' | Select-Object -First 1",
            "Import-Module $helper.FullName");

        var result = ReadFile(script);

        Assert.Equal(new[] { "$name Module ImportModule 3:25", "$helper.FullName Module ImportModule 6:15" }, Needed(result));
        Assert.All(result.Dependencies.Where(d => !d.IsBuiltIn), d => Assert.True(d.IsDynamic));
        Assert.Equal(new[] { 3, 6 }, result.Warnings.Select(w => w.Line));
        Assert.All(result.Warnings, w => Assert.Equal(ScriptAnalysisWarningKind.DynamicDependency, w.Kind));
        Assert.StartsWith($"{script}:3: Import-Module $name:", result.Warnings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_variable_written_twice_is_not_a_constant()
    {
        var result = _disk.Read(
            "$name = 'Az.Accounts'",
            "if ($env:CI) { $name = 'Az.Resources' }",
            "Import-Module $name");

        var dependency = Single(result, "$name");
        Assert.True(dependency.IsDynamic);
        Assert.DoesNotContain(result.Dependencies, d => d.Name is "Az.Accounts" or "Az.Resources");
    }

    [Fact]
    public void Guarded_imports_are_optional_or_conditional()
    {
        var result = _disk.Read(
            "try {",
            "    Import-Module dbatools -ErrorAction Stop",
            "} catch {",
            "    Write-Warning 'no dbatools'",
            "}",
            "if (Get-Module -ListAvailable -Name ImportExcel) {",
            "    Import-Module ImportExcel",
            "}",
            "if ($IsWindows) {",
            "    Import-Module ActiveDirectory",
            "} else {",
            "    Import-Module Microsoft.PowerShell.SecretStore",
            "}",
            "Import-Module Quiet -ErrorAction SilentlyContinue",
            "Import-Module Plain");

        Assert.Equal((true, (string?)null), (Single(result, "dbatools").IsOptional, Single(result, "dbatools").Condition));
        Assert.Equal((true, "Get-Module -ListAvailable -Name ImportExcel"), (Single(result, "ImportExcel").IsOptional, Single(result, "ImportExcel").Condition));
        Assert.Equal((false, "$IsWindows"), (Single(result, "ActiveDirectory").IsOptional, Single(result, "ActiveDirectory").Condition));
        Assert.Equal((false, "-not ($IsWindows)"), (Single(result, "Microsoft.PowerShell.SecretStore").IsOptional, Single(result, "Microsoft.PowerShell.SecretStore").Condition));
        Assert.True(Single(result, "Quiet").IsOptional);
        Assert.Equal((false, (string?)null), (Single(result, "Plain").IsOptional, Single(result, "Plain").Condition));
    }

    [Fact]
    public void A_psm1_imported_by_a_path_under_PSScriptRoot_is_followed_not_installed()
    {
        _disk.Write("modules/Reporting.psm1", "function New-Report { Export-Excel -Path 'r.xlsx' }");
        var script = _disk.Write("main.ps1", "Import-Module (Join-Path $PSScriptRoot 'modules/Reporting.psm1')", "New-Report");

        var result = ReadFile(script, recurse: true);

        // The local module is listed as a script the run needs (it is not installed); its own commands are read from it.
        Assert.Equal(new[] { "modules/Reporting.psm1 Script ImportModule 1:15", "Export-Excel Command CommandUsage 1:23" }, Needed(result));
        Assert.Equal(_disk.Combine("modules", "Reporting.psm1"), Single(result, "Export-Excel").Path);
    }
}
