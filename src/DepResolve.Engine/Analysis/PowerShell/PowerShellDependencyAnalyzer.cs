using DepResolve.Engine.Analysis.PowerShell.Facts;
using DepResolve.Engine.Model;

namespace DepResolve.Engine.Analysis.PowerShell;

/// <summary>
/// The engine side of Get-ScriptDependency for PowerShell: walks the graph of files a script dot-sources, calls and
/// imports (cycle-safe), reads each file's text and hands it to an <see cref="IScriptParser"/> (PowerShell's own parser,
/// supplied by the host), and turns the facts it gets back into dependencies and warnings.
/// Files that are dot-sourced or imported are always read so that the functions they define are not taken for
/// module commands; their dependencies are reported only with <see cref="PowerShellAnalysisOptions.Recurse"/>
/// (a manifest's own RootModule/NestedModules files are always reported: they are the module).
/// </summary>
internal sealed class PowerShellDependencyAnalyzer
{
    private readonly PowerShellAnalysisOptions _options;
    private readonly ScriptFactsAnalyzer _analyzer;
    private readonly IScriptParser? _parser;

    /// <param name="options">What counts as built in, the C# analyzer for Add-Type source, limits, the verbose log.</param>
    /// <param name="parser">Turns each file's text into facts; only <see cref="AnalyzeFacts"/> works without one.</param>
    public PowerShellDependencyAnalyzer(PowerShellAnalysisOptions options, IScriptParser? parser = null)
    {
        _options = options;
        _analyzer = new ScriptFactsAnalyzer(options);
        _parser = parser;
    }

    /// <summary>
    /// The dependencies of a script file (.ps1, .psm1, .psd1) and of the scripts it dot-sources, calls and imports by
    /// a static path (see <see cref="PowerShellAnalysisOptions.Recurse"/>); each file is read and parsed once.
    /// </summary>
    /// <exception cref="DepResolveException">AnalysisFailed when the file is missing, binary, too large or unreadable.</exception>
    public ScriptAnalysisResult AnalyzeFile(string path) => AnalyzeFile(path, ParseFile);

    /// <summary>The dependencies of script text (e.g. -ScriptDefinition); only absolute script paths can be followed.</summary>
    public ScriptAnalysisResult AnalyzeScript(string text) => AnalyzeFacts(Parser.Parse(text, null), ParseFile);

    /// <summary>Analyses a script file whose facts, and those of the files it refers to, come from <paramref name="readFacts"/> (the root's failure is thrown as is).</summary>
    internal ScriptAnalysisResult AnalyzeFile(string path, Func<string, ScriptFacts> readFacts)
    {
        var fullPath = Path.GetFullPath(path);
        return Analyze(readFacts(fullPath), fullPath, readFacts);
    }

    /// <summary>Analyses facts already read; referenced files are read through <paramref name="readFacts"/>, or not at all without it.</summary>
    public ScriptAnalysisResult AnalyzeFacts(ScriptFacts facts, Func<string, ScriptFacts>? readFacts = null) =>
        Analyze(facts, facts.FilePath is null ? null : Path.GetFullPath(facts.FilePath), readFacts);

    private IScriptParser Parser => _parser
        ?? throw new InvalidOperationException("This analyzer was made without a parser: it can only analyse facts already read.");

    private ScriptFacts ParseFile(string fullPath) => Parser.Parse(ScriptTextLoader.Load(fullPath, _options.MaxFileBytes), fullPath);

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
