using System.Diagnostics;
using DepResolve.Engine.Model;

namespace DepResolve.Engine.Hosting;

/// <summary>
/// The progress of one resolution as the host shows it: the phase (mapping, package metadata, downloads, the
/// environment) with its counts. Counts arrive from many threads; at most about ten updates a second reach the
/// host, but a new phase and the last count of a phase always do.
/// </summary>
internal sealed class ResolveProgress
{
    internal const string Activity = "Resolve-ScriptDependency";
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly Action<ProgressReport> _report;
    private readonly object _gate = new();
    private readonly Stopwatch _sinceLast = Stopwatch.StartNew();
    private string? _phase;

    public ResolveProgress(Action<ProgressReport> report)
    {
        _report = report;
    }

    public void Mapping() => Send("mapping", "Mapping dependencies to packages", 5, last: true);

    /// <param name="answered">Metadata requests answered so far.</param>
    /// <param name="asked">Metadata requests sent so far (it grows as the graph is walked).</param>
    public void Metadata(int answered, int asked, bool last = false) =>
        Send("metadata", $"Package metadata: {answered} of {asked} requests answered", 10 + 40 * answered / Math.Max(1, asked), last);

    public void Install(Installation.InstallProgress install)
    {
        if (install.CreatingEnvironment)
        {
            Send("environment", $"Creating the environment of {install.Total} packages", 92, last: true);
            return;
        }

        Send(
            "downloads",
            $"Packages: {install.Ready} of {install.Total} in the store, {install.Downloaded} downloaded ({ByteSize.Format(install.DownloadedBytes)})",
            50 + 40 * install.Ready / Math.Max(1, install.Total),
            last: install.Ready == install.Total);
    }

    public void Analysis(string file) => Send("analysis", $"Analysing {file}", 2, last: true);

    public void Done()
    {
        lock (_gate)
        {
            _phase = "done";
            _report(new ProgressReport(Activity, "Done", 100, Completed: true) { ActivityId = 1 });
        }
    }

    private void Send(string phase, string status, int percent, bool last)
    {
        lock (_gate)
        {
            if (!last && phase == _phase && _sinceLast.Elapsed < Interval)
            {
                return;
            }

            _phase = phase;
            _sinceLast.Restart();
            _report(new ProgressReport(Activity, status, Math.Clamp(percent, 0, 99)) { ActivityId = 1 });
        }
    }
}
