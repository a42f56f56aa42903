using DepResolve.Engine.Packaging;
using NuGet.Frameworks;
using NuGet.Versioning;

namespace DepResolve.Engine.Tests.Fixtures;

/// <summary>One package version of an <see cref="InMemoryFeed"/>; every method returns the builder for chaining.</summary>
public sealed class InMemoryPackageBuilder
{
    private readonly InMemoryFeed _feed;
    private readonly List<(NuGetFramework Framework, PackageDependency Dependency)> _dependencies = new();
    private readonly List<NuGetFramework> _emptyGroups = new();
    private readonly List<string> _tags = new();

    internal InMemoryPackageBuilder(InMemoryFeed feed, string id, NuGetVersion version)
    {
        _feed = feed;
        Id = id;
        Version = version;
    }

    public string Id { get; }

    public NuGetVersion Version { get; }

    public bool IsListed { get; private set; } = true;

    public IReadOnlyList<string> TagList => _tags;

    /// <summary>A dependency in the any-framework group. <paramref name="range"/> is NuGet range syntax ("[2.0,)", "1.0").</summary>
    public InMemoryPackageBuilder DependsOn(string id, string range = "0.0.0") =>
        DependsOn(NuGetFramework.AnyFramework, id, range);

    /// <summary>A dependency in the group for <paramref name="targetFramework"/> (e.g. "net8.0", "net472").</summary>
    public InMemoryPackageBuilder DependsOnFor(string targetFramework, string id, string range = "0.0.0") =>
        DependsOn(NuGetFramework.Parse(targetFramework), id, range);

    /// <summary>Declares a framework group that has no dependencies.</summary>
    public InMemoryPackageBuilder EmptyGroupFor(string targetFramework)
    {
        _emptyGroups.Add(NuGetFramework.Parse(targetFramework));
        return this;
    }

    public InMemoryPackageBuilder Tags(params string[] tags)
    {
        _tags.AddRange(tags);
        return this;
    }

    /// <summary>Tags it as a PowerShell module, with PSCommand_ tags for the given commands.</summary>
    public InMemoryPackageBuilder PowerShellModule(params string[] commands)
    {
        _tags.Add("PSModule");
        _tags.AddRange(commands.Select(c => "PSCommand_" + c));
        return this;
    }

    public InMemoryPackageBuilder Unlisted()
    {
        IsListed = false;
        return this;
    }

    /// <summary>Starts another package on the same feed, so a whole graph reads as one chain.</summary>
    public InMemoryPackageBuilder Package(string id, string version) => _feed.Package(id, version);

    internal PackageMetadata ToMetadata(string feedName) => new()
    {
        Id = Id,
        Version = Version,
        DependencyGroups = _dependencies
            .Select(d => d.Framework)
            .Concat(_emptyGroups)
            .Distinct()
            .Select(f => new PackageDependencyGroup(f, _dependencies.Where(d => d.Framework.Equals(f)).Select(d => d.Dependency).ToList()))
            .ToList(),
        Tags = _tags.ToList(),
        IsListed = IsListed,
        PublishedSha512 = InMemoryFeed.Sha512Of(Id, Version),
        PackageSize = InMemoryFeed.ContentOf(Id, Version).Length,
        FeedName = feedName,
    };

    private InMemoryPackageBuilder DependsOn(NuGetFramework framework, string id, string range)
    {
        _dependencies.Add((framework, new PackageDependency(id, VersionRange.Parse(range))));
        return this;
    }
}
