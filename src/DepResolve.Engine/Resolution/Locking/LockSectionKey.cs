namespace DepResolve.Engine.Resolution.Locking;

/// <summary>The key of a script's section in a lock file: the script's path relative to the lock file's folder, with '/'.</summary>
internal static class LockSectionKey
{
    /// <summary>The key of packages resolved without a script (a package list, script text).</summary>
    public const string WithoutScript = "(no script)";

    public static string For(string lockFilePath, string? scriptPath)
    {
        if (scriptPath is null)
        {
            return WithoutScript;
        }

        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(lockFilePath))!;
        return System.IO.Path.GetRelativePath(folder, System.IO.Path.GetFullPath(scriptPath)).Replace('\\', '/');
    }
}
