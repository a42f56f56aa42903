using DepResolve.Engine.Hosting;
using DepResolve.Engine.Resolution.Locking;
using DepResolve.Engine.Tests.Fixtures;
using DepResolve.Testing;

namespace DepResolve.Engine.Tests.Hosting;

/// <summary>Invoke-ScriptTest's engine path and the lock file: real child pwsh processes, a real folder feed.</summary>
public sealed class SessionRunLockFileTests
{
    [Fact]
    public async Task ARetryRecordsTheRevealedModuleInTheScriptsSectionAndTheNextRunInstallsItUpFront()
    {
        using var temp = new TempFolder();
        var feed = temp.Combine("feed");
        Directory.CreateDirectory(feed);
        new PackageBuilder("Demo.Greeting", "1.0.0").AsModule(functions: ["Get-Greeting"]).WithTags("PSModule").Build(feed);
        new PackageBuilder("Demo.Extra", "1.0.0").AsModule(functions: ["Get-Extra"]).WithTags("PSModule").Build(feed);
        Directory.CreateDirectory(temp.Combine("app"));
        var script = temp.Combine("app", "run.ps1");
        File.WriteAllText(script, "Get-Greeting\nGet-Extra\nWrite-Output 'done'\n");
        // This session has no PowerShell reader: each module is revealed by a failed attempt, one at a time.
        using var session = new DepResolveSession(new SessionSettings { WorkingDirectory = temp.Path, CacheDirectory = "cache", Repositories = [feed] });

        var first = await session.InvokeAsync(new ScriptTestRequest { Path = script, MaxRetry = 2, PowerShellPath = RealPowerShell.Path }, CancellationToken.None);
        var lockPath = temp.Combine("app", "depresolve.lock.json");
        var afterFirst = File.ReadAllText(lockPath);
        var second = await session.InvokeAsync(new ScriptTestRequest { Path = script, MaxRetry = 2, PowerShellPath = RealPowerShell.Path }, CancellationToken.None);

        Assert.True(first.Success, first.ErrorMessage + "\n" + first.Output);
        Assert.Equal(3, first.Attempts);
        var locked = LockFileSerializer.Read(lockPath).Scripts["run.ps1"];
        Assert.Equal(["Demo.Extra", "Demo.Greeting"], locked.Packages.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["Demo.Extra", "Demo.Greeting"], locked.Revealed);
        Assert.True(second.Success, second.ErrorMessage + "\n" + second.Output);
        Assert.Equal(1, second.Attempts);
        Assert.Equal(afterFirst, File.ReadAllText(lockPath));
    }
}
