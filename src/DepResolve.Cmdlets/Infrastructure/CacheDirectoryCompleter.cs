using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using DepResolve.Engine.Hosting;

namespace DepResolve.Cmdlets.Infrastructure;

/// <summary>
/// Tab completion for -CacheDirectory: the cache root in effect for the current folder ($env:DEPRESOLVE_CACHE,
/// depresolve.json's cacheRoot, or the platform cache folder) first, then the folders matching what was typed.
/// </summary>
public sealed class CacheDirectoryCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var results = new List<CompletionResult>();
        var folder = CompletionLocation.CurrentFolder();
        var typed = CompletionLocation.Unquoted(wordToComplete);
        try
        {
            using var session = new DepResolveSession(new SessionSettings { WorkingDirectory = folder });
            var root = session.CacheRoot;
            if (root.StartsWith(typed, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
            {
                results.Add(new CompletionResult(CompletionLocation.Quoted(root), root, CompletionResultType.ProviderContainer, "The cache in effect here"));
            }
        }
        catch (Exception)
        {
            // A config that cannot be read names no cache; folders are still offered.
        }

        results.AddRange(MatchingFolders(folder, typed).Where(f => results.All(r => r.ListItemText != f)).Select(f =>
            new CompletionResult(CompletionLocation.Quoted(f), f, CompletionResultType.ProviderContainer, f)));
        return results;
    }

    /// <summary>Folders whose path starts with what was typed, written as typed (relative stays relative).</summary>
    private static IEnumerable<string> MatchingFolders(string currentFolder, string typed)
    {
        try
        {
            var separator = typed.LastIndexOfAny(['/', '\\']);
            var typedParent = separator < 0 ? "" : typed[..(separator + 1)];
            var parent = Path.GetFullPath(typedParent.Length == 0 ? "." : typedParent, currentFolder);
            var prefix = typed[(separator + 1)..];
            var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            return Directory.EnumerateDirectories(parent)
                .Select(Path.GetFileName)
                .OfType<string>()
                .Where(name => name.StartsWith(prefix, comparison))
                .Order(StringComparer.OrdinalIgnoreCase)
                .Select(name => typedParent + name)
                .ToList();
        }
        catch (Exception)
        {
            return [];
        }
    }
}
