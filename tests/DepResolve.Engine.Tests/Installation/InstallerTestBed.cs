using DepResolve.Engine.Feeds;
using DepResolve.Engine.Installation;
using DepResolve.Engine.Packaging;
using DepResolve.Engine.Resolution;
using DepResolve.Engine.Storage;
using DepResolve.Engine.Tests.Fixtures;
using DepResolve.Testing;

namespace DepResolve.Engine.Tests.Installation;

/// <summary>A feed folder of real packages, a cache root and installers over them, all in one temp folder.</summary>
internal sealed class InstallerTestBed : IDisposable
{
    public const string FeedName = "local";
    private readonly TempFolder _temp = new("depresolve-install");

    public InstallerTestBed()
    {
        FeedFolder = _temp.Combine("feed");
        CacheRoot = _temp.Combine("cache");
        Directory.CreateDirectory(FeedFolder);
        Layout = new CacheLayout(CacheRoot);
    }

    public string FeedFolder { get; }

    public string CacheRoot { get; }

    public CacheLayout Layout { get; }

    public string Combine(params string[] parts) => _temp.Combine(parts);

    /// <summary>Builds the package into the feed and returns it as the resolver would (with its SHA-512).</summary>
    public ResolvedNode Add(PackageBuilder builder, bool isModule)
    {
        var path = builder.Build(FeedFolder);
        return new ResolvedNode
        {
            Id = builder.Id,
            Version = NuGet.Versioning.NuGetVersion.Parse(builder.Version),
            FeedName = FeedName,
            Sha512 = PackageHash.ComputeSha512OfFile(path),
            IsPowerShellModule = isModule,
        };
    }

    public ResolvedNode AddModule(string id, string version, string? moduleVersion = null) =>
        Add(new PackageBuilder(id, version).AsModule(functions: ["Get-" + id.Replace(".", "", StringComparison.Ordinal)], moduleVersion: moduleVersion), isModule: true);

    public ResolvedNode AddLibrary(string id, string version, params string[] frameworks) =>
        Add(new PackageBuilder(id, version).AsLibrary(frameworks), isModule: false);

    public CountingFeed NewFeed() => new(new LocalFolderFeed(FeedFolder, FeedName));

    public PackageInstaller NewInstaller(IPackageFeed feed, PackageInstallerOptions? options = null) =>
        new(Layout, [feed], options ?? new PackageInstallerOptions());

    /// <summary>Files and folders under tmp/ (a finished install leaves none).</summary>
    public IReadOnlyList<string> TempLeftovers() =>
        Directory.Exists(Layout.TempFolder) ? Directory.EnumerateFileSystemEntries(Layout.TempFolder).ToList() : [];

    public IReadOnlyList<string> EnvironmentFolders() =>
        Directory.Exists(Layout.EnvironmentsFolder) ? Directory.EnumerateDirectories(Layout.EnvironmentsFolder).ToList() : [];

    public IReadOnlyList<string> StoreEntries() => new PackageStore(Layout).EnumerateEntryFolders().ToList();

    public void Dispose() => _temp.Dispose();
}
