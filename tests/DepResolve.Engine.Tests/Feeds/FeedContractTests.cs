using DepResolve.Engine.Feeds;
using DepResolve.Engine.Model;
using DepResolve.Engine.Packaging;
using DepResolve.Engine.Tests.Fixtures;
using DepResolve.Testing;
using NuGet.Frameworks;
using NuGet.Versioning;

namespace DepResolve.Engine.Tests.Feeds;

/// <summary>
/// The behaviour every <see cref="IPackageFeed"/> shares. Derive once per implementation and override
/// <see cref="CreateFeedAsync"/>: it receives a folder of flat *.nupkg files (the packages in
/// <see cref="ContractPackages"/>) and returns a feed serving exactly those — a local feed reads the folder
/// (or a copy in another layout), an HTTP feed starts a loopback server over it. Override
/// <see cref="DisposeFeedAsync"/> to stop servers; the default disposes the feed if it is disposable.
/// Each test gets a fresh folder and a fresh feed.
/// </summary>
public abstract class FeedContractTests : IAsyncLifetime
{
    private readonly TempFolder _temp = new("depresolve-feed-contract");
    private readonly Dictionary<string, string> _packageFiles = new(StringComparer.OrdinalIgnoreCase);
    private IPackageFeed? _feed;

    /// <summary>Where the flat contract packages are written before <see cref="CreateFeedAsync"/> runs.</summary>
    protected string PackagesFolder => _temp.Combine("packages");

    /// <summary>A scratch folder beside the packages (downloads go here, layouts may be built here).</summary>
    protected string ScratchFolder => _temp.Combine("scratch");

    private protected IPackageFeed Feed => _feed ?? throw new InvalidOperationException("The feed is created in InitializeAsync.");

    /// <summary>Builds the feed under test over <paramref name="packagesFolder"/>.</summary>
    private protected abstract Task<IPackageFeed> CreateFeedAsync(string packagesFolder);

    private protected virtual async Task DisposeFeedAsync(IPackageFeed feed)
    {
        switch (feed)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(ScratchFolder);
        foreach (var builder in ContractPackages.All())
        {
            _packageFiles[$"{builder.Id}/{NuGetVersion.Parse(builder.Version).ToNormalizedString()}"] = builder.Build(PackagesFolder);
        }

        _feed = await CreateFeedAsync(PackagesFolder);
    }

    public async Task DisposeAsync()
    {
        if (_feed is not null)
        {
            await DisposeFeedAsync(_feed);
        }

        _temp.Dispose();
    }

    /// <summary>The .nupkg file in <see cref="PackagesFolder"/> that holds <paramref name="id"/> <paramref name="version"/>.</summary>
    protected string PackageFile(string id, string version) => _packageFiles[$"{id}/{NuGetVersion.Parse(version).ToNormalizedString()}"];

    private static CancellationToken None => CancellationToken.None;

    [Fact]
    public async Task ListVersions_ListsEveryVersionIncludingPrerelease()
    {
        var versions = await Feed.ListVersionsAsync(ContractPackages.Accounts, None);

        Assert.Equal(
            new[] { "2.0.4", "2.1.0", "3.0.0-preview" },
            versions.Select(v => v.Version).OrderBy(v => v).Select(v => v.ToNormalizedString()));
        Assert.All(versions, v => Assert.True(v.IsListed));
        Assert.Single(versions, v => v.Version.IsPrerelease);
    }

    [Fact]
    public async Task ListVersions_IdIsCaseInsensitive()
    {
        var versions = await Feed.ListVersionsAsync("az.ACCOUNTS", None);
        Assert.Equal(3, versions.Count);
    }

    [Fact]
    public async Task UnknownId_IsEmptyNotAnError()
    {
        Assert.Empty(await Feed.ListVersionsAsync("No.Such.Package", None));
        Assert.Empty(await Feed.GetAllMetadataAsync("No.Such.Package", None));
        Assert.Null(await Feed.GetMetadataAsync("No.Such.Package", NuGetVersion.Parse("1.0.0"), None));
    }

