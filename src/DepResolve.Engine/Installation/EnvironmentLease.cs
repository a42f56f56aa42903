using DepResolve.Engine.Storage;

namespace DepResolve.Engine.Installation;

/// <summary>
/// Marks an environment as in use for as long as it is held: a shared lock on locks/env-&lt;id&gt;.lease.
/// Any number of processes may hold leases on one environment; garbage collection needs the lock exclusively
/// and so never removes an environment in use. A killed process's lease ends with the process.
/// </summary>
internal sealed class EnvironmentLease : IDisposable
{
    private readonly FileLock _lock;

    internal EnvironmentLease(string environmentId, FileLock heldLock)
    {
        EnvironmentId = environmentId;
        _lock = heldLock;
    }

    public string EnvironmentId { get; }

    public void Dispose() => _lock.Dispose();
}
