using System.Diagnostics;

namespace DepResolve.Engine.Running;

/// <summary>
/// What the child bootstrap needs to end a run whose owner cannot: this process's id and start time (a parent
/// killed with SIGKILL kills nothing, so the child watches for it and ends itself, removing its run files), and a
/// deadline a grace period after the owner's own timeout, so no child runs unbounded even if the owner hangs.
/// </summary>
internal static class ChildWatchdog
{
    /// <summary>How long after the owner's timeout the child ends itself: the owner normally kills it first.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    private static readonly Lazy<(int Id, long StartTicks)> Owner = new(() =>
    {
        using var self = Process.GetCurrentProcess();
        return (self.Id, self.StartTime.ToUniversalTime().Ticks);
    });

    public static void Arm(ChildRunRequest request, TimeSpan timeout)
    {
        var (id, startTicks) = Owner.Value;
        request.OwnerProcessId = id;
        request.OwnerStartTicks = startTicks;
        var deadline = timeout >= TimeSpan.MaxValue - Grace - TimeSpan.FromDays(1) ? DateTime.MaxValue : DateTime.UtcNow + timeout + Grace;
        request.DeadlineTicks = deadline.Ticks;
    }
}
