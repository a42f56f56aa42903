using DepResolve.Engine.Model;
using DepResolve.Engine.Packaging;
using DepResolve.Engine.Resolution;
using DepResolve.Engine.Resolution.Locking;
using DepResolve.Engine.Tests.Fixtures;
using NuGet.Versioning;
using static DepResolve.Engine.Tests.Resolution.Resolve;

namespace DepResolve.Engine.Tests.Resolution;

public class ResolutionPolicyTests
{
    /// <summary>
    /// deploy.ps1 needs A >= 1.0 and B >= 1.0. A 1.0 needs C >= 1.2; A 1.1 and A 2.0 need C >= 1.0; B 1.0 needs A >= 1.1.
    /// </summary>
    private static InMemoryFeed SharedGraph()
    {
        var feed = new InMemoryFeed("PSGallery");
        feed.Package("A", "1.0").DependsOn("C", "[1.2,)")
            .Package("A", "1.1").DependsOn("C", "[1.0,)")
            .Package("A", "2.0").DependsOn("C", "[1.0,)")
            .Package("B", "1.0").DependsOn("A", "[1.1,)")
            .Package("C", "1.0").Package("C", "1.2").Package("C", "1.3");
        return feed;
    }

    private static readonly PackageRequirement[] Roots = [Requirement("A", "1.0"), Requirement("B", "1.0")];

    [Fact]
    public async Task Each_policy_chooses_differently_on_one_graph()
    {
        var feed = SharedGraph();
        var lockFile = new LockFile(
            ResolutionPolicy.Highest,
            [new LockedRepository("PSGallery", feed.Source)],
            [
                Locked("A", "2.0", ("C", "[1.0,)")),
                Locked("B", "1.0", ("A", "[1.1,)")),
                Locked("C", "1.0"),
            ]);

        var highest = await With([feed], ResolutionPolicy.Highest, null, Roots);
        var lowest = await With([feed], ResolutionPolicy.Lowest, null, Roots);
        var minimal = await With([feed], ResolutionPolicy.Minimal, null, Roots);
        var locked = await With([feed], ResolutionPolicy.Locked, lockFile, Roots);

        // Newest of everything.
        Assert.Equal("A 2.0.0, B 1.0.0, C 1.3.0", Chosen(highest));
        // Lowest versions that satisfy every requirement of the chosen set: A 1.0 is ruled out by B, and A 1.1 accepts C 1.0.
        Assert.Equal("A 1.1.0, B 1.0.0, C 1.0.0", Chosen(lowest));
        // Go's MVS: A 1.0 was reached before B raised A's minimum, and its C >= 1.2 still counts.
        Assert.Equal("A 1.1.0, B 1.0.0, C 1.2.0", Chosen(minimal));
        // Exactly the lock file.
        Assert.Equal("A 2.0.0, B 1.0.0, C 1.0.0", Chosen(locked));
        Assert.Equal(["Highest", "Lowest", "Minimal", "Locked"], new[] { highest, lowest, minimal, locked }.Select(o => o.ToResult().Policy));
    }

    [Fact]
    public async Task Locked_policy_asks_no_feed_and_takes_hashes_from_the_lock()
    {
        var feed = SharedGraph();
        var lockFile = new LockFile(ResolutionPolicy.Highest, [], [Locked("A", "2.0", ("C", "[1.0,)")), Locked("B", "1.0", ("A", "[1.1,)")), Locked("C", "1.0")]);

        var outcome = await With([feed], null, lockFile, Roots);

        Assert.Equal(ResolutionPolicy.Locked, outcome.Policy);
        Assert.Equal(0, feed.TotalMetadataCalls);
        Assert.Equal("sha-C", outcome.ToResult().ResolvedPackages.Single(p => p.Id == "C").Sha512);
        Assert.Equal("deploy.ps1 -> A 2.0.0 -> C [1.0.0, )", outcome.Packages.Single(p => p.Id == "C").Reason);
    }

