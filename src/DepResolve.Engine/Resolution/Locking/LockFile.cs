using DepResolve.Engine.Model;
using DepResolve.Engine.Packaging;
using DepResolve.Engine.Storage;
using NuGet.Versioning;

namespace DepResolve.Engine.Resolution.Locking;

/// <summary>
/// One script's section of <c>depresolve.lock.json</c> (see <see cref="LockDocument"/>): the exact versions a
/// resolution chose, where each came from, and the SHA-512 of each package as installed, so a later run installs
/// exactly the same bytes.
/// </summary>
internal sealed class LockFile
{
    public const string DefaultFileName = "depresolve.lock.json";
    private string? _text;
    private string? _contentDigest;

    /// <param name="section">The script this section belongs to (its key in the file), or <see cref="LockDocument.SharedSection"/>.</param>
    /// <param name="revealed">Ids a run of the script found missing (and a retry installed): they are required up front next time.</param>
    public LockFile(ResolutionPolicy policy, IEnumerable<LockedRepository> repositories, IEnumerable<LockedPackage> packages, string? path = null, string? section = null, IEnumerable<string>? revealed = null)
    {
        Revealed = (revealed ?? []).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
        Policy = policy;
        Repositories = repositories.ToList();
        var byId = new Dictionary<string, LockedPackage>(StringComparer.OrdinalIgnoreCase);
        foreach (var package in packages)
        {
            if (!byId.TryAdd(package.Id, package))
            {
                throw new DepResolveException(ErrorCode.InvalidInput, $"Package '{package.Id}' appears twice in the lock file{(path is null ? "" : " " + path)}.", path);
            }
        }

        Packages = byId;
        Path = path;
        Section = section;
    }

    /// <summary>The policy that chose these versions.</summary>
    public ResolutionPolicy Policy { get; }

    /// <summary>Repositories (name and source, never credentials) in priority order.</summary>
    public IReadOnlyList<LockedRepository> Repositories { get; }

    /// <summary>By package id, case-insensitive.</summary>
    public IReadOnlyDictionary<string, LockedPackage> Packages { get; }

    /// <summary>The file this was read from, when it was read from one.</summary>
    public string? Path { get; }

    /// <summary>Package ids a run revealed (static analysis missed them); each is locked in <see cref="Packages"/>.</summary>
    public IReadOnlyList<string> Revealed { get; }

    /// <summary>The section's key in the file: the script's name relative to the lock file's folder.</summary>
    public string? Section { get; }

    /// <summary>
    /// The section's text as <see cref="LockFileSerializer.Serialize(LockFile)"/> writes it, made once: a section never
    /// changes, and a warm run compares it twice (the resolution cache key, and whether the section must be rewritten).
    /// </summary>
    public string Text => _text ??= LockFileSerializer.Serialize(this);

    /// <summary>
    /// A SHA-256 (lower-case hex) of everything the section locks, as read: policy, repositories, revealed ids, and
    /// per package its id, version, source, SHA-512 and dependencies, in the order read, each length-prefixed. Sections
    /// that lock anything differently have different digests (so do equal ones read in another order or spelling,
    /// which only costs a cache miss). The resolution cache keys on it: a warm call hashes the section once instead of
    /// writing its text first.
    /// </summary>
    public string ContentDigest => _contentDigest ??= ComputeContentDigest();

    private string ComputeContentDigest()
    {
        var hash = new Utf8Sha256();
        Field(hash, Policy.ToString());
        hash.Append(Repositories.Count);
        foreach (var repository in Repositories)
        {
            Field(Field(hash, repository.Name), repository.Source);
        }

        hash.Append(Revealed.Count);
        foreach (var id in Revealed)
        {
            Field(hash, id);
        }

        hash.Append(Packages.Count);
        foreach (var package in Packages.Values)
        {
            Field(Field(Field(Field(hash, package.Id), package.Version.OriginalVersion ?? package.Version.ToNormalizedString()), package.Source), package.Sha512);
            hash.Append(package.Dependencies.Count);
            foreach (var dependency in package.Dependencies)
            {
                Field(Field(hash, dependency.Id), dependency.Range.OriginalString ?? RangeText.Format(dependency.Range));
            }
        }

        return LowerHex.Of(hash.Finish());
    }

