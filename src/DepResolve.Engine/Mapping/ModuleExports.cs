namespace DepResolve.Engine.Mapping;

/// <summary>The commands (functions, cmdlets, aliases) one version of a module exports, as its own files say.</summary>
internal sealed record ModuleExports(string Module, string Version, IReadOnlyList<string> Commands)
{
    public bool Exports(string command) => Commands.Contains(command, StringComparer.OrdinalIgnoreCase);
}
