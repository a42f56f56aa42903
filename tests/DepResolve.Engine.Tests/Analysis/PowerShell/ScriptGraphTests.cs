using DepResolve.Engine.Analysis.PowerShell;
using DepResolve.Engine.Analysis.PowerShell.Facts;
using DepResolve.Engine.Model;
using DepResolve.Engine.Tests.Fixtures;
using static DepResolve.Engine.Tests.Analysis.PowerShell.Facts;

namespace DepResolve.Engine.Tests.Analysis.PowerShell;

/// <summary>The file graph: real files on disk, facts per file built by the test (Reader/ reads real scripts with PowerShell's parser).</summary>
public class ScriptGraphTests
{
    private sealed class Corpus : IDisposable
    {
        private readonly TempFolder _folder = new("psreader");
        private readonly Dictionary<string, Func<string, ScriptFacts>> _files = new(StringComparer.Ordinal);

        public List<string> Reads { get; } = new();

        public string Add(string relative, Action<ScriptFacts> build)
        {
            var path = _folder.Combine(relative.Split('/'));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "# facts supplied by the test");
            _files[Path.GetFullPath(path)] = p =>
            {
                var facts = new ScriptFacts { FilePath = p };
                build(facts);
                return facts;
            };
            return path;
        }

        public ScriptFacts Read(string path)
        {
            Reads.Add(Path.GetFileName(path));
            return _files[Path.GetFullPath(path)](path);
        }