    [Fact]
    public async Task GetMetadata_ModuleHasItsDependencyRangeAndGalleryTags()
    {
        var metadata = await Feed.GetMetadataAsync(ContractPackages.Storage, NuGetVersion.Parse("1.0.0.1"), None);

        Assert.NotNull(metadata);
        Assert.Equal(ContractPackages.Storage, metadata.Id);
        Assert.Equal(NuGetVersion.Parse("1.0.0.1"), metadata.Version);
        Assert.True(metadata.IsListed);
        Assert.True(metadata.IsPowerShellModule);
        Assert.Contains("PSCommand_Get-AzStorageAccount", metadata.Tags);
        Assert.Contains("PSFunction_Get-AzStorageAccount", metadata.Tags);
        Assert.Contains("Azure", metadata.Tags);
        Assert.Equal(Feed.Name, metadata.FeedName);
        var dependency = Assert.Single(metadata.DependencyGroups.SelectMany(g => g.Dependencies));
        Assert.Equal(ContractPackages.Accounts, dependency.Id, ignoreCase: true);
        Assert.True(dependency.Range.Satisfies(NuGetVersion.Parse("2.0.4")));
        Assert.True(dependency.Range.Satisfies(NuGetVersion.Parse("2.1.0")));
        Assert.False(dependency.Range.Satisfies(NuGetVersion.Parse("2.0.3")));
    }

    [Fact]
    public async Task GetMetadata_LibraryHasOneDependencyGroupPerFramework()
    {
        var metadata = await Feed.GetMetadataAsync(ContractPackages.Library, NuGetVersion.Parse("1.2.0"), None);

        Assert.NotNull(metadata);
        Assert.False(metadata.IsPowerShellModule);
        var groups = metadata.DependencyGroups.ToDictionary(g => g.TargetFramework);
        Assert.Equal(2, groups.Count);
        Assert.Equal(new[] { ContractPackages.Core }, groups[NuGetFramework.Parse("net8.0")].Dependencies.Select(d => d.Id));
        var netStandard = groups[NuGetFramework.Parse("netstandard2.0")].Dependencies.OrderBy(d => d.Id, StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { ContractPackages.Core, "System.Memory" }, netStandard.Select(d => d.Id));
        Assert.True(netStandard[1].Range.Satisfies(NuGetVersion.Parse("4.5.5")));
        Assert.False(netStandard[1].Range.Satisfies(NuGetVersion.Parse("4.5.4")));
    }

    [Fact]
    public async Task GetMetadata_MissingVersionIsNull() =>
        Assert.Null(await Feed.GetMetadataAsync(ContractPackages.Accounts, NuGetVersion.Parse("9.9.9"), None));

    [Fact]
    public async Task GetMetadata_AcceptsAnyCaseOfIdAndAnySpellingOfTheVersion()
    {
        var metadata = await Feed.GetMetadataAsync("AZ.accounts", NuGetVersion.Parse("2.1"), None);
        Assert.NotNull(metadata);
        Assert.Equal(NuGetVersion.Parse("2.1.0"), metadata.Version);
        Assert.Equal(ContractPackages.Accounts, metadata.Id);
    }

    [Fact]
    public async Task GetAllMetadata_ReturnsEveryVersionWithItsOwnDependencies()
    {
        var all = await Feed.GetAllMetadataAsync(ContractPackages.Core, None);

        Assert.Equal(new[] { "1.0.0", "1.1.0-beta" }, all.Select(m => m.Version).OrderBy(v => v).Select(v => v.ToNormalizedString()));
        Assert.Empty(all.Single(m => !m.Version.IsPrerelease).DependencyGroups.SelectMany(g => g.Dependencies));
        Assert.Equal(new[] { "System.Buffers" }, all.Single(m => m.Version.IsPrerelease).DependencyGroups.SelectMany(g => g.Dependencies).Select(d => d.Id));
    }

