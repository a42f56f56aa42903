using DepResolve.Engine.Model;
using NuGet.Configuration;

namespace DepResolve.Engine.Configuration;

/// <summary>
/// The NuGet library feeds <c>dotnet restore</c> would use from <paramref name="root"/>: every NuGet.Config from
/// that folder upward, the user's and the machine's, read with NuGet.Configuration, credentials included.
/// </summary>
public static class NuGetConfigSources
{
    /// <summary>Enabled sources in configuration order; priorities 100, 101, … so module feeds come first.</summary>
    public static IReadOnlyList<RepositorySettings> Load(string root, Action<string>? log = null)
    {
        ISettings settings;
        try
        {
            settings = Settings.LoadDefaultSettings(root);
        }
        catch (NuGetConfigurationException e)
        {
            throw new DepResolveException(ErrorCode.InvalidInput, $"A NuGet.Config file that applies to {root} is invalid: {e.Message}", root, e);
        }

        var result = new List<RepositorySettings>();
        var index = 0;
        foreach (var source in new PackageSourceProvider(settings).LoadPackageSources())
        {
            if (!source.IsEnabled)
            {
                continue;
            }

            string? user = null;
            string? password = null;
            try
            {
                user = source.Credentials?.Username;
                password = source.Credentials?.Password;
            }
            catch (Exception e) when (e is NotSupportedException or System.Security.Cryptography.CryptographicException or PlatformNotSupportedException)
            {
                log?.Invoke($"NuGet source '{source.Name}': its stored password cannot be decrypted on this machine ({e.GetType().Name}); continuing without it.");
            }

            result.Add(new RepositorySettings
            {
                Name = source.Name,
                Source = source.Source,
                Kind = source.IsLocal ? RepositoryKind.LocalFolder : source.ProtocolVersion >= 3 || source.Source.EndsWith("index.json", StringComparison.OrdinalIgnoreCase) ? RepositoryKind.NuGetV3 : RepositoryKind.NuGetV2,
                Priority = 100 + index++,
                UserName = user,
                Password = password,
            });
        }

        return result;
    }
}
