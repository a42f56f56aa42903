using DepResolve.Engine.Caching;
using DepResolve.Engine.Model;
using DepResolve.Engine.Storage;
using DepResolve.Engine.Tests.Fixtures;

namespace DepResolve.Engine.Tests.Caching;

public class ResolutionCacheTests
{
    [Fact]
    public void TheFingerprintChangesWithTheScriptItsDotSourcedFilesConfigPolicyFeedsAndLockFile()
    {
        using var temp = new TempFolder();
        var script = temp.Combine("deploy.ps1");
        var helper = temp.Combine("helpers.ps1");
        var lockFile = temp.Combine("depresolve.lock.json");
        File.WriteAllText(script, ". ./helpers.ps1\nInvoke-Thing");
        File.WriteAllText(helper, "function Invoke-Thing { Get-AzVM }");
        File.WriteAllText(lockFile, "{}");

        string Fingerprint(string policy = "Highest", string feeds = "local=./feed") => new ResolutionFingerprint()
            .AddScriptFile(script).AddDotSourcedFiles([helper]).AddConfiguration("{}").AddPolicy(policy).AddFeeds([feeds]).AddLockFile(lockFile).Compute();

        var original = Fingerprint();
        Assert.Equal(original, Fingerprint());
        Assert.NotEqual(original, Fingerprint(policy: "Lowest"));
        Assert.NotEqual(original, Fingerprint(feeds: "gallery=https://example.invalid/api/v2"));

        File.WriteAllText(helper, "function Invoke-Thing { Get-AzStorageAccount }");
        var afterHelperChange = Fingerprint();
        Assert.NotEqual(original, afterHelperChange);

        File.WriteAllText(lockFile, "{\"formatVersion\":1}");
        Assert.NotEqual(afterHelperChange, Fingerprint());
    }

    [Fact]
    public void SuccessfulResultsRoundTripAndFailuresAreNotCached()
    {
        using var temp = new TempFolder();
        var layout = new CacheLayout(temp.Path);
        var now = DateTime.UtcNow;
        var cache = new ResolutionCache(layout, () => now);
        var result = new ResolutionResult
        {
            Success = true,
            Policy = "Highest",
            ResolvedPackages = [new ResolvedPackage { Id = "Pester", Version = "5.5.0", Source = "gallery", Sha512 = "abc==", IsPowerShellModule = true, Dependencies = ["X [1.0.0, )"] }],
        };

        cache.Put("f1", result);
        cache.Put("f2", new ResolutionResult { Success = false });

        var hit = cache.TryGet("f1");
        Assert.NotNull(hit);
        Assert.True(hit.CacheHit);
        var package = Assert.Single(hit.ResolvedPackages);
        Assert.Equal(("Pester", "5.5.0", "gallery", "abc=="), (package.Id, package.Version, package.Source, package.Sha512));
        Assert.Equal(["X [1.0.0, )"], package.Dependencies);
        Assert.Null(cache.TryGet("f2"));
        Assert.Null(new ResolutionCache(layout, () => now.AddHours(2)).TryGet("f1", TimeSpan.FromHours(1)));
    }
}
