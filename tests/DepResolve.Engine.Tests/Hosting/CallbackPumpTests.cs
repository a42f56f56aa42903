using DepResolve.Engine.Hosting;

namespace DepResolve.Engine.Tests.Hosting;

public sealed class CallbackPumpTests
{
    [Fact]
    public void CallbacksFromWorkerThreadsRunOnTheThreadThatRuns()
    {
        using var pump = new CallbackPump();
        var runThread = Environment.CurrentManagedThreadId;
        var callbackThreads = new List<int>();

        var result = pump.Run(async () =>
        {
            await Task.Yield();
            for (var i = 0; i < 20; i++)
            {
                pump.Post(() => callbackThreads.Add(Environment.CurrentManagedThreadId));
            }

            await Task.Delay(1);
            return Environment.CurrentManagedThreadId;
        });

        Assert.NotEqual(runThread, result);
        Assert.Equal(20, callbackThreads.Count);
        Assert.All(callbackThreads, id => Assert.Equal(runThread, id));
    }

    [Fact]
    public void AskWaitsForTheAnswerGivenOnThePumpThread()
    {
        using var pump = new CallbackPump();
        var runThread = Environment.CurrentManagedThreadId;
        var askedOn = -1;

        var approved = pump.Run(() => Task.Run(() => pump.Ask(() =>
        {
            askedOn = Environment.CurrentManagedThreadId;
            return "yes";
        }, CancellationToken.None)));

        Assert.Equal("yes", approved);
        Assert.Equal(runThread, askedOn);
    }

    [Fact]
    public void ARunEndedByAThrowingCallbackLeavesTheNextRunItsCallbacks()
    {
        // A callback that throws (a write that stops the command) ends a run before its work does; the work's end
        // arrives later and must not end the pump's next run before that run's callbacks.
        using var pump = new CallbackPump();
        using var release = new ManualResetEventSlim();
        Assert.Throws<InvalidOperationException>(() => pump.Run(() => Task.Run(() =>
        {
            pump.Post(() => throw new InvalidOperationException("stopped"));
            release.Wait();
            return 0;
        })));
        release.Set();

        var seen = new List<string>();
        var result = pump.Run(async () =>
        {
            await Task.Delay(200);
            pump.Post(() => seen.Add("late callback"));
            return 42;
        });

        Assert.Equal(42, result);
        Assert.Equal(["late callback"], seen);
    }

    [Fact]
    public void WorkFailureIsRethrownUnwrapped()
    {
        using var pump = new CallbackPump();
        var error = Assert.Throws<Model.DepResolveException>(() => pump.Run<int>(() =>
            throw new Model.DepResolveException(Model.ErrorCode.PackageNotFound, "Package 'Nope' was not found.", "Nope")));
        Assert.Equal(Model.ErrorCode.PackageNotFound, error.Code);
    }

    [Fact]
    public void AQuestionThrowingOnThePumpThreadFailsTheAskingWorker()
    {
        using var pump = new CallbackPump();
        Assert.Throws<InvalidOperationException>(() => pump.Run(() => Task.Run(() =>
            pump.Ask<bool>(() => throw new InvalidOperationException("prompt failed"), CancellationToken.None))));
    }

    [Fact]
    public void CancellationReleasesAWorkerWaitingForAnAnswer()
    {
        using var pump = new CallbackPump();
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => pump.Ask(() => true, cancellation.Token));
    }
}
