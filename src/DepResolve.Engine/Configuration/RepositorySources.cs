namespace DepResolve.Engine.Configuration;

/// <summary>Where PowerShell module feeds come from, in order.</summary>
internal static class RepositorySources
{
    public const string PowerShellGalleryUrl = "https://www.powershellgallery.com/api/v2";

    /// <summary>The PowerShell Gallery, used when nothing else is configured.</summary>
    public static RepositorySettings PowerShellGallery { get; } = new()
    {
        Name = "PSGallery",
        Source = PowerShellGalleryUrl,
        Kind = RepositoryKind.NuGetV2,
        Priority = 50,
    };

    /// <summary>
    /// The repositories of depresolve.json and parameters (<paramref name="configured"/>) first, then the user's
    /// PSResourceGet registrations whose source is not already there; the PowerShell Gallery when both are empty.
    /// </summary>
    public static IReadOnlyList<RepositorySettings> ModuleRepositories(IReadOnlyList<RepositorySettings> configured, IReadOnlyList<RepositorySettings>? psResourceGet)
    {
        var result = configured.ToList();
        foreach (var registered in psResourceGet ?? Array.Empty<RepositorySettings>())
        {
            if (!result.Any(r => SameSource(r.Source, registered.Source) || r.Name.Equals(registered.Name, StringComparison.OrdinalIgnoreCase)))
            {
                result.Add(registered);
            }
        }

        if (result.Count == 0)
        {
            result.Add(PowerShellGallery);
        }

        return result;
    }

    private static bool SameSource(string left, string right) =>
        string.Equals(left.TrimEnd('/', '\\'), right.TrimEnd('/', '\\'), StringComparison.OrdinalIgnoreCase);
}
