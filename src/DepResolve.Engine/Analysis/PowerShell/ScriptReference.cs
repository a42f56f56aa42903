namespace DepResolve.Engine.Analysis.PowerShell;

internal enum ScriptReferenceKind
{
    /// <summary><c>. ./x.ps1</c>: runs in the caller's scope, so its functions count as defined by the caller.</summary>
    DotSource,

    /// <summary><c>&amp; ./x.ps1</c> or <c>./x.ps1</c>: runs in its own scope.</summary>
    Invoke,

    /// <summary><c>Import-Module ./x.psm1</c> or <c>using module ./x.psm1</c>: its exported functions become available.</summary>
    ModuleFile,

    /// <summary>A manifest's RootModule, NestedModules or ScriptsToProcess: part of the module itself.</summary>
    ManifestModule,
}

/// <summary>A script or module file another file refers to with a static path.</summary>
internal sealed record ScriptReference(string FullPath, ScriptReferenceKind Kind, int Line);
