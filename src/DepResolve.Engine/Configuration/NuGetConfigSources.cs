using DepResolve.Engine.Model;
using NuGet.Configuration;

namespace DepResolve.Engine.Configuration;

/// <summary>
/// The NuGet library feeds <c>dotnet restore</c> would use from a folder: the NuGet.Config of that folder and of
/// each parent (nearest first), then the user's (<c>%APPDATA%\NuGet\NuGet.Config</c> on Windows,
/// <c>~/.nuget/NuGet/NuGet.Config</c> elsewhere), read with NuGet.Configuration, so <c>&lt;clear /&gt;</c>,
/// disabled sources, <c>%VARIABLE%</c> expansion, credentials and packageSourceMapping mean what they mean to NuGet.
/// Unlike NuGet, nothing is created when no file exists: then there are no library feeds.
/// </summary>
internal static class NuGetConfigSources
{
    /// <summary>The names NuGet looks for in each folder, in its order (the first that exists is used).</summary>
    public static IReadOnlyList<string> FileNames { get; } = ["nuget.config", "NuGet.config", "NuGet.Config"];

    /// <summary>
    /// Enabled sources in configuration order, priorities 100, 101, … (module feeds come first), and the mapping.
    /// A NuGet.Config that cannot be read is InvalidInput naming it.
    /// </summary>
    /// <param name="userFolder">The user's NuGet settings folder; null: the platform's (see <see cref="DefaultUserFolder"/>).</param>
    /// <param name="warn">Told about a stored password this machine cannot decrypt (the source is used without it).</param>
    public static NuGetConfiguration Load(string folder, string? userFolder = null, Action<string>? warn = null)
    {
        var files = FindFiles(folder, userFolder ?? DefaultUserFolder());
        if (files.Count == 0)
        {
            return NuGetConfiguration.None;
        }

        ISettings settings;
        IReadOnlyList<PackageSource> sources;
        IReadOnlyList<PackageSourceMappingSourceItem> mappings;
        try
        {
            settings = Settings.LoadSettingsGivenConfigPaths(files.ToList());
            sources = new PackageSourceProvider(settings).LoadPackageSources().ToList();
            mappings = new PackageSourceMappingProvider(settings).GetPackageSourceMappingItems().ToList();
        }
        catch (Exception e) when (e is NuGetConfigurationException or InvalidOperationException or IOException or UnauthorizedAccessException or System.Xml.XmlException)
        {
            throw new DepResolveException(ErrorCode.InvalidInput, $"A NuGet.Config file that applies to {folder} cannot be read ({string.Join(", ", files)}): {e.Message}", files[0], e);
        }

        var result = new List<RepositorySettings>();
        foreach (var source in sources.Where(s => s.IsEnabled))
        {
            string? user = null;
            string? password = null;
            try
            {
                user = source.Credentials?.Username;
                password = source.Credentials?.Password;
            }
            catch (Exception e) when (e is NuGetConfigurationException or NotSupportedException or System.Security.Cryptography.CryptographicException or PlatformNotSupportedException)
            {
                warn?.Invoke($"NuGet.Config source '{source.Name}': its encrypted password cannot be decrypted on this machine (NuGet encrypts passwords on Windows only); the source is asked without it. Use ClearTextPassword with a %VARIABLE% instead.");
            }

            result.Add(new RepositorySettings
            {
                Name = source.Name,
                Source = source.Source,
                Kind = source.IsLocal ? RepositoryKind.LocalFolder : source.ProtocolVersion >= 3 || source.Source.EndsWith("index.json", StringComparison.OrdinalIgnoreCase) ? RepositoryKind.NuGetV3 : RepositoryKind.NuGetV2,
                Priority = 100 + result.Count,
                UserName = user,
                Password = password,
            });
        }

        var mapping = new PackageSourceMapping(mappings.ToDictionary(
            m => m.Key,
            m => (IReadOnlyList<string>)m.Patterns.Select(p => p.Pattern.Trim()).ToList(),
            StringComparer.OrdinalIgnoreCase));
        return new NuGetConfiguration(result, mapping, files);
    }

    /// <summary>Existing NuGet.Config files, nearest first: <paramref name="folder"/>, its parents, then the user's.</summary>
    public static IReadOnlyList<string> FindFiles(string folder, string? userFolder)
    {
        var found = new List<string>();
        for (var current = new DirectoryInfo(Path.GetFullPath(folder)); current is not null; current = current.Parent)
        {
            if (FirstExisting(current.FullName) is { } file)
            {
                found.Add(file);
            }
        }

        if (!string.IsNullOrEmpty(userFolder) && FirstExisting(Path.GetFullPath(userFolder)) is { } user && !found.Contains(user, PlatformPaths.Comparer))
        {
            found.Add(user);
        }

        return found;
    }

    /// <summary>%APPDATA%\NuGet on Windows, ~/.nuget/NuGet elsewhere (where NuGet keeps the user's NuGet.Config).</summary>
    public static string? DefaultUserFolder(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (OperatingSystem.IsWindows())
        {
            var appData = environment("APPDATA") ?? Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData);
            return string.IsNullOrEmpty(appData) ? null : Path.Combine(appData, "NuGet");
        }

        var home = environment("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".nuget", "NuGet");
    }

    private static string? FirstExisting(string folder) =>
        FileNames.Select(name => Path.Combine(folder, name)).FirstOrDefault(File.Exists);
}
