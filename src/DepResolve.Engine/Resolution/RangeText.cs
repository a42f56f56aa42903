using NuGet.Versioning;

namespace DepResolve.Engine.Resolution;

/// <summary>The one way ranges and versions are printed in paths, results and lock files.</summary>
internal static class RangeText
{
    /// <summary>"[1.0.0, 2.0.0)", "[3.0.0, )", and "[1.2.0]" for an exact version. Always parseable again.</summary>
    public static string Format(VersionRange range)
    {
        if (!range.IsFloating && range.HasLowerAndUpperBounds && range.IsMinInclusive && range.IsMaxInclusive
            && range.MinVersion == range.MaxVersion)
        {
            return $"[{range.MinVersion!.ToNormalizedString()}]";
        }

        return range.ToNormalizedString();
    }

    public static string Format(NuGetVersion version) => version.ToNormalizedString();

    /// <summary>
    /// How a range reads in a requirement path ("deploy.ps1 -> Contoso.Greeting (any version)"): as Format, except
    /// that a range without bounds, which Format prints as "(, )", says what it means.
    /// </summary>
    public static string Describe(VersionRange range) =>
        !range.HasLowerBound && !range.HasUpperBound && !range.IsFloating ? AnyVersion : Format(range);

    public const string AnyVersion = "(any version)";
}
