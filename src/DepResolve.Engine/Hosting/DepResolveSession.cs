using System.Diagnostics;
using DepResolve.Engine.Model;

namespace DepResolve.Engine.Hosting;

/// <summary>
/// The engine's front door for hosts: the cmdlets and the console quick start call only this class.
/// Every public signature uses strings, BCL types and Model types, so nothing third-party crosses the
/// boundary between the cmdlet assembly and the engine's private load context. Every decision is made here
/// or below; hosts only translate parameters in and results out.
/// </summary>
public sealed class DepResolveSession : IDisposable
{
    private readonly SessionCallbacks _callbacks;

    public DepResolveSession(SessionSettings settings, SessionCallbacks? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        _callbacks = callbacks ?? SessionCallbacks.None;
        if (settings.Policy is not null)
        {
            ParsePolicy(settings.Policy);
        }

        WorkingDirectory = Path.GetFullPath(settings.WorkingDirectory ?? Environment.CurrentDirectory);
        CacheRoot = CacheLocation.Resolve(settings.CacheDirectory is null ? null : Path.Combine(WorkingDirectory, settings.CacheDirectory));
    }

    public SessionSettings Settings { get; }

    public string WorkingDirectory { get; }

    /// <summary>The cache root this session reads and writes.</summary>
    public string CacheRoot { get; }

    /// <summary>The policy names -Policy accepts.</summary>
    public static IReadOnlyList<string> PolicyNames { get; } = Enum.GetNames<ResolutionPolicy>();

    /// <summary>The policy for <paramref name="name"/> (case-insensitive); InvalidInput naming the valid ones otherwise.</summary>
    public static ResolutionPolicy ParsePolicy(string name)
    {
        if (Enum.TryParse<ResolutionPolicy>(name, ignoreCase: true, out var policy) && Enum.IsDefined(policy) && !int.TryParse(name, out _))
        {
            return policy;
        }

        throw new DepResolveException(ErrorCode.InvalidInput, $"'{name}' is not a resolution policy. Valid policies: {string.Join(", ", PolicyNames)}.", name);
    }

    /// <summary>Names of the repositories configured for <paramref name="workingDirectory"/> (tab completion of -Repository).</summary>
    public static IReadOnlyList<string> GetRepositoryNames(string? workingDirectory)
    {
        throw NotAvailable.Feature("Listing registered repositories", "repository configuration loader", workingDirectory);
    }

    /// <summary>
    /// Dependencies of one file (.ps1, .psm1, .psd1, .cs, .csx), mapped to packages; built-in ones only with
    /// <paramref name="includeBuiltIn"/>. With <paramref name="recurse"/>, dot-sourced scripts are followed.
    /// </summary>
    public Task<IReadOnlyList<ScriptDependency>> AnalyzeScriptAsync(string path, bool recurse, bool includeBuiltIn, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path, WorkingDirectory);
        if (!File.Exists(fullPath))
        {
            throw new DepResolveException(ErrorCode.InvalidInput, $"The script '{fullPath}' does not exist.", fullPath);
        }

        if (!ScriptFiles.IsSupported(fullPath))
        {
            throw new DepResolveException(
                ErrorCode.InvalidInput,
                $"'{fullPath}' is not a script DepResolve reads (expected {string.Join(", ", ScriptFiles.PowerShellExtensions.Concat(ScriptFiles.CSharpExtensions))}).",
                fullPath);
        }

        return Task.Run(() => Finish(ReadRaw(fullPath, null, recurse, cancellationToken), includeBuiltIn), cancellationToken);
    }

    /// <summary>Dependencies of PowerShell script text (the -ScriptDefinition parameter set).</summary>
    public Task<IReadOnlyList<ScriptDependency>> AnalyzeScriptDefinitionAsync(string scriptText, bool includeBuiltIn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scriptText);
        return Task.Run(() => Finish(ReadRaw(null, scriptText, false, cancellationToken), includeBuiltIn), cancellationToken);
    }

    /// <summary>
    /// Resolves <paramref name="dependencies"/> into one consistent set of versions and, unless
    /// <see cref="ResolveRequest.NoInstall"/>, installs it into an environment. Each install is approved through
    /// <see cref="SessionCallbacks.ApproveInstall"/> first; a declined one writes nothing.
    /// </summary>
    public Task<ResolutionResult> ResolveAsync(IReadOnlyList<ScriptDependency> dependencies, ResolveRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dependencies);
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        throw NotAvailable.Feature("Resolving dependencies", "resolver", request.ScriptPath);
    }

    /// <summary>Analyses, resolves, installs and runs one script (or its Pester tests), retrying on missing dependencies.</summary>
    public Task<ScriptTestResult> InvokeAsync(ScriptTestRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var fullPath = Path.GetFullPath(request.Path, WorkingDirectory);
        if (!File.Exists(fullPath))
        {
            throw new DepResolveException(ErrorCode.InvalidInput, $"The script '{fullPath}' does not exist.", fullPath);
        }

        ValidateOutputFormat(request);
        throw NotAvailable.Feature("Running scripts", "script runner", fullPath);
    }

    /// <summary>Environments in the cache, most recently used first.</summary>
    public IReadOnlyList<EnvironmentInfo> GetEnvironments()
    {
        throw NotAvailable.Feature("Listing environments", "environment registry", CacheRoot);
    }

    /// <summary>Removes one environment (never the shared package store it points into).</summary>
    public void RemoveEnvironment(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        throw NotAvailable.Feature("Removing environments", "environment registry", id);
    }

    /// <summary>Removes every environment, the package store and the metadata cache under <see cref="CacheRoot"/>.</summary>
    public CacheCleanupResult ClearCache()
    {
        throw NotAvailable.Feature("Clearing the cache", "package cache", CacheRoot);
    }

    public void Dispose()
    {
    }

    private IReadOnlyList<ScriptDependency> ReadRaw(string? path, string? text, bool recurse, CancellationToken cancellationToken)
    {
        if (path is not null && ScriptFiles.IsCSharp(path))
        {
            throw NotAvailable.Feature("Analysing C# sources", "C# analyzer", path);
        }

        var reader = Settings.PowerShellReader
            ?? throw NotAvailable.Feature("Analysing PowerShell scripts outside a PowerShell session", "PowerShell reader", path);
        var watch = Stopwatch.StartNew();
        var raw = reader(new PowerShellSource(path, text, recurse), cancellationToken);
        Verbose($"Read {raw.Count} dependencies from {path ?? "the script text"} in {watch.ElapsedMilliseconds} ms.");
        return raw;
    }

    private IReadOnlyList<ScriptDependency> Finish(IReadOnlyList<ScriptDependency> dependencies, bool includeBuiltIn) =>
        includeBuiltIn ? dependencies : dependencies.Where(d => !d.IsBuiltIn).ToList();

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

    private void Verbose(string message) => _callbacks.Verbose?.Invoke(message);
}
