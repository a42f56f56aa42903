using DepResolve.Engine.Configuration;
using DepResolve.Engine.Mapping;
using DepResolve.Engine.Model;

namespace DepResolve.Engine.Tests.Mapping;

/// <summary>
/// Modules that ship with Windows, a Windows feature or role: their names and their commands are unresolvable with a
/// reason naming the module, and no feed is asked for them.
/// </summary>
public sealed class WindowsFeatureModuleTests
{
    private static ScriptDependency Command(string name) =>
        new() { Name = name, Kind = DependencyKind.Command, Evidence = DependencyEvidence.CommandUsage, Path = "server.ps1", Line = 2, Column = 1 };

    private static ScriptDependency Import(string name) =>
        new() { Name = name, Kind = DependencyKind.Module, Evidence = DependencyEvidence.ImportModule, Path = "server.ps1", Line = 1, Column = 1 };

    private static async Task<(ScriptDependency Item, FakeTagFeed Feed)> MapOne(ScriptDependency item)
    {
        var feed = new FakeTagFeed("gallery");
        var mapped = await new PackageMapper().MapAsync([item], [feed], new DepResolveOptions());
        return (Assert.Single(mapped), feed);
    }

    [Theory]
    [InlineData("Get-ADUser", "ActiveDirectory")]
    [InlineData("Get-GPO", "GroupPolicy")]
    [InlineData("Get-DnsServerZone", "DnsServer")]
    [InlineData("Get-DhcpServerv4Scope", "DhcpServer")]
    [InlineData("Get-ClusterNode", "FailoverClusters")]
    [InlineData("Install-WindowsFeature", "ServerManager")]
    [InlineData("Get-VMCheckpoint", "Hyper-V")]
    [InlineData("Register-ScheduledTask", "ScheduledTasks")]
    [InlineData("Test-NetConnection", "NetTCPIP")]
    [InlineData("Get-Disk", "Storage")]
    [InlineData("New-NetFirewallRule", "NetSecurity")]
    [InlineData("Resolve-DnsName", "DnsClient")]
    [InlineData("Get-LocalUser", "Microsoft.PowerShell.LocalAccounts")]
    [InlineData("New-SelfSignedCertificate", "PKI")]
    [InlineData("Get-Website", "WebAdministration")]
    [InlineData("Register-ScheduledJob", "PSScheduledJob")]
    [InlineData("Get-PnpDevice", "PnpDevice")]
    [InlineData("Get-WmiObject", "Microsoft.PowerShell.Management")]
    [InlineData("Add-PSSnapin", "Microsoft.PowerShell.Core")]
    public async Task A_command_of_a_Windows_module_is_unresolvable_naming_the_module_and_no_feed_is_asked(string command, string module)
    {
        var (d, feed) = await MapOne(Command(command));

        Assert.True(d.IsUnresolvable);
        Assert.Null(d.MappedPackage);
        Assert.StartsWith($"{command} comes from {module}, which ", d.MappingReason);
        Assert.Contains("not installable from a gallery", d.MappingReason);
        Assert.Empty(feed.TagSearches);
    }

    [Theory]
    [InlineData("ActiveDirectory", "module ActiveDirectory ships with Windows (RSAT feature), not installable from a gallery")]
    [InlineData("GroupPolicy", "module GroupPolicy ships with Windows (RSAT feature), not installable from a gallery")]
    [InlineData("ServerManager", "module ServerManager ships with Windows Server (on Windows clients: RSAT feature), not installable from a gallery")]
    [InlineData("Hyper-V", "module Hyper-V ships with Windows (Hyper-V feature), not installable from a gallery")]
    [InlineData("ScheduledTasks", "module ScheduledTasks ships with Windows, not installable from a gallery")]
    [InlineData("SQLPS", "module SQLPS comes with SQL Server Management Studio, not installable from a gallery (the SqlServer module on the gallery replaces it)")]
    public async Task Importing_a_Windows_module_is_unresolvable_with_the_reason(string module, string reason)
    {
        var (d, _) = await MapOne(Import(module));

        Assert.True(d.IsUnresolvable);
        Assert.Equal(reason, d.MappingReason);
    }

    [Fact]
    public async Task A_built_in_module_that_lost_Windows_PowerShell_commands_is_still_built_in()
    {
        var (d, _) = await MapOne(Import("Microsoft.PowerShell.Management"));

        Assert.True(d.IsBuiltIn, d.MappingReason);
        Assert.False(d.IsUnresolvable);
    }

    [Fact]
    public async Task A_Windows_PowerShell_command_that_PowerShell_7_dropped_says_so()
    {
        var (d, _) = await MapOne(Command("Get-WmiObject"));

        Assert.Equal("Get-WmiObject comes from Microsoft.PowerShell.Management, which ships with Windows PowerShell 5.1 only (not in PowerShell 7), not installable from a gallery", d.MappingReason);
    }

    [Fact]
    public async Task Get_Cluster_is_PowerCLI_by_default_with_FailoverClusters_as_the_alternative()
    {
        var (d, _) = await MapOne(Command("Get-Cluster"));

        Assert.Equal("VMware.VimAutomation.Core", d.MappedPackage);
        Assert.Equal(["FailoverClusters"], d.Alternatives);
    }
}
