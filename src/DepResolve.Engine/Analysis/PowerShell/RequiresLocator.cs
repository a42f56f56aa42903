using System.Globalization;
using System.Text.RegularExpressions;
using DepResolve.Engine.Analysis.PowerShell.Facts;

namespace DepResolve.Engine.Analysis.PowerShell;

/// <summary>
/// ScriptBlockAst.ScriptRequirements says what #Requires asks for but not where; the comment tokens say where.
/// Finds the #Requires comment that holds a switch (by PowerShell's prefix rule) and, optionally, a name.
/// </summary>
internal static partial class RequiresLocator
{
    public static (int Line, int Column) Locate(IEnumerable<CommentFact> comments, string switchName, string? name)
    {
        CommentFact? firstRequires = null;
        CommentFact? firstWithSwitch = null;
        foreach (var comment in comments)
        {
            if (!comment.Text.StartsWith("#requires", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            firstRequires ??= comment;
            if (!HasSwitch(comment.Text, switchName))
            {
                continue;
            }

            firstWithSwitch ??= comment;
            if (name is null || ContainsNameAlone(comment.Text, name))
            {
                return (comment.Line, comment.Column);
            }
        }

        var found = firstWithSwitch ?? firstRequires;
        return found is null ? (1, 1) : (found.Line, found.Column);
    }

    private static bool HasSwitch(string text, string switchName)
    {
        foreach (Match match in SwitchPattern().Matches(text))
        {
            var written = match.Groups[1].Value;
            if (written.Length >= 2 && switchName.StartsWith(written, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="text"/> holds <paramref name="name"/> (ignoring case) not inside a longer name: no word
    /// character, '.' or '-' right before or after it. A scan, not a regular expression built for each name: parsing
    /// one costs a fresh pwsh 3-4 ms of the first call (docs/benchmarks.md).
    /// </summary>
    internal static bool ContainsNameAlone(string text, string name)
    {
        for (var start = text.IndexOf(name, StringComparison.OrdinalIgnoreCase); start >= 0; start = text.IndexOf(name, start + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = start + name.Length;
            if ((start == 0 || !IsNamePart(text[start - 1])) && (end == text.Length || !IsNamePart(text[end])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>'.', '-' or a word character as regular expressions define \w (letters, nonspacing marks, decimal digits, connectors).</summary>
    private static bool IsNamePart(char c) => c is '.' or '-' || char.GetUnicodeCategory(c) is
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter
        or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation;

    [GeneratedRegex(@"(?<=\s)-(\w+)")]
    private static partial Regex SwitchPattern();
}
