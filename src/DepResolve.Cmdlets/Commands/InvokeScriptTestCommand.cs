using System.Collections;
using System.Management.Automation;
using System.Runtime.InteropServices;
using DepResolve.Cmdlets.Infrastructure;
using DepResolve.Engine.Hosting;
using DepResolve.Engine.Model;

namespace DepResolve.Cmdlets;

/// <summary>
/// Runs scripts (or their Pester tests) in their resolved environment, in a child pwsh, retrying when the run
/// reveals a missing dependency. Scripts from the pipeline run in parallel; results are written in input order,
/// each as soon as it and every script before it have finished. A failed run also writes a non-terminating error
/// whose id starts with the result's ErrorCode, so -ErrorAction, $? and -ErrorVariable see it.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "ScriptTest", DefaultParameterSetName = EnvironmentSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Running)]
[OutputType(typeof(ScriptTestResult))]
public sealed class InvokeScriptTestCommand : ResolvingCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";
    private const string EnvironmentSet = "Environment";
    private const string DependencySet = "Dependency";

    private readonly List<Task<Action>> _runs = new();
    private readonly HashSet<string> _scriptsOfDependencies = new(StringComparer.Ordinal);
    private bool _scriptTextReported;
    private SemaphoreSlim? _throttle;

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = Array.Empty<string>();

    /// <summary>
    /// The environment from Resolve-ScriptDependency: the script runs in it without resolving again. Piped in
    /// alone, the scripts that resolution was made for run in it.
    /// </summary>
    [Parameter(ParameterSetName = PathSet, ValueFromPipeline = true)]
    [Parameter(ParameterSetName = LiteralPathSet, ValueFromPipeline = true)]
    [Parameter(Mandatory = true, ParameterSetName = EnvironmentSet, ValueFromPipeline = true)]
    public ResolutionResult? Environment { get; set; }

    /// <summary>Dependencies from Get-ScriptDependency: each script they were found in runs once.</summary>
    [Parameter(Mandatory = true, ParameterSetName = DependencySet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public ScriptDependency[] InputObject { get; set; } = Array.Empty<ScriptDependency>();

    /// <summary>Parameters passed to the script (or to the entry point).</summary>
    [Parameter]
    public Hashtable? Parameters { get; set; }

    /// <summary>Dot-source the script, then call this function.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? EntryPoint { get; set; }

    /// <summary>Pester tests to run; the script's sibling &lt;name&gt;.Tests.ps1 when omitted and present.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TestPath { get; set; }

    [Parameter]
    [ValidateSet("NUnitXml", "JUnitXml", IgnoreCase = true)]
    public string? OutputFormat { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? OutputPath { get; set; }

    [Parameter]
    [ValidateRange(0, 10)]
    public int MaxRetry { get; set; } = 1;

    /// <summary>Seconds before the run's process tree is killed; runTimeout from depresolve.json, else 300, when not given.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int TimeoutSec { get; set; } = 300;

    /// <summary>Let the child see the user's and machine's module folders too.</summary>
    [Parameter]
    public SwitchParameter InheritModulePath { get; set; }

    /// <summary>The lock file; depresolve.lock.json next to the script when omitted.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? LockFile { get; set; }

    [Parameter]
    [ValidateRange(1, 256)]
    public int ThrottleLimit { get; set; } = System.Environment.ProcessorCount;

    /// <summary>
    /// When any script fails or cannot run, PowerShell exits after this command with the number of such scripts
    /// (at most 255) as its exit code, as Invoke-Pester -CI does, so a CI step fails.
    /// </summary>
    [Parameter]
    public SwitchParameter EnableExit { get; set; }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        _throttle = new SemaphoreSlim(ThrottleLimit);
        _ = Session;
    }

    protected override void ProcessRecord()
    {
        foreach (var (file, environment) in ScriptsToRun())
        {
            _runs.Add(StartRun(CreateRequest(file, environment)));
        }
    }

    /// <summary>The scripts this input names, each with the environment it runs in (null: resolve it).</summary>
    private IEnumerable<(string File, ResolutionResult? Environment)> ScriptsToRun()
    {
        switch (ParameterSetName)
        {
            case EnvironmentSet:
                if (Environment!.Scripts.Count == 0)
                {
                    WriteError(ErrorRecords.InvalidInput("The resolution names no script to run (its dependencies came from script text); give -Path with -Environment.", Environment));
                }

                return ResolveScriptPaths(Environment.Scripts, literal: true, recurse: false).Select(f => (f, (ResolutionResult?)Environment));
            case DependencySet:
                if (!_scriptTextReported && InputObject.FirstOrDefault(d => d.Path is null) is { } fromText)
                {
                    _scriptTextReported = true;
                    WriteError(ErrorRecords.InvalidInput($"The dependency '{fromText.Name}' came from script text, not a file: there is no script to run.", fromText));
                }

                var scripts = InputObject.Select(d => d.Path).OfType<string>().Where(_scriptsOfDependencies.Add).ToList();
                return ResolveScriptPaths(scripts, literal: true, recurse: false).Select(f => (f, (ResolutionResult?)null));
            default:
                var literal = ParameterSetName == LiteralPathSet;
                return ResolveScriptPaths(literal ? LiteralPath : Path, literal, recurse: false).Select(f => (f, Environment));
        }
    }

    protected override void EndProcessing()
    {
        if (_runs.Count > 0)
        {
            RunEngine(async _ =>
            {
                foreach (var run in _runs)
                {
                    var write = await run.ConfigureAwait(false);
                    Pump.Post(write);
                }

                return true;
            });
        }

        if (EnableExit.IsPresent && ErrorsWritten > 0)
        {
            Host.SetShouldExit(Math.Min(ErrorsWritten, 255));
        }
    }

    /// <summary>Starts one run; its task ends with what to write for it, on the pipeline thread, in input order.</summary>
    private Task<Action> StartRun(ScriptTestRequest request)
    {
        var throttle = _throttle!;
        var token = CancellationToken;
        return Task.Run<Action>(async () =>
        {
            await throttle.WaitAsync(token).ConfigureAwait(false);
            try
            {
                // Null: not run (-WhatIf, or the run declined under -Confirm); ShouldProcess has said so.
                var result = await Session.TryInvokeAsync(request, token).ConfigureAwait(false);
                return result is null ? () => { } : () => WriteResult(result);
            }
            catch (DepResolveException ex)
            {
                return () => WriteEngineError(ex, request.Path);
            }
            finally
            {
                throttle.Release();
            }
        }, token);
    }

    /// <summary>The result, then for a failed run an error naming the script, so -ErrorAction Stop stops after the result is out.</summary>
    private void WriteResult(ScriptTestResult result)
    {
        WriteObject(result);
        if (!result.Success)
        {
            var failure = new DepResolveException(result.ErrorCode ?? ErrorCode.ScriptFailed, $"{result.ScriptName}: {result.ErrorMessage}", result.Path);
            WriteEngineError(failure, result.Path);
        }
    }

    private ScriptTestRequest CreateRequest(string file, ResolutionResult? environment) => new()
    {
        Path = file,
        Parameters = ToDictionary(Parameters),
        EntryPoint = EntryPoint,
        TestPath = TestPath is null ? null : ToProviderPath(TestPath),
        OutputFormat = OutputFormat,
        OutputPath = OutputPath is null ? null : ToProviderPath(OutputPath),
        MaxRetry = MaxRetry,
        Timeout = MyInvocation.BoundParameters.ContainsKey(nameof(TimeoutSec)) ? TimeSpan.FromSeconds(TimeoutSec) : null,
        InheritModulePath = InheritModulePath.IsPresent,
        LockFile = LockFile is null ? null : ToProviderPath(LockFile),
        PowerShellPath = CurrentPowerShellPath(),
        Environment = environment,
    };

    /// <summary>The pwsh of $PSHOME: children run with the same PowerShell that hosts the module.</summary>
    private string CurrentPowerShellPath()
    {
        var home = SessionState.PSVariable.GetValue("PSHOME") as string ?? AppContext.BaseDirectory;
        return System.IO.Path.Combine(home, RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "pwsh.exe" : "pwsh");
    }

    private static IReadOnlyDictionary<string, object?> ToDictionary(Hashtable? parameters)
    {
        var result = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        if (parameters is null)
        {
            return result;
        }

        foreach (DictionaryEntry entry in parameters)
        {
            result[entry.Key.ToString() ?? ""] = entry.Value is PSObject wrapped ? wrapped.BaseObject : entry.Value;
        }

        return result;
    }
}
