using System.Security.Cryptography;
using DepResolve.Engine.Model;
using DepResolve.Engine.Storage;
using NuGet.Versioning;

namespace DepResolve.Engine.Installation;

/// <summary>
/// The content-addressed package store: store/&lt;id&gt;/&lt;version&gt;/&lt;first 32 hex digits of the SHA-512&gt;/
/// holds entry.json and content/. An install writes entry.json into its staging folder and renames the whole folder
/// into place, so an entry is complete when entry.json exists and carries no <c>.incomplete</c> marker (which earlier
/// releases kept in an entry until after the rename); everything else is a leftover that the next install of that
/// package replaces.
/// </summary>
internal sealed class PackageStore
{
    internal const string ManifestFileName = "entry.json";
    internal const string IncompleteMarker = ".incomplete";
    internal const string ContentFolderName = "content";

    private readonly CacheLayout _layout;

    public PackageStore(CacheLayout layout) => _layout = layout;

    internal CacheLayout Layout => _layout;

    /// <summary>store/&lt;id&gt;/&lt;version&gt; for any hash.</summary>
    public string VersionFolderOf(string id, NuGetVersion version) =>
        Path.Combine(_layout.StoreFolder, CacheLayout.SafeName(id), CacheLayout.SafeName(EnvironmentId.NormalizeVersion(version)));

    public string EntryFolderOf(string id, NuGetVersion version, string sha512) =>
        Path.Combine(VersionFolderOf(id, version), HashKey(sha512, $"{id} {version.ToNormalizedString()}"));

    /// <summary>The lock serialising installs of one package version across processes.</summary>
    internal string PackageLockOf(string id, NuGetVersion version) =>
        _layout.LockFile("pkg-" + CacheLayout.SafeName(id) + "-" + CacheLayout.SafeName(EnvironmentId.NormalizeVersion(version)));

    /// <summary>
    /// A complete entry for the package: the one with <paramref name="sha512"/> when given, otherwise the newest
    /// complete entry of that id and version.
    /// </summary>
    internal StoreEntry? Find(string id, NuGetVersion version, string? sha512)
    {
        if (!string.IsNullOrEmpty(sha512))
        {
            return TryLoad(EntryFolderOf(id, version, sha512));
        }

        var versionFolder = VersionFolderOf(id, version);
        if (!Directory.Exists(versionFolder))
        {
            return null;
        }

        return Directory.EnumerateDirectories(versionFolder)
            .Select(TryLoad)
            .OfType<StoreEntry>()
            .OrderByDescending(e => e.Manifest.InstalledUtc)
            .FirstOrDefault();
    }

    /// <summary>Every entry folder in the store, complete or not.</summary>
    internal IEnumerable<string> EnumerateEntryFolders()
    {
        if (!Directory.Exists(_layout.StoreFolder))
        {
            yield break;
        }

        foreach (var idFolder in Directory.EnumerateDirectories(_layout.StoreFolder))
        {
            foreach (var versionFolder in Directory.EnumerateDirectories(idFolder))
            {
                foreach (var entryFolder in Directory.EnumerateDirectories(versionFolder))
                {
                    yield return entryFolder;
                }
            }
        }
    }

    internal StoreEntry? TryLoad(string entryFolder)
    {
        if (File.Exists(Path.Combine(entryFolder, IncompleteMarker)))
        {
            return null;
        }

        var manifest = AtomicFile.TryReadJson(Path.Combine(entryFolder, ManifestFileName), InstallationJson.Files.StoreEntryManifest);
        return manifest is null ? null : new StoreEntry(entryFolder, RelativeToRoot(entryFolder), manifest);
    }

