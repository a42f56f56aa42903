using DepResolve.Engine.Model;
using DepResolve.Engine.Running;

namespace DepResolve.Engine.Tests.Running;

/// <summary>The retry loop end to end: real child processes of the pwsh stand-in, real module folders.</summary>
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

        var result = await runner.RunAsync(new ScriptTestRequest { Path = script, MaxRetry = 3 });

        Assert.False(result.Success);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(1, resolutions);
        Assert.Empty(result.DependenciesAddedOnRetry);
        Assert.Equal("CouldNotAutoloadMatchingModule", Assert.Single(result.Errors).FullyQualifiedErrorId);
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
        var marker = _fixture.Combine("scripts", "grandchild.pid");
        var script = _fixture.WriteScript("never.ps1", "Start-Sleep 0 # grandchild");
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
    public async Task A_hung_script_is_killed_with_its_whole_process_tree_on_timeout()
    {
        var script = _fixture.WriteScript("hang.ps1", "Write-Output 'about to hang'", "Start-Sleep 60 # grandchild");
        var runner = new ScriptTestRunner(_fixture.Options, (_, _) => Task.FromResult(RunEnvironment.Empty));

        var result = await runner.RunAsync(new ScriptTestRequest { Path = script, Timeout = TimeSpan.FromSeconds(3) });

        Assert.False(result.Success);
        Assert.True(result.TimedOut);
        Assert.Null(result.ExitCode);
        Assert.StartsWith("Timed out after 3 s", result.ErrorMessage, StringComparison.Ordinal);
        var grandchildId = int.Parse(File.ReadAllText(_fixture.Combine("scripts", "grandchild.pid")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(HasExited(grandchildId), $"grandchild {grandchildId} survived the timeout");
    }

    [Fact]
    public async Task Cancellation_kills_the_child_and_throws()
    {
        var script = _fixture.WriteScript("hang.ps1", "Start-Sleep 60 # grandchild");
        var runner = new ScriptTestRunner(_fixture.Options, (_, _) => Task.FromResult(RunEnvironment.Empty));
        using var cancellation = new CancellationTokenSource();
        var pidFile = _fixture.Combine("scripts", "grandchild.pid");

        var run = runner.RunAsync(new ScriptTestRequest { Path = script }, cancellation.Token);
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

        var result = await runner.RunAsync(new ScriptTestRequest { Path = script });

        Assert.True(result.Success, result.ErrorMessage);
        Assert.True(result.OutputTruncated);
        Assert.Contains("line 0000", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("line 0399", result.Output, StringComparison.Ordinal);
        Assert.Contains("[output truncated:", result.Output, StringComparison.Ordinal);
        Assert.True(result.Output.Length < 4096 + 200);
    }

    [Fact]
    public async Task Parameters_reach_the_script_and_exit_codes_come_back()
    {
        var script = _fixture.WriteScript("params.ps1", "param($Name)", "Write-Output \"hello $Name\"", "exit 3");
        var runner = new ScriptTestRunner(_fixture.Options, (_, _) => Task.FromResult(RunEnvironment.Empty));

        var result = await runner.RunAsync(new ScriptTestRequest { Path = script, Parameters = new Dictionary<string, object?> { ["Name"] = "O'Brien \"the\" tester" } });

        Assert.False(result.Success);
        Assert.Equal(3, result.ExitCode);
        Assert.Equal("Exited with code 3.", result.ErrorMessage);
        Assert.Contains("hello O'Brien \"the\" tester", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entry_point_found_is_called_with_the_parameters()
    {
        var script = _fixture.WriteScript("main.ps1", "function Main {", "    Write-Output \"main got $Count\"", "}", "Write-Output 'loaded'");
        var runner = new ScriptTestRunner(_fixture.Options, (_, _) => Task.FromResult(RunEnvironment.Empty));

        var result = await runner.RunAsync(new ScriptTestRequest { Path = script, Mode = ScriptRunMode.EntryPoint, EntryPoint = "Main", Parameters = new Dictionary<string, object?> { ["Count"] = 7 } });

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

        var result = await runner.RunAsync(new ScriptTestRequest { Path = script, Mode = ScriptRunMode.EntryPoint, EntryPoint = "Main" });

        Assert.False(result.Success);
        Assert.False(result.HasEntryPoint);
        Assert.Equal("The entry point 'Main' is not defined in nomain.ps1.", result.ErrorMessage);
    }

    [Fact]
    public async Task Pester_mode_finds_the_sibling_test_file_and_reports_counts_and_failures()
    {
        var script = _fixture.WriteScript("calc.ps1", "Write-Output 'calc'");
        _fixture.WriteScript("calc.Tests.ps1",
            "# StandIn-Pester: Passed=4 Failed=1 Skipped=2",
            "# StandIn-FailedTest: Calc.Add.handles negatives | Expected -1, but got 1.",
            "Describe 'Calc' { }");
        var report = _fixture.Combine("out", "results.xml");
        Directory.CreateDirectory(Path.GetDirectoryName(report)!);
        var runner = new ScriptTestRunner(_fixture.Options, (_, _) => Task.FromResult(RunEnvironment.Empty));

        var result = await runner.RunAsync(new ScriptTestRequest { Path = script, Mode = ScriptRunMode.Pester, OutputFormat = "JUnitXml", OutputPath = report });

        Assert.False(result.Success);
        Assert.Equal((4, 1, 2), (result.Passed, result.Failed, result.Skipped));
        Assert.Equal(new[] { "Calc.Add.handles negatives: Expected -1, but got 1." }, result.FailedTests);
        Assert.Equal("1 test(s) failed.", result.ErrorMessage);
        Assert.Contains("<testsuites", File.ReadAllText(report), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Many_scripts_run_in_parallel_and_come_back_in_input_order()
    {
        // The first script is the slowest, so completion order differs from input order.
        var requests = new[] { 3, 0, 1, 0 }
            .Select((seconds, i) => new ScriptTestRequest { Path = _fixture.WriteScript($"s{i}.ps1", $"Start-Sleep {seconds}", $"Write-Output 'script {i}'") })
            .ToList();
        var progress = new List<ScriptRunProgress>();
        var runner = new ScriptTestRunner(_fixture.Options, (_, _) => Task.FromResult(RunEnvironment.Empty));

        var results = await runner.RunManyAsync(requests, throttleLimit: 4, new SynchronousProgress<ScriptRunProgress>(progress.Add));

        Assert.Equal(requests.Select(r => Path.GetFullPath(r.Path)), results.Select(r => r.Path));
        Assert.All(results, r => Assert.True(r.Success, r.ErrorMessage));
        Assert.Equal(Enumerable.Range(0, 4).Select(i => $"script {i}"), results.Select(r => r.Output.Trim()));
        Assert.Equal(new[] { 1, 2, 3, 4 }, progress.Select(p => p.Completed).OrderBy(c => c));
        Assert.NotEqual(Path.GetFullPath(requests[0].Path), progress[0].Path);
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

        var isolated = await runner.RunAsync(new ScriptTestRequest { Path = script, MaxRetry = 0 });
        var inheriting = await runner.RunAsync(new ScriptTestRequest { Path = script, MaxRetry = 0, InheritModulePath = true });

        Assert.Equal("CommandNotFoundException", Assert.Single(isolated.Errors).FullyQualifiedErrorId);
        Assert.True(inheriting.Success, inheriting.ErrorMessage);
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

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        private readonly object _gate = new();

        public void Report(T value)
        {
            lock (_gate)
            {
                report(value);
            }
        }
    }
}
