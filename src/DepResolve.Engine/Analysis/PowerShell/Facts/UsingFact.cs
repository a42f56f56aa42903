namespace DepResolve.Engine.Analysis.PowerShell.Facts;

public enum UsingKind
{
    Module,
    Assembly,
    Namespace,
}

/// <summary>A <c>using module|assembly|namespace</c> statement.</summary>
public sealed class UsingFact
{
    public UsingKind Kind { get; init; }

    /// <summary>The name or path; empty when the module is given as a hashtable.</summary>
    public string Name { get; init; } = "";

    /// <summary><c>using module @{ ModuleName = ...; ModuleVersion = ... }</c>.</summary>
    public StaticValue? ModuleSpecification { get; init; }

    public int Line { get; init; }

    public int Column { get; init; }

    public int EndLine { get; init; }
}
