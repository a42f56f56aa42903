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

    private static string Line(string id, NuGetVersion version, string? sha512) => $"{id.ToLowerInvariant()}/{NormalizeVersion(version)}/{sha512 ?? ""}";

    private static string FromLines(IEnumerable<string> packageLines, string? baseEnvironmentId)
    {
        var lines = packageLines
            .Distinct(StringComparer.Ordinal)
            .OrderBy(l => l, StringComparer.Ordinal)
            .ToList();
        lines.Add("base:" + (baseEnvironmentId ?? ""));
        var hash = new Utf8Sha256();
        for (var i = 0; i < lines.Count; i++)
        {
            hash.Append(i == 0 ? "" : "\n").Append(lines[i]);
        }

        return LowerHex.Of(hash.Finish().AsSpan(0, 12));
    }

    /// <summary>The version as environment ids, store folders and package locks spell it: normalized, lower case.</summary>
    internal static string NormalizeVersion(NuGetVersion version) => version.ToNormalizedString().ToLowerInvariant();
}
