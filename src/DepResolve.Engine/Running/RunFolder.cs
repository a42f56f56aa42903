using DepResolve.Engine.Storage;

namespace DepResolve.Engine.Running;

/// <summary>
/// The folder of one run: the bootstrap, the request and the result document. In a cache it is a staging folder
/// under tmp/ whose owner lock is held for the whole run, so cleanup in any process (after an install, garbage
/// collection, Clear-DepResolveCache) leaves it alone until the run has ended or its process is gone.
/// Disposing removes the folder and releases the lock.
/// </summary>
internal sealed class RunFolder : IDisposable
{
    private readonly StagingFolder? _owned;

    private RunFolder(string path, StagingFolder? owned)
    {
        Path = path;
        _owned = owned;
    }

    public string Path { get; }

    public static RunFolder Create(ScriptRunnerOptions options)
    {
        if (options.Cache is { } cache)
        {
            var owned = StagingFolder.Create(cache, "run");
            return new RunFolder(owned.Path, owned);
        }

        var path = System.IO.Path.Combine(options.ResolvedWorkDirectory, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return new RunFolder(path, null);
    }

    public void Dispose()
    {
        if (_owned is not null)
        {
            _owned.Dispose();
        }
        else
        {
            AtomicFile.TryDeleteFolder(Path);
        }
    }
}
