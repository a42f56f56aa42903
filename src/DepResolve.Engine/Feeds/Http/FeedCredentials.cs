using System.Net.Http.Headers;
using System.Text;
using DepResolve.Engine.Configuration;

namespace DepResolve.Engine.Feeds.Http;

/// <summary>
/// Basic credentials and/or an API key for one feed. Applied as request headers only; <see cref="ToString"/>
/// and every message show no secret.
/// </summary>
internal sealed class FeedCredentials
{
    private readonly string? _userName;
    private readonly string? _password;
    private readonly string? _apiKey;

    public FeedCredentials(string? userName, string? password, string? apiKey)
    {
        _userName = string.IsNullOrEmpty(userName) ? null : userName;
        _password = password;
        _apiKey = string.IsNullOrEmpty(apiKey) ? null : apiKey;
        // The managed SHA-256, as for the metadata cache's folder: the framework's would load the system crypto library
        // in every call with an authenticated feed, warm ones included, which ask the feed nothing.
        var fingerprint = new Storage.Utf8Sha256().Append(_userName).Append("\n").Append(_password).Append("\n").Append(_apiKey).Finish();
        Identity = Convert.ToHexString(fingerprint, 0, 8);
    }

    /// <summary>Distinguishes credential sets (for sharing identical requests) without revealing them.</summary>
    public string Identity { get; }

    public bool HasBasic => _userName is not null;

    public bool HasApiKey => _apiKey is not null;

    /// <summary>Credentials from the settings, else from user info in the source URL; null when there are none.</summary>
    public static FeedCredentials? From(RepositorySettings settings)
    {
        string? user = settings.UserName;
        string? password = settings.Password;
        if (user is null && Uri.TryCreate(settings.Source, UriKind.Absolute, out var url) && !string.IsNullOrEmpty(url.UserInfo))
        {
            var parts = url.UserInfo.Split(':', 2);
            user = Uri.UnescapeDataString(parts[0]);
            password = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "";
        }

        return user is null && string.IsNullOrEmpty(settings.ApiKey) ? null : new FeedCredentials(user, password, settings.ApiKey);
    }

    internal void Apply(HttpRequestMessage request)
    {
        if (_userName is not null)
        {
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_userName}:{_password}"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", token);
        }

        if (_apiKey is not null)
        {
            request.Headers.TryAddWithoutValidation("X-NuGet-ApiKey", _apiKey);
        }
    }

    public override string ToString() =>
        (HasBasic, HasApiKey) switch
        {
            (true, true) => "basic credentials and an API key",
            (true, false) => "basic credentials",
            (false, true) => "an API key",
            _ => "no credentials",
        };
}
