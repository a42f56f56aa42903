using DepResolve.Engine.Feeds;
using DepResolve.Engine.Model;
using DepResolve.Engine.Packaging;
using DepResolve.Engine.Tests.Fixtures;
using DepResolve.Testing;
using NuGet.Versioning;

namespace DepResolve.Engine.Tests.Feeds;

/// <summary>What only a local folder feed does: layouts, identification by nuspec, rescans, sidecar hashes, bad files.</summary>
public sealed class LocalFolderFeedTests : IDisposable
{
    private readonly TempFolder _temp = new("depresolve-localfeed");

    private string Packages => _temp.Combine("packages");

    private static CancellationToken None => CancellationToken.None;

    public void Dispose() => _temp.Dispose();

    private static async Task<string[]> VersionsOf(IPackageFeed feed, string id) =>
        (await feed.ListVersionsAsync(id, None)).Select(v => v.Version).OrderBy(v => v).Select(v => v.ToNormalizedString()).ToArray();

    [Fact]
    public async Task MissingFolderIsInvalidInputNamingIt()
    {
        var feed = new LocalFolderFeed(_temp.Combine("not-there"));

        var ex = await Assert.ThrowsAsync<DepResolveException>(() => feed.ListVersionsAsync("A", None));

        Assert.Equal(ErrorCode.InvalidInput, ex.Code);
        Assert.Contains(_temp.Combine("not-there"), ex.Message);
    }

    [Fact]
    public async Task PackagesAreIdentifiedByTheirNuspecNotTheFileName()
    {
        new PackageBuilder("Foo", "1.0.0").Build(Packages);
        File.Move(Path.Combine(Packages, "Foo.1.0.0.nupkg"), Path.Combine(Packages, "Foo.Bar.2.0.0.nupkg"));
        new PackageBuilder("Foo.Bar", "1.0.0").Build(Packages);
        File.Move(Path.Combine(Packages, "Foo.Bar.1.0.0.nupkg"), Path.Combine(Packages, "anything.nupkg"));
        var feed = new LocalFolderFeed(Packages);

        Assert.Equal(new[] { "1.0.0" }, await VersionsOf(feed, "Foo"));
        Assert.Equal(new[] { "1.0.0" }, await VersionsOf(feed, "Foo.Bar"));
        Assert.Null(await feed.GetMetadataAsync("Foo.Bar", NuGetVersion.Parse("2.0.0"), None));
    }

    [Fact]
    public async Task FlatAndHierarchicalPackagesInOneFolderAreBothFound()
    {
        new PackageBuilder("Mixed", "1.0.0").Build(Packages);
        new PackageBuilder("Mixed", "2.0.0").BuildHierarchical(Packages);
        new PackageBuilder("Other", "1.0.0-rc.1").BuildHierarchical(Packages);
        new PackageBuilder("Mixed", "9.0.0").Build(_temp.Combine("packages", "mixed", "9.0.0", "deeper"));
        var feed = new LocalFolderFeed(Packages);

        Assert.Equal(new[] { "1.0.0", "2.0.0" }, await VersionsOf(feed, "mixed"));
        Assert.Equal(new[] { "1.0.0-rc.1" }, await VersionsOf(feed, "OTHER"));
    }

    [Fact]
    public async Task NewVersionsNewIdsRemovalsAndReplacementsAreSeenWithoutANewFeed()
    {
        var feed = new LocalFolderFeed(Packages);
        new PackageBuilder("Live", "1.0.0").Build(Packages);
        new PackageBuilder("Tree", "1.0.0").BuildHierarchical(Packages);
        Assert.Equal(new[] { "1.0.0" }, await VersionsOf(feed, "Live"));
        Assert.Equal(new[] { "1.0.0" }, await VersionsOf(feed, "Tree"));

        new PackageBuilder("Live", "1.1.0").Build(Packages);
        new PackageBuilder("Tree", "2.0.0").BuildHierarchical(Packages);
        new PackageBuilder("Fresh", "0.1.0").BuildHierarchical(Packages);
        Assert.Equal(new[] { "1.0.0", "1.1.0" }, await VersionsOf(feed, "Live"));
        Assert.Equal(new[] { "1.0.0", "2.0.0" }, await VersionsOf(feed, "Tree"));
        Assert.Equal(new[] { "0.1.0" }, await VersionsOf(feed, "Fresh"));

        File.Delete(Path.Combine(Packages, "Live.1.0.0.nupkg"));
        Assert.Equal(new[] { "1.1.0" }, await VersionsOf(feed, "Live"));

        var replaced = Path.Combine(Packages, "Live.1.1.0.nupkg");
        File.WriteAllBytes(replaced, new PackageBuilder("Live", "1.1.0").WithTags("Replaced", "WithALongerTagList").BuildBytes());
        var metadata = await feed.GetMetadataAsync("Live", NuGetVersion.Parse("1.1.0"), None);
        Assert.Contains("Replaced", metadata!.Tags);
    }

