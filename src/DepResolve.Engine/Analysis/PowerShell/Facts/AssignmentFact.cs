namespace DepResolve.Engine.Analysis.PowerShell.Facts;

/// <summary>
/// A write to a variable: <c>$x = value</c> (Operator "="), <c>$x += ...</c>, a foreach variable or a parameter
/// (Operator "other"). A variable written exactly once with "=" to a constant is a constant.
/// </summary>
public sealed class AssignmentFact
{
    public string VariableName { get; init; } = "";

    public string Operator { get; init; } = "=";

    public StaticValue? Value { get; init; }

    public int Line { get; init; }
}
