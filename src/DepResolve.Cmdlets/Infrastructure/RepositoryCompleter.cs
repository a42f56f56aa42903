using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using DepResolve.Engine.Hosting;

namespace DepResolve.Cmdlets.Infrastructure;

/// <summary>Tab completion for -Repository: the names of the repositories configured for the current folder.</summary>
public sealed class RepositoryCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        IReadOnlyList<string> names;
        try
        {
            names = DepResolveSession.GetRepositoryNames(CurrentFolder());
        }
        catch (Exception)
        {
            // Completion must never throw at the prompt; no names is the honest answer when config is unreadable.
            return Array.Empty<CompletionResult>();
        }

        var pattern = WildcardPattern.Get((wordToComplete ?? "").Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
        return names
            .Where(n => pattern.IsMatch(n))
            .Select(n => new CompletionResult(n.Contains(' ') ? $"'{n}'" : n, n, CompletionResultType.ParameterValue, n))
            .ToList();
    }

    /// <summary>
    /// The prompt's current folder. Set-Location does not move the process's current directory, so
    /// Environment.CurrentDirectory would read the config of the folder pwsh started in; completion runs on the
    /// pipeline thread, where a script block sees the session's location.
    /// </summary>
    private static string CurrentFolder()
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
}
