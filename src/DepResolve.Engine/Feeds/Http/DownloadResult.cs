namespace DepResolve.Engine.Feeds.Http;

/// <summary>A file downloaded in full: its SHA-512 (base64) and length.</summary>
internal sealed record DownloadResult(string Sha512, long Length);
