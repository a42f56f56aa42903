using DepResolve.Engine.Model;
using DepResolve.Engine.Running;

namespace DepResolve.Engine.Tests.Running;

/// <summary>The retry loop end to end: real child pwsh processes (PowerShell 7.6.10), real module folders.</summary>
public sealed class ScriptTestRunnerTests : IDisposable
{
    private readonly RunnerFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task A_script_failing_with_CommandNotFoundException_succeeds_after_one_retry_that_installs_the_module()
    {
        var script = _fixture.WriteScript("greet.ps1", "Write-Output 'starting'", "Get-DemoGreeting", "Write-Output 'done'");
        var environmentRoot = _fixture.Combine("env");
        var calls = new List<IReadOnlyList<ScriptDependency>>();
        var runner = new ScriptTestRunner(_fixture.Options, (added, _) =>
        {
            calls.Add(added);
            if (added.Any(d => d.Name == "Get-DemoGreeting"))
            {
                RunnerFixture.WriteModule(environmentRoot, "Demo.Greetings", "1.0.0", new[] { "Get-DemoGreeting" });
            }

            return Task.FromResult(new RunEnvironment { ModulePaths = new[] { environmentRoot }, EnvironmentId = "env-" + calls.Count });
        });

        var result = await runner.RunAsync(new ScriptRunRequest { Path = script });

        Assert.True(result.Success, result.ErrorMessage + "\n" + result.Output);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(new[] { "Get-DemoGreeting (Command, CommandUsage)" }, result.DependenciesAddedOnRetry);
        Assert.Equal(2, calls.Count);
        Assert.Empty(calls[0]);
        Assert.Equal("env-2", result.EnvironmentId);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Get-DemoGreeting from Demo.Greetings 1.0.0", result.Output, StringComparison.Ordinal);
        Assert.Contains("done", result.Output, StringComparison.Ordinal);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public async Task When_the_first_resolution_fails_the_script_is_not_run()
    {
        var marker = _fixture.Combine("scripts", "ran.txt");
        var script = _fixture.WriteScript("never.ps1", "Set-Content -LiteralPath (Join-Path $PSScriptRoot 'ran.txt') -Value 'ran'");
        var runner = new ScriptTestRunner(_fixture.Options, (_, _) =>
            throw new DepResolveException(ErrorCode.PackageNotFound, "No feed has Demo.Greetings.", "Demo.Greetings"));

        var result = await runner.RunAsync(new ScriptRunRequest { Path = script, InitialDependencies = new[] { new ScriptDependency { Name = "Demo.Greetings" } } });

        Assert.False(result.Success);
        Assert.Equal("Dependency resolution failed: PackageNotFound: No feed has Demo.Greetings.", result.ErrorMessage);
        Assert.Equal(0, result.Attempts);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task When_resolution_on_retry_fails_the_script_is_not_run_again()
    {
        var script = _fixture.WriteScript("greet.ps1", "Get-DemoGreeting");
        var runner = new ScriptTestRunner(_fixture.Options, (added, _) => added.Count == 0
            ? Task.FromResult(RunEnvironment.Empty)
            : throw new DepResolveException(ErrorCode.PackageNotFound, "No module exports the command Get-DemoGreeting.", "Get-DemoGreeting"));

        var result = await runner.RunAsync(new ScriptRunRequest { Path = script, MaxRetry = 2 });

        Assert.False(result.Success);
        Assert.Equal(1, result.Attempts);
        Assert.Equal("Dependency resolution failed: PackageNotFound: No module exports the command Get-DemoGreeting.", result.ErrorMessage);
        Assert.Empty(result.DependenciesAddedOnRetry);
    }

    [Fact]
    public async Task A_dependency_still_missing_after_its_install_is_not_asked_for_again()
    {
        var script = _fixture.WriteScript("greet.ps1", "Get-DemoGreeting");
        var calls = 0;
        var runner = new ScriptTestRunner(_fixture.Options, (_, _) => { calls++; return Task.FromResult(RunEnvironment.Empty); });

        var result = await runner.RunAsync(new ScriptRunRequest { Path = script, MaxRetry = 5 });

        Assert.False(result.Success);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task A_missing_script_is_a_failed_result_not_an_exception()
    {
        var runner = new ScriptTestRunner(_fixture.Options, (_, _) => Task.FromResult(RunEnvironment.Empty));

        var result = await runner.RunAsync(new ScriptRunRequest { Path = _fixture.Combine("nope.ps1") });

        Assert.False(result.Success);
        Assert.StartsWith("Script not found: ", result.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(0, result.Attempts);
    }

    [Fact]
    public void A_Tests_ps1_file_is_its_own_test_file_and_a_script_has_its_sibling()
    {
        var tests = _fixture.WriteScript("deploy.Tests.ps1", "Describe 'deploy' { }");
        var script = _fixture.WriteScript("deploy.ps1", "'deploy'");
        var lonely = _fixture.WriteScript("lonely.ps1", "'alone'");

        Assert.Equal(tests, ScriptRunRequest.FindTests(tests));
        Assert.Equal(tests, ScriptRunRequest.FindTests(script));
        Assert.Null(ScriptRunRequest.FindTests(lonely));
    }
}
