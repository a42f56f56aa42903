using DepResolve.Engine.Caching;
using DepResolve.Engine.Running;
using DepResolve.Engine.Storage;

namespace DepResolve.Engine.Tests.Running;

/// <summary>
/// Run folders in a cache are owned by their run: cleanup after an install, garbage collection and clearing the
/// cache leave a running script's folder alone, and remove only folders whose owner is gone.
/// </summary>
public sealed class RunFolderTests : IDisposable
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(120);
    private readonly RunnerFixture _fixture = new();
    private readonly CacheLayout _cache;

    public RunFolderTests()
    {
        _cache = new CacheLayout(_fixture.Combine("cache"));
        _cache.EnsureCreated();
        _fixture.Options = _fixture.Options with { Cache = _cache };
    }

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task A_running_script_keeps_its_folder_and_its_result_through_every_cleanup()
    {
        var started = _fixture.Combine("started");
        var release = _fixture.Combine("release");
        var script = _fixture.WriteScript("waits.ps1",
            $"[System.IO.File]::WriteAllText('{started}', 'yes')",
            $"while (-not (Test-Path -LiteralPath '{release}')) {{ Start-Sleep -Milliseconds 100 }}",
            "'finished after the cleanup'");
        var runner = new ScriptTestRunner(_fixture.Options, (_, _) => Task.FromResult(RunEnvironment.Empty));

        var run = runner.RunAsync(new ScriptRunRequest { Path = script, Timeout = WaitLimit });
        await WaitForFileAsync(started, run);

        StagingFolder.CleanAbandoned(_cache);
        new GarbageCollector(_cache, TimeSpan.Zero, maxEnvironments: 0).Collect();
        Assert.Single(RunFolders());

        File.WriteAllText(release, "go");
        var result = await run;

        Assert.True(result.Success, result.ErrorMessage);
        Assert.Contains("finished after the cleanup", result.Output, StringComparison.Ordinal);
        Assert.Empty(RunFolders());
    }

    [Fact]
    public void A_run_folder_whose_owner_is_gone_is_removed_and_a_held_one_is_kept()
    {
        using var held = RunFolder.Create(_fixture.Options);
        // What a killed owner leaves: its folder and its lock file, with no handle open on the lock.
        var orphan = Path.Combine(_cache.TempFolder, "run-0123456789abcdef");
        Directory.CreateDirectory(orphan);
        File.WriteAllText(Path.Combine(orphan, "request.json"), "{}");
        File.WriteAllText(_cache.LockFile("staging-run-0123456789abcdef"), "");

        Assert.Equal(1, StagingFolder.CleanAbandoned(_cache));

        Assert.Equal([held.Path], RunFolders());
    }

    [Fact]
    public void Disposing_a_run_folder_removes_it_and_its_owner_lock()
    {
        var locksBefore = OwnerLocks();
        var folder = RunFolder.Create(_fixture.Options);
        Assert.StartsWith(_cache.TempFolder, folder.Path, StringComparison.Ordinal);

        folder.Dispose();

        Assert.Empty(RunFolders());
        Assert.Equal(locksBefore, OwnerLocks());
    }

    /// <summary>The lock files of the cache, less the folder's sweep lock (made once, by the first lock taken).</summary>
    private string[] OwnerLocks() =>
        Directory.GetFiles(_cache.LocksFolder).Where(f => Path.GetFileName(f) != FileLock.SweepLockName).ToArray();

    private IReadOnlyList<string> RunFolders() =>
        Directory.EnumerateDirectories(_cache.TempFolder, "run-*").ToList();

    private static async Task WaitForFileAsync(string path, Task run)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        while (!File.Exists(path))
        {
            if (run.IsCompleted)
            {
                await run;
                throw new InvalidOperationException($"The run ended before it wrote {path}.");
            }

            Assert.True(DateTime.UtcNow < deadline, $"The script did not start within {WaitLimit.TotalSeconds} s.");
            await Task.Delay(100);
        }
    }
}
