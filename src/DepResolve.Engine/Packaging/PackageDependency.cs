using NuGet.Frameworks;
using NuGet.Versioning;

namespace DepResolve.Engine.Packaging;

/// <summary>A dependency as a nuspec states it: an id and a NuGet range.</summary>
internal sealed record PackageDependency(string Id, VersionRange Range);

/// <summary>
/// A nuspec dependency group. <see cref="NuGetFramework.AnyFramework"/> stands for a group
/// without a targetFramework (and for the flat, ungrouped form).
/// </summary>
internal sealed record PackageDependencyGroup(NuGetFramework TargetFramework, IReadOnlyList<PackageDependency> Dependencies);
