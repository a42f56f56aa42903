using DepResolve.Testing.Servers;

namespace DepResolve.Bench.Serving;

/// <summary>The loopback v3 fixture server for one generated feed, behind the throttling proxy when a bandwidth is set.</summary>
public sealed class BenchFeed : IAsyncDisposable
{
    private readonly NuGetV3FeedServer _server;
    private readonly ThrottlingProxy? _proxy;

    private BenchFeed(NuGetV3FeedServer server, ThrottlingProxy? proxy)
    {
        _server = server;
        _proxy = proxy;
    }

    /// <summary>What clients are given: the proxy's service index when throttled, the server's otherwise.</summary>
    public string ServiceIndexUrl => (_proxy?.BaseAddress ?? _server.BaseAddress) + "/v3/index.json";

    /// <summary>Requests the feed server answered so far (the proxy forwards each request once).</summary>
    public int Requests => _server.Counter.Total;

    public static async Task<BenchFeed> StartAsync(string packagesFolder, double? bandwidthMbps)
    {
        var server = await NuGetV3FeedServer.StartAsync(packagesFolder);
        var proxy = bandwidthMbps is { } mbps ? await ThrottlingProxy.StartAsync(server.BaseAddress, mbps * 1_000_000) : null;
        return new BenchFeed(server, proxy);
    }

    public void SetLatency(TimeSpan latency) => _server.Faults.Latency = latency;

    public async ValueTask DisposeAsync()
    {
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        await _server.DisposeAsync();
    }
}
