namespace DepResolve.Engine.Resolution;

/// <summary>Every version of one id its one source offers, in ascending order.</summary>
internal sealed class PackageVersions
{
    public PackageVersions(string id, IReadOnlyList<CandidateVersion> versions, IReadOnlyList<string> feedsAsked, string? source = null, string? explanation = null)
    {
        Explanation = explanation;
        Source = source;
        Id = id;
        Versions = versions;
        FeedsAsked = feedsAsked;
    }

    public string Id { get; }

    /// <summary>Ascending by version; one entry per version (2.0.4 and 2.0.4.0 are one version).</summary>
    public IReadOnlyList<CandidateVersion> Versions { get; }

    /// <summary>Feed names that were asked for this id, in priority order.</summary>
    public IReadOnlyList<string> FeedsAsked { get; }

    /// <summary>The feed every version comes from; null when no feed has the id.</summary>
    public string? Source { get; }

    /// <summary>Why no feed was asked for it (a package source mapping that allows no configured feed); null otherwise.</summary>
    public string? Explanation { get; }
}
