using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DepResolve.Bench.Serving;

/// <summary>
/// A loopback reverse proxy in front of the fixture feed server that limits the bandwidth of every answer (the
/// fixture has a latency switch but no throttle, and its behaviour for the tests stays untouched). Feed documents
/// name the backend's address in their URLs, so text answers have it replaced by the proxy's.
/// </summary>
public sealed class ThrottlingProxy : IAsyncDisposable
{
    private const int ChunkBytes = 16 * 1024;
    private readonly string _backend;
    private readonly BandwidthLimiter _limiter;
    private readonly HttpClient _client = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, MaxConnectionsPerServer = 256 });
    private WebApplication? _app;

    private ThrottlingProxy(string backend, double bitsPerSecond)
    {
        _backend = backend;
        _limiter = new BandwidthLimiter(bitsPerSecond);
    }

    public string BaseAddress { get; private set; } = "";

    public static async Task<ThrottlingProxy> StartAsync(string backendBaseAddress, double bitsPerSecond)
    {
        var proxy = new ThrottlingProxy(backendBaseAddress, bitsPerSecond);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        proxy._app = builder.Build();
        proxy._app.Run(proxy.ForwardAsync);
        await proxy._app.StartAsync();
        proxy.BaseAddress = proxy._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return proxy;
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var aborted = context.RequestAborted;
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), _backend + context.Request.Path + context.Request.QueryString);
        using var answer = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, aborted);
        context.Response.StatusCode = (int)answer.StatusCode;
        if (answer.Headers.Location is { } location)
        {
            context.Response.Headers.Location = location.ToString().Replace(_backend, BaseAddress, StringComparison.Ordinal);
        }

        var contentType = answer.Content.Headers.ContentType?.ToString();
        if (contentType is not null)
        {
            context.Response.ContentType = contentType;
        }

        var body = await answer.Content.ReadAsByteArrayAsync(aborted);
        if (contentType is not null && !contentType.StartsWith("application/octet-stream", StringComparison.OrdinalIgnoreCase))
        {
            body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace(_backend, BaseAddress, StringComparison.Ordinal));
        }

        context.Response.ContentLength = body.Length;
        for (var offset = 0; offset < body.Length; offset += ChunkBytes)
        {
            var count = Math.Min(ChunkBytes, body.Length - offset);
            await _limiter.WaitToSendAsync(count, aborted);
            await context.Response.Body.WriteAsync(body.AsMemory(offset, count), aborted);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _client.Dispose();
    }
}
