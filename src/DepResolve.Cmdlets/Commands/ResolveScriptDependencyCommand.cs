using System.Diagnostics;
using System.Management.Automation;
using DepResolve.Cmdlets.Infrastructure;
using DepResolve.Engine.Hosting;
using DepResolve.Engine.Model;

namespace DepResolve.Cmdlets;

/// <summary>
/// Resolves dependencies into one consistent set of package versions and installs it into a cached environment.
/// Dependencies piped in are collected and resolved once, at the end.
/// </summary>
[Cmdlet(VerbsDiagnostic.Resolve, "ScriptDependency", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Resolution)]
[OutputType(typeof(ResolutionResult))]
public sealed class ResolveScriptDependencyCommand : ResolvingCmdlet
{
    private const string InputObjectSet = "InputObject";
    private const string PathSet = "Path";

    private readonly List<ScriptDependency> _collected = new();
    private readonly List<string> _scripts = new();
    // This command's own time before EndProcessing (BeginProcessing, each ProcessRecord): part of ExecutionTime.
    private TimeSpan _ownTime;

    /// <summary>Dependencies from Get-ScriptDependency.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public ScriptDependency[] InputObject { get; set; } = Array.Empty<ScriptDependency>();

    /// <summary>Scripts to analyse and resolve; wildcards allowed.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>Follow dot-sourced scripts (with -Path).</summary>
    [Parameter(ParameterSetName = PathSet)]
    public SwitchParameter Recurse { get; set; }

    /// <summary>The lock file; depresolve.lock.json next to the script when omitted.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? LockFile { get; set; }

    /// <summary>Write the lock file from this resolution.</summary>
    [Parameter]
    public SwitchParameter UpdateLock { get; set; }

    /// <summary>Resolve only; download and install nothing.</summary>
    [Parameter]
    public SwitchParameter NoInstall { get; set; }

    protected override void BeginProcessing()
    {
        var started = Stopwatch.GetTimestamp();
        base.BeginProcessing();
        _ownTime += Stopwatch.GetElapsedTime(started);
    }

    protected override void ProcessRecord()
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            Collect();
        }
        finally
        {
            _ownTime += Stopwatch.GetElapsedTime(started);
        }
    }

    private void Collect()
    {
        if (ParameterSetName == InputObjectSet)
        {
            _collected.AddRange(InputObject);
            foreach (var script in InputObject.Select(d => d.Path).OfType<string>())
            {
                if (!_scripts.Contains(script, StringComparer.Ordinal))
                {
                    _scripts.Add(script);
                }
            }

            return;
        }

        foreach (var file in ResolveScriptPaths(Path, literal: false, Recurse.IsPresent))
        {
            try
            {
                _collected.AddRange(RunEngine(token => Session.AnalyzeScriptAsync(file, Recurse.IsPresent, includeBuiltIn: false, token)));
                _scripts.Add(file);
            }
            catch (DepResolveException ex)
            {
                WriteEngineError(ex, file);
            }
        }
    }

    protected override void EndProcessing()
    {
        var started = Stopwatch.GetTimestamp();
        if (_collected.Count == 0 && _scripts.Count == 0)
        {
            return;
        }

        var request = new ResolveRequest
        {
            ScriptPath = _scripts.FirstOrDefault(),
            LockFile = LockFile is null ? null : ToProviderPath(LockFile),
            UpdateLock = UpdateLock.IsPresent,
            NoInstall = NoInstall.IsPresent,
        };

        ResolutionResult result;
        try
        {
            result = RunEngine(token => Session.ResolveAsync(_collected, request, token));
        }
        catch (DepResolveException ex)
        {
            WriteEngineError(ex, request.ScriptPath ?? (object)_collected);
            return;
        }

        result.Scripts = _scripts.ToList();
        // The whole call, as the documentation says: this command's own time, the scripts' analysis (-Path) included.
        result.ExecutionTime = _ownTime + Stopwatch.GetElapsedTime(started);
        if (!result.Success)
        {
            var code = result.ErrorCode ?? ErrorCode.PackageNotFound;
            WriteEngineError(new DepResolveException(code, result.ErrorDetails ?? string.Join("; ", result.FailedPackages), request.ScriptPath), result);
        }

        WriteObject(result);
    }
}
