using NuGet.Versioning;

namespace DepResolve.Engine.Resolution;

/// <summary>
/// Whether one requirement accepts one version. Beyond the range itself, NuGet's rules apply per requirement:
/// a prerelease version only when prereleases are allowed or the range itself names a prerelease bound
/// (1.0.0-beta, 1.0.0-*), and an unlisted version only when the range's inclusive minimum is exactly it.
/// </summary>
internal static class VersionAdmission
{
    public static bool Accepts(VersionRange range, bool allowPrerelease, CandidateVersion candidate) =>
        Accepts(range, allowPrerelease, candidate.Version, candidate.IsListed);

    public static bool Accepts(VersionRange range, bool allowPrerelease, NuGetVersion version, bool isListed = true)
    {
        if (!range.Satisfies(version))
        {
            return false;
        }

        if (version.IsPrerelease && !allowPrerelease && !NamesPrerelease(range))
        {
            return false;
        }

        if (!isListed && !(range.HasLowerBound && range.IsMinInclusive && range.MinVersion == version))
        {
            return false;
        }

        return true;
    }

    public static bool NamesPrerelease(VersionRange range) =>
        range.MinVersion?.IsPrerelease == true
        || range.MaxVersion?.IsPrerelease == true
        || (range.IsFloating && range.Float.IncludePrerelease);

    /// <summary>For a floating range (1.*), whether the version is what the float aims at (a 1.x version).</summary>
    public static bool MatchesFloat(VersionRange range, NuGetVersion version) =>
        range.IsFloating && range.Float.Satisfies(version);
}
