using DepResolve.Engine.Analysis.PowerShell;
using DepResolve.Engine.Analysis.PowerShell.Facts;
using DepResolve.Engine.Model;
using DepResolve.PowerShellReader;
using static DepResolve.Engine.Tests.Analysis.PowerShell.Reader.ScriptOnDisk;

namespace DepResolve.Engine.Tests.Analysis.PowerShell.Reader;

/// <summary>Dot-sourced and called scripts, followed through files on disk with PowerShell 7.6.10's parser.</summary>
public sealed class DotSourcingReaderTests : IDisposable
{
    private readonly ScriptOnDisk _disk = new();

    public void Dispose() => _disk.Dispose();

    [Fact]
    public void Dot_sourced_and_called_scripts_are_read_and_their_functions_count_as_defined()
    {
        _disk.Write("lib/common.ps1", "function Write-Log { Write-PSFMessage -Message $args[0] }");
        _disk.Write("steps/deploy.ps1", "Connect-AzAccount -Identity");
        var script = _disk.Write("main.ps1",
            ". \"$PSScriptRoot/lib/common.ps1\"",
            "& (Join-Path $PSScriptRoot 'steps' 'deploy.ps1')",
            "Write-Log 'done'");

        var result = ReadFile(script, recurse: true);

        Assert.Equal(new[] { script, _disk.Combine("lib", "common.ps1"), _disk.Combine("steps", "deploy.ps1") }, result.Files);
        Assert.DoesNotContain(result.Dependencies, d => d.Name == "Write-Log");
        Assert.Equal(_disk.Combine("lib", "common.ps1"), Single(result, "Write-PSFMessage").Path);
        Assert.Equal(_disk.Combine("steps", "deploy.ps1"), Single(result, "Connect-AzAccount").Path);
    }

    [Fact]
    public void Each_file_of_the_graph_is_handed_to_the_parser_once_as_its_text()
    {
        _disk.Write("lib/common.ps1", "function Write-Log { Write-PSFMessage -Message $args[0] }");
        _disk.Write("steps/deploy.ps1", ". $PSScriptRoot/../lib/common.ps1", "Connect-AzAccount -Identity");
        var script = _disk.Write("main.ps1",
            ". \"$PSScriptRoot/lib/common.ps1\"",
            "& (Join-Path $PSScriptRoot 'steps' 'deploy.ps1')",
            "Write-Log 'done'");
        var parser = new CountingParser();

        var result = new PowerShellDependencyAnalyzer(Options(recurse: true), parser).AnalyzeFile(script);

        Assert.Equal(result.Files, parser.Parsed.Select(p => p.Path));
        Assert.Equal(File.ReadAllText(_disk.Combine("steps", "deploy.ps1")), parser.Parsed.Single(p => p.Path!.EndsWith("deploy.ps1", StringComparison.Ordinal)).Text);
        Assert.Equal(3, parser.Parsed.Count);
    }

    [Fact]
    public void Without_recursion_a_dot_sourced_script_is_itself_the_dependency()
    {
        _disk.Write("lib/common.ps1", "Write-PSFMessage -Message 'x'");
        var script = _disk.Write("main.ps1", ". $PSScriptRoot/lib/common.ps1");

        var result = ReadFile(script);

        var dependency = Assert.Single(result.Dependencies, d => d.Evidence == DependencyEvidence.DotSource);
        Assert.Equal((DependencyKind.Script, false, 1), (dependency.Kind, dependency.IsDynamic, dependency.Line));
        Assert.DoesNotContain(result.Dependencies, d => d.Name == "Write-PSFMessage");
    }

    [Fact]
    public void A_script_path_built_at_run_time_is_reported_as_written()
    {
        var script = _disk.Write("main.ps1", ". (Join-Path $PSScriptRoot $env:HELPER_SCRIPT)");

        var result = ReadFile(script, recurse: true);

        var dependency = Single(result, "(Join-Path $PSScriptRoot $env:HELPER_SCRIPT)");
        Assert.Equal((DependencyKind.Script, DependencyEvidence.DotSource, true), (dependency.Kind, dependency.Evidence, dependency.IsDynamic));
        Assert.Equal(ScriptAnalysisWarningKind.DynamicDependency, Assert.Single(result.Warnings).Kind);
    }

    [Fact]
    public void Scripts_that_dot_source_each_other_are_each_read_once_with_a_cycle_warning()
    {
        _disk.Write("a.ps1", ". $PSScriptRoot/b.ps1", "Get-AThing");
        _disk.Write("b.ps1", ". $PSScriptRoot/a.ps1", "Get-BThing");

        var result = ReadFile(_disk.Combine("a.ps1"), recurse: true);

        Assert.Equal(2, result.Files.Count);
        Assert.Equal(new[] { "Get-AThing", "Get-BThing" }, result.Dependencies.Where(d => !d.IsBuiltIn && d.Evidence == DependencyEvidence.CommandUsage).Select(d => d.Name).Order());
        Assert.Contains(result.Warnings, w => w.Kind == ScriptAnalysisWarningKind.ScriptCycle);
    }

    /// <summary>PowerShell's parser, with every call across the seam written down.</summary>
    private sealed class CountingParser : IScriptParser
    {
        public List<(string? Path, string Text)> Parsed { get; } = new();

        public ScriptFacts Parse(string text, string? path)
        {
            Parsed.Add((path, text));
            return PowerShellScriptParser.Instance.Parse(text, path);
        }
    }
}
