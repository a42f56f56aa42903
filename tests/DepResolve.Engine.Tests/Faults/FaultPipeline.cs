using DepResolve.Engine.Caching;
using DepResolve.Engine.Configuration;
using DepResolve.Engine.Feeds;
using DepResolve.Engine.Feeds.Http;
using DepResolve.Engine.Installation;
using DepResolve.Engine.Model;
using DepResolve.Engine.Resolution;
using DepResolve.Engine.Resolution.Locking;
using Newtonsoft.Json.Linq;
using NuGet.Versioning;

namespace DepResolve.Engine.Tests.Faults;

/// <summary>
/// The whole chain a user's run goes through, composed from the public engine pieces exactly as the cmdlets do:
/// depresolve.json (found from the script's folder) → feeds from the factory → metadata cache → resolver (with the
/// lock file, when there is one) → installer (store, environment) → lock file written next to the script. Only the
/// retry backoff is shortened (milliseconds instead of half a second) and metadata answers are capped at 1 MB, so a
/// fault case takes well under a second.
/// </summary>
public static class FaultPipeline
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
        };
        if (extra is not null)
        {
            config.Merge(extra, new JsonMergeSettings { MergeArrayHandling = MergeArrayHandling.Replace });
        }

        File.WriteAllText(sandbox.ConfigPath, config.ToString());
    }

    /// <summary>
    /// Resolves and installs <paramref name="requirements"/> (default: Fault.App, any version) for the sandbox's
    /// script; throws the <see cref="DepResolveException"/> of the first step that fails.
    /// </summary>
    public static async Task<ResolutionResult> RunAsync(FaultSandbox sandbox, IReadOnlyList<PackageRequirement>? requirements = null, bool useLockFile = false)
    {
        var options = DepResolveConfigLoader.Load(sandbox.ScriptPath, userConfigFolder: sandbox.UserConfigFolder).Options;
        var lockFile = useLockFile ? LockFileSerializer.Read(sandbox.LockFilePath) : null;
        var layout = CacheLayout.FromOptions(options.CacheRoot);
        var http = new FeedHttpClient(FeedHttpSettings.FromOptions(options) with
        {
            RetryBaseDelay = TimeSpan.FromMilliseconds(2),
            MaxRetries = 2,
            MaxMetadataBytes = 1 << 20,
        });
        var feeds = CachingPackageFeed.WrapAll(new FeedFactory(http).CreateAll(options.Repositories), layout, options);

        var outcome = await new DependencyResolver(feeds, new ResolverOptions { MaxParallelism = options.MaxParallelism }).ResolveAsync(new ResolutionRequest
        {
            Requirements = requirements ?? [Requirement(RootPackage)],
            Policy = options.Policy,
            LockFile = lockFile,
            AllowPrerelease = options.AllowPrerelease,
        });
        outcome.ThrowIfFailed();
        var result = outcome.ToResult();

        var installer = new PackageInstaller(layout, feeds, PackageInstallerOptions.FromOptions(options) with { MaxParallelism = 2 });
        using var installed = await installer.InstallAsync(result.ResolvedPackages, null, CancellationToken.None);
        installed.ApplyTo(result, psHome: null);

        var hashes = installed.Environment!.Packages.ToDictionary(p => p.Id, p => p.Sha512 ?? "", StringComparer.OrdinalIgnoreCase);
        LockFileSerializer.Write(LockFileFactory.Create(result, hashes, options.Repositories, previous: lockFile), sandbox.LockFilePath);
        return result;
    }

    public static PackageRequirement Requirement(string id, string range = "[1.0.0, )") =>
        new(id, VersionRange.Parse(range)) { RequestedBy = "script.ps1" };
}
