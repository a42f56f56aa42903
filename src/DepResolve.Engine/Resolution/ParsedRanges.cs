using NuGet.Versioning;

namespace DepResolve.Engine.Resolution;

/// <summary>
/// Version ranges parsed once per distinct text while one lock file or one cached resolution is read: a large graph
/// spells the same ranges many times over (every package that depends on one package usually asks for the same
/// range). A range is immutable, so the packages that spell it alike share one.
/// </summary>
internal sealed class ParsedRanges
{
    private readonly Dictionary<string, VersionRange> _byText = new(StringComparer.Ordinal);

    /// <summary>As <see cref="VersionRangeParser.TryParse"/>.</summary>
    public bool TryParse(string text, out VersionRange range)
    {
        if (_byText.TryGetValue(text, out var known))
        {
            range = known;
            return true;
        }

        if (!VersionRangeParser.TryParse(text, out range))
        {
            return false;
        }

        _byText.Add(text, range);
        return true;
    }
}