    private static Utf8Sha256 Field(Utf8Sha256 hash, string text) => hash.Append(text.Length).Append(":").Append(text);

    /// <summary>
    /// Whether this section's <see cref="Text"/> is certainly <paramref name="other"/>'s, found without writing either:
    /// the same policy, repositories and revealed ids, and per package the same id, source, SHA-512, and version and
    /// dependencies read from the same text (each version and range parsed from equal strings formats alike). False
    /// only means the texts must be compared: a warm call compares its unchanged section this way instead of writing
    /// a thousand packages' text again.
    /// </summary>
    public bool HasSameTextAs(LockFile other)
    {
        if (Policy != other.Policy || Packages.Count != other.Packages.Count
            || !Repositories.SequenceEqual(other.Repositories) || !Revealed.SequenceEqual(other.Revealed, StringComparer.Ordinal))
        {
            return false;
        }

        foreach (var package in Packages.Values)
        {
            if (!other.Packages.TryGetValue(package.Id, out var theirs) || !SameText(package, theirs))
            {
                return false;
            }
        }

        return true;
    }

    private static bool SameText(LockedPackage ours, LockedPackage theirs)
    {
        if (!string.Equals(ours.Id, theirs.Id, StringComparison.Ordinal) || !string.Equals(ours.Source, theirs.Source, StringComparison.Ordinal)
            || !string.Equals(ours.Sha512, theirs.Sha512, StringComparison.Ordinal) || !SameText(ours.Version.OriginalVersion, theirs.Version.OriginalVersion)
            || ours.Dependencies.Count != theirs.Dependencies.Count)
        {
            return false;
        }

        for (var i = 0; i < ours.Dependencies.Count; i++)
        {
            var (mine, yours) = (ours.Dependencies[i], theirs.Dependencies[i]);
            if (!string.Equals(mine.Id, yours.Id, StringComparison.Ordinal) || !SameText(mine.Range.OriginalString, yours.Range.OriginalString))
            {
                return false;
            }
        }

        return true;
    }

    private static bool SameText(string? parsedFrom, string? otherParsedFrom) =>
        parsedFrom is not null && string.Equals(parsedFrom, otherParsedFrom, StringComparison.Ordinal);

    /// <summary>How messages name this section: the file, and the script when known.</summary>
    public string Describe() => (Path ?? DefaultFileName) + (Section is null ? "" : $" (section '{Section}')");

    /// <summary>The same packages as the section <paramref name="section"/> of <paramref name="path"/>.</summary>
    public LockFile At(string? path, string section) => new(Policy, Repositories, Packages.Values, path, section, Revealed);

    /// <summary>The SHA-512 (base64) an install of <paramref name="id"/> <paramref name="version"/> must match; null when not locked.</summary>
    public string? GetExpectedSha512(string id, NuGetVersion version) =>
        Packages.TryGetValue(id, out var package) && package.Version == version ? package.Sha512 : null;

    /// <summary>String form for callers outside the engine: versions compare as NuGet does (2.0.4.0 is 2.0.4).</summary>
    public bool TryGetExpectedSha512(string id, string version, out string sha512)
    {
        sha512 = NuGetVersion.TryParse(version, out var parsed) ? GetExpectedSha512(id, parsed) ?? "" : "";
        return sha512.Length > 0;
    }
}

/// <summary>A package source as the lock file records it.</summary>
internal sealed record LockedRepository(string Name, string Source);

/// <summary>One locked package: version, the repository it came from, its SHA-512 (base64) and its dependencies.</summary>
internal sealed record LockedPackage(string Id, NuGetVersion Version, string Source, string Sha512, IReadOnlyList<PackageDependency> Dependencies);
