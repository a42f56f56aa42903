using System.Text.RegularExpressions;

namespace DepResolve.Engine.Model;

/// <summary>
/// The one place credentials are taken out of text: every message, warning, verbose line and error target goes
/// through <see cref="Redact"/>, which drops the user info (user:password@) of every URL in the text.
/// Credentials themselves travel only in request headers.
/// </summary>
internal static partial class CredentialRedaction
{
    /// <summary><paramref name="text"/> with the user info of every URL in it removed; null stays null.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public static string? Redact(string? text) =>
        string.IsNullOrEmpty(text) || !text.Contains('@') ? text : UserInfo().Replace(text, "$1");

    // scheme://user[:password]@ — the user info ends at the last '@' before the host, and holds no '/', '?', '#' or space.
    [GeneratedRegex(@"\b([a-zA-Z][a-zA-Z0-9+.\-]*://)[^/?#\s@]*(?:@[^/?#\s@]*)*@", RegexOptions.CultureInvariant)]
    private static partial Regex UserInfo();
}
