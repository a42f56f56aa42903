using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using DepResolve.Engine.Hosting;

namespace DepResolve.Cmdlets.Infrastructure;

/// <summary>
/// Tab completion for -Id (-EnvironmentId): the ids of the environments in the cache -CacheDirectory names (else
/// the default cache), most recently used first, each with its packages as the tooltip.
/// </summary>
public sealed class EnvironmentIdCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            var folder = CompletionLocation.CurrentFolder();
            using var session = new DepResolveSession(new SessionSettings { WorkingDirectory = folder, CacheDirectory = CompletionLocation.TypedCacheDirectory(fakeBoundParameters) });
            var pattern = CompletionLocation.PrefixPattern(wordToComplete);
            return session.GetEnvironments()
                .Where(e => pattern.IsMatch(e.Id))
                .Select(e => new CompletionResult(e.Id, e.Id, CompletionResultType.ParameterValue, Describe(e)))
                .ToList();
        }
        catch (Exception)
        {
            // Completion must never throw at the prompt: an unreadable cache completes nothing.
            return Array.Empty<CompletionResult>();
        }
    }

    private static string Describe(Engine.Model.EnvironmentInfo environment)
    {
        var packages = string.Join(", ", environment.Packages.Select(p => $"{p.Id} {p.Version}"));
        return packages.Length == 0 ? environment.Id : packages;
    }
}
