using DepResolve.Engine.Running;

namespace DepResolve.Engine.Tests.Running;

/// <summary>How the runner controls real child pwsh processes: timeouts and cancellation kill the whole tree, output is bounded, runs go in parallel.</summary>
public sealed class ChildProcessControlTests : IDisposable
{
    private readonly RunnerFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task A_hung_script_is_killed_with_its_whole_process_tree_on_timeout()
    {
        var script = _fixture.WriteScript("hang.ps1", [.. new[] { "Write-Output 'about to hang'" }, .. StartGrandchildThenHang]);
        var runner = new ScriptTestRunner(_fixture.Options, (_, _) => Task.FromResult(RunEnvironment.Empty));

        // Long enough for pwsh to start and spawn the grandchild on a busy machine; the script itself never ends.
        var result = await runner.RunAsync(new ScriptRunRequest { Path = script, Timeout = TimeSpan.FromSeconds(15) });

        Assert.False(result.Success);
        Assert.True(result.TimedOut);
        Assert.Null(result.ExitCode);
        Assert.StartsWith("Timed out after 15 s", result.ErrorMessage, StringComparison.Ordinal);
        var grandchildId = int.Parse(File.ReadAllText(_fixture.Combine("scripts", "grandchild.pid")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(HasExited(grandchildId), $"grandchild {grandchildId} survived the timeout");
    }

    [Fact]
    public async Task Cancellation_kills_the_child_and_throws()
    {
        var script = _fixture.WriteScript("hang.ps1", StartGrandchildThenHang);
        var runner = new ScriptTestRunner(_fixture.Options, (_, _) => Task.FromResult(RunEnvironment.Empty));
        using var cancellation = new CancellationTokenSource();
        var pidFile = _fixture.Combine("scripts", "grandchild.pid");

        var run = runner.RunAsync(new ScriptRunRequest { Path = script }, cancellation.Token);
        while (!File.Exists(pidFile) && !run.IsCompleted)
        {
            await Task.Delay(50);
        }

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        var grandchildId = int.Parse(File.ReadAllText(pidFile), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(HasExited(grandchildId), $"grandchild {grandchildId} survived the cancellation");
    }

    [Fact]
    public async Task Output_is_kept_to_the_byte_bound_and_the_cut_is_said()
    {
        var lines = Enumerable.Range(0, 400).Select(i => $"Write-Output 'line {i:D4} {new string('x', 80)}'").ToArray();
        var script = _fixture.WriteScript("chatty.ps1", lines);
        _fixture.Options = _fixture.Options with { MaxOutputBytes = 4096 };
        var runner = new ScriptTestRunner(_fixture.Options, (_, _) => Task.FromResult(RunEnvironment.Empty));

        var result = await runner.RunAsync(new ScriptRunRequest { Path = script });

        Assert.True(result.Success, result.ErrorMessage);
        Assert.True(result.OutputTruncated);
        Assert.Contains("line 0000", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("line 0399", result.Output, StringComparison.Ordinal);
        Assert.Contains("[output truncated:", result.Output, StringComparison.Ordinal);
        Assert.True(result.Output.Length < 4096 + 200);
    }

    [Fact]
    public async Task Parallel_runs_of_one_runner_each_get_their_own_result()
    {
        // The first script is the slowest, so the runs overlap and finish in another order than they started.
        var requests = new[] { 3, 0, 1, 0 }
            .Select((seconds, i) => new ScriptRunRequest { Path = _fixture.WriteScript($"s{i}.ps1", $"Start-Sleep {seconds}", $"Write-Output 'script {i}'") })
            .ToList();
        var runner = new ScriptTestRunner(_fixture.Options, (_, _) => Task.FromResult(RunEnvironment.Empty));

        var results = await Task.WhenAll(requests.Select(r => runner.RunAsync(r)));

        Assert.Equal(requests.Select(r => Path.GetFullPath(r.Path)), results.Select(r => r.Path));
        Assert.All(results, r => Assert.True(r.Success, r.ErrorMessage));
        Assert.Equal(Enumerable.Range(0, 4).Select(i => $"script {i}"), results.Select(r => r.Output.Trim()));
    }

    /// <summary>Starts a process that sleeps a minute ('sleep', or a second pwsh on Windows), writes its id to grandchild.pid beside the script, then hangs.</summary>
    private static readonly string[] StartGrandchildThenHang =
    {
        "$grandchild = if ($IsWindows) { [System.Diagnostics.Process]::Start([System.Environment]::ProcessPath, '-NoProfile -NonInteractive -Command Start-Sleep 60') } else { [System.Diagnostics.Process]::Start('sleep', '60') }",
        "Set-Content -LiteralPath (Join-Path $PSScriptRoot 'grandchild.pid') -Value $grandchild.Id",
        "Start-Sleep 60",
    };

    private static bool HasExited(int processId)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(processId);
            return process.WaitForExit(5000);
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
