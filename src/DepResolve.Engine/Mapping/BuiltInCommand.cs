namespace DepResolve.Engine.Mapping;

/// <summary>
/// A command that ships with PowerShell, as the running session reports it (Get-Command / Get-Alias from the modules
/// under $PSHOME). <see cref="ModuleName"/> is the module that exports it; for an alias, the alias's module.
/// </summary>
internal sealed record BuiltInCommand(string Name, string ModuleName);
