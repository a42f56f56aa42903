using DepResolve.Engine.Model;
using DepResolve.Engine.Storage;

namespace DepResolve.Engine.Caching;

/// <summary>
/// resolutions/&lt;fingerprint&gt;.json: successful <see cref="ResolutionResult"/>s keyed by
/// <see cref="ResolutionFingerprint"/>, so an unchanged script with unchanged inputs skips the resolver.
/// </summary>
internal sealed class ResolutionCache
{
    private readonly CacheLayout _layout;
    private readonly Func<DateTime> _utcNow;

    public ResolutionCache(CacheLayout layout)
        : this(layout, () => DateTime.UtcNow)
    {
    }

    internal ResolutionCache(CacheLayout layout, Func<DateTime> utcNow)
    {
        _layout = layout;
        _utcNow = utcNow;
    }

    /// <summary>The cached result (with CacheHit set), or null when absent, unreadable or older than <paramref name="maxAge"/>.</summary>
    public ResolutionResult? TryGet(string fingerprint, TimeSpan? maxAge = null)
    {
        var file = FileOf(fingerprint);
        var entry = ResolutionCacheFile.TryRead(file);
        if (entry?.Result is null || (maxAge is { } age && _utcNow() - entry.StoredUtc > age))
        {
            return null;
        }

        // Its age for the TTL above is the time it was stored; the file's time is its last use, kept by garbage collection.
        AtomicFile.TryMarkUsed(file, _utcNow());
        entry.Result.CacheHit = true;
        return entry.Result;
    }

    /// <summary>Stores a successful result; failed results are never cached.</summary>
    public void Put(string fingerprint, ResolutionResult result)
    {
        if (!result.Success)
        {
            return;
        }

        ResolutionCacheFile.Write(FileOf(fingerprint), new ResolutionCacheFile.Entry { StoredUtc = _utcNow(), Result = result });
    }

    public void Remove(string fingerprint) => AtomicFile.TryDelete(FileOf(fingerprint));

    private string FileOf(string fingerprint) => Path.Combine(_layout.ResolutionsFolder, CacheLayout.SafeName(fingerprint) + ".json");
}
