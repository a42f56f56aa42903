using DepResolve.Engine.Hosting;
using DepResolve.Engine.Installation;
using DepResolve.Engine.Storage;
using DepResolve.Engine.Tests.Fixtures;
using DepResolve.Testing;

namespace DepResolve.Engine.Tests.Hosting;

/// <summary>What Invoke-ScriptTest's engine path does around a run: real child pwsh processes, a real folder feed.</summary>
public sealed class SessionRunEnvironmentTests
{
    [Fact]
    public async Task TheEnvironmentARunUsesIsLeasedUntilTheRunEnds()
    {
        using var temp = new TempFolder();
        var feed = temp.Combine("feed");
        Directory.CreateDirectory(feed);
        new PackageBuilder("Demo.Greeting", "1.0.0").AsModule(functions: ["Get-Greeting"]).WithTags("PSModule").Build(feed);
        var script = temp.Combine("slow.ps1");
        File.WriteAllText(script, "Get-Greeting\nStart-Sleep 3\nWrite-Output 'done'\n");
        using var session = new DepResolveSession(new SessionSettings { WorkingDirectory = temp.Path, CacheDirectory = "cache", Repositories = [feed] });
        var environments = new EnvironmentManager(new CacheLayout(temp.Combine("cache")));

        var run = session.InvokeAsync(new ScriptTestRequest { Path = script, PowerShellPath = RealPowerShell.Path }, CancellationToken.None);
        // Sampled from the moment the environment exists: the installer leases it while installing, the run must
        // keep it leased for the 3 s the script sleeps. A release at the end of the run may show in a last sample.
        int leased = 0, unleased = 0;
        while (!run.IsCompleted)
        {
            var created = Directory.Exists(temp.Combine("cache", "envs"))
                ? Directory.EnumerateDirectories(temp.Combine("cache", "envs")).FirstOrDefault(e => File.Exists(Path.Combine(e, EnvironmentManager.RecordFileName)))
                : null;
            if (created is not null)
            {
                if (environments.IsInUse(Path.GetFileName(created)))
                {
                    leased++;
                }
                else if (!run.IsCompleted)
                {
                    unleased++;
                }
            }

            await Task.Delay(50);
        }

        var result = await run;
        Assert.True(result.Success, result.ErrorMessage + "\n" + result.Output);
        Assert.True(leased > 0, "the environment was never seen leased");
        Assert.True(unleased <= 2, $"the environment was unleased in {unleased} samples while the script still ran");
        Assert.NotNull(result.EnvironmentId);
        Assert.False(environments.IsInUse(result.EnvironmentId!));
    }

    [Fact]
    public async Task RunTimeoutFromTheConfigFileAppliesWhenNoTimeoutIsGiven()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.Combine("depresolve.json"), "{ \"runTimeout\": 1 }");
        var script = temp.Combine("hang.ps1");
        File.WriteAllText(script, "Start-Sleep 60\n");
        using var session = new DepResolveSession(new SessionSettings { WorkingDirectory = temp.Path, CacheDirectory = "cache", Repositories = [temp.Path] });

        var result = await session.InvokeAsync(new ScriptTestRequest { Path = script, PowerShellPath = RealPowerShell.Path }, CancellationToken.None);

        Assert.True(result.TimedOut);
        Assert.False(result.Success);
    }
}
