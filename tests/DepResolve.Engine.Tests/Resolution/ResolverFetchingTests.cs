using DepResolve.Engine.Model;
using DepResolve.Engine.Resolution;
using DepResolve.Engine.Tests.Fixtures;
using static DepResolve.Engine.Tests.Resolution.Resolve;

namespace DepResolve.Engine.Tests.Resolution;

public class ResolverFetchingTests
{
    [Fact]
    public async Task No_id_is_fetched_twice_from_any_feed_even_when_many_packages_share_it()
    {
        var first = new InMemoryFeed("first");
        var second = new InMemoryFeed("second");
        for (var i = 0; i < 10; i++)
        {
            first.Package($"Mid{i}", "1.0").DependsOn("Shared", $"[1.{i},)").DependsOn("Base", "[1.0,)");
            first.Package($"Mid{i}", "2.0").DependsOn("Shared", $"[1.{i},)").DependsOn("Base", "[1.0,)");
        }

        first.Package("Root", "1.0").DependsOn("Mid0").DependsOn("Mid1").DependsOn("Mid2").DependsOn("Mid3").DependsOn("Mid4")
            .DependsOn("Mid5").DependsOn("Mid6").DependsOn("Mid7").DependsOn("Mid8").DependsOn("Mid9");
        second.Package("Shared", "1.9").DependsOn("Base", "[2.0,)");
        second.Package("Base", "1.0").Package("Base", "2.0");

        var outcome = await With([first, second], ResolutionPolicy.Highest, null, Requirement("Root", "1.0"));

        Assert.True(outcome.Success, outcome.Error?.Message);
        Assert.Equal(13, outcome.Packages.Count);
        Assert.All(first.MetadataCalls.Values.Concat(second.MetadataCalls.Values), calls => Assert.Equal(1, calls));
        Assert.Equal(13, first.MetadataCalls.Count);
        // The second feed is asked only for the two ids the first one does not have.
        Assert.Equal(["Base", "Shared"], second.MetadataCalls.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(13 + 2, outcome.MetadataRequests);
    }

    [Fact]
    public async Task Each_graph_level_is_fetched_as_a_concurrent_wave()
    {
        var feed = new InMemoryFeed();
        feed.Package("Left", "1.0").DependsOn("LeftChild", "1.0")
            .Package("Right", "1.0").DependsOn("RightChild", "1.0")
            .Package("LeftChild", "1.0").Package("RightChild", "1.0");

        // Each level's calls are held until both calls of that level have arrived: a resolver asking one id at a
        // time would never have two in flight and would only get through when the gates time out.
        var rootLevel = new Rendezvous(2);
        var childLevel = new Rendezvous(2);
        feed.Gate = id => id.EndsWith("Child", StringComparison.Ordinal) ? childLevel.ArriveAsync() : rootLevel.ArriveAsync();

        var outcome = await With(feed, ResolutionPolicy.Highest, Requirement("Left", "1.0"), Requirement("Right", "1.0"));

        Assert.True(outcome.Success, outcome.Error?.Message);
        Assert.True(rootLevel.AllArrived, "the two roots were not in flight together");
        Assert.True(childLevel.AllArrived, "the two children were not in flight together");
        Assert.True(feed.MaxConcurrentCalls > 1);
    }

    [Fact]
    public async Task A_failing_feed_fails_the_resolution_with_its_error()
    {
        var feed = new InMemoryFeed("broken")
        {
            Gate = _ => throw new DepResolveException(ErrorCode.NetworkError, "GET https://feed.example/v3/registration/x/index.json failed: 503", "https://feed.example/v3/registration/x/index.json"),
        };

        var outcome = await With(feed, ResolutionPolicy.Highest, Requirement("X", "1.0"));

        Assert.Equal(ErrorCode.NetworkError, outcome.Error!.Code);
        Assert.Equal(ErrorCode.NetworkError, outcome.ToResult().ErrorCode);
    }

    [Fact]
    public async Task Cancellation_is_not_swallowed()
    {
        var feed = new InMemoryFeed { Delay = TimeSpan.FromSeconds(30) };
        feed.Package("Slow", "1.0");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new DependencyResolver([feed]).ResolveAsync(new ResolutionRequest { Requirements = [Requirement("Slow", "1.0")] }, cancel.Token));
    }

    private sealed class Rendezvous(int expected)
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived;

        public bool AllArrived => _all.Task.IsCompletedSuccessfully;

        public async Task ArriveAsync()
        {
            if (Interlocked.Increment(ref _arrived) == expected)
            {
                _all.TrySetResult();
            }

            await Task.WhenAny(_all.Task, Task.Delay(TimeSpan.FromSeconds(5)));
        }
    }
}
