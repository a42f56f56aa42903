using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using DepResolve.Engine.Feeds;
using DepResolve.Engine.Model;
using DepResolve.Engine.Packaging;
using NuGet.Versioning;

namespace DepResolve.Engine.Tests.Fixtures;

/// <summary>
/// An <see cref="IPackageFeed"/> over an in-memory package graph, built fluently:
/// <c>feed.Package("A", "1.0").DependsOn("B", "[2.0,)")</c>. Counts every call per id, records the largest number of
/// metadata calls in flight at once, and can delay or hold calls (<see cref="Delay"/>, <see cref="Gate"/>) so tests can
/// observe concurrency. Downloads write a small deterministic file whose SHA-512 matches <see cref="PackageMetadata.PublishedSha512"/>.
/// </summary>
internal sealed class InMemoryFeed : IPackageFeed
{
    private readonly object _gate = new();
    private readonly List<InMemoryPackageBuilder> _packages = new();
    private readonly ConcurrentDictionary<string, int> _metadataCalls = new(StringComparer.OrdinalIgnoreCase);
    private int _inFlight;
    private int _maxInFlight;

    public InMemoryFeed(string name = "memory", string? source = null)
    {
        Name = name;
        Source = source ?? $"memory://{name}";
    }

    public string Name { get; }

    public string Source { get; }

    public bool SupportsTagSearch => true;

    /// <summary>Each metadata call waits this long before answering.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Awaited (with the id) before each metadata call answers; lets a test hold calls until it has seen them.</summary>
    public Func<string, Task>? Gate { get; set; }

    /// <summary>Metadata calls (GetAllMetadata, GetMetadata, ListVersions) per id.</summary>
    public IReadOnlyDictionary<string, int> MetadataCalls => _metadataCalls;

    public int TotalMetadataCalls => _metadataCalls.Values.Sum();

    /// <summary>The most metadata calls that were in flight at the same moment.</summary>
    public int MaxConcurrentCalls => Volatile.Read(ref _maxInFlight);

    /// <summary>Adds (or replaces) a package version and returns its builder for dependencies, tags and flags.</summary>
    public InMemoryPackageBuilder Package(string id, string version)
    {
        var builder = new InMemoryPackageBuilder(this, id, NuGetVersion.Parse(version));
        lock (_gate)
        {
            _packages.RemoveAll(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase) && p.Version == builder.Version);
            _packages.Add(builder);
        }

        return builder;
    }

    /// <summary>The bytes <see cref="DownloadAsync"/> writes for a package: deterministic, distinct per id and version.</summary>
    public static byte[] ContentOf(string id, NuGetVersion version) =>
        Encoding.UTF8.GetBytes($"in-memory package {id.ToLowerInvariant()} {version.ToNormalizedString()}");

    public static string Sha512Of(string id, NuGetVersion version) => Convert.ToBase64String(SHA512.HashData(ContentOf(id, version)));

    public async Task<IReadOnlyList<FeedVersion>> ListVersionsAsync(string id, CancellationToken cancellationToken)
    {
        var found = await AnswerAsync(id, cancellationToken);
        return found.Select(p => new FeedVersion(p.Version, p.IsListed)).ToList();
    }

    public async Task<IReadOnlyList<PackageMetadata>> GetAllMetadataAsync(string id, CancellationToken cancellationToken) =>
        (await AnswerAsync(id, cancellationToken)).Select(p => p.ToMetadata(Name)).ToList();

    public async Task<PackageMetadata?> GetMetadataAsync(string id, NuGetVersion version, CancellationToken cancellationToken) =>
        (await AnswerAsync(id, cancellationToken)).FirstOrDefault(p => p.Version == version)?.ToMetadata(Name);

    public async Task<DownloadedPackage> DownloadAsync(string id, NuGetVersion version, string destinationFile, CancellationToken cancellationToken)
    {
        InMemoryPackageBuilder? package;
        lock (_gate)
        {
            package = _packages.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase) && p.Version == version);
        }

        if (package is null)
        {
            throw new DepResolveException(ErrorCode.PackageNotFound, $"{Name} has no package {id} {version.ToNormalizedString()}.", $"{id} {version.ToNormalizedString()}");
        }

        var content = ContentOf(package.Id, package.Version);
        await File.WriteAllBytesAsync(destinationFile, content, cancellationToken);
        return new DownloadedPackage(package.Id, package.Version, destinationFile, Convert.ToBase64String(SHA512.HashData(content)), content.Length, Name);
    }

    public Task<IReadOnlyList<PackageMetadata>> SearchByTagAsync(string tag, bool includePrerelease, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<PackageMetadata> found = _packages
                .Where(p => p.IsListed && (includePrerelease || !p.Version.IsPrerelease))
                .Where(p => p.TagList.Contains(tag, StringComparer.OrdinalIgnoreCase))
                .Select(p => p.ToMetadata(Name))
                .ToList();
            return Task.FromResult(found);
        }
    }

    private async Task<List<InMemoryPackageBuilder>> AnswerAsync(string id, CancellationToken cancellationToken)
    {
        _metadataCalls.AddOrUpdate(id, 1, (_, n) => n + 1);
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }

        try
        {
            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay, cancellationToken);
            }

            if (Gate is { } gate)
            {
                await gate(id);
            }

            await Task.Yield();
            lock (_gate)
            {
                return _packages.Where(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase)).OrderBy(p => p.Version).ToList();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
