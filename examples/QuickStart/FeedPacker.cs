using System.IO.Compression;

namespace DepResolve.QuickStart;

/// <summary>
/// Builds the example feed: each examples/modules/&lt;Name&gt;/&lt;Version&gt;/ folder (module files plus its nuspec)
/// becomes &lt;name&gt;.&lt;version&gt;.nupkg in a flat folder feed. Entries get a fixed timestamp so rebuilds are identical.
/// </summary>
internal static class FeedPacker
{
    private static readonly DateTimeOffset FixedTime = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<string> Pack(string modulesFolder, string feedFolder)
    {
        Directory.CreateDirectory(feedFolder);
        var written = new List<string>();
        foreach (var versionFolder in Directory.GetDirectories(modulesFolder).SelectMany(Directory.GetDirectories).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(Path.GetDirectoryName(versionFolder))!;
            var version = Path.GetFileName(versionFolder);
            var target = Path.Combine(feedFolder, $"{name}.{version}.nupkg".ToLowerInvariant());
            var temp = target + ".tmp";
            using (var zip = ZipFile.Open(temp, ZipArchiveMode.Create))
            {
                foreach (var file in Directory.GetFiles(versionFolder).Order(StringComparer.Ordinal))
                {
                    var entry = zip.CreateEntry(Path.GetFileName(file), CompressionLevel.Optimal);
                    entry.LastWriteTime = FixedTime;
                    using var source = File.OpenRead(file);
                    using var destination = entry.Open();
                    source.CopyTo(destination);
                }
            }

            File.Move(temp, target, overwrite: true);
            written.Add(target);
        }

        return written;
    }
}
