using DepResolve.Engine.Analysis;
using DepResolve.Engine.Analysis.CSharp;
using DepResolve.Engine.Configuration;
using DepResolve.Engine.Mapping;
using DepResolve.Engine.Model;

namespace DepResolve.Engine.Tests.Mapping;

/// <summary>The example in the README's analysis-csharp section, end to end: analysis, mapping, roots.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public async Task The_report_script_example_maps_as_documented()
    {
        var addType = new CSharpDependencyAnalyzer().AnalyzeTypeDefinition("""
            using Renci.SshNet;
            public static class Probe { public static string Json(object o) => Newtonsoft.Json.JsonConvert.SerializeObject(o); }
            """, new SourceOrigin("report.ps1", 5, 1));
        var fromReader = new[]
        {
            new ScriptDependency { Name = "ImportExcel", Kind = DependencyKind.Module, Evidence = DependencyEvidence.ImportModule, Path = "report.ps1", Line = 1 },
            new ScriptDependency { Name = "Get-AzVM", Kind = DependencyKind.Module, Evidence = DependencyEvidence.CommandUsage, Path = "report.ps1", Line = 2 },
            new ScriptDependency { Name = "Export-Excel", Kind = DependencyKind.Module, Evidence = DependencyEvidence.CommandUsage, Path = "report.ps1", Line = 2 },
            new ScriptDependency { Name = "Get-MgUser", Kind = DependencyKind.Module, Evidence = DependencyEvidence.CommandUsage, Path = "report.ps1", Line = 3 },
            new ScriptDependency { Name = "Select-Object", Kind = DependencyKind.Module, Evidence = DependencyEvidence.CommandUsage, Path = "report.ps1", Line = 3 },
        };

        var mapped = await new PackageMapper().MapAsync([.. fromReader, .. addType.Dependencies], [], new DepResolveOptions());
        var roots = RequirementBuilder.Build(mapped).Roots;

        Assert.Equal(
            [
                ("ImportExcel", "ImportExcel", "module ImportExcel is published under its own name"),
                ("Get-AzVM", "Az.Compute", "Get-AzVM -> Az.Compute: curated module catalog"),
                ("Export-Excel", "ImportExcel", "Export-Excel -> ImportExcel: curated module catalog"),
                ("Get-MgUser", "Microsoft.Graph.Users", "Get-MgUser -> Microsoft.Graph.Users: curated module catalog"),
                ("Select-Object", null, "Select-Object ships with PowerShell 7.4+ (module Microsoft.PowerShell.Utility)"),
                ("Renci.SshNet", "SSH.NET", "Renci.SshNet ships as NuGet package SSH.NET: curated namespace table"),
                ("Newtonsoft.Json", "Newtonsoft.Json", "Newtonsoft.Json ships as NuGet package Newtonsoft.Json: curated namespace table"),
            ],
            mapped.Select(d => (d.Name, d.MappedPackage, d.MappingReason)));
        Assert.Equal(["Az.Compute (, )", "ImportExcel (, )", "Microsoft.Graph.Users (, )", "Newtonsoft.Json (, )", "SSH.NET (, )"], roots.Select(r => r.ToString()));
    }
}
