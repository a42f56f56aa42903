using System.Security.Cryptography;
using DepResolve.Engine.Model;
using DepResolve.Engine.Packaging;
using NuGet.Versioning;

namespace DepResolve.Engine.Feeds;

/// <summary>
/// A folder of packages: flat (*.nupkg at the root, as `dotnet nuget push --source &lt;folder&gt;` writes them)
/// and/or NuGet's hierarchical layout ({id}/{version}/{id}.{version}.nupkg in lowercase, as `nuget add` writes
/// it and as the global packages folder holds it, with an optional .nupkg.sha512 beside each package). Packages are identified by the nuspec inside them,
/// never by file name. The folder is indexed on first use and re-indexed when it changes; safe to share
/// between threads.
/// </summary>
internal sealed class LocalFolderFeed : IPackageFeed
{
    private readonly object _scanLock = new();
    private readonly Action<string>? _log;
    private volatile LocalFolderIndex? _index;

    // Keyed by the indexed file (path, length and last-write time): a changed file is a new key.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<LocalPackageFile, string> _contentHashes = new();

    /// <param name="folder">The packages folder; it need not exist yet (using the feed then fails with InvalidInput).</param>
    /// <param name="name">Display name; the folder path when null.</param>
    /// <param name="log">Verbose messages (packages skipped as unreadable, duplicates).</param>
    public LocalFolderFeed(string folder, string? name = null, Action<string>? log = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        Source = Path.GetFullPath(folder);
        Name = string.IsNullOrEmpty(name) ? Source : name;
        _log = log;
    }

    public string Name { get; }

    public string Source { get; }

    public bool SupportsTagSearch => true;

    public Task<IReadOnlyList<FeedVersion>> ListVersionsAsync(string id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<FeedVersion> versions = IndexFor(id).Find(id).Select(p => new FeedVersion(p.Metadata.Version, IsListed: true)).ToList();
        return Task.FromResult(versions);
    }

    public Task<IReadOnlyList<PackageMetadata>> GetAllMetadataAsync(string id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<PackageMetadata> all = IndexFor(id).Find(id).Select(p => p.Metadata).ToList();
        return Task.FromResult(all);
    }

    public Task<PackageMetadata?> GetMetadataAsync(string id, NuGetVersion version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(FindFile(id, version)?.Metadata);
    }

    /// <summary>The .sha512 file beside the package when there is one, else the hash of the package file (remembered while it is unchanged).</summary>
    public async Task<string?> TryGetContentSha512Async(string id, NuGetVersion version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        var file = FindFile(id, version);
        if (file is null)
        {
            return null;
        }

        if (file.SidecarSha512 is not null)
        {
            return file.SidecarSha512;
        }

        if (_contentHashes.TryGetValue(file, out var known))
        {
            return known;
        }

        try
        {
            var sha512 = await PackageHash.ComputeSha512OfFileAsync(file.FilePath, cancellationToken).ConfigureAwait(false);
            var info = new FileInfo(file.FilePath);
            if (info.Length != file.Length || info.LastWriteTimeUtc != file.LastWriteUtc)
            {
                return null;
            }

            _contentHashes[file] = sha512;
            return sha512;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The download reports what is wrong with the file.
            return null;
        }
    }

    public Task<DownloadedPackage> DownloadAsync(string id, NuGetVersion version, string destinationFile, CancellationToken cancellationToken) =>
        DownloadToMemoryOrFileAsync(id, version, destinationFile, maxInMemoryBytes: 0, cancellationToken);

