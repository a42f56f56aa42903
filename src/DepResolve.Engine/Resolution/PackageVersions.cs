namespace DepResolve.Engine.Resolution;

/// <summary>Every version of one id the configured feeds offer, merged by feed priority, in ascending order.</summary>
public sealed class PackageVersions
{
    public PackageVersions(string id, IReadOnlyList<CandidateVersion> versions, IReadOnlyList<string> feedsAsked)
    {
        Id = id;
        Versions = versions;
        FeedsAsked = feedsAsked;
    }

    public string Id { get; }

    /// <summary>Ascending by version; one entry per version (2.0.4 and 2.0.4.0 are one version).</summary>
    public IReadOnlyList<CandidateVersion> Versions { get; }

    /// <summary>Feed names that were asked for this id, in priority order.</summary>
    public IReadOnlyList<string> FeedsAsked { get; }
}
