using DepResolve.Engine.Feeds;
using DepResolve.Engine.Model;
using DepResolve.Engine.Packaging;
using DepResolve.Engine.Resolution;
using DepResolve.Engine.Storage;

namespace DepResolve.Engine.Installation;

/// <summary>
/// Puts one package version into the store, at most once across processes: under locks/pkg-&lt;id&gt;-&lt;version&gt;.lock
/// it reuses a verified entry, or downloads into a staging folder under tmp/ (one per installer, shared by the
/// packages it stores, so no folder or lock file is created and deleted per package), checks the hash, extracts
/// (recording each file's size and SHA-256 from the bytes as they are written, each file created read-only)
/// and renames the entry into place. A corrupt entry is
/// quarantined and replaced.
/// </summary>
internal sealed class StoreInstaller : IDisposable
{
    /// <summary>
    /// A package of at most this many bytes is kept in memory from download to extraction instead of being written to
    /// tmp/, read back and deleted. Just under 2 MB, so that the pooled array holding it (a power of two, one byte more
    /// than the package) is at most 2 MB: <c>maxConcurrentDownloads</c> (32) at once hold at most 64 MB.
    /// </summary>
    internal const long InMemoryDownloadLimit = (2L << 20) - 1;

    private readonly PackageStore _store;
    private readonly AuditLog _audit;
    private readonly PackageInstallerOptions _options;
    private readonly object _stagingGate = new();
    private StagingFolder? _staging;
    private bool _disposed;
    private int _nextStage;

    public StoreInstaller(PackageStore store, AuditLog audit, PackageInstallerOptions options)
    {
        _store = store;
        _audit = audit;
        _options = options;
    }

    public sealed record Result(StoreEntry Entry, bool Downloaded);

