using System.Collections.Concurrent;
using DepResolve.Engine.Feeds;
using DepResolve.Engine.Model;
using DepResolve.Engine.Packaging;

namespace DepResolve.Engine.Mapping;

/// <summary>
/// Asks the feeds which modules carry the gallery tag <c>PSCommand_&lt;Name&gt;</c> and keeps only the hits whose newest
/// listed version really exports the command (a PSCommand_, PSCmdlet_ or PSFunction_ tag with exactly that name):
/// a v2 tag query matches substrings, and a search index may be stale. Answers are cached for the life of the
/// instance (one mapper), keyed by the feeds asked and the command, and concurrent callers share one request.
/// </summary>
internal sealed class CommandTagSearch
{
    private static readonly string[] ExportTagPrefixes = ["PSCommand_", "PSCmdlet_", "PSFunction_"];

    private readonly ConcurrentDictionary<string, Lazy<Task<TagSearchOutcome>>> cache = new(StringComparer.OrdinalIgnoreCase);
    private readonly Action<string> log;

    public CommandTagSearch(Action<string> log)
    {
        this.log = log;
    }

    public Task<TagSearchOutcome> FindAsync(string command, IReadOnlyList<IPackageFeed> feeds, bool includePrerelease, CancellationToken cancellationToken)
    {
        var searchable = feeds.Where(f => f.SupportsTagSearch).ToList();
        var key = string.Join("|", searchable.Select(f => f.Name)) + "\n" + command;
        var entry = cache.GetOrAdd(key, _ => new Lazy<Task<TagSearchOutcome>>(() => SearchAsync(command, searchable, includePrerelease, cancellationToken)));
        return ForgetIfFailedAsync(key, entry);
    }

    /// <summary>A cancelled or failed search is not remembered: the next caller asks again.</summary>
    private async Task<TagSearchOutcome> ForgetIfFailedAsync(string key, Lazy<Task<TagSearchOutcome>> entry)
    {
        try
        {
            return await entry.Value.ConfigureAwait(false);
        }
        catch
        {
            cache.TryRemove(new KeyValuePair<string, Lazy<Task<TagSearchOutcome>>>(key, entry));
            throw;
        }
    }

    private async Task<TagSearchOutcome> SearchAsync(string command, IReadOnlyList<IPackageFeed> feeds, bool includePrerelease, CancellationToken cancellationToken)
    {
        var confirmed = new List<(string Id, string Feed)>();
        var rejected = new List<string>();
        var failures = new List<string>();
        foreach (var feed in feeds)
        {
            IReadOnlyList<PackageMetadata> hits;
            try
            {
                hits = await feed.SearchByTagAsync("PSCommand_" + command, includePrerelease, cancellationToken).ConfigureAwait(false);
            }
            catch (DepResolveException e)
            {
                failures.Add($"{feed.Name}: {e.Message}");
                log($"Tag search for PSCommand_{command} on {feed.Name} failed: {e.Message}");
                continue;
            }

            foreach (var group in hits.GroupBy(h => h.Id, StringComparer.OrdinalIgnoreCase))
            {
                if (confirmed.Any(c => string.Equals(c.Id, group.Key, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                if (await ExportsAsync(feed, group.Key, group.ToList(), command, cancellationToken).ConfigureAwait(false))
                {
                    confirmed.Add((group.Key, feed.Name));
                }
                else
                {
                    rejected.Add(group.Key);
                    log($"{group.Key} on {feed.Name} was found by tag PSCommand_{command} but its newest version does not export {command}.");
                }
            }
        }

        return new TagSearchOutcome(confirmed, rejected, failures);
    }

    private static async Task<bool> ExportsAsync(IPackageFeed feed, string id, IReadOnlyList<PackageMetadata> hits, string command, CancellationToken cancellationToken)
    {
        var newest = Newest(hits);
        if (newest is null || newest.Tags.Count == 0)
        {
            try
            {
                newest = Newest(await feed.GetAllMetadataAsync(id, cancellationToken).ConfigureAwait(false));
            }
            catch (DepResolveException)
            {
                return false;
            }
        }

        return newest is not null && newest.Tags.Any(tag => ExportTagPrefixes.Any(prefix => string.Equals(tag, prefix + command, StringComparison.OrdinalIgnoreCase)));
    }

    private static PackageMetadata? Newest(IEnumerable<PackageMetadata> versions)
    {
        var all = versions.ToList();
        return all.Where(v => v.IsListed).MaxBy(v => v.Version) ?? all.MaxBy(v => v.Version);
    }
}

/// <summary>Confirmed modules in feed order (first = choice), plus the hits rejected and the feeds that failed.</summary>
internal sealed record TagSearchOutcome(IReadOnlyList<(string Id, string Feed)> Confirmed, IReadOnlyList<string> Rejected, IReadOnlyList<string> Failures);
