namespace DepResolve.Engine.Resolution;

/// <summary>
/// The search reached a version whose dependencies were not read yet: the resolver reads them and searches again.
/// Never leaves the resolver.
/// </summary>
internal sealed class MetadataNeededException(CandidateVersion candidate)
    : Exception($"The dependencies of {candidate} were not read yet.")
{
    public CandidateVersion Candidate { get; } = candidate;
}
