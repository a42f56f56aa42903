using System.Text.RegularExpressions;

namespace DepResolve.Engine.Analysis.PowerShell;

/// <summary>
/// A command called through its module, <c>Contoso.Greeting\Get-ContosoGreeting</c>: a module name (no path
/// separator, no script extension) and a Verb-Noun command, which PowerShell resolves in that module, not as a
/// relative path.
/// </summary>
internal static partial class ModuleQualifiedName
{
    public static (string Module, string Command)? TrySplit(string name)
    {
        var match = Pattern().Match(name);
        return match.Success && !ScriptPaths.IsScriptFile(name) ? (match.Groups["module"].Value, match.Groups["command"].Value) : null;
    }

    [GeneratedRegex(@"^(?<module>[A-Za-z_][\w.\-]*)\\(?<command>[A-Za-z]+-[\w]+)$")]
    private static partial Regex Pattern();
}
