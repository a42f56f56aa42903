using DepResolve.Engine.Running;

namespace DepResolve.Engine.Tests.Running;

/// <summary>What real PowerShell 7.6.10 errors tell the runner: which mean a missing dependency (retried) and which do not.</summary>
public sealed class ChildErrorClassificationTests : IDisposable
{
    private readonly RunnerFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Without_a_retry_the_missing_command_is_reported_with_PowerShell_s_error_record()
    {
        var script = _fixture.WriteScript("greet.ps1", "Get-DemoGreeting");
        var runner = new ScriptTestRunner(_fixture.Options, (_, _) => Task.FromResult(RunEnvironment.Empty));

        var result = await runner.RunAsync(new ScriptRunRequest { Path = script, MaxRetry = 0 });

        Assert.False(result.Success);
        Assert.Equal(1, result.Attempts);
        var error = Assert.Single(result.Errors);
        Assert.Equal("CommandNotFoundException", error.FullyQualifiedErrorId);
        Assert.Equal("Get-DemoGreeting", error.TargetObject);
        Assert.Equal("Get-DemoGreeting", error.TargetName);
        Assert.True(error.IsTerminating);
        Assert.StartsWith("The term 'Get-DemoGreeting' is not recognized", error.Message, StringComparison.Ordinal);
        Assert.Contains("Get-DemoGreeting (Command, CommandUsage)", result.ErrorMessage, StringComparison.Ordinal);
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

        var result = await runner.RunAsync(new ScriptRunRequest { Path = script, MaxRetry = 3 });

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

        var result = await runner.RunAsync(new ScriptRunRequest { Path = script });

        Assert.False(result.Success);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(1, resolutions);
        Assert.Equal("the input file is empty", result.ErrorMessage);
        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain("never", result.Output, StringComparison.Ordinal);
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

        var result = await runner.RunAsync(new ScriptRunRequest { Path = script, MaxRetry = 2 });

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

        var results = await Task.WhenAll(
            runner.RunAsync(new ScriptRunRequest { Path = usingScript, MaxRetry = 0 }),
            runner.RunAsync(new ScriptRunRequest { Path = typeScript, MaxRetry = 0 }));

        Assert.Equal("ModuleNotFoundDuringParse", Assert.Single(results[0].Errors).FullyQualifiedErrorId);
        Assert.Contains("Demo.Classes (Module, UsingModule)", results[0].ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("TypeNotFound", Assert.Single(results[1].Errors).FullyQualifiedErrorId);
        Assert.Contains("Demo.Contracts.Order (Assembly, TypeLiteral)", results[1].ErrorMessage, StringComparison.Ordinal);
    }
}