    private async Task<FileLock> AcquirePackageLockAsync(ResolvedNode package, string label, TimeSpan lockTimeout, CancellationToken cancellationToken)
    {
        try
        {
            return await FileLock.AcquireExclusiveAsync(_store.PackageLockOf(package.Id, package.Version), lockTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (DepResolveException error) when (error.Code == ErrorCode.Timeout)
        {
            throw new DepResolveException(ErrorCode.Timeout, $"Timed out installing {label}: {error.Message}", label, error);
        }
    }

    public async Task<Result> EnsureAsync(ResolvedNode package, IPackageFeed? feed, TimeSpan lockTimeout, CancellationToken cancellationToken)
    {
        var label = package.ToString();
        using var packageLock = await AcquirePackageLockAsync(package, label, lockTimeout, cancellationToken).ConfigureAwait(false);

        var existing = _store.Find(package.Id, package.Version, package.Sha512);
        if (existing is not null)
        {
            var problems = _store.Verify(existing, _options.FullVerification);
            if (problems.Count == 0)
            {
                _audit.Write(AuditLog.ForEntry(AuditActions.Reuse, existing, package.FeedName));
                return new Result(existing, Downloaded: false);
            }

            var quarantined = _store.Quarantine(existing.Folder);
            (_options.Warn ?? _options.Log)?.Invoke(
                $"{label}: the package store entry failed verification ({string.Join("; ", problems)}). It was moved to '{quarantined}' and "
                + (_options.Offline || feed is null ? "cannot be installed again without a feed." : $"is installed again from '{feed.Name}'."));
            _audit.Write(AuditLog.ForEntry(AuditActions.Quarantine, existing, package.FeedName, detail: string.Join("; ", problems)));
        }

        if (_options.Offline || feed is null)
        {
            throw new DepResolveException(
                ErrorCode.PackageNotFound,
                _options.Offline
                    ? $"Offline mode: {label} is not in the package store."
                    : $"{label} is not in the package store and no feed named '{package.FeedName}' is configured: it is taken only from the feed it came from (resolve with UpdateLock to take it from another one).",
                label);
        }

        RemoveLeftovers(package);
        var stage = Path.Combine(SharedStaging().Path, Interlocked.Increment(ref _nextStage).ToString(System.Globalization.CultureInfo.InvariantCulture));
        _options.Checkpoint?.Invoke(InstallCheckpoints.StagingCreated);

        var nupkg = stage + $".{CacheLayout.SafeName(package.Id)}.{CacheLayout.SafeName(package.Version.ToNormalizedString())}.nupkg";
        var entryStage = stage;
        try
        {
            return await DownloadAndStoreAsync(package, label, feed, nupkg, entryStage, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // A failed install leaves neither its download nor a partial entry. Nothing else is deleted per package:
            // each deletion makes the next file creation slower on some file systems.
            AtomicFile.TryDelete(nupkg);
            AtomicFile.TryDeleteFolder(entryStage);
            throw;
        }
    }

    /// <summary>Removes the staging folder this installer shared between its packages.</summary>
    public void Dispose()
    {
        lock (_stagingGate)
        {
            _disposed = true;
            _staging?.Dispose();
            _staging = null;
        }
    }

    /// <summary>One staging folder (and owner lock) for every package this installer stores, created on first use.</summary>
    private StagingFolder SharedStaging()
    {
        lock (_stagingGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _staging ??= StagingFolder.Create(_store.Layout, "pkg");
        }
    }

    private async Task<Result> DownloadAndStoreAsync(ResolvedNode package, string label, IPackageFeed feed, string nupkg, string entryStage, CancellationToken cancellationToken)
    {
        var downloaded = await feed.DownloadToMemoryOrFileAsync(package.Id, package.Version, nupkg, InMemoryDownloadLimit, cancellationToken).ConfigureAwait(false);
        using var inMemory = downloaded.Content;
        _options.Checkpoint?.Invoke(InstallCheckpoints.Downloaded);
        if (!string.IsNullOrEmpty(package.Sha512) && !PackageHash.AreEqual(package.Sha512, downloaded.Sha512))
        {
            throw new DepResolveException(
                ErrorCode.HashMismatch,
                $"{label} from '{feed.Name}' has SHA-512 {downloaded.Sha512}, but {package.Sha512} was expected (from the lock file or the feed). Nothing was installed.",
                label);
        }

        var manifest = Extract(package, feed, downloaded, nupkg, entryStage, cancellationToken);
        if (downloaded.FilePath is not null)
        {
            AtomicFile.TryDelete(downloaded.FilePath);
        }

        _options.Checkpoint?.Invoke(InstallCheckpoints.Extracted);

        AtomicFile.WriteJson(Path.Combine(entryStage, PackageStore.ManifestFileName), manifest, InstallationJson.Files.StoreEntryManifest);
        _options.Checkpoint?.Invoke(InstallCheckpoints.ManifestWritten);

        var target = _store.EntryFolderOf(package.Id, package.Version, downloaded.Sha512);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (Directory.Exists(target))
            {
                _store.Remove(target, removeEmptyParents: false);
            }

            // The entry is complete the moment it appears: entry.json was written before this one atomic rename.
            Directory.Move(entryStage, target);
            _options.Checkpoint?.Invoke(InstallCheckpoints.EntryRenamed);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw AtomicFile.StorageFailure(target, e);
        }

        var entry = new StoreEntry(target, _store.RelativeToRoot(target), manifest);
        _audit.Write(AuditLog.ForEntry(AuditActions.Install, entry, package.FeedName));
        return new Result(entry, Downloaded: true);
    }

    private StoreEntryManifest Extract(ResolvedNode package, IPackageFeed feed, DownloadedPackage downloaded, string nupkg, string entryStage, CancellationToken cancellationToken)
    {
        var label = package.ToString();
        try
        {
            Directory.CreateDirectory(entryStage);
            var extracted = Path.Combine(entryStage, "extracted");
            ExtractionResult extraction;
            using (var archive = downloaded.Content is { } inMemory
                ? PackageArchive.Open(inMemory.OpenRead(), nupkg, package.Id, package.Version, _options.Limits)
                : PackageArchive.Open(nupkg, package.Id, package.Version, _options.Limits))
            {
                // Files are hashed as they are written and created read-only: no second read, no chmod pass.
                extraction = archive.ExtractTo(extracted, skipNuGetMetadata: true, cancellationToken, readOnlyFiles: true);
            }

            var manifest = new StoreEntryManifest
            {
                Id = package.Id,
                Version = package.Version.ToNormalizedString(),
                Sha512 = downloaded.Sha512,
                Source = feed.Name,
                PackageSize = downloaded.Length,
                InstalledUtc = DateTime.UtcNow,
            };

            var content = Path.Combine(entryStage, PackageStore.ContentFolderName);
            var contentPrefix = "";
            // A package without a single .psd1 file holds no module: no need to search its folders for a manifest.
            var moduleManifest = extraction.Files.Any(f => f.RelativePath.EndsWith(".psd1", StringComparison.OrdinalIgnoreCase))
                ? ModuleLayout.FindManifest(extracted, package.Id)
                : null;
            var hasLib = Directory.Exists(Path.Combine(extracted, "lib"));
            if (package.IsPowerShellModule || (moduleManifest is not null && !hasLib))
            {
                if (moduleManifest is null)
                {
                    throw new DepResolveException(
                        ErrorCode.InvalidPackage,
                        $"{label} from '{feed.Name}' is not a PowerShell module: it has no module manifest (.psd1) at its root, in tools/ or in a folder of its own.",
                        label);
                }

                var moduleName = Path.GetFileNameWithoutExtension(moduleManifest);
                var moduleVersion = ModuleLayout.ReadModuleVersion(moduleManifest, label);
                var moduleFolder = Path.Combine(content, moduleName, moduleVersion);
                // The folder holding the manifest is the module (the package root, tools/, or another single folder).
                var moduleSource = Path.GetDirectoryName(moduleManifest)!;
                var inPackage = Path.GetRelativePath(extracted, moduleSource).Replace('\\', '/');
                var packagePrefix = inPackage == "." ? "" : inPackage + "/";
                Directory.CreateDirectory(Path.GetDirectoryName(moduleFolder)!);
                Directory.Move(moduleSource, moduleFolder);
                if (packagePrefix.Length > 0)
                {
                    _options.Log?.Invoke($"{label}: the module {moduleName} is in {packagePrefix} of the package; only that folder is installed.");
                }

                extraction = extraction with { Files = extraction.Files.Where(f => f.RelativePath.StartsWith(packagePrefix, StringComparison.Ordinal)).Select(f => f with { RelativePath = f.RelativePath[packagePrefix.Length..] }).ToList() };
                manifest.Kind = StoreEntryKinds.Module;
                manifest.ModuleName = moduleName;
                manifest.ModuleVersion = moduleVersion;
                manifest.ModulePathEntries.Add(PackageStore.ContentFolderName);
                contentPrefix = moduleName + "/" + moduleVersion + "/";
            }
            else
            {
                Directory.Move(extracted, content);
                var (framework, assemblies) = LibraryLayout.SelectAssemblies(content);
                manifest.Kind = StoreEntryKinds.Library;
                manifest.Framework = framework;
                manifest.Assemblies.AddRange(assemblies.Select(a => PackageStore.ContentFolderName + "/" + a));
            }

            foreach (var file in extraction.Files)
            {
                var relative = contentPrefix + file.RelativePath;
                manifest.Files[relative] = new StoreFileRecord
                {
                    Size = file.Size,
                    Sha256 = file.Sha256,
                    ModifiedTicks = File.GetLastWriteTimeUtc(Path.Combine(content, relative.Replace('/', Path.DirectorySeparatorChar))).Ticks,
                };
            }

            return manifest;
        }
        catch (DepResolveException e) when (e.Code == ErrorCode.InvalidPackage && !e.Message.Contains(label, StringComparison.OrdinalIgnoreCase))
        {
            throw new DepResolveException(ErrorCode.InvalidPackage, $"{label} from '{feed.Name}' was refused: {e.Message}", label, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw AtomicFile.StorageFailure(entryStage, e);
        }
    }

    /// <summary>Entries of this version left incomplete by a crashed process (we hold the package lock, so no one is writing them).</summary>
    private void RemoveLeftovers(ResolvedNode package)
    {
        var versionFolder = _store.VersionFolderOf(package.Id, package.Version);
        if (!Directory.Exists(versionFolder))
        {
            return;
        }

        foreach (var folder in Directory.EnumerateDirectories(versionFolder))
        {
            if (_store.TryLoad(folder) is null)
            {
                _store.Remove(folder, removeEmptyParents: false);
            }
        }
    }
}
