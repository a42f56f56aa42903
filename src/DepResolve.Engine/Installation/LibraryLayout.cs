using NuGet.Frameworks;

namespace DepResolve.Engine.Installation;

/// <summary>The lib/&lt;tfm&gt; folder of a NuGet library that suits the engine's runtime (net8.0), chosen as NuGet chooses.</summary>
internal static class LibraryLayout
{
    public static readonly NuGetFramework TargetFramework = NuGetFramework.Parse("net8.0");

    /// <summary>The chosen lib folder name (e.g. "netstandard2.0") and its assemblies relative to <paramref name="extractedFolder"/>.</summary>
    public static (string? Framework, IReadOnlyList<string> Assemblies) SelectAssemblies(string extractedFolder)
    {
        var lib = Path.Combine(extractedFolder, "lib");
        if (!Directory.Exists(lib))
        {
            return (null, Array.Empty<string>());
        }

        var candidates = Directory.EnumerateDirectories(lib)
            .Select(folder => (Folder: Path.GetFileName(folder), Framework: NuGetFramework.ParseFolder(Path.GetFileName(folder))))
            .Where(c => !c.Framework.IsUnsupported)
            .ToList();
        var nearest = new FrameworkReducer().GetNearest(TargetFramework, candidates.Select(c => c.Framework));
        if (nearest is null)
        {
            return (null, Array.Empty<string>());
        }

        var chosen = candidates.First(c => c.Framework.Equals(nearest)).Folder;
        var assemblies = Directory.EnumerateFiles(Path.Combine(lib, chosen), "*.dll", SearchOption.TopDirectoryOnly)
            .Select(f => Path.GetRelativePath(extractedFolder, f).Replace(Path.DirectorySeparatorChar, '/'))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
        return (chosen, assemblies);
    }
}
