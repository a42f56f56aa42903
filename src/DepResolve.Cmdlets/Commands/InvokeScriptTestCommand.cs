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
/// each as soon as it and every script before it have finished.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "ScriptTest", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Running)]
[OutputType(typeof(ScriptTestResult))]
public sealed class InvokeScriptTestCommand : ResolvingCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    private readonly List<Task<Action>> _runs = new();
    private SemaphoreSlim? _throttle;

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = Array.Empty<string>();

    /// <summary>The environment from Resolve-ScriptDependency: the script runs in it without resolving again.</summary>
    [Parameter(ValueFromPipeline = true)]
    public ResolutionResult? Environment { get; set; }

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

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        _throttle = new SemaphoreSlim(ThrottleLimit);
        _ = Session;
    }

    protected override void ProcessRecord()
    {
        var literal = ParameterSetName == LiteralPathSet;
        foreach (var file in ResolveScriptPaths(literal ? LiteralPath : Path, literal, recurse: false))
        {
            var request = CreateRequest(file);
            _runs.Add(StartRun(request));
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
                return result is null ? () => { } : () => WriteObject(result);
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

    private ScriptTestRequest CreateRequest(string file) => new()
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
        Environment = Environment,
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
