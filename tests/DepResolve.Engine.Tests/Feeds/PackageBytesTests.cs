using System.Security.Cryptography;
using DepResolve.Engine.Feeds;

namespace DepResolve.Engine.Tests.Feeds;

public sealed class PackageBytesTests
{
    private static readonly byte[] Package = Enumerable.Range(0, 200_000).Select(i => (byte)(i * 7)).ToArray();

    [Fact]
    public async Task KeepsEveryByteAndHashesThem()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);

        using var bytes = await PackageBytes.ReadAsync(new MemoryStream(Package), Package.Length, hash, CancellationToken.None);

        Assert.Equal(Package.Length, bytes.Length);
        Assert.Equal(Package, bytes.Memory.ToArray());
        using var reader = bytes.OpenRead();
        Assert.Equal(Package.Length, reader.Length);
        Assert.Equal(SHA512.HashData(Package), hash.GetHashAndReset());
    }

    [Fact]
    public async Task RefusesAStreamLongerThanDeclared()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);

        await Assert.ThrowsAsync<IOException>(() => PackageBytes.ReadAsync(new MemoryStream(Package), Package.Length - 1, hash, CancellationToken.None));
    }

    [Fact]
    public async Task CannotBeReadOnceDisposed()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        var bytes = await PackageBytes.ReadAsync(new MemoryStream(Package), Package.Length, hash, CancellationToken.None);

        bytes.Dispose();

        Assert.Throws<ObjectDisposedException>(() => bytes.OpenRead());
    }
}
