namespace DepResolve.Engine.Model;

public enum DependencyKind
{
    Module,

    /// <summary>A command the script calls; the mapper names the module that exports it (MappedPackage).</summary>
    Command,
    Assembly,
    NuGetPackage,
    Application,
    Script,
}

/// <summary>How the dependency was found in the source.</summary>
public enum DependencyEvidence
{
    Requires,
    UsingModule,
    UsingAssembly,
    ImportModule,
    CommandUsage,
    TypeLiteral,
    AddType,
    CSharpUsing,
    NuGetDirective,
    Manifest,
    DotSource,
}
