using DepResolve.Engine.Configuration;
using DepResolve.Engine.Mapping;
using DepResolve.Engine.Model;
using DepResolve.Engine.Tests.Hosting;
using Newtonsoft.Json.Linq;

namespace DepResolve.Engine.Tests.Mapping;

/// <summary>
/// The catalog entries that tools/catalog/Update-ModuleCatalog.ps1 takes from the modules' own manifests
/// (tools/catalog/catalog-sources.json): what they map, and that nobody edits them by hand.
/// </summary>
public sealed class GeneratedCatalogTests
{
    private static ScriptDependency Command(string name) =>
        new() { Name = name, Kind = DependencyKind.Command, Evidence = DependencyEvidence.CommandUsage, Path = "sample.ps1", Line = 3, Column = 1 };

    private static async Task<ScriptDependency> MapOne(string command) =>
        Assert.Single(await new PackageMapper().MapAsync([Command(command)], [], new DepResolveOptions()));

    private static JObject CatalogJson() =>
        JObject.Parse(File.ReadAllText(RepositoryRoot.Combine("src", "DepResolve.Engine", "Catalog", "Resources", "module-catalog.json")));

    [Theory]
    [InlineData("Get-AzComputeResourceSku", "Az.Compute")]
    [InlineData("Get-AzCapacityReservation", "Az.Compute")]
    [InlineData("Get-AzSubscriptionDiagnosticSetting", "Az.Monitor")]
    [InlineData("New-AzStorageBlobDestinationObject", "Az.Monitor")]
    [InlineData("Get-AzAlertHistory", "Az.Monitor")]
    [InlineData("Get-AzDenyAssignment", "Az.Resources")]
    [InlineData("Get-AzPrivateLinkAssociation", "Az.Resources")]
    [InlineData("Set-AzCurrentStorageAccount", "Az.Storage")]
    [InlineData("Start-CopyAzureStorageBlob", "Az.Storage")]
    [InlineData("Get-AzDeletedWebApp", "Az.Websites")]
    [InlineData("Invoke-AzRest", "Az.Accounts")]
    [InlineData("Uninstall-AzureRm", "Az.Accounts")]
    [InlineData("Get-MgProfile", "Microsoft.Graph.Authentication")]
    [InlineData("Get-AzPrivateDnsZoneGroup", "Az.Network")]
    [InlineData("New-AzContainerNicConfig", "Az.Network")]
    [InlineData("Get-AzPolicyEvent", "Az.PolicyInsights")]
    [InlineData("Get-AWSPublicIpAddressRange", "AWS.Tools.Common")]
    [InlineData("Get-MgUserScopedRoleMemberOf", "Microsoft.Graph.Identity.DirectoryManagement")]
    public async Task A_command_of_a_module_read_from_its_manifest_maps_to_that_module_not_the_family_rollup_or_a_neighbour(string command, string module)
    {
        var d = await MapOne(command);
        Assert.Equal(module, d.MappedPackage);
        Assert.Contains("catalog", d.MappingReason);
    }

    [Theory]
    [InlineData("Get-AzConfig", "Az.Accounts")]
    [InlineData("Update-AzConfig", "Az.Accounts")]
    [InlineData("Find-MgGraphCommand", "Microsoft.Graph.Authentication")]
    [InlineData("Set-MgRequestContext", "Microsoft.Graph.Authentication")]
    public async Task Commands_newer_than_the_recorded_manifest_still_map_to_the_module_through_its_noun_prefix(string command, string module)
    {
        var d = await MapOne(command);
        Assert.Equal(module, d.MappedPackage);
    }

    [Fact]
    public void Every_source_is_in_the_catalog_as_generated_from_the_commit_it_names()
    {
        var sources = JObject.Parse(File.ReadAllText(RepositoryRoot.Combine("tools", "catalog", "catalog-sources.json")))["sources"]!;
        var catalog = CatalogJson();
        var generated = catalog["generatedFrom"]!.ToDictionary(g => (string)g["module"]!, g => g, StringComparer.Ordinal);
        foreach (var source in sources)
        {
            var module = (string)source["module"]!;
            Assert.True(generated.TryGetValue(module, out var record), $"{module} is in catalog-sources.json but the catalog was not generated from it");
            Assert.Equal((string)source["commit"]!, (string)record!["commit"]!);
            Assert.Equal((string)source["manifest"]!, (string)record["manifest"]!);
            Assert.False(string.IsNullOrEmpty((string?)source["license"]), $"{module}: no license recorded");
        }

        Assert.Equal(sources.Count(), generated.Count);
    }

    [Fact]
    public void A_generated_entry_lists_exactly_the_names_its_manifest_exported_sorted()
    {
        var catalog = CatalogJson();
        foreach (var record in catalog["generatedFrom"]!)
        {
            var module = (string)record["module"]!;
            var names = catalog["modules"]![module]!.Values<string>().Select(n => n!).ToList();
            Assert.True((int)record["commands"]! == names.Count, $"{module}: the catalog lists {names.Count} names, its manifest exported {(int)record["commands"]!} (edited by hand?)");
            Assert.True(names.SequenceEqual(names.Order(StringComparer.InvariantCultureIgnoreCase)), $"{module}: names are not in the generator's order (edited by hand?)");
        }
    }
}
