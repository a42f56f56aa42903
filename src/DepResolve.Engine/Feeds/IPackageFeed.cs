using DepResolve.Engine.Packaging;
using NuGet.Versioning;

namespace DepResolve.Engine.Feeds;

/// <summary>
/// One package source: a local folder, a NuGet v3 feed or a NuGet v2 OData feed (the PowerShell Gallery).
/// Every implementation passes the same contract tests. Failures are <see cref="Model.DepResolveException"/>
/// with NetworkError, PackageNotFound, InvalidPackage or HashMismatch, naming the URL or path.
/// Ids are compared case-insensitively everywhere.
/// </summary>
internal interface IPackageFeed
{
    /// <summary>A short display name (the repository name, or the source itself).</summary>
    string Name { get; }

    /// <summary>The URL or folder this feed reads.</summary>
    string Source { get; }

    /// <summary>Whether <see cref="SearchByTagAsync"/> can answer on this feed.</summary>
    bool SupportsTagSearch { get; }

    /// <summary>All versions of <paramref name="id"/>; empty when the feed does not know the id.</summary>
    Task<IReadOnlyList<FeedVersion>> ListVersionsAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Metadata (dependencies, tags, hash) of every version of <paramref name="id"/> in as few requests as the
    /// protocol allows (v3 registrations, v2 FindPackagesById); empty when the feed does not know the id.
    /// </summary>
    Task<IReadOnlyList<PackageMetadata>> GetAllMetadataAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// True when this feed reads dependencies one version at a time (a NuGet v3 feed without registrations, where
    /// <see cref="GetAllMetadataAsync"/> costs one request per listed version): a resolution then lists the versions
    /// and reads the metadata of only the versions it considers.
    /// </summary>
    Task<bool> ReadsMetadataPerVersionAsync(string id, CancellationToken cancellationToken) => Task.FromResult(false);

    /// <summary>Metadata of one version; null when the feed does not have it.</summary>
    Task<PackageMetadata?> GetMetadataAsync(string id, NuGetVersion version, CancellationToken cancellationToken);

    /// <summary>
    /// Downloads the .nupkg to <paramref name="destinationFile"/> (created or overwritten), computing its SHA-512
    /// as it streams. If the feed published a hash and it differs, the file is deleted and HashMismatch thrown.
    /// PackageNotFound when the feed does not have that version.
    /// </summary>
    Task<DownloadedPackage> DownloadAsync(string id, NuGetVersion version, string destinationFile, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="DownloadAsync"/>, except that a package of at most <paramref name="maxInMemoryBytes"/> may be kept
    /// in memory (<see cref="DownloadedPackage.Content"/>) instead of written to <paramref name="destinationFile"/>: no
    /// file to create, read back and delete. A feed that cannot tell the size beforehand writes the file.
    /// </summary>
    Task<DownloadedPackage> DownloadToMemoryOrFileAsync(string id, NuGetVersion version, string destinationFile, long maxInMemoryBytes, CancellationToken cancellationToken) =>
        DownloadAsync(id, version, destinationFile, cancellationToken);

    /// <summary>
    /// The SHA-512 (base64) of the package's bytes when the feed can tell it without a download — a local folder
    /// hashes its file — else null. An install plan names its environment with it before anything is fetched.
    /// </summary>
    Task<string?> TryGetContentSha512Async(string id, NuGetVersion version, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    /// <summary>Packages carrying <paramref name="tag"/> (e.g. PSCommand_Get-Foo); empty when none or unsupported.</summary>
    Task<IReadOnlyList<PackageMetadata>> SearchByTagAsync(string tag, bool includePrerelease, CancellationToken cancellationToken);
}
