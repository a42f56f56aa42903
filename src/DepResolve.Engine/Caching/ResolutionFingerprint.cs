using System.Security.Cryptography;
using DepResolve.Engine.Storage;

namespace DepResolve.Engine.Caching;

/// <summary>
/// The key of the resolution cache: a SHA-256 over everything that can change a resolution — the script's
/// content, the content of every file it dot-sources, the configuration, the policy, the feeds and the lock
/// file's content. Parts are named and length-prefixed, so moving text between parts changes the key.
/// </summary>
internal sealed class ResolutionFingerprint
{
    private readonly List<(string Name, string Value)> _parts = new();

    /// <summary>The script's content (a missing file counts as "missing", so creating it changes the key).</summary>
    public ResolutionFingerprint AddScriptFile(string path) => AddFile("script", path);

    public ResolutionFingerprint AddScriptText(string text) => Add("script-text", text);

    /// <summary>Each dot-sourced file's content, in any order (they are sorted by path).</summary>
    public ResolutionFingerprint AddDotSourcedFiles(IEnumerable<string> paths)
    {
        foreach (var path in paths.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).OrderBy(p => p, StringComparer.Ordinal))
        {
            AddFile("dot-source", path);
        }

        return this;
    }

    /// <summary>The effective configuration, serialised (e.g. the merged depresolve.json text).</summary>
    public ResolutionFingerprint AddConfiguration(string configuration) => Add("config", configuration);

    public ResolutionFingerprint AddPolicy(string policy) => Add("policy", policy);

    /// <summary>Feeds as "name=source" (never credentials), in configured order.</summary>
    public ResolutionFingerprint AddFeeds(IEnumerable<string> feeds) => Add("feeds", string.Join("\n", feeds));

    /// <summary>The lock file's content; null when there is none.</summary>
    public ResolutionFingerprint AddLockFile(string? path) => path is null ? Add("lock", "none") : AddFile("lock", path);

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

    private ResolutionFingerprint AddFile(string name, string path)
    {
        var full = Path.GetFullPath(path);
        var content = File.Exists(full)
            ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(full)))
            : "missing";
        return Add(name, full + "|" + content);
    }
}
