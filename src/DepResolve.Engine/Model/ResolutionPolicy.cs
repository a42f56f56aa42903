namespace DepResolve.Engine.Model;

public enum ResolutionPolicy
{
    /// <summary>The newest version satisfying every constraint (default without a lock file).</summary>
    Highest,
    /// <summary>NuGet's lowest applicable version.</summary>
    Lowest,
    /// <summary>Go's minimal version selection: per id, the maximum of the minimums required anywhere.</summary>
    Minimal,
    /// <summary>Exactly the versions in the lock file (default when one exists).</summary>
    Locked,
}
