using System.Management.Automation.Language;

namespace DepResolve.Engine.Tests.Hosting;

/// <summary>
/// The PowerShell we ship (the child bootstrap, the build and test scripts, the examples) parses without errors in
/// PowerShell 7.6.10's own parser, so a broken edit fails here in seconds rather than in a child run or a Pester file.
/// </summary>
public sealed class ShippedScriptSyntaxTests
{
    public static TheoryData<string> Scripts()
    {
        var data = new TheoryData<string>();
        var root = RepositoryRoot.Combine();
        var folders = new[] { "src", "examples", "tools", Path.Combine("tests", "Pester") };
        var files = folders
            .SelectMany(f => Directory.EnumerateFiles(Path.Combine(root, f), "*.*", SearchOption.AllDirectories))
            .Concat(Directory.EnumerateFiles(root, "*.ps1"))
            .Where(f => f.EndsWith(".ps1", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".psm1", StringComparison.OrdinalIgnoreCase)
                || f.EndsWith(".psd1", StringComparison.OrdinalIgnoreCase))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            // The analysis corpus has a file that is broken on purpose.
            .Where(f => !Path.GetFileName(f).Equals(BrokenOnPurpose, StringComparison.OrdinalIgnoreCase));
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(root, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void ParsesWithoutErrors(string relativePath)
    {
        var errors = ParseErrors(RepositoryRoot.Combine(relativePath));
        Assert.True(errors.Length == 0, $"{relativePath}: {string.Join("; ", errors)}");
    }

    [Fact]
    public void TheCheckFailsOnTheCorpusFileThatIsBrokenOnPurpose()
    {
        var broken = Directory.EnumerateFiles(RepositoryRoot.Combine("tests", "Pester"), BrokenOnPurpose, SearchOption.AllDirectories).Single();
        Assert.NotEmpty(ParseErrors(broken));
    }

    private const string BrokenOnPurpose = "syntax-errors.ps1";

    /// <summary>Each parse error as "line:column: message".</summary>
    private static string[] ParseErrors(string path)
    {
        // The generated bootstrap's template carries {{ProtocolVersion}} placeholders; they parse as script blocks,
        // so the template is checked as it is.
        Parser.ParseFile(path, out _, out var errors);
        return errors.Select(e => $"{e.Extent.StartLineNumber}:{e.Extent.StartColumnNumber}: {e.Message}").ToArray();
    }
}
