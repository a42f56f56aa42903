using System.ComponentModel;
using System.Diagnostics;
using DepResolve.Engine.Model;

namespace DepResolve.Engine.Running;

/// <summary>
/// Starts one child process, captures stdout and stderr concurrently under a byte bound, and kills the whole
/// process tree on timeout or cancellation.
/// </summary>
internal static class ChildProcessRunner
{
    /// <summary>How long to wait for the pipes to close after the tree was killed (an escaped grandchild may hold them).</summary>
    private static readonly TimeSpan DrainAfterKill = TimeSpan.FromSeconds(5);

    /// <exception cref="OperationCanceledException">The token was cancelled; the tree has been killed.</exception>
    /// <exception cref="DepResolveException">The executable could not be started.</exception>
    public static async Task<ChildProcessResult> RunAsync(ChildProcessRequest request, CancellationToken cancellationToken = default)
    {
        var startInfo = new ProcessStartInfo(request.FileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        foreach (var argument in request.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        if (!string.IsNullOrEmpty(request.WorkingDirectory))
        {
            startInfo.WorkingDirectory = request.WorkingDirectory;
        }

        foreach (var (name, value) in request.Environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        using var process = new Process { StartInfo = startInfo };
        var stopwatch = Stopwatch.StartNew();
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new DepResolveException(ErrorCode.InvalidInput, $"Cannot start '{request.FileName}': {ex.Message}", request.FileName, ex);
        }

        // The child reads nothing from us: close its stdin so a prompt ends instead of waiting forever.
        process.StandardInput.Close();

        var stdout = new BoundedStreamReader(request.MaxOutputBytes);
        var stderr = new BoundedStreamReader(request.MaxOutputBytes);
        var readers = Task.WhenAll(
            stdout.ReadToEndAsync(process.StandardOutput.BaseStream),
            stderr.ReadToEndAsync(process.StandardError.BaseStream));

        using var timeout = new CancellationTokenSource(request.Timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
            await readers.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            KillTree(process);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            await Task.WhenAny(readers, Task.Delay(DrainAfterKill, CancellationToken.None)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            timedOut = true;
        }

        return new ChildProcessResult
        {
            ExitCode = timedOut ? null : process.ExitCode,
            TimedOut = timedOut,
            StandardOutput = stdout.GetText(),
            StandardError = stderr.GetText(),
            OutputTruncated = stdout.Truncated || stderr.Truncated,
            Duration = stopwatch.Elapsed,
        };
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        catch (Win32Exception)
        {
            // Exiting while we kill it; WaitForExit below settles it.
        }
    }
}
