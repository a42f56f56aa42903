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
    /// Times GETs of the service index (the round trip, latency included) and, when no bandwidth is imposed,
    /// downloads of the largest package (the loopback bandwidth of one stream, round trip subtracted).
    /// </summary>
    public static async Task<LowerBound> MeasureAsync(string serviceIndexUrl, string largestPackageUrl, int graphDepth, long bytes, double? bandwidthBitsPerSecond)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        await client.GetByteArrayAsync(serviceIndexUrl); // opens the connection, so the timed GETs reuse it
        var roundTrip = double.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            var clock = Stopwatch.StartNew();
            await client.GetByteArrayAsync(serviceIndexUrl);
            roundTrip = Math.Min(roundTrip, clock.Elapsed.TotalMilliseconds);
        }

        if (bandwidthBitsPerSecond is { } imposed)
        {
            return new LowerBound(graphDepth, roundTrip, bytes, imposed / 8, BandwidthMeasured: false);
        }

        var best = 0.0;
        for (var i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            var body = await client.GetByteArrayAsync(largestPackageUrl);
            var transfer = Math.Max(clock.Elapsed.TotalMilliseconds - roundTrip, 0.05);
            best = Math.Max(best, body.Length / (transfer / 1000));
        }

        return new LowerBound(graphDepth, roundTrip, bytes, best, BandwidthMeasured: true);
    }
}
