using DepResolve.Engine.Storage;

namespace DepResolve.Engine.Installation;

/// <summary>
/// An environment.json may point only into the package store: every store entry is a store/&lt;id&gt;/&lt;version&gt;/&lt;hash&gt;
/// folder, and every module-path entry and assembly lies inside one of the record's store entries. A record that
/// points anywhere else (an absolute path, '..', another folder of the cache) is corrupt: it is never used, and
/// the environment is built again from the store.
/// </summary>
internal static class EnvironmentRecordCheck
{
    /// <summary>Null when the record points only into the store; else the first path that does not, and why.</summary>
    public static string? FindEscape(EnvironmentRecord record, CacheLayout layout)
    {
        var store = Path.GetFullPath(layout.StoreFolder) + Path.DirectorySeparatorChar;
        var entries = new HashSet<string>(StringComparer.Ordinal);
        // Each package's entry is listed twice (in the store entries and with the package): checked once.
        var checkedEntries = new HashSet<string>(StringComparer.Ordinal);
        foreach (var relative in record.StoreEntries.Concat(record.Packages.Select(p => p.StoreEntry)))
        {
            if (!checkedEntries.Add(relative))
            {
                continue;
            }

            var full = Resolve(relative, layout);
            // Three segments below the store: two separators, counted without splitting (a thousand entries per warm call).
            if (full is null || !full.StartsWith(store, StringComparison.Ordinal)
                || full.AsSpan(store.Length).Count(Path.DirectorySeparatorChar) != 2)
            {
                return $"the store entry '{relative}' is not a folder of the package store";
            }

            entries.Add(full);
        }

        foreach (var relative in record.ModulePathEntries.Concat(record.Assemblies))
        {
            var full = Resolve(relative, layout);
            if (full is null || EntryFolderOf(full, store) is not { } entry || !entries.Contains(entry))
            {
                return $"'{relative}' is not inside one of its store entries";
            }
        }

        return null;
    }

    /// <summary>
    /// The store entry folder (store/&lt;id&gt;/&lt;version&gt;/&lt;hash&gt;, without a trailing separator) that a full path
    /// lies in or is, found by its first three segments below the store: a set lookup per path instead of comparing
    /// it with every entry, and no new string for a path that is the folder itself. Null for a path outside the store
    /// or less than three segments deep.
    /// </summary>
    private static string? EntryFolderOf(string full, string store)
    {
        if (!full.StartsWith(store, StringComparison.Ordinal))
        {
            return null;
        }

        // The end of the path ends its last segment as a separator would.
        var end = store.Length - 1;
        for (var segment = 0; segment < 3; segment++)
        {
            if (end >= full.Length)
            {
                return null;
            }

            var next = full.IndexOf(Path.DirectorySeparatorChar, end + 1);
            end = next < 0 ? full.Length : next;
        }

        return end == full.Length ? full : full[..end];
    }

    /// <summary>The full path of a record path (relative to the cache root, '/' separators); null for an absolute or empty one.</summary>
    private static string? Resolve(string relative, CacheLayout layout)
    {
        if (string.IsNullOrWhiteSpace(relative) || Path.IsPathRooted(relative) || relative.Contains('\\', StringComparison.Ordinal) || relative.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        var native = Path.DirectorySeparatorChar == '/' ? relative : relative.Replace('/', Path.DirectorySeparatorChar);
        return Path.GetFullPath(Path.Combine(layout.Root, native)).TrimEnd(Path.DirectorySeparatorChar);
    }
}
