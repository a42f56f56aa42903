using DepResolve.Engine.Installation;

namespace DepResolve.Engine.Hosting;

/// <summary>The leases one script run holds on the environments it runs in, released together when the run ends.</summary>
internal sealed class EnvironmentLeases : IDisposable
{
    private static readonly TimeSpan LeaseTimeout = TimeSpan.FromSeconds(30);
    private readonly EnvironmentManager _environments;
    private readonly List<EnvironmentLease> _held = new();

    public EnvironmentLeases(EnvironmentManager environments) => _environments = environments;

    public async Task HoldAsync(string? environmentId, CancellationToken cancellationToken)
    {
        if (environmentId is null || _held.Exists(l => l.EnvironmentId == environmentId))
        {
            return;
        }

        _held.Add(await _environments.AcquireLeaseAsync(environmentId, LeaseTimeout, cancellationToken).ConfigureAwait(false));
    }

    public void Dispose()
    {
        foreach (var lease in _held)
        {
            lease.Dispose();
        }

        _held.Clear();
    }
}
