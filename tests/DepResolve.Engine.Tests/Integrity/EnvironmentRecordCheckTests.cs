using DepResolve.Engine.Hosting;
using DepResolve.Engine.Installation;
using DepResolve.Engine.Model;
using DepResolve.Engine.Storage;
using DepResolve.Engine.Tests.Fixtures;
using DepResolve.Testing;
using DepResolve.Testing.Servers;
using Newtonsoft.Json.Linq;

namespace DepResolve.Engine.Tests.Integrity;

/// <summary>An environment.json edited to point outside the package store is refused and the environment built again.</summary>
public sealed class EnvironmentRecordCheckTests
{
    private static readonly Dictionary<string, string?> Roots = new() { ["Record.App"] = "1.0.0" };

    [Theory]
    [InlineData("modulePathEntries", "ABSOLUTE")]
    [InlineData("modulePathEntries", "store/../outside")]
    [InlineData("assemblies", "tmp/evil.dll")]
    [InlineData("assemblies", "store/other.package/1.0.0/0123456789abcdef/lib/evil.dll")]
    [InlineData("modulePathEntries", "store/other.package/1.0.0")]
    [InlineData("storeEntries", "envs")]
    public async Task ARecordPointingOutsideTheStoreIsRefusedAndRebuilt(string field, string path)
    {
        using var temp = new TempFolder();
        await using var server = await StartFeedAsync(temp);
        var cold = await ResolveAsync(temp, server, []);
        var outside = temp.Combine("outside");
        Directory.CreateDirectory(outside);
        var recordFile = Path.Combine(cold.EnvironmentPath!, EnvironmentManager.RecordFileName);
        var record = JObject.Parse(File.ReadAllText(recordFile));
        var escaping = path == "ABSOLUTE" ? outside : path;
        ((JArray)record[field]!).Insert(0, escaping);
        File.WriteAllText(recordFile, record.ToString());

        var warnings = new List<string>();
        var warm = await ResolveAsync(temp, server, warnings);

        Assert.Equal(cold.EnvironmentId, warm.EnvironmentId);
        Assert.Equal(cold.ModulePath, warm.ModulePath);
        Assert.DoesNotContain("outside", warm.ModulePath!, StringComparison.Ordinal);
        Assert.DoesNotContain(escaping, File.ReadAllText(recordFile), StringComparison.Ordinal);
        var warning = Assert.Single(warnings);
        Assert.Contains(recordFile, warning, StringComparison.Ordinal);
        Assert.Contains(escaping, warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARecordThatPointsOnlyIntoTheStoreIsAccepted()
    {
        using var temp = new TempFolder();
        await using var server = await StartFeedAsync(temp);
        var cold = await ResolveAsync(temp, server, []);
        var layout = new CacheLayout(temp.Combine("cache"));

        var record = new EnvironmentManager(layout).LoadRecord(cold.EnvironmentId!);

        Assert.NotNull(record);
        Assert.Null(EnvironmentRecordCheck.FindEscape(record!, layout));
    }

    [Theory]
    [InlineData("store/a.package/1.0.0/0123456789abcdef", true)]
    [InlineData("store/a.package/1.0.0/0123456789abcdef/", true)]
    [InlineData("store/a.package/1.0.0/0123456789abcdef/lib/net8.0/A.dll", true)]
    [InlineData("store/a.package/1.0.0/0123456789abcdefX/lib/A.dll", false)]
    [InlineData("store/a.package/1.0.0/0123456789abcde", false)]
    [InlineData("store/a.package/1.0.0", false)]
    [InlineData("store", false)]
    public void A_path_is_accepted_only_inside_one_of_the_records_entries(string path, bool accepted)
    {
        using var temp = new TempFolder();
        var layout = new CacheLayout(temp.Combine("cache"));
        const string entry = "store/a.package/1.0.0/0123456789abcdef";
        var record = new EnvironmentRecord
        {
            Id = "0123456789abcdef01234567",
            StoreEntries = [entry],
            Packages = [new EnvironmentPackageRecord { Id = "A.Package", Version = "1.0.0", StoreEntry = entry }],
            ModulePathEntries = [path],
            Assemblies = [entry + "/lib/net8.0/A.dll"],
        };

        Assert.Equal(accepted, EnvironmentRecordCheck.FindEscape(record, layout) is null);
    }

    private static async Task<ResolutionResult> ResolveAsync(TempFolder temp, NuGetV3FeedServer server, List<string> warnings)
    {
        using var session = new DepResolveSession(
            new SessionSettings { WorkingDirectory = temp.Path, CacheDirectory = "cache", Repositories = [server.ServiceIndexUrl] },
            new SessionCallbacks { Warning = line => { lock (warnings) { warnings.Add(line); } } });
        var result = await session.ResolvePackagesAsync(Roots, new ResolveRequest(), CancellationToken.None);
        Assert.True(result.Success, result.ErrorDetails);
        return result;
    }

    private static async Task<NuGetV3FeedServer> StartFeedAsync(TempFolder temp)
    {
        var feed = temp.Combine("feed");
        Directory.CreateDirectory(feed);
        new PackageBuilder("Record.App", "1.0.0").AsModule(functions: ["Get-Record"]).Build(feed);
        return await NuGetV3FeedServer.StartAsync(feed);
    }
}
