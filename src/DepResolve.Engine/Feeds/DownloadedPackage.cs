using NuGet.Versioning;

namespace DepResolve.Engine.Feeds;

/// <summary>
/// A .nupkg hashed while it was received: written to <see cref="FilePath"/>, or kept in memory as <see cref="Content"/>
/// (FilePath is then null) when the caller allowed that for a package of its size.
/// </summary>
internal sealed class DownloadedPackage
{
    private readonly Lazy<string> _id;

    public DownloadedPackage(string id, NuGetVersion version, string? filePath, string sha512, long length, string feedName)
        : this(new Lazy<string>(id), version, filePath, sha512, length, feedName)
    {
    }

    /// <summary>
    /// A package whose id <paramref name="readId"/> takes from the package itself, the first time <see cref="Id"/> is
    /// asked for (while the file or the content is still there): an install knows the id it asked for and never asks,
    /// so its package's nuspec is read once, by the extraction, instead of twice.
    /// </summary>
    public DownloadedPackage(Func<string> readId, NuGetVersion version, string? filePath, string sha512, long length, string feedName)
        : this(new Lazy<string>(readId, LazyThreadSafetyMode.ExecutionAndPublication), version, filePath, sha512, length, feedName)
    {
    }

    private DownloadedPackage(Lazy<string> id, NuGetVersion version, string? filePath, string sha512, long length, string feedName)
    {
        _id = id;
        Version = version;
        FilePath = filePath;
        Sha512 = sha512;
        Length = length;
        FeedName = feedName;
    }

    public string Id => _id.Value;

    public NuGetVersion Version { get; }

    public string? FilePath { get; }

    public string Sha512 { get; }

    public long Length { get; }

    public string FeedName { get; }

    public PackageBytes? Content { get; init; }
}
