namespace DepResolve.Engine.Feeds;

/// <summary>
/// One spelling for one feed, whatever name or form it was given in: a registered repository name and its URL or
/// folder are the same feed, so what is cached for one is found for the other (-Offline after an online run).
/// </summary>
internal static class FeedLocation
{
    /// <summary>
    /// An HTTP(S) URL without credentials, fragment or trailing slash, scheme and host in lower case, the port
    /// explicit; a folder (or file: URL) as its full path without a trailing separator, in lower case where file
    /// names are case-insensitive (Windows, macOS).
    /// </summary>
    public static string Normalize(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (Uri.TryCreate(source, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return $"{uri.Scheme}://{uri.Host.ToLowerInvariant()}:{uri.Port}{uri.AbsolutePath.TrimEnd('/')}{uri.Query}";
        }

        var path = uri is { IsFile: true } ? uri.LocalPath : source;
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        return OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? full.ToLowerInvariant() : full;
    }
}
