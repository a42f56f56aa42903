using DepResolve.Engine.Mapping;
using DepResolve.Engine.Model;

namespace DepResolve.Engine.Tests.Mapping;

public sealed class RequirementBuilderTests
{
    private static ScriptDependency Mapped(string package, string? range = null, int line = 1) => new()
    {
        Name = package,
        Kind = DependencyKind.Module,
        Evidence = DependencyEvidence.ImportModule,
        MappedPackage = package,
        VersionRange = range,
        Path = "/scripts/deploy.ps1",
        Line = line,
    };

    [Fact]
    public void Duplicates_of_one_id_merge_into_the_intersection_of_their_ranges()
    {
        var set = RequirementBuilder.Build([Mapped("Pester", "[5.0.0, )"), Mapped("pester", "[5.3.0, 6.0.0)"), Mapped("Pester")]);

        var root = Assert.Single(set.Roots);
        Assert.Equal("Pester", root.Id);
        Assert.Equal("[5.3.0, 6.0.0)", root.Range.ToNormalizedString());
        Assert.Equal("deploy.ps1", root.RequestedBy);
        Assert.Empty(set.Conflicts);
    }

    [Fact]
    public void A_package_is_a_library_root_only_when_every_request_for_it_is_an_assembly_or_a_nuget_package()
    {
        static ScriptDependency As(string package, DependencyKind kind, DependencyEvidence evidence) =>
            new() { Name = package, Kind = kind, Evidence = evidence, MappedPackage = package, Path = "/scripts/deploy.ps1", Line = 1 };

        var set = RequirementBuilder.Build([
            As("Contoso.Lib", DependencyKind.NuGetPackage, DependencyEvidence.NuGetDirective),
            As("Contoso.Data", DependencyKind.Assembly, DependencyEvidence.AddType),
            As("Contoso.Tools", DependencyKind.Assembly, DependencyEvidence.TypeLiteral),
            Mapped("Contoso.Tools"),
            As("Contoso.Command", DependencyKind.Command, DependencyEvidence.CommandUsage),
        ]);

        Assert.Equal(["Contoso.Data", "Contoso.Lib"], set.Roots.Where(r => r.AsLibrary).Select(r => r.Id));
        Assert.True(set.Roots.Single(r => r.Id == "Contoso.Tools").AsModule);
    }

    [Fact]
    public void Ranges_with_nothing_in_common_are_a_conflict_naming_both_requests_not_a_root()
    {
        var set = RequirementBuilder.Build([Mapped("Az.Accounts", "[2.0.0, 3.0.0)", line: 4), Mapped("Az.Accounts", "[3.0.0, )", line: 9)]);

        Assert.Empty(set.Roots);
        var conflict = Assert.Single(set.Conflicts);
        Assert.Equal("Az.Accounts", conflict.PackageId);
        Assert.Contains("[2.0.0, 3.0.0) (Az.Accounts at deploy.ps1:4)", conflict.Requests);
        Assert.Contains("[3.0.0, ) (Az.Accounts at deploy.ps1:9)", conflict.Requests);
    }

    [Fact]
    public void Optional_dependencies_are_reported_but_become_roots_only_when_asked()
    {
        var optional = Mapped("PSWindowsUpdate");
        optional.IsOptional = true;

        var byDefault = RequirementBuilder.Build([optional]);
        var asked = RequirementBuilder.Build([optional], new RequirementBuildOptions { IncludeOptional = true });

        Assert.Empty(byDefault.Roots);
        Assert.Contains("optional", Assert.Single(byDefault.Skipped).Reason);
        Assert.Equal("PSWindowsUpdate", Assert.Single(asked.Roots).Id);
    }

    [Fact]
    public void Conditional_dependencies_are_roots_unless_excluded()
    {
        var conditional = Mapped("Microsoft.WinGet.Client");
        conditional.Condition = "$IsWindows";

        Assert.Single(RequirementBuilder.Build([conditional]).Roots);
        Assert.Empty(RequirementBuilder.Build([conditional], new RequirementBuildOptions { IncludeConditional = false }).Roots);
    }

    [Fact]
    public void Built_ins_applications_and_local_files_never_become_requirements_and_unresolvables_keep_their_reason()
    {
        var builtIn = new ScriptDependency { Name = "Get-ChildItem", Kind = DependencyKind.Module, IsBuiltIn = true, MappingReason = "ships with PowerShell" };
        var app = new ScriptDependency { Name = "git", Kind = DependencyKind.Application, MappingReason = "git is a native executable" };
        var script = new ScriptDependency { Name = "/scripts/helpers.ps1", Kind = DependencyKind.Script };
        var dll = new ScriptDependency { Name = "/scripts/lib/Contoso.dll", Kind = DependencyKind.Assembly };
        var lost = new ScriptDependency { Name = "Get-Nothing", Kind = DependencyKind.Module, IsUnresolvable = true, MappingReason = "no module exports it" };

        var set = RequirementBuilder.Build([builtIn, app, script, dll, lost, Mapped("ImportExcel", "7.8.6")]);

        Assert.Equal("ImportExcel [7.8.6, )", Assert.Single(set.Roots).ToString());
        Assert.Equal(4, set.Skipped.Count);
        Assert.StartsWith("built in", set.Skipped[0].Reason);
        Assert.StartsWith("native executable", set.Skipped[1].Reason);
        Assert.StartsWith("local file", set.Skipped[2].Reason);
        Assert.StartsWith("local file", set.Skipped[3].Reason);
        Assert.Equal("no module exports it", Assert.Single(set.Unresolvable).Reason);
    }

    [Fact]
    public void An_invalid_range_is_unresolvable_and_a_prerelease_bound_allows_prereleases()
    {
        var set = RequirementBuilder.Build([Mapped("Bad", "not-a-range"), Mapped("Preview", "[2.0.0-beta1, )")]);

        Assert.Contains("not-a-range", Assert.Single(set.Unresolvable).Reason);
        Assert.True(Assert.Single(set.Roots).AllowPrerelease);
    }
}
