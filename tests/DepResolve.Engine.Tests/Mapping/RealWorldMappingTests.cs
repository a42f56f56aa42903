using DepResolve.Engine.Configuration;
using DepResolve.Engine.Mapping;
using DepResolve.Engine.Model;

namespace DepResolve.Engine.Tests.Mapping;

/// <summary>Misses that real public scripts showed: catalog and prefix gaps, module-shipped types, declared modules preferred.</summary>
public sealed class RealWorldMappingTests
{
    private static ScriptDependency Command(string name) =>
        new() { Name = name, Kind = DependencyKind.Command, Evidence = DependencyEvidence.CommandUsage, Path = "sample.ps1", Line = 4, Column = 1 };

    private static ScriptDependency Type(string name) =>
        new() { Name = name, Kind = DependencyKind.Assembly, Evidence = DependencyEvidence.TypeLiteral, Path = "sample.ps1", Line = 2, Column = 9 };

    private static ScriptDependency Import(string name) =>
        new() { Name = name, Kind = DependencyKind.Module, Evidence = DependencyEvidence.ImportModule, Path = "sample.ps1", Line = 1, Column = 1 };

    private static async Task<IReadOnlyList<ScriptDependency>> Map(params ScriptDependency[] items) =>
        await new PackageMapper().MapAsync(items, [], new DepResolveOptions());

    [Theory]
    [InlineData("Get-AzureADApplicationProxyConnectorGroup", "AzureAD")]
    [InlineData("Connect-AzureAD", "AzureAD")]
    [InlineData("New-AzTrafficManagerProfile", "Az.TrafficManager")]
    [InlineData("Set-AzDataFactoryV2Pipeline", "Az.DataFactory")]
    [InlineData("Add-AzServiceFabricApplicationCertificate", "Az.ServiceFabric")]
    [InlineData("Get-AzPolicyState", "Az.PolicyInsights")]
    [InlineData("Get-AzMaintenanceConfiguration", "Az.Maintenance")]
    [InlineData("Start-AzureRmRecoveryServicesAsrTestFailoverCleanupJob", "AzureRM.RecoveryServices.SiteRecovery")]
    [InlineData("Enable-AzureRmAlias", "Az.Accounts")]
    [InlineData("Get-DbcConfigValue", "dbachecks")]
    [InlineData("Get-DbaDatabase", "dbatools")]
    [InlineData("Connect-NsxtServer", "VMware.VimAutomation.Nsxt")]
    [InlineData("Get-OMStat", "VMware.VimAutomation.vROps")]
    [InlineData("Get-SpbmStoragePolicy", "VMware.VimAutomation.Storage")]
    [InlineData("Get-VDSwitch", "VMware.VimAutomation.Vds")]
    [InlineData("Connect-VmcVIServer", "VMware.VimAutomation.Vmc")]
    [InlineData("Get-CFGConfigurationRecorder", "AWS.Tools.ConfigService")]
    [InlineData("Sync-MgDeviceAppMgtVppTokenLicense", "Microsoft.Graph.Devices.CorporateManagement")]
    [InlineData("Get-MgBetaDeviceManagementAndroidDeviceOwnerEnrollmentProfile", "Microsoft.Graph.Beta.DeviceManagement.Enrollment")]
    public async Task Commands_seen_in_public_scripts_map_to_the_module_that_exports_them(string command, string module)
    {
        var d = Assert.Single(await Map(Command(command)));
        Assert.Equal(module, d.MappedPackage);
    }

    [Theory]
    [InlineData("Set-Column", "ImportExcel")]
    [InlineData("Set-Format", "ImportExcel")]
    [InlineData("ColumnChart", "ImportExcel")]
    [InlineData("Get-DbaDbCompression", "dbatools")]
    [InlineData("Update-Dbachecks", "dbachecks")]
    [InlineData("Write-PSFHostColor", "PSFramework")]
    [InlineData("Connect-Graph", "Microsoft.Graph.Authentication")]
    public async Task Functions_and_aliases_the_modules_manifests_export_are_in_the_catalog(string command, string module)
    {
        var d = Assert.Single(await Map(Command(command)));
        Assert.Equal(module, d.MappedPackage);
        Assert.Contains("catalog", d.MappingReason);
    }

    [Fact]
    public async Task Get_WmiObject_is_not_taken_for_a_VMware_workload_management_command()
    {
        var d = Assert.Single(await Map(Command("Get-WMIObject")));
        Assert.NotEqual("VMware.VimAutomation.WorkloadManagement", d.MappedPackage);
    }

    [Theory]
    [InlineData("Microsoft.IdentityModel.Clients.ActiveDirectory.AuthenticationContext", "AzureAD")]
    [InlineData("OfficeOpenXml.ExcelWorksheet", "ImportExcel")]
    [InlineData("Amazon.EC2.Model.Tag", "AWS.Tools.EC2")]
    [InlineData("VMware.Vim.VmfsDatastoreInfo", "VMware.VimAutomation.Core")]
    public async Task Types_a_script_uses_map_to_the_module_that_ships_their_assembly(string type, string module)
    {
        var d = Assert.Single(await Map(Type(type)));
        Assert.Equal(module, d.MappedPackage);
    }

    [Fact]
    public async Task Newtonsoft_Json_types_in_a_script_are_satisfied_by_pwsh()
    {
        var d = Assert.Single(await Map(Type("Newtonsoft.Json.JsonConvert")));
        Assert.True(d.IsBuiltIn, d.MappingReason);
        Assert.Null(d.MappedPackage);
    }

    [Fact]
    public async Task An_imported_AWSPowerShell_module_is_never_mixed_with_AWS_Tools_modules()
    {
        var mapped = await Map(Import("AWSPowerShell.NetCore"), Command("Get-AWSPowerShellVersion"), Command("Get-EC2Instance"), Type("Amazon.EC2.Model.Tag"));
        Assert.All(mapped, d => Assert.Equal("AWSPowerShell.NetCore", d.MappedPackage));
    }

    [Fact]
    public async Task Without_a_declared_AWSPowerShell_the_AWS_Tools_modules_are_kept()
    {
        var mapped = await Map(Command("Get-EC2Instance"), Command("Get-S3Bucket"));
        Assert.Equal(["AWS.Tools.EC2", "AWS.Tools.S3"], mapped.Select(d => d.MappedPackage));
    }

    [Fact]
    public async Task A_declared_rollup_covers_its_family()
    {
        var mapped = await Map(Import("Az"), Command("Get-AzVM"), Command("New-AzStorageAccount"));
        Assert.All(mapped, d => Assert.Equal("Az", d.MappedPackage));
        Assert.Contains("rollup", mapped[1].MappingReason);
    }

    [Fact]
    public async Task A_prefix_guess_of_a_parent_area_yields_to_the_declared_submodule()
    {
        var mapped = await Map(Import("Microsoft.Graph.Beta.DeviceManagement.Actions"), Command("Get-MgBetaDeviceManagementVirtualEndpointCloudPc"));
        Assert.Equal("Microsoft.Graph.Beta.DeviceManagement.Actions", mapped[1].MappedPackage);
    }

    [Fact]
    public async Task A_user_mapping_is_never_overridden_by_a_declared_rollup()
    {
        var options = new DepResolveOptions { CommandMappings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Get-AzVM"] = "Contoso.Az.Shim" } };
        var mapped = await new PackageMapper().MapAsync([Import("Az"), Command("Get-AzVM")], [], options);
        Assert.Equal("Contoso.Az.Shim", mapped[1].MappedPackage);
    }
}
