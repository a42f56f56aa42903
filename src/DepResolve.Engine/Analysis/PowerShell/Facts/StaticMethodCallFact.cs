namespace DepResolve.Engine.Analysis.PowerShell.Facts;

/// <summary><c>[Type]::Method(args)</c>.</summary>
public sealed class StaticMethodCallFact
{
    public string TypeName { get; init; } = "";

    public string MethodName { get; init; } = "";

    public IReadOnlyList<StaticValue> Arguments { get; init; } = Array.Empty<StaticValue>();

    public int Line { get; init; }

    public int Column { get; init; }

    public IReadOnlyList<GuardFact> Guards { get; init; } = Array.Empty<GuardFact>();
}
