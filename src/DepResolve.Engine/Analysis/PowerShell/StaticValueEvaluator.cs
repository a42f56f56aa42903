using DepResolve.Engine.Analysis.PowerShell.Facts;

namespace DepResolve.Engine.Analysis.PowerShell;

/// <summary>
/// Evaluates <see cref="StaticValue"/>s that are knowable without running the script: constants,
/// $PSScriptRoot / $PSCommandPath, variables assigned exactly once to a constant, "$PSScriptRoot\x.ps1",
/// string concatenation, Join-Path, Split-Path -Parent and [IO.Path]::Combine.
/// </summary>
internal sealed class StaticValueEvaluator
{
    private const int MaxDepth = 16;
    private readonly string? _filePath;
    private readonly Dictionary<string, List<AssignmentFact>> _assignments;

    public StaticValueEvaluator(string? filePath, IEnumerable<AssignmentFact> assignments)
    {
        _filePath = filePath;
        _assignments = assignments
            .GroupBy(a => a.VariableName, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The string the value is, or null when it depends on run time.</summary>
    public string? TryGetText(StaticValue? value) => TryGetText(value, 0);

    /// <summary>The strings of a value that is one string or a list of strings; null if any is not constant.</summary>
    public IReadOnlyList<string>? TryGetTexts(StaticValue? value)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Kind == StaticValueKind.List)
        {
            var texts = new List<string>();
            foreach (var item in value.Items)
            {
                var text = TryGetText(item);
                if (text is null)
                {
                    return null;
                }

                texts.Add(text);
            }

            return texts;
        }

        var single = TryGetText(value);
        return single is null ? null : new[] { single };
    }

    /// <summary>A variable's value when it is assigned exactly once, with "=", to something constant.</summary>
    public StaticValue? ConstantAssignment(string variableName)
    {
        return _assignments.TryGetValue(variableName, out var writes) && writes.Count == 1 && writes[0].Operator == "="
            ? writes[0].Value
            : null;
    }

    private string? TryGetText(StaticValue? value, int depth)
    {
        if (value is null || depth > MaxDepth)
        {
            return null;
        }

        switch (value.Kind)
        {
            case StaticValueKind.Text:
                return value.Text;
            case StaticValueKind.List:
                return value.Items.Count == 1 ? TryGetText(value.Items[0], depth + 1) : null;
            case StaticValueKind.Variable:
                return VariableText(value.Text, depth);
            case StaticValueKind.Expandable:
                return Expand(value, depth);
            case StaticValueKind.Concatenation:
                var parts = value.Items.Select(p => TryGetText(p, depth + 1)).ToList();
                return parts.Any(p => p is null) ? null : string.Concat(parts);
            case StaticValueKind.CommandCall:
                return CommandText(value.Command!, depth);
            case StaticValueKind.MethodCall:
                return MethodText(value, depth);
            default:
                return null;
        }
    }

    private string? VariableText(string name, int depth)
    {
        if (string.Equals(name, "PSScriptRoot", StringComparison.OrdinalIgnoreCase))
        {
            return _filePath is null ? null : Path.GetDirectoryName(_filePath);
        }

        if (string.Equals(name, "PSCommandPath", StringComparison.OrdinalIgnoreCase))
        {
            return _filePath;
        }

        return TryGetText(ConstantAssignment(name), depth + 1);
    }

    private string? Expand(StaticValue value, int depth)
    {
        var text = value.Text;
        foreach (var variable in value.Variables.Distinct(StringComparer.OrdinalIgnoreCase).OrderByDescending(v => v.Length))
        {
            var replacement = VariableText(variable, depth + 1);
            if (replacement is null)
            {
                return null;
            }

            text = ReplaceVariable(text, variable, replacement);
        }

        return text;
    }

    private static string ReplaceVariable(string text, string name, string replacement)
    {
        var braced = "${" + name + "}";
        text = text.Replace(braced, replacement, StringComparison.OrdinalIgnoreCase);
        var plain = "$" + name;
        var result = new System.Text.StringBuilder();
        var index = 0;
        while (true)
        {
            var found = text.IndexOf(plain, index, StringComparison.OrdinalIgnoreCase);
            if (found < 0)
            {
                result.Append(text, index, text.Length - index);
                return result.ToString();
            }

            var end = found + plain.Length;
            var continues = end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_');
            result.Append(text, index, found - index);
            result.Append(continues ? plain : replacement);
            index = end;
        }
    }

    private string? CommandText(CommandFact command, int depth)
    {
        if (string.Equals(command.Name, "Join-Path", StringComparison.OrdinalIgnoreCase))
        {
            var bound = CommandArgumentBinder.Bind(command.Elements, CommandSignature.JoinPath, "Path", "ChildPath", "AdditionalChildPath");
            if (bound.Has("Resolve") || bound.Has("Extension") || bound.Positional.Count > 0)
            {
                return null;
            }

            var pieces = new List<string?> { TryGetText(bound["Path"], depth + 1), TryGetText(bound["ChildPath"], depth + 1) };
            if (bound.Has("AdditionalChildPath"))
            {
                var more = TryGetTexts(bound["AdditionalChildPath"]);
                if (more is null)
                {
                    return null;
                }

                pieces.AddRange(more);
            }

            return pieces.Any(p => p is null) ? null : JoinPieces(pieces!);
        }

        if (string.Equals(command.Name, "Split-Path", StringComparison.OrdinalIgnoreCase))
        {
            var bound = CommandArgumentBinder.Bind(command.Elements, CommandSignature.SplitPath, "Path");
            var onlyParent = !new[] { "Leaf", "LeafBase", "Extension", "Qualifier", "NoQualifier", "IsAbsolute", "Resolve" }.Any(bound.Has);
            var path = TryGetText(bound["Path"] ?? bound["LiteralPath"], depth + 1);
            return onlyParent && path is not null ? Path.GetDirectoryName(path.TrimEnd('/', '\\')) : null;
        }

        return null;
    }

    private string? MethodText(StaticValue value, int depth)
    {
        var isCombine = string.Equals(value.Text, "IO.Path::Combine", StringComparison.OrdinalIgnoreCase)
            || string.Equals(value.Text, "System.IO.Path::Combine", StringComparison.OrdinalIgnoreCase)
            || string.Equals(value.Text, "IO.Path::Join", StringComparison.OrdinalIgnoreCase)
            || string.Equals(value.Text, "System.IO.Path::Join", StringComparison.OrdinalIgnoreCase);
        if (!isCombine)
        {
            return null;
        }

        var pieces = value.Items.Select(i => TryGetText(i, depth + 1)).ToList();
        return pieces.Count == 0 || pieces.Any(p => p is null) ? null : JoinPieces(pieces!);
    }

    private static string JoinPieces(IEnumerable<string> pieces)
    {
        var result = "";
        foreach (var piece in pieces)
        {
            if (result.Length == 0)
            {
                result = piece;
            }
            else if (piece.Length > 0)
            {
                result = result.TrimEnd('/', '\\') + Path.DirectorySeparatorChar + piece.TrimStart('/', '\\');
            }
        }

        return result;
    }
}
