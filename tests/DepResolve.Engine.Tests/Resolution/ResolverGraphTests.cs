using DepResolve.Engine.Model;
using DepResolve.Engine.Resolution;
using DepResolve.Engine.Tests.Fixtures;
using NuGet.Versioning;
using static DepResolve.Engine.Tests.Resolution.Resolve;

namespace DepResolve.Engine.Tests.Resolution;

public class ResolverGraphTests
{
    [Fact]
    public async Task Diamond_gets_one_version_that_satisfies_both_sides()
    {
        var feed = new InMemoryFeed();
        feed.Package("App", "1.0").DependsOn("Left", "[1.0,)").DependsOn("Right", "[1.0,)")
            .Package("Left", "1.0").DependsOn("Shared", "[1.0,)")
            .Package("Right", "1.0").DependsOn("Shared", "[1.5,2.0)")
            .Package("Shared", "1.0").Package("Shared", "1.6").Package("Shared", "2.1");

        var outcome = await With(feed, ResolutionPolicy.Highest, Requirement("App", "1.0"));

        Assert.Equal("App 1.0.0, Left 1.0.0, Right 1.0.0, Shared 1.6.0", Chosen(outcome));
        Assert.Equal("deploy.ps1 -> App 1.0.0 -> Left 1.0.0 -> Shared [1.0.0, )", outcome.Packages.Single(p => p.Id == "Shared").Reason);
    }