    [Fact]
    public async Task UnreadablePackagesAreSkippedAndNamedWhenSomethingIsMissing()
    {
        new PackageBuilder("Good", "1.0.0").Build(Packages);
        new PackageBuilder("Broken", "1.0.0").WithCorruptBytes().Build(Packages);
        var messages = new List<string>();
        var feed = new LocalFolderFeed(Packages, log: messages.Add);

        Assert.Equal(new[] { "1.0.0" }, await VersionsOf(feed, "Good"));
        var ex = await Assert.ThrowsAsync<DepResolveException>(() => feed.DownloadAsync("Broken", NuGetVersion.Parse("1.0.0"), _temp.Combine("out.nupkg"), None));

        Assert.Equal(ErrorCode.PackageNotFound, ex.Code);
        Assert.Contains("Broken 1.0.0", ex.Message);
        Assert.Contains(Packages, ex.Message);
        Assert.Contains("Broken.1.0.0.nupkg", ex.Message);
        Assert.Contains(messages, m => m.Contains("Broken.1.0.0.nupkg", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheSha512FileBesideAHierarchicalPackageIsItsPublishedHash()
    {
        var path = new PackageBuilder("Signed", "1.0.0").BuildHierarchical(Packages);
        var feed = new LocalFolderFeed(Packages);

        var metadata = await feed.GetMetadataAsync("Signed", NuGetVersion.Parse("1.0.0"), None);
        var downloaded = await feed.DownloadAsync("Signed", NuGetVersion.Parse("1.0.0"), _temp.Combine("signed.nupkg"), None);

        Assert.Equal(PackageHash.ComputeSha512OfFile(path), metadata!.PublishedSha512);
        Assert.Equal(metadata.PublishedSha512, downloaded.Sha512);
        Assert.Equal(new FileInfo(path).Length, metadata.PackageSize);
    }

    [Fact]
    public async Task DownloadOfAPackageThatDisagreesWithItsSha512FileIsHashMismatch()
    {
        var path = new PackageBuilder("Tampered", "1.0.0").BuildHierarchical(Packages);
        File.WriteAllText(path + ".sha512", Convert.ToBase64String(new byte[64]));
        var feed = new LocalFolderFeed(Packages);
        var destination = _temp.Combine("down", "tampered.nupkg");

        var ex = await Assert.ThrowsAsync<DepResolveException>(() => feed.DownloadAsync("Tampered", NuGetVersion.Parse("1.0.0"), destination, None));

        Assert.Equal(ErrorCode.HashMismatch, ex.Code);
        Assert.Contains("Tampered 1.0.0", ex.Message);
        Assert.Contains(path, ex.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_temp.Combine("down")));
    }

    [Fact]
    public async Task DuplicateIdAndVersionIsServedOnceFromTheFirstFile()
    {
        new PackageBuilder("Twin", "1.0").Build(Packages);
        new PackageBuilder("Twin", "1.0.0").BuildHierarchical(Packages);
        var messages = new List<string>();
        var feed = new LocalFolderFeed(Packages, log: messages.Add);

        Assert.Equal(new[] { "1.0.0" }, await VersionsOf(feed, "Twin"));
        Assert.Contains(messages, m => m.Contains("again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SymbolPackagesAreIgnored()
    {
        new PackageBuilder("Sym", "1.0.0").Build(Packages);
        File.WriteAllBytes(Path.Combine(Packages, "Sym.2.0.0.symbols.nupkg"), new PackageBuilder("Sym", "2.0.0").BuildBytes());
        var feed = new LocalFolderFeed(Packages);

        Assert.Equal(new[] { "1.0.0" }, await VersionsOf(feed, "Sym"));
    }

    [Fact]
    public async Task ConcurrentFirstUseAnswersEveryCallerCorrectly()
    {
        for (var i = 0; i < 12; i++)
        {
            new PackageBuilder("Par" + i, "1.0." + i).Build(Packages);
        }

        var feed = new LocalFolderFeed(Packages);
        var answers = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(() => VersionsOf(feed, "Par" + (i % 12)))));

        for (var i = 0; i < 24; i++)
        {
            Assert.Equal(new[] { "1.0." + (i % 12) }, answers[i]);
        }
    }

    [Fact]
    public async Task TagSearchReturnsTheHighestMatchingVersionOfEachId()
    {
        new PackageBuilder("Tagged", "1.0.0").AsModule(functions: new[] { "Get-Tagged" }).Build(Packages);
        new PackageBuilder("Tagged", "1.5.0").AsModule(functions: new[] { "Get-Tagged" }).Build(Packages);
        new PackageBuilder("Tagged", "2.0.0").AsModule(functions: new[] { "Get-Renamed" }).Build(Packages);
        new PackageBuilder("AlsoTagged", "0.1.0").AsModule(functions: new[] { "Get-Tagged" }).Build(Packages);
        var feed = new LocalFolderFeed(Packages);

        var found = await feed.SearchByTagAsync("pscommand_get-tagged", includePrerelease: false, None);

        Assert.Equal(new[] { "AlsoTagged 0.1.0", "Tagged 1.5.0" }, found.Select(m => $"{m.Id} {m.Version.ToNormalizedString()}"));
    }
}
