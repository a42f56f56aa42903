using DepResolve.Engine.Configuration;

namespace DepResolve.Engine.Resolution;

/// <summary>The feeds (by name) that came from NuGet.Config, and NuGet.Config's packageSourceMapping for them.</summary>
internal sealed record LibrarySources(IReadOnlyList<string> FeedNames, PackageSourceMapping SourceMapping)
{
    /// <summary>A stable text, for resolution fingerprints.</summary>
    public override string ToString() =>
        string.Join(",", FeedNames.Select(n => n.ToLowerInvariant()).Order(StringComparer.Ordinal)) + "|" + SourceMapping;
}
