using System.Diagnostics;
using DepResolve.Engine.Installation;
using DepResolve.Engine.Model;
using DepResolve.Engine.Running;
using DepResolve.Engine.Storage;

namespace DepResolve.Engine.Hosting;

/// <summary>
/// One Invoke-ScriptTest run: the request checked, the script analysed, its environment resolved and installed
/// (again for each dependency a retry reveals, all of them leased until the run ends), and the script (or its
/// Pester tests) run in a child process once the host approves.
/// </summary>
internal sealed class ScriptRun
{
    private readonly string _workingDirectory;
    private readonly Lazy<CacheLayout> _layout;
    private readonly FolderOptions _options;
    private readonly ScriptAnalysis _analysis;
    private readonly ResolutionPipeline _pipeline;
    private readonly SessionLog _log;
    private readonly Func<string, string, bool>? _shouldProcess;

    public ScriptRun(string workingDirectory, Lazy<CacheLayout> layout, FolderOptions options, ScriptAnalysis analysis, ResolutionPipeline pipeline, SessionLog log, Func<string, string, bool>? shouldProcess)
    {
        _workingDirectory = workingDirectory;
        _layout = layout;
        _options = options;
        _analysis = analysis;
        _pipeline = pipeline;
        _log = log;
        _shouldProcess = shouldProcess;
    }

    /// <summary>The result, or null when the run was not approved; <paramref name="fullPath"/> is an existing regular file.</summary>
    public async Task<ScriptTestResult?> RunAsync(string fullPath, ScriptTestRequest request, CancellationToken cancellationToken)
    {
        // -OutputPath alone writes NUnit XML, as Invoke-Pester's TestResult.OutputFormat defaults to.
        request = request with { OutputFormat = request.OutputFormat ?? (string.IsNullOrWhiteSpace(request.OutputPath) ? null : "NUnitXml") };
        ValidateOutputFormat(request);
        var testPath = request.TestPath is null ? ScriptRunRequest.FindTests(fullPath) : Path.GetFullPath(request.TestPath, _workingDirectory);
        var mode = request.EntryPoint is not null ? ScriptRunMode.EntryPoint
            : testPath is not null && !CSharpScriptFile.Is(fullPath) ? ScriptRunMode.Pester
            : ScriptRunMode.Script;
        _log.Verbose($"{Path.GetFileName(fullPath)}: running as {mode}{(mode == ScriptRunMode.Pester ? $" with {testPath}" : "")}.");

        new ResolveProgress(_log.Progress).Analysis(Path.GetFileName(fullPath));
        var initial = await Task.Run(() => _analysis.ForRun(fullPath, mode == ScriptRunMode.Pester ? testPath : null, cancellationToken), cancellationToken).ConfigureAwait(false);
        var piped = request.Environment is { Success: true, EnvironmentId: not null } environment ? RunEnvironment.FromResolution(environment) : null;
        // A retry resolves everything found so far plus what the run revealed, so the new environment keeps it all.
        var resolved = piped is null ? new List<ScriptDependency>() : new List<ScriptDependency>(initial);
        // A module a retry reveals is added to the script's lock file section like any new requirement (in locked mode
        // it is drift, and the run fails naming it).
        var lockPath = request.LockFile is null ? null : Path.GetFullPath(request.LockFile, _workingDirectory);
        IReadOnlyCollection<string>? earlierAttempt = null;
        // Every environment the run uses stays leased until the run ends, so garbage collection in another
        // process cannot remove it from under the child.
        using var leases = new EnvironmentLeases(new EnvironmentManager(_layout.Value));
        async Task<RunEnvironment> ResolveAndInstall(IReadOnlyList<ScriptDependency> added, CancellationToken token)
        {
            resolved.AddRange(added);
            var (environment, packages) = await ResolveForRunAsync(resolved, fullPath, lockPath, earlierAttempt, token).ConfigureAwait(false);
            earlierAttempt = packages;
            await leases.HoldAsync(environment.EnvironmentId, token).ConfigureAwait(false);
            return environment;
        }

        await leases.HoldAsync(piped?.EnvironmentId, cancellationToken).ConfigureAwait(false);

        var runner = new ScriptTestRunner(
            new ScriptRunnerOptions
            {
                PowerShellPath = request.PowerShellPath,
                Cache = _layout.Value,
                CompilationCacheDirectory = Path.Combine(_layout.Value.Root, "csharp"),
                Log = _log.Verbose,
            },
            ResolveAndInstall);

        var folderOptions = _options.For(Path.GetDirectoryName(fullPath)!);
        var runDeclined = false;
        bool ApproveRun()
        {
            var action = mode switch
            {
                ScriptRunMode.Pester => $"Run the Pester tests {testPath}",
                ScriptRunMode.EntryPoint => $"Run the function {request.EntryPoint}",
                _ => "Run the script",
            };
            var approved = (_shouldProcess?.Invoke(fullPath, action) ?? true) && !folderOptions.DryRun;
            runDeclined = !approved;
            return approved;
        }

        var watch = Stopwatch.StartNew();
        _log.Progress(new ProgressReport("Invoke-ScriptTest", $"Running {Path.GetFileName(fullPath)}", -1) { ActivityId = 2 });
        var result = await runner.RunAsync(
            new ScriptRunRequest
            {
                Path = fullPath,
                Mode = mode,
                Parameters = request.Parameters,
                EntryPoint = request.EntryPoint,
                TestPath = testPath,
                OutputFormat = request.OutputFormat,
                OutputPath = request.OutputPath is null ? null : Path.GetFullPath(request.OutputPath, _workingDirectory),
                InitialDependencies = initial,
                Environment = piped,
                MaxRetry = request.MaxRetry,
                Timeout = request.Timeout ?? folderOptions.RunTimeout,
                InheritModulePath = request.InheritModulePath,
                ApproveRun = ApproveRun,
            },
            cancellationToken).ConfigureAwait(false);
        _log.Progress(new ProgressReport("Invoke-ScriptTest", $"{Path.GetFileName(fullPath)} finished in {watch.Elapsed.TotalSeconds:0.0} s", 100, Completed: true) { ActivityId = 2 });
        if (runDeclined)
        {
            _log.Verbose($"{Path.GetFileName(fullPath)} was not run (not approved).");
            return null;
        }

        return result;
    }

