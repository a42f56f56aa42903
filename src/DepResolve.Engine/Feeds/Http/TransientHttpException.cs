using System.Net;

namespace DepResolve.Engine.Feeds.Http;

/// <summary>A status worth retrying (408, 429, 5xx); <see cref="RetryAfter"/> is the server's requested wait.</summary>
internal sealed class TransientHttpException : Exception
{
    public TransientHttpException(HttpStatusCode statusCode, string? reason, TimeSpan? retryAfter)
        : base($"{(int)statusCode} {reason}".TrimEnd())
    {
        StatusCode = statusCode;
        RetryAfter = retryAfter;
    }

    public HttpStatusCode StatusCode { get; }

    public TimeSpan? RetryAfter { get; }
}
