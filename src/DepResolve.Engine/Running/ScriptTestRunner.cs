using System.Diagnostics;
using DepResolve.Engine.Model;

namespace DepResolve.Engine.Running;

/// <summary>
/// Runs scripts in their environments and retries when a run reveals missing dependencies (the seed's
/// RuntimeTester.test_script_with_spec with automatic resolution): resolve → run → classify the failure →
/// resolve what was missing → run again, at most MaxRetry more times.
/// </summary>
internal sealed class ScriptTestRunner
{
    private readonly ScriptRunnerOptions _options;
    private readonly ResolveAndInstall _resolveAndInstall;
    private readonly IScriptExecutor _powerShell;
    private readonly IScriptExecutor _csharp;

    public ScriptTestRunner(ScriptRunnerOptions options, ResolveAndInstall resolveAndInstall)
        : this(options, resolveAndInstall, new PowerShellScriptExecutor(options), new CSharpScriptExecutor(options))
    {
    }

    internal ScriptTestRunner(ScriptRunnerOptions options, ResolveAndInstall resolveAndInstall, IScriptExecutor powerShell, IScriptExecutor csharp)
    {
        _options = options;
        _resolveAndInstall = resolveAndInstall;
        _powerShell = powerShell;
        _csharp = csharp;
    }

    /// <summary>Runs one script to a result. Problems of the script (missing file, failures, timeouts) end up in the result, never thrown.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled; any child process tree has been killed.</exception>
    public async Task<ScriptTestResult> RunAsync(ScriptRunRequest request, CancellationToken cancellationToken = default)
    {
        var fullPath = Path.GetFullPath(request.Path);
        // Made absolute once, here: the executors use it as it is.
        request = request with { Path = fullPath };
        var isCSharp = CSharpScriptFile.Is(fullPath);
        var result = new ScriptTestResult
        {
            ScriptName = Path.GetFileName(fullPath),
            Path = fullPath,
            Mode = isCSharp ? "CSharp" : request.Mode.ToString(),
        };

        if (!File.Exists(fullPath))
        {
            result.ErrorMessage = $"Script not found: {fullPath}";
            result.ErrorCode = ErrorCode.PathNotFound;
            return result;
        }

        if (request.Mode == ScriptRunMode.EntryPoint && string.IsNullOrWhiteSpace(request.EntryPoint))
        {
            result.ErrorMessage = $"EntryPoint mode needs the name of the function to call ({fullPath}).";
            result.ErrorCode = ErrorCode.InvalidInput;
            return result;
        }

        var executor = isCSharp ? _csharp : _powerShell;
        var resolutionClock = new Stopwatch();
        var environment = request.Environment;
        if (environment is null)
        {
            environment = await ResolveAsync(request.InitialDependencies, resolutionClock, result, cancellationToken).ConfigureAwait(false);
            if (environment is null)
            {
                // The seed's rule: when resolution fails the script is not run at all.
                return result;
            }
        }

        if (request.ApproveRun is { } approveRun && !approveRun())
        {
            result.ErrorMessage = $"{result.ScriptName} was not run: the run was not approved.";
            return result;
        }

        var added = new List<string>();
        var alreadyAdded = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        ScriptRunOutcome outcome;
        IReadOnlyList<ScriptDependency> missing;
        var executionTime = TimeSpan.Zero;
        while (true)
        {
            result.Attempts++;
            try
            {
                outcome = await executor.ExecuteAsync(request, environment, cancellationToken).ConfigureAwait(false);
            }
            catch (DepResolveException ex)
            {
                outcome = new ScriptRunOutcome { FailureMessage = $"{ex.Code}: {ex.Message}" };
            }

            executionTime += outcome.Duration;
            missing = outcome.TimedOut ? Array.Empty<ScriptDependency>() : FailureClassifier.Classify(outcome.Errors, fullPath);
            var fresh = missing.Where(d => !alreadyAdded.Contains(Key(d))).ToList();
            if (fresh.Count == 0 || result.Attempts > request.MaxRetry)
            {
                break;
            }

            _options.Log?.Invoke($"{result.ScriptName}: attempt {result.Attempts} is missing {string.Join(", ", fresh.Select(Describe))}; resolving and retrying.");
            var next = await ResolveAsync(fresh, resolutionClock, result, cancellationToken).ConfigureAwait(false);
            if (next is null)
            {
                break;
            }

            environment = next;
            foreach (var dependency in fresh)
            {
                alreadyAdded.Add(Key(dependency));
                added.Add(Describe(dependency));
            }
        }

        result.ExecutionTime = executionTime;
        result.ResolutionTime = resolutionClock.Elapsed;
        result.DependenciesAddedOnRetry = added;
        result.EnvironmentId = environment.EnvironmentId;
        result.InstalledModules = environment.InstalledModules;
        result.CacheHit = environment.CacheHit;
        result.Errors = outcome.Errors;
        result.ExitCode = outcome.ExitCode;
        result.TimedOut = outcome.TimedOut;
        result.Output = outcome.Output;
        result.OutputTruncated = outcome.OutputTruncated;
        result.HasEntryPoint = outcome.HasEntryPoint;
        result.Passed = outcome.Passed;
        result.Failed = outcome.Failed;
        result.Skipped = outcome.Skipped;
        result.FailedTests = outcome.FailedTests;
        result.CompilationCacheHit = outcome.CompilationCacheHit;
        if (result.ErrorMessage is null && Failure(request, result, outcome, missing) is var (message, code))
        {
            result.ErrorMessage = message;
            result.ErrorCode = code;
        }

        result.Success = result.ErrorMessage is null;
        return result;
    }

