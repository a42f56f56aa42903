using DepResolve.Engine.Analysis.PowerShell;
using DepResolve.Engine.Model;
using DepResolve.PowerShellReader;
using static DepResolve.Engine.Tests.Analysis.PowerShell.Reader.ScriptOnDisk;

namespace DepResolve.Engine.Tests.Analysis.PowerShell.Reader;

/// <summary>Syntax errors, positions and manifests, as PowerShell 7.6.10's parser reports them.</summary>
public sealed class ParseErrorAndPositionReaderTests : IDisposable
{
    private readonly ScriptOnDisk _disk = new();

    public void Dispose() => _disk.Dispose();

    [Fact]
    public void A_script_with_syntax_errors_still_yields_what_parsed_and_one_warning_naming_each_error()
    {
        var script = _disk.Write("broken.ps1",
            "Import-Module ImportExcel",
            "$x = (1 + )",
            "function Get-Thing {",
            "    Invoke-Sqlcmd -Query 'SELECT 1'");

        var result = ReadFile(script);

        Assert.Equal(new[] { "ImportExcel Module ImportModule 1:15", "Invoke-Sqlcmd Command CommandUsage 4:5" }, Needed(result));
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(ScriptAnalysisWarningKind.AnalysisFailed, warning.Kind);
        var lines = warning.Message.Split(Environment.NewLine);
        Assert.Contains($"{script}:2:10: You must provide a value expression following the '+' operator.", lines);
        Assert.Contains(lines, l => l.StartsWith($"{script}:3:20: Missing closing '}}'", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_errors_and_comments_reach_the_facts_with_the_parser_s_positions()
    {
        var facts = PowerShellScriptParser.Instance.Parse("# first\nGet-Thing -Name (\n", "/tmp/p.ps1");

        Assert.Equal(("# first", 1, 1), (facts.Comments[0].Text, facts.Comments[0].Line, facts.Comments[0].Column));
        Assert.Equal(
            new[] { (2, 18, "An expression was expected after '('."), (2, 18, "Missing closing ')' in expression.") },
            facts.ParseErrors.Select(e => (e.Line, e.Column, e.Message)));
    }

    [Fact]
    public void Positions_are_the_element_s_own_line_and_column_across_continuations_and_here_strings()
    {
        var result = _disk.Read(
            "$text = @'",
            "Import-Module NotAModule",
            "'@",
            "Import-Module `",
            "    -Name Az.Storage `",
            "    -MinimumVersion 5.0",
            "    Get-AzStorageAccount | Where-Object { $_.Kind -eq 'StorageV2' }");

        Assert.Equal(new[] { "Az.Storage Module ImportModule 5:11", "Get-AzStorageAccount Command CommandUsage 7:5" }, Needed(result));
        Assert.DoesNotContain(result.Dependencies, d => d.Name == "NotAModule");
    }

    [Fact]
    public void A_module_manifest_lists_its_required_modules_and_assemblies()
    {
        var manifest = _disk.Write("Contoso.Tools/Contoso.Tools.psd1",
            "@{",
            "    ModuleVersion = '1.0.0'",
            "    PowerShellVersion = '7.2'",
            "    RequiredModules = @('PSFramework', @{ ModuleName = 'Az.Accounts'; ModuleVersion = '2.0' })",
            "    RequiredAssemblies = @('YamlDotNet.dll')",
            "}");

        var result = ReadFile(manifest);

        Assert.All(result.Dependencies, d => Assert.Equal(DependencyEvidence.Manifest, d.Evidence));
        Assert.Equal("[2.0.0, )", Single(result, "Az.Accounts").VersionRange);
        Assert.Equal(DependencyKind.Module, Single(result, "PSFramework").Kind);
        Assert.Equal(DependencyKind.Assembly, Single(result, "YamlDotNet").Kind);
        Assert.Equal("[7.2.0, )", Single(result, "PowerShell").VersionRange);
    }
}
