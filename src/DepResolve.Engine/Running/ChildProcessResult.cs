namespace DepResolve.Engine.Running;

/// <summary>How a child process ended and what it printed (each stream cut at the byte bound).</summary>
internal sealed record ChildProcessResult
{
    /// <summary>Null when the process was killed on timeout.</summary>
    public int? ExitCode { get; init; }

    public bool TimedOut { get; init; }

    public string StandardOutput { get; init; } = "";

    public string StandardError { get; init; } = "";

    /// <summary>True when either stream wrote more than the bound.</summary>
    public bool OutputTruncated { get; init; }

    public TimeSpan Duration { get; init; }
}
