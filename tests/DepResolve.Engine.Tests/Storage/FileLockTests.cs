using DepResolve.Engine.Model;
using DepResolve.Engine.Storage;
using DepResolve.Engine.Tests.Fixtures;

namespace DepResolve.Engine.Tests.Storage;

public class FileLockTests
{
    [Fact]
    public async Task ASecondExclusiveHolderTimesOutWithAnErrorNamingTheLock()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("locks", "pkg-foo.lock");
        using var first = await FileLock.AcquireExclusiveAsync(path, TimeSpan.FromSeconds(1), CancellationToken.None);

        var error = await Assert.ThrowsAsync<DepResolveException>(() => FileLock.AcquireExclusiveAsync(path, TimeSpan.FromMilliseconds(100), CancellationToken.None));

        Assert.Equal(ErrorCode.Timeout, error.Code);
        Assert.Equal(path, error.Target);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public async Task ALockFileLeftBehindDoesNotBlock()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("stale.lock");
        File.WriteAllText(path, "left behind by a killed process");

        using var acquired = await FileLock.AcquireExclusiveAsync(path, TimeSpan.FromMilliseconds(200), CancellationToken.None);

        Assert.NotNull(acquired);
    }

    [Fact]
    public void SharedHoldersCoexistAndExcludeAnExclusiveOne()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("env.lease");
        using var reader1 = FileLock.TryAcquireShared(path);
        using var reader2 = FileLock.TryAcquireShared(path);
        Assert.NotNull(reader1);
        Assert.NotNull(reader2);
        Assert.Null(FileLock.TryAcquireExclusive(path));

        reader1!.Dispose();
        reader2!.Dispose();
        using var writer = FileLock.TryAcquireExclusive(path);
        Assert.NotNull(writer);
        Assert.Null(FileLock.TryAcquireShared(path));
    }

    [Fact]
    public async Task ReleasingLetsTheWaiterIn()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("x.lock");
        var first = FileLock.TryAcquireExclusive(path)!;
        var waiting = FileLock.AcquireExclusiveAsync(path, TimeSpan.FromSeconds(10), CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        first.Dispose();

        using var second = await waiting;
        Assert.Equal(path, second.Path);
    }
}
