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

        var result = await runner.RunAsync(new ScriptTestRequest { Path = script });

        Assert.True(result.Success, result.ErrorMessage + "\n" + result.Output);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(new[] { "Get-DemoGreeting (Module, CommandUsage)" }, result.DependenciesAddedOnRetry);
        Assert.Equal(2, calls.Count);
        Assert.Empty(calls[0]);
        Assert.Equal("env-2", result.EnvironmentId);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Get-DemoGreeting from Demo.Greetings 1.0.0", result.Output, StringComparison.Ordinal);
        Assert.Contains("done", result.Output, StringComparison.Ordinal);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public async Task Without_a_retry_the_missing_command_is_reported_with_PowerShell_s_error_record()
    {
        var script = _fixture.WriteScript("greet.ps1", "Get-DemoGreeting");
        var runner = new ScriptTestRunner(_fixture.Options, (_, _) => Task.FromResult(RunEnvironment.Empty));

        var result = await runner.RunAsync(new ScriptTestRequest { Path = script, MaxRetry = 0 });

        Assert.False(result.Success);
        Assert.Equal(1, result.Attempts);
        var error = Assert.Single(result.Errors);
        Assert.Equal("CommandNotFoundException", error.FullyQualifiedErrorId);
        Assert.Equal("Get-DemoGreeting", error.TargetObject);
        Assert.Equal("Get-DemoGreeting", error.TargetName);
        Assert.True(error.IsTerminating);
        Assert.StartsWith("The term 'Get-DemoGreeting' is not recognized", error.Message, StringComparison.Ordinal);
        Assert.Contains("Get-DemoGreeting (Module, CommandUsage)", result.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_module_that_is_present_but_broken_is_not_retried()
    {
        var environmentRoot = _fixture.Combine("env");
        RunnerFixture.WriteModule(environmentRoot, "Demo.Broken", "1.0.0", new[] { "Get-DemoThing" }, broken: true);
        var script = _fixture.WriteScript("broken.ps1", "Get-DemoThing");
        var resolutions = 0;
        var runner = new ScriptTestRunner(_fixture.Options, (_, _) =>
        {
            resolutions++;
            return Task.FromResult(new RunEnvironment { ModulePaths = new[] { environmentRoot } });
        });

        var result = await runner.RunAsync(new ScriptTestRequest { Path = script, MaxRetry = 3 });

        Assert.False(result.Success);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(1, resolutions);
        Assert.Empty(result.DependenciesAddedOnRetry);
        // PowerShell records the module's own throw and the failed import before the autoload error that ends the run.
        Assert.Contains(result.Errors, e => e.Message == "this module cannot load");
        Assert.Equal("CouldNotAutoloadMatchingModule", result.Errors[^1].FullyQualifiedErrorId);
        Assert.StartsWith("The 'Get-DemoThing' command was found in the module 'Demo.Broken'", result.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ordinary_error_is_not_retried()
    {
        var script = _fixture.WriteScript("fails.ps1", "Write-Output 'working'", "throw 'the input file is empty'", "Write-Output 'never'");
        var resolutions = 0;
        var runner = new ScriptTestRunner(_fixture.Options, (_, _) => { resolutions++; return Task.FromResult(RunEnvironment.Empty); });

        var result = await runner.RunAsync(new ScriptTestRequest { Path = script });

        Assert.False(result.Success);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(1, resolutions);
        Assert.Equal("the input file is empty", result.ErrorMessage);
        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain("never", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_first_resolution_fails_the_script_is_not_run()
    {
        var marker = _fixture.Combine("scripts", "ran.txt");
        var script = _fixture.WriteScript("never.ps1", "Set-Content -LiteralPath (Join-Path $PSScriptRoot 'ran.txt') -Value 'ran'");
        var runner = new ScriptTestRunner(_fixture.Options, (_, _) =>
            throw new DepResolveException(ErrorCode.PackageNotFound, "No feed has Demo.Greetings.", "Demo.Greetings"));

        var result = await runner.RunAsync(new ScriptTestRequest { Path = script, InitialDependencies = new[] { new ScriptDependency { Name = "Demo.Greetings" } } });

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

        var result = await runner.RunAsync(new ScriptTestRequest { Path = script, MaxRetry = 2 });

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

        var result = await runner.RunAsync(new ScriptTestRequest { Path = script, MaxRetry = 5 });

        Assert.False(result.Success);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Import_Module_and_Requires_failures_each_add_their_module()
    {
        var environmentRoot = _fixture.Combine("env");
        var script = _fixture.WriteScript("tools.ps1", "#Requires -Modules @{ ModuleName = 'Demo.Tools'; ModuleVersion = '2.0.0' }", "Import-Module Demo.Extra", "Write-Output 'ok'");
        var added = new List<string>();
        var runner = new ScriptTestRunner(_fixture.Options, (dependencies, _) =>
        {
            foreach (var dependency in dependencies)
            {
                added.Add($"{dependency.Name} {dependency.VersionRange} {dependency.Evidence}");
                RunnerFixture.WriteModule(environmentRoot, dependency.Name, "2.0.0", Array.Empty<string>());
            }

            return Task.FromResult(new RunEnvironment { ModulePaths = new[] { environmentRoot } });
        });

        var result = await runner.RunAsync(new ScriptTestRequest { Path = script, MaxRetry = 2 });

        Assert.True(result.Success, result.ErrorMessage);
        Assert.Equal(3, result.Attempts);
        Assert.Equal(new[] { "Demo.Tools [2.0.0, ) Requires", "Demo.Extra  ImportModule" }, added);
    }

    [Fact]
    public async Task Using_module_and_type_literals_are_classified_through_the_child()
    {
        var usingScript = _fixture.WriteScript("using.ps1", "using module Demo.Classes", "Write-Output 'x'");
        var typeScript = _fixture.WriteScript("type.ps1", "[Demo.Contracts.Order]");
        var runner = new ScriptTestRunner(_fixture.Options, (_, _) => Task.FromResult(RunEnvironment.Empty));

        var results = await runner.RunManyAsync(new[]
        {
            new ScriptTestRequest { Path = usingScript, MaxRetry = 0 },
            new ScriptTestRequest { Path = typeScript, MaxRetry = 0 },
        });

        Assert.Equal("ModuleNotFoundDuringParse", Assert.Single(results[0].Errors).FullyQualifiedErrorId);
        Assert.Contains("Demo.Classes (Module, UsingModule)", results[0].ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("TypeNotFound", Assert.Single(results[1].Errors).FullyQualifiedErrorId);
        Assert.Contains("Demo.Contracts.Order (Assembly, TypeLiteral)", results[1].ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_script_is_a_failed_result_not_an_exception()
    {
        var runner = new ScriptTestRunner(_fixture.Options, (_, _) => Task.FromResult(RunEnvironment.Empty));

        var result = await runner.RunAsync(new ScriptTestRequest { Path = _fixture.Combine("nope.ps1") });

        Assert.False(result.Success);
        Assert.StartsWith("Script not found: ", result.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(0, result.Attempts);
    }
}
