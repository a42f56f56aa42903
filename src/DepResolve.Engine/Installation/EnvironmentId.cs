using DepResolve.Engine.Resolution;
using DepResolve.Engine.Storage;
using NuGet.Versioning;

namespace DepResolve.Engine.Installation;

/// <summary>The id of an environment: a hash of its sorted package set (id, normalized version, sha512) and its base.</summary>
internal static class EnvironmentId
{
    // Each overload projects its packages to lines itself: a projection to a tuple first would be generic LINQ code
    // over a value type, compiled at run time in every fresh process, and the warm call computes an id each time.
    public static string Compute(IEnumerable<ResolvedNode> packages, string? baseEnvironmentId) =>
        FromLines(packages.Select(p => Line(p.Id, p.Version, p.Sha512)), baseEnvironmentId);

    /// <summary>The id from each package's id, version and the SHA-512 of its content (null when not known yet).</summary>
    public static string Compute(IEnumerable<(string Id, NuGetVersion Version, string? Sha512)> packages, string? baseEnvironmentId) =>
        FromLines(packages.Select(p => Line(p.Id, p.Version, p.Sha512)), baseEnvironmentId);

    /// <summary>"id/version/sha512", the id in lower case, made as one string (a thousand per warm call at 1,000 packages).</summary>
    private static string Line(string id, NuGetVersion version, string? sha512)
    {
        var normalized = NormalizeVersion(version);
        sha512 ??= "";
        var length = id.Length + 1 + normalized.Length + 1 + sha512.Length;
        var line = length <= 512 ? stackalloc char[length] : new char[length];
        id.AsSpan().ToLowerInvariant(line);
        line[id.Length] = '/';
        normalized.CopyTo(line[(id.Length + 1)..]);
        line[id.Length + 1 + normalized.Length] = '/';
        sha512.CopyTo(line[(id.Length + normalized.Length + 2)..]);
        return new string(line);
    }

    /// <summary>The lines sorted (ordinal) with each one once, and the base's line last, joined by line breaks and hashed.</summary>
    private static string FromLines(IEnumerable<string> packageLines, string? baseEnvironmentId)
    {
        var lines = packageLines.ToArray();
        Array.Sort(lines, StringComparer.Ordinal);
        var hash = new Utf8Sha256();
        string? previous = null;
        foreach (var line in lines)
        {
            if (!string.Equals(line, previous, StringComparison.Ordinal))
            {
                hash.Append(previous is null ? "" : "\n").Append(line);
                previous = line;
            }
        }

        hash.Append(previous is null ? "" : "\n").Append("base:").Append(baseEnvironmentId ?? "");
        return LowerHex.Of(hash.Finish().AsSpan(0, 12));
    }

    /// <summary>The version as environment ids, store folders and package locks spell it: normalized, lower case.</summary>
    internal static string NormalizeVersion(NuGetVersion version) => version.ToNormalizedString().ToLowerInvariant();
}
