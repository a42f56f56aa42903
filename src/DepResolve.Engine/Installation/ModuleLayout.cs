using DepResolve.Engine.Model;
using DepResolve.Engine.Packaging;

namespace DepResolve.Engine.Installation;

/// <summary>Where a PowerShell module package puts its manifest, and the name and version PowerShell will see.</summary>
internal static class ModuleLayout
{
    /// <summary>
    /// The module manifest of an extracted package: at the root, the .psd1 named after the package, else the only
    /// one there; else the same in tools/ (the Chocolatey layout, as Pester is packed on NuGet); else the manifest
    /// named after the package in the one folder anywhere that holds it. Null when the package holds no module.
    /// </summary>
    public static string? FindManifest(string extractedFolder, string packageId)
    {
        return InFolder(extractedFolder)
            ?? (Directory.Exists(Path.Combine(extractedFolder, "tools")) ? InFolder(Path.Combine(extractedFolder, "tools")) : null)
            ?? SingleNamedAnywhere();

        string? InFolder(string folder)
        {
            var manifests = Directory.EnumerateFiles(folder, "*.psd1", SearchOption.TopDirectoryOnly).ToList();
            return manifests.FirstOrDefault(m => string.Equals(Path.GetFileNameWithoutExtension(m), packageId, StringComparison.OrdinalIgnoreCase))
                ?? (manifests.Count == 1 ? manifests[0] : null);
        }

        string? SingleNamedAnywhere()
        {
            var named = Directory.EnumerateFiles(extractedFolder, packageId + ".psd1", new EnumerationOptions { RecurseSubdirectories = true, MatchCasing = MatchCasing.CaseInsensitive })
                .Where(IsModuleManifest)
                .Take(2)
                .ToList();
            return named.Count == 1 ? named[0] : null;
        }
    }

    /// <summary>A .psd1 is a module manifest when it names a ModuleVersion (data files such as en-US/*.psd1 do not).</summary>
    private static bool IsModuleManifest(string path)
    {
        try
        {
            return ModuleManifestReader.ReadTopLevelValue(File.ReadAllText(path), "ModuleVersion") is not null;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>The manifest's ModuleVersion as PowerShell will compare it (a System.Version); InvalidPackage otherwise.</summary>
    public static string ReadModuleVersion(string manifestPath, string packageLabel)
    {
        var text = File.ReadAllText(manifestPath);
        var value = ModuleManifestReader.ReadTopLevelValue(text, "ModuleVersion");
        if (value is null || !Version.TryParse(value, out var version))
        {
            throw new DepResolveException(
                ErrorCode.InvalidPackage,
                value is null
                    ? $"The module manifest '{Path.GetFileName(manifestPath)}' of {packageLabel} has no ModuleVersion entry."
                    : $"The module manifest '{Path.GetFileName(manifestPath)}' of {packageLabel} has ModuleVersion '{value}', which is not a version.",
                packageLabel);
        }

        return version.ToString();
    }
}
