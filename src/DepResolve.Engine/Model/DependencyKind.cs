namespace DepResolve.Engine.Model;

public enum DependencyKind
{
    Module,
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
