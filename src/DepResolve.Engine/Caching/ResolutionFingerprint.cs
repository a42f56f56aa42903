using DepResolve.Engine.Storage;

namespace DepResolve.Engine.Caching;

/// <summary>
/// The key of the resolution cache: a SHA-256 over everything that can change a resolution, as named parts — the
/// requirements, the policy, the feeds, the source mapping and the lock section's text among them (see
/// ResolutionPipeline). Parts are named and length-prefixed, so moving text between parts changes the key.
/// </summary>
internal sealed class ResolutionFingerprint
{
    private readonly List<(string Name, string Value)> _parts = new();

    public ResolutionFingerprint AddPolicy(string policy) => Add("policy", policy);

    /// <summary>Feeds as "name=source" (never credentials), in configured order.</summary>
    public ResolutionFingerprint AddFeeds(IEnumerable<string> feeds) => Add("feeds", string.Join("\n", feeds));

    public ResolutionFingerprint Add(string name, string value)
    {
        _parts.Add((name, value));
        return this;
    }

    /// <summary>Lower-case hex SHA-256.</summary>
    public string Compute()
    {
        var hash = new Utf8Sha256();
        foreach (var (name, value) in _parts)
        {
            hash.Append(name).Append(":").Append(value.Length).Append(":").Append(value).Append("\n");
        }

        return LowerHex.Of(hash.Finish());
    }
}
