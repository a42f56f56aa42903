using DepResolve.Engine.Model;
using DepResolve.Engine.Resolution;
using DepResolve.Engine.Tests.Fixtures;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using NuGet.Versioning;

namespace DepResolve.Engine.Tests.Resolution;

/// <summary>
/// For random small graphs: every successful resolution satisfies every requirement with one version per id and no
/// cycle, and every failure is real — no assignment of versions exists, checked by trying them all.
/// </summary>
public class ResolverPropertyTests
{
    private const ulong Seed = 20_240_611;
    private const int Cases = 250;

    private static readonly string[] Ids = ["A", "B", "C", "D"];
    private static readonly string[] Versions = ["1.0.0", "1.1.0", "2.0.0", "2.1.0-beta"];
    private static readonly string[] Ranges = ["[1.0.0, )", "[1.0.0, )", "(, 2.1.0]", "[1.1.0, )", "[2.0.0, )", "[1.0.0, 2.0.0)", "(, 1.1.0]", "[1.1.0]", "[2.1.0-beta, )", "[1.0.0, 1.1.0]"];

    [Fact]
    public async Task Every_answer_is_right_and_every_failure_is_real()
    {
        var successes = 0;
        var failures = 0;
        var property = Prop.ForAll(GraphSpec.Generator().ToArbitrary(), graph =>
        {
            if (CheckOne(graph))
            {
                Interlocked.Increment(ref successes);
            }
            else
            {
                Interlocked.Increment(ref failures);
            }
        });
        var config = Config.QuickThrowOnFailure
            .WithMaxTest(Cases)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(Seed), FSharpOption<int>.None)));

        await Task.Run(() => Check.One(config, property));

        // Both outcomes must be well represented, or the property proves little.
        Assert.True(successes > Cases / 5, $"only {successes} of {Cases} graphs resolved");
        Assert.True(failures > Cases / 10, $"only {failures} of {Cases} graphs failed");
    }

    /// <summary>Returns whether the resolver succeeded; throws when its answer is wrong.</summary>
    private static bool CheckOne(GraphSpec graph)
    {
        var feed = new InMemoryFeed("random");
        foreach (var package in graph.Packages)
        {
            var builder = feed.Package(package.Id, package.Version);
            foreach (var (id, range) in package.Dependencies)
            {
                builder.DependsOn(id, range);
            }
        }

        var requirements = graph.Roots.Select(r => new PackageRequirement(r.Id, VersionRange.Parse(r.Range)) { RequestedBy = "random.ps1", AllowPrerelease = r.AllowPrerelease }).ToArray();
        var outcome = new DependencyResolver([feed]).ResolveAsync(new ResolutionRequest { Requirements = requirements, Policy = graph.Policy }).GetAwaiter().GetResult();

        if (outcome.Success)
        {
            var ids = outcome.Packages.Select(p => p.Id).ToList();
            if (ids.Distinct(StringComparer.OrdinalIgnoreCase).Count() != ids.Count)
            {
                throw new InvalidOperationException($"two versions of one id: {string.Join(", ", outcome.Packages)}\n{graph}");
            }

            var chosen = outcome.Packages.ToDictionary(p => p.Id, p => p.Version, StringComparer.OrdinalIgnoreCase);
            if (!graph.IsValid(chosen))
            {
                throw new InvalidOperationException($"the resolver chose {string.Join(", ", outcome.Packages)}, which breaks a requirement or has a cycle\n{graph}");
            }

            return true;
        }

        if (outcome.Error!.Code is not (ErrorCode.PackageNotFound or ErrorCode.VersionConflict) || outcome.Error.Message.Contains("search limit", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"unexpected failure {outcome.Error}\n{graph}");
        }

        var witness = graph.AllAssignments().FirstOrDefault(graph.IsValid);
        if (witness is not null)
        {
            throw new InvalidOperationException(
                $"the resolver failed ({outcome.Error.Message}) but {string.Join(", ", witness.Select(p => $"{p.Key} {p.Value}"))} satisfies everything\n{graph}");
        }

        return false;
    }

    private static readonly Dictionary<string, VersionRange> ParsedRanges = Ranges.Distinct().ToDictionary(r => r, VersionRange.Parse);
    private static readonly Dictionary<string, NuGetVersion> ParsedVersions = Versions.ToDictionary(v => v, NuGetVersion.Parse);

    private sealed record PackageSpec(string Id, string Version, (string Id, string Range)[] Dependencies);

    private sealed record RootSpec(string Id, string Range, bool AllowPrerelease);

    private sealed record GraphSpec(PackageSpec[] Packages, RootSpec[] Roots, ResolutionPolicy Policy)
    {
        public static Gen<GraphSpec> Generator()
        {
            // "E" is never published: depending on it is depending on an unknown package.
            var dependency =
                from id in Gen.Elements("A", "B", "C", "D", "A", "B", "C", "D", "A", "B", "C", "D", "E")
                from range in Gen.Elements(Ranges)
                select (id, range);
            var slot =
                from present in Gen.Elements(true, true, true, false)
                from count in Gen.Elements(0, 0, 1, 1, 2)
                from dependencies in Gen.ArrayOf(dependency, count)
                select (present, dependencies);
            var root =
                from id in Gen.Elements(Ids)
                from range in Gen.Elements(Ranges)
                from allowPrerelease in Gen.Elements(false, false, false, true)
                select new RootSpec(id, range, allowPrerelease);

            return
                from idCount in Gen.Choose(1, Ids.Length)
                from slots in Gen.ArrayOf(slot, Ids.Length * Versions.Length)
                from rootCount in Gen.Elements(1, 1, 2, 3)
                from roots in Gen.ArrayOf(root, rootCount)
                from policy in Gen.Elements(ResolutionPolicy.Highest, ResolutionPolicy.Lowest, ResolutionPolicy.Minimal)
                select new GraphSpec(
                    Enumerable.Range(0, idCount * Versions.Length)
                        .Where(i => slots[i].present)
                        .Select(i => new PackageSpec(Ids[i / Versions.Length], Versions[i % Versions.Length], slots[i].dependencies))
                        .ToArray(),
                    roots,
                    policy);
        }

        /// <summary>Every way to pick at most one published version per id.</summary>
        public IEnumerable<Dictionary<string, NuGetVersion>> AllAssignments()
        {
            var options = Packages.GroupBy(p => p.Id)
                .Select(g => (Id: g.Key, Versions: g.Select(p => (NuGetVersion?)ParsedVersions[p.Version]).Prepend(null).ToList()))
                .ToList();
            var total = options.Aggregate(1, (n, o) => n * o.Versions.Count);
            for (var index = 0; index < total; index++)
            {
                var assignment = new Dictionary<string, NuGetVersion>(StringComparer.OrdinalIgnoreCase);
                var rest = index;
                foreach (var (id, versions) in options)
                {
                    var pick = versions[rest % versions.Count];
                    rest /= versions.Count;
                    if (pick is not null)
                    {
                        assignment[id] = pick;
                    }
                }

                yield return assignment;
            }
        }

        /// <summary>Written independently of the resolver: roots and every dependency satisfied, prerelease rules kept, no cycle.</summary>
        public bool IsValid(IReadOnlyDictionary<string, NuGetVersion> chosen)
        {
            static bool Admits(string rangeText, bool allowPrerelease, NuGetVersion? version)
            {
                var range = ParsedRanges[rangeText];
                return version is not null
                    && range.Satisfies(version)
                    && (!version.IsPrerelease || allowPrerelease || range.MinVersion?.IsPrerelease == true || range.MaxVersion?.IsPrerelease == true);
            }

            PackageSpec Spec(string id) => Packages.Single(p => p.Id == id && ParsedVersions[p.Version] == chosen[id]);

            if (!Roots.All(r => Admits(r.Range, r.AllowPrerelease, chosen.GetValueOrDefault(r.Id))))
            {
                return false;
            }

            if (!chosen.Keys.All(id => Spec(id).Dependencies.All(d => Admits(d.Range, false, chosen.GetValueOrDefault(d.Id)))))
            {
                return false;
            }

            // No cycle: repeatedly remove packages none of whose dependencies remain.
            var remaining = chosen.Keys.ToHashSet();
            while (remaining.Count > 0)
            {
                var leaf = remaining.FirstOrDefault(id => !Spec(id).Dependencies.Any(d => remaining.Contains(d.Id)));
                if (leaf is null)
                {
                    return false;
                }

                remaining.Remove(leaf);
            }

            return true;
        }

        public override string ToString() =>
            $"policy {Policy}; roots: {string.Join("; ", Roots.Select(r => $"{r.Id} {r.Range}{(r.AllowPrerelease ? " (prerelease ok)" : "")}"))}\n" +
            string.Join("\n", Packages.Select(p => $"  {p.Id} {p.Version} -> {string.Join(", ", p.Dependencies.Select(d => $"{d.Id} {d.Range}"))}"));
    }
}
