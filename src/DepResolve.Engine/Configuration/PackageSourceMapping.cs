namespace DepResolve.Engine.Configuration;

/// <summary>
/// Which package ids each source may supply, on the model of NuGet's package source mapping
/// (<c>"packageSourceMapping": { "team": ["Contoso.*"], "PSGallery": ["*"] }</c>). A pattern is an exact id or a
/// prefix ending in '*' ('*' alone matches every id), compared case-insensitively. The most specific pattern that
/// matches an id wins (an exact id over any prefix, a longer prefix over a shorter one), and the id may then come only
/// from the sources that list that pattern. Once any mapping is configured, an id no pattern matches comes from no source.
/// </summary>
internal sealed class PackageSourceMapping
{
    public static PackageSourceMapping None { get; } = new(new Dictionary<string, IReadOnlyList<string>>());

    public PackageSourceMapping(IReadOnlyDictionary<string, IReadOnlyList<string>> patternsBySource)
    {
        PatternsBySource = new Dictionary<string, IReadOnlyList<string>>(patternsBySource, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Source name to its id patterns.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> PatternsBySource { get; }

    public bool IsEmpty => PatternsBySource.Count == 0;

    /// <summary>True when <paramref name="pattern"/> is an id or an id prefix followed by a single trailing '*'.</summary>
    public static bool IsValidPattern(string pattern) =>
        pattern.Length > 0 && pattern.IndexOf('*') is var star && (star < 0 || star == pattern.Length - 1) && !pattern.Any(char.IsWhiteSpace);

    /// <summary>
    /// The sources <paramref name="id"/> may come from and the pattern that decided it; null when no mapping is
    /// configured (every source may supply it). An empty list: a mapping is configured and no pattern matches the id.
    /// </summary>
    public SourceMatch? Match(string id)
    {
        if (IsEmpty)
        {
            return null;
        }

        string? best = null;
        var sources = new List<string>();
        foreach (var (source, patterns) in PatternsBySource)
        {
            foreach (var pattern in patterns)
            {
                if (!Matches(pattern, id))
                {
                    continue;
                }

                var comparison = best is null ? 1 : Specificity(pattern).CompareTo(Specificity(best));
                if (comparison > 0)
                {
                    best = pattern;
                    sources.Clear();
                }

                if (comparison >= 0 && !sources.Contains(source, StringComparer.OrdinalIgnoreCase))
                {
                    sources.Add(source);
                }
            }
        }

        return new SourceMatch(sources, best);
    }

    /// <summary>Nearer settings win source by source (a source's patterns are replaced, not added to).</summary>
    public PackageSourceMapping MergedOver(PackageSourceMapping farther)
    {
        var merged = new Dictionary<string, IReadOnlyList<string>>(farther.PatternsBySource, StringComparer.OrdinalIgnoreCase);
        foreach (var (source, patterns) in PatternsBySource)
        {
            merged[source] = patterns;
        }

        return new PackageSourceMapping(merged);
    }

    /// <summary>A stable text of the mapping, for fingerprints.</summary>
    public override string ToString()
    {
        // The sources sorted as a list of strings rather than LINQ over the dictionary's KeyValuePairs: generic code
        // over that value type is compiled at run time in every fresh process, and every resolve call asks for this.
        var sources = new List<string>(PatternsBySource.Keys);
        sources.Sort(StringComparer.OrdinalIgnoreCase);
        return string.Join(";", sources.Select(source =>
            $"{source.ToLowerInvariant()}={string.Join(",", PatternsBySource[source].Select(v => v.ToLowerInvariant()).Order(StringComparer.Ordinal))}"));
    }

    private static bool Matches(string pattern, string id) =>
        pattern.EndsWith('*')
            ? id.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase)
            : string.Equals(pattern, id, StringComparison.OrdinalIgnoreCase);

    // An exact id beats every prefix; a longer prefix beats a shorter one.
    private static int Specificity(string pattern) => pattern.EndsWith('*') ? pattern.Length - 1 : int.MaxValue;
}

/// <summary>The sources a mapping allows for one id, and the pattern that matched (null when none did).</summary>
internal sealed record SourceMatch(IReadOnlyList<string> Sources, string? Pattern);
