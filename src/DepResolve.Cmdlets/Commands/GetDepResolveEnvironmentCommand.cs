using System.Management.Automation;
using DepResolve.Cmdlets.Infrastructure;
using DepResolve.Engine.Hosting;
using DepResolve.Engine.Model;

namespace DepResolve.Cmdlets;

/// <summary>Lists the cached environments, most recently used first.</summary>
[Cmdlet(VerbsCommon.Get, "DepResolveEnvironment", HelpUri = HelpLinks.Cache)]
[OutputType(typeof(EnvironmentInfo))]
public sealed class GetDepResolveEnvironmentCommand : CacheCmdlet
{
    /// <summary>Environment ids; wildcards allowed. All environments when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("EnvironmentId")]
    [ArgumentCompleter(typeof(EnvironmentIdCompleter))]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Id { get; set; }

    protected override void ProcessRecord()
    {
        IReadOnlyList<EnvironmentInfo> environments;
        try
        {
            environments = RunEngine(() => Session.GetEnvironments());
        }
        catch (DepResolveException ex)
        {
            WriteEngineError(ex, Session.CacheRoot);
            return;
        }

        if (Id is null)
        {
            WriteObject(environments, enumerateCollection: true);
            return;
        }

        foreach (var id in Id)
        {
            var pattern = WildcardPattern.Get(id, WildcardOptions.IgnoreCase);
            var matches = environments.Where(e => pattern.IsMatch(e.Id)).ToList();
            if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(id))
            {
                WriteError(ErrorRecords.InvalidInput($"No environment with id '{id}' in the cache at '{Session.CacheRoot}'.", id, ErrorCategory.ObjectNotFound));
            }

            WriteObject(matches, enumerateCollection: true);
        }
    }
}
