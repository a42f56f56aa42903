using System.IO.Compression;

namespace DepResolve.Engine.Packaging;

/// <summary>
/// Decides whether a zip entry name is safe to write below a destination folder, the same way on every OS:
/// no absolute or rooted path, no drive letter or ':' (alternate streams), no '..' or '.' or empty segment,
/// no control or Windows-invalid character, no device name (CON, NUL, COM1 …) in any segment, no segment
/// ending in a dot or space. Names are %-unescaped first, as NuGet stores them, and '\' counts as '/'.
/// </summary>
internal static class ZipEntryRules
{
    private static readonly char[] InvalidNameCharacters = { '<', '>', ':', '"', '|', '?', '*' };

    /// <summary>The relative path (with '/' separators) an entry would be written to, or null with a reason.</summary>
    public static string? TryGetRelativePath(string entryName, out string reason, out bool isDirectory)
    {
        isDirectory = false;
        var name = entryName.Contains('%', StringComparison.Ordinal) ? SafeUnescape(entryName) : entryName;
        name = name.Replace('\\', '/');
        if (name.Length == 0)
        {
            reason = "an empty entry name";
            return null;
        }

        if (name[0] == '/')
        {
            reason = $"the absolute path '{entryName}'";
            return null;
        }

        if (name.Length >= 2 && char.IsAsciiLetter(name[0]) && name[1] == ':')
        {
            reason = $"the drive-letter path '{entryName}'";
            return null;
        }

        if (name.EndsWith('/'))
        {
            isDirectory = true;
            name = name[..^1];
        }

        foreach (var segment in name.Split('/'))
        {
            var problem = SegmentProblem(segment);
            if (problem is not null)
            {
                reason = $"the entry '{entryName}' ({problem})";
                return null;
            }
        }

        reason = "";
        return name;
    }

    /// <summary>Unix symlink (mode S_IFLNK in the high word) or Windows reparse point (attribute 0x400).</summary>
    public static bool IsLink(ZipArchiveEntry entry)
    {
        var unixMode = (entry.ExternalAttributes >> 16) & 0xF000;
        return unixMode == 0xA000 || (entry.ExternalAttributes & 0x400) != 0;
    }

    /// <summary>The OPC and signing parts NuGet adds, which a PowerShell module folder must not contain.</summary>
    public static bool IsNuGetMetadata(string relativePath)
    {
        if (!relativePath.Contains('/', StringComparison.Ordinal))
        {
            return relativePath.Equals("[Content_Types].xml", StringComparison.OrdinalIgnoreCase)
                || relativePath.Equals(".signature.p7s", StringComparison.OrdinalIgnoreCase)
                || relativePath.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase)
                || relativePath.Equals("_rels", StringComparison.OrdinalIgnoreCase)
                || relativePath.Equals("package", StringComparison.OrdinalIgnoreCase);
        }

        return relativePath.StartsWith("_rels/", StringComparison.OrdinalIgnoreCase)
            || relativePath.StartsWith("package/", StringComparison.OrdinalIgnoreCase);
    }

    private static string? SegmentProblem(string segment)
    {
        if (segment.Length == 0)
        {
            return "empty path segment";
        }

        if (segment is "." or "..")
        {
            return $"'{segment}' segment";
        }

        if (segment.Any(c => c < 0x20 || c == 0x7F))
        {
            return "control character";
        }

        if (segment.IndexOfAny(InvalidNameCharacters) >= 0)
        {
            return segment.Contains(':', StringComparison.Ordinal) ? "':' in a name" : "character not allowed in file names";
        }

        if (segment.EndsWith('.') || segment.EndsWith(' '))
        {
            return "name ending in a dot or space";
        }

        if (ReservedNames.IsReservedSegment(segment))
        {
            return $"reserved device name '{segment}'";
        }

        return null;
    }

    private static string SafeUnescape(string name)
    {
        try
        {
            return Uri.UnescapeDataString(name);
        }
        catch (UriFormatException)
        {
            return name;
        }
    }
}
