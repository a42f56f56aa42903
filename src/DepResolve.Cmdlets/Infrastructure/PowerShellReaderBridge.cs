using DepResolve.Engine.Hosting;
using DepResolve.Engine.Model;

namespace DepResolve.Cmdlets.Infrastructure;

/// <summary>
/// Connects the engine to the PowerShell reader of this assembly (it parses with PowerShell's own parser,
/// which only exists inside pwsh). Null when the reader is not part of this build: the engine then reports
/// PowerShell analysis as NotAvailable instead of returning nothing.
/// </summary>
internal static class PowerShellReaderBridge
{
    public static Func<PowerShellSource, CancellationToken, IReadOnlyList<ScriptDependency>>? Create() => null;
}
