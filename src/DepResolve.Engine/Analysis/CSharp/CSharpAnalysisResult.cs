using DepResolve.Engine.Model;

namespace DepResolve.Engine.Analysis.CSharp;

/// <summary>What one C# file (with the files it #loads) or one Add-Type source needs. Public result type.</summary>
internal sealed class CSharpAnalysisResult
{
    public CSharpAnalysisResult(string path, IReadOnlyList<ScriptDependency> dependencies, IReadOnlyList<AnalysisDiagnostic> diagnostics, IReadOnlyList<string> filesAnalyzed)
    {
        Path = path;
        Dependencies = dependencies;
        Diagnostics = diagnostics;
        FilesAnalyzed = filesAnalyzed;
    }

    /// <summary>The file analysed (for Add-Type source: the script that carries it).</summary>
    public string Path { get; }

    public IReadOnlyList<ScriptDependency> Dependencies { get; }

    public IReadOnlyList<AnalysisDiagnostic> Diagnostics { get; }

    /// <summary>Full paths of the files read: the file itself and every file reached through #load.</summary>
    public IReadOnlyList<string> FilesAnalyzed { get; }

    /// <summary>True when the file itself could not be analysed (missing, binary, too large, not UTF-8).</summary>
    public bool Failed => Diagnostics.Any(d => d.Severity == AnalysisSeverity.Error && string.Equals(d.Path, Path, StringComparison.Ordinal));
}
