namespace DepResolve.Engine.Configuration;

internal enum RepositoryKind
{
    /// <summary>Decide from the source: a folder, a URL ending in index.json (v3), otherwise v2 OData.</summary>
    Auto,
    LocalFolder,
    NuGetV3,
    NuGetV2,
}
