namespace DepResolve.Engine.Resolution;

internal enum ConflictKind
{
    /// <summary>No feed asked knows the id.</summary>
    PackageNotFound,

    /// <summary>The id exists, but no version satisfies one requirement on its own.</summary>
    NoMatchingVersion,

    /// <summary>Two or more requirements on one id cannot be satisfied by one version (with the other choices).</summary>
    Incompatible,

    /// <summary>The chosen versions depend on each other in a circle.</summary>
    Cycle,
}
