namespace DepResolve.Engine.Running;

/// <summary>What to start: an executable, its arguments one by one (never a joined command line), where and with what environment.</summary>
internal sealed record ChildProcessRequest
{
    public required string FileName { get; init; }

    public IReadOnlyList<string> Arguments { get; init; } = Array.Empty<string>();

    public string? WorkingDirectory { get; init; }

    /// <summary>Variables set in the child on top of this process's environment; a null value removes the variable.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>The whole process tree is killed when this elapses.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>Bytes kept per stream (stdout and stderr each); the rest is read and dropped so the child never blocks.</summary>
    public int MaxOutputBytes { get; init; } = 1024 * 1024;
}
