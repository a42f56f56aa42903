namespace DepResolve.Engine.Analysis.PowerShell.Facts;

/// <summary>What kind of source expression a <see cref="StaticValue"/> stands for.</summary>
public enum StaticValueKind
{
    /// <summary>A constant string or number; <see cref="StaticValue.Text"/> is its value.</summary>
    Text,

    /// <summary>An array literal (<c>a, b</c> or <c>@('a','b')</c>); <see cref="StaticValue.Items"/>.</summary>
    List,

    /// <summary>A hashtable literal with constant keys; <see cref="StaticValue.Entries"/>.</summary>
    Table,

    /// <summary>A variable reference; <see cref="StaticValue.Text"/> is the name without '$' or scope.</summary>
    Variable,

    /// <summary>A double-quoted string whose nested expressions are all plain variables (<see cref="StaticValue.Variables"/>).</summary>
    Expandable,

    /// <summary><c>a + b</c> of strings; <see cref="StaticValue.Items"/> are the operands.</summary>
    Concatenation,

    /// <summary>A command whose output is the value, e.g. <c>(Join-Path $PSScriptRoot 'x.ps1')</c>.</summary>
    CommandCall,

    /// <summary>A static method call, e.g. <c>[IO.Path]::Combine(...)</c>; Text is "Type::Method", Items the arguments.</summary>
    MethodCall,

    /// <summary>Anything else: not knowable without running the script. Text is the source text.</summary>
    Dynamic,
}

/// <summary>
/// A PowerShell expression reduced to what can be known without running it. The parser builds these;
/// the engine evaluates them (constants, $PSScriptRoot joins, constant variables).
/// </summary>
public sealed class StaticValue
{
    private StaticValue(StaticValueKind kind, string text, string sourceText, int line, int column)
    {
        Kind = kind;
        Text = text;
        SourceText = sourceText;
        Line = line;
        Column = column;
    }

    public StaticValueKind Kind { get; }

    /// <summary>The value (Text), variable name (Variable), unexpanded string (Expandable), "Type::Method" or source text.</summary>
    public string Text { get; }

    /// <summary>The expression as written in the script, for messages.</summary>
    public string SourceText { get; }

    public int Line { get; }

    public int Column { get; }

    public IReadOnlyList<StaticValue> Items { get; private init; } = Array.Empty<StaticValue>();

    public IReadOnlyList<KeyValuePair<string, StaticValue>> Entries { get; private init; } = Array.Empty<KeyValuePair<string, StaticValue>>();

    public IReadOnlyList<string> Variables { get; private init; } = Array.Empty<string>();

    public CommandFact? Command { get; private init; }

    public static StaticValue Constant(string value, int line = 0, int column = 0, string? sourceText = null) =>
        new(StaticValueKind.Text, value, sourceText ?? value, line, column);

    public static StaticValue List(IReadOnlyList<StaticValue> items, string sourceText, int line = 0, int column = 0) =>
        new(StaticValueKind.List, "", sourceText, line, column) { Items = items };

    public static StaticValue Table(IReadOnlyList<KeyValuePair<string, StaticValue>> entries, string sourceText, int line = 0, int column = 0) =>
        new(StaticValueKind.Table, "", sourceText, line, column) { Entries = entries };

    public static StaticValue Variable(string name, string sourceText, int line = 0, int column = 0) =>
        new(StaticValueKind.Variable, name, sourceText, line, column);

    public static StaticValue Expandable(string unexpanded, IReadOnlyList<string> variables, string sourceText, int line = 0, int column = 0) =>
        new(StaticValueKind.Expandable, unexpanded, sourceText, line, column) { Variables = variables };

    public static StaticValue Concatenation(IReadOnlyList<StaticValue> operands, string sourceText, int line = 0, int column = 0) =>
        new(StaticValueKind.Concatenation, "", sourceText, line, column) { Items = operands };

    public static StaticValue CommandCall(CommandFact command, string sourceText, int line = 0, int column = 0) =>
        new(StaticValueKind.CommandCall, command.Name ?? "", sourceText, line, column) { Command = command };

    public static StaticValue MethodCall(string typeName, string methodName, IReadOnlyList<StaticValue> arguments, string sourceText, int line = 0, int column = 0) =>
        new(StaticValueKind.MethodCall, typeName + "::" + methodName, sourceText, line, column) { Items = arguments };

    public static StaticValue Dynamic(string sourceText, int line = 0, int column = 0) =>
        new(StaticValueKind.Dynamic, sourceText, sourceText, line, column);

    /// <summary>The entry of a Table whose key matches (case-insensitive), or null.</summary>
    public StaticValue? this[string key] =>
        Entries.FirstOrDefault(e => string.Equals(e.Key, key, StringComparison.OrdinalIgnoreCase)).Value;

    public override string ToString() => SourceText;
}