    [Fact]
    public async Task Deep_chain_resolves_every_level_and_explains_the_last_by_its_full_path()
    {
        var feed = new InMemoryFeed();
        for (var level = 0; level < 30; level++)
        {
            feed.Package($"Level{level:00}", "1.0").DependsOn($"Level{level + 1:00}", "[1.0,)");
            feed.Package($"Level{level:00}", "2.0").DependsOn($"Level{level + 1:00}", "[1.0,)");
        }

        feed.Package("Level30", "1.0");

        var outcome = await With(feed, ResolutionPolicy.Highest, Requirement("Level00", "1.0"));

        Assert.True(outcome.Success, outcome.Error?.Message);
        Assert.Equal(31, outcome.Packages.Count);
        Assert.All(outcome.Packages.Where(p => p.Id != "Level30"), p => Assert.Equal(new NuGetVersion(2, 0, 0), p.Version));
        var reason = outcome.Packages.Single(p => p.Id == "Level30").Reason;
        Assert.StartsWith("deploy.ps1 -> Level00 2.0.0 -> Level01 2.0.0 -> ", reason, StringComparison.Ordinal);
        Assert.EndsWith("-> Level29 2.0.0 -> Level30 [1.0.0, )", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conflict_that_only_backtracking_solves_takes_an_older_version_of_the_package_involved()
    {
        var feed = new InMemoryFeed();
        feed.Package("A", "1.0").DependsOn("C", "[1.0,2.0)")
            .Package("A", "2.0").DependsOn("C", "[2.0,)")
            .Package("B", "1.0").DependsOn("C", "[1.0,2.0)")
            .Package("C", "1.5").Package("C", "2.5");

        var outcome = await With(feed, ResolutionPolicy.Highest, Requirement("A", "1.0"), Requirement("B", "1.0"));

        // The newest A (2.0) needs C 2.x, which B rules out; only going back to A 1.0 fits.
        Assert.Equal("A 1.0.0, B 1.0.0, C 1.5.0", Chosen(outcome));
        Assert.True(outcome.CandidateAttempts > 3);
    }

    [Fact]
    public async Task Unsolvable_conflict_is_reported_as_both_paths_from_the_script()
    {
        var feed = new InMemoryFeed("PSGallery");
        feed.Package("Az.Compute", "7.0.0").DependsOn("Az.Accounts", "[3.0.0,)")
            .Package("Az.Compute", "7.1.0").DependsOn("Az.Accounts", "[3.0.0,)")
            .Package("Az.Storage", "5.0.0").DependsOn("Az.Accounts", "[2.0.0,3.0.0)")
            .Package("Az.Accounts", "2.5.0").Package("Az.Accounts", "3.1.0");

        var outcome = await With(feed, ResolutionPolicy.Highest, Requirement("Az.Compute", "7.0"), Requirement("Az.Storage", "5.0"));

        Assert.False(outcome.Success);
        Assert.Equal(ErrorCode.VersionConflict, outcome.Error!.Code);
        Assert.Equal(
            "No version of Az.Accounts satisfies every requirement (versions seen on feed 'PSGallery': 2.5.0, 3.1.0):\n" +
            "  deploy.ps1 -> Az.Compute 7.1.0 -> Az.Accounts [3.0.0, )\n" +
            "  against deploy.ps1 -> Az.Storage 5.0.0 -> Az.Accounts [2.0.0, 3.0.0)",
            outcome.Error.Message);
        var result = outcome.ToResult();
        Assert.False(result.Success);
        Assert.Equal(ErrorCode.VersionConflict, result.ErrorCode);
        Assert.Equal(outcome.Error.Message, result.ErrorDetails);
        Assert.Equal(["Az.Accounts [3.0.0, ) vs Az.Accounts [2.0.0, 3.0.0)"], result.FailedPackages);
        Assert.Empty(result.ResolvedPackages);
    }

    [Fact]
    public async Task Two_root_requirements_on_one_id_that_exclude_each_other_name_both_requesters()
    {
        var feed = new InMemoryFeed();
        feed.Package("Pester", "4.10.1").Package("Pester", "5.5.0");

        var outcome = await With(feed, null, Requirement("Pester", "[5.0,)", "build.ps1"), Requirement("Pester", "[4.0,5.0)", "legacy.Tests.ps1"));

        Assert.Equal(ErrorCode.VersionConflict, outcome.Error!.Code);
        Assert.Equal(
            "No version of Pester satisfies every requirement (versions seen on feed 'memory': 4.10.1, 5.5.0):\n" +
            "  build.ps1 -> Pester [5.0.0, )\n" +
            "  against legacy.Tests.ps1 -> Pester [4.0.0, 5.0.0)",
            outcome.Error.Message);
    }

    [Fact]
    public async Task Cycle_is_reported_as_a_path_around_it()
    {
        var feed = new InMemoryFeed();
        feed.Package("A", "1.0").DependsOn("B", "[1.0,)")
            .Package("B", "1.0").DependsOn("C", "[1.0,)")
            .Package("C", "1.0").DependsOn("A", "[1.0,)");

        var outcome = await With(feed, ResolutionPolicy.Highest, Requirement("A", "1.0"));

        Assert.Equal(ErrorCode.VersionConflict, outcome.Error!.Code);
        Assert.Equal("Dependency cycle: deploy.ps1 -> A 1.0.0 -> B 1.0.0 -> C 1.0.0 -> A [1.0.0, )", outcome.Error.Message);
    }

    [Fact]
    public async Task Self_dependency_is_a_cycle_too()
    {
        var feed = new InMemoryFeed();
        feed.Package("Loop", "1.0").DependsOn("Loop", "[1.0,)");

        var outcome = await With(feed, ResolutionPolicy.Highest, Requirement("Loop", "1.0"));

        Assert.Equal("Dependency cycle: deploy.ps1 -> Loop 1.0.0 -> Loop [1.0.0, )", outcome.Error!.Message);
    }

    [Fact]
    public async Task Prerelease_versions_are_skipped_unless_allowed()
    {
        var feed = new InMemoryFeed();
        feed.Package("Tool", "1.0").Package("Tool", "1.1.0-beta1");

        Assert.Equal("Tool 1.0.0", Chosen(await With(feed, ResolutionPolicy.Highest, Requirement("Tool", "1.0"))));
        Assert.Equal("Tool 1.1.0-beta1", Chosen(await With(feed, ResolutionPolicy.Highest, Requirement("Tool", "1.0", allowPrerelease: true))));
    }

    [Fact]
    public async Task Prerelease_is_taken_when_the_range_itself_names_a_prerelease_bound()
    {
        var feed = new InMemoryFeed();
        feed.Package("Tool", "1.0").Package("Tool", "1.1.0-beta1")
            .Package("User", "1.0").DependsOn("Tool", "[1.1.0-beta1,)");

        Assert.Equal("Tool 1.1.0-beta1, User 1.0.0", Chosen(await With(feed, ResolutionPolicy.Highest, Requirement("User", "1.0"))));
    }

    [Fact]
    public async Task Range_only_a_prerelease_satisfies_fails_with_the_range_the_versions_and_a_hint()
    {
        var feed = new InMemoryFeed();
        feed.Package("Tool", "1.0").Package("Tool", "2.0.0-rc1");

        var outcome = await With(feed, ResolutionPolicy.Highest, Requirement("Tool", "1.5"));

        Assert.Equal(ErrorCode.PackageNotFound, outcome.Error!.Code);
        Assert.Equal(
            "No version of Tool satisfies deploy.ps1 -> Tool [1.5.0, ) (versions seen on feed 'memory': 1.0.0, 2.0.0-rc1). " +
            "Tool 2.0.0-rc1 is a prerelease: allow prereleases to use it.",
            outcome.Error.Message);
    }

    [Fact]
    public async Task Unknown_package_names_the_id_and_every_feed_asked()
    {
        var first = new InMemoryFeed("internal");
        var second = new InMemoryFeed("PSGallery");
        first.Package("Known", "1.0").DependsOn("Missing.Module", "[1.0,)");

        var outcome = await With([first, second], ResolutionPolicy.Highest, null, Requirement("Known", "1.0"));

        Assert.Equal(ErrorCode.PackageNotFound, outcome.Error!.Code);
        Assert.Equal("Package 'Missing.Module' was not found on feeds 'internal', 'PSGallery'. Required by: deploy.ps1 -> Known 1.0.0 -> Missing.Module [1.0.0, )", outcome.Error.Message);
        Assert.Equal("Missing.Module", outcome.Error.Target);
    }

    [Fact]
    public async Task Range_no_version_satisfies_names_the_range_and_the_versions_seen()
    {
        var feed = new InMemoryFeed();
        feed.Package("Old", "1.0").Package("Old", "2.0");

        var outcome = await With(feed, ResolutionPolicy.Highest, Requirement("Old", "[5.0,)"));

        Assert.Equal(ErrorCode.PackageNotFound, outcome.Error!.Code);
        Assert.Equal("No version of Old satisfies deploy.ps1 -> Old [5.0.0, ) (versions seen on feed 'memory': 1.0.0, 2.0.0).", outcome.Error.Message);
    }

    [Fact]
    public void Malformed_range_string_is_invalid_input_naming_text_and_origin()
    {
        var error = Assert.Throws<DepResolveException>(() => VersionRangeParser.Parse("[1.0", "depresolve.json"));

        Assert.Equal(ErrorCode.InvalidInput, error.Code);
        Assert.StartsWith("'[1.0' is not a valid version range in depresolve.json.", error.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCode.InvalidInput, Assert.Throws<DepResolveException>(() => VersionRangeParser.Parse("[2.0, 1.0]")).Code);
        Assert.Equal(ErrorCode.InvalidInput, Assert.Throws<DepResolveException>(() => VersionRangeParser.ParseVersion("one.two")).Code);
        Assert.Equal(VersionRange.Parse("[1.2.0, )"), VersionRangeParser.Parse("1.2"));
        Assert.Equal(VersionRange.All, VersionRangeParser.Parse("  "));
    }

    [Fact]
    public async Task An_id_on_the_highest_priority_feed_is_taken_only_from_it_whatever_the_policy()
    {
        var internalFeed = new InMemoryFeed("internal");
        var gallery = new InMemoryFeed("PSGallery");
        internalFeed.Package("Corp.Tools", "1.0");
        gallery.Package("Corp.Tools", "1.0").Package("Corp.Tools", "99.0");

        var highest = await With([internalFeed, gallery], ResolutionPolicy.Highest, null, Requirement("Corp.Tools", "1.0"));
        var lowest = await With([internalFeed, gallery], ResolutionPolicy.Lowest, null, Requirement("Corp.Tools", "1.0"));

        Assert.Equal(("1.0.0", "internal"), (highest.ToResult().ResolvedPackages.Single().Version, highest.ToResult().ResolvedPackages.Single().Source));
        Assert.Equal(("1.0.0", "internal"), (lowest.ToResult().ResolvedPackages.Single().Version, lowest.ToResult().ResolvedPackages.Single().Source));
        Assert.False(gallery.MetadataCalls.ContainsKey("Corp.Tools"));
    }

    [Fact]
    public async Task Feed_restriction_of_a_requirement_is_honoured()
    {
        var internalFeed = new InMemoryFeed("internal");
        var gallery = new InMemoryFeed("PSGallery");
        internalFeed.Package("Corp.Tools", "1.0");
        gallery.Package("Corp.Tools", "9.0");

        var outcome = await With([internalFeed, gallery], ResolutionPolicy.Highest, null, Requirement("Corp.Tools", "1.0", feeds: "internal"));

        Assert.Equal("Corp.Tools 1.0.0", Chosen(outcome));
        Assert.False(gallery.MetadataCalls.ContainsKey("Corp.Tools"));
    }

    [Fact]
    public async Task Four_part_version_and_its_three_part_form_are_one_version()
    {
        Assert.Equal(NuGetVersion.Parse("2.0.4.0"), NuGetVersion.Parse("2.0.4"));

        var first = new InMemoryFeed("first");
        var second = new InMemoryFeed("second");
        first.Package("powershell-yaml", "2.0.4.0");
        second.Package("powershell-yaml", "2.0.4").Package("powershell-yaml", "2.0.4.1");

        var exact = await With([first, second], ResolutionPolicy.Highest, null, Requirement("powershell-yaml", "[2.0.4]"));
        var highest = await With([first, second], ResolutionPolicy.Highest, null, Requirement("powershell-yaml", "2.0"));

        var package = exact.ToResult().ResolvedPackages.Single();
        Assert.Equal(("2.0.4", "first"), (package.Version, package.Source));
        // The id is on the first feed, so the second one's 2.0.4.1 is never considered.
        Assert.Equal("powershell-yaml 2.0.4", Chosen(highest));
    }

    [Fact]
    public async Task Dependency_group_for_net8_is_chosen_over_other_frameworks_and_any_group_is_the_fallback()
    {
        var feed = new InMemoryFeed();
        feed.Package("Lib", "1.0").DependsOnFor("net472", "Desktop.Only", "1.0").DependsOnFor("netstandard2.0", "Portable", "1.0").DependsOn("AnyGroup", "1.0")
            .Package("OldLib", "1.0").DependsOnFor("net472", "Desktop.Only", "1.0").DependsOn("AnyGroup", "1.0")
            .Package("Portable", "1.0").Package("AnyGroup", "1.0");

        Assert.Equal("Lib 1.0.0, Portable 1.0.0", Chosen(await With(feed, ResolutionPolicy.Highest, Requirement("Lib", "1.0"))));
        Assert.Equal("AnyGroup 1.0.0, OldLib 1.0.0", Chosen(await With(feed, ResolutionPolicy.Highest, Requirement("OldLib", "1.0"))));
    }

    [Fact]
    public async Task Floating_range_takes_the_newest_match_under_every_policy()
    {
        var feed = new InMemoryFeed();
        feed.Package("Float", "1.0").Package("Float", "1.5").Package("Float", "2.0");

        Assert.Equal("Float 1.5.0", Chosen(await With(feed, ResolutionPolicy.Highest, Requirement("Float", "1.*"))));
        Assert.Equal("Float 1.5.0", Chosen(await With(feed, ResolutionPolicy.Lowest, Requirement("Float", "1.*"))));
        Assert.Equal("Float 2.0.0", Chosen(await With(feed, ResolutionPolicy.Lowest, Requirement("Float", "*"))));
    }

    [Fact]
    public async Task Unlisted_version_is_used_only_when_asked_for_exactly()
    {
        var feed = new InMemoryFeed();
        feed.Package("Pulled", "1.0").Package("Pulled", "2.0").Unlisted();

        Assert.Equal("Pulled 1.0.0", Chosen(await With(feed, ResolutionPolicy.Highest, Requirement("Pulled", "1.0"))));
        Assert.Equal("Pulled 2.0.0", Chosen(await With(feed, ResolutionPolicy.Highest, Requirement("Pulled", "[2.0]"))));
    }

    [Fact]
    public async Task Result_carries_source_hash_module_flag_and_sorted_dependencies()
    {
        var feed = new InMemoryFeed("PSGallery");
        feed.Package("Az.Compute", "7.1.0").PowerShellModule("Get-AzVM").DependsOn("Az.Accounts", "[3.0.0,)").DependsOn("Az.Accounts.Extra", "[1.0,2.0)")
            .Package("Az.Accounts", "3.0.0").PowerShellModule("Connect-AzAccount")
            .Package("Az.Accounts.Extra", "1.0");

        var result = (await With(feed, null, Requirement("Az.Compute", "7.0"))).ToResult();

        Assert.True(result.Success);
        Assert.Equal("Highest", result.Policy);
        var compute = result.ResolvedPackages.Single(p => p.Id == "Az.Compute");
        Assert.Equal(["Az.Accounts [3.0.0, )", "Az.Accounts.Extra [1.0.0, 2.0.0)"], compute.Dependencies);
        Assert.True(compute.IsPowerShellModule);
        Assert.Equal(InMemoryFeed.Sha512Of("Az.Compute", NuGetVersion.Parse("7.1.0")), compute.Sha512);
        Assert.Equal("PSGallery", compute.Source);
        Assert.Equal("deploy.ps1 -> Az.Compute [7.0.0, )", compute.Reason);
        Assert.Equal("deploy.ps1 -> Az.Compute 7.1.0 -> Az.Accounts [3.0.0, )", result.ResolvedPackages.Single(p => p.Id == "Az.Accounts").Reason);
        Assert.False(result.ResolvedPackages.Single(p => p.Id == "Az.Accounts.Extra").IsPowerShellModule);
    }
}
