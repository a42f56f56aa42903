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

    /// <summary>For messages and paths people read: as <see cref="Format(VersionRange)"/>, but "(any version)" for no bounds at all.</summary>
    public static string Describe(VersionRange range) =>
        range is { HasLowerBound: false, HasUpperBound: false } && !range.IsFloating ? "(any version)" : Format(range);
}