    /// <returns>The environment, and the ids of the packages in it (the earlier attempt of a retry that follows).</returns>
    private async Task<(RunEnvironment Environment, IReadOnlyCollection<string> Packages)> ResolveForRunAsync(
        IReadOnlyList<ScriptDependency> dependencies, string scriptPath, string? lockPath, IReadOnlyCollection<string>? earlierAttempt, CancellationToken cancellationToken)
    {
        if (dependencies.Count == 0 && !ResolutionPipeline.HasRevealed(new ResolveRequest { ScriptPath = scriptPath, LockFile = lockPath }, _workingDirectory))
        {
            _log.Verbose($"{Path.GetFileName(scriptPath)} needs no packages: it runs without an environment.");
            return (RunEnvironment.Empty, []);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var resolution = await _pipeline.ResolveAsync(dependencies, new ResolveRequest { ScriptPath = scriptPath, LockFile = lockPath, EarlierAttempt = earlierAttempt }, cancellationToken).ConfigureAwait(false);
        if (!resolution.Success)
        {
            throw new DepResolveException(resolution.ErrorCode ?? ErrorCode.PackageNotFound, resolution.ErrorDetails ?? string.Join("; ", resolution.FailedPackages), scriptPath);
        }

        return (RunEnvironment.FromResolution(resolution), resolution.ResolvedPackages.Select(p => p.Id).ToList());
    }

    private static void ValidateOutputFormat(ScriptTestRequest request)
    {
        if (request.OutputFormat is null)
        {
            return;
        }

        if (!string.Equals(request.OutputFormat, "NUnitXml", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(request.OutputFormat, "JUnitXml", StringComparison.OrdinalIgnoreCase))
        {
            throw new DepResolveException(ErrorCode.InvalidInput, $"'{request.OutputFormat}' is not a test report format. Valid formats: NUnitXml, JUnitXml.", request.OutputFormat);
        }

        if (string.IsNullOrWhiteSpace(request.OutputPath))
        {
            throw new DepResolveException(ErrorCode.InvalidInput, "-OutputFormat needs -OutputPath: the file the test report is written to.", request.Path);
        }
    }
}
