namespace DepResolve.Engine.Configuration;

/// <summary>
/// What the NuGet.Config files in effect for a folder say about library feeds: the enabled sources (credentials
/// included), their packageSourceMapping, and the files read (nearest first).
/// </summary>
internal sealed record NuGetConfiguration(IReadOnlyList<RepositorySettings> Sources, PackageSourceMapping SourceMapping, IReadOnlyList<string> Files)
{
    public static NuGetConfiguration None { get; } = new(Array.Empty<RepositorySettings>(), PackageSourceMapping.None, Array.Empty<string>());
}
