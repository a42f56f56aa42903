using System.Text;
using DepResolve.Engine.Analysis.PowerShell;
using DepResolve.Engine.Model;
using DepResolve.Engine.Tests.Fixtures;

namespace DepResolve.Engine.Tests.Analysis.PowerShell;

public class ScriptTextLoaderTests
{
    [Fact]
    public void Reads_utf8_utf16_and_legacy_ansi_scripts()
    {
        using var folder = new TempFolder("psreader");
        var utf8 = folder.Combine("utf8.ps1");
        File.WriteAllText(utf8, "Write-Host 'héllo'", new UTF8Encoding(true));
        var utf16 = folder.Combine("utf16.ps1");
        File.WriteAllText(utf16, "Write-Host 'héllo'", Encoding.Unicode);
        var ansi = folder.Combine("ansi.ps1");
        File.WriteAllBytes(ansi, Encoding.Latin1.GetBytes("Write-Host 'héllo'"));
        var empty = folder.Combine("empty.ps1");
        File.WriteAllBytes(empty, Array.Empty<byte>());

        Assert.Equal("Write-Host 'héllo'", ScriptTextLoader.Load(utf8));
        Assert.Equal("Write-Host 'héllo'", ScriptTextLoader.Load(utf16));
        Assert.Equal("Write-Host 'héllo'", ScriptTextLoader.Load(ansi));
        Assert.Equal("", ScriptTextLoader.Load(empty));
    }

    [Fact]
    public void Missing_binary_and_huge_files_are_AnalysisFailed_errors_naming_the_file()
    {
        using var folder = new TempFolder("psreader");
        var binary = folder.Combine("tool.ps1");
        File.WriteAllBytes(binary, new byte[] { 0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00 });
        var huge = folder.Combine("huge.ps1");
        File.WriteAllText(huge, new string('#', 4096));

        foreach (var (path, maxBytes, words) in new[] { (folder.Combine("nope.ps1"), 1L << 20, "not found"), (binary, 1L << 20, "binary"), (huge, 1024L, "larger") })
        {
            var ex = Assert.Throws<DepResolveException>(() => ScriptTextLoader.Load(path, maxBytes));
            Assert.Equal(ErrorCode.AnalysisFailed, ex.Code);
            Assert.Contains(path, ex.Message);
            Assert.Contains(words, ex.Message);
            Assert.Equal(path, ex.Target);
        }
    }
}
