using DepResolve.Engine.Storage;

namespace DepResolve.Engine.Tests.Storage;

/// <summary>The cache keys and environment ids keep their spelling: lower-case hex as the framework's encoder, lower-cased, writes it.</summary>
public sealed class LowerHexTests
{
    [Fact]
    public void SpellsBytesAsTheFrameworkLowerCased()
    {
        var random = new Random(15);
        for (var length = 0; length <= 200; length++)
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);

            Assert.Equal(Convert.ToHexString(bytes).ToLowerInvariant(), LowerHex.Of(bytes));
        }

        var every = Enumerable.Range(0, 256).Select(b => (byte)b).ToArray();
        Assert.Equal(Convert.ToHexString(every).ToLowerInvariant(), LowerHex.Of(every));
    }
}
