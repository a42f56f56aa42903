using DepResolve.Engine.Hosting;
using DepResolve.Engine.Resolution.Locking;
using DepResolve.Engine.Tests.Fixtures;

namespace DepResolve.Engine.Tests.Hosting;

/// <summary>Invoke-ScriptTest's engine path and the lock file: real child pwsh processes, a real folder feed.</summary>
public sealed class SessionRunLockFileTests
{
    [Fact]
    public async Task ARetryAddsTheRevealedModuleToTheLockFileThisRunWrote()
    {
        using var temp = new TempFolder();
        var feed = temp.Combine("feed");
        Directory.CreateDirectory(feed);
        new PackageBuilder("Demo.Greeting", "1.0.0").AsModule(functions: ["Get-Greeting"]).WithTags("PSModule").Build(feed);
        new PackageBuilder("Demo.Extra", "1.0.0").AsModule(functions: ["Get-Extra"]).WithTags("PSModule").Build(feed);
        Directory.CreateDirectory(temp.Combine("app"));
        var script = temp.Combine("app", "run.ps1");
        File.WriteAllText(script, "Get-Greeting\nGet-Extra\nWrite-Output 'done'\n");
        using var session = new DepResolveSession(new SessionSettings { WorkingDirectory = temp.Path, CacheDirectory = "cache", Repositories = [feed] });

        var result = await session.InvokeAsync(new ScriptTestRequest { Path = script, MaxRetry = 2, PowerShellPath = RealPowerShell.Path }, CancellationToken.None);

        Assert.True(result.Success, result.ErrorMessage + "\n" + result.Output);
        Assert.Equal(3, result.Attempts);
        var locked = LockFileSerializer.Read(temp.Combine("app", "depresolve.lock.json"));
        Assert.Equal(["Demo.Extra", "Demo.Greeting"], locked.Packages.Keys.Order(StringComparer.Ordinal));
    }
}
