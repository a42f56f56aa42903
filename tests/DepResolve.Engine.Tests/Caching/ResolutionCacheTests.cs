using DepResolve.Engine.Caching;
using DepResolve.Engine.Model;
using DepResolve.Engine.Storage;
using DepResolve.Engine.Tests.Fixtures;

namespace DepResolve.Engine.Tests.Caching;

public class ResolutionCacheTests
{
    [Fact]
    public void TheFingerprintChangesWithTheRequirementsPolicyFeedsAndLockSection()
    {
        var requirements = "az.compute [1.0.0, ) prerelease=False feeds=";
        var lockSection = "{}";

        string Fingerprint(string policy = "Highest", string feeds = "local=./feed") => new ResolutionFingerprint()
            .Add("requirements", requirements).AddPolicy(policy).AddFeeds([feeds]).Add("lock", lockSection).Compute();

        var original = Fingerprint();
        Assert.Equal(original, Fingerprint());
        Assert.NotEqual(original, Fingerprint(policy: "Lowest"));
        Assert.NotEqual(original, Fingerprint(feeds: "gallery=https://example.invalid/api/v2"));

        requirements = "az.storage [1.0.0, ) prerelease=False feeds=";
        var afterRequirementChange = Fingerprint();
        Assert.NotEqual(original, afterRequirementChange);

        lockSection = "{\"formatVersion\":1}";
        Assert.NotEqual(afterRequirementChange, Fingerprint());
    }

    [Fact]
    public void MovingTextBetweenPartsChangesTheFingerprint() =>
        Assert.NotEqual(
            new ResolutionFingerprint().Add("a", "xy").Add("b", "").Compute(),
            new ResolutionFingerprint().Add("a", "x").Add("b", "y").Compute());

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
