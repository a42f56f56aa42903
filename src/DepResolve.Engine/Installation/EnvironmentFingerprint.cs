using System.Globalization;
using System.Text;
using DepResolve.Engine.Storage;

namespace DepResolve.Engine.Installation;

/// <summary>
/// envs/&lt;id&gt;/fingerprint.tsv: the size and last-write time of every store file the environment uses, written once
/// those files were verified against their entries' records. The warm path stats the files listed here instead of
/// parsing every entry.json; when anything differs (or the file is missing) it falls back to the entries' own
/// records, which re-hash what changed, and writes this file again once they pass. A cache of entry.json, never
/// trusted more than it: a file listed here with other values only sends the check to the slow path.
/// Lines: size, tab, UTC ticks, tab, path relative to the cache root with '/' separators.
/// </summary>
internal static class EnvironmentFingerprint
{
    internal const string FileName = "fingerprint.tsv";

    /// <summary>True when the file exists and every file it lists still has its size and last-write time.</summary>
    public static bool Matches(string environmentFolder, CacheLayout layout)
    {
        try
        {
            var path = Path.Combine(environmentFolder, FileName);
            if (!File.Exists(path))
            {
                return false;
            }

            // Line by line out of one buffer: the file of a large environment never becomes one large string, nor a
            // string per line (two thousand of them at a thousand packages, on every warm call).
            using var text = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var buffer = new char[8192];
            var (filled, lines) = (0, 0);
            while (true)
            {
                var read = text.Read(buffer, filled, buffer.Length - filled);
                filled += read;
                var start = 0;
                for (var end = Array.IndexOf(buffer, '\n', 0, filled); end >= 0; end = Array.IndexOf(buffer, '\n', start, filled - start))
                {
                    lines++;
                    if (!LineMatches(Line(buffer, start, end), layout.Root))
                    {
                        return false;
                    }

                    start = end + 1;
                }

                if (read == 0)
                {
                    // The last line, when the file does not end with a line break.
                    return filled == start ? lines > 0 : LineMatches(Line(buffer, start, filled), layout.Root);
                }

                filled -= start;
                Array.Copy(buffer, start, buffer, 0, filled);
                if (filled == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// The line from <paramref name="start"/> to <paramref name="end"/> without a trailing '\r'; read-only, whose
    /// TrimEnd ships compiled (the generic one for a writable span is compiled at run time).
    /// </summary>
    private static ReadOnlySpan<char> Line(char[] buffer, int start, int end) => new ReadOnlySpan<char>(buffer, start, end - start).TrimEnd('\r');

    /// <summary>One line: size, tab, ticks, tab, a path relative to the cache root that names a file of that size and time.</summary>
    private static bool LineMatches(ReadOnlySpan<char> line, string root)
    {
        var firstTab = line.IndexOf('\t');
        if (firstTab < 0)
        {
            return false;
        }

        var afterSize = line[(firstTab + 1)..];
        var secondTab = afterSize.IndexOf('\t');
        if (secondTab < 0
            || !long.TryParse(line[..firstTab], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
            || !long.TryParse(afterSize[..secondTab], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
        {
            return false;
        }

        var relative = afterSize[(secondTab + 1)..];
        if (relative.IsEmpty || relative.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        // Joined as written: Windows reads '/' as a separator too, so the path is built once.
        var info = new FileInfo(Path.Join(root, relative));
        return info.Exists && info.Length == size && info.LastWriteTimeUtc.Ticks == ticks;
    }

    /// <summary>Records the verified entries' fingerprints; best effort (a read-only cache only takes the slow path next time).</summary>
    public static void TryWrite(string environmentFolder, IEnumerable<StoreEntry> verified)
    {
        var text = new StringBuilder();
        foreach (var entry in verified)
        {
            foreach (var (relative, record) in entry.Manifest.Files)
            {
                if (record.ModifiedTicks is not { } ticks)
                {
                    return;
                }

                text.Append(record.Size.ToString(CultureInfo.InvariantCulture)).Append('\t')
                    .Append(ticks.ToString(CultureInfo.InvariantCulture)).Append('\t')
                    .Append(entry.RelativeFolder).Append('/').Append(PackageStore.ContentFolderName).Append('/').Append(relative).Append('\n');
            }
        }

        try
        {
            AtomicFile.WriteAllText(Path.Combine(environmentFolder, FileName), text.ToString());
        }
        catch (Model.DepResolveException)
        {
            // Only the shortcut is lost.
        }
    }
}
