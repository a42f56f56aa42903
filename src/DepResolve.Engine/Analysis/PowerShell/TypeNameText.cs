namespace DepResolve.Engine.Analysis.PowerShell;

/// <summary>
/// A type name as a script writes it (<c>[X]</c>, <c>X[]</c>, <c>X[,]</c>, <c>List[Y]</c>, <c>Dictionary[string,Y[]]</c>)
/// split into the type a package must provide and the type arguments, each of which may need a package too.
/// </summary>
internal static class TypeNameText
{
    public static (string Name, IReadOnlyList<string> TypeArguments) Split(string typeName)
    {
        var text = typeName.Trim();
        if (text.Length > 1 && text[0] == '[' && text[^1] == ']' && ClosingBracket(text, 0) == text.Length - 1)
        {
            text = text[1..^1].Trim();
        }

        var open = text.IndexOf('[');
        if (open < 0)
        {
            return (text, Array.Empty<string>());
        }

        var name = text[..open].Trim();
        var arguments = new List<string>();
        while (open >= 0 && open < text.Length && text[open] == '[')
        {
            var close = ClosingBracket(text, open);
            if (close < 0)
            {
                break;
            }

            // An array rank ([] or [,]) names no type; a generic's brackets hold its type arguments.
            var inside = text[(open + 1)..close];
            if (inside.Trim(',', ' ').Length > 0)
            {
                arguments.AddRange(TopLevelParts(inside).Where(part => part.Length > 0));
            }

            open = close + 1;
        }

        return (name, arguments);
    }

    private static int ClosingBracket(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            depth += text[i] switch { '[' => 1, ']' => -1, _ => 0 };
            if (depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static IEnumerable<string> TopLevelParts(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '[' => 1, ']' => -1, _ => 0 };
            if (depth == 0 && text[i] == ',')
            {
                yield return text[start..i].Trim();
                start = i + 1;
            }
        }

        yield return text[start..].Trim();
    }
}
