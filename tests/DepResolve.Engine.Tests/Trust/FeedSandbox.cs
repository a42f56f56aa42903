using DepResolve.Engine.Hosting;
using DepResolve.Engine.Model;
using DepResolve.Engine.Tests.Fixtures;
using DepResolve.Testing;

namespace DepResolve.Engine.Tests.Trust;

/// <summary>
/// A script folder with its depresolve.json, a cache under the sandbox and no user config, user NuGet.Config or
/// PSResourceGet registrations, and sessions whose verbose lines and warnings are all kept.
/// </summary>
internal sealed class FeedSandbox : IDisposable
{
    private readonly TempFolder _temp = new();

    public FeedSandbox()
    {
        Directory.CreateDirectory(Combine("scripts"));
        Directory.CreateDirectory(Combine("user"));
        CacheRoot = Combine("cache");
    }

    public string Root => _temp.Path;

    public string ScriptPath => Combine("scripts", "deploy.ps1");

    public string LockFilePath => Combine("scripts", "depresolve.lock.json");

    /// <summary>The cache root of the sessions made from now on.</summary>
    public string CacheRoot { get; set; } = "";

    public List<string> Verbose { get; } = new();

    public List<string> Warnings { get; } = new();

    public string Combine(params string[] parts) => _temp.Combine(parts);

    /// <summary>A folder feed holding module packages "Id@version".</summary>
    public string FolderFeed(string name, params string[] packages)
    {
        var folder = Combine(name);
        Directory.CreateDirectory(folder);
        foreach (var package in packages)
        {
            var (id, version) = (package.Split('@')[0], package.Split('@')[1]);
            new PackageBuilder(id, version).AsModule(functions: [$"Get-{id.Replace(".", "", StringComparison.Ordinal)}"]).WithTags("PSModule").Build(folder);
        }

        return folder;
    }

    /// <summary>A folder feed holding .NET library packages "Id@version" (lib/net8.0), each depending on the ids after '>' ("A@1.0.0>B").</summary>
    public string LibraryFeed(string name, params string[] packages)
    {
        var folder = Combine(name);
        Directory.CreateDirectory(folder);
        foreach (var package in packages)
        {
            var parts = package.Split('>');
            var (id, version) = (parts[0].Split('@')[0], parts[0].Split('@')[1]);
            var builder = new PackageBuilder(id, version).AsLibrary();
            foreach (var dependency in parts.Skip(1))
            {
                builder.DependsOn(dependency, "[1.0.0, )");
            }

            builder.Build(folder);
        }

        return folder;
    }

    public void Config(string json) => File.WriteAllText(Combine("scripts", "depresolve.json"), json);

    /// <summary>Writes scripts/NuGet.Config with <paramref name="body"/> inside &lt;configuration&gt;.</summary>
    public void NuGetConfig(string body) =>
        File.WriteAllText(Combine("scripts", "NuGet.Config"), $"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n{body}\n</configuration>\n");

    public DepResolveSession Session(params string[] repositories)
    {
        var callbacks = new SessionCallbacks
        {
            Verbose = line => { lock (Verbose) { Verbose.Add(line); } },
            Warning = line => { lock (Warnings) { Warnings.Add(line); } },
        };
        return new DepResolveSession(
            new SessionSettings
            {
                WorkingDirectory = Root,
                CacheDirectory = CacheRoot,
                Repositories = repositories,
                UserConfigFolder = Combine("user"),
                UserNuGetConfigFolder = Combine("user"),
                LocalApplicationDataFolder = Combine("user"),
            },
            callbacks);
    }

    /// <summary>Resolves and installs <paramref name="packages"/> ("Id" or "Id@range") for the sandbox script.</summary>
    public async Task<ResolutionResult> ResolveAsync(DepResolveSession session, params string[] packages) =>
        await session.ResolvePackagesAsync(
            packages.ToDictionary(p => p.Split('@')[0], p => p.Contains('@', StringComparison.Ordinal) ? p.Split('@')[1] : null),
            new ResolveRequest { ScriptPath = ScriptPath },
            CancellationToken.None);

    public void Dispose() => _temp.Dispose();
}
