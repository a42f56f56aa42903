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
            names = DepResolveSession.GetRepositoryNames(CompletionLocation.CurrentFolder());
        }
        catch (Exception)
        {
            // Completion must never throw at the prompt; no names is the honest answer when config is unreadable.
            return Array.Empty<CompletionResult>();
        }

        var pattern = CompletionLocation.PrefixPattern(wordToComplete);
        return names
            .Where(n => pattern.IsMatch(n))
            .Select(n => new CompletionResult(CompletionLocation.Quoted(n), n, CompletionResultType.ParameterValue, n))
            .ToList();
    }
}
