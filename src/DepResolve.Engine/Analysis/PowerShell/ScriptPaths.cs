namespace DepResolve.Engine.Analysis.PowerShell;

/// <summary>How script and module paths written in a script are recognised, resolved and shown.</summary>
internal static class ScriptPaths
{
    private static readonly string[] ScriptExtensions = { ".ps1", ".psm1", ".psd1" };

    /// <summary>A name that is a file path rather than a command or module name.</summary>
    public static bool IsPathLike(string name) =>
        name.Contains('/') || name.Contains('\\') || IsScriptFile(name) || name.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);

    public static bool IsScriptFile(string name) =>
        ScriptExtensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    /// <summary>The full path of a written path, relative paths taken from <paramref name="baseDirectory"/>; null if unknowable.</summary>
    public static string? Resolve(string written, string? baseDirectory)
    {
        var text = Normalize(written.Trim());
        if (text.Length == 0)
        {
            return null;
        }

        try
        {
            if (Path.IsPathRooted(text))
            {
                return Path.GetFullPath(text);
            }

            return baseDirectory is null ? null : Path.GetFullPath(Path.Combine(baseDirectory, text));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
    }

    /// <summary>How a referenced file is named in a dependency: relative to the referencing file's folder, with '/'.</summary>
    public static string DisplayName(string written, string? fullPath, string? baseDirectory)
    {
        if (fullPath is not null && baseDirectory is not null)
        {
            return Path.GetRelativePath(baseDirectory, fullPath).Replace('\\', '/');
        }

        return written.Replace('\\', '/');
    }

    /// <summary>PowerShell accepts both separators on every platform.</summary>
    public static string Normalize(string path) =>
        Path.DirectorySeparatorChar == '/' ? path.Replace('\\', '/') : path.Replace('/', '\\');
}
