using System.Management.Automation;
using DepResolve.Cmdlets.Infrastructure;
using DepResolve.Engine.Hosting;
using DepResolve.Engine.Model;

namespace DepResolve.Cmdlets;

/// <summary>Removes every environment, cached package and cached feed answer under the cache root.</summary>
[Cmdlet(VerbsCommon.Clear, "DepResolveCache", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Cache)]
[OutputType(typeof(CacheCleanupResult))]
public sealed class ClearDepResolveCacheCommand : CacheCmdlet
{
    protected override void EndProcessing()
    {
        if (!ShouldProcess(Session.CacheRoot, "Remove every DepResolve environment and cached package"))
        {
            return;
        }

        try
        {
            WriteObject(RunEngine(() => Session.ClearCache()));
        }
        catch (DepResolveException ex)
        {
            WriteEngineError(ex, Session.CacheRoot);
        }
    }
}
