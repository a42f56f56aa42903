using DepResolve.Engine.Model;

namespace DepResolve.Engine.Analysis.PowerShell;

/// <summary>How to analyse PowerShell scripts; every external decision is a delegate so a session can supply its own.</summary>
internal sealed class PowerShellAnalysisOptions
{
    /// <summary>Follow dot-sourced, called and imported script files and report their dependencies too.</summary>
    public bool Recurse { get; init; }

    /// <summary>
    /// Whether a command ships with PowerShell. Inside a session the cmdlet passes the session's list;
    /// without one, <see cref="CorePowerShellCommands.Contains"/> is used.
    /// </summary>
    public Func<string, bool>? IsBuiltInCommand { get; init; }

    /// <summary>Finds a native executable on PATH (full path or null). Defaults to <see cref="ExecutableLocator.FindOnPath(string)"/>.</summary>
    public Func<string, string?>? FindExecutable { get; init; }

    /// <summary>
    /// The C# analyzer for Add-Type source: (source, origin "file:line:column") → dependencies.
    /// When null, C# source is not analysed.
    /// </summary>
    public Func<string, string, IReadOnlyList<ScriptDependency>>? AnalyzeCSharp { get; init; }

    /// <summary>Verbose log of each decision.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Scripts larger than this are refused (AnalysisFailed) rather than parsed.</summary>
    public long MaxFileBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>How deep a chain of referenced scripts is followed.</summary>
    public int MaxDepth { get; init; } = 64;
}
