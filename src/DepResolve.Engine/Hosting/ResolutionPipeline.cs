using DepResolve.Engine.Caching;
using DepResolve.Engine.Configuration;
using DepResolve.Engine.Feeds;
using DepResolve.Engine.Feeds.Http;
using DepResolve.Engine.Installation;
using DepResolve.Engine.Mapping;
using DepResolve.Engine.Model;
using DepResolve.Engine.Resolution;
using DepResolve.Engine.Resolution.Locking;

namespace DepResolve.Engine.Hosting;

/// <summary>
/// Dependencies → packages → one resolved set → an installed environment (and a lock file when asked):
/// mapper, requirement builder, resolver and installer, in that order, for one session.
/// </summary>
internal sealed class ResolutionPipeline
{
    private const string LockFileName = "depresolve.lock.json";
    private readonly DepResolveSession _session;
    private readonly SessionCallbacks _callbacks;
    private readonly Lazy<(IReadOnlyList<IPackageFeed> Feeds, IReadOnlyList<RepositorySettings> Repositories)> _feeds;
    private readonly FeedHttpClient _http;

    public ResolutionPipeline(DepResolveSession session, SessionCallbacks callbacks)
    {
        _session = session;
        _callbacks = callbacks;
        _feeds = new(BuildFeeds);

        // Downloads run while metadata is still being fetched: room for both, so neither waits for the other's slots.
        var defaults = new DepResolveOptions();
        _http = new FeedHttpClient(FeedHttpSettings.FromOptions(defaults) with { MaxParallelism = defaults.MaxParallelism + defaults.MaxConcurrentDownloads });
    }

    private DepResolveOptions Options => new()
    {
        CacheRoot = _session.CacheRoot,
        Offline = _session.Settings.Offline,
        AllowPrerelease = _session.Settings.AllowPrerelease,
        Policy = _session.Settings.Policy is null ? null : DepResolveSession.ParsePolicy(_session.Settings.Policy),
    };

