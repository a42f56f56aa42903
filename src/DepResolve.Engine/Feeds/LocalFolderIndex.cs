using System.Collections.Concurrent;
using DepResolve.Engine.Model;
using DepResolve.Engine.Packaging;

namespace DepResolve.Engine.Feeds;

/// <summary>One .nupkg found in a local folder, identified by the nuspec inside it.</summary>
internal sealed record LocalPackageFile(PackageMetadata Metadata, string FilePath, long Length, DateTime LastWriteUtc, string? SidecarSha512);

/// <summary>
/// What a local folder held when it was scanned: packages at the root (flat layout) and in
/// {id}/{version}/ folders (NuGet's hierarchical layout), each identified by its own nuspec, plus the
/// timestamps that tell whether the folder changed since. Immutable; a rescan builds a new one and reuses
/// the metadata of files whose size and time did not change.
/// </summary>
internal sealed class LocalFolderIndex
{
    private readonly Dictionary<string, List<LocalPackageFile>> _byId;
    private readonly Dictionary<string, List<(string Path, DateTime Stamp)>> _folderStampsByName;

    private LocalFolderIndex(
        string root,
        DateTime rootStamp,
        Dictionary<string, List<LocalPackageFile>> byId,
        Dictionary<string, List<(string Path, DateTime Stamp)>> folderStampsByName,
        IReadOnlyList<string> unreadable)
    {
        Root = root;
        RootStamp = rootStamp;
        _byId = byId;
        _folderStampsByName = folderStampsByName;
        Unreadable = unreadable;
    }

    public string Root { get; }

    public DateTime RootStamp { get; }

    /// <summary>Files that are not readable packages, with the reason; they are left out of the index.</summary>
    public IReadOnlyList<string> Unreadable { get; }

    public IEnumerable<LocalPackageFile> All => _byId.Values.SelectMany(v => v);

    /// <summary>The versions of <paramref name="id"/> (any case), highest last; empty when unknown.</summary>
    public IReadOnlyList<LocalPackageFile> Find(string id) =>
        _byId.TryGetValue(id, out var files) ? files : Array.Empty<LocalPackageFile>();

    /// <summary>
    /// Whether anything that could change the answer for <paramref name="id"/> changed: the root folder
    /// (files or id folders added, removed or renamed), the id's own folders (versions added), or the id's
    /// package files (replaced in place).
    /// </summary>
    public bool IsStaleFor(string id)
    {
        if (Directory.GetLastWriteTimeUtc(Root) != RootStamp)
        {
            return true;
        }

        if (_folderStampsByName.TryGetValue(id, out var folders) && folders.Any(f => Directory.GetLastWriteTimeUtc(f.Path) != f.Stamp))
        {
            return true;
        }

        return Find(id).Any(HasChanged);
    }

    /// <summary>Whether anything anywhere in the folder changed.</summary>
    public bool IsStale() =>
        Directory.GetLastWriteTimeUtc(Root) != RootStamp
        || _folderStampsByName.Values.SelectMany(v => v).Any(f => Directory.GetLastWriteTimeUtc(f.Path) != f.Stamp)
        || All.Any(HasChanged);

    public static LocalFolderIndex Scan(string root, string feedName, LocalFolderIndex? previous, Action<string>? log)
    {
        var rootStamp = Directory.GetLastWriteTimeUtc(root);
        var folderStamps = new Dictionary<string, List<(string, DateTime)>>(StringComparer.OrdinalIgnoreCase);
        var candidates = new List<string>(Directory.EnumerateFiles(root, "*.nupkg"));
        foreach (var idFolder in Directory.EnumerateDirectories(root))
        {
            var stamps = new List<(string, DateTime)> { (idFolder, Directory.GetLastWriteTimeUtc(idFolder)) };
            try
            {
                foreach (var versionFolder in Directory.EnumerateDirectories(idFolder))
                {
                    stamps.Add((versionFolder, Directory.GetLastWriteTimeUtc(versionFolder)));
                    candidates.AddRange(Directory.EnumerateFiles(versionFolder, "*.nupkg"));
                }
            }
            catch (Exception ex) when (ex is DirectoryNotFoundException or UnauthorizedAccessException)
            {
                // Removed while scanning (the root's new time triggers the next rescan) or not ours to read.
                log?.Invoke($"Local feed '{root}': skipped folder {idFolder} ({ex.Message})");
            }

            folderStamps[Path.GetFileName(idFolder)] = stamps;
        }

        candidates.RemoveAll(p => p.EndsWith(".symbols.nupkg", StringComparison.OrdinalIgnoreCase));
        candidates.Sort(StringComparer.Ordinal);

        var reusable = previous?.All.ToDictionary(p => p.FilePath, StringComparer.Ordinal) ?? new Dictionary<string, LocalPackageFile>();
        var read = new ConcurrentDictionary<string, LocalPackageFile>(StringComparer.Ordinal);
        var unreadable = new ConcurrentBag<string>();
        Parallel.ForEach(candidates, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) }, path =>
        {
            try
            {
                var info = new FileInfo(path);
                if (reusable.TryGetValue(path, out var known) && known.Length == info.Length && known.LastWriteUtc == info.LastWriteTimeUtc)
                {
                    read[path] = known;
                    return;
                }

                var metadata = PackageArchive.ReadMetadata(path) with { FeedName = feedName, PackageSize = info.Length };
                var sidecar = ReadSidecarHash(path);
                read[path] = new LocalPackageFile(metadata with { PublishedSha512 = sidecar }, path, info.Length, info.LastWriteTimeUtc, sidecar);
            }
            catch (Exception ex) when (ex is DepResolveException or IOException or UnauthorizedAccessException)
            {
                unreadable.Add($"{path} ({ex.Message})");
            }
        });

        var byId = new Dictionary<string, List<LocalPackageFile>>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in candidates)
        {
            if (!read.TryGetValue(path, out var file))
            {
                continue;
            }

            if (!byId.TryGetValue(file.Metadata.Id, out var versions))
            {
                byId[file.Metadata.Id] = versions = new List<LocalPackageFile>();
            }

            var duplicate = versions.FirstOrDefault(v => v.Metadata.Version == file.Metadata.Version);
            if (duplicate is not null)
            {
                log?.Invoke($"Local feed '{root}': {path} is {file.Metadata.Id} {file.Metadata.Version.ToNormalizedString()} again; using {duplicate.FilePath}.");
                continue;
            }

            versions.Add(file);
        }

        foreach (var versions in byId.Values)
        {
            versions.Sort((a, b) => a.Metadata.Version.CompareTo(b.Metadata.Version));
        }

        var unreadableList = unreadable.OrderBy(u => u, StringComparer.Ordinal).ToList();
        foreach (var problem in unreadableList)
        {
            log?.Invoke($"Local feed '{root}': skipped {problem}");
        }

        return new LocalFolderIndex(root, rootStamp, byId, folderStamps, unreadableList);
    }

    private static bool HasChanged(LocalPackageFile file)
    {
        var info = new FileInfo(file.FilePath);
        return !info.Exists || info.Length != file.Length || info.LastWriteTimeUtc != file.LastWriteUtc;
    }

    /// <summary>The base64 SHA-512 NuGet writes beside a package it adds to a folder feed ({file}.sha512).</summary>
    private static string? ReadSidecarHash(string packagePath)
    {
        var sidecar = packagePath + ".sha512";
        if (!File.Exists(sidecar) || new FileInfo(sidecar).Length > 1024)
        {
            return null;
        }

        var text = File.ReadAllText(sidecar).Trim();
        return text.Length == 0 ? null : text;
    }
}
