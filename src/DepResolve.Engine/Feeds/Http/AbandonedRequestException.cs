namespace DepResolve.Engine.Feeds.Http;

/// <summary>
/// A feed request stopped because its caller cancelled it (the user, or a deadline running out): still an
/// <see cref="OperationCanceledException"/>, carrying the URL (without credentials) that had not answered.
/// </summary>
internal sealed class AbandonedRequestException : OperationCanceledException
{
    public AbandonedRequestException(string url, OperationCanceledException inner)
        : base($"GET {url} was abandoned before it answered.", inner, inner.CancellationToken)
    {
        Url = url;
    }

    public string Url { get; }
}