    public async Task<ResolutionResult> ResolveAsync(IReadOnlyList<ScriptDependency> dependencies, ResolveRequest request, CancellationToken cancellationToken)
    {
        var options = Options;
        var feeds = _feeds.Value.Feeds;
        var requestedBy = request.ScriptPath is null ? "script" : Path.GetFileName(request.ScriptPath);

        _session.Progress(new ProgressReport("Resolve-ScriptDependency", "Mapping dependencies to packages", 10) { ActivityId = 1 });
        var copies = dependencies.Select(Copy).ToList();
        var mapped = await new PackageMapper(_session.Verbose).MapAsync(copies, feeds, options, cancellationToken: cancellationToken).ConfigureAwait(false);
        var requirements = RequirementBuilder.Build(mapped, new RequirementBuildOptions { RequestedBy = requestedBy });
        foreach (var skipped in requirements.Skipped)
        {
            _session.Verbose($"Not installed: {skipped}");
        }

        if (requirements.Conflicts.Count > 0 || requirements.Unresolvable.Count > 0)
        {
            var failed = requirements.Conflicts.Select(c => c.ToString()).Concat(requirements.Unresolvable.Select(u => u.ToString())).ToList();
            return new ResolutionResult
            {
                Success = false,
                FailedPackages = failed,
                ErrorCode = requirements.Conflicts.Count > 0 ? ErrorCode.VersionConflict : ErrorCode.PackageNotFound,
                ErrorDetails = $"{requestedBy}: {string.Join("; ", failed)}",
                Policy = options.Policy?.ToString() ?? "",
            };
        }

        return await ResolveRequirementsAsync(requirements.Roots, request, requestedBy, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Root requirements → one resolved set → an installed environment. An unchanged resolution (same roots, policy,
    /// feeds, prerelease setting and lock file) comes from the resolution cache; when its environment is still
    /// intact it is reused at once, without visiting each package.
    /// </summary>
    public async Task<ResolutionResult> ResolveRequirementsAsync(IReadOnlyList<PackageRequirement> roots, ResolveRequest request, string requestedBy, CancellationToken cancellationToken)
    {
        var options = Options;
        var (feeds, repositories) = _feeds.Value;
        var warnings = new List<string>();
        var lockPath = LockFilePath(request);
        var lockFile = lockPath is not null && File.Exists(lockPath) ? LockFileSerializer.Read(lockPath) : null;
        var layout = new CacheLayout(_session.CacheRoot);
        var resolutions = new ResolutionCache(layout);
        var fingerprint = Fingerprint(roots, feeds, options, lockFile is null ? null : lockPath);
        var result = request.UpdateLock ? null : resolutions.TryGet(fingerprint, options.Offline ? null : options.MetadataTtl);
        using var prefetcher = result is null && CanPrefetch(request, options)
            ? new PackagePrefetcher(layout, feeds, PackageInstallerOptions.FromOptions(options) with { Log = _session.Verbose }, cancellationToken)
            : null;
        if (result is not null)
        {
            _session.Verbose($"Resolution of {roots.Count} requirements served from the resolution cache ({result.ResolvedPackages.Count} packages).");
        }
        else
        {
            _session.Progress(new ProgressReport("Resolve-ScriptDependency", $"Resolving {roots.Count} packages", 30) { ActivityId = 1 });
            var resolverOptions = new ResolverOptions { Log = _session.Verbose, MaxParallelism = options.MaxParallelism, LikelyChoice = prefetcher is null ? null : prefetcher.Start };
            var outcome = await new DependencyResolver(feeds, resolverOptions)
                .ResolveAsync(
                    new ResolutionRequest
                    {
                        Requirements = roots,
                        Policy = options.Policy,
                        LockFile = lockFile,
                        UpdateLock = request.UpdateLock,
                        AllowPrerelease = options.AllowPrerelease,
                    },
                    cancellationToken)
                .ConfigureAwait(false);
            prefetcher?.ResolutionFinished();
            result = outcome.ToResult();
            if (result.Success && result.ResolvedPackages.Count > 0 && !_session.Settings.DryRun && !request.UpdateLock)
            {
                TryCacheResolution(resolutions, fingerprint, result);
            }
        }

        result.LockFilePath = lockFile is not null ? lockPath : null;
        if (!result.Success || request.NoInstall || result.ResolvedPackages.Count == 0)
        {
            _session.Progress(new ProgressReport("Resolve-ScriptDependency", "Done", 100, Completed: true) { ActivityId = 1 });
            return result;
        }

        if (!(result.CacheHit && await TryReuseEnvironmentAsync(result, feeds, options, cancellationToken).ConfigureAwait(false)))
        {
            await InstallAsync(result, feeds, options, warnings, prefetcher, cancellationToken).ConfigureAwait(false);
        }

        if (request.UpdateLock && result.EnvironmentId is not null && lockPath is not null)
        {
            WriteLockFile(result, repositories, lockFile, lockPath, options);
        }

        result.Warnings = result.Warnings.Concat(warnings).ToList();
        _session.Progress(new ProgressReport("Resolve-ScriptDependency", "Done", 100, Completed: true) { ActivityId = 1 });
        return result;
    }

    /// <summary>
    /// Whether downloads may start while resolving: only when the install that follows would write without asking
    /// anyone — not for a dry run, offline, resolve-only, or when installs need an approval not yet given.
    /// </summary>
    private bool CanPrefetch(ResolveRequest request, DepResolveOptions options)
    {
        var settings = _session.Settings;
        var asksFirst = options.RequireApproval
            || (!settings.InstallsPreApproved && (_callbacks.ApproveInstall is not null || _callbacks.ShouldProcess is not null));
        return !request.NoInstall && !settings.DryRun && !options.DryRun && !options.Offline && !settings.Offline && !asksFirst;
    }

    /// <summary>The warm fast path: the cached resolution's environment, when it still exists and is intact.</summary>
    private async Task<bool> TryReuseEnvironmentAsync(ResolutionResult result, IReadOnlyList<IPackageFeed> feeds, DepResolveOptions options, CancellationToken cancellationToken)
    {
        if (_session.Settings.DryRun)
        {
            return false;
        }

        var installer = new PackageInstaller(new CacheLayout(_session.CacheRoot), feeds, PackageInstallerOptions.FromOptions(options) with { Log = _session.Verbose });
        using var outcome = await installer.TryReuseEnvironmentAsync(result.ResolvedPackages, null, cancellationToken).ConfigureAwait(false);
        if (outcome?.Environment is not { } environment)
        {
            return false;
        }

        ApplyEnvironment(result, environment);
        result.CacheHit = true;
        _session.Verbose($"Environment {environment.Id} reused from the cache.");
        return true;
    }

    private static string Fingerprint(IReadOnlyList<PackageRequirement> roots, IReadOnlyList<IPackageFeed> feeds, DepResolveOptions options, string? lockPath) =>
        new ResolutionFingerprint()
            .Add("requirements", string.Join("\n", roots
                .Select(r => $"{r.Id.ToLowerInvariant()} {r.Range.ToNormalizedString()} prerelease={r.AllowPrerelease} feeds={string.Join(",", r.Feeds)}")
                .OrderBy(r => r, StringComparer.Ordinal)))
            .AddPolicy(options.Policy?.ToString() ?? "default")
            .Add("allow-prerelease", options.AllowPrerelease.ToString())
            .AddFeeds(feeds.Select(f => $"{f.Name}={f.Source}"))
            .AddLockFile(lockPath)
            .Compute();

    private void TryCacheResolution(ResolutionCache resolutions, string fingerprint, ResolutionResult result)
    {
        try
        {
            resolutions.Put(fingerprint, result);
        }
        catch (DepResolveException e)
        {
            // The cache only saves time: an unwritable cache root is reported by the install itself.
            _session.Verbose($"The resolution was not cached: {e.Message}");
        }
    }

    private async Task InstallAsync(ResolutionResult result, IReadOnlyList<IPackageFeed> feeds, DepResolveOptions options, List<string> warnings, PackagePrefetcher? prefetcher, CancellationToken cancellationToken)
    {
        var installer = new PackageInstaller(
            new CacheLayout(_session.CacheRoot),
            feeds,
            PackageInstallerOptions.FromOptions(options) with { Log = _session.Verbose, Approve = _ => true });
        var plan = await installer.PlanAsync(result.ResolvedPackages, null, cancellationToken).ConfigureAwait(false);
        foreach (var item in plan.Items)
        {
            var resolved = result.ResolvedPackages.FirstOrDefault(p => string.Equals(p.Id, item.Id, StringComparison.OrdinalIgnoreCase));
            if (resolved is not null && resolved.Size is null)
            {
                resolved.Size = item.Size;
            }
        }

        // Every write is asked about first: -WhatIf prints this plan and declines, -Confirm asks per package.
        var approve = _session.Settings.DryRun
            ? (approval => { _callbacks.ApproveInstall?.Invoke(approval); return false; })
            : _callbacks.ApproveInstall ?? (_ => true);
        var declined = plan.Items.Where(i => !i.AlreadyInStore)
            .Where(i => !approve(new InstallApproval(i.Id, i.Version, i.Source, i.Size, i.TargetFolder)))
            .Select(i => $"{i.Id} {i.Version}")
            .ToList();
        var environmentApproved = plan.EnvironmentExists
            || ((_callbacks.ShouldProcess ?? ((_, _) => true))(plan.EnvironmentFolder, $"Create environment {plan.EnvironmentId}") && !_session.Settings.DryRun);
        if (declined.Count > 0 || !environmentApproved)
        {
            warnings.Add(declined.Count > 0
                ? $"Not installed (not approved): {string.Join(", ", declined)}. Nothing was written."
                : $"Environment {plan.EnvironmentId} was not created (not approved). Nothing was written.");
            return;
        }

        _session.Progress(new ProgressReport("Resolve-ScriptDependency", $"Installing {plan.Items.Count(i => !i.AlreadyInStore)} packages", 60) { ActivityId = 1 });
        using var outcome = await installer.InstallAsync(result.ResolvedPackages, null, prefetcher, cancellationToken).ConfigureAwait(false);
        if (prefetcher is not null)
        {
            var chosen = result.ResolvedPackages.Select(p => $"{p.Id.ToLowerInvariant()} {EnvironmentId.NormalizeVersion(p.Version)}").ToHashSet(StringComparer.Ordinal);
            var started = prefetcher.Started;
            var dropped = started.Where(s => !chosen.Contains(s)).ToList();
            _session.Verbose($"{started.Count} packages were fetched while resolving" + (dropped.Count == 0 ? "." : $"; not chosen in the end (left for garbage collection): {string.Join(", ", dropped)}."));
        }

        var environment = outcome.Environment!;
        ApplyEnvironment(result, environment);
        result.CacheHit = !environment.Created && outcome.Downloaded.Count == 0;

        _session.Verbose(result.CacheHit
            ? $"Environment {environment.Id} reused from the cache."
            : $"Environment {environment.Id} ready at {environment.Path} (downloaded: {(outcome.Downloaded.Count == 0 ? "nothing" : string.Join(", ", outcome.Downloaded))}).");
    }

    private static void ApplyEnvironment(ResolutionResult result, EnvironmentInfo environment)
    {
        result.EnvironmentId = environment.Id;
        result.EnvironmentPath = environment.Path;
        result.ModulePath = string.Join(Path.PathSeparator, environment.ModulePathEntries);
        result.Assemblies = environment.Assemblies;
        var hashes = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var package in environment.Packages)
        {
            hashes.TryAdd(package.Id, package.Sha512);
        }

        foreach (var package in result.ResolvedPackages)
        {
            package.Sha512 ??= hashes.GetValueOrDefault(package.Id);
        }
    }

    private void WriteLockFile(ResolutionResult result, IReadOnlyList<RepositorySettings> repositories, LockFile? previous, string lockPath, DepResolveOptions options)
    {
        var shouldProcess = _callbacks.ShouldProcess ?? ((_, _) => true);
        if (!shouldProcess(lockPath, "Write lock file"))
        {
            return;
        }

        var hashes = result.ResolvedPackages.Where(p => p.Sha512 is not null).ToDictionary(p => p.Id, p => p.Sha512!, StringComparer.OrdinalIgnoreCase);
        LockFileSerializer.Write(LockFileFactory.Create(result, hashes, repositories, options.Policy, previous), lockPath);
        result.LockFilePath = lockPath;
        _session.Verbose($"Lock file written: {lockPath}");
    }

    private static string? LockFilePath(ResolveRequest request)
    {
        if (request.LockFile is not null)
        {
            return Path.GetFullPath(request.LockFile);
        }

        var folder = request.ScriptPath is null ? null : Path.GetDirectoryName(Path.GetFullPath(request.ScriptPath));
        return folder is null ? null : Path.Combine(folder, LockFileName);
    }

    /// <summary>
    /// The feeds of this session: -Repository values (registered names, URLs, folders) when given, else the
    /// configured module repositories (depresolve.json, PSResourceGet registrations, the PowerShell Gallery).
    /// </summary>
    private (IReadOnlyList<IPackageFeed>, IReadOnlyList<RepositorySettings>) BuildFeeds()
    {
        var settings = RepositoryCatalog.Select(_session.Settings.Repositories, _session.WorkingDirectory, _session.Verbose);
        var layout = new CacheLayout(_session.CacheRoot);
        var factory = new FeedFactory(_http, _session.Verbose);
        var feeds = new List<IPackageFeed>();
        foreach (var setting in settings.OrderBy(s => s.Priority))
        {
            var feed = factory.Create(setting);
            feeds.Add(_session.Settings.DryRun ? feed : new CachingPackageFeed(feed, layout, Options.MetadataTtl, _session.Settings.Offline));
            _session.Verbose($"Repository {setting.Name}: {setting.Source}");
        }

        return (feeds, settings);
    }

    private static ScriptDependency Copy(ScriptDependency d) => new()
    {
        Name = d.Name, Kind = d.Kind, VersionRange = d.VersionRange, Evidence = d.Evidence, Path = d.Path, Line = d.Line, Column = d.Column,
        IsOptional = d.IsOptional, Condition = d.Condition, IsDynamic = d.IsDynamic, IsBuiltIn = d.IsBuiltIn,
        MappedPackage = d.MappedPackage, MappingReason = d.MappingReason, Alternatives = d.Alternatives, IsUnresolvable = d.IsUnresolvable,
    };
}
