namespace DepResolve.Engine.Feeds.Http;

/// <summary>URLs as they may appear in messages and logs: never with user info (credentials) in them.</summary>
internal static class SafeUrl
{
    public static string Redact(Uri url)
    {
        if (!url.IsAbsoluteUri || string.IsNullOrEmpty(url.UserInfo))
        {
            return url.ToString();
        }

        return new UriBuilder(url) { UserName = "", Password = "" }.Uri.ToString();
    }

    public static string Redact(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var parsed) && !parsed.IsFile && !string.IsNullOrEmpty(parsed.UserInfo) ? Redact(parsed) : Model.CredentialRedaction.Redact(url);

    /// <summary>The URL without user info, for sending: credentials travel in headers, never in the URL.</summary>
    public static Uri WithoutUserInfo(Uri url) =>
        !url.IsAbsoluteUri || string.IsNullOrEmpty(url.UserInfo) ? url : new UriBuilder(url) { UserName = "", Password = "" }.Uri;
}
