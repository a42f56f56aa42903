using System.Collections;
using System.Management.Automation;

namespace DepResolve.Cmdlets.Infrastructure;

/// <summary>What argument completers need to know about the prompt they complete at.</summary>
internal static class CompletionLocation
{
    /// <summary>
    /// The prompt's current folder. Set-Location does not move the process's current directory, so
    /// Environment.CurrentDirectory would read the config of the folder pwsh started in; completion runs on the
    /// pipeline thread, where a script block sees the session's location.
    /// </summary>
    public static string CurrentFolder()
    {
        try
        {
            var location = ScriptBlock.Create("$ExecutionContext.SessionState.Path.CurrentFileSystemLocation.ProviderPath").Invoke();
            if (location.Count == 1 && location[0]?.BaseObject is string path && path.Length > 0)
            {
                return path;
            }
        }
        catch (Exception)
        {
            // No session on this thread (a host calling the completer directly): the process folder is the best guess.
        }

        return Environment.CurrentDirectory;
    }

    /// <summary>-CacheDirectory as already typed on the command line (relative to the current folder), or null.</summary>
    public static string? TypedCacheDirectory(IDictionary fakeBoundParameters)
    {
        var typed = fakeBoundParameters?["CacheDirectory"];
        var text = (typed is PSObject wrapped ? wrapped.BaseObject : typed) as string;
        return string.IsNullOrWhiteSpace(text) ? null : Path.GetFullPath(text, CurrentFolder());
    }

    /// <summary>The word typed so far, without the quote a user may have opened, as a case-insensitive prefix pattern.</summary>
    public static WildcardPattern PrefixPattern(string? wordToComplete) =>
        WildcardPattern.Get(WildcardPattern.Escape(Unquoted(wordToComplete)) + "*", WildcardOptions.IgnoreCase);

    public static string Unquoted(string? wordToComplete) => (wordToComplete ?? "").Trim('\'', '"');

    /// <summary>Quotes a value PowerShell would otherwise split or expand.</summary>
    public static string Quoted(string value) =>
        value.IndexOfAny([' ', '$', '`', '\'', '(', ')', '{', '}', ';', ',', '&', '@', '#']) >= 0 ? $"'{value.Replace("'", "''", StringComparison.Ordinal)}'" : value;
}
