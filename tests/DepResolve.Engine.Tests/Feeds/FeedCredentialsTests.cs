using System.Security.Cryptography;
using System.Text;
using DepResolve.Engine.Feeds.Http;

namespace DepResolve.Engine.Tests.Feeds;

/// <summary>A credential set's identity tells sets apart for sharing requests, and shows none of the secrets.</summary>
public sealed class FeedCredentialsTests
{
    [Fact]
    public void The_identity_tells_credential_sets_apart_without_showing_them()
    {
        var builder = new FeedCredentials("builder", "s3cret", null);

        Assert.Equal(builder.Identity, new FeedCredentials("builder", "s3cret", null).Identity);
        Assert.NotEqual(builder.Identity, new FeedCredentials("builder", "other", null).Identity);
        Assert.NotEqual(builder.Identity, new FeedCredentials(null, null, "builder\ns3cret").Identity);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("builder\ns3cret\n")), 0, 8), builder.Identity);
        Assert.DoesNotContain("s3cret", builder.Identity, StringComparison.Ordinal);
    }
}
