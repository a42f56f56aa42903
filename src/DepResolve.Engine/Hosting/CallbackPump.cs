using System.Collections.Concurrent;

namespace DepResolve.Engine.Hosting;

/// <summary>
/// Runs engine work on worker threads while every host callback (logging, progress, approval questions)
/// executes on the one thread that called <see cref="Run{T}"/> — for PowerShell, the pipeline thread,
/// the only thread allowed to call Write* and ShouldProcess.
/// </summary>
public sealed class CallbackPump : IDisposable
{
    private readonly BlockingCollection<Action> _queue = new();
    private int _ownerThreadId = -1;

    /// <summary>Queues <paramref name="callback"/> for the pump thread; runs it inline when already on it.</summary>
    public void Post(Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (Environment.CurrentManagedThreadId == _ownerThreadId)
        {
            callback();
            return;
        }

        Enqueue(callback);
    }

    /// <summary>
    /// Runs <paramref name="question"/> on the pump thread and waits for its answer (approval prompts).
    /// Cancellation wakes the waiting worker with <see cref="OperationCanceledException"/>.
    /// </summary>
    public T Ask<T>(Func<T> question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (Environment.CurrentManagedThreadId == _ownerThreadId)
        {
            return question();
        }

        var answer = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(() =>
        {
            try
            {
                answer.TrySetResult(question());
            }
            catch (Exception ex)
            {
                answer.TrySetException(ex);
            }
        });
        return answer.Task.WaitAsync(cancellationToken).GetAwaiter().GetResult();
    }

    /// <summary>
    /// Starts <paramref name="work"/> on the thread pool and drains callbacks on the calling thread until it ends;
    /// then returns its result or rethrows its exception unwrapped.
    /// </summary>
    public T Run<T>(Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        _ownerThreadId = Environment.CurrentManagedThreadId;
        try
        {
            var task = Task.Run(work);
            // The work's end is queued behind its callbacks, so waiting for it throws nothing (an exception per call
            // costs a fresh process its handling set-up). The marker is this run's own delegate (it captures the task):
            // one left by a run that ended early is a no-op in a later run, not its end.
            Action finished = () => GC.KeepAlive(task);
            task.ContinueWith(_ => Enqueue(finished), TaskScheduler.Default);
            while (true)
            {
                var callback = _queue.Take();
                if (ReferenceEquals(callback, finished))
                {
                    break;
                }

                callback();
            }

            // Callbacks queued just before the work ended still belong to this run.
            while (_queue.TryTake(out var late))
            {
                late();
            }

            return task.GetAwaiter().GetResult();
        }
        finally
        {
            _ownerThreadId = -1;
        }
    }

    public void Dispose() => _queue.Dispose();

    private void Enqueue(Action callback)
    {
        try
        {
            _queue.Add(callback);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException)
        {
            // The pump has finished: a late log line from a cancelled worker has nowhere to go.
        }
    }
}
