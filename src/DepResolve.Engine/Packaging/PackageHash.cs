using System.Security.Cryptography;

namespace DepResolve.Engine.Packaging;

/// <summary>SHA-512 as NuGet publishes it: base64 of the digest of the .nupkg bytes.</summary>
internal static class PackageHash
{
    private const int BufferSize = 81920;

    public static string ComputeSha512(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Convert.ToBase64String(SHA512.HashData(stream));
    }

    public static string ComputeSha512OfFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        return ComputeSha512(stream);
    }

    public static async Task<string> ComputeSha512OfFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return Convert.ToBase64String(await SHA512.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Copies <paramref name="source"/> to <paramref name="destination"/>, hashing the bytes as they pass.</summary>
    public static async Task<(string Sha512, long Length)> CopyAndComputeSha512Async(Stream source, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        var buffer = new byte[BufferSize];
        long length = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            length += read;
        }

        return (Convert.ToBase64String(hash.GetHashAndReset()), length);
    }

    /// <summary>Compares two base64 SHA-512 strings (NuGet's are case-sensitive base64; whitespace is ignored).</summary>
    public static bool AreEqual(string? left, string? right) =>
        left is not null && right is not null && string.Equals(left.Trim(), right.Trim(), StringComparison.Ordinal);
}
