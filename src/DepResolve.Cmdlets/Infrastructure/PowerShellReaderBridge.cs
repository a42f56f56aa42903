using DepResolve.Cmdlets.Analysis;
using DepResolve.Engine.Analysis.PowerShell;
using DepResolve.Engine.Hosting;

namespace DepResolve.Cmdlets.Infrastructure;

/// <summary>
/// Connects the engine to the PowerShell reader of this assembly: it parses with PowerShell's own parser, which
/// only exists inside pwsh. The engine supplies the options and decides what the facts mean.
/// </summary>
internal static class PowerShellReaderBridge
{
    public static Func<PowerShellSource, PowerShellAnalysisOptions, ScriptAnalysisResult> Create() => (source, options) =>
    {
        var reader = new PowerShellScriptReader(options);
        return source.Path is not null
            ? reader.ReadFile(source.Path, source.Recurse)
            : reader.ReadScript(source.Text ?? "", source.Recurse);
    };
}
