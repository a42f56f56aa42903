using System.Text;

namespace DepResolve.Engine.Packaging;

/// <summary>
/// Reads top-level entries of a PowerShell module manifest (.psd1, PowerShell data) without PowerShell:
/// comments (<c>#</c>, <c>&lt;# #&gt;</c>) and strings are tokenised properly, and only keys of the outer
/// hashtable count, so <c>RequiredModules = @(@{ ModuleName = 'X'; ModuleVersion = '1.0' })</c> is not
/// mistaken for the module's own version.
/// </summary>
internal static class ModuleManifestReader
{
    private const string SingleQuotes = "'‘’";
    private const string DoubleQuotes = "\"“”";

    /// <summary>The value of the top-level key <paramref name="key"/> when it is a constant string or bare word.</summary>
    public static string? ReadTopLevelValue(string text, string key)
    {
        var tokens = Tokenize(text);
        var depth = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            switch (token.Kind)
            {
                case TokenKind.Open:
                    depth++;
                    break;
                case TokenKind.Close:
                    depth--;
                    break;
                case TokenKind.Word or TokenKind.String when depth == 1
                    && string.Equals(token.Text, key, StringComparison.OrdinalIgnoreCase)
                    && i + 2 < tokens.Count
                    && tokens[i + 1].Kind == TokenKind.Equals
                    && IsKeyPosition(tokens, i):
                    var value = tokens[i + 2];
                    return value.Kind is TokenKind.String or TokenKind.Word ? value.Text.Trim() : null;
            }
        }

        return null;
    }

    /// <summary>
    /// The strings of the top-level key <paramref name="key"/>: <c>'a', 'b'</c>, <c>@('a', 'b')</c> (over several lines),
    /// or one string. Null when the key is absent; empty for <c>@()</c> or <c>$null</c>.
    /// </summary>
    public static IReadOnlyList<string>? ReadTopLevelList(string text, string key)
    {
        var tokens = Tokenize(text);
        var depth = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind == TokenKind.Open)
            {
                depth++;
            }
            else if (token.Kind == TokenKind.Close)
            {
                depth--;
            }
            else if (token.Kind is TokenKind.Word or TokenKind.String && depth == 1
                && string.Equals(token.Text, key, StringComparison.OrdinalIgnoreCase)
                && i + 1 < tokens.Count && tokens[i + 1].Kind == TokenKind.Equals && IsKeyPosition(tokens, i))
            {
                return ReadList(tokens, i + 2);
            }
        }

        return null;
    }

    private static List<string> ReadList(List<Token> tokens, int start)
    {
        var values = new List<string>();
        var parentheses = 0;
        var afterComma = true;
        for (var i = start; i < tokens.Count; i++)
        {
            var token = tokens[i];
            switch (token.Kind)
            {
                case TokenKind.String:
                    values.Add(token.Text.Trim());
                    afterComma = false;
                    break;
                case TokenKind.Other when token.Text == "(":
                    parentheses++;
                    break;
                case TokenKind.Other when token.Text == ")":
                    if (--parentheses <= 0)
                    {
                        return values;
                    }

                    break;
                case TokenKind.Other when token.Text == ",":
                    afterComma = true;
                    break;
                case TokenKind.Other when token.Text is "@" or "$":
                    break;
                case TokenKind.Word when token.Text.Equals("null", StringComparison.OrdinalIgnoreCase):
                    return values;
                case TokenKind.Word:
                    values.Add(token.Text);
                    afterComma = false;
                    break;
                case TokenKind.Separator when parentheses > 0 || (afterComma && token.Text is "\n" or "\r"):
                    break;
                default:
                    return values;
            }
        }

        return values;
    }

    private static bool IsKeyPosition(List<Token> tokens, int index) =>
        index == 0 || tokens[index - 1].Kind is TokenKind.Open or TokenKind.Separator or TokenKind.String or TokenKind.Word or TokenKind.Close;

    private enum TokenKind
    {
        Word,
        String,
        Equals,
        Open,
        Close,
        Separator,
        Other,
    }

    private readonly record struct Token(TokenKind Kind, string Text);

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '<' && Peek(text, i + 1) == '#')
            {
                var end = text.IndexOf("#>", i + 2, StringComparison.Ordinal);
                i = end < 0 ? text.Length : end + 2;
            }
            else if (c == '#')
            {
                while (i < text.Length && text[i] != '\n' && text[i] != '\r')
                {
                    i++;
                }
            }
            else if (c == '@' && (Peek(text, i + 1) == '\'' || Peek(text, i + 1) == '"') && IsLineBreak(Peek(text, i + 2)))
            {
                i = ReadHereString(text, i, tokens);
            }
            else if (SingleQuotes.Contains(c))
            {
                i = ReadQuoted(text, i, tokens, SingleQuotes, backtickEscapes: false);
            }
            else if (DoubleQuotes.Contains(c))
            {
                i = ReadQuoted(text, i, tokens, DoubleQuotes, backtickEscapes: true);
            }
            else if (c == '@' && Peek(text, i + 1) == '{')
            {
                tokens.Add(new Token(TokenKind.Open, "@{"));
                i += 2;
            }
            else if (c == '{')
            {
                tokens.Add(new Token(TokenKind.Open, "{"));
                i++;
            }
            else if (c == '}')
            {
                tokens.Add(new Token(TokenKind.Close, "}"));
                i++;
            }
            else if (c == '=')
            {
                tokens.Add(new Token(TokenKind.Equals, "="));
                i++;
            }
            else if (c is ';' or '\n' or '\r')
            {
                tokens.Add(new Token(TokenKind.Separator, c.ToString()));
                i++;
            }
            else if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsLetterOrDigit(c) || c is '_' or '.' or '-' or '+')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.' or '-' or '+'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Word, text[start..i]));
            }
            else
            {
                tokens.Add(new Token(TokenKind.Other, c.ToString()));
                i++;
            }
        }

        return tokens;
    }

    private static char Peek(string text, int index) => index < text.Length ? text[index] : '\0';

    private static bool IsLineBreak(char c) => c is '\n' or '\r';

    /// <summary>
    /// A quoted string: a doubled quote is one quote; in double-quoted strings a backtick escapes the next character.
    /// PowerShell takes the typographic quotes as their ASCII equivalents.
    /// </summary>
    private static int ReadQuoted(string text, int i, List<Token> tokens, string quotes, bool backtickEscapes)
    {
        var value = new StringBuilder();
        i++;
        while (i < text.Length)
        {
            var c = text[i];
            if (backtickEscapes && c == '`' && i + 1 < text.Length)
            {
                value.Append(text[i + 1]);
                i += 2;
                continue;
            }

            if (quotes.Contains(c))
            {
                if (quotes.Contains(Peek(text, i + 1)))
                {
                    value.Append(quotes[0]);
                    i += 2;
                    continue;
                }

                i++;
                break;
            }

            value.Append(c);
            i++;
        }

        tokens.Add(new Token(TokenKind.String, value.ToString()));
        return i;
    }

    private static int ReadHereString(string text, int i, List<Token> tokens)
    {
        var quote = text[i + 1];
        var bodyStart = text.IndexOf('\n', i) + 1;
        var terminator = "\n" + quote + "@";
        var end = text.IndexOf(terminator, bodyStart - 1, StringComparison.Ordinal);
        if (end < 0)
        {
            tokens.Add(new Token(TokenKind.String, text[bodyStart..]));
            return text.Length;
        }

        tokens.Add(new Token(TokenKind.String, text[bodyStart..end].TrimEnd('\r')));
        return end + terminator.Length;
    }
}
