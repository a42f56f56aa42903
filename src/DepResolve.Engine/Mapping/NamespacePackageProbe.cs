using System.Collections.Concurrent;
using DepResolve.Engine.Feeds;
using DepResolve.Engine.Model;

namespace DepResolve.Engine.Mapping;

/// <summary>
/// Finds the package for a namespace nobody curated by asking the feeds for its longest prefix that is a package id
/// (Contoso.Data.Sql.Client -> Contoso.Data.Sql, Contoso.Data, Contoso): the usual .NET convention that a package's
/// id is its root namespace. A lone framework root (System, Microsoft) is never probed. Each id is asked once per
/// instance; concurrent callers share the request.
/// </summary>
internal sealed class NamespacePackageProbe
{
    private static readonly HashSet<string> NeverProbed = new(StringComparer.OrdinalIgnoreCase) { "System", "Microsoft", "Windows" };

    private readonly ConcurrentDictionary<string, Lazy<Task<string?>>> feedHavingId = new(StringComparer.OrdinalIgnoreCase);
    private readonly Action<string> log;

    public NamespacePackageProbe(Action<string> log)
    {
        this.log = log;
    }

    /// <summary>The package id and the feed that has it, or null.</summary>
    public async Task<(string Id, string Feed)?> FindAsync(string dottedName, IReadOnlyList<IPackageFeed> feeds, CancellationToken cancellationToken)
    {
        var segments = dottedName.Split('.');
        for (var count = segments.Length; count >= 1; count--)
        {
            var candidate = string.Join('.', segments.Take(count));
            if (count == 1 && NeverProbed.Contains(candidate))
            {
                break;
            }

            var key = string.Join("|", feeds.Select(f => f.Name)) + "\n" + candidate;
            var feed = await feedHavingId.GetOrAdd(key, _ => new Lazy<Task<string?>>(() => ProbeAsync(candidate, feeds, cancellationToken))).Value.ConfigureAwait(false);
            if (feed is not null)
            {
                return (candidate, feed);
            }
        }

        return null;
    }

    private async Task<string?> ProbeAsync(string id, IReadOnlyList<IPackageFeed> feeds, CancellationToken cancellationToken)
    {
        foreach (var feed in feeds)
        {
            try
            {
                if ((await feed.ListVersionsAsync(id, cancellationToken).ConfigureAwait(false)).Count > 0)
                {
                    return feed.Name;
                }
            }
            catch (DepResolveException e)
            {
                log($"Probing {feed.Name} for package {id} failed: {e.Message}");
            }
        }

        return null;
    }
}
