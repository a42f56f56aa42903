using System.Text;
using DepResolve.Engine.Model;
using DepResolve.Engine.Packaging;
using Newtonsoft.Json.Linq;

namespace DepResolve.Engine.Tests.Faults;

/// <summary>
/// A damaged depresolve.lock.json next to the script, read by a locked run against a healthy v3 feed: refused with
/// a code naming the file (or, for a lock that parses but pins what the feed cannot give, naming the package), the
/// lock file left as it was, nothing installed half-way. Replacing the lock with a good one makes the run succeed.
/// </summary>
public sealed class LockFileFaultTests
{
    private static readonly Dictionary<string, LockCase> Cases = new LockCase[]
    {
        new("truncated", good => Encoding.UTF8.GetBytes(good.ToString()[..(good.ToString().Length / 2)]), ErrorCode.InvalidInput, "not a valid DepResolve lock file"),
        new("empty file", _ => [], ErrorCode.InvalidInput, "not a valid DepResolve lock file"),
        new("binary garbage", _ => Garbage(), ErrorCode.InvalidInput, "not a valid DepResolve lock file"),
        new("a JSON array, not an object", _ => Encoding.UTF8.GetBytes("[1, 2, 3]"), ErrorCode.InvalidInput, "not a valid DepResolve lock file"),
        new("future format version", good => Edit(good, j => j["formatVersion"] = 99), ErrorCode.InvalidInput, "format version 99"),
        new("format version as text", good => Edit(good, j => j["formatVersion"] = "1"), ErrorCode.InvalidInput, "'formatVersion'"),
        new("format version 0", good => Edit(good, j => j["formatVersion"] = 0), ErrorCode.InvalidInput, "format version 0"),
        new("unknown policy", good => Edit(good, j => j["policy"] = "Newest"), ErrorCode.InvalidInput, "'Newest'"),
        new("packages as an array", good => Edit(good, j => j["packages"] = new JArray()), ErrorCode.InvalidInput, "'packages'"),
        new("version as a number", good => Edit(good, j => j["packages"]!["Fault.Core"]!["version"] = 5), ErrorCode.InvalidInput, "'version'"),
        new("version that is not a version", good => Edit(good, j => j["packages"]!["Fault.Core"]!["version"] = "latest"), ErrorCode.InvalidInput, "'latest'"),
        new("dependency range that is not a range", good => Edit(good, j => j["packages"]!["Fault.App"]!["dependencies"]!["Fault.Core"] = "[oops"), ErrorCode.InvalidInput, "[oops"),
        new("sha512 missing", good => Edit(good, j => ((JObject)j["packages"]!["Fault.Core"]!).Remove("sha512")), ErrorCode.InvalidInput, "'sha512'"),
        new("sha512 not base64", good => Edit(good, j => j["packages"]!["Fault.Core"]!["sha512"] = "not a hash!"), ErrorCode.InvalidInput, "Fault.Core 1.0.0: the expected SHA-512 'not a hash!'", NamesFile: false),
        new("sha512 too short", good => Edit(good, j => j["packages"]!["Fault.Core"]!["sha512"] = "AAAA"), ErrorCode.InvalidInput, "Fault.Core 1.0.0: the expected SHA-512 'AAAA'", NamesFile: false),
        new("same id twice in different case", good => Edit(good, j => j["packages"]!["fault.core"] = j["packages"]!["Fault.Core"]!.DeepClone()), ErrorCode.InvalidInput, "twice"),
        new("id with path characters", good => Rename(good, "../../outside/evil"), ErrorCode.InvalidInput, "../../outside/evil"),
        new("id that is a device name", good => Rename(good, "CON"), ErrorCode.InvalidInput, "'CON'"),
        new("sha512 of other bytes", good => Edit(good, j => j["packages"]!["Fault.Core"]!["sha512"] = Convert.ToBase64String(new byte[64])), ErrorCode.HashMismatch, "Fault.Core 1.0.0", NamesFile: false),
        new("version the feed does not have", good => Edit(good, j => j["packages"]!["Fault.Core"]!["version"] = "9.9.9"), ErrorCode.PackageNotFound, "Fault.Core 9.9.9", NamesFile: false),
    }.ToDictionary(c => c.Name);

    public static TheoryData<string> All() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(All))]
    public async Task Damaged_lock_file_is_refused_and_left_alone(string name)
    {
        var lockCase = Cases[name];
        using var sandbox = new FaultSandbox();
        await using var feed = await FaultFeed.StartAsync(sandbox, FeedProtocol.V3);
        FaultPipeline.WriteConfig(sandbox, feed.Source);
        var good = GoodLockFile(sandbox, feed.Source);
        File.WriteAllBytes(sandbox.LockFilePath, lockCase.Damage(good));

        var culprits = lockCase.NamesFile ? new[] { sandbox.LockFilePath, lockCase.Reason } : [lockCase.Reason];
        await FaultAssertions.FailsCleanlyAsync(sandbox, () => FaultPipeline.RunAsync(sandbox), lockCase.Code, culprits);

        File.WriteAllText(sandbox.LockFilePath, good.ToString());
        FaultAssertions.Succeeded(sandbox, await FaultPipeline.RunAsync(sandbox), FaultPipeline.RootPackage, FaultFeed.CoreId);
    }

    /// <summary>The lock file a successful run would write, with the real hashes of the feed's packages.</summary>
    private static JObject GoodLockFile(FaultSandbox sandbox, string source)
    {
        string Hash(string id) => PackageHash.ComputeSha512OfFile(Path.Combine(sandbox.FeedFolder, $"{id}.1.0.0.nupkg"));
        return new JObject
        {
            ["formatVersion"] = 1,
            ["packages"] = new JObject
            {
                ["Fault.App"] = new JObject
                {
                    ["dependencies"] = new JObject { ["Fault.Core"] = "[1.0.0, )" },
                    ["sha512"] = Hash("Fault.App"),
                    ["source"] = FaultPipeline.FeedName,
                    ["version"] = "1.0.0",
                },
                ["Fault.Core"] = new JObject
                {
                    ["dependencies"] = new JObject(),
                    ["sha512"] = Hash("Fault.Core"),
                    ["source"] = FaultPipeline.FeedName,
                    ["version"] = "1.0.0",
                },
            },
            ["policy"] = "Highest",
            ["repositories"] = new JArray(new JObject { ["name"] = FaultPipeline.FeedName, ["source"] = source }),
        };
    }

    private static byte[] Edit(JObject good, Action<JObject> change)
    {
        var copy = (JObject)good.DeepClone();
        change(copy);
        return Encoding.UTF8.GetBytes(copy.ToString());
    }

    /// <summary>Fault.Core locked under another id (and depended on under it).</summary>
    private static byte[] Rename(JObject good, string id) => Edit(good, j =>
    {
        var packages = (JObject)j["packages"]!;
        packages[id] = packages["Fault.Core"]!.DeepClone();
        packages.Remove("Fault.Core");
        packages["Fault.App"]!["dependencies"] = new JObject { [id] = "[1.0.0, )" };
    });

    private static byte[] Garbage()
    {
        var bytes = new byte[4096];
        new Random(42).NextBytes(bytes);
        bytes[10] = 0;
        return bytes;
    }

    /// <param name="NamesFile">The message names the lock file (else the package, found wrong only at install).</param>
    private sealed record LockCase(string Name, Func<JObject, byte[]> Damage, ErrorCode Code, string Reason, bool NamesFile = true);
}
