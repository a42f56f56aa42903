using DepResolve.Engine.Model;

namespace DepResolve.Engine.Mapping;

/// <summary>
/// Mapped dependencies turned into resolver roots: one requirement per package id (ranges intersected), and every
/// dependency that is not a root with the reason why.
/// </summary>
internal sealed class RequirementSet
{
    public IReadOnlyList<PackageRequirement> Roots { get; init; } = Array.Empty<PackageRequirement>();

    /// <summary>Built in, local files, native executables, and optional dependencies left out: not installed, with why.</summary>
    public IReadOnlyList<SkippedDependency> Skipped { get; init; } = Array.Empty<SkippedDependency>();

    /// <summary>
    /// Inferred items (commands, types) that map to no package: reported as warnings, not roots. The run goes ahead
    /// and its retry installs what was really missing; FailOnUnresolved turns them into failures.
    /// </summary>
    public IReadOnlyList<SkippedDependency> Unmapped { get; init; } = Array.Empty<SkippedDependency>();

    /// <summary>Declared items no package provides; the reason says what was tried.</summary>
    public IReadOnlyList<SkippedDependency> Unresolvable { get; init; } = Array.Empty<SkippedDependency>();

    /// <summary>Package ids whose requested ranges have nothing in common; they are not among the roots.</summary>
    public IReadOnlyList<RequirementConflict> Conflicts { get; init; } = Array.Empty<RequirementConflict>();
}

/// <summary>A dependency that is not a resolver root, and why.</summary>
internal sealed record SkippedDependency(ScriptDependency Dependency, string Reason)
{
    public override string ToString() => $"{Dependency.Name}: {Reason}";
}

/// <summary>One package id asked for with ranges that do not intersect, each with where it was asked for.</summary>
internal sealed record RequirementConflict(string PackageId, IReadOnlyList<string> Requests)
{
    public override string ToString() => $"{PackageId}: no version satisfies all of {string.Join("; ", Requests)}";
}
