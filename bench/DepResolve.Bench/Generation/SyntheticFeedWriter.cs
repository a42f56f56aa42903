using System.Globalization;
using DepResolve.Testing;

namespace DepResolve.Bench.Generation;

/// <summary>
/// Writes a <see cref="SyntheticGraph"/> as real .nupkg files (PackageBuilder): each package is a NuGet library with a
/// lib/net8.0 assembly (so dotnet restore accepts it) plus an incompressible random payload of the chosen size.
/// Feeds are deterministic, so a folder already written for the same parameters is reused.
/// </summary>
public static class SyntheticFeedWriter
{
    private const string CompleteMarker = "complete.txt";

    public static string EnsureWritten(SyntheticGraph graph, string feedsRoot, int seed, long minPayload, long maxPayload, Action<string> log)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"n{graph.Packages.Count}-d{graph.Depth}-{minPayload}-{maxPayload}-s{seed}-v1");
        var folder = Path.Combine(feedsRoot, name);
        if (File.Exists(Path.Combine(folder, CompleteMarker)))
        {
            log($"Reusing the generated feed {folder}");
            return folder;
        }

        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        log($"Generating {graph.Packages.Count} packages ({graph.TotalPayloadBytes / 1048576.0:0.0} MB of payload) into {folder}");
        Parallel.ForEach(graph.Packages, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, package =>
        {
            Build(package, SyntheticGraph.OldVersion, Array.Empty<byte>()).Build(folder);
            Build(package, SyntheticGraph.ChosenVersion, Payload(package, seed)).Build(folder);
        });
        File.WriteAllText(Path.Combine(folder, CompleteMarker), DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        return folder;
    }

    /// <summary>The file a package version is written to (PackageBuilder's naming).</summary>
    public static string PackageFile(string feedFolder, string id, string version) => Path.Combine(feedFolder, new PackageBuilder(id, version).FileName);

    private static PackageBuilder Build(SyntheticPackage package, string version, byte[] payload)
    {
        var builder = new PackageBuilder(package.Id, version).AsLibrary("net8.0").WithDescription($"Synthetic benchmark package {package.Id}");
        foreach (var dependency in package.Dependencies)
        {
            builder.DependsOn(dependency, SyntheticGraph.DependencyRange, "net8.0");
        }

        return payload.Length == 0 ? builder : builder.WithEntry("data/payload.bin", payload);
    }

    private static byte[] Payload(SyntheticPackage package, int seed)
    {
        var bytes = new byte[package.PayloadBytes];
        new Random(seed ^ StableHash(package.Id)).NextBytes(bytes);
        return bytes;
    }

    /// <summary>FNV-1a: string.GetHashCode differs between processes, and the payloads must not.</summary>
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)hash;
    }
}
