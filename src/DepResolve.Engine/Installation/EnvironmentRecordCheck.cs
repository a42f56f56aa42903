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
        var entries = new List<string>();
        foreach (var relative in record.StoreEntries.Concat(record.Packages.Select(p => p.StoreEntry)))
        {
            var full = Resolve(relative, layout);
            if (full is null || !full.StartsWith(store, StringComparison.Ordinal)
                || full[store.Length..].Split(Path.DirectorySeparatorChar).Length != 3)
            {
                return $"the store entry '{relative}' is not a folder of the package store";
            }

            entries.Add(full + Path.DirectorySeparatorChar);
        }

        foreach (var relative in record.ModulePathEntries.Concat(record.Assemblies))
        {
            var full = Resolve(relative, layout);
            if (full is null || !entries.Any(e => (full + Path.DirectorySeparatorChar).StartsWith(e, StringComparison.Ordinal)))
            {
                return $"'{relative}' is not inside one of its store entries";
            }
        }

        return null;
    }

    /// <summary>The full path of a record path (relative to the cache root, '/' separators); null for an absolute or empty one.</summary>
    private static string? Resolve(string relative, CacheLayout layout)
    {
        if (string.IsNullOrWhiteSpace(relative) || Path.IsPathRooted(relative) || relative.Contains('\\', StringComparison.Ordinal) || relative.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        return Path.GetFullPath(Path.Combine(layout.Root, relative.Replace('/', Path.DirectorySeparatorChar))).TrimEnd(Path.DirectorySeparatorChar);
    }
}
