namespace DepResolve.Engine.Resolution;

/// <summary>The versions of every id a resolution may touch, fetched before the search runs.</summary>
internal sealed class PackageCatalog
{
    private readonly Dictionary<string, PackageVersions> _byId;

    public PackageCatalog(IEnumerable<PackageVersions> packages)
    {
        _byId = new Dictionary<string, PackageVersions>(StringComparer.OrdinalIgnoreCase);
        foreach (var package in packages)
        {
            _byId[package.Id] = package;
        }
    }

    public PackageVersions Get(string id) =>
        _byId.TryGetValue(id, out var versions) ? versions : new PackageVersions(id, Array.Empty<CandidateVersion>(), Array.Empty<string>());

    public IReadOnlyCollection<string> Ids => _byId.Keys;
}
