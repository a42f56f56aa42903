using DepResolve.Engine.Caching;
using DepResolve.Engine.Configuration;
using DepResolve.Engine.Feeds;
using DepResolve.Engine.Installation;
using DepResolve.Engine.Mapping;
using DepResolve.Engine.Model;
using DepResolve.Engine.Resolution;
using DepResolve.Engine.Resolution.Locking;
using DepResolve.Engine.Storage;

namespace DepResolve.Engine.Hosting;

/// <summary>
/// Dependencies → packages → one resolved set → an installed environment (and a lock file when asked):
/// mapper, requirement builder, resolver and installer, in that order, for one session.
/// </summary>
internal sealed class ResolutionPipeline
{
    internal const string LockFileName = "depresolve.lock.json";
    private readonly ResolutionContext _context;
    private readonly FolderSetups _setups;

    public ResolutionPipeline(ResolutionContext context)
    {
        _context = context;
        _setups = new FolderSetups(context);
    }

    public async Task<ResolutionResult> ResolveAsync(IReadOnlyList<ScriptDependency> dependencies, ResolveRequest request, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var setup = _setups.For(request);
        var (options, feeds) = (setup.Options, setup.ModuleFeeds);
        var requestedBy = request.ScriptPath is null ? "script" : Path.GetFileName(request.ScriptPath);

        new ResolveProgress(_context.Log.Progress).Mapping();
        // The mapper fills in what it is given: the caller's dependencies are left unmapped.
        var copies = dependencies.Select(d => d.Copy()).ToList();
        var mapper = new PackageMapper(_context.Log.Verbose, CommandIndex.Load(setup.Layout)) { LibraryFeeds = setup.LibraryFeeds };

        // Declared items first; commands that only a guess could map wait until the declared modules' exports are known.
        await mapper.MapAsync(copies, feeds, options, cancellationToken: cancellationToken, declaredOnly: true).ConfigureAwait(false);
        var pending = copies.Where(d => d.MappedPackage is null && !d.IsUnresolvable && mapper.IsPendingCommand(d, options)).ToList();
        var declared = RequirementBuilder.Build(copies.Except(pending), new RequirementBuildOptions { RequestedBy = requestedBy });
        if (Failure(declared, requestedBy, options, includeUnmapped: false) is { } declaredFailure)
        {
            return declaredFailure;
        }

        if (pending.Count > 0 && declared.Roots.Count > 0)
        {
            var first = await ResolveRequirementsAsync(declared.Roots, request with { SkipLockFile = true }, requestedBy, cancellationToken).ConfigureAwait(false);
            if (!first.Success)
            {
                return first;
            }

            pending = mapper.CreditExports(pending, DeclaredExports(first, setup.Layout), $"which {requestedBy} declares (or one of their dependencies)").ToList();
        }

        await mapper.MapAsync(pending, feeds, options, cancellationToken: cancellationToken).ConfigureAwait(false);
        mapper.PreferDeclared(copies);
        var requirements = RequirementBuilder.Build(copies, new RequirementBuildOptions { RequestedBy = requestedBy });
        foreach (var skipped in requirements.Skipped)
        {
            _context.Log.Verbose($"Not installed: {skipped}");
        }

        if (Failure(requirements, requestedBy, options, includeUnmapped: options.FailOnUnresolved) is { } failure)
        {
            return failure;
        }

        foreach (var unmapped in requirements.Unmapped)
        {
            _context.Log.Warning(UnmappedWarning(unmapped));
        }

        var result = await ResolveRequirementsAsync(requirements.Roots, request, requestedBy, cancellationToken).ConfigureAwait(false);
        result.Warnings = requirements.Unmapped.Select(UnmappedWarning).Concat(result.Warnings).ToList();
        result.ExecutionTime = clock.Elapsed;
        return result;
    }

