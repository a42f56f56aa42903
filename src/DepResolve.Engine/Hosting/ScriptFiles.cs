using DepResolve.Engine.Model;
using DepResolve.Engine.Running;

namespace DepResolve.Engine.Hosting;

/// <summary>Which files DepResolve analyses, and how a folder expands into them.</summary>
public static class ScriptFiles
{
    public static IReadOnlyList<string> PowerShellExtensions { get; } = [".ps1", ".psm1", ".psd1"];

    public static IReadOnlyList<string> CSharpExtensions => CSharpScriptFile.Extensions;

    public static bool IsPowerShell(string path) => HasExtension(path, PowerShellExtensions);

    public static bool IsSupported(string path) => IsPowerShell(path) || CSharpScriptFile.Is(path);

    /// <summary>
    /// The full path of the script <paramref name="path"/> names (relative to <paramref name="workingDirectory"/>):
    /// PathNotFound when there is no such file, InvalidInput when it is not a regular file.
    /// </summary>
    internal static string RequireExisting(string path, string workingDirectory)
    {
        var fullPath = Path.GetFullPath(path, workingDirectory);
        if (!File.Exists(fullPath))
        {
            throw new DepResolveException(ErrorCode.PathNotFound, $"The script '{fullPath}' does not exist.", fullPath);
        }

        Analysis.RegularFile.EnsureRegular(fullPath);
        return fullPath;
    }

    /// <summary>
    /// The analysable files of <paramref name="folder"/> (its subfolders too with <paramref name="recurse"/>),
    /// sorted ordinally so the output order does not depend on the file system.
    /// </summary>
    public static IReadOnlyList<string> ExpandFolder(string folder, bool recurse)
    {
        if (!Directory.Exists(folder))
        {
            throw new DepResolveException(ErrorCode.PathNotFound, $"The folder '{folder}' does not exist.", folder);
        }

        return Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = recurse, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System })
            .Where(IsSupported)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static bool HasExtension(string path, IReadOnlyList<string> extensions)
    {
        var extension = Path.GetExtension(path);
        return extensions.Any(e => string.Equals(e, extension, StringComparison.OrdinalIgnoreCase));
    }
}
