using System.Management.Automation;
using DepResolve.Engine.Hosting;
using DepResolve.Engine.Model;

namespace DepResolve.Cmdlets.Infrastructure;

/// <summary>
/// The lifecycle every DepResolve cmdlet shares: the engine session and a cancellation source are built in
/// BeginProcessing, cancelled in StopProcessing, and every engine callback is pumped onto the pipeline thread,
/// the only thread allowed to call Write* and ShouldProcess.
/// </summary>
public abstract class DepResolveCmdlet : PSCmdlet, IDisposable
{
    private CancellationTokenSource? _cancellation;
    private CallbackPump? _pump;
    private DepResolveSession? _session;
    private bool _progressVisible;

    protected CancellationToken CancellationToken => (_cancellation ?? throw new InvalidOperationException("BeginProcessing has not run.")).Token;

    protected CallbackPump Pump => _pump ?? throw new InvalidOperationException("BeginProcessing has not run.");

    protected DepResolveSession Session => _session ??= CreateSessionOrThrow();

    protected override void BeginProcessing()
    {
        _cancellation = new CancellationTokenSource();
        _pump = new CallbackPump();
        _progressVisible = IsInteractive();
    }

    protected override void StopProcessing() => _cancellation?.Cancel();

    public void Dispose()
    {
        _session?.Dispose();
        _pump?.Dispose();
        _cancellation?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The settings for this invocation's session; derived cmdlets add their parameters.</summary>
    internal virtual SessionSettings CreateSettings() => new() { WorkingDirectory = CurrentFileSystemFolder(), DryRun = IsWhatIf() };

    /// <summary>-WhatIf on this command, or $WhatIfPreference in the caller's scope.</summary>
    private bool IsWhatIf() =>
        (MyInvocation.BoundParameters.TryGetValue("WhatIf", out var value) && LanguagePrimitives.IsTrue(value))
        || LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

    /// <summary>Runs engine work off the pipeline thread while pumping its callbacks on it.</summary>
    protected T RunEngine<T>(Func<CancellationToken, Task<T>> work)
    {
        var token = CancellationToken;
        try
        {
            return Pump.Run(() => work(token));
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    /// <summary>Runs a quick synchronous engine call, turning cancellation into a stopped pipeline.</summary>
    protected T RunEngine<T>(Func<T> work) => RunEngine(_ => Task.FromResult(work()));

    /// <summary>Writes a non-terminating error for one input; the pipeline goes on with the next.</summary>
    protected void WriteEngineError(DepResolveException exception, object? target, ErrorCategory? category = null) =>
        WriteError(ErrorRecords.From(exception, target, category));

    /// <summary>Stops the command: the invocation itself is wrong (bad parameter values, a policy that does not exist).</summary>
    protected void ThrowEngineError(DepResolveException exception, object? target, ErrorCategory? category = null) =>
        ThrowTerminatingError(ErrorRecords.From(exception, target, category));

    protected SessionCallbacks CreateCallbacks() => new()
    {
        Verbose = message => Pump.Post(() => WriteVerbose(message)),
        Warning = message => Pump.Post(() => WriteWarning(message)),
        Progress = report =>
        {
            if (_progressVisible)
            {
                Pump.Post(() => WriteProgress(ToProgressRecord(report)));
            }
        },
        ApproveInstall = approval => Pump.Ask(() => ShouldProcess(approval.ToString(), "Install package"), CancellationToken),
        ShouldProcess = (target, action) => Pump.Ask(() => ShouldProcess(target, action), CancellationToken),
    };

    /// <summary>The current location when it is a file-system folder (engine paths are provider paths).</summary>
    protected string CurrentFileSystemFolder() => SessionState.Path.CurrentFileSystemLocation.ProviderPath;

    /// <summary>Resolves a parameter path against the current location without requiring it to exist.</summary>
    protected string ToProviderPath(string path) => SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);

    private DepResolveSession CreateSessionOrThrow()
    {
        try
        {
            return new DepResolveSession(CreateSettings(), CreateCallbacks());
        }
        catch (DepResolveException ex)
        {
            ThrowEngineError(ex, ex.Target);
            throw; // ThrowTerminatingError does not return.
        }
    }

    private static ProgressRecord ToProgressRecord(ProgressReport report) => new(report.ActivityId, report.Activity, string.IsNullOrEmpty(report.Status) ? " " : report.Status)
    {
        PercentComplete = report.Completed ? 100 : Math.Clamp(report.PercentComplete, -1, 100),
        RecordType = report.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
    };

    private bool IsInteractive()
    {
        if (!Environment.UserInteractive || Console.IsOutputRedirected || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            return false;
        }

        var commandLine = Environment.GetCommandLineArgs();
        return !commandLine.Any(a => a.Equals("-NonInteractive", StringComparison.OrdinalIgnoreCase) || a.Equals("-noni", StringComparison.OrdinalIgnoreCase));
    }
}
