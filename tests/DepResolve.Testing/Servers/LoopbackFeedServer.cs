using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NuGet.Versioning;

namespace DepResolve.Testing.Servers;

/// <summary>
/// A Kestrel server on 127.0.0.1 (a real dynamic port) serving a folder of .nupkg files. Subclasses turn a
/// request into a <see cref="Reply"/>; this class counts requests and applies the <see cref="Faults"/>.
/// </summary>
internal abstract class LoopbackFeedServer : IAsyncDisposable
{
    private readonly HashSet<(string Id, NuGetVersion Version)> _unlisted = new();
    private WebApplication? _app;

    protected LoopbackFeedServer(string packagesFolder)
    {
        PackagesFolder = packagesFolder;
        Packages = FixturePackage.LoadFolder(packagesFolder);
    }

    public string PackagesFolder { get; }

    /// <summary>"http://127.0.0.1:port" (no trailing slash).</summary>
    public string BaseAddress { get; private set; } = "";

    public RequestCounter Counter { get; } = new();

    public FeedFaults Faults { get; } = new();

    protected IReadOnlyList<FixturePackage> Packages { get; private set; }

    /// <summary>Re-reads the folder (after packages were added).</summary>
    public void Reload() => Packages = FixturePackage.LoadFolder(PackagesFolder);

    /// <summary>Marks a version unlisted (v3 listed=false, v2 Published in 1900).</summary>
    public void Unlist(string id, string version)
    {
        lock (_unlisted)
        {
            _unlisted.Add((id.ToLowerInvariant(), NuGetVersion.Parse(version)));
        }
    }

    protected bool IsListed(FixturePackage package)
    {
        lock (_unlisted)
        {
            return !_unlisted.Contains((package.LowerId, package.Version));
        }
    }

    protected IEnumerable<FixturePackage> VersionsOf(string id) =>
        Packages.Where(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase));

    protected FixturePackage? Find(string id, string version) =>
        NuGetVersion.TryParse(version, out var parsed) ? VersionsOf(id).FirstOrDefault(p => p.Version.Equals(parsed)) : null;

    /// <summary>The SHA-512 the server publishes: the real one, or a wrong one under <see cref="FeedFaults.WrongHashes"/>.</summary>
    protected string PublishedHash(FixturePackage package) =>
        Faults.WrongHashes ? Convert.ToBase64String(System.Security.Cryptography.SHA512.HashData(Encoding.UTF8.GetBytes("not " + package.Id))) : package.Sha512;

    protected async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Run(ServeAsync);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = address.TrimEnd('/');
    }

    /// <summary>The answer to one request, or null for 404.</summary>
    protected abstract Reply? Handle(HttpRequest request);

    private async Task ServeAsync(HttpContext context)
    {
        var request = context.Request;
        var pathAndQuery = request.Path.Value + request.QueryString.Value;
        Counter.Record(new RecordedRequest(DateTimeOffset.UtcNow, request.Path.Value ?? "", pathAndQuery,
            request.Headers.Authorization.FirstOrDefault(), request.Headers["X-NuGet-ApiKey"].FirstOrDefault()));
        using var inProgress = Counter.Begin();

        if (Faults.Latency > TimeSpan.Zero)
        {
            await Task.Delay(Faults.Latency, context.RequestAborted);
        }

        if (!IsAuthorized(request))
        {
            context.Response.StatusCode = 401;
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"fixture\"";
            return;
        }

        if (Faults.Take(FeedFaults.FaultKind.Reset, pathAndQuery) is not null)
        {
            context.Abort();
            return;
        }

        if (Faults.Take(FeedFaults.FaultKind.Status, pathAndQuery) is { } failure)
        {
            context.Response.StatusCode = failure.StatusCode;
            if (failure.RetryAfter is { } wait)
            {
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return;
        }

        var reply = Handle(request);
        if (reply is null)
        {
            context.Response.StatusCode = 404;
            return;
        }

        if (reply.RedirectTo is not null)
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = reply.RedirectTo;
            return;
        }

        await WriteAsync(context, reply, pathAndQuery);
    }

    private bool IsAuthorized(HttpRequest request)
    {
        if (Faults.RequiredBasic is { } basic)
        {
            var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{basic.User}:{basic.Password}"));
            if (request.Headers.Authorization.FirstOrDefault() != expected)
            {
                return false;
            }
        }

        return Faults.RequiredApiKey is not { } key || request.Headers["X-NuGet-ApiKey"].FirstOrDefault() == key;
    }

    private async Task WriteAsync(HttpContext context, Reply reply, string pathAndQuery)
    {
        var response = context.Response;
        var body = reply.Body;
        var contentType = reply.ContentType;
        if (Faults.HtmlContentType)
        {
            contentType = "text/html";
            body = Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body>Please sign in.</body></html>");
        }
        else if (reply.Kind != ReplyKind.Package && Faults.EndlessBodies)
        {
            await WriteEndlessAsync(context, reply);
            return;
        }
        else if (reply.Kind != ReplyKind.Package && Faults.InvalidBodies)
        {
            body = Encoding.UTF8.GetBytes(reply.Kind == ReplyKind.Json ? "{\"versions\": [\"1.0.0\", oops" : "<feed><entry><title>oops</feed>");
        }

        response.StatusCode = 200;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        if (Faults.Take(FeedFaults.FaultKind.Truncate, pathAndQuery) is not null)
        {
            await response.Body.WriteAsync(body.AsMemory(0, body.Length / 2));
            await response.Body.FlushAsync();
            context.Abort();
            return;
        }

        await response.Body.WriteAsync(body);
    }

    private static async Task WriteEndlessAsync(HttpContext context, Reply reply)
    {
        var (start, repeat) = reply.Kind == ReplyKind.Json
            ? ("{\"versions\": [\"1.0.0\"", ",\"1.0.0\"")
            : ("<feed xmlns=\"http://www.w3.org/2005/Atom\">", "<entry><title>x</title></entry>");
        context.Response.StatusCode = 200;
        context.Response.ContentType = reply.ContentType;
        var chunk = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(repeat, 65536 / repeat.Length)));
        try
        {
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(start), context.RequestAborted);
            // A hard stop at 4 GB keeps a client that never hangs up from running forever.
            for (long written = 0; written < (4L << 30) && !context.RequestAborted.IsCancellationRequested; written += chunk.Length)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client hung up, which is the point.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _app.StopAsync(stopping.Token);
            await _app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    protected enum ReplyKind
    {
        Json,
        Xml,
        Package,
    }

    protected sealed record Reply(ReplyKind Kind, byte[] Body, string ContentType, string? RedirectTo = null)
    {
        public static Reply Json(string text) => new(ReplyKind.Json, Encoding.UTF8.GetBytes(text), "application/json; charset=utf-8");

        public static Reply Xml(string text, string contentType = "application/atom+xml;type=feed;charset=utf-8") =>
            new(ReplyKind.Xml, Encoding.UTF8.GetBytes(text), contentType);

        public static Reply Package(FixturePackage package) => new(ReplyKind.Package, File.ReadAllBytes(package.FilePath), "application/octet-stream");

        public static Reply Redirect(string location) => new(ReplyKind.Package, Array.Empty<byte>(), "", location);
    }
}
