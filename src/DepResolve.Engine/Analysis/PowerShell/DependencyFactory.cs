using DepResolve.Engine.Analysis.PowerShell.Facts;
using DepResolve.Engine.Model;

namespace DepResolve.Engine.Analysis.PowerShell;

/// <summary>
/// Builds dependencies of one file, applying the optional/condition rules of their enclosing blocks. A command inside
/// a try body is optional only when that try also imports a module (<c>try { Import-Module X; Use-X } catch { … }</c>):
/// the script is written to work without that module.
/// </summary>
internal sealed class DependencyFactory
{
    private readonly string? _filePath;
    private readonly HashSet<int> _tryLinesWithImports = new();
    private readonly List<(ScriptDependency Dependency, int[] TryLines)> _commandsInTry = new();

    public DependencyFactory(string? filePath) => _filePath = filePath;

    public List<ScriptDependency> Dependencies { get; } = new();

    public ScriptDependency Add(
        string name, DependencyKind kind, DependencyEvidence evidence, int line, int column,
        IReadOnlyList<GuardFact>? guards = null, string? versionRange = null, bool isDynamic = false,
        bool isBuiltIn = false, bool forceOptional = false)
    {
        var outcome = ConditionClassifier.Classify(guards ?? Array.Empty<GuardFact>(), isImport: evidence is DependencyEvidence.ImportModule or DependencyEvidence.UsingModule);
        var dependency = new ScriptDependency
        {
            Name = name,
            Kind = kind,
            Evidence = evidence,
            VersionRange = versionRange,
            Path = _filePath,
            Line = line,
            Column = column,
            IsOptional = outcome.IsOptional || forceOptional,
            Condition = outcome.Condition,
            IsDynamic = isDynamic,
            IsBuiltIn = isBuiltIn,
        };
        Dependencies.Add(dependency);
        var tryLines = TryBodyLines(guards);
        if (tryLines.Length > 0)
        {
            if (evidence is DependencyEvidence.ImportModule or DependencyEvidence.UsingModule)
            {
                _tryLinesWithImports.UnionWith(tryLines);
                foreach (var (command, lines) in _commandsInTry.Where(c => c.TryLines.Any(_tryLinesWithImports.Contains)))
                {
                    command.IsOptional = true;
                }
            }
            else if (evidence == DependencyEvidence.CommandUsage)
            {
                dependency.IsOptional |= tryLines.Any(_tryLinesWithImports.Contains);
                _commandsInTry.Add((dependency, tryLines));
            }
        }

        return dependency;
    }

    /// <summary>A loop, not LINQ: Where/Select over a list into int[] is JIT-compiled in every fresh pwsh (7 methods).</summary>
    private static int[] TryBodyLines(IReadOnlyList<GuardFact>? guards)
    {
        if (guards is null || guards.Count == 0)
        {
            return Array.Empty<int>();
        }

        var lines = new List<int>();
        foreach (var guard in guards)
        {
            if (guard.Kind == GuardKind.TryBody)
            {
                lines.Add(guard.Line);
            }
        }

        return lines.ToArray();
    }
}
