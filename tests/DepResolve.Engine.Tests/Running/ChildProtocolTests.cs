using DepResolve.Engine.Running;

namespace DepResolve.Engine.Tests.Running;

public sealed class ChildProtocolTests
{
    [Fact]
    public void The_generated_bootstrap_is_complete_and_marked()
    {
        var bootstrap = ChildProtocol.GenerateBootstrap();

        Assert.StartsWith(ChildProtocol.Marker + " (protocol 1)", bootstrap, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", bootstrap, StringComparison.Ordinal);
        Assert.Contains("ProtocolVersion = 1", bootstrap, StringComparison.Ordinal);
        // The pieces the protocol depends on in real pwsh.
        Assert.Contains("ConvertFrom-Json -AsHashtable", bootstrap, StringComparison.Ordinal);
        Assert.Contains("Add-Type -LiteralPath", bootstrap, StringComparison.Ordinal);
        Assert.Contains("Invoke-Pester -Configuration", bootstrap, StringComparison.Ordinal);
        Assert.Contains("$env:PSModulePath =", bootstrap, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_child_that_dies_without_a_result_is_a_clear_failure()
    {
        using var fixture = new RunnerFixture();
        // 'dotnet' with pwsh's arguments is not PowerShell: it exits non-zero and writes no result document.
        fixture.Options = fixture.Options with { PowerShellPath = System.Diagnostics.Process.GetCurrentProcess().MainModule!.FileName };
        var script = fixture.WriteScript("x.ps1", "Write-Output 'x'");
        var runner = new ScriptTestRunner(fixture.Options, (_, _) => Task.FromResult(RunEnvironment.Empty));

        var result = await runner.RunAsync(new ScriptTestRequest { Path = script, Timeout = TimeSpan.FromSeconds(60) });

        Assert.False(result.Success);
        Assert.Contains("without writing a result document", result.ErrorMessage, StringComparison.Ordinal);
    }
}
