using DepResolve.Engine.Model;
using NuGet.Versioning;

namespace DepResolve.Engine.Resolution;

/// <summary>
/// Turns user-written version strings into NuGet ranges and versions, failing with InvalidInput that names
/// the text and where it came from. NuGet's meanings apply: "1.2" is at least 1.2, "[1.2]" exactly 1.2,
/// "[1.0, 2.0)" an interval, "1.*" and "*" floating (the newest match).
/// </summary>
internal static class VersionRangeParser
{
    /// <summary>Parses <paramref name="text"/>; null or blank means any version.</summary>
    /// <param name="origin">Where the text came from (a file, a parameter), for the error message.</param>
    public static VersionRange Parse(string? text, string? origin = null)
    {
        if (TryParse(text, out var range))
        {
            return range;
        }

        throw new DepResolveException(
            ErrorCode.InvalidInput,
            $"'{text}' is not a valid version range{Where(origin)}. Write a minimum version (1.2.0), an exact version ([1.2.0]), " +
            "an interval ([1.0.0, 2.0.0)) or a floating version (1.*, *).",
            origin ?? text);
    }

    public static bool TryParse(string? text, out VersionRange range)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            range = VersionRange.All;
            return true;
        }

        if (VersionRange.TryParse(text.Trim(), allowFloating: true, out var parsed))
        {
            range = parsed;
            return true;
        }

        range = VersionRange.None;
        return false;
    }

    /// <summary>Parses one version (2, 3 or 4 parts, optional prerelease label).</summary>
    public static NuGetVersion ParseVersion(string? text, string? origin = null)
    {
        if (!string.IsNullOrWhiteSpace(text) && NuGetVersion.TryParse(text.Trim(), out var version))
        {
            return version;
        }

        throw new DepResolveException(
            ErrorCode.InvalidInput,
            $"'{text}' is not a valid version{Where(origin)}. Write a version such as 1.2.0, 1.2.0.4 or 1.2.0-preview1.",
            origin ?? text);
    }

    private static string Where(string? origin) => string.IsNullOrEmpty(origin) ? "" : $" in {origin}";
}
