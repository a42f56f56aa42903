using DepResolve.Engine.Analysis.PowerShell.Facts;

namespace DepResolve.Engine.Tests.Analysis.PowerShell;

/// <summary>Builds the facts the PowerShell AST reader would produce, for tests that run without PowerShell.</summary>
internal static class Facts
{
    public static StaticValue S(string text, int line = 0, int column = 0) => StaticValue.Constant(text, line, column, "'" + text + "'");

    public static StaticValue Var(string name, int line = 0) => StaticValue.Variable(name, "$" + name, line, 1);

    public static StaticValue Dyn(string text, int line = 0) => StaticValue.Dynamic(text, line, 1);

    public static StaticValue Arr(params StaticValue[] items) => StaticValue.List(items, string.Join(", ", items.Select(i => i.SourceText)), items.FirstOrDefault()?.Line ?? 0, 1);

    public static StaticValue Table(params (string Key, StaticValue Value)[] entries) =>
        StaticValue.Table(entries.Select(e => new KeyValuePair<string, StaticValue>(e.Key, e.Value)).ToList(), "@{...}");

    /// <summary>A command: strings starting with '-' are parameter names, other strings constant arguments, StaticValues arguments.</summary>
    public static CommandFact Cmd(string? name, int line, params object[] elements) => Cmd(name, line, InvocationKind.Direct, Array.Empty<GuardFact>(), elements);

    public static CommandFact Cmd(string? name, int line, InvocationKind invocation, IReadOnlyList<GuardFact> guards, params object[] elements)
    {
        var list = new List<CommandElementFact>();
        var column = (name?.Length ?? 1) + 2;
        foreach (var element in elements)
        {
            switch (element)
            {
                case string s when s.StartsWith('-') && s.Length > 1:
                    list.Add(CommandElementFact.Parameter(s[1..], null, line, column));
                    break;
                case string s:
                    list.Add(CommandElementFact.Argument(StaticValue.Constant(s, line, column, s)));
                    break;
                case StaticValue v:
                    list.Add(CommandElementFact.Argument(v.Line > 0 ? v : Relocate(v, line, column)));
                    break;
            }

            column += 8;
        }

        return new CommandFact
        {
            Name = name,
            Invocation = invocation,
            Elements = list,
            Line = line,
            Column = 1,
            EndLine = line,
            Guards = guards,
            Text = name + " " + string.Join(" ", elements),
        };
    }

    public static GuardFact Try() => new() { Kind = GuardKind.TryBody };

    public static GuardFact If(string condition, params CommandFact[] conditionCommands) =>
        new() { Kind = GuardKind.IfBranch, ConditionText = condition, ConditionCommands = conditionCommands };

    public static GuardFact Else(string condition, params CommandFact[] conditionCommands) =>
        new() { Kind = GuardKind.ElseOf, ConditionText = condition, ConditionCommands = conditionCommands };

    public static ScriptFacts Script(string? path = null) => new() { FilePath = path };

    private static StaticValue Relocate(StaticValue v, int line, int column) => v.Kind switch
    {
        StaticValueKind.Text => StaticValue.Constant(v.Text, line, column, v.SourceText),
        StaticValueKind.Variable => StaticValue.Variable(v.Text, v.SourceText, line, column),
        StaticValueKind.Dynamic => StaticValue.Dynamic(v.SourceText, line, column),
        StaticValueKind.List => StaticValue.List(v.Items, v.SourceText, line, column),
        StaticValueKind.Table => StaticValue.Table(v.Entries, v.SourceText, line, column),
        _ => v,
    };
}
