using System.Security.Cryptography;
using DepResolve.Engine.Storage;

namespace DepResolve.Engine.Tests.Storage;

/// <summary>The managed SHA-256 gives the framework's digest for every length around the block and padding boundaries, however the input is split.</summary>
public sealed class ManagedSha256Tests
{
    [Fact]
    public void EveryLengthUpToFourBlocksHashesAsTheFramework()
    {
        var data = RandomBytes(256, seed: 1);
        for (var length = 0; length <= data.Length; length++)
        {
            var hash = new ManagedSha256();
            hash.Append(data.AsSpan(0, length));

            Assert.Equal(SHA256.HashData(data.AsSpan(0, length)), hash.Finish());
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(4096)]
    public void PiecesOfAnySizeHashLikeTheWhole(int pieceSize)
    {
        var data = RandomBytes(300_001, seed: pieceSize);
        var hash = new ManagedSha256();
        for (var offset = 0; offset < data.Length; offset += pieceSize)
        {
            hash.Append(data.AsSpan(offset, Math.Min(pieceSize, data.Length - offset)));
        }

        Assert.Equal(SHA256.HashData(data), hash.Finish());
    }

    [Fact]
    public void UnevenPiecesHashLikeTheWhole()
    {
        var data = RandomBytes(20_000, seed: 7);
        var sizes = new Random(8);
        var hash = new ManagedSha256();
        for (var offset = 0; offset < data.Length;)
        {
            var size = Math.Min(sizes.Next(0, 200), data.Length - offset);
            hash.Append(data.AsSpan(offset, size));
            offset += size;
        }

        Assert.Equal(SHA256.HashData(data), hash.Finish());
    }

    [Fact]
    public void KnownDigestOfAbc()
    {
        var hash = new ManagedSha256();
        hash.Append("abc"u8);

        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Convert.ToHexString(hash.Finish()).ToLowerInvariant());
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
