using DepResolve.Engine.Analysis.PowerShell.Facts;

namespace DepResolve.Engine.Analysis.PowerShell;

/// <summary>What the readers of one file share: its facts, the evaluator for its values, and the dependencies so far.</summary>
internal sealed class FileContext
{
    private readonly Dictionary<int, string> _commentsByLine = new();

    public FileContext(ScriptFacts facts, PowerShellAnalysisOptions options, IReadOnlySet<string> definedElsewhere)
    {
        Facts = facts;
        Options = options;
        DefinedElsewhere = definedElsewhere;
        Directory = facts.FilePath is null ? null : Path.GetDirectoryName(Path.GetFullPath(facts.FilePath));
        Evaluator = new StaticValueEvaluator(facts.FilePath is null ? null : Path.GetFullPath(facts.FilePath), facts.Assignments);
        Factory = new DependencyFactory(facts.FilePath);
        foreach (var comment in facts.Comments)
        {
            _commentsByLine.TryAdd(comment.Line, comment.Text);
        }
    }

    public ScriptFacts Facts { get; }

    public PowerShellAnalysisOptions Options { get; }

    public IReadOnlySet<string> DefinedElsewhere { get; }

    public HashSet<string> Defined { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<string> UsingNamespaces { get; } = new();

    /// <summary>Types the file compiles itself with Add-Type, so [Name] literals of them are not dependencies.</summary>
    public HashSet<string> DefinedTypes { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The folder of the file; null for script text.</summary>
    public string? Directory { get; }

    public StaticValueEvaluator Evaluator { get; }

    public DependencyFactory Factory { get; }

    /// <summary>The comment that starts on a line (the version hint of an import), or null.</summary>
    public string? CommentOnLine(int line) => _commentsByLine.TryGetValue(line, out var text) ? text : null;

    /// <summary>A version range from ModuleSpecification parts; a contradiction becomes a warning and no range.</summary>
    public string? Range(string? moduleVersion, string? requiredVersion, string? maximumVersion, string what, int line, FileAnalysis result)
    {
        if (ModuleSpecificationRange.TryToRange(moduleVersion, requiredVersion, maximumVersion, out var range, out var error))
        {
            return range;
        }

        Warn(result, ScriptAnalysisWarningKind.InvalidVersion, line, $"{what}: {error} The version constraint was ignored.");
        return null;
    }

    public void Warn(FileAnalysis result, ScriptAnalysisWarningKind kind, int line, string message)
    {
        var where = Facts.FilePath is null ? $"line {line}" : $"{Facts.FilePath}:{line}";
        result.Warnings.Add(new ScriptAnalysisWarning(kind, $"{where}: {message}", Facts.FilePath, line));
    }
}
