using DepResolve.Engine.Packaging;
using System.Text.Json.Serialization;
using NuGet.Frameworks;
using NuGet.Versioning;

namespace DepResolve.Engine.Caching;

/// <summary>What metadata/&lt;feed&gt;/*.json hold: feed answers as plain strings, with the time they were fetched.</summary>
internal sealed class CachedAnswer<T>
{
    [JsonPropertyName("fetchedUtc")]
    public DateTime FetchedUtc { get; set; }

    [JsonPropertyName("value")]
    public T? Value { get; set; }
}

internal sealed class FeedVersionRecord
{
    [JsonPropertyName("version")]
    public string Version { get; set; } = "";

    [JsonPropertyName("listed")]
    public bool IsListed { get; set; }

    public static FeedVersionRecord From(FeedVersion version) => new() { Version = version.Version.ToFullString(), IsListed = version.IsListed };

    public FeedVersion ToFeedVersion() => new(NuGetVersion.Parse(Version), IsListed);
}

internal sealed class PackageMetadataRecord
{
    private const string AnyFramework = "any";

    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("version")]
    public string Version { get; set; } = "";

    [JsonPropertyName("groups")]
    public List<DependencyGroupRecord> Groups { get; set; } = new();

    [JsonPropertyName("tags")]
    public List<string> Tags { get; set; } = new();

    [JsonPropertyName("listed")]
    public bool IsListed { get; set; } = true;

    [JsonPropertyName("sha512")]
    public string? Sha512 { get; set; }

    [JsonPropertyName("size")]
    public long? Size { get; set; }

    [JsonPropertyName("description")]
    public string? Description { get; set; }

    [JsonPropertyName("authors")]
    public string? Authors { get; set; }

    [JsonPropertyName("feed")]
    public string FeedName { get; set; } = "";

    public static PackageMetadataRecord From(PackageMetadata metadata) => new()
    {
        Id = metadata.Id,
        Version = metadata.Version.ToFullString(),
        Groups = metadata.DependencyGroups.Select(g => new DependencyGroupRecord
        {
            Framework = g.TargetFramework.IsAny ? AnyFramework : g.TargetFramework.GetShortFolderName(),
            Dependencies = g.Dependencies.Select(d => new DependencyRecord { Id = d.Id, Range = d.Range.ToNormalizedString() }).ToList(),
        }).ToList(),
        Tags = metadata.Tags.ToList(),
        IsListed = metadata.IsListed,
        Sha512 = metadata.PublishedSha512,
        Size = metadata.PackageSize,
        Description = metadata.Description,
        Authors = metadata.Authors,
        FeedName = metadata.FeedName,
    };

    public PackageMetadata ToMetadata() => new()
    {
        Id = Id,
        Version = NuGetVersion.Parse(Version),
        DependencyGroups = Groups.Select(g => new PackageDependencyGroup(
            g.Framework == AnyFramework ? NuGetFramework.AnyFramework : NuGetFramework.ParseFolder(g.Framework),
            g.Dependencies.Select(d => new PackageDependency(d.Id, VersionRange.Parse(d.Range))).ToList())).ToList(),
        Tags = Tags,
        IsListed = IsListed,
        PublishedSha512 = Sha512,
        PackageSize = Size,
        Description = Description,
        Authors = Authors,
        FeedName = FeedName,
    };
}

internal sealed class DependencyGroupRecord
{
    [JsonPropertyName("framework")]
    public string Framework { get; set; } = "";

    [JsonPropertyName("dependencies")]
    public List<DependencyRecord> Dependencies { get; set; } = new();
}

internal sealed class DependencyRecord
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("range")]
    public string Range { get; set; } = "";
}
