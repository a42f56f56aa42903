using System.Management.Automation;
using DepResolve.Cmdlets.Infrastructure;
using DepResolve.Engine.Model;

namespace DepResolve.Cmdlets;

/// <summary>Removes cached environments. The shared package store they point into stays.</summary>
[Cmdlet(VerbsCommon.Remove, "DepResolveEnvironment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Cache)]
[OutputType(typeof(void))]
public sealed class RemoveDepResolveEnvironmentCommand : CacheCmdlet
{
    /// <summary>Environment ids, e.g. piped from Get-DepResolveEnvironment.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("EnvironmentId")]
    [ArgumentCompleter(typeof(EnvironmentIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = Array.Empty<string>();

    protected override void ProcessRecord()
    {
        foreach (var id in Id)
        {
            if (!ShouldProcess(id, "Remove DepResolve environment"))
            {
                continue;
            }

            try
            {
                RunEngine(() =>
                {
                    Session.RemoveEnvironment(id);
                    return true;
                });
            }
            catch (DepResolveException ex)
            {
                // An id the cache does not have is not found, as Get-DepResolveEnvironment reports it.
                var missing = ex.Code == ErrorCode.InvalidInput && !Session.GetEnvironments().Any(e => string.Equals(e.Id, id, StringComparison.OrdinalIgnoreCase));
                WriteEngineError(ex, id, missing ? ErrorCategory.ObjectNotFound : null);
            }
        }
    }
}
