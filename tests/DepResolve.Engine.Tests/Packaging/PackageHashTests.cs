using System.Security.Cryptography;
using DepResolve.Engine.Packaging;
using DepResolve.Engine.Tests.Fixtures;

namespace DepResolve.Engine.Tests.Packaging;

public class PackageHashTests
{
    [Fact]
    public async Task FileStreamAndCopyHashesAgreeWithSha512Base64()
    {
        using var temp = new TempFolder();
        var bytes = new byte[200_000];
        new Random(7).NextBytes(bytes);
        var file = temp.Combine("x.bin");
        File.WriteAllBytes(file, bytes);
        var expected = Convert.ToBase64String(SHA512.HashData(bytes));

        Assert.Equal(expected, PackageHash.ComputeSha512OfFile(file));
        Assert.Equal(expected, await PackageHash.ComputeSha512OfFileAsync(file, CancellationToken.None));
        Assert.Equal(expected, PackageHash.ComputeSha512(new MemoryStream(bytes)));

        using var copy = new MemoryStream();
        var (hash, length) = await PackageHash.CopyAndComputeSha512Async(new MemoryStream(bytes), copy, CancellationToken.None);
        Assert.Equal(expected, hash);
        Assert.Equal(bytes.Length, length);
        Assert.Equal(bytes, copy.ToArray());
        Assert.NotEqual(expected, PackageHash.ComputeSha512(new MemoryStream(bytes, 1, bytes.Length - 1)));
    }
}
