using DepResolve.Engine.Storage;
using DepResolve.Engine.Model;

namespace DepResolve.Engine.Hosting;

/// <summary>
/// The engine's front door for hosts: the cmdlets and the console quick start call only this class.
/// Every public signature uses strings, BCL types and Model types, so nothing third-party crosses the
/// boundary between the cmdlet assembly and the engine's private load context. Every decision is made here
/// or below (<see cref="ScriptAnalysis"/>, <see cref="ResolutionPipeline"/>, <see cref="ScriptRun"/>,
/// <see cref="CacheMaintenance"/>); hosts only translate parameters in and results out.
/// </summary>
public sealed class DepResolveSession : IDisposable
{
    private readonly SessionLog _log;
    private readonly FolderOptions _options;
    private readonly Lazy<CacheLayout> _layout;

    /// <summary>One pipeline per session, shared by parallel runs (Invoke-ScriptTest -ThrottleLimit), so each folder's options and feeds are set up once.</summary>
    private readonly ResolutionPipeline _pipeline;
    private readonly ScriptAnalysis _analysis;
    private readonly ScriptRun _run;

    public DepResolveSession(SessionSettings settings, SessionCallbacks? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        callbacks ??= SessionCallbacks.None;
        if (settings.Policy is not null)
        {
            ParsePolicy(settings.Policy);
        }

        WorkingDirectory = Path.GetFullPath(settings.WorkingDirectory ?? Environment.CurrentDirectory);
        _log = new SessionLog(callbacks);
        _options = new FolderOptions(settings, WorkingDirectory, _log);
        _layout = new Lazy<CacheLayout>(() => CacheLayout.FromOptions(_options.For(WorkingDirectory).CacheRoot));
        _pipeline = new ResolutionPipeline(ResolutionContext.For(settings, WorkingDirectory, _options, _log, callbacks));
        _analysis = new ScriptAnalysis(settings, _log, _pipeline);
        _run = new ScriptRun(WorkingDirectory, _layout, _options, _analysis, _pipeline, _log, callbacks.ShouldProcess);
    }

    public SessionSettings Settings { get; }

    public string WorkingDirectory { get; }

    /// <summary>
    /// The cache root of this session's working directory: -CacheDirectory, else the <c>cacheRoot</c> of the
    /// depresolve.json in effect there, else $DEPRESOLVE_CACHE or the platform cache folder.
    /// </summary>
    public string CacheRoot => _layout.Value.Root;

    /// <summary>The policy names -Policy accepts.</summary>
    public static IReadOnlyList<string> PolicyNames { get; } = Enum.GetNames<ResolutionPolicy>();

    /// <summary>The policy for <paramref name="name"/> (case-insensitive); InvalidInput naming the valid ones otherwise.</summary>
    public static ResolutionPolicy ParsePolicy(string name) => FolderOptions.ParsePolicy(name);

    /// <summary>Names of the repositories configured for <paramref name="workingDirectory"/> (tab completion of -Repository).</summary>
    public static IReadOnlyList<string> GetRepositoryNames(string? workingDirectory) =>
        RepositoryCatalog.Names(Path.GetFullPath(workingDirectory ?? Environment.CurrentDirectory));

    /// <summary>
    /// Dependencies of one file (.ps1, .psm1, .psd1, .cs, .csx), mapped to packages; built-in ones only with
    /// <paramref name="includeBuiltIn"/>. With <paramref name="recurse"/>, dot-sourced scripts are followed.
    /// </summary>
    public Task<IReadOnlyList<ScriptDependency>> AnalyzeScriptAsync(string path, bool recurse, bool includeBuiltIn, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return _analysis.AnalyzeFileAsync(ScriptFiles.RequireExisting(path, WorkingDirectory), recurse, includeBuiltIn, cancellationToken);
    }

    /// <summary>Dependencies of PowerShell script text (the -ScriptDefinition parameter set).</summary>
    public Task<IReadOnlyList<ScriptDependency>> AnalyzeScriptDefinitionAsync(string scriptText, bool includeBuiltIn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scriptText);
        return _analysis.AnalyzeTextAsync(scriptText, includeBuiltIn, cancellationToken);
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
        return _pipeline.ResolveAsync(dependencies, request, cancellationToken);
    }

    /// <summary>
    /// Resolves and installs packages named directly, without analysing or mapping a script: package id → version
    /// range in NuGet syntax ("[1.0.0, 2.0.0)", "1.2.*", a bare version meaning that version or newer; null or
    /// empty for any version). Everything else is as in <see cref="ResolveAsync"/>. A malformed range is InvalidInput.
    /// </summary>
    public Task<ResolutionResult> ResolvePackagesAsync(IReadOnlyDictionary<string, string?> packages, ResolveRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(packages);
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var requestedBy = request.ScriptPath is null ? "request" : Path.GetFileName(request.ScriptPath);
        var roots = packages
            .Select(p => new PackageRequirement(p.Key, Resolution.VersionRangeParser.Parse(p.Value, p.Key)) { RequestedBy = requestedBy })
            .OrderBy(r => r.Id, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return _pipeline.ResolveRequirementsAsync(roots, request, requestedBy, cancellationToken);
    }

    /// <summary>
    /// Analyses, resolves, installs and runs one script (or its Pester tests) in a child pwsh, retrying when the
    /// run reveals a missing dependency. Problems of the script itself end up in the result; invalid requests throw.
    /// </summary>
    public async Task<ScriptTestResult> InvokeAsync(ScriptTestRequest request, CancellationToken cancellationToken) =>
        await TryInvokeAsync(request, cancellationToken).ConfigureAwait(false)
        ?? throw new DepResolveException(ErrorCode.ApprovalDeclined, $"The run of '{request.Path}' was not approved.", request.Path);

    /// <summary>
    /// As <see cref="InvokeAsync"/>, but null when the script was not run because the run was not approved: a dry
    /// run (-WhatIf) resolves, shows through <see cref="SessionCallbacks.ShouldProcess"/> what it would install, write
    /// and run, and runs nothing; a host's ShouldProcess that answers no to "Run" leaves the script unrun.
    /// </summary>
    public async Task<ScriptTestResult?> TryInvokeAsync(ScriptTestRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        return await _run.RunAsync(ScriptFiles.RequireExisting(request.Path, WorkingDirectory), request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Environments in the cache, most recently used first.</summary>
    public IReadOnlyList<EnvironmentInfo> GetEnvironments() => Maintenance.GetEnvironments();

    /// <summary>
    /// Removes one environment (never the shared package store it points into). An environment a running script
    /// holds a lease on is refused with CacheError rather than pulled from under it.
    /// </summary>
    public void RemoveEnvironment(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        Maintenance.RemoveEnvironment(id);
    }

    /// <summary>
    /// Removes every environment not in use, every package no remaining environment needs, the cached feed
    /// answers and resolutions, quarantined entries and lock files nobody needs under <see cref="CacheRoot"/>, and
    /// rotates the audit log when it is over its cap.
    /// </summary>
    public CacheCleanupResult ClearCache() => Maintenance.Clear(_options.For(WorkingDirectory));

    public void Dispose()
    {
    }

    private CacheMaintenance Maintenance => new(_layout.Value, _log);
}
