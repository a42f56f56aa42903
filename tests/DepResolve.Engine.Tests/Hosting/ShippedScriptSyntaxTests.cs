namespace DepResolve.Engine.Tests.Hosting;

/// <summary>
/// No pwsh exists where these tests run, so nothing else parses the PowerShell we ship (the child bootstrap, the
/// build and test scripts). This checks what an edit most often breaks: every brace, parenthesis and bracket closes,
/// and every string, here-string and block comment ends — outside strings and comments, as PowerShell reads them.
/// </summary>
public sealed class ShippedScriptSyntaxTests
{
    public static TheoryData<string> Scripts()
    {
        var data = new TheoryData<string>();
        var root = RepositoryRoot.Combine();
        var folders = new[] { "src", "examples", Path.Combine("tests", "Pester") };
        var files = folders
            .SelectMany(f => Directory.EnumerateFiles(Path.Combine(root, f), "*.*", SearchOption.AllDirectories))
            .Concat(Directory.EnumerateFiles(root, "*.ps1"))
            .Where(f => f.EndsWith(".ps1", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".psm1", StringComparison.OrdinalIgnoreCase))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            // The analysis corpus has a file that is broken on purpose.
            .Where(f => !Path.GetFileName(f).Equals("syntax-errors.ps1", StringComparison.OrdinalIgnoreCase));
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(root, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void DelimitersBalance(string relativePath)
    {
        var text = File.ReadAllText(RepositoryRoot.Combine(relativePath));
        var problem = new PowerShellDelimiterScanner(text).Scan();
        Assert.True(problem is null, $"{relativePath}: {problem}");
    }

    [Fact]
    public void TheScannerFindsWhatItIsFor()
    {
        Assert.Null(new PowerShellDelimiterScanner("if ($a) { \"}$(\"(\")\" } # }\n<# { #>\n@'\n{\n'@\n$h = @{ a = '}' }").Scan());
        Assert.NotNull(new PowerShellDelimiterScanner("if ($a) { 'x'").Scan());
        Assert.NotNull(new PowerShellDelimiterScanner("$x = @(1, 2]").Scan());
        Assert.NotNull(new PowerShellDelimiterScanner("$s = \"open").Scan());
        Assert.NotNull(new PowerShellDelimiterScanner("$s = @\"\nnever closed\n").Scan());
    }

    /// <summary>A small reader of PowerShell's lexical structure: enough to pair delimiters, not a parser.</summary>
    private sealed class PowerShellDelimiterScanner(string text)
    {
        private int _position;

        private int Line => text.AsSpan(0, Math.Min(_position, text.Length)).Count('\n') + 1;

        /// <summary>Null when everything pairs up, else what is wrong and where.</summary>
        public string? Scan()
        {
            try
            {
                Code(closing: null);
                return null;
            }
            catch (FormatException ex)
            {
                return ex.Message;
            }
        }

        private void Code(char? closing)
        {
            var open = new Stack<(char Close, int Line)>();
            while (_position < text.Length)
            {
                var c = text[_position];
                if (c == '`')
                {
                    _position += 2;
                    continue;
                }

                if (c == '<' && Next(1) == '#')
                {
                    Skip("#>", "block comment");
                    continue;
                }

                if (c == '#' && (_position == 0 || char.IsWhiteSpace(text[_position - 1]) || ";({}".Contains(text[_position - 1])))
                {
                    while (_position < text.Length && text[_position] != '\n')
                    {
                        _position++;
                    }

                    continue;
                }

                if (c == '@' && (Next(1) == '\'' || Next(1) == '"') && IsLineEnd(_position + 2))
                {
                    HereString(Next(1));
                    continue;
                }

                if (c == '\'')
                {
                    SingleQuoted();
                    continue;
                }

                if (c == '"')
                {
                    DoubleQuoted();
                    continue;
                }

                _position++;
                switch (c)
                {
                    case '{':
                        open.Push(('}', Line));
                        break;
                    case '(':
                        open.Push((')', Line));
                        break;
                    case '[':
                        open.Push((']', Line));
                        break;
                    case '}' or ')' or ']':
                        if (open.Count == 0)
                        {
                            if (closing == c)
                            {
                                return;
                            }

                            throw new FormatException($"line {Line}: '{c}' closes nothing");
                        }

                        var (expected, line) = open.Pop();
                        if (expected != c)
                        {
                            throw new FormatException($"line {Line}: '{c}' where the one opened on line {line} needs '{expected}'");
                        }

                        break;
                }
            }

            if (open.Count > 0)
            {
                throw new FormatException($"'{open.Peek().Close}' missing for the one opened on line {open.Peek().Line}");
            }

            if (closing is not null)
            {
                throw new FormatException($"'{closing}' missing at the end");
            }
        }

        private void SingleQuoted()
        {
            var start = Line;
            _position++;
            while (_position < text.Length)
            {
                if (text[_position] == '\'' && Next(1) == '\'')
                {
                    _position += 2;
                    continue;
                }

                if (text[_position++] == '\'')
                {
                    return;
                }
            }

            throw new FormatException($"the string opened on line {start} never ends");
        }

        private void DoubleQuoted()
        {
            var start = Line;
            _position++;
            while (_position < text.Length)
            {
                var c = text[_position];
                if (c == '`')
                {
                    _position += 2;
                    continue;
                }

                if (c == '"' && Next(1) == '"')
                {
                    _position += 2;
                    continue;
                }

                if (c == '$' && Next(1) == '(')
                {
                    _position += 2;
                    Code(closing: ')');
                    continue;
                }

                _position++;
                if (c == '"')
                {
                    return;
                }
            }

            throw new FormatException($"the string opened on line {start} never ends");
        }

        private void HereString(char quote)
        {
            var start = Line;
            var terminator = "\n" + quote + "@";
            // "\n'@" also ends a here-string in a file with CRLF line ends.
            var end = text.IndexOf(terminator, _position, StringComparison.Ordinal);
            if (end < 0)
            {
                throw new FormatException($"the here-string opened on line {start} never ends");
            }

            _position = end + terminator.Length;
        }

        private void Skip(string terminator, string what)
        {
            var start = Line;
            var end = text.IndexOf(terminator, _position + 2, StringComparison.Ordinal);
            if (end < 0)
            {
                throw new FormatException($"the {what} opened on line {start} never ends");
            }

            _position = end + terminator.Length;
        }

        private char Next(int offset) => _position + offset < text.Length ? text[_position + offset] : '\0';

        private bool IsLineEnd(int index)
        {
            while (index < text.Length && text[index] is ' ' or '\t')
            {
                index++;
            }

            return index >= text.Length || text[index] is '\n' or '\r';
        }
    }
}
