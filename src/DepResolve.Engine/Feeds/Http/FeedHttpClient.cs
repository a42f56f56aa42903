using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using DepResolve.Engine.Model;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace DepResolve.Engine.Feeds.Http;

/// <summary>
/// The HTTP side of every remote feed: one process-wide HttpClient (pooled connections, decompression,
/// HTTP/2 when offered), a bound on concurrent requests, identical in-flight GETs shared, retries with
/// exponential backoff and jitter (408, 429 with Retry-After, 5xx, resets, per-request timeouts), size caps,
/// and every failure turned into a <see cref="DepResolveException"/> that names the URL without credentials.
/// Feeds built from the same options should share one instance.
/// </summary>
internal sealed class FeedHttpClient
{
    private static readonly HttpClient SharedClient = CreateSharedClient();
    private static readonly JsonLoadSettings NoLineInfo = new() { LineInfoHandling = LineInfoHandling.Ignore };
    private readonly SemaphoreSlim _slots;
    private readonly object _pipelineGate = new();

    // Built on the first request: a warm run that asks no feed never loads or compiles Polly.
    private ResiliencePipeline? _pipeline;
    private readonly object _gate = new();
    private readonly Dictionary<string, InFlight> _inFlight = new(StringComparer.Ordinal);

    public FeedHttpClient(FeedHttpSettings? settings = null)
    {
        Settings = settings ?? new FeedHttpSettings();
        _slots = new SemaphoreSlim(Math.Max(1, Settings.MaxParallelism));
    }

    public FeedHttpSettings Settings { get; }

    /// <summary>Parsed JSON, or null when the server answers 404/410.</summary>
    internal async Task<JToken?> GetJsonAsync(Uri url, FeedCredentials? credentials, CancellationToken cancellationToken)
    {
        var body = await GetMetadataAsync(url, credentials, ExpectedContent.Json, cancellationToken).ConfigureAwait(false);
        return body is null ? null : ParseJson(body, url);
    }

    /// <summary>Parsed XML (DTDs refused), or null when the server answers 404/410.</summary>
    internal async Task<XDocument?> GetXmlAsync(Uri url, FeedCredentials? credentials, CancellationToken cancellationToken)
    {
        var body = await GetMetadataAsync(url, credentials, ExpectedContent.Xml, cancellationToken).ConfigureAwait(false);
        return body is null ? null : ParseXml(body, url);
    }

    /// <summary>
    /// A metadata body of at most <see cref="FeedHttpSettings.MaxMetadataBytes"/>, or null on 404/410.
    /// Concurrent calls for the same URL and credentials share one request.
    /// </summary>
    internal Task<byte[]?> GetMetadataAsync(Uri url, FeedCredentials? credentials, ExpectedContent expected, CancellationToken cancellationToken)
    {
        url = SafeUrl.WithoutUserInfo(url);
        var key = $"{credentials?.Identity} {expected} {url.AbsoluteUri}";
        return GetSharedAsync(key, url, token => ExecuteAsync(url, attemptToken => FetchOnceAsync(url, credentials, expected, attemptToken), token), cancellationToken);
    }

    /// <summary>
    /// Streams <paramref name="url"/> to <paramref name="destinationFile"/> (through a temp file in the same folder,
    /// so nothing half-written is ever left), hashing as it goes; an answer that declares a length of at most
    /// <paramref name="maxInMemoryBytes"/> is kept in memory instead (<see cref="DownloadResult.Content"/>) and no
    /// file is written. Null on 404/410. When <paramref name="expectedSha512"/> is given and differs, nothing is
    /// kept and HashMismatch is thrown.
    /// </summary>
    internal Task<DownloadResult?> DownloadAsync(Uri url, FeedCredentials? credentials, string destinationFile, long maxInMemoryBytes, string? expectedSha512, string packageDisplayName, CancellationToken cancellationToken)
    {
        url = SafeUrl.WithoutUserInfo(url);
        var destination = Path.GetFullPath(destinationFile);
        return ExecuteAsync(url, token => DownloadOnceAsync(url, credentials, destination, maxInMemoryBytes, expectedSha512, packageDisplayName, token), cancellationToken);
    }

