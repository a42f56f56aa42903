namespace DepResolve.Engine.Resolution.Locking;

/// <summary>
/// A whole <c>depresolve.lock.json</c>: one section per script of the folder, keyed by the script's path relative
/// to the lock file's folder, so scripts that share a folder may lock different versions of one package. A file of
/// format 1 held one package set for the whole folder; it is read as <see cref="Shared"/>: the section of every
/// script that has none of its own yet.
/// </summary>
internal sealed class LockDocument
{
    /// <summary>Format 2: a section per script. Format 1 (one set for the folder) is still read.</summary>
    public const int CurrentFormatVersion = 2;

    /// <summary>How a format-1 package set is named in messages and in the file (<c>"shared"</c>).</summary>
    public const string SharedSection = "shared";

    public LockDocument(IEnumerable<KeyValuePair<string, LockFile>> scripts, LockFile? shared, string? path)
    {
        // A SortedList (two arrays) rather than ToDictionary into a SortedDictionary: theirs is generic code over
        // KeyValuePair, compiled at run time in every fresh process, and every resolve call reads its lock file.
        var sections = new SortedList<string, LockFile>(StringComparer.Ordinal);
        foreach (var (key, section) in scripts)
        {
            sections.Add(key, section.Path == path && section.Section == key ? section : section.At(path, key));
        }

        Scripts = sections;
        Shared = shared?.At(path, SharedSection);
        Path = path;
    }

    /// <summary>Each script's section by key, in ordinal key order.</summary>
    public IReadOnlyDictionary<string, LockFile> Scripts { get; }

    /// <summary>What a format-1 file held; used by every script without a section of its own.</summary>
    public LockFile? Shared { get; }

    public string? Path { get; }

    public static LockDocument Empty(string? path) => new([], null, path);

    /// <summary>The script's own section, else the shared one, else null.</summary>
    public LockFile? SectionFor(string key) => Scripts.TryGetValue(key, out var own) ? own : Shared;

    /// <summary>Whether <paramref name="key"/> has a section of its own (not only the shared one).</summary>
    public bool HasOwnSection(string key) => Scripts.ContainsKey(key);

    /// <summary>This document with <paramref name="key"/>'s section replaced (or added); every other section kept.</summary>
    public LockDocument WithSection(string key, LockFile section)
    {
        var scripts = new SortedList<string, LockFile>(StringComparer.Ordinal);
        foreach (var (name, existing) in Scripts)
        {
            scripts[name] = existing;
        }

        scripts[key] = section;
        return new LockDocument(scripts, Shared, Path);
    }
}
