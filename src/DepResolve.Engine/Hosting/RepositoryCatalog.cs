using DepResolve.Engine.Configuration;
using DepResolve.Engine.Feeds;
using DepResolve.Engine.Model;

namespace DepResolve.Engine.Hosting;

/// <summary>
/// Which repositories a session uses: the configured ones (depresolve.json from the folder upward, then the user
/// config, then the user's PSResourceGet registrations, the PowerShell Gallery by default), and how a -Repository
/// value (a registered name, a feed URL or a folder) picks among them or adds to them.
/// </summary>
internal static class RepositoryCatalog
{
    /// <summary>The configured module repositories for scripts in <paramref name="workingDirectory"/>.</summary>
    public static IReadOnlyList<RepositorySettings> Configured(string workingDirectory, Action<string>? log = null) =>
        Configured(DepResolveConfigLoader.Load(workingDirectory, log: log).Options, log);

    /// <summary>The module repositories of already loaded <paramref name="options"/>, then PSResourceGet's, then the Gallery.</summary>
    internal static IReadOnlyList<RepositorySettings> Configured(DepResolveOptions options, Action<string>? log, string? localApplicationData = null)
    {
        var storeFile = PSResourceGetRepositories.FindStoreFile(localApplicationData);
        var registered = storeFile is null ? null : PSResourceGetRepositories.Read(storeFile, log);
        return RepositorySources.ModuleRepositories(options.Repositories, registered);
    }

    /// <summary>Repository names for tab completion.</summary>
    public static IReadOnlyList<string> Names(string workingDirectory) =>
        Configured(workingDirectory).Select(r => r.Name).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>
    /// The repositories for <paramref name="requested"/> -Repository values; the configured ones when empty.
    /// An unknown name is InvalidInput listing the known ones.
    /// </summary>
    public static IReadOnlyList<RepositorySettings> Select(IReadOnlyList<string> requested, string workingDirectory, Action<string>? log = null) =>
        Select(requested, workingDirectory, () => Configured(workingDirectory, log));

    /// <summary>As above, with the configured repositories supplied (and loaded only when needed) by the caller.</summary>
    internal static IReadOnlyList<RepositorySettings> Select(IReadOnlyList<string> requested, string workingDirectory, Func<IReadOnlyList<RepositorySettings>> configuredRepositories)
    {
        if (requested.Count == 0)
        {
            return configuredRepositories();
        }

        IReadOnlyList<RepositorySettings>? configured = null;
        var selected = new List<RepositorySettings>();
        foreach (var value in requested)
        {
            if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                selected.Add(new RepositorySettings { Name = uri.Host, Source = value, Kind = FeedFactory.DetectKind(value) });
                continue;
            }

            var folder = Path.GetFullPath(value, workingDirectory);
            if (Directory.Exists(folder))
            {
                var name = Path.GetFileName(folder.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
                selected.Add(new RepositorySettings { Name = name, Source = folder, Kind = RepositoryKind.LocalFolder });
                continue;
            }

            configured ??= configuredRepositories();
            var match = configured.FirstOrDefault(r => string.Equals(r.Name, value, StringComparison.OrdinalIgnoreCase))
                ?? throw new DepResolveException(
                    ErrorCode.InvalidInput,
                    $"'{value}' is neither a folder, a feed URL nor a registered repository. Registered: {string.Join(", ", configured.Select(r => r.Name))}.",
                    value);
            selected.Add(match);
        }

        return selected;
    }
}
