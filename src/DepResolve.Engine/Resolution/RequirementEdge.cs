using DepResolve.Engine.Model;
using NuGet.Versioning;

namespace DepResolve.Engine.Resolution;

/// <summary>One constraint in the graph: a root requirement, or a dependency of a chosen package version.</summary>
internal sealed class RequirementEdge
{
    private RequirementEdge(CandidateVersion? parent, PackageRequirement? root, string id, VersionRange range, bool allowPrerelease)
    {
        Parent = parent;
        Root = root;
        Id = id;
        Range = range;
        AllowPrerelease = allowPrerelease;
    }

    /// <summary>The package version that has this dependency; null for a root requirement.</summary>
    public CandidateVersion? Parent { get; }

    public PackageRequirement? Root { get; }

    public string Id { get; }

    public VersionRange Range { get; }

    public bool AllowPrerelease { get; }

    public static RequirementEdge ForRoot(PackageRequirement requirement, bool allowPrereleaseEverywhere) =>
        new(null, requirement, requirement.Id, requirement.Range, requirement.AllowPrerelease || allowPrereleaseEverywhere);

    public static RequirementEdge ForDependency(CandidateVersion parent, string id, VersionRange range, bool allowPrereleaseEverywhere) =>
        new(parent, null, id, range, allowPrereleaseEverywhere);

    public bool Accepts(CandidateVersion candidate) => VersionAdmission.Accepts(Range, AllowPrerelease, candidate);

    public override string ToString() => $"{Parent?.ToString() ?? Root?.RequestedBy ?? ""} -> {Id} {RangeText.Describe(Range)}";
}
