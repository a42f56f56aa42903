using System.Diagnostics;
using System.Globalization;
using DepResolve.Engine.Hosting;
using DepResolve.Engine.Installation;
using DepResolve.Engine.Model;
using DepResolve.Engine.Storage;

namespace DepResolve.Bench.Measurement;

/// <summary>
/// The measured DepResolve operation, run in a child process of the bench so its peak working set is not polluted
/// by the feed server and the generator: resolve the roots and install the set into the cache root through the
/// session facade, exactly as Resolve-ScriptDependency does after mapping, with the engine's default options.
/// Protocol on stdout: one "RESULT key=value …" line per phase; between the cold and the warm phase the child
/// waits for a line on stdin, so the parent can read the server's request counter in between.
/// </summary>
public static class ChildInstall
{
    public const string Flag = "--child-install";
    public const string ResultPrefix = "RESULT ";

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        string? feedUrl = null, cacheRoot = null, roots = null;
        var warmOnly = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case Flag: break;
                case "--feed": feedUrl = args[++i]; break;
                case "--cache": cacheRoot = args[++i]; break;
                case "--roots": roots = args[++i]; break;
                case "--warm-only": warmOnly = true; break;
                default: throw new ArgumentException($"Unknown child option '{args[i]}'.");
            }
        }

        if (feedUrl is null || cacheRoot is null || roots is null)
        {
            throw new ArgumentException("The child needs --feed, --cache and --roots.");
        }

        var requirements = roots.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(r => r.Split('@'))
            .ToDictionary(p => p[0], p => (string?)p[1], StringComparer.OrdinalIgnoreCase);

        var first = await OnceAsync(feedUrl, cacheRoot, requirements);
        Report(warmOnly ? "warm" : "cold", first);
        if (warmOnly)
        {
            return 0;
        }

        Console.In.ReadLine();
        var warm = await OnceAsync(feedUrl, cacheRoot, requirements);
        Report("warm", warm);
        return 0;
    }

    private static void Report(string phase, Measured measured)
    {
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{ResultPrefix}phase={phase} ms={measured.Total.TotalMilliseconds:0.0} resolve_ms={measured.Resolve.TotalMilliseconds:0.0} install_ms={measured.Install.TotalMilliseconds:0.0} " +
            $"packages={measured.Packages} downloaded={measured.Downloaded} resolution_cache_hit={measured.CacheHit} peak_working_set={self.PeakWorkingSet64} " +
            $"managed_allocated={GC.GetTotalAllocatedBytes()}"));
        Console.Out.Flush();
    }

    /// <summary>
    /// One resolve + install through the session facade users run (<see cref="DepResolveSession.ResolvePackagesAsync"/>),
    /// with a fresh session; only the cache root carries over between calls. The resolve/install split is taken
    /// from the facade's own progress: the moment it starts installing (or serves the resolution from its cache).
    /// </summary>
    private static async Task<Measured> OnceAsync(string feedUrl, string cacheRoot, IReadOnlyDictionary<string, string?> roots)
    {
        var audit = new AuditLog(new CacheLayout(cacheRoot));
        var installsBefore = CountInstalls(audit);
        var clock = Stopwatch.StartNew();
        long resolvedTicks = 0;
        void MarkResolved() => Interlocked.CompareExchange(ref resolvedTicks, clock.Elapsed.Ticks, 0);
        var callbacks = new SessionCallbacks
        {
            Verbose = line => { if (line.Contains("served from the resolution cache", StringComparison.Ordinal)) { MarkResolved(); } },
            Progress = report => { if (report.Status.StartsWith("Packages: ", StringComparison.Ordinal)) { MarkResolved(); } },
        };
        using var session = new DepResolveSession(new SessionSettings { CacheDirectory = cacheRoot, Repositories = [feedUrl] }, callbacks);
        var result = await session.ResolvePackagesAsync(roots, new ResolveRequest(), CancellationToken.None);
        var total = clock.Elapsed;
        if (!result.Success || result.EnvironmentId is null)
        {
            throw new InvalidOperationException($"The resolution failed: {result.ErrorCode} {result.ErrorDetails} {string.Join("; ", result.Warnings)}");
        }

        var resolved = resolvedTicks == 0 ? total : TimeSpan.FromTicks(Interlocked.Read(ref resolvedTicks));
        return new Measured(total, resolved, total - resolved, result.ResolvedPackages.Count, CountInstalls(audit) - installsBefore, result.CacheHit);
    }

    private static int CountInstalls(AuditLog audit) => audit.ReadAll().Count(e => e.Action == AuditActions.Install);

    private sealed record Measured(TimeSpan Total, TimeSpan Resolve, TimeSpan Install, int Packages, int Downloaded, bool CacheHit);
}
