using System.Management.Automation;
using DepResolve.Engine.Hosting;

namespace DepResolve.Cmdlets.Infrastructure;

/// <summary>Commands that manage the cache: they only need to know where it is.</summary>
public abstract class CacheCmdlet : DepResolveCmdlet
{
    /// <summary>The cache root; $env:DEPRESOLVE_CACHE or the platform cache folder when omitted.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(CacheDirectoryCompleter))]
    [ValidateNotNullOrEmpty]
    public string? CacheDirectory { get; set; }

    internal override SessionSettings CreateSettings() => base.CreateSettings() with
    {
        CacheDirectory = CacheDirectory is null ? null : ToProviderPath(CacheDirectory),
    };
}
