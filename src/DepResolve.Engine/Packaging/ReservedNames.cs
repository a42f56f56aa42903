namespace DepResolve.Engine.Packaging;

/// <summary>Windows device names, which name a device instead of a file in any folder, with or without an extension.</summary>
internal static class ReservedNames
{
    private static readonly HashSet<string> DeviceNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL",
        "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
        "COM\u00B9", "COM\u00B2", "COM\u00B3", "LPT\u00B9", "LPT\u00B2", "LPT\u00B3",
    };

    /// <summary>True when one path segment (a file or folder name) names a device: "NUL", "nul.txt", "CON .ps1".</summary>
    public static bool IsReservedSegment(string segment)
    {
        var dot = segment.IndexOf('.');
        var stem = (dot < 0 ? segment : segment[..dot]).TrimEnd(' ');
        return DeviceNames.Contains(stem);
    }
}
