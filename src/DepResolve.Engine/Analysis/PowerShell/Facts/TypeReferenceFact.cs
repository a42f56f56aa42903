namespace DepResolve.Engine.Analysis.PowerShell.Facts;

public enum TypeReferenceKind
{
    /// <summary><c>[Foo.Bar]::Member</c> or <c>[Foo.Bar]</c> as a value.</summary>
    TypeExpression,

    /// <summary><c>[Foo.Bar]$x</c> or a parameter type.</summary>
    TypeConstraint,

    /// <summary><c>[Foo.Bar()]</c> attribute.</summary>
    Attribute,
}

/// <summary>A .NET type name written in the script (generic arguments and array element types are separate facts).</summary>
public sealed class TypeReferenceFact
{
    public string TypeName { get; init; } = "";

    public TypeReferenceKind Kind { get; init; }

    public int Line { get; init; }

    public int Column { get; init; }

    public IReadOnlyList<GuardFact> Guards { get; init; } = Array.Empty<GuardFact>();
}