    /// <summary>
    /// Maps dependencies for display (Get-ScriptDependency): the feeds are asked only when <paramref name="askFeeds"/>.
    /// Returns <paramref name="dependencies"/>, mapped (the caller needs no async method of its own to return them).
    /// </summary>
    public async Task<IReadOnlyList<ScriptDependency>> MapAsync(IReadOnlyList<ScriptDependency> dependencies, string? scriptPath, bool askFeeds, CancellationToken cancellationToken)
    {
        var setup = _setups.For(new ResolveRequest { ScriptPath = scriptPath });
        var index = CommandIndex.Load(setup.Layout);
        var mapper = new PackageMapper(_context.Log.Verbose, index);
        var feeds = askFeeds ? setup.ModuleFeeds : Array.Empty<IPackageFeed>();
        await mapper.MapAsync(dependencies, feeds, setup.Options, cancellationToken: cancellationToken, declaredOnly: true).ConfigureAwait(false);
        var pending = dependencies.Where(d => d.MappedPackage is null && !d.IsUnresolvable && mapper.IsPendingCommand(d, setup.Options)).ToList();
        var declaredModules = dependencies.Where(d => d.Kind == DependencyKind.Module && d.MappedPackage is not null).Select(d => index.FindNewest(d.MappedPackage!)).OfType<ModuleExports>().ToList();
        pending = mapper.CreditExports(pending, declaredModules, "which the script declares").ToList();
        await mapper.MapAsync(pending, feeds, setup.Options, cancellationToken: cancellationToken).ConfigureAwait(false);
        mapper.PreferDeclared(dependencies);
        return dependencies;
    }

    /// <summary>
    /// What the resolved declared modules export: read from the installed environment (and learnt into the command
    /// index), or, when nothing was installed (-NoInstall, -WhatIf), what the index already knows of those versions.
    /// </summary>
    private IReadOnlyList<ModuleExports> DeclaredExports(ResolutionResult resolved, CacheLayout layout)
    {
        var index = CommandIndex.Load(layout);
        if (!string.IsNullOrEmpty(resolved.ModulePath))
        {
            return index.Learn(resolved.ModulePath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries), _context.Log.Verbose);
        }

