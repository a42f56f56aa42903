using System.Diagnostics;

namespace DepResolve.Bench.Serving;

/// <summary>
/// One link of a fixed bandwidth shared by every connection: each chunk is sent when the link would have finished
/// sending everything queued before it.
/// </summary>
public sealed class BandwidthLimiter(double bitsPerSecond)
{
    private readonly object _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private double _linkFreeAtSeconds;

    public double BytesPerSecond { get; } = bitsPerSecond / 8;

    public Task WaitToSendAsync(int bytes, CancellationToken cancellationToken)
    {
        double sendAt;
        lock (_gate)
        {
            var now = _clock.Elapsed.TotalSeconds;
            _linkFreeAtSeconds = Math.Max(_linkFreeAtSeconds, now) + bytes / BytesPerSecond;
            sendAt = _linkFreeAtSeconds;
        }

        var wait = sendAt - _clock.Elapsed.TotalSeconds;
        return wait > 0.001 ? Task.Delay(TimeSpan.FromSeconds(wait), cancellationToken) : Task.CompletedTask;
    }
}
