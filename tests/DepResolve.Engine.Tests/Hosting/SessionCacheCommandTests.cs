using DepResolve.Engine.Hosting;
using DepResolve.Engine.Installation;
using DepResolve.Engine.Model;
using DepResolve.Engine.Storage;
using DepResolve.Engine.Tests.Fixtures;

namespace DepResolve.Engine.Tests.Hosting;

/// <summary>What Get-/Remove-DepResolveEnvironment and Clear-DepResolveCache do to a real cache folder.</summary>
public sealed class SessionCacheCommandTests
{
    [Fact]
    public void EnvironmentsAreListedMostRecentlyCreatedFirstAndRemovedOneByOne()
    {
        using var cache = new TempFolder();
        var layout = new CacheLayout(cache.Path);
        var environments = new EnvironmentManager(layout);
        environments.Create("env-old", null, [], new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), null);
        environments.Create("env-new", null, [], new DateTime(2024, 6, 1, 0, 0, 0, DateTimeKind.Utc), null);
        using var session = new DepResolveSession(new SessionSettings { CacheDirectory = cache.Path });

        Assert.Equal(["env-new", "env-old"], session.GetEnvironments().Select(e => e.Id));

        session.RemoveEnvironment("env-old");

        Assert.Equal(["env-new"], session.GetEnvironments().Select(e => e.Id));
        Assert.False(Directory.Exists(environments.FolderOf("env-old")));
        Assert.Contains(new AuditLog(layout).ReadAll(), e => e.Action == AuditActions.RemoveEnvironment && e.Environment == "env-old");
    }

    [Fact]
    public void RemovingAnUnknownEnvironmentNamesItAndTheCache()
    {
        using var cache = new TempFolder();
        using var session = new DepResolveSession(new SessionSettings { CacheDirectory = cache.Path });
        var error = Assert.Throws<DepResolveException>(() => session.RemoveEnvironment("nope"));
        Assert.Equal(ErrorCode.InvalidInput, error.Code);
        Assert.Contains(cache.Path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClearingTheCacheRemovesEnvironmentsAndCachedFeedAnswers()
    {
        using var cache = new TempFolder();
        var layout = new CacheLayout(cache.Path);
        new EnvironmentManager(layout).Create("env-a", null, [], DateTime.UtcNow, null);
        Directory.CreateDirectory(Path.Combine(layout.MetadataFolder, "feed"));
        File.WriteAllText(Path.Combine(layout.MetadataFolder, "feed", "demo.json"), new string('x', 4096));
        using var session = new DepResolveSession(new SessionSettings { CacheDirectory = cache.Path });

        var result = session.ClearCache();

        Assert.Equal(1, result.RemovedEnvironments);
        Assert.True(result.FreedBytes >= 4096);
        Assert.Empty(session.GetEnvironments());
        Assert.False(Directory.Exists(layout.MetadataFolder));
    }

    [Fact]
    public async Task ATestRunNeedsPesterAndSaysSoWhenResolutionIsMissing()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("tool.ps1"), "function Get-Answer { 42 }");
        File.WriteAllText(folder.Combine("tool.Tests.ps1"), "Describe 'tool' { It 'answers' { 42 | Should -Be 42 } }");
        var warnings = new List<string>();
        using var session = new DepResolveSession(
            new SessionSettings { WorkingDirectory = folder.Path, CacheDirectory = folder.Combine("cache") },
            new SessionCallbacks { Warning = warnings.Add });

        var result = await session.InvokeAsync(new ScriptTestRequest { Path = "tool.ps1", PowerShellPath = folder.Combine("no-pwsh-here") }, CancellationToken.None);

        Assert.False(result.Success);
        Assert.Equal(0, result.Attempts);
        Assert.StartsWith("Dependency resolution failed: ", result.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains(warnings, w => w.Contains("not available in this build", StringComparison.Ordinal));
    }
}