    private static HttpClient CreateSharedClient()
    {
        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ConnectTimeout = TimeSpan.FromSeconds(30),
            EnableMultipleHttp2Connections = true,
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 10,
        };
        var client = new HttpClient(handler)
        {
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        var version = typeof(FeedHttpClient).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("DepResolve", version));
        return client;
    }

    private static ResiliencePropertyKey<string> UrlKey => new("DepResolve.Url");

    private ResiliencePipeline Pipeline()
    {
        lock (_pipelineGate)
        {
            return _pipeline ??= BuildPipeline(Settings);
        }
    }

    private static ResiliencePipeline BuildPipeline(FeedHttpSettings settings)
    {
        var builder = new ResiliencePipelineBuilder();
        if (settings.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<TransientHttpException>()
                    .Handle<HttpRequestException>()
                    .Handle<IOException>()
                    .Handle<TimeoutRejectedException>(),
                MaxRetryAttempts = settings.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryBaseDelay,
                MaxDelay = TimeSpan.FromSeconds(30),
                DelayGenerator = args => new ValueTask<TimeSpan?>(
                    args.Outcome.Exception is TransientHttpException { RetryAfter: { } retryAfter }
                        ? retryAfter < settings.MaxRetryAfter ? retryAfter : settings.MaxRetryAfter
                        : null),
                OnRetry = args =>
                {
                    settings.Log?.Invoke(
                        $"GET {args.Context.Properties.GetValue(UrlKey, "")} failed ({Describe(args.Outcome.Exception)}); " +
                        $"retry {args.AttemptNumber + 1} of {settings.MaxRetries} in {args.RetryDelay.TotalMilliseconds:0} ms.");
                    return default;
                },
            });
        }

        builder.AddTimeout(settings.RequestTimeout);
        return builder.Build();
    }

    private static string Describe(Exception? exception) => exception switch
    {
        TransientHttpException transient => transient.RetryAfter is { } after
            ? $"{transient.Message}, Retry-After {after.TotalSeconds:0.###} s"
            : transient.Message,
        TimeoutRejectedException => "no answer in time",
        null => "unknown failure",
        _ => exception.Message,
    };

    private async Task<T> ExecuteAsync<T>(Uri url, Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        var shown = SafeUrl.Redact(url);
        var attempts = Settings.MaxRetries + 1;
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(UrlKey, shown);
        try
        {
            // The attempt's task wrapped as it is: an async lambda here would be one more state machine for the JIT to
            // compile per result type on the first request of every process.
            return await Pipeline().ExecuteAsync(
                static (ctx, state) => new ValueTask<T>(state(ctx.CancellationToken)),
                context,
                attempt).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            throw e as AbandonedRequestException ?? new AbandonedRequestException(shown, e);
        }
        catch (TimeoutRejectedException e)
        {
            throw new DepResolveException(ErrorCode.Timeout,
                $"{shown} did not answer within {Settings.RequestTimeout.TotalSeconds:0.###} s ({attempts} attempts).", shown, e);
        }
        catch (TransientHttpException e)
        {
            throw new DepResolveException(ErrorCode.NetworkError,
                $"{shown} answered {e.Message} ({attempts} attempts).", shown, e);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
        {
            throw new DepResolveException(ErrorCode.NetworkError,
                $"Could not read {shown} ({attempts} attempts): {e.Message}", shown, e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async Task<byte[]?> FetchOnceAsync(Uri url, FeedCredentials? credentials, ExpectedContent expected, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var limit = Settings.MaxMetadataBytes;
            using var response = Checked(await SendAsync(url, credentials, cancellationToken).ConfigureAwait(false), url, credentials, expected, limit);
            if (response is null)
            {
                return null;
            }

            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                return await ReadBoundedAsync(body, response.Content.Headers.ContentLength, limit, url, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task<DownloadResult?> DownloadOnceAsync(Uri url, FeedCredentials? credentials, string destination, long maxInMemoryBytes, string? expectedSha512, string packageDisplayName, CancellationToken cancellationToken)
    {
        string? temp = null;
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var limit = Settings.MaxDownloadBytes;
            using var response = Checked(await SendAsync(url, credentials, cancellationToken).ConfigureAwait(false), url, credentials, ExpectedContent.Package, limit);
            if (response is null)
            {
                return null;
            }

            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
            PackageBytes? inMemory = null;
            long total;
            if (response.Content.Headers.ContentLength is { } declared && declared <= maxInMemoryBytes)
            {
                var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using (body.ConfigureAwait(false))
                {
                    inMemory = await PackageBytes.ReadAsync(body, (int)declared, hash, cancellationToken).ConfigureAwait(false);
                }

                total = inMemory.Length;
            }
            else
            {
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                temp = Path.Combine(Path.GetDirectoryName(destination)!, $".{Path.GetFileName(destination)}.{Guid.NewGuid():N}.partial");
                var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                await using (file.ConfigureAwait(false))
                {
                    total = await CopyHashedAsync(response, file, hash, limit, url, cancellationToken).ConfigureAwait(false);
                }
            }

            var sha512 = Convert.ToBase64String(hash.GetHashAndReset());
            if (expectedSha512 is not null && !string.Equals(sha512, expectedSha512, StringComparison.Ordinal))
            {
                inMemory?.Dispose();
                var shown = SafeUrl.Redact(url);
                throw new DepResolveException(ErrorCode.HashMismatch,
                    $"{packageDisplayName} downloaded from {shown} has SHA-512 {sha512}, but the feed published {expectedSha512}.", packageDisplayName);
            }

            if (inMemory is not null)
            {
                return new DownloadResult(sha512, total) { Content = inMemory };
            }

            File.Move(temp!, destination, overwrite: true);
            temp = null;
            return new DownloadResult(sha512, total);
        }
        finally
        {
            _slots.Release();
            if (temp is not null)
            {
                TryDelete(temp);
            }
        }
    }

    /// <summary>Copies the answer's body to <paramref name="sink"/>, hashing it, and refuses more than <paramref name="limit"/> bytes.</summary>
    private static async Task<long> CopyHashedAsync(HttpResponseMessage response, Stream sink, IncrementalHash hash, long limit, Uri url, CancellationToken cancellationToken)
    {
        long total = 0;
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
                if (total > limit)
                {
                    throw TooLarge(url, limit);
                }

                hash.AppendData(buffer, 0, read);
                await sink.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }

        return total;
    }

    /// <summary>One GET, answered once its headers are read.</summary>
    private static Task<HttpResponseMessage> SendAsync(Uri url, FeedCredentials? credentials, CancellationToken cancellationToken)
    {
        // A GET has no content, so its request message holds nothing to dispose: returning the client's task as it is
        // spares each request one more state machine.
        var request = NewRequest(url, credentials);
        return SharedClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>
    /// The answer to one GET: null when the resource does not exist; otherwise a success response of the expected
    /// content whose declared length is within <paramref name="limit"/> (the caller disposes it and still bounds what
    /// it reads). Any other answer is disposed and thrown as its failure.
    /// </summary>
    private HttpResponseMessage? Checked(HttpResponseMessage response, Uri url, FeedCredentials? credentials, ExpectedContent expected, long limit)
    {
        try
        {
            Settings.Log?.Invoke($"GET {SafeUrl.Redact(url)} -> {(int)response.StatusCode}");
            if (IsNotFound(response.StatusCode))
            {
                response.Dispose();
                return null;
            }

            ThrowUnlessSuccess(url, response, credentials);
            CheckContentType(url, response, expected);
            if (response.Content.Headers.ContentLength > limit)
            {
                throw TooLarge(url, limit);
            }

            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static HttpRequestMessage NewRequest(Uri url, FeedCredentials? credentials)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        credentials?.Apply(request);
        return request;
    }

    private static bool IsNotFound(HttpStatusCode status) => status is HttpStatusCode.NotFound or HttpStatusCode.Gone;

    private static void ThrowUnlessSuccess(Uri url, HttpResponseMessage response, FeedCredentials? credentials)
    {
        var status = (int)response.StatusCode;
        if (status is >= 200 and < 300)
        {
            return;
        }

        if (status is 408 or 429 or >= 500)
        {
            throw new TransientHttpException(response.StatusCode, response.ReasonPhrase, RetryAfter(response));
        }

        var shown = SafeUrl.Redact(url);
        var detail = status is 401 or 403
            ? credentials is null
                ? " The feed needs credentials: configure a user name and password or an API key for it."
                : $" The feed refused the {credentials} configured for it."
            : "";
        throw new DepResolveException(ErrorCode.NetworkError, $"{shown} answered {status} {response.ReasonPhrase}.{detail}", shown);
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private static void CheckContentType(Uri url, HttpResponseMessage response, ExpectedContent expected)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType?.ToLowerInvariant();
        if (mediaType is null)
        {
            return;
        }

        var refused = mediaType == "text/html" || expected switch
        {
            ExpectedContent.Json => mediaType.Contains("xml", StringComparison.Ordinal),
            ExpectedContent.Xml => mediaType.Contains("json", StringComparison.Ordinal),
            _ => mediaType.Contains("json", StringComparison.Ordinal) || mediaType.Contains("xml", StringComparison.Ordinal),
        };
        if (refused)
        {
            var shown = SafeUrl.Redact(url);
            var wanted = expected switch
            {
                ExpectedContent.Json => "JSON",
                ExpectedContent.Xml => "Atom/XML",
                _ => "a .nupkg",
            };
            throw new DepResolveException(ErrorCode.InvalidPackage,
                $"{shown} answered with content type '{mediaType}' where {wanted} was expected (a login or error page?).", shown);
        }
    }

    /// <summary>
    /// The whole body, refused beyond <paramref name="limit"/> bytes. The read chunk is rented, and the body is collected
    /// in a buffer of the declared length (checked against the limit before), so a metadata answer of a few kilobytes
    /// allocates about its own size instead of a fresh 64 KB chunk and a growing buffer per request.
    /// </summary>
    private static async Task<byte[]> ReadBoundedAsync(Stream body, long? declaredLength, long limit, Uri url, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream(declaredLength is > 0 and <= int.MaxValue ? (int)declaredLength.Value : 0);
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    throw TooLarge(url, limit);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
    }

    private static DepResolveException TooLarge(Uri url, long limit)
    {
        var shown = SafeUrl.Redact(url);
        return new DepResolveException(ErrorCode.InvalidPackage,
            $"{shown} sent more than {limit:N0} bytes; the answer was abandoned.", shown);
    }

    internal static JToken ParseJson(byte[] body, Uri url)
    {
        try
        {
            using var text = new StreamReader(new MemoryStream(body), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            using var reader = new JsonTextReader(text) { DateParseHandling = DateParseHandling.None, MaxDepth = 128, ArrayPool = PooledJsonChars.Instance };
            // No token is asked for its line: the reader's own position names where a document goes wrong.
            var token = JToken.ReadFrom(reader, NoLineInfo);
            if (reader.Read())
            {
                throw new JsonReaderException($"Unexpected content after the JSON value, line {reader.LineNumber}.");
            }

            return token;
        }
        catch (JsonException e)
        {
            var shown = SafeUrl.Redact(url);
            throw new DepResolveException(ErrorCode.InvalidPackage, $"{shown} did not return valid JSON: {e.Message}", shown, e);
        }
    }

    internal static XDocument ParseXml(byte[] body, Uri url)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
        };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(body), settings);
            return XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            var shown = SafeUrl.Redact(url);
            throw new DepResolveException(ErrorCode.InvalidPackage, $"{shown} did not return valid XML: {e.Message}", shown, e);
        }
    }

    /// <summary>
    /// The shared request for <paramref name="key"/>, started by the first caller; a caller whose own token is cancelled
    /// gets <see cref="AbandonedRequestException"/> naming <paramref name="url"/>.
    /// </summary>
    private async Task<byte[]?> GetSharedAsync(string key, Uri url, Func<CancellationToken, Task<byte[]?>> fetch, CancellationToken cancellationToken)
    {
        InFlight entry;
        lock (_gate)
        {
            if (!_inFlight.TryGetValue(key, out entry!))
            {
                entry = new InFlight();
                _inFlight[key] = entry;
                entry.Task = RunSharedAsync(key, entry, fetch);
            }

            entry.Waiters++;
        }

        try
        {
            return await entry.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested && e is not AbandonedRequestException)
        {
            throw new AbandonedRequestException(SafeUrl.Redact(url), e);
        }
        finally
        {
            var abandon = false;
            lock (_gate)
            {
                entry.Waiters--;
                if (entry.Waiters == 0 && !entry.Task.IsCompleted)
                {
                    // Every caller gave up: stop the request, and let the next caller start afresh.
                    Forget(key, entry);
                    abandon = true;
                }
            }

            if (abandon)
            {
                entry.Cancellation.Cancel();
            }
        }
    }

    private async Task<byte[]?> RunSharedAsync(string key, InFlight entry, Func<CancellationToken, Task<byte[]?>> fetch)
    {
        try
        {
            await Task.Yield();
            return await fetch(entry.Cancellation.Token).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                Forget(key, entry);
            }
        }
    }

    private void Forget(string key, InFlight entry)
    {
        if (_inFlight.TryGetValue(key, out var current) && ReferenceEquals(current, entry))
        {
            _inFlight.Remove(key);
        }
    }

    private sealed class InFlight
    {
        public CancellationTokenSource Cancellation { get; } = new();

        public Task<byte[]?> Task { get; set; } = null!;

        public int Waiters { get; set; }
    }
}
