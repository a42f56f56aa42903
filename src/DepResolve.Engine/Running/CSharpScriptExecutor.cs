using System.Globalization;
using System.Text.RegularExpressions;
using DepResolve.Engine.Model;

namespace DepResolve.Engine.Running;

/// <summary>
/// Runs a .cs/.csx script: compiles it (cached) and starts it as a real child <c>dotnet &lt;program&gt;.dll</c> in the
/// script's folder, under the same timeout and output bound as PowerShell scripts. Compiler errors come back as
/// errors with the diagnostic id (CS0246, CS0234…) so the retry loop can turn missing namespaces into packages.
/// </summary>
internal sealed class CSharpScriptExecutor : IScriptExecutor
{
    private static readonly Regex UnhandledException = new(
        @"^Unhandled exception\. (?<type>[\w.`]+): (?<message>.*)$",
        RegexOptions.CultureInvariant | RegexOptions.Multiline);

    private readonly ScriptRunnerOptions _options;
    private readonly CSharpScriptCompiler _compiler;

    public CSharpScriptExecutor(ScriptRunnerOptions options)
    {
        _options = options;
        _compiler = new CSharpScriptCompiler(options.ResolvedCompilationCacheDirectory);
    }

    public async Task<ScriptRunOutcome> ExecuteAsync(ScriptRunRequest request, RunEnvironment environment, CancellationToken cancellationToken)
    {
        var scriptPath = request.Path;
        var compileClock = System.Diagnostics.Stopwatch.StartNew();
        var compiled = _compiler.Compile(scriptPath, environment.Assemblies);
        compileClock.Stop();
        if (!compiled.Success)
        {
            var first = compiled.Errors.FirstOrDefault();
            return new ScriptRunOutcome
            {
                Errors = compiled.Errors,
                FailureMessage = $"Compiling {Path.GetFileName(scriptPath)} failed: {first?.ScriptPosition}: {first?.FullyQualifiedErrorId}: {first?.Message}",
                CompilationCacheHit = false,
                Duration = compileClock.Elapsed,
            };
        }

        var dotnet = DotnetHost();
        _options.Log?.Invoke($"Running {scriptPath} as {compiled.ProgramPath} with {dotnet} (compilation {(compiled.CacheHit ? "from cache" : "new")}).");
        var arguments = new List<string> { compiled.ProgramPath! };
        foreach (var (name, value) in request.Parameters)
        {
            arguments.Add("--" + name);
            if (value is not null and not true)
            {
                arguments.Add(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
            }
        }

        var process = await ChildProcessRunner.RunAsync(
            new ChildProcessRequest
            {
                FileName = dotnet,
                Arguments = arguments,
                WorkingDirectory = Path.GetDirectoryName(scriptPath),
                Environment = new Dictionary<string, string?>
                {
                    ["DOTNET_NOLOGO"] = "1",
                    ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                    // Isolation: nothing from the parent may inject code into the script's process.
                    ["DOTNET_STARTUP_HOOKS"] = null,
                    ["DOTNET_ADDITIONAL_DEPS"] = null,
                },
                Timeout = request.Timeout,
                MaxOutputBytes = _options.MaxOutputBytes,
            },
            cancellationToken).ConfigureAwait(false);

        var errors = new List<ScriptError>();
        var unhandled = UnhandledException.Match(process.StandardError);
        if (!process.TimedOut && process.ExitCode != 0 && unhandled.Success)
        {
            errors.Add(new ScriptError
            {
                Message = unhandled.Groups["message"].Value.TrimEnd('\r'),
                ExceptionType = unhandled.Groups["type"].Value,
                FullyQualifiedErrorId = unhandled.Groups["type"].Value,
                IsTerminating = true,
            });
        }

        var output = process.StandardError.Length == 0 ? process.StandardOutput : process.StandardOutput + process.StandardError;
        return new ScriptRunOutcome
        {
            Completed = !process.TimedOut,
            ExitCode = process.ExitCode,
            TimedOut = process.TimedOut,
            Output = output,
            OutputTruncated = process.OutputTruncated,
            Errors = errors,
            CompilationCacheHit = compiled.CacheHit,
            Duration = compileClock.Elapsed + process.Duration,
        };
    }

    /// <summary>The configured host, else the one running us (DOTNET_HOST_PATH, or this process), else "dotnet" on PATH.</summary>
    private string DotnetHost()
    {
        if (!string.IsNullOrEmpty(_options.DotnetPath))
        {
            return _options.DotnetPath;
        }

        var hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(hostPath) && File.Exists(hostPath))
        {
            return hostPath;
        }

        var processPath = Environment.ProcessPath;
        if (processPath is not null && Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return processPath;
        }

        return "dotnet";
    }
}
