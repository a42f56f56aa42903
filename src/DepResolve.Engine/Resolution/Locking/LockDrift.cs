using NuGet.Versioning;

namespace DepResolve.Engine.Resolution.Locking;

/// <summary>What a resolution would change in a script's locked set: ids added, removed, or locked at another version.</summary>
internal sealed class LockDrift
{
    private LockDrift(IReadOnlyList<string> added, IReadOnlyList<string> removed, IReadOnlyList<string> changed)
    {
        Added = added;
        Removed = removed;
        Changed = changed;
    }

    /// <summary>"Id version" of each package the section lacks.</summary>
    public IReadOnlyList<string> Added { get; }

    /// <summary>"Id version" of each locked package nothing requires any more.</summary>
    public IReadOnlyList<string> Removed { get; }

    /// <summary>"Id locked -> chosen" of each package locked at another version.</summary>
    public IReadOnlyList<string> Changed { get; }

    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Changed.Count == 0;

    /// <summary>The drift from <paramref name="section"/> (null: nothing locked) to the <paramref name="chosen"/> versions.</summary>
    public static LockDrift Between(LockFile? section, IEnumerable<(string Id, NuGetVersion Version)> chosen)
    {
        var locked = section?.Packages ?? new Dictionary<string, LockedPackage>();
        var chosenById = chosen.ToDictionary(c => c.Id, c => c.Version, StringComparer.OrdinalIgnoreCase);
        var ids = chosenById.Keys.Concat(locked.Keys).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(id => id, StringComparer.OrdinalIgnoreCase).ToList();
        var added = new List<string>();
        var removed = new List<string>();
        var changed = new List<string>();
        foreach (var id in ids)
        {
            var isLocked = locked.TryGetValue(id, out var package);
            var isChosen = chosenById.TryGetValue(id, out var version);
            if (isChosen && !isLocked)
            {
                added.Add($"{id} {RangeText.Format(version!)}");
            }
            else if (isLocked && !isChosen)
            {
                removed.Add($"{package!.Id} {RangeText.Format(package.Version)}");
            }
            else if (package!.Version != version)
            {
                changed.Add($"{package.Id} {RangeText.Format(package.Version)} -> {RangeText.Format(version!)}");
            }
        }

        return new LockDrift(added, removed, changed);
    }

    /// <summary>"added A 1.0.0; removed B 2.0.0; changed C 1.0.0 -> 1.1.0", leaving out empty parts.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (Added.Count > 0)
        {
            parts.Add("added " + string.Join(", ", Added));
        }

        if (Removed.Count > 0)
        {
            parts.Add("removed " + string.Join(", ", Removed));
        }

        if (Changed.Count > 0)
        {
            parts.Add("changed " + string.Join(", ", Changed));
        }

        return parts.Count == 0 ? "no change" : string.Join("; ", parts);
    }
}
