using DepResolve.Engine.Configuration;

namespace DepResolve.Engine.Feeds.Http;

/// <summary>How feed requests behave: timeouts, retries, concurrency and size limits.</summary>
internal sealed record FeedHttpSettings
{
    /// <summary>One attempt (send plus reading the whole body) may take at most this long.</summary>
    public TimeSpan RequestTimeout { get; init; } = DepResolveOptions.DefaultRequestTimeout;

    /// <summary>Requests in flight at once, across every feed sharing this client.</summary>
    public int MaxParallelism { get; init; } = DepResolveOptions.DefaultMaxParallelism;

    /// <summary>Retries after the first attempt (so at most MaxRetries + 1 requests per call).</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>First backoff delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait a server's Retry-After may impose before we give up waiting and fail.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Largest metadata answer (service index, registration page, OData feed) we read.</summary>
    public long MaxMetadataBytes { get; init; } = 64L << 20;

    /// <summary>Largest .nupkg we download.</summary>
    public long MaxDownloadBytes { get; init; } = 1L << 30;

    /// <summary>Verbose log lines (URLs without credentials, retries, waits). Null: silent.</summary>
    public Action<string>? Log { get; init; }

    public static FeedHttpSettings FromOptions(DepResolveOptions options, Action<string>? log = null) => new()
    {
        RequestTimeout = options.RequestTimeout > TimeSpan.Zero ? options.RequestTimeout : DepResolveOptions.DefaultRequestTimeout,
        MaxParallelism = Math.Max(1, options.MaxParallelism),
        MaxRetries = Math.Max(0, options.MaxRetries),
        RetryBaseDelay = options.RetryBaseDelay >= TimeSpan.Zero ? options.RetryBaseDelay : TimeSpan.FromMilliseconds(500),
        MaxMetadataBytes = Math.Max(1, options.MaxMetadataBytes),
        MaxDownloadBytes = Math.Max(1, options.MaxPackageUncompressedBytes),
        Log = log,
    };
}
