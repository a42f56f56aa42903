using DepResolve.Engine.InstallSafety;
using DepResolve.Engine.Model;

namespace DepResolve.Engine.Installation;

/// <summary>
/// The result of <see cref="PackageInstaller.InstallAsync"/>: the environment (null for a dry run), the plan,
/// and a lease that keeps the environment from being garbage-collected until disposed — hold it while the
/// script runs.
/// </summary>
internal sealed class InstallOutcome : IDisposable
{
    private readonly EnvironmentLease? _lease;

    internal InstallOutcome(InstallPlan plan, EnvironmentInfo? environment, IReadOnlyList<string> downloaded, EnvironmentLease? lease, IReadOnlyList<StoreEntry>? entries = null)
    {
        Plan = plan;
        Environment = environment;
        Downloaded = downloaded;
        Entries = entries ?? Array.Empty<StoreEntry>();
        _lease = lease;
    }

    public InstallPlan Plan { get; }

    /// <summary>Null when the policy asked for a dry run: nothing was downloaded or written.</summary>
    public EnvironmentInfo? Environment { get; }

    public bool IsDryRun => Environment is null;

    /// <summary>"Id Version" of every package this call downloaded (empty when everything was in the store).</summary>
    public IReadOnlyList<string> Downloaded { get; }

    /// <summary>The store entries this install verified or extracted, one per package installed; empty for a dry run or a reused environment.</summary>
    internal IReadOnlyList<StoreEntry> Entries { get; }

    /// <summary>Copies the environment into a resolution result (id, folder, PSModulePath for <paramref name="psHome"/>, assemblies).</summary>
    public void ApplyTo(ResolutionResult result, string? psHome)
    {
        if (Environment is null)
        {
            return;
        }

        result.EnvironmentId = Environment.Id;
        result.EnvironmentPath = Environment.Path;
        result.ModulePath = Environment.BuildModulePath(psHome);
        result.Assemblies = Environment.Assemblies;
    }

    public void Dispose() => _lease?.Dispose();
}
