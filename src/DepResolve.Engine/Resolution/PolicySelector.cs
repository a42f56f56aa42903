using DepResolve.Engine.Model;
using DepResolve.Engine.Resolution.Locking;

namespace DepResolve.Engine.Resolution;

/// <summary>Which policy a resolution uses when the caller did not fix one.</summary>
internal static class PolicySelector
{
    /// <summary>
    /// Locked in locked mode, or when no policy is requested and the script has a locked section (its pins are kept
    /// where they still fit); else the requested policy, else Highest.
    /// </summary>
    public static ResolutionPolicy Choose(ResolutionPolicy? requested, LockFile? section, bool lockedMode) =>
        lockedMode || (requested is null && section is not null) ? ResolutionPolicy.Locked : requested ?? ResolutionPolicy.Highest;

    /// <summary>The policy that re-resolves when a lock file is being updated.</summary>
    public static ResolutionPolicy ForUpdate(ResolutionPolicy? requested, LockFile? lockFile)
    {
        if (requested is { } policy && policy != ResolutionPolicy.Locked)
        {
            return policy;
        }

        return lockFile is { Policy: not ResolutionPolicy.Locked } ? lockFile.Policy : ResolutionPolicy.Highest;
    }
}
