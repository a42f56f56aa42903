using DepResolve.Engine.Model;
using DepResolve.Testing;
using Newtonsoft.Json.Linq;

namespace DepResolve.Engine.Tests.Faults;

/// <summary>
/// Hostile packages served over loopback HTTP and installed by the whole pipeline: Fault.App installs, then the feed
/// hands over a hostile Fault.Core. Where the hostile nuspec still reads, the server republishes its metadata and
/// hash (a self-consistent hostile feed), so the archive checks are what stops it on v2 and v3 alike. Where it does
/// not read, the server keeps the good package's metadata: v3 (no published hash) reaches the archive checks, while
/// v2 (which always publishes a SHA-512) is stopped earlier by HashMismatch. Every case then gets the good package
/// back and installs.
/// </summary>
public sealed class HostilePackageTests
{
    private const string Core = "Fault.Core 1.0.0";

    /// <summary>The zip-slip target: from store staging (cache/tmp/pkg-…/entry/extracted) up to the sandbox, then into outside/.</summary>
    private const string SlipEntry = "../../../../../outside/slip.ps1";

    private static readonly JObject Limits = new() { ["maxPackageUncompressedBytes"] = 4 * 1024 * 1024, ["maxPackageEntries"] = 20 };

    private static readonly Dictionary<string, HostileCase> Cases = new HostileCase[]
    {
        new("corrupt zip", _ => Core_().WithCorruptBytes(), Republish: false, "not a valid zip"),
        new("truncated zip", _ => Core_().WithCorruptBytes(Module().BuildBytes()[..600]), Republish: false, "not a valid zip"),
        new("zip bomb", _ => Module().WithBombEntry("payload.bin", 32L * 1024 * 1024), Republish: true, "more than the limit of 4194304 bytes"),
        new("too many entries", _ => ManyEntries(), Republish: true, "more than the limit of 20"),
        new("zip-slip", _ => Module().WithEntry(SlipEntry, "Remove-Item -Recurse ~"), Republish: true, "'..' segment"),
        new("zip-slip, backslashes", _ => Module().WithEntry(SlipEntry.Replace('/', '\\'), "x"), Republish: true, "'..' segment"),
        new("absolute path into outside/", s => Module().WithEntry(Path.Combine(s.Outside, "absolute.ps1"), "x"), Republish: true, "absolute path"),
        new("symlink entry to outside/", s => Module().WithSymlinkEntry("linked", s.Outside).WithEntry("linked/evil.ps1", "x"), Republish: true, "symbolic link"),
        new("nuspec with an external entity (XXE)", s => Core_().AsModule(["Get-FaultCore"]).WithExternalEntity(s.SecretFile), Republish: false, "DTD"),
        new("nuspec with an internal DTD (entity expansion)", _ => Module().WithNuspecDoctype(LaughsDoctype), Republish: false, "DTD"),
        new("reserved device name entry CON.ps1", _ => Module().WithEntry("CON.ps1", "x"), Republish: true, "reserved device name"),
        new("reserved device name folder tools/NUL/", _ => Module().WithEntry("tools/NUL/run.ps1", "x"), Republish: true, "reserved device name"),
        new("different id inside", _ => Module().WithInnerIdentity(id: "Fault.Other"), Republish: false, "its nuspec says Fault.Other 1.0.0"),
        new("different version inside", _ => Module().WithInnerIdentity(version: "2.0.0"), Republish: false, "its nuspec says Fault.Core 2.0.0"),
        new("id with path characters inside", _ => Module().WithInnerIdentity(id: "../../outside/evil"), Republish: false, "not a valid package id"),
        new("id that is a device name inside", _ => Module().WithInnerIdentity(id: "CON"), Republish: false, "not a valid package id"),
        new("no nuspec", _ => Core_().WithoutNuspec().WithEntry("Fault.Core.psd1", "@{ ModuleVersion = '1.0.0' }"), Republish: false, "no .nuspec"),
    }.ToDictionary(c => c.Name);

    private const string LaughsDoctype =
        "<!DOCTYPE package [ <!ENTITY a \"aaaaaaaaaa\"> <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"> <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"> ]>";

