using DepResolve.Engine.Hosting;
using DepResolve.Engine.Installation;
using DepResolve.Engine.Storage;
using DepResolve.Engine.Tests.Fixtures;
using DepResolve.Testing;

namespace DepResolve.Engine.Tests.Hosting;

/// <summary>Installs through the session facade collect garbage by the configured limits, never taking an environment in use.</summary>
public sealed class SessionGarbageCollectionTests
{
    [Fact]
    public async Task InstallsBeyondMaxEnvironmentsKeepTheNewestAndTheLeasedOnes()
    {
        using var temp = new TempFolder();
        var feed = temp.Combine("feed");
        Directory.CreateDirectory(feed);
        foreach (var id in new[] { "Gc.A", "Gc.B", "Gc.C", "Gc.D", "Gc.E" })
        {
            new PackageBuilder(id, "1.0.0").AsModule(functions: [$"Get-{id.Replace(".", "")}"]).Build(feed);
        }

        File.WriteAllText(temp.Combine("depresolve.json"), """{ "maxEnvironments": 2 }""");
        using var session = new DepResolveSession(new SessionSettings { WorkingDirectory = temp.Path, CacheDirectory = "cache", Repositories = [feed] });
        async Task<string> InstallAsync(string id)
        {
            var result = await session.ResolvePackagesAsync(new Dictionary<string, string?> { [id] = "1.0.0" }, new ResolveRequest(), CancellationToken.None);
            Assert.True(result.Success, result.ErrorDetails);
            return result.EnvironmentId!;
        }

        string[] Environments() => session.GetEnvironments().Select(e => e.Id).Order(StringComparer.Ordinal).ToArray();
        var a = await InstallAsync("Gc.A");
        var lease = await new EnvironmentManager(new CacheLayout(session.CacheRoot)).AcquireLeaseAsync(a, TimeSpan.FromSeconds(5), CancellationToken.None);
        string b, c, d;
        using (lease)
        {
            b = await InstallAsync("Gc.B");
            c = await InstallAsync("Gc.C");
            Assert.Equal(new[] { a, b, c }.Order(StringComparer.Ordinal), Environments());

            d = await InstallAsync("Gc.D");
            Assert.Equal(new[] { a, c, d }.Order(StringComparer.Ordinal), Environments());
            Assert.False(Directory.Exists(Path.Combine(session.CacheRoot, "store", "gc.b")));
        }

        var e = await InstallAsync("Gc.E");

        Assert.Equal(new[] { d, e }.Order(StringComparer.Ordinal), Environments());
        Assert.False(Directory.Exists(Path.Combine(session.CacheRoot, "store", "gc.a")));
        Assert.True(Directory.Exists(Path.Combine(session.CacheRoot, "store", "gc.e")));
    }

    [Fact]
    public async Task TheHousekeepingLimitsOfDepresolveJsonBoundResolutionsAndTheAuditLog()
    {
        using var temp = new TempFolder();
        var feed = temp.Combine("feed");
        Directory.CreateDirectory(feed);
        var ids = new[] { "Hk.A", "Hk.B", "Hk.C" };
        foreach (var id in ids)
        {
            new PackageBuilder(id, "1.0.0").AsModule(functions: [$"Get-{id.Replace(".", "")}"]).Build(feed);
        }

        File.WriteAllText(temp.Combine("depresolve.json"), """{ "maxResolutionRecords": 1, "maxAuditLogBytes": 600, "auditLogFiles": 1 }""");
        using var session = new DepResolveSession(new SessionSettings { WorkingDirectory = temp.Path, CacheDirectory = "cache", Repositories = [feed] });
        foreach (var id in ids)
        {
            var result = await session.ResolvePackagesAsync(new Dictionary<string, string?> { [id] = "1.0.0" }, new ResolveRequest(), CancellationToken.None);
            Assert.True(result.Success, result.ErrorDetails);
        }

        var resolutions = Directory.GetFiles(Path.Combine(session.CacheRoot, "resolutions"), "*.json");
        Assert.Single(resolutions);
        Assert.True(File.Exists(Path.Combine(session.CacheRoot, "audit.1.log")));
        Assert.False(File.Exists(Path.Combine(session.CacheRoot, "audit.2.log")));
        Assert.True(!File.Exists(Path.Combine(session.CacheRoot, "audit.log")) || new FileInfo(Path.Combine(session.CacheRoot, "audit.log")).Length < 600);
    }
}
