using DepResolve.Engine.Model;
using DepResolve.Engine.Installation;

namespace DepResolve.Engine.Tests.Faults;

/// <summary>The checks every fault case makes: the code, the culprit named, nothing outside the cache, nothing half-done.</summary>
internal static class FaultAssertions
{
    /// <summary>
    /// Runs <paramref name="run"/>, which must fail with a <see cref="DepResolveException"/> of <paramref name="code"/>
    /// whose message contains every one of <paramref name="culprits"/>; then checks the sandbox.
    /// </summary>
    public static async Task<DepResolveException> FailsCleanlyAsync(FaultSandbox sandbox, Func<Task> run, ErrorCode code, params string[] culprits)
    {
        var before = sandbox.SnapshotOutsideCache();
        var thrown = await Record.ExceptionAsync(run);

        var error = Assert.IsType<DepResolveException>(thrown, exactMatch: true);
        Assert.True(code == error.Code, $"expected {code}, got {error}");
        foreach (var culprit in culprits)
        {
            Assert.True(error.Message.Contains(culprit, StringComparison.OrdinalIgnoreCase), $"the message does not name '{culprit}': {error.Message}");
        }

        Assert.DoesNotContain(FaultSandbox.Secret, error.ToString(), StringComparison.Ordinal);
        sandbox.AssertNothingWrittenOutsideCache(before);
        sandbox.AssertNothingHalfWritten();
        return error;
    }

    /// <summary>A run that succeeded left an environment, a sound store and a lock file next to the script.</summary>
    public static void Succeeded(FaultSandbox sandbox, ResolutionResult result, params string[] packageIds)
    {
        Assert.True(result.Success);
        Assert.Equal(packageIds.Order(StringComparer.OrdinalIgnoreCase), result.ResolvedPackages.Select(p => p.Id).Order(StringComparer.OrdinalIgnoreCase));
        Assert.NotNull(result.EnvironmentPath);
        Assert.True(Directory.Exists(result.EnvironmentPath));
        Assert.Empty(new PackageStore(sandbox.Layout).VerifyAll());
        Assert.True(File.Exists(sandbox.LockFilePath));
    }
}