        return resolved.ResolvedPackages.Select(p => index.Find(p.Id, p.Version)).OfType<ModuleExports>().ToList();
    }

    private static string UnmappedWarning(SkippedDependency unmapped)
    {
        var d = unmapped.Dependency;
        var where = d.Path is null ? "" : $"{d.Path}:{d.Line}: ";
        return $"{where}{d.Name} was not mapped to a package ({unmapped.Reason}). The run goes ahead; if it fails for want of it, the retry installs the module that provides it.";
    }

    /// <summary>A failed result for declared items that no package provides or whose ranges clash (and unmapped inferred ones when asked).</summary>
    private static ResolutionResult? Failure(RequirementSet requirements, string requestedBy, DepResolveOptions options, bool includeUnmapped)
    {
        var unresolvable = includeUnmapped ? requirements.Unresolvable.Concat(requirements.Unmapped).ToList() : requirements.Unresolvable.ToList();
        if (requirements.Conflicts.Count == 0 && unresolvable.Count == 0)
        {
            return null;
        }

        var failed = requirements.Conflicts.Select(c => c.ToString()).Concat(unresolvable.Select(u => u.ToString())).ToList();
        return new ResolutionResult
        {
            Success = false,
            FailedPackages = failed,
            ErrorCode = requirements.Conflicts.Count > 0 ? ErrorCode.VersionConflict : ErrorCode.PackageNotFound,
            ErrorDetails = $"{requestedBy}: {string.Join("; ", failed)}",
            Policy = options.Policy?.ToString() ?? "",
        };
    }

    /// <summary>
    /// Root requirements → one resolved set → an installed environment. An unchanged resolution (same roots, policy,
    /// feeds, prerelease setting and lock file) comes from the resolution cache; when its environment is still
    /// intact it is reused at once, without visiting each package. After an install the lock file is written when
    /// there was none yet (or with UpdateLock), and an install that created an environment collects garbage.
    /// </summary>
    public async Task<ResolutionResult> ResolveRequirementsAsync(IReadOnlyList<PackageRequirement> roots, ResolveRequest request, string requestedBy, CancellationToken cancellationToken)
    {
        var options = _setups.For(request).Options;
        var installed = InstalledModulesFor(roots, options);
        if (installed.Count == 0)
        {
            var fromFeeds = await ResolveFromFeedsAsync(roots, request, requestedBy, cancellationToken).ConfigureAwait(false);
            SuggestInstalledModules(fromFeeds, roots, options);
            return fromFeeds;
        }

        var satisfied = installed.Select(m => m.Requirement).ToHashSet(StringComparer.Ordinal);
        var result = await ResolveFromFeedsAsync(roots.Where(r => !satisfied.Contains(r.ToString())).ToList(), request, requestedBy, cancellationToken).ConfigureAwait(false);
        result.InstalledModules = installed;
        var entries = (result.ModulePath ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(installed.Select(m => m.ModulePathEntry))
            .Distinct(PlatformPaths.Comparer);
        result.ModulePath = string.Join(Path.PathSeparator, entries);
        return result;
    }

    /// <summary>
    /// With useInstalledModules, the module requirements that a module already on the user's PSModulePath
    /// satisfies (the highest installed version the range allows); none otherwise.
    /// </summary>
    private IReadOnlyList<InstalledModule> InstalledModulesFor(IReadOnlyList<PackageRequirement> roots, DepResolveOptions options)
    {
        if (!options.UseInstalledModules)
        {
            return [];
        }

        var finder = new InstalledModuleFinder(_context.InstalledModulePath ?? InstalledModuleFinder.ProcessModulePath());
        var found = new List<InstalledModule>();
        foreach (var root in roots.Where(r => r.AsModule))
        {
            if (finder.Find(root) is { } module)
            {
                _context.Log.Verbose($"{root}: satisfied by the installed module {module.Name} {module.Version} at {module.Path} (-UseInstalledModules); not installed from a feed.");
                found.Add(module);
            }
        }

        return found;
    }

    /// <summary>
    /// A module no feed has but the user has installed, in a fitting version, is named in the error with the switch
    /// that would use it (CI runners ship Pester, for one).
    /// </summary>
    private void SuggestInstalledModules(ResolutionResult result, IReadOnlyList<PackageRequirement> roots, DepResolveOptions options)
    {
        if (result.Success || result.ErrorCode != ErrorCode.PackageNotFound || options.UseInstalledModules || result.ErrorDetails is not { } details)
        {
            return;
        }

        var finder = new InstalledModuleFinder(_context.InstalledModulePath ?? InstalledModuleFinder.ProcessModulePath());
        var hints = roots
            .Where(r => r.AsModule && details.Contains($"'{r.Id}'", StringComparison.OrdinalIgnoreCase))
            .Select(finder.Find)
            .OfType<InstalledModule>()
            .Select(m => $"{m.Name} {m.Version} is installed at {m.Path}: -UseInstalledModules (or \"useInstalledModules\": true in {DepResolveConfigLoader.FileName}) would use it.")
            .ToList();
        if (hints.Count > 0)
        {
            result.ErrorDetails = details + " " + string.Join(" ", hints);
        }
    }

    /// <summary>The roots resolved from the feeds and installed, as described above.</summary>
    private async Task<ResolutionResult> ResolveFromFeedsAsync(IReadOnlyList<PackageRequirement> roots, ResolveRequest request, string requestedBy, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var setup = _setups.For(request);
        var (options, layout, feeds, repositories) = setup;
        var warnings = new List<string>();
        var progress = new ResolveProgress(_context.Log.Progress);
        var lockPath = LockFilePath(request, _context.WorkingDirectory);
        var lockedMode = options.LockedMode || options.Policy == ResolutionPolicy.Locked;
        var (sectionKey, lockFile, ownSection) = ReadSection(lockPath, request, lockedMode);
        var requestedRoots = roots;
        roots = WithRevealed(roots, request.UpdateLock ? null : lockFile, requestedBy);
        var resolutions = new ResolutionCache(layout);
        var fingerprint = Fingerprint(roots, feeds, options, setup.LibrarySources, lockFile, lockedMode);
        var result = request.UpdateLock ? null : resolutions.TryGet(fingerprint, options.Offline ? null : options.MetadataTtl);
        // The chosen versions as the resolver typed them; a cached resolution has only strings, read back when needed.
        IReadOnlyList<ResolvedNode>? chosen = null;
        IReadOnlyList<ResolvedNode> Chosen() => chosen ??= ReadBack(result!.ResolvedPackages);
        InstallOutcome? installed = null;
        var feedsFailed = false;
        var prefetcher = result is null && CanPrefetch(request, options)
            ? new PackagePrefetcher(layout, feeds, InstallerOptions(options), cancellationToken)
            : null;
        try
        {
            if (result is not null)
            {
                _context.Log.Verbose($"Resolution of {roots.Count} requirements served from the resolution cache ({result.ResolvedPackages.Count} packages).");
            }
            else
            {
                progress.Metadata(0, 0, last: true);
                var resolverOptions = new ResolverOptions
                {
                    Log = _context.Log.Verbose, MaxParallelism = options.MaxParallelism, LikelyChoice = prefetcher is null ? null : prefetcher.Start, SourceMapping = options.SourceMapping,
                    LibrarySources = setup.LibrarySources, Deadline = options.ResolutionTimeout, MetadataProgress = (answered, asked) => progress.Metadata(answered, asked),
                };
                var outcome = await new DependencyResolver(feeds, resolverOptions)
                    .ResolveAsync(
                        new ResolutionRequest
                        {
                            Requirements = roots,
                            Policy = options.Policy,
                            LockFile = lockFile,
                            LockedMode = lockedMode,
                            UpdateLock = request.UpdateLock,
                            AllowPrerelease = options.AllowPrerelease,
                        },
                        cancellationToken)
                    .ConfigureAwait(false);
                progress.Metadata(outcome.MetadataRequests, outcome.MetadataRequests, last: true);
                foreach (var feedWarning in outcome.FeedWarnings)
                {
                    _context.Log.Warning(feedWarning);
                }

                result = outcome.ToResult();
                chosen = outcome.Packages;
                // A set that is about to be installed is cached only once its install succeeded, so a failed install
                // (a hash the feed got wrong, a refused archive) is not served again from the cache until the TTL ends.
                // Nor is one made while some feed could not be asked: its answer may differ once the feed is back.
                if (outcome.FeedWarnings.Count > 0)
                {
                    feedsFailed = true;
                }

                if (result.Success && result.ResolvedPackages.Count > 0 && !options.DryRun && !request.UpdateLock && request.NoInstall && !feedsFailed)
                {
                    TryCacheResolution(resolutions, fingerprint, result);
                }
            }

            result.LockFilePath = lockFile is not null ? lockPath : null;
            if (result.Success && !request.UpdateLock && lockFile is not null && options.Policy is not (null or ResolutionPolicy.Locked))
            {
                WarnOfChangedPins(lockFile, Chosen(), options.Policy.Value, warnings);
            }

            if (!result.Success || request.NoInstall || result.ResolvedPackages.Count == 0)
            {
                progress.Done();
                // The whole call: a cached or Locked resolution takes no resolver time, but mapping, installing and checks do.
                result.ExecutionTime = clock.Elapsed;
                return result;
            }

            if (!(result.CacheHit && await TryReuseEnvironmentAsync(result, Chosen(), layout, feeds, options, cancellationToken).ConfigureAwait(false)))
            {
                installed = await InstallAsync(result, Chosen(), layout, feeds, options, warnings, prefetcher, progress, cancellationToken).ConfigureAwait(false);
                if (installed?.Environment is not null && !options.DryRun && !request.UpdateLock && !feedsFailed)
                {
                    // Cached with the content hashes the install learnt, so the next run finds this environment at once.
                    TryCacheResolution(resolutions, fingerprint, result);
                }
            }
        }
        finally
        {
            // The prefetcher holds the store lock shared until disposed; garbage collection below needs it exclusively.
            prefetcher?.Dispose();
        }

        // The new environment's lease is still held here, until the collection has ended, so collection cannot take it.
        using (installed)
        {
            Task<string>? collection = null;
            if (installed?.Environment is { Created: true } created)
            {
                CommandIndex.Load(layout).Learn(created.ModulePathEntries, _context.Log.Verbose);
                // Beside the lock section and the next call's resolution: they touch neither the store nor the
                // environments, housekeeping keeps the lockfile-* locks, and a record written meanwhile is the newest.
                collection = Task.Run(() => CollectGarbage(layout, options, created.Id), CancellationToken.None);
            }

            try
            {
                var writesLockFile = lockPath is not null && !request.SkipLockFile && !lockedMode
                    && (request.UpdateLock || options.Policy is null || lockFile is null);
                if (writesLockFile && result.EnvironmentId is not null && !options.DryRun)
                {
                    var revealed = (request.UpdateLock ? [] : lockFile?.Revealed ?? []).Concat(
                        request.EarlierAttempt is { } earlier ? result.ResolvedPackages.Select(p => p.Id).Where(id => !earlier.Contains(id, StringComparer.OrdinalIgnoreCase)) : []);
                    var written = WriteLockSection(result, Chosen(), repositories, lockFile, ownSection, lockPath!, sectionKey!, layout, options, revealed, warnings);
                    if (written && options.Policy is null && installed?.Environment is { } environment)
                    {
                        await CacheNextLockedResolutionAsync(requestedRoots, request, requestedBy, setup, lockPath!, environment, installed.Entries, resolutions, cancellationToken).ConfigureAwait(false);
                    }
                }
                else if (writesLockFile && options.DryRun && result.Success)
                {
                    // Only shown: a dry run's ShouldProcess (-WhatIf) says what it would write.
                    _context.ShouldProcess?.Invoke(lockPath!, "Write lock file");
                }
            }
            finally
            {
                if (collection is not null)
                {
                    _context.Log.Verbose(await collection.ConfigureAwait(false));
                }
            }
        }

        result.Warnings = result.Warnings.Concat(warnings).ToList();
        progress.Done();
        // The whole call: a cached or Locked resolution takes no resolver time, but mapping, installing and checks do.
        result.ExecutionTime = clock.Elapsed;
        return result;
    }

    /// <summary>
    /// Whether downloads may start while resolving: only when the install that follows would write without asking
    /// anyone — not for a dry run, offline, resolve-only, or when installs need an approval not yet given.
    /// </summary>
    private bool CanPrefetch(ResolveRequest request, DepResolveOptions options)
    {
        return !request.NoInstall && !options.DryRun && !options.Offline && !AsksBeforeInstalling(options);
    }

    /// <summary>Whether an install may stop to ask someone (requireApproval, or a host that confirms each package).</summary>
    private bool AsksBeforeInstalling(DepResolveOptions options) =>
        options.RequireApproval
        || (!_context.InstallsPreApproved && (_context.ApproveInstall is not null || _context.ShouldProcess is not null));

    /// <summary>
    /// The installer's options from <paramref name="options"/>. With requireApproval, the per-package approval the
    /// pipeline asks before installing stands for the installer's; without anyone to ask, it is ApprovalDeclined.
    /// </summary>
    private PackageInstallerOptions InstallerOptions(DepResolveOptions options) =>
        PackageInstallerOptions.FromOptions(options) with
        {
            Log = _context.Log.Verbose,
            Warn = _context.Log.Warning,
            FullVerification = _context.Verify,
            Approve = options.RequireApproval && _context.ApproveInstall is null ? null : _ => true,
        };

    /// <summary>
    /// Best effort: removes environments beyond environmentTtl / maxEnvironments and what only they used. Never the
    /// environment just created (its lease is held by the caller) nor one in use; a failure is only logged.
    /// </summary>
    /// <returns>The verbose line saying what was removed, or why nothing was.</returns>
    private static string CollectGarbage(CacheLayout layout, DepResolveOptions options, string createdId)
    {
        try
        {
            var report = GarbageCollector.FromOptions(layout, options).Collect();
            return report.RemovedEnvironments.Count == 0 && report.RemovedStoreEntries.Count == 0 && !report.Skipped
                ? $"Garbage collection after creating environment {createdId}: nothing to remove."
                : $"Garbage collection after creating environment {createdId}: {report}"
                  + (report.RemovedEnvironments.Count == 0 ? "." : $" (removed: {string.Join(", ", report.RemovedEnvironments)}).");
        }
        catch (Exception e) when (e is DepResolveException or IOException or UnauthorizedAccessException)
        {
            return $"Garbage collection after creating environment {createdId} failed and was skipped: {e.Message}";
        }
    }

    /// <summary>The warm fast path: the cached resolution's environment, when it still exists and is intact.</summary>
    private async Task<bool> TryReuseEnvironmentAsync(ResolutionResult result, IReadOnlyList<ResolvedNode> chosen, CacheLayout layout, IReadOnlyList<IPackageFeed> feeds, DepResolveOptions options, CancellationToken cancellationToken)
    {
        if (options.DryRun)
        {
            return false;
        }

        var installer = new PackageInstaller(layout, feeds, InstallerOptions(options));
        using var outcome = await installer.TryReuseEnvironmentAsync(chosen, null, cancellationToken).ConfigureAwait(false);
        if (outcome?.Environment is not { } environment)
        {
            return false;
        }

        ApplyEnvironment(result, environment);
        result.CacheHit = true;
        _context.Log.Verbose($"Environment {environment.Id} reused from the cache.");
        return true;
    }

    /// <summary>A cached resolution's packages, engine-side.</summary>
    private static List<ResolvedNode> ReadBack(IReadOnlyList<ResolvedPackage> packages)
    {
        var ranges = new ParsedRanges();
        var nodes = new List<ResolvedNode>(packages.Count);
        foreach (var package in packages)
        {
            nodes.Add(ResolvedNode.FromResolvedPackage(package, ranges));
        }

        return nodes;
    }

    private static string Fingerprint(IReadOnlyList<PackageRequirement> roots, IReadOnlyList<IPackageFeed> feeds, DepResolveOptions options, LibrarySources? librarySources, LockFile? section, bool lockedMode) =>
        new ResolutionFingerprint()
            .Add("requirements", string.Join("\n", roots
                .Select(r => $"{r.Id.ToLowerInvariant()} {r.Range.ToNormalizedString()} prerelease={r.AllowPrerelease} feeds={string.Join(",", r.Feeds)}{(r.AsLibrary ? " library" : "")}")
                .OrderBy(r => r, StringComparer.Ordinal)))
            .AddPolicy(options.Policy?.ToString() ?? "default")
            .Add("allow-prerelease", options.AllowPrerelease.ToString())
            .AddFeeds(feeds.Select(f => $"{f.Name}={f.Source}"))
            .Add("source-mapping", options.SourceMapping.ToString())
            .Add("library-sources", librarySources?.ToString() ?? "")
            .Add("lock", section is null ? "none" : section.ContentDigest)
            .Add("locked-mode", lockedMode.ToString())
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
            _context.Log.Verbose($"The resolution was not cached: {e.Message}");
        }
    }

    /// <summary>
    /// Installs <paramref name="chosen"/>, the resolved set of <paramref name="result"/>; returns the outcome with the
    /// environment's lease held, or null when nothing was installed.
    /// </summary>
    private async Task<InstallOutcome?> InstallAsync(ResolutionResult result, IReadOnlyList<ResolvedNode> chosen, CacheLayout layout, IReadOnlyList<IPackageFeed> feeds, DepResolveOptions options, List<string> warnings, PackagePrefetcher? prefetcher, ResolveProgress progress, CancellationToken cancellationToken)
    {
        var installer = new PackageInstaller(layout, feeds, InstallerOptions(options) with { Progress = progress.Install });
        // Sizes are asked of the feeds only for a plan someone reads: a dry run or an install that asks first.
        var plan = await installer.PlanAsync(chosen, null, cancellationToken, withSizes: options.DryRun || AsksBeforeInstalling(options), prefetcher).ConfigureAwait(false);
        var plannedSizes = plan.Items.ToDictionary(i => i.Id, i => i.Size, StringComparer.OrdinalIgnoreCase);
        foreach (var resolved in result.ResolvedPackages.Where(p => p.Size is null))
        {
            resolved.Size = plannedSizes.GetValueOrDefault(resolved.Id);
        }

        chosen = chosen.Select(p => p.Size is null ? p with { Size = plannedSizes.GetValueOrDefault(p.Id) } : p).ToList();

        // Every write is asked about first: -WhatIf prints this plan and declines, -Confirm asks per package.
        var approve = options.DryRun
            ? (approval => { _context.ApproveInstall?.Invoke(approval); return false; })
            : _context.ApproveInstall ?? (_ => true);
        var toDownload = plan.Items.Where(i => !i.AlreadyInStore).ToList();
        var declined = toDownload
            .Where(i => !approve(new InstallApproval(i.Id, i.Version, i.Source, i.Size, i.TargetFolder) { ApprovalRequired = options.RequireApproval && !options.DryRun }))
            .Select(i => $"{i.Id} {i.Version}")
            .ToList();
        if (options.DryRun)
        {
            warnings.Add(toDownload.Count == 0
                ? $"Dry run: every package is in the store; environment {plan.EnvironmentId} was not {(plan.EnvironmentExists ? "used" : "created")}. Nothing was written."
                : $"Dry run: would install {string.Join("; ", toDownload)}. Nothing was written.");
            return null;
        }

        var environmentApproved = plan.EnvironmentExists
            || (_context.ShouldProcess ?? ((_, _) => true))(plan.EnvironmentFolder, $"Create environment {plan.EnvironmentLabel}");
        if (declined.Count > 0 || !environmentApproved)
        {
            // The plan stays in the result, but a set that was not installed is not a success.
            result.Success = false;
            result.ErrorCode = ErrorCode.ApprovalDeclined;
            result.FailedPackages = declined.Count > 0 ? declined : [plan.EnvironmentLabel];
            result.ErrorDetails = declined.Count > 0
                ? $"Installing {string.Join(", ", declined)} was declined. Nothing was written."
                : $"Creating environment {plan.EnvironmentLabel} was declined. Nothing was written.";
            return null;
        }

        var outcome = await installer.InstallAsync(chosen, null, prefetcher, cancellationToken, plan).ConfigureAwait(false);
        try
        {
            if (prefetcher is not null)
            {
                var kept = chosen.Select(p => $"{p.Id.ToLowerInvariant()} {EnvironmentId.NormalizeVersion(p.Version)}").ToHashSet(StringComparer.Ordinal);
                var started = prefetcher.Started;
                var dropped = started.Where(s => !kept.Contains(s)).ToList();
                _context.Log.Verbose($"{started.Count} packages were fetched while resolving" + (dropped.Count == 0 ? "." : $"; not chosen in the end (left for garbage collection): {string.Join(", ", dropped)}."));
            }

            var environment = outcome.Environment!;
            ApplyEnvironment(result, environment);
            result.CacheHit = !environment.Created && outcome.Downloaded.Count == 0;

            _context.Log.Verbose(result.CacheHit
                ? $"Environment {environment.Id} reused from the cache."
                : $"Environment {environment.Id} ready at {environment.Path} (downloaded: {(outcome.Downloaded.Count == 0 ? "nothing" : string.Join(", ", outcome.Downloaded))}).");
            return outcome;
        }
        catch
        {
            outcome.Dispose();
            throw;
        }
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

    /// <summary>
    /// The lock file's section for the request's script (its own, else a format-1 file's shared one), and its own
    /// section alone. In locked mode a script without a section gets an empty one, so everything it needs counts as drift.
    /// </summary>
    private (string? Key, LockFile? Section, LockFile? Own) ReadSection(string? lockPath, ResolveRequest request, bool lockedMode, bool describe = true)
    {
        if (lockPath is null)
        {
            return (null, null, null);
        }

        var key = LockSectionKey.For(lockPath, request.ScriptPath);
        var document = File.Exists(lockPath) ? LockFileSerializer.Read(lockPath) : null;
        var section = document?.SectionFor(key);
        if (section is not null && describe)
        {
            _context.Log.Verbose($"Lock file {section.Describe()}: {section.Packages.Count} packages{(request.UpdateLock ? " (being updated)" : "")}.");
        }
        else if (lockedMode)
        {
            section = new LockFile(ResolutionPolicy.Highest, [], [], lockPath, key);
        }

        return (key, section, document?.Scripts.GetValueOrDefault(key));
    }

    /// <summary>The roots plus each package an earlier run of the script revealed, so it is installed before the run needs it.</summary>
    private static IReadOnlyList<PackageRequirement> WithRevealed(IReadOnlyList<PackageRequirement> roots, LockFile? section, string requestedBy)
    {
        var added = (section?.Revealed ?? [])
            .Where(id => !roots.Any(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase)))
            .Select(id => new PackageRequirement(id, NuGet.Versioning.VersionRange.All) { RequestedBy = $"{requestedBy} (revealed by an earlier run)" })
            .ToList();
        return added.Count == 0 ? roots : roots.Concat(added).ToList();
    }

    /// <summary>A policy given with a lock present chose other versions than the lock pins: say which, and where they are pinned.</summary>
    private void WarnOfChangedPins(LockFile section, IReadOnlyList<ResolvedNode> chosen, ResolutionPolicy policy, List<string> warnings)
    {
        var drift = LockDrift.Between(section, chosen.Select(p => (p.Id, p.Version)));
        if (drift.Changed.Count == 0)
        {
            return;
        }

        var warning = $"The policy {policy} chose other versions than the lock file {section.Describe()} pins: {string.Join(", ", drift.Changed)}. " +
            "The lock file is left as it is; resolve with UpdateLock to record these versions, or without a policy to keep the locked ones.";
        _context.Log.Warning(warning);
        warnings.Add(warning);
    }

    /// <summary>
    /// Rewrites the script's section when it changed (or with UpdateLock), keeping every other script's section. A lock
    /// file that cannot be written (a read-only folder) is a warning naming it: the run goes ahead with what was resolved.
    /// </summary>
    private bool WriteLockSection(ResolutionResult result, IReadOnlyList<ResolvedNode> chosen, IReadOnlyList<RepositorySettings> repositories, LockFile? previous, LockFile? own, string lockPath, string key, CacheLayout layout, DepResolveOptions options, IEnumerable<string> revealed, List<string> warnings)
    {
        var hashes = result.ResolvedPackages.Where(p => p.Sha512 is not null).ToDictionary(p => p.Id, p => p.Sha512!, StringComparer.OrdinalIgnoreCase);
        var resolvedWith = ResolutionPolicyText.TryParse(result.Policy, out var parsed) ? parsed : ResolutionPolicy.Highest;
        var section = LockFileFactory.Create(chosen, resolvedWith, hashes, repositories, options.Policy, previous, revealed);
        if (own is not null && (section.HasSameTextAs(own) || section.Text == own.Text))
        {
            return false;
        }

        var shouldProcess = _context.ShouldProcess ?? ((_, _) => true);
        if (!shouldProcess(lockPath, $"Write the lock file section for {key}"))
        {
            return false;
        }

        try
        {
            LockSectionWriter.Write(lockPath, key, section, layout.LockFile("lockfile-" + new ResolutionFingerprint().Add("lock-file", lockPath).Compute()[..32]));
            result.LockFilePath = lockPath;
            _context.Log.Verbose($"Lock file written: {lockPath} (section '{key}').");
            return true;
        }
        catch (DepResolveException e) when (e.Code is ErrorCode.PermissionDenied or ErrorCode.InvalidInput or ErrorCode.Timeout)
        {
            // The serializer's own message names the lock file again; the operating system's reason is what is new here.
            var reason = e.Code == ErrorCode.Timeout ? e.Message : e.InnerException?.Message ?? e.Message;
            var warning = $"The lock file {lockPath} was not written: {reason} The run goes ahead with the versions resolved now.";
            _context.Log.Warning(warning);
            warnings.Add(warning);
            return false;
        }
    }

    /// <summary>
    /// Once this call has written the script's lock section, the next call with the same request reads it: its cache
    /// key includes the section and, with no policy given, it takes the Locked selection and finds this environment.
    /// That resolution is made here (the same resolver, with no feed to ask) and cached under the key the next call
    /// computes, as the next call would cache it after its install, so the next call takes the warm fast path with
    /// the same result. Nothing is cached when the locked selection would not name this very environment.
    /// </summary>
    private async Task CacheNextLockedResolutionAsync(IReadOnlyList<PackageRequirement> requestedRoots, ResolveRequest request, string requestedBy, FolderSetup setup, string lockPath, EnvironmentInfo environment, IReadOnlyList<StoreEntry> entries, ResolutionCache resolutions, CancellationToken cancellationToken)
    {
        var options = setup.Options;
        var next = request with { UpdateLock = false };
        var (_, section, _) = ReadSection(lockPath, next, lockedMode: false, describe: false);
        if (section is null)
        {
            return;
        }

        var roots = WithRevealed(requestedRoots, section, requestedBy);
        var outcome = await new DependencyResolver([], new ResolverOptions { SourceMapping = options.SourceMapping, LibrarySources = setup.LibrarySources })
            .ResolveAsync(new ResolutionRequest { Requirements = roots, Policy = options.Policy, LockFile = section, AllowPrerelease = options.AllowPrerelease }, cancellationToken)
            .ConfigureAwait(false);
        if (!outcome.Success || outcome.Policy != ResolutionPolicy.Locked || outcome.Packages.Count == 0
            || EnvironmentId.Compute(outcome.Packages, null) != environment.Id)
        {
            return;
        }

        // As the next call's install would fill them in: the lock knows no sizes, the store entries do.
        var sizes = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            sizes.TryAdd(entry.Manifest.Id, entry.Manifest.PackageSize);
        }

        var result = outcome.ToResult();
        foreach (var package in result.ResolvedPackages.Where(p => p.Size is null))
        {
            package.Size = sizes.TryGetValue(package.Id, out var size) ? size : null;
        }

        result.LockFilePath = lockPath;
        ApplyEnvironment(result, environment);
        result.CacheHit = true;
        TryCacheResolution(resolutions, Fingerprint(roots, setup.Feeds, options, setup.LibrarySources, section, lockedMode: false), result);
        _context.Log.Verbose($"The resolution the next call makes from the lock file was cached ({result.ResolvedPackages.Count} packages, environment {environment.Id}).");
    }

    /// <summary>Whether the script's lock file section records packages an earlier run revealed (they are installed even when analysis finds nothing).</summary>
    internal static bool HasRevealed(ResolveRequest request, string workingDirectory)
    {
        var lockPath = LockFilePath(request, workingDirectory);
        return lockPath is not null && File.Exists(lockPath)
            && LockFileSerializer.Read(lockPath).SectionFor(LockSectionKey.For(lockPath, request.ScriptPath)) is { Revealed.Count: > 0 };
    }

    /// <summary>-LockFile, else depresolve.lock.json next to the script; null without either.</summary>
    internal static string? LockFilePath(ResolveRequest request, string workingDirectory)
    {
        if (request.LockFile is not null)
        {
            return Path.GetFullPath(request.LockFile, workingDirectory);
        }

        var folder = request.ScriptPath is null ? null : Path.GetDirectoryName(Path.GetFullPath(request.ScriptPath, workingDirectory));
        return folder is null ? null : Path.Combine(folder, LockFileName);
    }
}
