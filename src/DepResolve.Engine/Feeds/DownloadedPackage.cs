using NuGet.Versioning;

namespace DepResolve.Engine.Feeds;

/// <summary>A .nupkg written to <see cref="FilePath"/> and hashed while it was written.</summary>
internal sealed record DownloadedPackage(string Id, NuGetVersion Version, string FilePath, string Sha512, long Length, string FeedName);
