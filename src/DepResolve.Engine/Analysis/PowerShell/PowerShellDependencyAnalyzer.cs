using DepResolve.Engine.Analysis.PowerShell.Facts;
using DepResolve.Engine.Model;

namespace DepResolve.Engine.Analysis.PowerShell;

/// <summary>
/// The engine side of Get-ScriptDependency for PowerShell: walks the graph of files a script dot-sources, calls and
/// imports (cycle-safe), reads each file's facts through a delegate (the PowerShell AST reader in the cmdlet assembly),
/// and turns them into dependencies and warnings.
/// Files that are dot-sourced or imported are always read so that the functions they define are not taken for
/// module commands; their dependencies are reported only with <see cref="PowerShellAnalysisOptions.Recurse"/>
/// (a manifest's own RootModule/NestedModules files are always reported: they are the module).
/// </summary>
public sealed class PowerShellDependencyAnalyzer
{
    private readonly PowerShellAnalysisOptions _options;
    private readonly ScriptFactsAnalyzer _analyzer;

    public PowerShellDependencyAnalyzer(PowerShellAnalysisOptions options)
    {
        _options = options;
        _analyzer = new ScriptFactsAnalyzer(options);
    }

    /// <summary>Analyses a script file. <paramref name="readFacts"/> reads one file (the root's failure is thrown as is).</summary>
    public ScriptAnalysisResult AnalyzeFile(string path, Func<string, ScriptFacts> readFacts)
    {
        var fullPath = Path.GetFullPath(path);
        return Analyze(readFacts(fullPath), fullPath, readFacts);
    }

    /// <summary>Analyses facts already read (e.g. from -ScriptDefinition text); referenced files are read through <paramref name="readFacts"/>.</summary>
    public ScriptAnalysisResult AnalyzeFacts(ScriptFacts facts, Func<string, ScriptFacts>? readFacts = null) =>
        Analyze(facts, facts.FilePath is null ? null : Path.GetFullPath(facts.FilePath), readFacts);

    private ScriptAnalysisResult Analyze(ScriptFacts rootFacts, string? rootPath, Func<string, ScriptFacts>? readFacts)
    {
        var walk = new Walk(rootPath);
        Visit(new Node(rootPath, rootFacts, reportable: true), walk, readFacts, depth: 0);

        var definedAnywhere = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var node in walk.Nodes)
        {
            definedAnywhere.UnionWith(node.FirstPass!.DefinedCommands);
        }

        var dependencies = new List<ScriptDependency>();
        var warnings = new List<ScriptAnalysisWarning>(walk.Warnings);
        foreach (var node in walk.Nodes.Where(n => n.Reportable))
        {
            var analysis = _analyzer.Analyze(node.Facts, definedAnywhere);
            dependencies.AddRange(analysis.Dependencies);
            warnings.AddRange(analysis.Warnings);
            _options.Log?.Invoke($"{node.Path ?? "<script>"}: {analysis.Dependencies.Count} dependencies, {analysis.References.Count} referenced files.");
        }

        var files = walk.Nodes.Select(n => n.Path).ToList();
        return new ScriptAnalysisResult(
            DependencyMerger.Merge(dependencies, files),
            warnings.Distinct().ToList(),
            files.Where(f => f is not null).Select(f => f!).ToList());
    }

    private void Visit(Node node, Walk walk, Func<string, ScriptFacts>? readFacts, int depth)
    {
        walk.Nodes.Add(node);
        if (node.Path is not null)
        {
            walk.Visited[node.Path] = node;
        }

        node.FirstPass = _analyzer.Analyze(node.Facts, EmptySet, referencesOnly: true);
        walk.Stack.Add(node.Path ?? "<script>");
        foreach (var reference in node.FirstPass.References)
        {
            var follow = _options.Recurse || reference.Kind != ScriptReferenceKind.Invoke;
            if (!follow || readFacts is null)
            {
                continue;
            }

            var childReportable = node.Reportable && (_options.Recurse || reference.Kind == ScriptReferenceKind.ManifestModule);
            var stackIndex = walk.Stack.FindIndex(p => string.Equals(p, reference.FullPath, PathComparison));
            if (stackIndex >= 0)
            {
                var chain = walk.Stack.Skip(stackIndex).Append(reference.FullPath).Select(Path.GetFileName);
                walk.Warnings.Add(new ScriptAnalysisWarning(ScriptAnalysisWarningKind.ScriptCycle,
                    $"{node.Path}:{reference.Line}: scripts refer to each other in a cycle ({string.Join(" -> ", chain)}); each file was read once.",
                    node.Path, reference.Line));
                continue;
            }

            if (walk.Visited.TryGetValue(reference.FullPath, out var known))
            {
                known.Reportable |= childReportable;
                continue;
            }

            if (depth + 1 > _options.MaxDepth)
            {
                walk.Warnings.Add(new ScriptAnalysisWarning(ScriptAnalysisWarningKind.ReferencedFileUnreadable,
                    $"{node.Path}:{reference.Line}: {reference.FullPath} was not read: scripts are nested deeper than {_options.MaxDepth} levels.",
                    node.Path, reference.Line));
                continue;
            }

            ScriptFacts childFacts;
            try
            {
                if (!File.Exists(reference.FullPath))
                {
                    throw new DepResolveException(ErrorCode.AnalysisFailed, $"Script file not found: {reference.FullPath}", reference.FullPath);
                }

                childFacts = readFacts(reference.FullPath);
            }
            catch (Exception ex) when (ex is DepResolveException or IOException or UnauthorizedAccessException)
            {
                walk.Warnings.Add(new ScriptAnalysisWarning(ScriptAnalysisWarningKind.ReferencedFileUnreadable,
                    $"{node.Path}:{reference.Line}: {ex.Message}", node.Path, reference.Line));
                continue;
            }

            Visit(new Node(reference.FullPath, childFacts, childReportable), walk, readFacts, depth + 1);
        }

        walk.Stack.RemoveAt(walk.Stack.Count - 1);
    }

    private static readonly IReadOnlySet<string> EmptySet = new HashSet<string>();

    private static StringComparison PathComparison =>
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private sealed class Walk
    {
        public Walk(string? rootPath) => RootPath = rootPath;

        public string? RootPath { get; }

        public List<Node> Nodes { get; } = new();

        public Dictionary<string, Node> Visited { get; } = new(OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

        public List<string> Stack { get; } = new();

        public List<ScriptAnalysisWarning> Warnings { get; } = new();
    }

    private sealed class Node
    {
        public Node(string? path, ScriptFacts facts, bool reportable)
        {
            Path = path;
            Facts = facts;
            Reportable = reportable;
        }

        public string? Path { get; }

        public ScriptFacts Facts { get; }

        public bool Reportable { get; set; }

        public FileAnalysis? FirstPass { get; set; }
    }
}
