using System.Security.Cryptography;
using System.Text;
using DepResolve.Engine.Storage;

namespace DepResolve.Engine.Tests.Storage;

/// <summary>Hashing text piece by piece gives the hash of the joined text's UTF-8 bytes, which the cache keys and environment ids were made of.</summary>
public sealed class Utf8Sha256Tests
{
    public static TheoryData<string[]> Pieces => new()
    {
        new[] { "" },
        new[] { "lock", ":", "12", ":", "{\"a\": \"b\"}", "\n" },
        new[] { new string('x', 10_000), "ü€", new string('y', 5_000) },
        new[] { "a\uD83D", "\uDE00b" },
        new[] { "lone \uD83D", ":", "and \uDE00 too" },
        new[] { string.Concat(Enumerable.Repeat("synth.p0001/1.1.0/ÄÖÜ😀\n", 2_000)) },
        Enumerable.Range(0, 3_000).Select(i => i % 7 == 0 ? "\uD83D" : i % 7 == 1 ? "\uDE00" : new string((char)('a' + i % 26), i % 300)).ToArray(),
        new[] { new string('p', 2_047), "\uD83D", "\uDE00", new string('q', 2_049), "ü" },
    };

    [Theory]
    [MemberData(nameof(Pieces))]
    public void PiecesHashLikeTheJoinedText(string[] pieces)
    {
        var hash = new Utf8Sha256();
        foreach (var piece in pieces)
        {
            hash.Append(piece);
        }

        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(pieces))), hash.Finish());
    }

    [Fact]
    public void NumbersAreAppendedAsInvariantDigits()
    {
        var hash = new Utf8Sha256();

        hash.Append("n=").Append(-1234567890123L);

        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes("n=-1234567890123")), hash.Finish());
    }
}
