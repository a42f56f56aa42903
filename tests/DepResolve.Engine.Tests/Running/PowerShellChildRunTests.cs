using DepResolve.Engine.Model;
using DepResolve.Engine.Running;
using DepResolve.Engine.Tests.Fixtures;

namespace DepResolve.Engine.Tests.Running;

/// <summary>What one run of a real child pwsh (PowerShell 7.6.10) does with its script: parameters, exit codes, entry points, Pester, module path isolation.</summary>
public sealed class PowerShellChildRunTests : IDisposable
{
    private readonly RunnerFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Parameters_reach_the_script_and_exit_codes_come_back()
    {
        var script = _fixture.WriteScript("params.ps1", "param($Name)", "Write-Output \"hello $Name\"", "exit 3");
        var runner = new ScriptTestRunner(_fixture.Options, (_, _) => Task.FromResult(RunEnvironment.Empty));

        var result = await runner.RunAsync(new ScriptRunRequest { Path = script, Parameters = new Dictionary<string, object?> { ["Name"] = "O'Brien \"the\" tester" } });

        Assert.False(result.Success);
        Assert.Equal(3, result.ExitCode);
        Assert.Equal("Exited with code 3.", result.ErrorMessage);
        Assert.Contains("hello O'Brien \"the\" tester", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entry_point_found_is_called_with_the_parameters()
    {
        var script = _fixture.WriteScript("main.ps1", "function Main {", "    param([int] $Count)", "    Write-Output \"main got $Count\"", "}", "Write-Output 'loaded'");
        var runner = new ScriptTestRunner(_fixture.Options, (_, _) => Task.FromResult(RunEnvironment.Empty));

        var result = await runner.RunAsync(new ScriptRunRequest { Path = script, Mode = ScriptRunMode.EntryPoint, EntryPoint = "Main", Parameters = new Dictionary<string, object?> { ["Count"] = 7 } });

        Assert.True(result.Success, result.ErrorMessage);
        Assert.True(result.HasEntryPoint);
        Assert.Contains("loaded", result.Output, StringComparison.Ordinal);
        Assert.Contains("main got 7", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entry_point_missing_is_reported_as_such()
    {
        var script = _fixture.WriteScript("nomain.ps1", "function Helper {", "    Write-Output 'x'", "}");
        var runner = new ScriptTestRunner(_fixture.Options, (_, _) => Task.FromResult(RunEnvironment.Empty));

        var result = await runner.RunAsync(new ScriptRunRequest { Path = script, Mode = ScriptRunMode.EntryPoint, EntryPoint = "Main" });

        Assert.False(result.Success);
        Assert.False(result.HasEntryPoint);
        Assert.Equal("The entry point 'Main' is not defined in nomain.ps1.", result.ErrorMessage);
    }

    [Fact]
    public async Task Pester_mode_finds_the_sibling_test_file_and_reports_counts_and_failures()
    {
        var script = _fixture.WriteScript("calc.ps1", "Write-Output 'calc'");
        _fixture.WriteScript("calc.Tests.ps1",
            "Describe 'Calc' {",
            "    Context 'Add' {",
            "        It 'adds' { 1 + 1 | Should -Be 2 }",
            "        It 'adds zero' { 1 + 0 | Should -Be 1 }",
            "        It 'is commutative' { 2 + 3 | Should -Be (3 + 2) }",
            "        It 'adds large numbers' { 1e9 + 1e9 | Should -Be 2e9 }",
            "        It 'handles negatives' { 1 | Should -Be (-1) }",
            "        It 'rounds' -Skip { }",
            "        It 'overflows' -Skip { }",
            "    }",
            "}");
        var report = _fixture.Combine("out", "results.xml");
        Directory.CreateDirectory(Path.GetDirectoryName(report)!);
        // The environment holds Pester, as it does when the session installs it for a test run.
        var runner = new ScriptTestRunner(_fixture.Options, (_, _) => Task.FromResult(new RunEnvironment { ModulePaths = new[] { RealPowerShell.PesterModules } }));

        var result = await runner.RunAsync(new ScriptRunRequest { Path = script, Mode = ScriptRunMode.Pester, OutputFormat = "JUnitXml", OutputPath = report });

        Assert.False(result.Success);
        Assert.Equal((4, 1, 2), (result.Passed, result.Failed, result.Skipped));
        Assert.Equal(new[] { "Calc.Add.handles negatives: Expected -1, but got 1." }, result.FailedTests);
        Assert.Equal("1 test(s) failed: Calc.Add.handles negatives: Expected -1, but got 1.", result.ErrorMessage);
        Assert.Equal(ErrorCode.TestFailed, result.ErrorCode);
        Assert.Contains("<testsuites", File.ReadAllText(report), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_child_sees_only_the_environment_s_module_path_unless_inheriting()
    {
        var environmentRoot = _fixture.Combine("env");
        var userModules = _fixture.Combine("user-modules");
        RunnerFixture.WriteModule(userModules, "Demo.UserOnly", "1.0.0", new[] { "Get-UserThing" });
        var script = _fixture.WriteScript("user.ps1", "Get-UserThing");
        _fixture.Options = _fixture.Options with { InheritedModulePath = userModules };
        var runner = new ScriptTestRunner(_fixture.Options, (_, _) => Task.FromResult(new RunEnvironment { ModulePaths = new[] { environmentRoot } }));

        var isolated = await runner.RunAsync(new ScriptRunRequest { Path = script, MaxRetry = 0 });
        var inheriting = await runner.RunAsync(new ScriptRunRequest { Path = script, MaxRetry = 0, InheritModulePath = true });

        Assert.Equal("CommandNotFoundException", Assert.Single(isolated.Errors).FullyQualifiedErrorId);
        Assert.True(inheriting.Success, inheriting.ErrorMessage);
    }
}
