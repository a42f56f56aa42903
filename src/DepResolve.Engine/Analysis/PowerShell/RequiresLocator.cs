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
            if (name is null || NameAlone(name).IsMatch(comment.Text))
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
    /// The name not inside a longer one. Built here rather than through the static Regex methods, whose shared cache
    /// costs a fresh pwsh about 15 JIT-compiled methods on the first call of a warm cache (docs/benchmarks.md).
    /// </summary>
    private static Regex NameAlone(string name) => new(@"(?<![\w.-])" + Regex.Escape(name) + @"(?![\w.-])", RegexOptions.IgnoreCase);

    [GeneratedRegex(@"(?<=\s)-(\w+)")]
    private static partial Regex SwitchPattern();
}
