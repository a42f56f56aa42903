using System.Collections.Concurrent;

namespace DepResolve.Testing.Servers;

/// <summary>Every request a fixture server saw (faulted ones included), thread-safe.</summary>
internal sealed class RequestCounter
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private int _inProgress;
    private int _maxConcurrent;

    public int Total => _requests.Count;

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>Requests whose path (without query) is exactly <paramref name="path"/>.</summary>
    public int ForPath(string path) => _requests.Count(r => string.Equals(r.Path, path, StringComparison.OrdinalIgnoreCase));

    /// <summary>Requests whose path and query contain <paramref name="fragment"/>.</summary>
    public int Matching(string fragment) => _requests.Count(r => r.PathAndQuery.Contains(fragment, StringComparison.OrdinalIgnoreCase));

    public IReadOnlyDictionary<string, int> ByPath() =>
        _requests.GroupBy(r => r.Path, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);

    /// <summary>The most requests the server was answering at the same moment.</summary>
    public int MaxConcurrent => Volatile.Read(ref _maxConcurrent);

    /// <summary>Starts measuring <see cref="MaxConcurrent"/> afresh (for one phase of a test).</summary>
    public void ResetMaxConcurrent() => Volatile.Write(ref _maxConcurrent, Volatile.Read(ref _inProgress));

    internal void Record(RecordedRequest request) => _requests.Enqueue(request);

    internal IDisposable Begin()
    {
        var now = Interlocked.Increment(ref _inProgress);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxConcurrent)) && Interlocked.CompareExchange(ref _maxConcurrent, now, seen) != seen)
        {
        }

        return new End(this);
    }

    private sealed class End(RequestCounter counter) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref counter._inProgress);
    }
}

/// <summary>One request: when it arrived, where to, and the auth headers it carried.</summary>
internal sealed record RecordedRequest(DateTimeOffset ReceivedAt, string Path, string PathAndQuery, string? Authorization, string? ApiKey);
