namespace DepResolve.Testing.Servers;

/// <summary>
/// Switches that make a fixture server misbehave. Counted faults ("next N requests") apply to requests whose
/// path and query contain <c>pathContains</c> (every request when null) and are used up in arrival order.
/// </summary>
internal sealed class FeedFaults
{
    private readonly object _gate = new();
    private readonly List<CountedFault> _counted = new();

    /// <summary>Added before every answer.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Published SHA-512 values (v2 PackageHash, v3 packageHash) that do not match the packages.</summary>
    public bool WrongHashes { get; set; }

    /// <summary>Metadata answers (JSON or XML) are malformed.</summary>
    public bool InvalidBodies { get; set; }

    /// <summary>Every answer is an HTML page with content type text/html.</summary>
    public bool HtmlContentType { get; set; }

    /// <summary>Metadata answers never end (chunked, until the client hangs up).</summary>
    public bool EndlessBodies { get; set; }

    /// <summary>When set, requests without this Basic user/password are answered 401.</summary>
    public (string User, string Password)? RequiredBasic { get; set; }

    /// <summary>When set, requests without this X-NuGet-ApiKey header are answered 401.</summary>
    public string? RequiredApiKey { get; set; }

    /// <summary>The next <paramref name="count"/> matching requests are answered <paramref name="statusCode"/>.</summary>
    public void FailNext(int count, int statusCode = 503, TimeSpan? retryAfter = null, string? pathContains = null) =>
        Add(new CountedFault(FaultKind.Status, count, statusCode, retryAfter, pathContains));

    /// <summary>Every matching request is answered <paramref name="statusCode"/>.</summary>
    public void FailAlways(int statusCode = 500, string? pathContains = null) => FailNext(int.MaxValue, statusCode, null, pathContains);

    /// <summary>The connection of the next <paramref name="count"/> matching requests is reset before any answer.</summary>
    public void ResetNext(int count, string? pathContains = null) =>
        Add(new CountedFault(FaultKind.Reset, count, 0, null, pathContains));

    /// <summary>The next <paramref name="count"/> matching answers stop half-way through their announced length.</summary>
    public void TruncateNext(int count, string? pathContains = null) =>
        Add(new CountedFault(FaultKind.Truncate, count, 0, null, pathContains));

    internal CountedFault? Take(FaultKind kind, string pathAndQuery)
    {
        lock (_gate)
        {
            var fault = _counted.FirstOrDefault(f => f.Kind == kind && f.Remaining > 0
                && (f.PathContains is null || pathAndQuery.Contains(f.PathContains, StringComparison.OrdinalIgnoreCase)));
            if (fault is not null && fault.Remaining != int.MaxValue)
            {
                fault.Remaining--;
            }

            return fault;
        }
    }

    private void Add(CountedFault fault)
    {
        lock (_gate)
        {
            _counted.Add(fault);
        }
    }

    internal enum FaultKind
    {
        Status,
        Reset,
        Truncate,
    }

    internal sealed class CountedFault(FaultKind kind, int remaining, int statusCode, TimeSpan? retryAfter, string? pathContains)
    {
        public FaultKind Kind { get; } = kind;

        public int Remaining { get; set; } = remaining;

        public int StatusCode { get; } = statusCode;

        public TimeSpan? RetryAfter { get; } = retryAfter;

        public string? PathContains { get; } = pathContains;
    }
}
