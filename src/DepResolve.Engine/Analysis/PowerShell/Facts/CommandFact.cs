namespace DepResolve.Engine.Analysis.PowerShell.Facts;

/// <summary>How a command was invoked.</summary>
public enum InvocationKind
{
    /// <summary><c>Get-Thing</c> or <c>./other.ps1</c>.</summary>
    Direct,

    /// <summary><c>&amp; something</c>.</summary>
    CallOperator,

    /// <summary><c>. something</c> (dot-sourcing).</summary>
    DotSource,
}

/// <summary>One command invocation as the parser saw it.</summary>
public sealed class CommandFact
{
    /// <summary>The static command name (CommandAst.GetCommandName()), or null when the first element is not a constant.</summary>
    public string? Name { get; init; }

    /// <summary>The first element as a value when <see cref="Name"/> is null (e.g. <c>. (Join-Path $PSScriptRoot 'x.ps1')</c>).</summary>
    public StaticValue? Target { get; init; }

    public InvocationKind Invocation { get; init; }

    /// <summary>The elements after the command name, in order.</summary>
    public IReadOnlyList<CommandElementFact> Elements { get; init; } = Array.Empty<CommandElementFact>();

    public int Line { get; init; }

    public int Column { get; init; }

    /// <summary>The line the command ends on: a version hint comment sits there.</summary>
    public int EndLine { get; init; }

    /// <summary>The enclosing try blocks and if/else branches, outermost first.</summary>
    public IReadOnlyList<GuardFact> Guards { get; init; } = Array.Empty<GuardFact>();

    /// <summary>The command as written, for messages.</summary>
    public string Text { get; init; } = "";
}

/// <summary>One element after a command name: a parameter (<c>-Name</c>, <c>-Name:value</c>) or an argument.</summary>
public sealed class CommandElementFact
{
    /// <summary>The parameter name without the dash, or null for an argument.</summary>
    public string? ParameterName { get; init; }

    /// <summary>The argument's value, or the value attached with a colon (<c>-Name:value</c>).</summary>
    public StaticValue? Value { get; init; }

    public int Line { get; init; }

    public int Column { get; init; }

    public static CommandElementFact Parameter(string name, StaticValue? attached = null, int line = 0, int column = 0) =>
        new() { ParameterName = name, Value = attached, Line = line, Column = column };

    public static CommandElementFact Argument(StaticValue value) =>
        new() { Value = value, Line = value.Line, Column = value.Column };
}
