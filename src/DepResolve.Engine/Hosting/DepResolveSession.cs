using System.Collections.Concurrent;
using System.Diagnostics;
using DepResolve.Engine.Analysis;
using DepResolve.Engine.Analysis.CSharp;
using DepResolve.Engine.Analysis.PowerShell;
using DepResolve.Engine.Caching;
using DepResolve.Engine.Configuration;
using DepResolve.Engine.Installation;
using DepResolve.Engine.Model;
using DepResolve.Engine.Running;
using DepResolve.Engine.Storage;

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
    private readonly ConcurrentDictionary<string, Lazy<DepResolveOptions>> _options = new(PathComparer);
    private readonly Lazy<CacheLayout> _layout;
    private CSharpDependencyAnalyzer? _csharpAnalyzer;
    private ResolutionPipeline? _pipeline;

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
        _layout = new Lazy<CacheLayout>(() => CacheLayout.FromOptions(OptionsFor(WorkingDirectory).CacheRoot));
    }

    public SessionSettings Settings { get; }

    public string WorkingDirectory { get; }

    /// <summary>
    /// The cache root of this session's working directory: -CacheDirectory, else the <c>cacheRoot</c> of the
    /// depresolve.json in effect there, else $DEPRESOLVE_CACHE or the platform cache folder.
    /// </summary>
    public string CacheRoot => Layout.Root;

    internal CacheLayout Layout => _layout.Value;

    /// <summary>
    /// The options for scripts in <paramref name="folder"/>: depresolve.json from that folder upward, then the user
    /// config, loaded once per folder, with this session's parameters applied over them. -Policy and -CacheDirectory
    /// replace the configured value; -Offline, -AllowPrerelease and -WhatIf only ever turn their option on.
    /// A malformed file is InvalidInput naming it.
    /// </summary>
    internal DepResolveOptions OptionsFor(string folder) =>
        _options.GetOrAdd(Path.GetFullPath(folder, WorkingDirectory), f => new Lazy<DepResolveOptions>(() => LoadOptions(f))).Value;

    private DepResolveOptions LoadOptions(string folder)
    {
        var loaded = DepResolveConfigLoader.Load(folder, userConfigFolder: Settings.UserConfigFolder, log: Verbose, warn: Warning);
        Verbose(loaded.Files.Count == 0
            ? $"No {DepResolveConfigLoader.FileName} applies to {folder}: default options."
            : $"Options for {folder} from {string.Join(", ", loaded.Files)} (nearest first).");
        var configured = loaded.Options;
        return configured with
        {
            CacheRoot = Settings.CacheDirectory is null ? configured.CacheRoot : Path.GetFullPath(Settings.CacheDirectory, WorkingDirectory),
            Policy = Settings.Policy is null ? configured.Policy : ParsePolicy(Settings.Policy),
            LockedMode = configured.LockedMode || Settings.LockedMode,
            Offline = configured.Offline || Settings.Offline,
            AllowPrerelease = configured.AllowPrerelease || Settings.AllowPrerelease,
            FailOnUnresolved = configured.FailOnUnresolved || Settings.FailOnUnresolved,
            UseInstalledModules = configured.UseInstalledModules || Settings.UseInstalledModules,
            DryRun = configured.DryRun || Settings.DryRun,
        };
    }

    private static StringComparer PathComparer => OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

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
        return RepositoryCatalog.Names(Path.GetFullPath(workingDirectory ?? Environment.CurrentDirectory));
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
            throw new DepResolveException(ErrorCode.PathNotFound, $"The script '{fullPath}' does not exist.", fullPath);
        }

        Analysis.RegularFile.EnsureRegular(fullPath);

        if (!ScriptFiles.IsSupported(fullPath))
        {
            throw new DepResolveException(
                ErrorCode.InvalidInput,
                $"'{fullPath}' is not a script DepResolve reads (expected {string.Join(", ", ScriptFiles.PowerShellExtensions.Concat(ScriptFiles.CSharpExtensions))}).",
                fullPath);
        }

        new ResolveProgress(Progress).Analysis(Path.GetFileName(fullPath));
        return Task.Run(() => MapForDisplayAsync(Finish(ReadRaw(fullPath, null, recurse, cancellationToken), includeBuiltIn), fullPath, cancellationToken), cancellationToken);
    }

    /// <summary>Dependencies of PowerShell script text (the -ScriptDefinition parameter set).</summary>
    public Task<IReadOnlyList<ScriptDependency>> AnalyzeScriptDefinitionAsync(string scriptText, bool includeBuiltIn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scriptText);
        return Task.Run(() => MapForDisplayAsync(Finish(ReadRaw(null, scriptText, false, cancellationToken), includeBuiltIn), null, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Fills in MappedPackage and MappingReason as a resolution would map them: offline (user mappings, built-ins, the
    /// cache's command index, the catalog, noun-prefix rules), plus the feeds' tags when repositories were given.
    /// </summary>
    private async Task<IReadOnlyList<ScriptDependency>> MapForDisplayAsync(IReadOnlyList<ScriptDependency> dependencies, string? scriptPath, CancellationToken cancellationToken)
    {
        await Pipeline.MapAsync(dependencies, scriptPath, askFeeds: Settings.Repositories.Count > 0, cancellationToken).ConfigureAwait(false);
        return dependencies;
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
        return Pipeline.ResolveAsync(dependencies, request, cancellationToken);
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
        return Pipeline.ResolveRequirementsAsync(roots, request, requestedBy, cancellationToken);
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
        var fullPath = Path.GetFullPath(request.Path, WorkingDirectory);
        if (!File.Exists(fullPath))
        {
            throw new DepResolveException(ErrorCode.PathNotFound, $"The script '{fullPath}' does not exist.", fullPath);
        }

        Analysis.RegularFile.EnsureRegular(fullPath);

        // -OutputPath alone writes NUnit XML, as Invoke-Pester's TestResult.OutputFormat defaults to.
        request = request with { OutputFormat = request.OutputFormat ?? (string.IsNullOrWhiteSpace(request.OutputPath) ? null : "NUnitXml") };
        ValidateOutputFormat(request);
        var testPath = request.TestPath is null ? Running.ScriptTestRequest.FindTests(fullPath) : Path.GetFullPath(request.TestPath, WorkingDirectory);
        var mode = request.EntryPoint is not null ? ScriptRunMode.EntryPoint
            : testPath is not null && !ScriptFiles.IsCSharp(fullPath) ? ScriptRunMode.Pester
            : ScriptRunMode.Script;
        Verbose($"{Path.GetFileName(fullPath)}: running as {mode}{(mode == ScriptRunMode.Pester ? $" with {testPath}" : "")}.");

        new ResolveProgress(Progress).Analysis(Path.GetFileName(fullPath));
        var initial = await Task.Run(() => AnalyzeForRun(fullPath, mode == ScriptRunMode.Pester ? testPath : null, cancellationToken), cancellationToken).ConfigureAwait(false);
        var piped = request.Environment is { Success: true, EnvironmentId: not null } environment ? RunEnvironment.FromResolution(environment) : null;
        // A retry resolves everything found so far plus what the run revealed, so the new environment keeps it all.
        var resolved = piped is null ? new List<ScriptDependency>() : new List<ScriptDependency>(initial);
        // A module a retry reveals is added to the script's lock file section like any new requirement (in locked mode
        // it is drift, and the run fails naming it).
        var lockPath = request.LockFile is null ? null : Path.GetFullPath(request.LockFile, WorkingDirectory);
        IReadOnlyCollection<string>? earlierAttempt = null;
        // Every environment the run uses stays leased until the run ends, so garbage collection in another
        // process cannot remove it from under the child.
        using var leases = new EnvironmentLeases(new EnvironmentManager(Layout));
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
                Cache = Layout,
                CompilationCacheDirectory = Path.Combine(Layout.Root, "csharp"),
                Log = Verbose,
            },
            ResolveAndInstall);

        var dryRun = OptionsFor(Path.GetDirectoryName(fullPath)!).DryRun;
        var runDeclined = false;
        bool ApproveRun()
        {
            var action = mode switch
            {
                ScriptRunMode.Pester => $"Run the Pester tests {testPath}",
                ScriptRunMode.EntryPoint => $"Run the function {request.EntryPoint}",
                _ => "Run the script",
            };
            var approved = (_callbacks.ShouldProcess?.Invoke(fullPath, action) ?? true) && !dryRun;
            runDeclined = !approved;
            return approved;
        }

        var watch = Stopwatch.StartNew();
        Progress(new ProgressReport("Invoke-ScriptTest", $"Running {Path.GetFileName(fullPath)}", -1) { ActivityId = 2 });
        var result = await runner.RunAsync(
            new Running.ScriptTestRequest
            {
                Path = fullPath,
                Mode = mode,
                Parameters = request.Parameters,
                EntryPoint = request.EntryPoint,
                TestPath = testPath,
                OutputFormat = request.OutputFormat,
                OutputPath = request.OutputPath is null ? null : Path.GetFullPath(request.OutputPath, WorkingDirectory),
                InitialDependencies = initial,
                Environment = piped,
                MaxRetry = request.MaxRetry,
                Timeout = request.Timeout ?? OptionsFor(Path.GetDirectoryName(fullPath)!).RunTimeout,
                InheritModulePath = request.InheritModulePath,
                ApproveRun = ApproveRun,
            },
            cancellationToken).ConfigureAwait(false);
        Progress(new ProgressReport("Invoke-ScriptTest", $"{Path.GetFileName(fullPath)} finished in {watch.Elapsed.TotalSeconds:0.0} s", 100, Completed: true) { ActivityId = 2 });
        if (runDeclined)
        {
            Verbose($"{Path.GetFileName(fullPath)} was not run (not approved).");
            return null;
        }

        return result;
    }

    /// <summary>Environments in the cache, most recently used first.</summary>
    public IReadOnlyList<EnvironmentInfo> GetEnvironments()
    {
        var lastUsed = new EnvironmentRegistry(Layout).ReadAll().ToDictionary(r => r.Id, r => r.LastUsedUtc, StringComparer.Ordinal);
        var environments = new EnvironmentManager(Layout).ListAll();
        foreach (var environment in environments)
        {
            environment.LastUsedUtc = lastUsed.TryGetValue(environment.Id, out var used) ? used : environment.CreatedUtc;
        }

        return environments.OrderByDescending(e => e.LastUsedUtc).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Removes one environment (never the shared package store it points into). An environment a running script
    /// holds a lease on is refused with CacheError rather than pulled from under it.
    /// </summary>
    public void RemoveEnvironment(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var environments = new EnvironmentManager(Layout);
        if (environments.TryLoad(id) is null)
        {
            throw new DepResolveException(ErrorCode.InvalidInput, $"No environment with id '{id}' in the cache at '{CacheRoot}'.", id);
        }

        using (var lease = FileLock.TryAcquireExclusive(Layout.LeaseFile(id)))
        {
            if (lease is null)
            {
                throw new DepResolveException(ErrorCode.CacheError, $"Environment '{id}' is in use by a running script; it was not removed.", id);
            }

            environments.Delete(id);
        }

        new EnvironmentRegistry(Layout).Remove(id);
        new AuditLog(Layout).Write(AuditLog.For(AuditActions.RemoveEnvironment, null, id, detail: "Remove-DepResolveEnvironment"));
        Verbose($"Removed environment {id} from {CacheRoot}.");
    }

    /// <summary>
    /// Removes every environment not in use, every package no remaining environment needs, the cached feed
    /// answers and resolutions, quarantined entries and lock files nobody needs under <see cref="CacheRoot"/>, and
    /// rotates the audit log when it is over its cap.
    /// </summary>
    public CacheCleanupResult ClearCache()
    {
        long PackagesAndEnvironments() => FolderSize(Layout.StoreFolder) + FolderSize(Layout.EnvironmentsFolder) + FolderSize(Layout.QuarantineFolder);
        long Records() => FolderSize(Layout.MetadataFolder) + FolderSize(Layout.ResolutionsFolder);
        var before = PackagesAndEnvironments();
        var recordsBefore = Records();
        var everyRecord = HousekeepingLimits.FromOptions(OptionsFor(WorkingDirectory)) with { RecordTtl = TimeSpan.Zero };
        var report = new GarbageCollector(Layout, TimeSpan.Zero, maxEnvironments: 0, everyRecord).Collect();
        if (report.Skipped)
        {
            throw new DepResolveException(ErrorCode.CacheError, $"The cache at '{CacheRoot}' is busy (an install holds its lock); try again when it finishes.", CacheRoot);
        }

        foreach (var id in report.KeptInUse)
        {
            Warning($"Environment {id} is in use by a running script and was kept.");
        }

        foreach (var folder in new[] { Layout.MetadataFolder, Layout.ResolutionsFolder })
        {
            AtomicFile.TryDeleteFolder(folder);
        }

        var freed = Math.Max(0, before - PackagesAndEnvironments()) + Math.Max(0, recordsBefore - Records());

        return new CacheCleanupResult
        {
            CacheRoot = CacheRoot,
            RemovedEnvironments = report.RemovedEnvironments.Count,
            RemovedPackages = report.RemovedStoreEntries.Count,
            FreedBytes = freed,
        };
    }

    public void Dispose()
    {
    }

    private IReadOnlyList<ScriptDependency> ReadRaw(string? path, string? text, bool recurse, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        IReadOnlyList<ScriptDependency> raw;
        if (path is not null && ScriptFiles.IsCSharp(path))
        {
            var result = CSharpAnalyzer.AnalyzeFile(path, cancellationToken);
            foreach (var diagnostic in result.Diagnostics)
            {
                Warning(diagnostic.ToString());
            }

            raw = result.Dependencies;
        }
        else
        {
            var parser = Settings.PowerShellParser
                ?? throw NotAvailable.Feature("Analysing PowerShell scripts outside a PowerShell session", "PowerShell parser", path);
            var options = new PowerShellAnalysisOptions
            {
                Recurse = recurse,
                IsBuiltInCommand = Settings.BuiltInCommands is { } commands ? commands.Contains : null,
                AnalyzeCSharp = AnalyzeEmbeddedCSharp,
                Log = Verbose,
            };
            var analyzer = new PowerShellDependencyAnalyzer(options, parser);
            var result = path is not null ? analyzer.AnalyzeFile(path) : analyzer.AnalyzeScript(text ?? "");
            foreach (var warning in result.Warnings.Where(w => w.Kind != ScriptAnalysisWarningKind.AnalysisFailed))
            {
                Warning(warning.Message);
            }

            ThrowOnSyntaxErrors(result, path);

            raw = result.Dependencies;
        }

        Verbose($"Read {raw.Count} dependencies from {path ?? "the script text"} in {watch.ElapsedMilliseconds} ms.");
        return raw;
    }

    /// <summary>
    /// A script that does not parse is refused before anything is resolved, installed, run or locked: PowerShell
    /// would not run it either, and what parsed of it is not all it needs.
    /// </summary>
    private static void ThrowOnSyntaxErrors(ScriptAnalysisResult result, string? path)
    {
        var failures = result.Warnings.Where(w => w.Kind == ScriptAnalysisWarningKind.AnalysisFailed).ToList();
        if (failures.Count == 0)
        {
            return;
        }

        var prefix = $"{ErrorCode.AnalysisFailed}: ";
        var listed = failures.Select(w => w.Message.StartsWith(prefix, StringComparison.Ordinal) ? w.Message[prefix.Length..] : w.Message);
        throw new DepResolveException(
            ErrorCode.AnalysisFailed,
            string.Join(Environment.NewLine, listed) + Environment.NewLine + "Fix the syntax errors first: nothing was resolved, installed or run.",
            failures[0].Path ?? path);
    }

    /// <summary>One pipeline per session, shared by parallel runs (Invoke-ScriptTest -ThrottleLimit), so each folder's options and feeds are set up once.</summary>
    private ResolutionPipeline Pipeline => LazyInitializer.EnsureInitialized(ref _pipeline, () => new ResolutionPipeline(this, _callbacks));

    private CSharpDependencyAnalyzer CSharpAnalyzer => _csharpAnalyzer ??= new CSharpDependencyAnalyzer();

    /// <summary>Add-Type source found in a PowerShell script; <paramref name="origin"/> is "file:line:column".</summary>
    private IReadOnlyList<ScriptDependency> AnalyzeEmbeddedCSharp(string source, string origin)
    {
        var parts = origin.Split(':');
        var sourceOrigin = parts.Length >= 3 && int.TryParse(parts[^2], out var line) && int.TryParse(parts[^1], out var column)
            ? new SourceOrigin(string.Join(':', parts[..^2]), line, column)
            : SourceOrigin.StartOf(origin);
        return CSharpAnalyzer.AnalyzeTypeDefinition(source, sourceOrigin).Dependencies;
    }

    /// <summary>
    /// What the run should have installed up front: the script's (and its tests') dependencies, plus Pester for
    /// a test run. Without a static analyzer the run still happens and the retry loop finds what is missing.
    /// </summary>
    private IReadOnlyList<ScriptDependency> AnalyzeForRun(string scriptPath, string? testPath, CancellationToken cancellationToken)
    {
        var dependencies = new List<ScriptDependency>();
        foreach (var path in new[] { scriptPath, testPath }.OfType<string>().Distinct(StringComparer.Ordinal))
        {
            try
            {
                dependencies.AddRange(Finish(ReadRaw(path, null, recurse: true, cancellationToken), includeBuiltIn: false));
            }
            catch (DepResolveException ex) when (ex.Code == ErrorCode.NotAvailable)
            {
                Warning($"{ex.Message} The run goes ahead; missing dependencies are found from its errors.");
            }
        }

        if (testPath is not null && !dependencies.Any(d => string.Equals(d.Name, "Pester", StringComparison.OrdinalIgnoreCase)))
        {
            dependencies.Add(new ScriptDependency
            {
                Name = "Pester",
                Kind = DependencyKind.Module,
                VersionRange = "[5.0.0, 6.0.0)",
                Evidence = DependencyEvidence.ImportModule,
                Path = testPath,
                MappedPackage = "Pester",
                MappingReason = "Pester runs the tests: the newest 5.x unless the test file asks for another version.",
            });
        }

        return dependencies.Where(d => !d.IsDynamic && d.Kind != DependencyKind.Application && d.Kind != DependencyKind.Script).ToList();
    }

    /// <returns>The environment, and the ids of the packages in it (the earlier attempt of a retry that follows).</returns>
    private async Task<(RunEnvironment Environment, IReadOnlyCollection<string> Packages)> ResolveForRunAsync(
        IReadOnlyList<ScriptDependency> dependencies, string scriptPath, string? lockPath, IReadOnlyCollection<string>? earlierAttempt, CancellationToken cancellationToken)
    {
        if (dependencies.Count == 0 && !ResolutionPipeline.HasRevealed(new ResolveRequest { ScriptPath = scriptPath, LockFile = lockPath }, WorkingDirectory))
        {
            Verbose($"{Path.GetFileName(scriptPath)} needs no packages: it runs without an environment.");
            return (RunEnvironment.Empty, []);
        }

        var resolution = await ResolveAsync(dependencies, new ResolveRequest { ScriptPath = scriptPath, LockFile = lockPath, EarlierAttempt = earlierAttempt }, cancellationToken).ConfigureAwait(false);
        if (!resolution.Success)
        {
            throw new DepResolveException(resolution.ErrorCode ?? ErrorCode.PackageNotFound, resolution.ErrorDetails ?? string.Join("; ", resolution.FailedPackages), scriptPath);
        }

        return (RunEnvironment.FromResolution(resolution), resolution.ResolvedPackages.Select(p => p.Id).ToList());
    }

    /// <summary>Built-ins only when asked; in source order: each file in the order it was read, then by line and column.</summary>
    private static IReadOnlyList<ScriptDependency> Finish(IReadOnlyList<ScriptDependency> dependencies, bool includeBuiltIn)
    {
        var fileOrder = dependencies.Select(d => d.Path ?? "").Distinct(StringComparer.Ordinal).Select((path, i) => (path, i)).ToDictionary(p => p.path, p => p.i, StringComparer.Ordinal);
        return dependencies
            .Where(d => includeBuiltIn || !d.IsBuiltIn)
            .OrderBy(d => fileOrder[d.Path ?? ""])
            .ThenBy(d => d.Line)
            .ThenBy(d => d.Column)
            .ToList();
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

    internal void Verbose(string message) => _callbacks.Verbose?.Invoke(CredentialRedaction.Redact(message));

    internal void Warning(string message) => _callbacks.Warning?.Invoke(CredentialRedaction.Redact(message));

    internal void Progress(ProgressReport report) => _callbacks.Progress?.Invoke(report);

    private static long FolderSize(string folder) => !Directory.Exists(folder)
        ? 0
        : new DirectoryInfo(folder).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }).Sum(f => f.Length);
}