    [Fact]
    public async Task Default_policy_is_highest_without_a_lock_file_and_locked_with_one()
    {
        var feed = SharedGraph();
        var lockFile = new LockFile(ResolutionPolicy.Minimal, [], [Locked("A", "2.0", ("C", "[1.0,)")), Locked("B", "1.0", ("A", "[1.1,)")), Locked("C", "1.0")]);

        Assert.Equal(ResolutionPolicy.Highest, (await With([feed], null, null, Roots)).Policy);
        Assert.Equal(ResolutionPolicy.Locked, (await With([feed], null, lockFile, Roots)).Policy);
        Assert.Equal(ResolutionPolicy.Highest, PolicySelector.Choose(null, null, lockedMode: false));
        Assert.Equal(ResolutionPolicy.Locked, PolicySelector.Choose(null, lockFile, lockedMode: false));
        Assert.Equal(ResolutionPolicy.Lowest, PolicySelector.Choose(ResolutionPolicy.Lowest, lockFile, lockedMode: false));
        Assert.Equal(ResolutionPolicy.Locked, PolicySelector.Choose(ResolutionPolicy.Lowest, lockFile, lockedMode: true));
    }

    [Fact]
    public async Task A_stale_lock_keeps_every_pin_that_still_fits_and_re_resolves_only_the_rest()
    {
        var feed = SharedGraph();
        // A 1.0 no longer satisfies B's A >= 1.1; C 1.2 and B 1.0 still fit and are kept (Highest alone would take C 1.3).
        var lockFile = new LockFile(ResolutionPolicy.Highest, [], [Locked("A", "1.0", ("C", "[1.2,)")), Locked("B", "1.0", ("A", "[1.1,)")), Locked("C", "1.2")]);

        var outcome = await With([feed], null, lockFile, Roots);

        Assert.True(outcome.Success, outcome.Error?.Message);
        Assert.Equal(ResolutionPolicy.Highest, outcome.Policy);
        Assert.Equal("A 2.0.0, B 1.0.0, C 1.2.0", Chosen(outcome));
    }

    [Fact]
    public async Task A_new_requirement_is_added_and_a_removed_one_drops_out_without_asking_feeds_for_the_rest()
    {
        var feed = SharedGraph();
        var lockFile = new LockFile(ResolutionPolicy.Highest, [], [Locked("C", "1.0"), Locked("Gone", "1.0")], path: "depresolve.lock.json");

        var added = await With([feed], null, lockFile, Requirement("C", "1.0"), Requirement("A", "1.0", "new.ps1"));
        var dropped = await With([feed], null, lockFile, Requirement("C", "1.0"));

        Assert.Equal("A 2.0.0, C 1.0.0", Chosen(added));
        Assert.Equal("C 1.0.0", Chosen(dropped));
        Assert.Equal(ResolutionPolicy.Locked, dropped.Policy);
    }

    [Fact]
    public async Task Locked_mode_fails_on_any_drift_and_names_what_would_change()
    {
        var feed = SharedGraph();
        var lockFile = new LockFile(
            ResolutionPolicy.Highest,
            [],
            [Locked("A", "1.0", ("C", "[1.2,)")), Locked("B", "1.0", ("A", "[1.1,)")), Locked("C", "1.2"), Locked("Gone", "1.0")],
            path: "/scripts/depresolve.lock.json",
            section: "deploy.ps1");

        var stale = await new DependencyResolver([feed]).ResolveAsync(new ResolutionRequest { Requirements = [.. Roots, Requirement("D", "1.0")], LockFile = lockFile, LockedMode = true });
        feed.Package("D", "1.5");
        var viaPolicy = await With([feed], ResolutionPolicy.Locked, lockFile, [.. Roots, Requirement("D", "1.0")]);

        // D is on no feed yet: what would change is unknown, so the error is the lock's own gap.
        Assert.Equal(ErrorCode.VersionConflict, stale.Error!.Code);
        Assert.StartsWith("The lock file /scripts/depresolve.lock.json (section 'deploy.ps1') has no entry for D, required by deploy.ps1 -> D [1.0.0, ).", stale.Error.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCode.VersionConflict, viaPolicy.Error!.Code);
        Assert.Equal(
            "The lock file /scripts/depresolve.lock.json (section 'deploy.ps1') is out of date and locked mode forbids changing it; resolving would have " +
            "added D 1.5.0; removed Gone 1.0.0; changed A 1.0.0 -> 2.0.0. Resolve without locked mode to update the lock file.",
            viaPolicy.Error.Message);
        Assert.Empty(viaPolicy.Packages);
    }

    [Fact]
    public async Task Locked_mode_passes_without_asking_feeds_when_the_section_holds_exactly_what_is_needed()
    {
        var feed = SharedGraph();
        var lockFile = new LockFile(ResolutionPolicy.Highest, [], [Locked("A", "2.0", ("C", "[1.0,)")), Locked("B", "1.0", ("A", "[1.1,)")), Locked("C", "1.0")]);

        var outcome = await new DependencyResolver([feed]).ResolveAsync(new ResolutionRequest { Requirements = Roots, LockFile = lockFile, LockedMode = true, Policy = ResolutionPolicy.Highest });

        Assert.True(outcome.Success, outcome.Error?.Message);
        Assert.Equal("A 2.0.0, B 1.0.0, C 1.0.0", Chosen(outcome));
        Assert.Equal(0, feed.TotalMetadataCalls);
    }

