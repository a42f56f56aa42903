namespace DepResolve.Engine.Analysis.PowerShell.Facts;

public enum GuardKind
{
    /// <summary>Inside the body of a <c>try</c> statement that has a catch or finally.</summary>
    TryBody,

    /// <summary>Inside the branch of an if/elseif whose condition is <see cref="GuardFact.ConditionText"/>.</summary>
    IfBranch,

    /// <summary>Inside a later branch (elseif/else) of an if whose earlier condition was false.</summary>
    ElseOf,
}

/// <summary>A block that encloses a fact: a try body or an if branch, with its condition.</summary>
public sealed class GuardFact
{
    public GuardKind Kind { get; init; }

    /// <summary>The condition as written (empty for try).</summary>
    public string ConditionText { get; init; } = "";

    /// <summary>The commands invoked inside the condition (e.g. <c>Get-Module -ListAvailable X</c>).</summary>
    public IReadOnlyList<CommandFact> ConditionCommands { get; init; } = Array.Empty<CommandFact>();

    public int Line { get; init; }
}
