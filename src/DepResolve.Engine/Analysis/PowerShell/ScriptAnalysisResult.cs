using DepResolve.Engine.Model;

namespace DepResolve.Engine.Analysis.PowerShell;

/// <summary>The dependencies of a script (and, with recursion, of the scripts it runs), plus warnings.</summary>
internal sealed class ScriptAnalysisResult
{
    public ScriptAnalysisResult(IReadOnlyList<ScriptDependency> dependencies, IReadOnlyList<ScriptAnalysisWarning> warnings, IReadOnlyList<string> files)
    {
        Dependencies = dependencies;
        Warnings = warnings;
        Files = files;
    }

    /// <summary>Deduplicated, ordered by file (in reading order), line, column, name.</summary>
    public IReadOnlyList<ScriptDependency> Dependencies { get; }

    public IReadOnlyList<ScriptAnalysisWarning> Warnings { get; }

    /// <summary>Every file that was read, root first.</summary>
    public IReadOnlyList<string> Files { get; }
}
