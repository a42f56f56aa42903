using DepResolve.Engine.Configuration;
using DepResolve.Engine.Feeds.Http;
using DepResolve.Engine.Feeds.NuGetV2;
using DepResolve.Engine.Feeds.NuGetV3;
using DepResolve.Engine.Model;

namespace DepResolve.Engine.Feeds;

/// <summary>
/// Builds the <see cref="IPackageFeed"/> for a configured repository: a folder is a local feed, a URL whose
/// path ends in index.json is NuGet v3, any other http(s) URL is NuGet v2 OData; an explicit
/// <see cref="RepositorySettings.Kind"/> wins. Every remote feed from one factory shares one <see cref="FeedHttpClient"/>
/// (one concurrency bound, one set of in-flight requests).
/// </summary>
internal sealed class FeedFactory
{
    private readonly Action<string>? _log;

    public FeedFactory(DepResolveOptions options, Action<string>? log = null)
        : this(new FeedHttpClient(FeedHttpSettings.FromOptions(options, log)), log)
    {
    }

    public FeedFactory(FeedHttpClient http, Action<string>? log = null)
    {
        Http = http ?? throw new ArgumentNullException(nameof(http));
        _log = log;
    }

    public FeedHttpClient Http { get; }

    public IPackageFeed Create(RepositorySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var kind = settings.Kind == RepositoryKind.Auto ? DetectKind(settings.Source) : settings.Kind;
        return kind switch
        {
            RepositoryKind.LocalFolder => new LocalFolderFeed(LocalPath(settings.Source), settings.Name, _log),
            RepositoryKind.NuGetV3 => new NuGetV3Feed(settings, Http),
            _ => new NuGetV2Feed(settings, Http),
        };
    }

    /// <summary>Feeds in priority order (lower first; ties keep the given order).</summary>
    public IReadOnlyList<IPackageFeed> CreateAll(IEnumerable<RepositorySettings> repositories) =>
        repositories.Select((r, index) => (r, index)).OrderBy(x => x.r.Priority).ThenBy(x => x.index).Select(x => Create(x.r)).ToArray();

    /// <summary>LocalFolder for paths and file: URLs, NuGetV3 for http(s) URLs ending in index.json, NuGetV2 for other http(s) URLs.</summary>
    public static RepositoryKind DetectKind(string source)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            throw new DepResolveException(ErrorCode.InvalidInput, "A repository has an empty source: give a folder or an http(s) URL.");
        }

        if (Uri.TryCreate(source, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
        {
            return url.AbsolutePath.EndsWith("index.json", StringComparison.OrdinalIgnoreCase) ? RepositoryKind.NuGetV3 : RepositoryKind.NuGetV2;
        }

        if (url is not null && url.IsAbsoluteUri && !url.IsFile && !IsDrivePath(source))
        {
            throw new DepResolveException(ErrorCode.InvalidInput, $"Repository source '{SafeUrl.Redact(source)}' uses the unsupported scheme '{url.Scheme}': give a folder or an http(s) URL.", SafeUrl.Redact(source));
        }

        return RepositoryKind.LocalFolder;
    }

    private static bool IsDrivePath(string source) => source.Length >= 2 && char.IsLetter(source[0]) && source[1] == ':';

    private static string LocalPath(string source) =>
        Uri.TryCreate(source, UriKind.Absolute, out var url) && url.IsFile ? url.LocalPath : source;
}
