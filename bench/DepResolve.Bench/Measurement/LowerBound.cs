using System.Diagnostics;

namespace DepResolve.Bench.Measurement;

/// <summary>
/// The least time any client could take to resolve and download the graph over this feed:
/// <c>(depth + 2) × round trip + bytes ÷ bandwidth</c>. The round trips on the critical path are the service index,
/// one metadata wave per graph level (a level's ids are only known once the level above is read) and the download
/// of the last level; the bytes are the .nupkg files of the chosen versions. Extraction and disk time are not
/// counted, so no real install reaches the bound.
/// </summary>
public sealed record LowerBound(int GraphDepth, double RoundTripMilliseconds, long Bytes, double BytesPerSecond, bool BandwidthMeasured)
{
    public int CriticalPathRoundTrips => GraphDepth + 2;

    public double Milliseconds => CriticalPathRoundTrips * RoundTripMilliseconds + Bytes / BytesPerSecond * 1000;

    /// <summary>
    /// The bandwidth: imposed by the throttling proxy, or else the best of five downloads of the largest package
    /// (one loopback stream) measured before any latency is switched on.
    /// </summary>
    public static async Task<double> MeasureBytesPerSecondAsync(string largestPackageUrl, double? bandwidthBitsPerSecond)
    {
        if (bandwidthBitsPerSecond is { } imposed)
        {
            return imposed / 8;
        }

        using var client = NewClient();
        await client.GetByteArrayAsync(largestPackageUrl);
        var best = 0.0;
        for (var i = 0; i < 5; i++)
        {
            var clock = Stopwatch.StartNew();
            var body = await client.GetByteArrayAsync(largestPackageUrl);
            best = Math.Max(best, body.Length / clock.Elapsed.TotalSeconds);
        }

        return best;
    }

    /// <summary>The round trip, latency included: the fastest of five GETs of the service index on an open connection.</summary>
    public static async Task<double> MeasureRoundTripMillisecondsAsync(string serviceIndexUrl)
    {
        using var client = NewClient();
        await client.GetByteArrayAsync(serviceIndexUrl);
        var best = double.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            var clock = Stopwatch.StartNew();
            await client.GetByteArrayAsync(serviceIndexUrl);
            best = Math.Min(best, clock.Elapsed.TotalMilliseconds);
        }

        return best;
    }

    private static HttpClient NewClient() => new(new SocketsHttpHandler { UseProxy = false });
}
