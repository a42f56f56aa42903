using DepResolve.Engine.Hosting;
using DepResolve.Engine.Model;
using Newtonsoft.Json.Linq;

namespace DepResolve.Engine.Tests.Faults;

/// <summary>
/// A user's run, through the facade the cmdlets call: a fresh <see cref="DepResolveSession"/> resolves and installs
/// packages for the sandbox's script, so depresolve.json is found from the script's folder upward, the lock file next
/// to the script is read (and written after a first success) by the session, and the feeds, metadata cache, resolver
/// and installer are the session's own. Only depresolve.json differs from a user's: retries back off for milliseconds
/// (1 + 2 attempts) and metadata answers are capped at 1 MB, so a fault case takes well under a second.
/// </summary>
internal static class FaultPipeline
{
    public const string FeedName = "fault";

    public const string RootPackage = "Fault.App";

    /// <summary>depresolve.json for a run against <paramref name="source"/>; <paramref name="extra"/> adds or overrides settings.</summary>
    public static void WriteConfig(FaultSandbox sandbox, string source, JObject? extra = null)
    {
        var config = new JObject
        {
            ["cacheRoot"] = "../cache",
            ["repositories"] = new JArray(new JObject { ["name"] = FeedName, ["source"] = source }),
            ["requestTimeout"] = 5,
            ["metadataTtl"] = 3600,
            ["maxRetries"] = 2,
            ["retryBaseDelay"] = 0.002,
            ["maxMetadataBytes"] = 1 << 20,
        };
        if (extra is not null)
        {
            config.Merge(extra, new JsonMergeSettings { MergeArrayHandling = MergeArrayHandling.Replace });
        }

        File.WriteAllText(sandbox.ConfigPath, config.ToString());
    }

    /// <summary>
    /// Resolves and installs <paramref name="packages"/> (id → version range; default: Fault.App 1.0.0 or newer) for
    /// the sandbox's script; a failure, whether thrown or reported in the result, is thrown as the
    /// <see cref="DepResolveException"/> the cmdlets would turn into an error record.
    /// </summary>
    public static async Task<ResolutionResult> RunAsync(FaultSandbox sandbox, IReadOnlyDictionary<string, string?>? packages = null)
    {
        using var session = new DepResolveSession(new SessionSettings
        {
            WorkingDirectory = sandbox.ScriptsFolder,
            UserConfigFolder = sandbox.UserConfigFolder,
            LocalApplicationDataFolder = sandbox.UserConfigFolder,
        });
        var result = await session.ResolvePackagesAsync(
            packages ?? new Dictionary<string, string?> { [RootPackage] = "[1.0.0, )" },
            new ResolveRequest { ScriptPath = sandbox.ScriptPath },
            CancellationToken.None);
        if (!result.Success)
        {
            var code = result.ErrorCode ?? throw new InvalidOperationException($"The run failed without an error code: {result.ErrorDetails}");
            throw new DepResolveException(code, result.ErrorDetails ?? string.Join("; ", result.FailedPackages), sandbox.ScriptPath);
        }

        return result;
    }
}
