using NuGet.Versioning;

namespace DepResolve.Engine.Feeds;

/// <summary>
/// A .nupkg hashed while it was received: written to <see cref="FilePath"/>, or kept in memory as <see cref="Content"/>
/// (FilePath is then null) when the caller allowed that for a package of its size.
/// </summary>
internal sealed record DownloadedPackage(string Id, NuGetVersion Version, string? FilePath, string Sha512, long Length, string FeedName)
{
    public PackageBytes? Content { get; init; }
}
