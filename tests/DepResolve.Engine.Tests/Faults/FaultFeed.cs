using DepResolve.Testing;
using DepResolve.Testing.Servers;

namespace DepResolve.Engine.Tests.Faults;

public enum FeedProtocol
{
    V2,
    V3,
}

/// <summary>
/// A loopback feed of the fault suite's two-module graph (Fault.App 1.0.0 → Fault.Core [1.0.0, )), with the URLs the
/// cases aim their faults at. The package files stay on disk, so a case can swap one for a hostile build after the
/// server has read the good one's metadata.
/// </summary>
internal sealed class FaultFeed : IAsyncDisposable
{
    /// <summary>Every named case once over v2 and once over v3.</summary>
    public static TheoryData<string, FeedProtocol> OnBothProtocols(IEnumerable<string> caseNames)
    {
        var data = new TheoryData<string, FeedProtocol>();
        foreach (var name in caseNames)
        {
            data.Add(name, FeedProtocol.V2);
            data.Add(name, FeedProtocol.V3);
        }

        return data;
    }

    public const string CoreId = "Fault.Core";

    private byte[]? _goodCore;

    private FaultFeed(FaultSandbox sandbox, FeedProtocol protocol, LoopbackFeedServer server, string source)
    {
        Sandbox = sandbox;
        Protocol = protocol;
        Server = server;
        Source = source;
    }

    public FaultSandbox Sandbox { get; }

    public FeedProtocol Protocol { get; }

    public LoopbackFeedServer Server { get; }

    public FeedFaults Faults => Server.Faults;

    /// <summary>The URL depresolve.json names.</summary>
    public string Source { get; }

    /// <summary>Path fragment of Fault.Core's metadata request (fetched after Fault.App's, while resolving).</summary>
    public string CoreMetadataPath => Protocol == FeedProtocol.V3 ? "/v3/registration/fault.core/index.json" : "id=%27Fault.Core%27";

    /// <summary>What an error about Fault.Core's metadata names: the URL (v2: the query URL and the id in it).</summary>
    public string[] CoreMetadataNames => Protocol == FeedProtocol.V3
        ? [Server.BaseAddress + CoreMetadataPath]
        : [Server.BaseAddress + "/api/v2/FindPackagesById()", "Fault.Core"];

    /// <summary>Path fragment of Fault.Core's .nupkg (v2 redirects /api/v2/package/… to this file).</summary>
    public string CorePackagePath => Protocol == FeedProtocol.V3 ? "/v3/flat/fault.core/1.0.0/fault.core.1.0.0.nupkg" : "/files/fault.core.1.0.0.nupkg";

    /// <summary>The download URL an error about Fault.Core's .nupkg names.</summary>
    public string CorePackageUrl => Protocol == FeedProtocol.V3 ? Server.BaseAddress + CorePackagePath : Server.BaseAddress + "/api/v2/package/Fault.Core/1.0.0";

    /// <summary>The first URL every run asks.</summary>
    public string FirstUrl => Protocol == FeedProtocol.V3 ? Server.BaseAddress + "/v3/index.json" : Server.BaseAddress + "/api/v2/FindPackagesById()";

    public static async Task<FaultFeed> StartAsync(FaultSandbox sandbox, FeedProtocol protocol, bool publishHashes = false)
    {
        BuildGraph(sandbox.FeedFolder);
        if (protocol == FeedProtocol.V3)
        {
            var v3 = await NuGetV3FeedServer.StartAsync(sandbox.FeedFolder);
            v3.PublishHashes = publishHashes;
            return new FaultFeed(sandbox, protocol, v3, v3.ServiceIndexUrl);
        }

        var v2 = await NuGetV2FeedServer.StartAsync(sandbox.FeedFolder);
        return new FaultFeed(sandbox, protocol, v2, v2.FeedUrl);
    }

    private static void BuildGraph(string folder)
    {
        new PackageBuilder(FaultPipeline.RootPackage, "1.0.0").AsModule(["Get-FaultApp"]).DependsOn(CoreId, "[1.0.0, )").Build(folder);
        new PackageBuilder(CoreId, "1.0.0").AsModule(["Get-FaultCore"]).Build(folder);
    }

    /// <summary>Replaces Fault.Core's file with <paramref name="hostile"/> (same id and version outside); the server keeps the good metadata.</summary>
    public string SwapCore(PackageBuilder hostile)
    {
        var path = CorePath;
        _goodCore ??= File.ReadAllBytes(path);
        File.WriteAllBytes(path, hostile.BuildBytes());
        return path;
    }

    /// <summary>Puts the original Fault.Core bytes back (a rebuild would differ: zip entries carry times) and reloads the server.</summary>
    public void RestoreCore()
    {
        File.WriteAllBytes(CorePath, _goodCore ?? throw new InvalidOperationException("Fault.Core was not swapped."));
        Server.Reload();
    }

    private string CorePath => Path.Combine(Sandbox.FeedFolder, $"{CoreId}.1.0.0.nupkg");

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
