using System.Security.Cryptography;
using DepResolve.Engine.Packaging;

namespace DepResolve.Testing;

internal sealed partial class PackageBuilder
{
    /// <summary>
    /// Copies every *.nupkg of a flat folder into NuGet's hierarchical layout under <paramref name="root"/>
    /// ({id}/{version}/{id}.{version}.nupkg in lowercase, with .nupkg.sha512 and {id}.nuspec beside it),
    /// placing each package by the nuspec inside it. Returns the paths written.
    /// </summary>
    public static IReadOnlyList<string> CopyAsHierarchical(string flatFolder, string root)
    {
        var written = new List<string>();
        foreach (var source in Directory.EnumerateFiles(flatFolder, "*.nupkg"))
        {
            using var archive = PackageArchive.Open(source);
            var id = archive.Metadata.Id.ToLowerInvariant();
            var version = archive.Metadata.Version.ToNormalizedString().ToLowerInvariant();
            var folder = Directory.CreateDirectory(Path.Combine(root, id, version)).FullName;
            var target = Path.Combine(folder, $"{id}.{version}.nupkg");
            File.Copy(source, target, overwrite: true);
            File.WriteAllText(target + ".sha512", Convert.ToBase64String(SHA512.HashData(File.ReadAllBytes(target))));
            using (var nuspec = archive.OpenNuspec())
            using (var copy = File.Create(Path.Combine(folder, id + ".nuspec")))
            {
                nuspec.CopyTo(copy);
            }

            written.Add(target);
        }

        return written;
    }
}