    private async Task<RunEnvironment?> ResolveAsync(IReadOnlyList<ScriptDependency> dependencies, Stopwatch clock, ScriptTestResult result, CancellationToken cancellationToken)
    {
        clock.Start();
        try
        {
            return await _resolveAndInstall(dependencies, cancellationToken).ConfigureAwait(false);
        }
        catch (DepResolveException ex)
        {
            result.ErrorMessage = $"Dependency resolution failed: {ex.Code}: {ex.Message}";
            result.ErrorCode = ex.Code;
            result.ResolutionTime = clock.Elapsed;
            return null;
        }
        finally
        {
            clock.Stop();
        }
    }

    /// <summary>Why the run failed and its code, or null when it succeeded.</summary>
    private static (string Message, ErrorCode Code)? Failure(ScriptRunRequest request, ScriptTestResult result, ScriptRunOutcome outcome, IReadOnlyList<ScriptDependency> missing)
    {
        if (outcome.TimedOut)
        {
            return ($"Timed out after {request.Timeout.TotalSeconds:0.###} s; the process tree was killed.", ErrorCode.Timeout);
        }

        if (missing.Count > 0)
        {
            var hints = missing.Select(Mapping.MappingHint.For).OfType<string>().ToList();
            return ($"Missing dependencies after {result.Attempts} attempt(s): {string.Join(", ", missing.Select(Describe))}."
                + (hints.Count == 0 ? "" : $" If no feed can provide them by name, {string.Join("; ", hints)}."), ErrorCode.ScriptFailed);
        }

        if (outcome.FailureMessage is not null)
        {
            return (outcome.FailureMessage, ErrorCode.ScriptFailed);
        }

        if (request.Mode == ScriptRunMode.EntryPoint && outcome.HasEntryPoint == false)
        {
            return ($"The entry point '{request.EntryPoint}' is not defined in {result.ScriptName}.", ErrorCode.ScriptFailed);
        }

        if (outcome.Failed > 0)
        {
            return (FailedTestsMessage(outcome), ErrorCode.TestFailed);
        }

        var terminating = outcome.Errors.LastOrDefault(e => e.IsTerminating);
        if (terminating is not null)
        {
            return (terminating.Message, ErrorCode.ScriptFailed);
        }

        return outcome.ExitCode is 0 ? null : ($"Exited with code {outcome.ExitCode}.", ErrorCode.ScriptFailed);
    }

    /// <summary>"2 test(s) failed: Calc.Add.adds: Expected 2, but got 3.; …", each test on one line, so a table cell or an error record shows them.</summary>
    private static string FailedTestsMessage(ScriptRunOutcome outcome)
    {
        var named = outcome.FailedTests.Select(t => string.Join(' ', t.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))).ToList();
        return named.Count == 0 ? $"{outcome.Failed} test(s) failed." : $"{outcome.Failed} test(s) failed: {string.Join("; ", named)}";
    }

    private static string Key(ScriptDependency dependency) => dependency.Kind + "|" + dependency.Name;

    private static string Describe(ScriptDependency dependency) =>
        dependency.VersionRange is null
            ? $"{dependency.Name} ({dependency.Kind}, {dependency.Evidence})"
            : $"{dependency.Name} {dependency.VersionRange} ({dependency.Kind}, {dependency.Evidence})";
}
