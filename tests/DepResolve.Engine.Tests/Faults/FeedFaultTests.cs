using DepResolve.Engine.Model;
using DepResolve.Testing;
using Newtonsoft.Json.Linq;

namespace DepResolve.Engine.Tests.Faults;

/// <summary>
/// Misbehaving feeds, v2 and v3, through the whole pipeline (config → feeds → metadata cache → resolver →
/// installer). Each case fails with its code naming the URL, writes nothing outside the cache and leaves nothing
/// half-done; then the fault goes away and the same run succeeds (counted faults are sized to exactly the attempts
/// of one run: 1 + 2 retries).
/// </summary>
public sealed class FeedFaultTests
{
    private const int AttemptsPerRun = 3;

    private static readonly Dictionary<string, FeedFaultCase> Cases = new FeedFaultCase[]
    {
        new("metadata 500", f => f.Faults.FailNext(AttemptsPerRun, 500, pathContains: f.CoreMetadataPath), null,
            ErrorCode.NetworkError, f => [.. f.CoreMetadataNames, "500"]),
        new("metadata 429", f => f.Faults.FailNext(AttemptsPerRun, 429, TimeSpan.Zero, f.CoreMetadataPath), null,
            ErrorCode.NetworkError, f => [.. f.CoreMetadataNames, "429"]),
        new("metadata connection reset", f => f.Faults.ResetNext(AttemptsPerRun, f.CoreMetadataPath), null,
            ErrorCode.NetworkError, f => f.CoreMetadataNames),
        new("metadata truncated body", f => f.Faults.TruncateNext(AttemptsPerRun, f.CoreMetadataPath), null,
            ErrorCode.NetworkError, f => f.CoreMetadataNames),
        new("server slower than the request timeout", f => f.Faults.Latency = TimeSpan.FromSeconds(2), f => f.Faults.Latency = TimeSpan.Zero,
            ErrorCode.Timeout, f => [f.FirstUrl, "did not answer"], Config: new JObject { ["requestTimeout"] = 0.25 }),
        new("feed that accepts and never answers, cut by the resolution deadline", f => f.Faults.Latency = TimeSpan.FromHours(1), f => f.Faults.Latency = TimeSpan.Zero,
            ErrorCode.Timeout, f => [f.FirstUrl, "resolutionTimeout"], Config: new JObject { ["requestTimeout"] = 100, ["resolutionTimeout"] = 5 }),
        new("invalid JSON or XML", f => f.Faults.InvalidBodies = true, f => f.Faults.InvalidBodies = false,
            ErrorCode.InvalidPackage, f => [f.FirstUrl, f.Protocol == FeedProtocol.V3 ? "not return valid JSON" : "not return valid XML"]),
        new("HTML content type", f => f.Faults.HtmlContentType = true, f => f.Faults.HtmlContentType = false,
            ErrorCode.InvalidPackage, f => [f.FirstUrl, "text/html"]),
        new("endless metadata body", f => f.Faults.EndlessBodies = true, f => f.Faults.EndlessBodies = false,
            ErrorCode.InvalidPackage, f => [f.FirstUrl, "more than 1,048,576 bytes"]),
        new("download 500", f => f.Faults.FailNext(AttemptsPerRun, 500, pathContains: f.CorePackagePath), null,
            ErrorCode.NetworkError, f => [f.CorePackageUrl, "500"]),
        new("download 503 with Retry-After", f => f.Faults.FailNext(AttemptsPerRun, 503, TimeSpan.Zero, f.CorePackagePath), null,
            ErrorCode.NetworkError, f => [f.CorePackageUrl, "503"]),
        new("download connection reset", f => f.Faults.ResetNext(AttemptsPerRun, f.CorePackagePath), null,
            ErrorCode.NetworkError, f => [f.CorePackageUrl]),
        new("download truncated", f => f.Faults.TruncateNext(AttemptsPerRun, f.CorePackagePath), null,
            ErrorCode.NetworkError, f => [f.CorePackageUrl]),
        new("download larger than the cap", f => f.SwapCore(Huge()), f => f.RestoreCore(),
            ErrorCode.InvalidPackage, f => [f.CorePackageUrl, "more than 204,800 bytes"], Config: new JObject { ["maxPackageUncompressedBytes"] = 200 * 1024 }),
        new("wrong published hash", f => f.Faults.WrongHashes = true, f => f.Faults.WrongHashes = false,
            ErrorCode.HashMismatch, f => ["Fault.", "1.0.0", "SHA-512"], PublishHashes: true),
    }.ToDictionary(c => c.Name);

    public static TheoryData<string, FeedProtocol> All() => FaultFeed.OnBothProtocols(Cases.Keys);

    [Theory]
    [MemberData(nameof(All))]
    public async Task Fault_fails_cleanly_naming_the_url_and_a_retry_without_it_succeeds(string name, FeedProtocol protocol)
    {
        var fault = Cases[name];
        using var sandbox = new FaultSandbox();
        await using var feed = await FaultFeed.StartAsync(sandbox, protocol, fault.PublishHashes);
        FaultPipeline.WriteConfig(sandbox, feed.Source, fault.Config);
        fault.Inject(feed);

        await FaultAssertions.FailsCleanlyAsync(sandbox, () => FaultPipeline.RunAsync(sandbox), fault.Code, fault.Culprits(feed));

        fault.Remove?.Invoke(feed);

        FaultAssertions.Succeeded(sandbox, await FaultPipeline.RunAsync(sandbox), FaultPipeline.RootPackage, FaultFeed.CoreId);
    }

    [Theory]
    [InlineData(FeedProtocol.V2)]
    [InlineData(FeedProtocol.V3)]
    public async Task A_wrong_hash_left_in_the_metadata_cache_costs_one_failed_run_not_the_whole_ttl(FeedProtocol protocol)
    {
        using var sandbox = new FaultSandbox();
        await using var feed = await FaultFeed.StartAsync(sandbox, protocol, publishHashes: true);
        FaultPipeline.WriteConfig(sandbox, feed.Source);
        feed.Faults.WrongHashes = true;
        feed.Faults.FailNext(2 * AttemptsPerRun, 500, pathContains: ".nupkg");
        await FaultAssertions.FailsCleanlyAsync(sandbox, () => FaultPipeline.RunAsync(sandbox), ErrorCode.NetworkError, "Fault.", "500");

        // The feed is fixed, but the cache still holds the wrong hashes it published.
        feed.Faults.WrongHashes = false;
        await FaultAssertions.FailsCleanlyAsync(sandbox, () => FaultPipeline.RunAsync(sandbox), ErrorCode.HashMismatch, "Fault.", "was expected");

        FaultAssertions.Succeeded(sandbox, await FaultPipeline.RunAsync(sandbox), FaultPipeline.RootPackage, FaultFeed.CoreId);
    }

    /// <summary>Fault.Core 1.0.0 with 300 KB that do not compress: its .nupkg is over a 200 KB cap.</summary>
    private static PackageBuilder Huge()
    {
        var noise = new byte[300 * 1024];
        new Random(8).NextBytes(noise);
        return new PackageBuilder(FaultFeed.CoreId, "1.0.0").AsModule(["Get-FaultCore"]).WithEntry("data/noise.bin", noise);
    }

    /// <param name="Remove">Takes the fault away; null when the fault was used up by the failed run.</param>
    private sealed record FeedFaultCase(
        string Name,
        Action<FaultFeed> Inject,
        Action<FaultFeed>? Remove,
        ErrorCode Code,
        Func<FaultFeed, string[]> Culprits,
        JObject? Config = null,
        bool PublishHashes = false);
}
