using DepResolve.Engine.Feeds;
using DepResolve.Testing;

namespace DepResolve.Engine.Tests.Feeds;

/// <summary>The feed contract over a flat folder of *.nupkg.</summary>
public sealed class LocalFolderFeedFlatContractTests : FeedContractTests
{
    private protected override Task<IPackageFeed> CreateFeedAsync(string packagesFolder) =>
        Task.FromResult<IPackageFeed>(new LocalFolderFeed(packagesFolder, "flat"));
}

/// <summary>The feed contract over NuGet's hierarchical {id}/{version}/ layout.</summary>
public sealed class LocalFolderFeedHierarchicalContractTests : FeedContractTests
{
    private protected override Task<IPackageFeed> CreateFeedAsync(string packagesFolder)
    {
        var root = Path.Combine(ScratchFolder, "hierarchical");
        PackageBuilder.CopyAsHierarchical(packagesFolder, root);
        return Task.FromResult<IPackageFeed>(new LocalFolderFeed(root, "hierarchical"));
    }
}
