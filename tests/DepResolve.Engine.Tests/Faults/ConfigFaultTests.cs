using System.Text;
using DepResolve.Engine.Configuration;
using DepResolve.Engine.Model;
using Newtonsoft.Json.Linq;

namespace DepResolve.Engine.Tests.Faults;

/// <summary>
/// A damaged depresolve.json next to the script: the run stops before touching any feed or the cache, with
/// InvalidInput naming the file (and, for a bad value, the setting); fixing the file makes the same run succeed.
/// </summary>
public sealed class ConfigFaultTests
{
    private static readonly Dictionary<string, ConfigCase> Cases = new ConfigCase[]
    {
        new("truncated", good => Encoding.UTF8.GetBytes(good[..(good.Length / 2)]), "not valid JSON"),
        new("empty file", _ => [], "not valid JSON"),
        new("binary garbage", _ => Garbage(), "not valid JSON"),
        new("nested 10,000 deep", _ => Encoding.ASCII.GetBytes(new string('[', 10_000)), "not valid JSON"),
        new("a JSON array, not an object", _ => Encoding.UTF8.GetBytes("[]"), "one JSON object"),
        new("two objects", good => Encoding.UTF8.GetBytes(good + good), "not valid JSON"),
        new("the same setting twice", good => Encoding.UTF8.GetBytes(good.Replace("\"cacheRoot\"", "\"offline\": true, \"offline\"", StringComparison.Ordinal)), "offline"),
        new("maxParallelism as text", good => Edit(good, j => j["maxParallelism"] = "many"), "maxParallelism"),
        new("negative request timeout", good => Edit(good, j => j["requestTimeout"] = -1), "requestTimeout"),
        new("unknown policy", good => Edit(good, j => j["policy"] = "Newest"), "policy"),
        new("repositories as an object", good => Edit(good, j => j["repositories"] = new JObject()), "repositories"),
        new("repository without a source", good => Edit(good, j => j["repositories"] = new JArray(new JObject { ["name"] = "x" })), "source"),
        new("repository with an unsupported scheme", good => Edit(good, j => j["repositories"] = new JArray(new JObject { ["name"] = "x", ["source"] = "ftp://127.0.0.1/feed" })), "ftp://127.0.0.1/feed"),
        new("secret from an unset environment variable", good => Edit(good, j => j["repositories"]![0]!["passwordEnvironmentVariable"] = "DEPRESOLVE_FAULT_SUITE_UNSET"), "DEPRESOLVE_FAULT_SUITE_UNSET"),
    }.ToDictionary(c => c.Name);

    public static TheoryData<string> All() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(All))]
    public async Task Damaged_config_stops_the_run_before_anything_is_written(string name)
    {
        var configCase = Cases[name];
        using var sandbox = new FaultSandbox();
        await using var feed = await FaultFeed.StartAsync(sandbox, FeedProtocol.V3);
        FaultPipeline.WriteConfig(sandbox, feed.Source);
        var good = File.ReadAllText(sandbox.ConfigPath);
        File.WriteAllBytes(sandbox.ConfigPath, configCase.Damage(good));

        var culprits = configCase.Reason.StartsWith("ftp:", StringComparison.Ordinal) ? new[] { configCase.Reason } : [sandbox.ConfigPath, configCase.Reason];
        await FaultAssertions.FailsCleanlyAsync(sandbox, () => FaultPipeline.RunAsync(sandbox), ErrorCode.InvalidInput, culprits);
        Assert.Equal(0, feed.Server.Counter.Total);
        Assert.False(Directory.Exists(sandbox.CacheRoot) && Directory.EnumerateFileSystemEntries(sandbox.CacheRoot).Any(), "nothing may be cached");

        File.WriteAllText(sandbox.ConfigPath, good);
        FaultAssertions.Succeeded(sandbox, await FaultPipeline.RunAsync(sandbox), FaultPipeline.RootPackage, FaultFeed.CoreId);
    }

    [Fact]
    public void A_setting_from_a_future_version_is_ignored_with_a_line_naming_the_file_not_fatal()
    {
        // depresolve.json has no format version: unknown settings (a newer DepResolve's) are skipped, so one file
        // can serve several versions; the verbose log says which were skipped and where.
        using var sandbox = new FaultSandbox();
        FaultPipeline.WriteConfig(sandbox, "http://127.0.0.1:9/v3/index.json", new JObject { ["formatVersion"] = 99, ["quantumResolver"] = true, ["offline"] = true });
        var log = new List<string>();

        var options = DepResolveConfigLoader.Load(sandbox.ScriptPath, userConfigFolder: sandbox.UserConfigFolder, log: log.Add).Options;

        Assert.True(options.Offline);
        Assert.Contains(log, line => line.Contains(sandbox.ConfigPath, StringComparison.Ordinal) && line.Contains("'formatVersion'", StringComparison.Ordinal));
        Assert.Contains(log, line => line.Contains("'quantumResolver'", StringComparison.Ordinal));
    }

    private static byte[] Edit(string good, Action<JObject> change)
    {
        var json = JObject.Parse(good);
        change(json);
        return Encoding.UTF8.GetBytes(json.ToString());
    }

    private static byte[] Garbage()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        bytes[3] = 0;
        return bytes;
    }

    private sealed record ConfigCase(string Name, Func<string, byte[]> Damage, string Reason);
}
