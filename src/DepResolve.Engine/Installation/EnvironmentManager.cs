using DepResolve.Engine.Model;
using DepResolve.Engine.Resolution;
using DepResolve.Engine.Storage;

namespace DepResolve.Engine.Installation;

/// <summary>
/// Environments under envs/: created atomically (staged in tmp/, renamed into place), never copying package
/// contents — an environment is a list of module-path entries and assemblies pointing into the store.
/// </summary>
internal sealed class EnvironmentManager
{
    internal const string RecordFileName = "environment.json";
    private readonly CacheLayout _layout;

    public EnvironmentManager(CacheLayout layout) => _layout = layout;

    public string FolderOf(string environmentId) => Path.Combine(_layout.EnvironmentsFolder, CacheLayout.SafeName(environmentId));

    /// <summary>The environment, or null when it does not exist (or its record is unreadable).</summary>
    public EnvironmentInfo? TryLoad(string environmentId)
    {
        var record = LoadRecord(environmentId);
        return record is null ? null : ToInfo(record);
    }

    public IReadOnlyList<EnvironmentInfo> ListAll()
    {
        if (!Directory.Exists(_layout.EnvironmentsFolder))
        {
            return Array.Empty<EnvironmentInfo>();
        }

        return Directory.EnumerateDirectories(_layout.EnvironmentsFolder)
            .Select(folder => TryLoad(Path.GetFileName(folder)))
            .OfType<EnvironmentInfo>()
            .OrderBy(e => e.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Waits for a shared lease on the environment (garbage collection holds it exclusively while removing).</summary>
    public Task<EnvironmentLease> AcquireLeaseAsync(string environmentId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var held = FileLock.AcquireSharedAsync(_layout.LeaseFile(environmentId), timeout, cancellationToken);
        // A lease taken at once needs no async method (see FileLock's own fast path).
        return held.IsCompletedSuccessfully ? Task.FromResult(new EnvironmentLease(environmentId, held.Result)) : LeaseWhenHeldAsync(environmentId, held);
    }

    private static async Task<EnvironmentLease> LeaseWhenHeldAsync(string environmentId, Task<FileLock> held) =>
        new(environmentId, await held.ConfigureAwait(false));

    /// <summary>
    /// Ends a lease taken for an environment that then was not created (a failed install): the lease file goes too,
    /// unless another process holds it, so no lease is left behind for an id that never existed.
    /// </summary>
    internal void ReleaseUnused(EnvironmentLease lease)
    {
        lease.Dispose();
        if (!Directory.Exists(FolderOf(lease.EnvironmentId)))
        {
            FileLock.RemoveUnheld([_layout.LeaseFile(lease.EnvironmentId)], TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>True while any process holds a lease on the environment.</summary>
    public bool IsInUse(string environmentId)
    {
        using var probe = FileLock.TryAcquireExclusive(_layout.LeaseFile(environmentId));
        return probe is null;
    }

    /// <summary>
    /// The record, or null when it is missing, unreadable or points outside the package store (see
    /// <see cref="EnvironmentRecordCheck"/>): such an environment is never used and <see cref="Create"/> replaces it.
    /// </summary>
    internal EnvironmentRecord? LoadRecord(string environmentId)
    {
        var record = ReadRecord(environmentId);
        return record is null || EnvironmentRecordCheck.FindEscape(record, _layout) is not null ? null : record;
    }

    private EnvironmentRecord? ReadRecord(string environmentId) =>
        EnvironmentRecordFile.TryRead(Path.Combine(FolderOf(environmentId), RecordFileName));

    /// <summary>
    /// Creates the environment unless it exists (same id, same set). The record is written in a staging folder
    /// that is renamed into envs/, so a crash leaves no environment or a complete one.
    /// </summary>
    internal EnvironmentInfo Create(
        string environmentId,
        EnvironmentInfo? baseEnvironment,
        IReadOnlyList<(ResolvedNode Package, StoreEntry Entry)> packages,
        DateTime nowUtc,
        Action<string>? checkpoint,
        Action<string>? warn = null)
    {
        using var guard = FileLock.AcquireExclusive(_layout.LockFile("env-" + environmentId), TimeSpan.FromSeconds(60));
        var existing = LoadRecord(environmentId);
        if (existing is not null)
        {
            return ToInfo(existing);
        }

        var record = new EnvironmentRecord { Id = environmentId, BaseEnvironmentId = baseEnvironment?.Id, CreatedUtc = nowUtc };
        foreach (var (package, entry) in packages.OrderBy(p => p.Package.Id, StringComparer.OrdinalIgnoreCase))
        {
            record.Packages.Add(new EnvironmentPackageRecord
            {
                Id = entry.Manifest.Id,
                Version = entry.Manifest.Version,
                Source = string.IsNullOrEmpty(package.FeedName) ? entry.Manifest.Source : package.FeedName,
                Sha512 = entry.Manifest.Sha512,
                IsPowerShellModule = entry.Manifest.Kind == StoreEntryKinds.Module,
                StoreEntry = entry.RelativeFolder,
            });
            record.ModulePathEntries.AddRange(entry.ModulePathEntries);
            record.Assemblies.AddRange(entry.Assemblies);
            record.StoreEntries.Add(entry.RelativeFolder);
        }

        if (baseEnvironment is not null)
        {
            var baseRecord = LoadRecord(baseEnvironment.Id)
                ?? throw new DepResolveException(ErrorCode.EnvironmentCreationFailed, $"The base environment '{baseEnvironment.Id}' no longer exists.", baseEnvironment.Id);
            foreach (var inherited in baseRecord.Packages)
            {
                if (!record.Packages.Any(p => string.Equals(p.Id, inherited.Id, StringComparison.OrdinalIgnoreCase)))
                {
                    inherited.FromBase = true;
                    record.Packages.Add(inherited);
                }
            }

            record.ModulePathEntries.AddRange(baseRecord.ModulePathEntries);
            record.Assemblies.AddRange(baseRecord.Assemblies);
            record.StoreEntries.AddRange(baseRecord.StoreEntries);
        }

        record.ModulePathEntries = record.ModulePathEntries.Distinct(StringComparer.Ordinal).ToList();
        record.Assemblies = record.Assemblies.Distinct(StringComparer.Ordinal).ToList();
        record.StoreEntries = record.StoreEntries.Distinct(StringComparer.Ordinal).ToList();

        using var staging = StagingFolder.Create(_layout, "env");
        try
        {
            EnvironmentRecordFile.Write(Path.Combine(staging.Path, RecordFileName), record);
            checkpoint?.Invoke(InstallCheckpoints.EnvironmentStaged);
            Directory.CreateDirectory(_layout.EnvironmentsFolder);
            if (Directory.Exists(FolderOf(environmentId)))
            {
                // A folder without a readable record (or with one pointing outside the store) is not an environment: replace it.
                if (ReadRecord(environmentId) is { } refused && EnvironmentRecordCheck.FindEscape(refused, _layout) is { } escape)
                {
                    warn?.Invoke($"The environment record '{Path.Combine(FolderOf(environmentId), RecordFileName)}' was refused ({escape}); the environment was built again from the package store.");
                }

                Delete(environmentId);
            }

            Directory.Move(staging.Path, FolderOf(environmentId));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DepResolveException(ErrorCode.EnvironmentCreationFailed, $"Creating the environment '{FolderOf(environmentId)}' failed: {e.Message}", FolderOf(environmentId), e);
        }

        var info = ToInfo(record);
        info.Created = true;
        return info;
    }

    /// <summary>Removes the environment folder: renamed into tmp/ first, so it disappears at once.</summary>
    internal bool Delete(string environmentId)
    {
        var folder = FolderOf(environmentId);
        if (!Directory.Exists(folder))
        {
            return false;
        }

        var graveyard = _layout.NewStagingFolder("removed-env");
        Directory.CreateDirectory(_layout.TempFolder);
        Directory.Move(folder, graveyard);
        AtomicFile.TryDeleteFolder(graveyard);
        return true;
    }

    internal EnvironmentInfo ToInfo(EnvironmentRecord record)
    {
        string Full(string relative) => Path.GetFullPath(Path.Combine(_layout.Root, relative.Replace('/', Path.DirectorySeparatorChar)));

        return new EnvironmentInfo
        {
            Id = record.Id,
            Path = FolderOf(record.Id),
            BaseEnvironmentId = record.BaseEnvironmentId,
            Packages = record.Packages.Select(p => new ResolvedPackage
            {
                Id = p.Id,
                Version = p.Version,
                Source = p.Source,
                Sha512 = p.Sha512,
                IsPowerShellModule = p.IsPowerShellModule,
            }).ToList(),
            ModulePathEntries = record.ModulePathEntries.Select(Full).ToList(),
            Assemblies = record.Assemblies.Select(Full).ToList(),
            StoreEntries = record.StoreEntries.Select(Full).ToList(),
            CreatedUtc = record.CreatedUtc,
        };
    }
}
