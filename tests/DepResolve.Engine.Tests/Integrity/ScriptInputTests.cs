using System.Diagnostics;
using DepResolve.Engine.Analysis;
using DepResolve.Engine.Analysis.PowerShell;
using DepResolve.Engine.Hosting;
using DepResolve.Engine.Model;
using DepResolve.Engine.Tests.Fixtures;

namespace DepResolve.Engine.Tests.Integrity;

/// <summary>
/// Script input comes only from regular files and is never read beyond the cap: a FIFO given as the script is
/// refused before it is opened (it would block forever), a device reached through a .ps1 link is refused before
/// it is read (it would exhaust memory), a file longer than the cap stops being read at the cap.
/// </summary>
public sealed class ScriptInputTests
{
    [Fact]
    public async Task AFifoGivenAsTheScriptIsInvalidInputNamingItForBothAnalysisAndRun()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var temp = new TempFolder();
        var fifo = temp.Combine("script.ps1");
        MakeFifo(fifo);
        using var session = new DepResolveSession(new SessionSettings { WorkingDirectory = temp.Path, CacheDirectory = "cache", Repositories = [temp.Path] });

        var analysis = await Assert.ThrowsAsync<DepResolveException>(() => session.AnalyzeScriptAsync(fifo, false, false, CancellationToken.None));
        var run = await Assert.ThrowsAsync<DepResolveException>(() => session.InvokeAsync(new ScriptTestRequest { Path = fifo }, CancellationToken.None));

        foreach (var error in new[] { analysis, run })
        {
            Assert.Equal(ErrorCode.InvalidInput, error.Code);
            Assert.Equal(fifo, error.Target);
            Assert.Contains("FIFO", error.Message, StringComparison.Ordinal);
            Assert.Contains(fifo, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ADeviceBehindAScriptNameIsRefusedBeforeItIsRead()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var temp = new TempFolder();
        var link = temp.Combine("zero.ps1");
        File.CreateSymbolicLink(link, "/dev/zero");

        var error = Assert.Throws<DepResolveException>(() => ScriptTextLoader.Load(link));

        Assert.Equal(ErrorCode.InvalidInput, error.Code);
        Assert.Contains("character device", error.Message, StringComparison.Ordinal);
        Assert.Contains(link, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADeviceReadIsStoppedAtTheCapWhateverLengthItReports()
    {
        if (!File.Exists("/dev/zero"))
        {
            return;
        }

        // Without the type check (as where the type cannot be learnt): /dev/zero reports length 0 and never ends.
        Assert.Equal(0, new FileInfo("/dev/zero").Length);
        var error = Assert.Throws<DepResolveException>(() => RegularFile.ReadCapped("/dev/zero", 1 << 20));
        Assert.Equal(ErrorCode.InvalidInput, error.Code);
        Assert.Contains("/dev/zero", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARegularFileWithinTheCapIsReadWhole()
    {
        using var temp = new TempFolder();
        var script = temp.Combine("ok.ps1");
        File.WriteAllText(script, "Get-Date\n");

        Assert.Equal("Get-Date\n", ScriptTextLoader.Load(script));
        Assert.Equal(9, RegularFile.ReadAllBytes(script, 9).Length);
        var error = Assert.Throws<DepResolveException>(() => RegularFile.ReadAllBytes(script, 8));
        Assert.Equal(ErrorCode.InvalidInput, error.Code);
        Assert.Contains(script, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADotSourcedFifoIsADiagnosticNotAHang()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var temp = new TempFolder();
        var fifo = temp.Combine("helper.cs");
        MakeFifo(fifo);

        var result = SourceTextReader.Read(fifo, 1 << 20);

        Assert.Null(result.Text);
        Assert.Contains("FIFO", result.Problem!.Message, StringComparison.Ordinal);
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }
}
