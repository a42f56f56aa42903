using DepResolve.Engine.Analysis.PowerShell.Facts;
using DepResolve.Engine.Model;

namespace DepResolve.Engine.Analysis.PowerShell;

/// <summary>Builds dependencies of one file, applying the optional/condition rules of their enclosing blocks.</summary>
internal sealed class DependencyFactory
{
    private readonly string? _filePath;

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
        return dependency;
    }
}
