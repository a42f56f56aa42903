using DepResolve.Engine.Feeds;
using DepResolve.Engine.Feeds.NuGetV2;
using DepResolve.Engine.Feeds.NuGetV3;
using DepResolve.Testing.Servers;
using static DepResolve.Engine.Tests.Feeds.HttpFeedTestPackages;

namespace DepResolve.Engine.Tests.Feeds;

/// <summary>The shared feed contract over a loopback v3 feed whose registrations inline their pages.</summary>
public sealed class NuGetV3InlinedFeedContractTests : FeedContractTests
{
    private LoopbackFeedServer? _server;

    private protected override async Task<IPackageFeed> CreateFeedAsync(string packagesFolder)
    {
        var server = await NuGetV3FeedServer.StartAsync(packagesFolder, RegistrationLayout.Inlined);
        _server = server;
        return new NuGetV3Feed(Repository(server.ServiceIndexUrl), FastClient());
    }

    private protected override async Task DisposeFeedAsync(IPackageFeed feed) => await _server!.DisposeAsync();
}

/// <summary>The shared feed contract over a loopback v3 feed whose registration pages are linked.</summary>
public sealed class NuGetV3LinkedPagesFeedContractTests : FeedContractTests
{
    private LoopbackFeedServer? _server;

    private protected override async Task<IPackageFeed> CreateFeedAsync(string packagesFolder)
    {
        var server = await NuGetV3FeedServer.StartAsync(packagesFolder, RegistrationLayout.Linked, pageSize: 1);
        _server = server;
        return new NuGetV3Feed(Repository(server.ServiceIndexUrl), FastClient());
    }

    private protected override async Task DisposeFeedAsync(IPackageFeed feed) => await _server!.DisposeAsync();
}

/// <summary>The shared feed contract over a static v3 feed: no registrations, metadata from each .nuspec.</summary>
public sealed class NuGetV3StaticFeedContractTests : FeedContractTests
{
    private LoopbackFeedServer? _server;

    private protected override async Task<IPackageFeed> CreateFeedAsync(string packagesFolder)
    {
        var server = await NuGetV3FeedServer.StartAsync(packagesFolder, RegistrationLayout.None);
        _server = server;
        return new NuGetV3Feed(Repository(server.ServiceIndexUrl), FastClient());
    }

    private protected override async Task DisposeFeedAsync(IPackageFeed feed) => await _server!.DisposeAsync();
}

/// <summary>The shared feed contract over a loopback v2 OData feed (PowerShell Gallery dialect), paged by two.</summary>
public sealed class NuGetV2FeedContractTests : FeedContractTests
{
    private LoopbackFeedServer? _server;

    private protected override async Task<IPackageFeed> CreateFeedAsync(string packagesFolder)
    {
        var server = await NuGetV2FeedServer.StartAsync(packagesFolder, pageSize: 2);
        _server = server;
        return new NuGetV2Feed(Repository(server.FeedUrl), FastClient());
    }

    private protected override async Task DisposeFeedAsync(IPackageFeed feed) => await _server!.DisposeAsync();
}