    public async Task<DownloadedPackage> DownloadToMemoryOrFileAsync(string id, NuGetVersion version, string destinationFile, long maxInMemoryBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentException.ThrowIfNullOrEmpty(destinationFile);
        var file = FindFile(id, version) ?? throw NotFound(id, version);

        var destination = Path.GetFullPath(destinationFile);
        PackageBytes? inMemory = null;
        string? temporary = null;
        try
        {
            string sha512;
            long length;
            await using (var source = new FileStream(file.FilePath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan))
            {
                if (source.Length <= maxInMemoryBytes)
                {
                    using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
                    inMemory = await PackageBytes.ReadAsync(source, (int)source.Length, hash, cancellationToken).ConfigureAwait(false);
                    (sha512, length) = (Convert.ToBase64String(hash.GetHashAndReset()), inMemory.Length);
                }
                else
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                    temporary = Path.Combine(Path.GetDirectoryName(destination)!, $".{Path.GetFileName(destination)}.{Guid.NewGuid():N}.tmp");
                    await using var target = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
                    (sha512, length) = await PackageHash.CopyAndComputeSha512Async(source, target, cancellationToken).ConfigureAwait(false);
                }
            }

            if (file.SidecarSha512 is not null && !PackageHash.AreEqual(file.SidecarSha512, sha512))
            {
                inMemory?.Dispose();
                throw new DepResolveException(ErrorCode.HashMismatch,
                    $"Package {file.Metadata.Id} {file.Metadata.Version.ToNormalizedString()} in local feed '{Source}': '{file.FilePath}' has SHA-512 {sha512} but the .sha512 file beside it says {file.SidecarSha512}.",
                    file.FilePath);
            }

            if (inMemory is not null)
            {
                return new DownloadedPackage(file.Metadata.Id, file.Metadata.Version, null, sha512, length, Name) { Content = inMemory };
            }

            File.Move(temporary!, destination, overwrite: true);
            temporary = null;
            return new DownloadedPackage(file.Metadata.Id, file.Metadata.Version, destination, sha512, length, Name);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException && !File.Exists(file.FilePath))
        {
            throw NotFound(id, version, ex);
        }
        finally
        {
            if (temporary is not null)
            {
                TryDelete(temporary);
            }
        }
    }

    public Task<IReadOnlyList<PackageMetadata>> SearchByTagAsync(string tag, bool includePrerelease, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tag);
        cancellationToken.ThrowIfCancellationRequested();
        var index = CurrentIndex(needsRescan: i => i.IsStale());
        IReadOnlyList<PackageMetadata> found = index.All
            .Select(p => p.Metadata)
            .Where(m => includePrerelease || !m.Version.IsPrerelease)
            .Where(m => m.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase))
            .GroupBy(m => m.Id, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.MaxBy(m => m.Version)!)
            .OrderBy(m => m.Id, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return Task.FromResult(found);
    }

    private LocalPackageFile? FindFile(string id, NuGetVersion version) =>
        IndexFor(id).Find(id).FirstOrDefault(p => p.Metadata.Version == version);

    private LocalFolderIndex IndexFor(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return CurrentIndex(needsRescan: i => i.IsStaleFor(id));
    }

    private LocalFolderIndex CurrentIndex(Func<LocalFolderIndex, bool> needsRescan)
    {
        EnsureFolderExists();
        try
        {
            var index = _index;
            if (index is not null && !needsRescan(index))
            {
                return index;
            }

            lock (_scanLock)
            {
                if (_index is not null && !ReferenceEquals(_index, index) && !needsRescan(_index))
                {
                    return _index;
                }

                _index = LocalFolderIndex.Scan(Source, Name, _index, _log);
                return _index;
            }
        }
        catch (Exception ex) when (ex is DirectoryNotFoundException)
        {
            throw MissingFolder(ex);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException)
        {
            throw new DepResolveException(ErrorCode.PermissionDenied, $"Local package folder '{Source}' cannot be read: {ex.Message}", Source, ex);
        }
        catch (IOException ex)
        {
            throw new DepResolveException(ErrorCode.InvalidInput, $"Local package folder '{Source}' cannot be read: {ex.Message}", Source, ex);
        }
    }

    private void EnsureFolderExists()
    {
        if (!Directory.Exists(Source))
        {
            throw MissingFolder(null);
        }
    }

    private DepResolveException MissingFolder(Exception? inner) =>
        new(ErrorCode.InvalidInput, $"Local package folder '{Source}' does not exist.", Source, inner);

    private DepResolveException NotFound(string id, NuGetVersion version, Exception? inner = null)
    {
        var unreadable = _index?.Unreadable ?? Array.Empty<string>();
        var note = unreadable.Count == 0 ? "" : $" ({unreadable.Count} unreadable package file(s) were skipped: {string.Join("; ", unreadable.Take(3))})";
        return new DepResolveException(ErrorCode.PackageNotFound,
            $"Package {id} {version.ToNormalizedString()} was not found in local folder '{Source}'{note}.", $"{id} {version.ToNormalizedString()}", inner);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover temporary file next to the destination is harmless and named as such.
        }
    }
}