    /// <summary>
    /// True when every entry folder (relative to the cache root, '/' separators) is complete: its entry.json is
    /// there and its .incomplete marker is not. Two file-system probes per entry; no file is read or hashed.
    /// </summary>
    internal bool AreComplete(IEnumerable<string> relativeEntryFolders)
    {
        foreach (var relative in relativeEntryFolders)
        {
            // Joined as written: Windows reads '/' as a separator too.
            if (!File.Exists(Path.Join(_layout.Root, relative, ManifestFileName)) || File.Exists(Path.Join(_layout.Root, relative, IncompleteMarker)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The entries, when every entry folder (relative to the cache root) loads and each of its files still has the
    /// size and last-write time recorded at extraction, or hashes to its recorded SHA-256 (see <see cref="Verify"/>);
    /// null as soon as one does not. One stat per file for an untouched entry.
    /// </summary>
    internal IReadOnlyList<StoreEntry>? LoadUnchanged(IEnumerable<string> relativeEntryFolders)
    {
        var entries = new List<StoreEntry>();
        foreach (var relative in relativeEntryFolders)
        {
            var entry = TryLoad(Path.Combine(_layout.Root, relative.Replace('/', Path.DirectorySeparatorChar)));
            if (entry is null || Verify(entry, full: false).Count > 0)
            {
                return null;
            }

            entries.Add(entry);
        }

        return entries;
    }

    /// <summary>
    /// What is wrong with an entry: missing or resized files, and files whose content changed since they were
    /// installed (SHA-256 per file, as recorded at install). Without <paramref name="full"/> only a file whose
    /// cheap fingerprint (size and last-write time) differs from the one recorded at extraction is hashed again,
    /// so an untouched entry costs one stat per file; a file that was only touched (same SHA-256) gets its
    /// fingerprint recorded anew. With <paramref name="full"/> every file is hashed and files that were not
    /// installed are reported too. Empty when it verifies.
    /// </summary>
    internal IReadOnlyList<string> Verify(StoreEntry entry, bool full)
    {
        var problems = new List<string>();
        var refreshed = false;
        var content = Path.Combine(entry.Folder, ContentFolderName);
        foreach (var (relative, record) in entry.Manifest.Files)
        {
            var file = Path.Combine(content, relative.Replace('/', Path.DirectorySeparatorChar));
            var info = new FileInfo(file);
            if (!info.Exists)
            {
                problems.Add($"'{file}' is missing");
                continue;
            }

            if (info.Length != record.Size)
            {
                problems.Add($"'{file}' has {info.Length} bytes instead of {record.Size}");
                continue;
            }

            var modified = info.LastWriteTimeUtc.Ticks;
            if (!full && record.ModifiedTicks == modified)
            {
                continue;
            }

            if (!string.Equals(Sha256Of(file), record.Sha256, StringComparison.Ordinal))
            {
                problems.Add($"'{file}' changed since it was installed (SHA-256 differs)");
            }
            else if (record.ModifiedTicks != modified)
            {
                record.ModifiedTicks = modified;
                refreshed = true;
            }
        }

        if (full && Directory.Exists(content))
        {
            foreach (var file in Directory.EnumerateFiles(content, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(content, file).Replace(Path.DirectorySeparatorChar, '/');
                if (!entry.Manifest.Files.ContainsKey(relative))
                {
                    problems.Add($"'{file}' was not installed with the package");
                }
            }
        }

        if (refreshed && problems.Count == 0)
        {
            TryRecordFingerprints(entry);
        }

        return problems;
    }

    /// <summary>
    /// Rewrites entry.json with the fingerprints of files re-hashed as unchanged, so they are not hashed on every
    /// use. Atomic (readers see the old or the new record, both valid); best effort: a read-only cache only costs
    /// the re-hash next time.
    /// </summary>
    private static void TryRecordFingerprints(StoreEntry entry)
    {
        try
        {
            AtomicFile.WriteJson(Path.Combine(entry.Folder, ManifestFileName), entry.Manifest, InstallationJson.Files.StoreEntryManifest);
        }
        catch (Exception e) when (e is DepResolveException or IOException or UnauthorizedAccessException)
        {
            // Verification stood; only the shortcut for next time is lost.
        }
    }

    /// <summary>Verifies every complete entry; incomplete ones are reported too. Empty when the whole store is sound.</summary>
    public IReadOnlyList<string> VerifyAll(bool full = true)
    {
        var problems = new List<string>();
        foreach (var folder in EnumerateEntryFolders())
        {
            var entry = TryLoad(folder);
            if (entry is null)
            {
                problems.Add($"'{folder}' is an incomplete store entry");
                continue;
            }

            problems.AddRange(Verify(entry, full));
        }

        return problems;
    }

    /// <summary>Moves an entry out of the store into quarantine/ (kept for inspection, never used again).</summary>
    internal string Quarantine(string entryFolder)
    {
        Directory.CreateDirectory(_layout.QuarantineFolder);
        var target = Path.Combine(_layout.QuarantineFolder, string.Join("-", RelativeToRoot(entryFolder).Split('/').Skip(1)) + "-" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff"));
        Directory.Move(entryFolder, target);
        return target;
    }

    /// <summary>Removes an entry folder: renamed into tmp/ first so it disappears at once, then deleted.</summary>
    internal void Remove(string entryFolder, bool removeEmptyParents)
    {
        Directory.CreateDirectory(_layout.TempFolder);
        var graveyard = _layout.NewStagingFolder("removed-entry");
        Directory.Move(entryFolder, graveyard);
        AtomicFile.TryDeleteFolder(graveyard);
        if (removeEmptyParents)
        {
            TryRemoveEmptyParents(entryFolder);
        }
    }

    internal string RelativeToRoot(string path) => Path.GetRelativePath(_layout.Root, path).Replace(Path.DirectorySeparatorChar, '/');

    /// <param name="package">"Id Version" the hash belongs to, named in the error.</param>
    internal static string HashKey(string sha512, string package)
    {
        var bytes = new byte[sha512.Length];
        if (!Convert.TryFromBase64String(sha512.Trim(), bytes, out var length) || length < 16)
        {
            throw new DepResolveException(
                ErrorCode.InvalidInput,
                $"{package}: the expected SHA-512 '{sha512}' (from the lock file or the feed) is not a base64 SHA-512 hash.",
                package);
        }

        return Convert.ToHexString(bytes, 0, 16).ToLowerInvariant();
    }

    internal static string Sha256Of(string file) => Sha256AndSizeOf(file).Sha256;

    /// <summary>Lower-case hex SHA-256 and the number of bytes hashed.</summary>
    internal static (string Sha256, long Size) Sha256AndSizeOf(string file)
    {
        // Large reads into a pooled buffer: no FileStream buffer to allocate per file, few system calls.
        using var handle = File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            long offset = 0;
            int read;
            while ((read = RandomAccess.Read(handle, buffer, offset)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                offset += read;
            }

            return (Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant(), offset);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void TryRemoveEmptyParents(string entryFolder)
    {
        foreach (var folder in new[] { Path.GetDirectoryName(entryFolder)!, Path.GetDirectoryName(Path.GetDirectoryName(entryFolder)!)! })
        {
            try
            {
                if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
                {
                    Directory.Delete(folder);
                }
            }
            catch (IOException)
            {
                // Another process is installing a version here right now.
            }
        }
    }
}
