namespace DepResolve.Engine.Model;

/// <summary>How this platform compares file paths: without regard to case on Windows, exactly elsewhere.</summary>
internal static class PlatformPaths
{
    public static StringComparer Comparer { get; } = OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
}
