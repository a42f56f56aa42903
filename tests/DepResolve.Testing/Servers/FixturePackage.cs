using System.IO.Compression;
using DepResolve.Engine.Packaging;
using NuGet.Versioning;

namespace DepResolve.Testing.Servers;

/// <summary>A .nupkg a fixture server serves: its metadata, raw nuspec, bytes and hash.</summary>
internal sealed record FixturePackage(PackageMetadata Metadata, byte[] NuspecBytes, string FilePath, string Sha512, long Size)
{
    public string Id => Metadata.Id;

    public NuGetVersion Version => Metadata.Version;

    public string LowerId => Id.ToLowerInvariant();

    public string LowerVersion => Version.ToNormalizedString().ToLowerInvariant();

    /// <summary>Every .nupkg under <paramref name="folder"/> (flat or hierarchical).</summary>
    public static IReadOnlyList<FixturePackage> LoadFolder(string folder) =>
        Directory.EnumerateFiles(folder, "*.nupkg", SearchOption.AllDirectories)
            .Select(Load)
            .OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase)
            .ThenBy(p => p.Version)
            .ToArray();

    public static FixturePackage Load(string path)
    {
        byte[] nuspec;
        using (var zip = ZipFile.OpenRead(path))
        {
            var entry = zip.Entries.First(e => !e.FullName.Contains('/') && e.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase));
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            nuspec = copy.ToArray();
        }

        var metadata = NuspecReader.Read(new MemoryStream(nuspec), path);
        return new FixturePackage(metadata, nuspec, path, PackageHash.ComputeSha512OfFile(path), new FileInfo(path).Length);
    }
}
