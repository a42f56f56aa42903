using System.Text;
using DepResolve.Engine.Model;
using Newtonsoft.Json;

namespace DepResolve.Engine.Running;

/// <summary>
/// Runs a PowerShell script, entry point or Pester file in a child pwsh through the bootstrap protocol:
/// <c>pwsh -NoProfile -NonInteractive -File &lt;bootstrap.ps1&gt; &lt;request.json&gt;</c>, in the script's folder, with
/// PSModulePath set to the environment only, and reads back the one result document the bootstrap writes.
/// </summary>
internal sealed class PowerShellScriptExecutor : IScriptExecutor
{
    private static readonly JsonSerializerSettings JsonSettings = new() { Formatting = Formatting.Indented };

    private readonly ScriptRunnerOptions _options;

    public PowerShellScriptExecutor(ScriptRunnerOptions options) => _options = options;

    public async Task<ScriptRunOutcome> ExecuteAsync(ScriptRunRequest request, RunEnvironment environment, CancellationToken cancellationToken)
    {
        var scriptPath = request.Path;
        using var runFolder = RunFolder.Create(_options);
        var bootstrapPath = Path.Combine(runFolder.Path, "bootstrap.ps1");
        var requestPath = Path.Combine(runFolder.Path, "request.json");
        var resultPath = Path.Combine(runFolder.Path, "result.json");
        var modulePath = ModulePathFor(request, environment);

        var childRequest = new ChildRunRequest
        {
            ScriptPath = scriptPath,
            Mode = request.Mode.ToString(),
            Parameters = request.Parameters,
            EntryPoint = request.EntryPoint,
            TestPath = request.Mode == ScriptRunMode.Pester ? TestPathFor(request, scriptPath) : null,
            OutputFormat = request.OutputFormat,
            OutputPath = request.OutputPath is null ? null : Path.GetFullPath(request.OutputPath),
            Assemblies = environment.Assemblies,
            ModulePath = modulePath,
            ResultPath = resultPath,
        };
        ChildWatchdog.Arm(childRequest, request.Timeout);
        await File.WriteAllTextAsync(bootstrapPath, ChildProtocol.GenerateBootstrap(), new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(requestPath, JsonConvert.SerializeObject(childRequest, JsonSettings), new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);

        var powerShell = _options.PowerShellPath ?? "pwsh";
        _options.Log?.Invoke($"Running {scriptPath} ({request.Mode}) with {powerShell}; PSModulePath: {(modulePath.Length == 0 ? "(only PowerShell's own modules)" : modulePath)}");
        var process = await ChildProcessRunner.RunAsync(
            new ChildProcessRequest
            {
                FileName = powerShell,
                Arguments = new[] { "-NoProfile", "-NonInteractive", "-File", bootstrapPath, requestPath },
                WorkingDirectory = Path.GetDirectoryName(scriptPath),
                Environment = new Dictionary<string, string?>
                {
                    ["PSModulePath"] = modulePath,
                    ["POWERSHELL_TELEMETRY_OPTOUT"] = "1",
                    ["POWERSHELL_UPDATECHECK"] = "Off",
                },
                Timeout = request.Timeout,
                MaxOutputBytes = _options.MaxOutputBytes,
            },
            cancellationToken).ConfigureAwait(false);

        var result = process.TimedOut ? null : ReadResult(resultPath);
        return ToOutcome(process, result, powerShell);
    }

    /// <summary>The environment's folders; with InheritModulePath the user's own path after them.</summary>
    internal string ModulePathFor(ScriptRunRequest request, RunEnvironment environment)
    {
        var parts = new List<string>(environment.ModulePaths.Select(Path.GetFullPath));
        if (request.InheritModulePath)
        {
            var inherited = _options.InheritedModulePath ?? System.Environment.GetEnvironmentVariable("PSModulePath");
            if (!string.IsNullOrEmpty(inherited))
            {
                parts.Add(inherited);
            }
        }

        return string.Join(Path.PathSeparator, parts);
    }

    private static string TestPathFor(ScriptRunRequest request, string scriptPath)
    {
        if (request.TestPath is not null)
        {
            return Path.GetFullPath(request.TestPath);
        }

        return ScriptRunRequest.FindTests(scriptPath)
            ?? throw new DepResolveException(ErrorCode.InvalidInput, $"No test file for {scriptPath}: give -TestPath or add {Path.GetFileNameWithoutExtension(scriptPath)}.Tests.ps1 next to it.", scriptPath);
    }

    private static ChildRunResult? ReadResult(string resultPath)
    {
        if (!File.Exists(resultPath))
        {
            return null;
        }

        try
        {
            return JsonConvert.DeserializeObject<ChildRunResult>(File.ReadAllText(resultPath, Encoding.UTF8));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ScriptRunOutcome ToOutcome(ChildProcessResult process, ChildRunResult? result, string powerShell)
    {
        var output = process.StandardError.Length == 0
            ? process.StandardOutput
            : process.StandardOutput + (process.StandardOutput.EndsWith('\n') || process.StandardOutput.Length == 0 ? "" : "\n") + process.StandardError;

        string? failure = null;
        if (process.TimedOut)
        {
            failure = null;
        }
        else if (result is null || !result.Completed)
        {
            failure = $"{powerShell} exited with code {process.ExitCode} without writing a result document.";
        }

        var pester = result?.Pester;
        return new ScriptRunOutcome
        {
            Completed = result is { Completed: true } && !process.TimedOut,
            ExitCode = process.TimedOut ? null : result?.ExitCode ?? process.ExitCode,
            TimedOut = process.TimedOut,
            Output = output,
            OutputTruncated = process.OutputTruncated,
            Errors = result?.Errors.Select(ToScriptError).ToList() ?? new List<ScriptError>(),
            HasEntryPoint = result?.HasEntryPoint,
            Passed = pester?.Passed ?? 0,
            Failed = (pester?.Failed ?? 0) + (pester?.FailedBlocks ?? 0) + (pester?.FailedContainers ?? 0),
            Skipped = pester?.Skipped ?? 0,
            FailedTests = pester?.FailedTests.Select(t => string.IsNullOrEmpty(t.Message) ? t.Name : $"{t.Name}: {t.Message}").ToList() ?? new List<string>(),
            FailureMessage = failure,
            Duration = process.Duration,
        };
    }

    private static ScriptError ToScriptError(ChildErrorRecord record) => new()
    {
        Message = record.Message ?? "",
        FullyQualifiedErrorId = record.FullyQualifiedErrorId,
        ExceptionType = record.ExceptionType,
        ScriptPosition = record.PositionMessage,
        ScriptStackTrace = record.ScriptStackTrace,
        TargetObject = record.TargetObject,
        Category = record.Category,
        IsTerminating = record.IsTerminating,
        MissingItems = record.MissingItems,
    };
}
