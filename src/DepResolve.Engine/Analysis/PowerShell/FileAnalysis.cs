using DepResolve.Engine.Model;

namespace DepResolve.Engine.Analysis.PowerShell;

/// <summary>What one file contributes: its dependencies, warnings, referenced files and the command names it defines.</summary>
internal sealed class FileAnalysis
{
    public List<ScriptDependency> Dependencies { get; init; } = new();

    public List<ScriptAnalysisWarning> Warnings { get; } = new();

    public List<ScriptReference> References { get; } = new();

    /// <summary>Functions, filters and aliases the file defines.</summary>
    public HashSet<string> DefinedCommands { get; } = new(StringComparer.OrdinalIgnoreCase);
}
