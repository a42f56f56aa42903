using DepResolve.Engine.Feeds;
using DepResolve.Engine.Model;
using DepResolve.Engine.Resolution;
using DepResolve.Engine.Resolution.Locking;
using NuGet.Versioning;

namespace DepResolve.Engine.Tests.Resolution;

/// <summary>Short ways to state requirements and run the resolver in tests.</summary>
internal static class Resolve
{
    public const string Script = "deploy.ps1";

    public static PackageRequirement Requirement(string id, string range, string requestedBy = Script, bool allowPrerelease = false, params string[] feeds) =>
        new(id, VersionRange.Parse(range)) { RequestedBy = requestedBy, AllowPrerelease = allowPrerelease, Feeds = feeds };

    public static Task<ResolutionOutcome> With(IPackageFeed feed, ResolutionPolicy? policy, params PackageRequirement[] requirements) =>
        With([feed], policy, null, requirements);

    public static Task<ResolutionOutcome> With(IReadOnlyList<IPackageFeed> feeds, ResolutionPolicy? policy, LockFile? lockFile, params PackageRequirement[] requirements) =>
        new DependencyResolver(feeds).ResolveAsync(new ResolutionRequest { Requirements = requirements, Policy = policy, LockFile = lockFile });

    /// <summary>"A 1.0.0, B 2.0.0": the chosen set, sorted by id.</summary>
    public static string Chosen(ResolutionOutcome outcome)
    {
        Assert.True(outcome.Success, outcome.Error?.Message);
        return string.Join(", ", outcome.Packages.Select(p => $"{p.Id} {p.Version.ToNormalizedString()}"));
    }
}
