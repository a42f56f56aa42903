using DepResolve.Engine.Model;
using DepResolve.Engine.Packaging;
using NuGet.Versioning;

namespace DepResolve.Engine.Installation;

/// <summary>
/// Finds modules already installed in PSModulePath folders, laid out as PowerShell installs them:
/// &lt;entry&gt;/&lt;Name&gt;/&lt;Version&gt;/&lt;Name&gt;.psd1, or &lt;entry&gt;/&lt;Name&gt;/&lt;Name&gt;.psd1 with the version in the manifest.
/// Entries are searched in order and the highest fitting version wins, as Import-Module picks it.
/// </summary>
internal sealed class InstalledModuleFinder
{
    private readonly IReadOnlyList<string> _entries;

    public InstalledModuleFinder(IEnumerable<string> modulePathEntries) =>
        _entries = modulePathEntries.Where(e => !string.IsNullOrWhiteSpace(e)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The PSModulePath of this process, split on the platform's separator.</summary>
    public static IReadOnlyList<string> ProcessModulePath() =>
        (Environment.GetEnvironmentVariable("PSModulePath") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The highest installed version of module <paramref name="requirement"/> its range allows, or null.</summary>
    public InstalledModule? Find(PackageRequirement requirement)
    {
        InstalledModule? best = null;
        NuGetVersion? bestVersion = null;
        foreach (var (version, found) in Candidates(requirement.Id))
        {
            if (requirement.Range.Satisfies(version) && (bestVersion is null || version > bestVersion))
            {
                (best, bestVersion) = (found, version);
                best.Requirement = requirement.ToString();
            }
        }

        return best;
    }

    private IEnumerable<(NuGetVersion Version, InstalledModule Module)> Candidates(string name)
    {
        foreach (var entry in _entries)
        {
            var moduleFolder = ChildFolder(entry, name);
            if (moduleFolder is null)
            {
                continue;
            }

            var folders = SafeEnumerate(moduleFolder).Where(f => NuGetVersion.TryParse(Path.GetFileName(f), out _)).Append(moduleFolder);
            foreach (var folder in folders)
            {
                var manifest = Path.Combine(folder, Path.GetFileName(moduleFolder) + ".psd1");
                if (ReadVersion(manifest) is { } version)
                {
                    yield return (version, new InstalledModule { Name = Path.GetFileName(moduleFolder), Version = version.ToNormalizedString(), Path = folder, ModulePathEntry = entry });
                }
            }
        }
    }

    /// <summary>The folder named <paramref name="name"/> (in any case, as PowerShell matches module names) under <paramref name="parent"/>.</summary>
    private static string? ChildFolder(string parent, string name)
    {
        var exact = Path.Combine(parent, name);
        return Directory.Exists(exact)
            ? exact
            : SafeEnumerate(parent).FirstOrDefault(f => string.Equals(Path.GetFileName(f), name, StringComparison.OrdinalIgnoreCase));
    }

    private static NuGetVersion? ReadVersion(string manifest)
    {
        try
        {
            var text = File.Exists(manifest) ? File.ReadAllText(manifest) : null;
            var value = text is null ? null : ModuleManifestReader.ReadTopLevelValue(text, "ModuleVersion");
            return value is not null && NuGetVersion.TryParse(value, out var version) ? version : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static IEnumerable<string> SafeEnumerate(string folder)
    {
        try
        {
            return Directory.Exists(folder) ? Directory.EnumerateDirectories(folder).ToList() : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