    [Fact]
    public async Task Download_WritesThePackageAndItsTrueSha512()
    {
        var destination = Path.Combine(ScratchFolder, "down", "accounts.nupkg");

        var downloaded = await Feed.DownloadAsync("az.accounts", NuGetVersion.Parse("2.1.0"), destination, None);

        Assert.NotNull(downloaded.FilePath);
        Assert.Equal(Path.GetFullPath(destination), Path.GetFullPath(downloaded.FilePath));
        Assert.Null(downloaded.Content);
        Assert.Equal(ContractPackages.Accounts, downloaded.Id);
        Assert.Equal(NuGetVersion.Parse("2.1.0"), downloaded.Version);
        Assert.Equal(Feed.Name, downloaded.FeedName);
        var original = PackageFile(ContractPackages.Accounts, "2.1.0");
        Assert.Equal(File.ReadAllBytes(original), File.ReadAllBytes(destination));
        Assert.Equal(PackageHash.ComputeSha512OfFile(destination), downloaded.Sha512);
        Assert.Equal(PackageHash.ComputeSha512OfFile(original), downloaded.Sha512);
        Assert.Equal(new FileInfo(original).Length, downloaded.Length);
        Assert.Equal(new[] { "accounts.nupkg" }, Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(destination)!).Select(Path.GetFileName));
    }

    [Fact]
    public async Task DownloadToMemoryOrFile_KeepsAPackageWithinTheLimitInMemoryAndWritesNothing()
    {
        var destination = Path.Combine(ScratchFolder, "memory", "accounts.nupkg");
        var original = PackageFile(ContractPackages.Accounts, "2.1.0");

        var downloaded = await Feed.DownloadToMemoryOrFileAsync("az.accounts", NuGetVersion.Parse("2.1.0"), destination, new FileInfo(original).Length, None);

        Assert.Null(downloaded.FilePath);
        Assert.NotNull(downloaded.Content);
        Assert.Equal(File.ReadAllBytes(original), downloaded.Content.Memory.ToArray());
        Assert.Equal(ContractPackages.Accounts, downloaded.Id);
        Assert.Equal(PackageHash.ComputeSha512OfFile(original), downloaded.Sha512);
        Assert.Equal(new FileInfo(original).Length, downloaded.Length);
        Assert.False(Directory.Exists(Path.GetDirectoryName(destination)) && Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(destination)!).Any());
    }

    [Fact]
    public async Task DownloadToMemoryOrFile_WritesAPackageOverTheLimitToTheFile()
    {
        var destination = Path.Combine(ScratchFolder, "over", "accounts.nupkg");
        var original = PackageFile(ContractPackages.Accounts, "2.1.0");

        var downloaded = await Feed.DownloadToMemoryOrFileAsync("az.accounts", NuGetVersion.Parse("2.1.0"), destination, new FileInfo(original).Length - 1, None);

        Assert.Null(downloaded.Content);
        Assert.NotNull(downloaded.FilePath);
        Assert.Equal(Path.GetFullPath(destination), Path.GetFullPath(downloaded.FilePath));
        Assert.Equal(File.ReadAllBytes(original), File.ReadAllBytes(destination));
        Assert.Equal(PackageHash.ComputeSha512OfFile(original), downloaded.Sha512);
        Assert.Equal(new[] { "accounts.nupkg" }, Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(destination)!).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Download_OverwritesAnExistingFile()
    {
        var destination = Path.Combine(ScratchFolder, "lib.nupkg");
        File.WriteAllText(destination, "stale content");

        var downloaded = await Feed.DownloadAsync(ContractPackages.Library, NuGetVersion.Parse("1.2.0"), destination, None);

        Assert.Equal(File.ReadAllBytes(PackageFile(ContractPackages.Library, "1.2.0")), File.ReadAllBytes(destination));
        Assert.Equal(PackageHash.ComputeSha512OfFile(destination), downloaded.Sha512);
    }

    [Fact]
    public async Task Download_MissingVersionIsPackageNotFoundNamingIt()
    {
        var destination = Path.Combine(ScratchFolder, "missing.nupkg");

        var ex = await Assert.ThrowsAsync<DepResolveException>(() => Feed.DownloadAsync(ContractPackages.Accounts, NuGetVersion.Parse("9.9.9"), destination, None));

        Assert.Equal(ErrorCode.PackageNotFound, ex.Code);
        Assert.Contains(ContractPackages.Accounts, ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("9.9.9", ex.Message);
        Assert.False(File.Exists(destination));
    }

    [Fact]
    public async Task SearchByTag_FindsAModuleByItsCommandTag()
    {
        var found = await Feed.SearchByTagAsync("PSCommand_Connect-AzAccount", includePrerelease: false, None);

        if (!Feed.SupportsTagSearch)
        {
            Assert.Empty(found);
            return;
        }

        var match = Assert.Single(found);
        Assert.Equal(ContractPackages.Accounts, match.Id);
        Assert.False(match.Version.IsPrerelease);
        Assert.Contains("PSCommand_Connect-AzAccount", match.Tags);
    }

    [Fact]
    public async Task SearchByTag_OnlyPrereleaseCarriesTheTag()
    {
        Assert.Empty(await Feed.SearchByTagAsync("PSCommand_Connect-AzPreview", includePrerelease: false, None));

        var withPrerelease = await Feed.SearchByTagAsync("PSCommand_Connect-AzPreview", includePrerelease: true, None);

        if (Feed.SupportsTagSearch)
        {
            var match = Assert.Single(withPrerelease);
            Assert.Equal(NuGetVersion.Parse("3.0.0-preview"), match.Version);
        }
    }

    [Fact]
    public async Task SearchByTag_UnknownTagIsEmpty() =>
        Assert.Empty(await Feed.SearchByTagAsync("PSCommand_Get-NothingAtAll", includePrerelease: true, None));

    /// <summary>
    /// The packages every feed serves in the contract tests: PowerShell modules shaped like the gallery's
    /// (with a four-part version and a prerelease) and NuGet libraries with framework-specific groups.
    /// </summary>
    internal static class ContractPackages
    {
        public const string Accounts = "Az.Accounts";
        public const string Storage = "Az.Storage";
        public const string Library = "Contoso.Lib";
        public const string Core = "Contoso.Core";

        public static IEnumerable<PackageBuilder> All()
        {
            yield return new PackageBuilder(Accounts, "2.0.4").AsModule(functions: new[] { "Connect-AzAccount" }, cmdlets: new[] { "Get-AzContext" }).WithTags("Azure");
            yield return new PackageBuilder(Accounts, "2.1.0").AsModule(functions: new[] { "Connect-AzAccount" }, cmdlets: new[] { "Get-AzContext" }).WithTags("Azure");
            yield return new PackageBuilder(Accounts, "3.0.0-preview").AsModule(functions: new[] { "Connect-AzAccount", "Connect-AzPreview" }).WithTags("Azure");
            yield return new PackageBuilder(Storage, "1.0.0.1")
                .AsModule(functions: new[] { "Get-AzStorageAccount" }, moduleVersion: "1.0.0")
                .DependsOn(Accounts, "2.0.4")
                .WithTags("Azure", "Storage");
            yield return new PackageBuilder(Library, "1.2.0")
                .AsLibrary("net8.0", "netstandard2.0")
                .DependsOn(Core, "[1.0.0, )")
                .DependsOn("System.Memory", "4.5.5", "netstandard2.0");
            yield return new PackageBuilder(Core, "1.0.0").AsLibrary("netstandard2.0");
            yield return new PackageBuilder(Core, "1.1.0-beta").AsLibrary("netstandard2.0").DependsOn("System.Buffers", "4.5.1", "netstandard2.0");
        }
    }
}
