using DepResolve.Engine.Model;

namespace DepResolve.Engine.Running;

/// <summary>What one attempt of one script produced, before the retry loop decides anything.</summary>
internal sealed class ScriptRunOutcome
{
    /// <summary>The child reported a full result (false: it died, timed out, or could not compile).</summary>
    public bool Completed { get; init; }

    public int? ExitCode { get; init; }

    public bool TimedOut { get; init; }

    public string Output { get; init; } = "";

    public bool OutputTruncated { get; init; }

    public IReadOnlyList<ScriptError> Errors { get; init; } = Array.Empty<ScriptError>();

    public bool? HasEntryPoint { get; init; }

    public int Passed { get; init; }

    public int Failed { get; init; }

    public int Skipped { get; init; }

    public IReadOnlyList<string> FailedTests { get; init; } = Array.Empty<string>();

    /// <summary>Why there is no full result (the child died without one, the compiler refused the script).</summary>
    public string? FailureMessage { get; init; }

    public bool? CompilationCacheHit { get; init; }

    public TimeSpan Duration { get; init; }
}

/// <summary>Runs one attempt of one script in a child process; the request's Path is already absolute (the runner makes it so).</summary>
internal interface IScriptExecutor
{
    Task<ScriptRunOutcome> ExecuteAsync(ScriptRunRequest request, RunEnvironment environment, CancellationToken cancellationToken);
}
