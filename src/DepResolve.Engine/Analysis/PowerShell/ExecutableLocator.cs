namespace DepResolve.Engine.Analysis.PowerShell;

/// <summary>Finds native executables on PATH the way a shell would (PATHEXT on Windows, the execute bit elsewhere).</summary>
internal static class ExecutableLocator
{
    private static readonly string[] ExecutableExtensions = { ".exe", ".com", ".bat", ".cmd", ".msc", ".cpl", ".sh" };

    /// <summary>The full path of <paramref name="name"/> on the current PATH, or null.</summary>
    public static string? FindOnPath(string name) =>
        FindOnPath(name, Environment.GetEnvironmentVariable("PATH"), Environment.GetEnvironmentVariable("PATHEXT"), OperatingSystem.IsWindows());

    /// <summary>The full path of <paramref name="name"/> on the given PATH, or null.</summary>
    public static string? FindOnPath(string name, string? pathVariable, string? pathExt, bool isWindows)
    {
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrEmpty(pathVariable)
            || name.IndexOfAny(new[] { '/', '\\' }) >= 0 || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            return null;
        }

        var extensions = isWindows && !Path.HasExtension(name)
            ? (pathExt ?? ".COM;.EXE;.BAT;.CMD").Split(';', StringSplitOptions.RemoveEmptyEntries)
            : new[] { "" };

        foreach (var folder in pathVariable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var extension in extensions)
            {
                string candidate;
                try
                {
                    candidate = Path.Combine(folder.Trim('"'), name + extension);
                }
                catch (ArgumentException)
                {
                    continue;
                }

                if (File.Exists(candidate) && (isWindows || IsExecutable(candidate)))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>Whether the name carries an executable's extension (robocopy.exe, build.cmd), so it is native wherever it lives.</summary>
    public static bool HasExecutableExtension(string name) =>
        ExecutableExtensions.Contains(Path.GetExtension(name), StringComparer.OrdinalIgnoreCase);

    private static bool IsExecutable(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        var mode = File.GetUnixFileMode(path);
        return (mode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
    }
}
