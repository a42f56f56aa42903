using DepResolve.Engine.Packaging;
using NuGet.Frameworks;

namespace DepResolve.Engine.Resolution;

/// <summary>
/// Picks the nuspec dependency group that applies to a target framework, as NuGet does: the nearest compatible
/// framework-specific group, else the any-framework group, else no dependencies.
/// </summary>
internal static class DependencyGroupSelector
{
    public static NuGetFramework DefaultTargetFramework { get; } = NuGetFramework.Parse("net8.0");

    public static IReadOnlyList<PackageDependency> Select(IReadOnlyList<PackageDependencyGroup> groups, NuGetFramework targetFramework)
    {
        if (groups.Count == 0)
        {
            return Array.Empty<PackageDependency>();
        }

        var specific = groups.Where(g => !g.TargetFramework.IsAny).Select(g => g.TargetFramework).ToList();
        var nearest = specific.Count == 0 ? null : new FrameworkReducer().GetNearest(targetFramework, specific);
        var chosen = nearest is not null
            ? groups.First(g => g.TargetFramework.Equals(nearest))
            : groups.FirstOrDefault(g => g.TargetFramework.IsAny);
        return chosen?.Dependencies ?? (IReadOnlyList<PackageDependency>)Array.Empty<PackageDependency>();
    }
}