    [Fact]
    public async Task UpdateLock_re_resolves_with_the_policy_the_lock_recorded()
    {
        var feed = SharedGraph();
        var lockFile = new LockFile(ResolutionPolicy.Minimal, [], [Locked("A", "1.0", ("C", "[1.2,)")), Locked("B", "1.0", ("A", "[1.1,)")), Locked("C", "1.2")]);

        var outcome = await new DependencyResolver([feed]).ResolveAsync(new ResolutionRequest { Requirements = Roots, LockFile = lockFile, UpdateLock = true });

        Assert.Equal(ResolutionPolicy.Minimal, outcome.Policy);
        Assert.Equal("A 1.1.0, B 1.0.0, C 1.2.0", Chosen(outcome));

        var highest = await new DependencyResolver([feed]).ResolveAsync(new ResolutionRequest { Requirements = Roots, LockFile = lockFile, UpdateLock = true, Policy = ResolutionPolicy.Highest });
        Assert.Equal("A 2.0.0, B 1.0.0, C 1.3.0", Chosen(highest));
    }

    [Fact]
    public async Task Locked_policy_without_a_lock_file_is_invalid_input()
    {
        var outcome = await With([SharedGraph()], ResolutionPolicy.Locked, null, Roots);

        Assert.Equal(ErrorCode.InvalidInput, outcome.Error!.Code);
    }

    [Fact]
    public async Task Minimal_falls_back_to_lowest_with_a_warning_when_a_minimum_breaks_an_upper_bound()
    {
        var feed = new InMemoryFeed();
        feed.Package("Top", "1.0").DependsOn("Mid", "[1.0,)").DependsOn("Capped", "[1.0,)")
            .Package("Mid", "1.0").DependsOn("Leaf", "[2.0,)")
            .Package("Mid", "1.1").DependsOn("Leaf", "[1.0,)")
            .Package("Capped", "1.0").DependsOn("Mid", "[1.1,)").DependsOn("Leaf", "[1.0,2.0)")
            .Package("Leaf", "1.0").Package("Leaf", "2.0");

        var outcome = await With(feed, ResolutionPolicy.Minimal, Requirement("Top", "1.0"));

        // MVS takes Leaf 2.0 from Mid 1.0, which Capped's upper bound excludes.
        Assert.Equal("Capped 1.0.0, Leaf 1.0.0, Mid 1.1.0, Top 1.0.0", Chosen(outcome));
        var warning = Assert.Single(outcome.Warnings);
        Assert.Equal("Minimal version selection breaks deploy.ps1 -> Top 1.0.0 -> Capped 1.0.0 -> Leaf [1.0.0, 2.0.0); chose the lowest versions that satisfy every requirement instead.", warning);
    }

    [Fact]
    public async Task Search_gives_up_at_the_work_bound_with_its_own_message()
    {
        var feed = new InMemoryFeed();
        feed.Package("A", "1.0").DependsOn("C", "[1.0,2.0)")
            .Package("A", "2.0").DependsOn("C", "[2.0,)")
            .Package("B", "1.0").DependsOn("C", "[1.0,2.0)")
            .Package("C", "1.5").Package("C", "2.5");

        var outcome = await new DependencyResolver([feed], new ResolverOptions { MaxCandidateAttempts = 2 })
            .ResolveAsync(new ResolutionRequest { Requirements = [Requirement("A", "1.0"), Requirement("B", "1.0")] });

        Assert.Equal(ErrorCode.VersionConflict, outcome.Error!.Code);
        Assert.StartsWith(
            "Resolution gave up after trying 2 candidate versions, the search limit, without finding a set of versions that fits. Conflicts met so far:\n" +
            "No version of C satisfies every requirement",
            outcome.Error.Message,
            StringComparison.Ordinal);
    }

    private static LockedPackage Locked(string id, string version, params (string Id, string Range)[] dependencies) =>
        new(id, NuGetVersion.Parse(version), "PSGallery", "sha-" + id, dependencies.Select(d => new PackageDependency(d.Id, VersionRange.Parse(d.Range))).ToList());
}