    public static TheoryData<string, FeedProtocol> All() => FaultFeed.OnBothProtocols(Cases.Keys);

    [Theory]
    [MemberData(nameof(All))]
    public async Task Hostile_package_is_refused_naming_it_and_touches_nothing(string name, FeedProtocol protocol)
    {
        var hostile = Cases[name];
        using var sandbox = new FaultSandbox();
        await using var feed = await FaultFeed.StartAsync(sandbox, protocol);
        FaultPipeline.WriteConfig(sandbox, feed.Source, Limits);
        feed.SwapCore(hostile.Build(sandbox));
        if (hostile.Republish)
        {
            feed.Server.Reload();
        }

        if (protocol == FeedProtocol.V2 && !hostile.Republish)
        {
            await FaultAssertions.FailsCleanlyAsync(sandbox, () => FaultPipeline.RunAsync(sandbox), ErrorCode.HashMismatch, Core, "the feed published");
        }
        else
        {
            await FaultAssertions.FailsCleanlyAsync(sandbox, () => FaultPipeline.RunAsync(sandbox), ErrorCode.InvalidPackage, Core, hostile.Reason);
        }

        feed.RestoreCore();
        if (protocol == FeedProtocol.V2 && hostile.Republish)
        {
            // The metadata cache still holds the hash the hostile feed published: bytes that change under the same
            // version are refused once, and the cached metadata is dropped.
            await FaultAssertions.FailsCleanlyAsync(sandbox, () => FaultPipeline.RunAsync(sandbox), ErrorCode.HashMismatch, Core, "was expected");
        }

        FaultAssertions.Succeeded(sandbox, await FaultPipeline.RunAsync(sandbox), FaultPipeline.RootPackage, FaultFeed.CoreId);
    }

    [Theory]
    [InlineData("../evil", FeedProtocol.V2)]
    [InlineData("../evil", FeedProtocol.V3)]
    [InlineData("..\\..\\outside\\evil", FeedProtocol.V2)]
    [InlineData("..\\..\\outside\\evil", FeedProtocol.V3)]
    [InlineData("sub/dir", FeedProtocol.V2)]
    [InlineData("sub/dir", FeedProtocol.V3)]
    [InlineData("CON", FeedProtocol.V2)]
    [InlineData("CON", FeedProtocol.V3)]
    [InlineData("nul.psm1", FeedProtocol.V2)]
    [InlineData("nul.psm1", FeedProtocol.V3)]
    public async Task A_required_id_with_path_characters_or_a_device_name_is_not_found_and_writes_nothing_outside(string id, FeedProtocol protocol)
    {
        using var sandbox = new FaultSandbox();
        await using var feed = await FaultFeed.StartAsync(sandbox, protocol);
        FaultPipeline.WriteConfig(sandbox, feed.Source);

        await FaultAssertions.FailsCleanlyAsync(sandbox, () => FaultPipeline.RunAsync(sandbox, new Dictionary<string, string?> { [id] = "[1.0.0, )" }), ErrorCode.PackageNotFound, $"'{id}'");

        // The metadata cache names its files after ids: each stayed a single file name inside the cache.
        var cached = Directory.EnumerateFiles(sandbox.Layout.MetadataFolder, "*", SearchOption.AllDirectories).ToList();
        Assert.All(cached, file => Assert.Equal(2, Path.GetRelativePath(sandbox.Layout.MetadataFolder, file).Split(Path.DirectorySeparatorChar).Length));
    }

    private static PackageBuilder Core_() => new(FaultFeed.CoreId, "1.0.0");

    private static PackageBuilder Module() => Core_().AsModule(["Get-FaultCore"]);

    private static PackageBuilder ManyEntries()
    {
        var builder = Module();
        for (var i = 0; i < 30; i++)
        {
            builder.WithEntry($"content/f{i}.txt", "x");
        }

        return builder;
    }

    /// <param name="Republish">The hostile nuspec still reads, so the server republishes its metadata and hash.</param>
    private sealed record HostileCase(string Name, Func<FaultSandbox, PackageBuilder> Build, bool Republish, string Reason);
}