        public void Dispose() => _folder.Dispose();
    }

    private static CommandFact DotSource(string path, int line) =>
        Cmd(path, line, InvocationKind.DotSource, Array.Empty<GuardFact>());

    [Fact]
    public void A_dot_source_cycle_is_read_once_per_file_and_reported()
    {
        using var corpus = new Corpus();
        var main = corpus.Add("main.ps1", f => { f.Commands.Add(DotSource("./lib/a.ps1", 1)); f.Commands.Add(Cmd("Get-AzVM", 2)); });
        corpus.Add("lib/a.ps1", _ => { });
        corpus.Add("lib/b.ps1", f => { f.Commands.Add(DotSource("../main.ps1", 3)); f.Commands.Add(Cmd("ConvertFrom-Yaml", 4)); });
        // a.ps1 dot-sources b.ps1 through $PSScriptRoot.
        var aFacts = new Func<string, ScriptFacts>(p =>
        {
            var facts = new ScriptFacts { FilePath = p };
            facts.Commands.Add(new CommandFact
            {
                Invocation = InvocationKind.DotSource,
                Target = StaticValue.Expandable("$PSScriptRoot/b.ps1", new[] { "PSScriptRoot" }, "\"$PSScriptRoot/b.ps1\"", 2, 3),
                Line = 2, Column = 1, EndLine = 2, Text = ". \"$PSScriptRoot/b.ps1\"",
            });
            facts.DefinedFunctions.Add("Get-Helper");
            facts.Commands.Add(Cmd("Get-MgUser", 5));
            return facts;
        });

        var analyzer = new PowerShellDependencyAnalyzer(new PowerShellAnalysisOptions { Recurse = true, FindExecutable = _ => null });
        var result = analyzer.AnalyzeFile(main, p => Path.GetFileName(p) == "a.ps1" ? Track(corpus, p, aFacts) : corpus.Read(p));

        Assert.Equal(new[] { "main.ps1", "a.ps1", "b.ps1" }, corpus.Reads);
        var cycle = Assert.Single(result.Warnings, w => w.Kind == ScriptAnalysisWarningKind.ScriptCycle);
        Assert.Contains("main.ps1 -> a.ps1 -> b.ps1 -> main.ps1", cycle.Message);
        Assert.Equal(
            new[] { ("main.ps1", "lib/a.ps1", DependencyKind.Script), ("main.ps1", "Get-AzVM", DependencyKind.Command), ("a.ps1", "b.ps1", DependencyKind.Script), ("a.ps1", "Get-MgUser", DependencyKind.Command), ("b.ps1", "../main.ps1", DependencyKind.Script), ("b.ps1", "ConvertFrom-Yaml", DependencyKind.Command) },
            result.Dependencies.Select(d => (Path.GetFileName(d.Path!), d.Name, d.Kind)));
        Assert.All(result.Dependencies.Where(d => d.Kind == DependencyKind.Script), d => Assert.Equal(DependencyEvidence.DotSource, d.Evidence));
    }

    [Fact]
    public void Without_recurse_dot_sourced_files_only_lend_their_function_names()
    {
        using var corpus = new Corpus();
        var main = corpus.Add("main.ps1", f =>
        {
            f.Commands.Add(DotSource("./helpers.ps1", 1));
            f.Commands.Add(Cmd("./tool.ps1", 2));
            f.Commands.Add(Cmd("Get-Helper", 3));
            f.Commands.Add(Cmd("Get-AzVM", 4));
        });
        corpus.Add("helpers.ps1", f => { f.DefinedFunctions.Add("Get-Helper"); f.Commands.Add(Cmd("Invoke-DbaQuery", 1)); });
        corpus.Add("tool.ps1", f => f.Commands.Add(Cmd("Get-MgUser", 1)));

        var result = new PowerShellDependencyAnalyzer(new PowerShellAnalysisOptions { FindExecutable = _ => null }).AnalyzeFile(main, corpus.Read);

        Assert.Equal(new[] { "main.ps1", "helpers.ps1" }, corpus.Reads);
        Assert.Equal(new[] { "helpers.ps1", "tool.ps1", "Get-AzVM" }, result.Dependencies.Select(d => d.Name));
    }

    [Fact]
    public void A_missing_referenced_script_is_a_warning_and_a_missing_root_is_an_error_naming_it()
    {
        using var corpus = new Corpus();
        var main = corpus.Add("main.ps1", f => f.Commands.Add(DotSource("./gone.ps1", 3)));
        var analyzer = new PowerShellDependencyAnalyzer(new PowerShellAnalysisOptions { Recurse = true });

        var result = analyzer.AnalyzeFile(main, corpus.Read);

        Assert.Equal("gone.ps1", Assert.Single(result.Dependencies).Name);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(ScriptAnalysisWarningKind.ReferencedFileUnreadable, warning.Kind);
        Assert.Contains("gone.ps1", warning.Message);

        var missing = Path.Combine(Path.GetDirectoryName(main)!, "absent.ps1");
        var ex = Assert.Throws<DepResolveException>(() => analyzer.AnalyzeFile(missing, p => new ScriptFacts { FilePath = ScriptTextLoader.Load(p) }));
        Assert.Equal(ErrorCode.AnalysisFailed, ex.Code);
        Assert.Contains("absent.ps1", ex.Message);
    }

    [Fact]
    public void A_manifests_own_module_files_are_read_as_part_of_it()
    {
        using var corpus = new Corpus();
        var manifest = corpus.Add("My/My.psd1", f => f.Manifest = Table(("RootModule", S("My.psm1")), ("RequiredModules", Arr(S("PSFramework", 3, 1)))));
        corpus.Add("My/My.psm1", f => { f.DefinedFunctions.Add("Get-My"); f.Commands.Add(Cmd("Get-My", 1)); f.Commands.Add(Cmd("Write-PSFMessage", 2)); });

        var result = new PowerShellDependencyAnalyzer(new PowerShellAnalysisOptions { FindExecutable = _ => null }).AnalyzeFile(manifest, corpus.Read);

        Assert.Equal(new[] { ("My.psd1", "PSFramework"), ("My.psm1", "Write-PSFMessage") }, result.Dependencies.Select(d => (Path.GetFileName(d.Path!), d.Name)));
    }

    private static ScriptFacts Track(Corpus corpus, string path, Func<string, ScriptFacts> read)
    {
        corpus.Reads.Add(Path.GetFileName(path));
        return read(path);
    }
}
