using DepResolve.Engine.Model;
using DepResolve.Engine.Resolution.Locking;

namespace DepResolve.Engine.Resolution;

/// <summary>Which policy a resolution uses when the caller did not fix one.</summary>
public static class PolicySelector
{
    /// <summary>The requested policy; else Locked when a lock file exists, else Highest.</summary>
    public static ResolutionPolicy Choose(ResolutionPolicy? requested, bool lockFileExists) =>
        requested ?? (lockFileExists ? ResolutionPolicy.Locked : ResolutionPolicy.Highest);

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
