using System.Text.RegularExpressions;
using NuGet.Versioning;

namespace DepResolve.Engine.Analysis.PowerShell;

/// <summary>
/// Reads a version hint from a comment on the same line as an import, e.g.
/// <c>Import-Module Pester # &gt;= 5.3</c>, <c># 5.3</c>, <c># [5.0,6.0)</c>, <c># &gt;= 5.3, &lt; 6</c>.
/// The whole comment must be the hint (an optional leading "version", "requires" or "min" word is allowed),
/// so ordinary prose comments never turn into constraints. A bare version needs a dot ("5.3", not "42").
/// </summary>
internal static partial class VersionHintComment
{
    /// <summary>The normalized NuGet range the comment asks for, or null when it is not a version hint.</summary>
    public static string? Parse(string? comment)
    {
        if (string.IsNullOrWhiteSpace(comment))
        {
            return null;
        }

        var text = StripCommentMarkers(comment);
        text = LeadingWord().Replace(text, "");
        if (text.Length == 0)
        {
            return null;
        }

        if (text[0] is '[' or '(')
        {
            return VersionRange.TryParse(text, out var explicitRange) ? explicitRange.ToNormalizedString() : null;
        }

        var bare = BareVersion().Match(text);
        if (bare.Success)
        {
            return NuGetVersion.TryParse(bare.Groups["v"].Value, out var min)
                ? new VersionRange(min, true).ToNormalizedString()
                : null;
        }

        return ParseComparisons(text);
    }

    private static string? ParseComparisons(string text)
    {
        NuGetVersion? min = null, max = null;
        bool minInclusive = true, maxInclusive = true;
        var parts = text.Split(new[] { ',', ' ' }, StringSplitOptions.RemoveEmptyEntries);
        var joined = string.Join(" ", parts);
        var matches = Comparison().Matches(joined);
        if (matches.Count == 0 || matches.Count > 2 || Comparison().Replace(joined, "").Trim().Length != 0)
        {
            return null;
        }

        foreach (Match match in matches)
        {
            if (!NuGetVersion.TryParse(match.Groups["v"].Value, out var version) && !TryParseMajor(match.Groups["v"].Value, out version))
            {
                return null;
            }

            switch (match.Groups["op"].Value)
            {
                case ">=" or "=>":
                    if (min is not null) return null;
                    (min, minInclusive) = (version, true);
                    break;
                case ">":
                    if (min is not null) return null;
                    (min, minInclusive) = (version, false);
                    break;
                case "<=" or "=<":
                    if (max is not null) return null;
                    (max, maxInclusive) = (version, true);
                    break;
                case "<":
                    if (max is not null) return null;
                    (max, maxInclusive) = (version, false);
                    break;
                default:
                    if (matches.Count != 1) return null;
                    return new VersionRange(version, true, version, true).ToNormalizedString();
            }
        }

        if (min is not null && max is not null && (min > max || (min == max && !(minInclusive && maxInclusive))))
        {
            return null;
        }

        return new VersionRange(min, minInclusive, max, maxInclusive).ToNormalizedString();
    }

    private static bool TryParseMajor(string text, out NuGetVersion version)
    {
        version = null!;
        if (!int.TryParse(text, out var major) || major < 0)
        {
            return false;
        }

        version = new NuGetVersion(major, 0, 0);
        return true;
    }

    private static string StripCommentMarkers(string comment)
    {
        var text = comment.Trim();
        if (text.StartsWith("<#", StringComparison.Ordinal))
        {
            text = text[2..];
            if (text.EndsWith("#>", StringComparison.Ordinal))
            {
                text = text[..^2];
            }
        }

        return text.TrimStart('#').Trim();
    }

    [GeneratedRegex(@"^(?:version|requires|require|min(?:imum)?|needs)\s*:?\s*", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingWord();

    [GeneratedRegex(@"^v?(?<v>\d+\.\d+(?:\.\d+){0,2}(?:-[0-9A-Za-z.-]+)?)\+?$", RegexOptions.IgnoreCase)]
    private static partial Regex BareVersion();

    [GeneratedRegex(@"(?<op>>=|=>|<=|=<|==|=|>|<)\s*v?(?<v>\d+(?:\.\d+){0,3}(?:-[0-9A-Za-z.-]+)?)", RegexOptions.IgnoreCase)]
    private static partial Regex Comparison();
}
