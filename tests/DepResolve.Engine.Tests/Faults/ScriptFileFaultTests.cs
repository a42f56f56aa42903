using System.Text;
using DepResolve.Engine.Analysis;
using DepResolve.Engine.Analysis.CSharp;
using DepResolve.Engine.Analysis.PowerShell;
using DepResolve.Engine.Analysis.PowerShell.Facts;
using DepResolve.Engine.Model;
using DepResolve.Engine.Tests.Analysis.PowerShell;

namespace DepResolve.Engine.Tests.Faults;

/// <summary>
/// Script files that are not source text, read by the C# analyzer (.cs/.csx) and by the engine's PowerShell file
/// loading (what the reader parses, and the analyzer's walk into dot-sourced files). The C# analyzer reports a
/// diagnostic naming the file; the PowerShell loader throws AnalysisFailed naming it, or reads the text (a BOM
/// decides, else UTF-8, else Latin-1 as Windows PowerShell 5.1 editors save). Nothing is ever written.
/// </summary>
public sealed class ScriptFileFaultTests
{
    private const long OverEveryLimit = 17L * 1024 * 1024;

    private static readonly Dictionary<string, ScriptCase> Cases = new ScriptCase[]
    {
        new("binary", Binary(), CSharp: (AnalysisSeverity.Error, "is binary"), PowerShell: Throws("is a binary file")),
        new("empty", [], CSharp: (AnalysisSeverity.Warning, "is empty"), PowerShell: Reads("")),
        new("only whitespace", Encoding.UTF8.GetBytes(" \r\n\t\n"), CSharp: (AnalysisSeverity.Warning, "is empty"), PowerShell: Reads(" \r\n\t\n")),
        new("huge (17 MB)", null, CSharp: (AnalysisSeverity.Error, "over the 8,388,608-byte limit"), PowerShell: Throws("larger than the 16,777,216 bytes"), SparseLength: OverEveryLimit),
        new("not UTF-8 (Latin-1 bytes)", Encoding.Latin1.GetBytes("// café\nusing System;\n"), CSharp: (AnalysisSeverity.Error, "is not valid UTF-8 (first invalid byte at offset 6)"), PowerShell: Reads("// café\nusing System;\n")),
        new("UTF-16 with a byte order mark", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("using System;\n")], CSharp: null, PowerShell: Reads("using System;\n")),
        new("UTF-16 byte order mark, then a lone surrogate", [0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00], CSharp: (AnalysisSeverity.Error, "not valid utf-16"), PowerShell: Reads("\uFFFDA")),
        new("missing", null, CSharp: (AnalysisSeverity.Error, "does not exist"), PowerShell: Throws("not found")),
    }.ToDictionary(c => c.Name);

    public static TheoryData<string> All() => new(Cases.Keys);

    public static TheoryData<string> Unloadable() => new(Cases.Values.Where(c => c.PowerShell.Error is not null).Select(c => c.Name));

    [Theory]
    [MemberData(nameof(All))]
    public void CSharp_analyzer_reports_the_file_and_writes_nothing(string name)
    {
        var scriptCase = Cases[name];
        using var sandbox = new FaultSandbox();
        var path = scriptCase.Write(sandbox, "script.csx");
        var before = sandbox.SnapshotOutsideCache();

        var result = new CSharpDependencyAnalyzer().AnalyzeFile(path);

        if (scriptCase.CSharp is not var (severity, reason))
        {
            Assert.DoesNotContain(result.Diagnostics, d => d.Severity == AnalysisSeverity.Error);
        }
        else
        {
            var diagnostic = Assert.Single(result.Diagnostics);
            Assert.Equal(ErrorCode.AnalysisFailed, diagnostic.Code);
            Assert.Equal(severity, diagnostic.Severity);
            Assert.Equal(path, diagnostic.Path);
            Assert.Contains(path, diagnostic.Message, StringComparison.Ordinal);
            Assert.Contains(reason, diagnostic.Message, StringComparison.OrdinalIgnoreCase);
            Assert.Empty(result.Dependencies);
            Assert.Equal(severity == AnalysisSeverity.Error, result.Failed);
        }

        sandbox.AssertNothingWrittenOutsideCache(before);
        Assert.Empty(Directory.EnumerateFileSystemEntries(sandbox.CacheRoot));
    }

    [Theory]
    [MemberData(nameof(All))]
    public void PowerShell_file_loading_refuses_with_AnalysisFailed_naming_the_file_or_reads_the_text(string name)
    {
        var scriptCase = Cases[name];
        using var sandbox = new FaultSandbox();
        var path = scriptCase.Write(sandbox, "case.ps1");
        var before = sandbox.SnapshotOutsideCache();

        if (scriptCase.PowerShell.Error is { } reason)
        {
            var error = Assert.Throws<DepResolveException>(() => ScriptTextLoader.Load(path));
            Assert.Equal(ErrorCode.AnalysisFailed, error.Code);
            Assert.Equal(path, error.Target);
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
            Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(scriptCase.PowerShell.Text, ScriptTextLoader.Load(path));
        }

        sandbox.AssertNothingWrittenOutsideCache(before);
    }

    [Theory]
    [MemberData(nameof(Unloadable))]
    public void A_dot_sourced_file_that_cannot_be_read_is_a_warning_naming_it_not_a_failure(string name)
    {
        var scriptCase = Cases[name];
        using var sandbox = new FaultSandbox();
        var library = scriptCase.Write(sandbox, "lib.ps1");
        var main = new ScriptFacts { FilePath = sandbox.ScriptPath };
        main.Commands.Add(Facts.Cmd("./lib.ps1", 1, InvocationKind.DotSource, Array.Empty<GuardFact>()));
        var before = sandbox.SnapshotOutsideCache();

        var result = new PowerShellDependencyAnalyzer(new PowerShellAnalysisOptions()).AnalyzeFile(sandbox.ScriptPath, file =>
        {
            ScriptTextLoader.Load(file);
            return file == sandbox.ScriptPath ? main : new ScriptFacts { FilePath = file };
        });

        var warning = Assert.Single(result.Warnings, w => w.Kind == ScriptAnalysisWarningKind.ReferencedFileUnreadable);
        Assert.Contains(library, warning.Message, StringComparison.Ordinal);
        sandbox.AssertNothingWrittenOutsideCache(before);
    }

    [Fact]
    public void A_csx_loading_a_binary_file_reports_that_file_and_still_analyses_the_script()
    {
        using var sandbox = new FaultSandbox();
        var binary = Path.Combine(sandbox.ScriptsFolder, "helper.csx");
        File.WriteAllBytes(binary, Binary());
        var script = Path.Combine(sandbox.ScriptsFolder, "main.csx");
        File.WriteAllText(script, "#load \"helper.csx\"\n#r \"nuget: Newtonsoft.Json, 13.0.1\"\nusing Newtonsoft.Json;\n");
        var before = sandbox.SnapshotOutsideCache();

        var result = new CSharpDependencyAnalyzer().AnalyzeFile(script);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(binary, diagnostic.Path);
        Assert.Contains("is binary", diagnostic.Message, StringComparison.Ordinal);
        Assert.False(result.Failed);
        Assert.Contains(result.Dependencies, d => d.Name == "Newtonsoft.Json");
        sandbox.AssertNothingWrittenOutsideCache(before);
    }

    private static byte[] Binary()
    {
        var bytes = new byte[2048];
        new Random(3).NextBytes(bytes);
        bytes[0] = (byte)'M';
        bytes[1] = (byte)'Z';
        bytes[2] = 0;
        return bytes;
    }

    private static (string? Error, string? Text) Throws(string reason) => (reason, null);

    private static (string? Error, string? Text) Reads(string text) => (null, text);

    /// <param name="Bytes">The file's content; null with no <paramref name="SparseLength"/>: the file does not exist.</param>
    /// <param name="CSharp">The C# analyzer's one diagnostic (severity, message part); null: no error at all.</param>
    /// <param name="PowerShell">The loader's error (message part) or the text it returns.</param>
    /// <param name="SparseLength">Written as a sparse file of this length (instant, no disk used).</param>
    private sealed record ScriptCase(string Name, byte[]? Bytes, (AnalysisSeverity Severity, string Reason)? CSharp, (string? Error, string? Text) PowerShell, long SparseLength = 0)
    {
        public string Write(FaultSandbox sandbox, string fileName)
        {
            var path = Path.Combine(sandbox.ScriptsFolder, fileName);
            if (SparseLength > 0)
            {
                using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
                file.SetLength(SparseLength);
            }
            else if (Bytes is not null)
            {
                File.WriteAllBytes(path, Bytes);
            }

            return path;
        }
    }
}
