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
    private bool _yesToAllRequiredApprovals;
    private bool _noToAllRequiredApprovals;

    protected CancellationToken CancellationToken => (_cancellation ?? throw new InvalidOperationException("BeginProcessing has not run.")).Token;

    protected CallbackPump Pump => _pump ?? throw new InvalidOperationException("BeginProcessing has not run.");

    protected DepResolveSession Session => _session ??= CreateSessionOrThrow();

    /// <summary>How many non-terminating errors this command has written.</summary>
    protected int ErrorsWritten { get; private set; }

    /// <summary>Writes a non-terminating error and counts it (see <see cref="ErrorsWritten"/>).</summary>
    protected new void WriteError(ErrorRecord errorRecord)
    {
        ErrorsWritten++;
        base.WriteError(errorRecord);
    }

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
    internal virtual SessionSettings CreateSettings()
    {
        var whatIf = IsWhatIf();
        return new()
        {
            WorkingDirectory = CurrentFileSystemFolder(),
            DryRun = whatIf,
            // Nobody will be asked, so downloads may overlap resolution.
            InstallsPreApproved = !whatIf && !CanPromptForConfirmation(),
        };
    }

    /// <summary>As ShouldProcess decides: -WhatIf (or -WhatIf:$false) on this command, else $WhatIfPreference.</summary>
    private bool IsWhatIf() =>
        MyInvocation.BoundParameters.TryGetValue("WhatIf", out var value)
            ? LanguagePrimitives.IsTrue(value)
            : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

    /// <summary>
    /// Whether ShouldProcess may prompt, by PowerShell's rule: it asks when the command's ConfirmImpact is at or
    /// above the threshold and the threshold is not None. -Confirm sets the threshold to Low, -Confirm:$false to
    /// None; otherwise it is $ConfirmPreference (High when unset or unreadable).
    /// </summary>
    private bool CanPromptForConfirmation()
    {
        ConfirmImpact threshold;
        if (MyInvocation.BoundParameters.TryGetValue("Confirm", out var confirm))
        {
            threshold = LanguagePrimitives.IsTrue(confirm) ? ConfirmImpact.Low : ConfirmImpact.None;
        }
        else
        {
            threshold = ConfirmPreferenceOrDefault(SessionState.PSVariable.GetValue("ConfirmPreference"));
        }

        return threshold != ConfirmImpact.None && threshold <= CommandConfirmImpact;
    }

    private static ConfirmImpact ConfirmPreferenceOrDefault(object? value) => value switch
    {
        ConfirmImpact impact => impact,
        PSObject wrapped => ConfirmPreferenceOrDefault(wrapped.BaseObject),
        string text when Enum.TryParse<ConfirmImpact>(text, ignoreCase: true, out var parsed) => parsed,
        _ => ConfirmImpact.High,
    };

    /// <summary>The ConfirmImpact this cmdlet declares (Medium, PowerShell's default, when it declares none).</summary>
    private ConfirmImpact CommandConfirmImpact =>
        GetType().GetCustomAttributes(typeof(CmdletAttribute), inherit: true).OfType<CmdletAttribute>().FirstOrDefault()?.ConfirmImpact ?? ConfirmImpact.Medium;

    /// <summary>
    /// ShouldProcess for one package; when depresolve.json sets requireApproval, ShouldContinue too, which asks
    /// whatever the confirm preference is (Yes to All / No to All cover the rest of this command's packages).
    /// </summary>
    private bool ApproveInstall(InstallApproval approval)
    {
        if (!ShouldProcess(approval.ToString(), "Install package"))
        {
            return false;
        }

        return !approval.ApprovalRequired
            || ShouldContinue($"Install {approval}? The configuration requires approval for every download (requireApproval).", "Install package", ref _yesToAllRequiredApprovals, ref _noToAllRequiredApprovals);
    }

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
        catch
        {
            // A write on the pipeline thread stopped the command (-ErrorAction Stop): end the work still running.
            _cancellation?.Cancel();
            throw;
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
        ApproveInstall = approval => Pump.Ask(() => ApproveInstall(approval), CancellationToken),
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
