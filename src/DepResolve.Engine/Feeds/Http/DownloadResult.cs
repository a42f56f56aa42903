namespace DepResolve.Engine.Feeds.Http;

/// <summary>A package downloaded in full: its SHA-512 (base64) and length, and its bytes when it was kept in memory instead of written to a file.</summary>
internal sealed record DownloadResult(string Sha512, long Length)
{
    public PackageBytes? Content { get; init; }
}
