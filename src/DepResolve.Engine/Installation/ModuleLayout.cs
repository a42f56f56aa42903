using DepResolve.Engine.Model;

namespace DepResolve.Engine.Installation;

/// <summary>Where a PowerShell module package puts its manifest, and the name and version PowerShell will see.</summary>
internal static class ModuleLayout
{
    /// <summary>
    /// The root-level .psd1 named after the package (else the only root-level one) in an extracted package;
    /// null when the package has none, i.e. it is not a PowerShell module.
    /// </summary>
    public static string? FindManifest(string extractedFolder, string packageId)
    {
        var manifests = Directory.EnumerateFiles(extractedFolder, "*.psd1", SearchOption.TopDirectoryOnly).ToList();
        return manifests.FirstOrDefault(m => string.Equals(Path.GetFileNameWithoutExtension(m), packageId, StringComparison.OrdinalIgnoreCase))
            ?? (manifests.Count == 1 ? manifests[0] : null);
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
