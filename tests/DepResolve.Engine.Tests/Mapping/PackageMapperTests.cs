using DepResolve.Engine.Configuration;
using DepResolve.Engine.Feeds;
using DepResolve.Engine.Mapping;
using DepResolve.Engine.Model;

namespace DepResolve.Engine.Tests.Mapping;

public sealed class PackageMapperTests
{
    private static readonly DepResolveOptions NoOptions = new();

    private static ScriptDependency Command(string name) =>
        new() { Name = name, Kind = DependencyKind.Module, Evidence = DependencyEvidence.CommandUsage, Path = "deploy.ps1", Line = 3, Column = 1 };

    private static ScriptDependency Namespace(string name) =>
        new() { Name = name, Kind = DependencyKind.Assembly, Evidence = DependencyEvidence.CSharpUsing, Path = "tool.cs", Line = 1, Column = 7 };

    private static ScriptDependency ModuleName(string name, DependencyEvidence evidence = DependencyEvidence.ImportModule) =>
        new() { Name = name, Kind = DependencyKind.Module, Evidence = evidence, Path = "deploy.ps1", Line = 1, Column = 1 };

    private static async Task<ScriptDependency> MapOne(ScriptDependency d, IReadOnlyList<IPackageFeed>? feeds = null, DepResolveOptions? options = null, IReadOnlyCollection<BuiltInCommand>? session = null)
    {
        var mapped = await new PackageMapper().MapAsync([d], feeds ?? [], options ?? NoOptions, session);
        return Assert.Single(mapped);
    }

    [Theory]
    [InlineData("Get-ChildItem", "Microsoft.PowerShell.Management")]
    [InlineData("ForEach-Object", "Microsoft.PowerShell.Core")]
    [InlineData("ConvertTo-Json", "Microsoft.PowerShell.Utility")]
    [InlineData("Start-ThreadJob", "ThreadJob")]
    [InlineData("Install-PSResource", "Microsoft.PowerShell.PSResourceGet")]
    [InlineData("Compress-Archive", "Microsoft.PowerShell.Archive")]
    [InlineData("Get-CimInstance", "CimCmdlets")]
    [InlineData("Set-PSReadLineOption", "PSReadLine")]
    [InlineData("gci", "Microsoft.PowerShell.Management")]
    [InlineData("%", "Microsoft.PowerShell.Core")]
    public async Task Commands_that_ship_with_PowerShell_are_built_in_and_never_asked_of_feeds(string command, string module)
    {
        var feed = new FakeTagFeed("gallery");

        var d = await MapOne(Command(command), [feed]);

        Assert.True(d.IsBuiltIn);
        Assert.Null(d.MappedPackage);
        Assert.Contains(module, d.MappingReason);
        Assert.Empty(feed.TagSearches);
    }

    [Fact]
    public async Task The_sessions_own_list_wins()
    {
        var session = new[] { new BuiltInCommand("Get-Shiny", "Microsoft.PowerShell.Utility") };

        var d = await MapOne(Command("Get-Shiny"), session: session);

        Assert.True(d.IsBuiltIn);
        Assert.Contains("this session", d.MappingReason);
    }

    [Theory]
    [InlineData("Export-Excel", "ImportExcel")]
    [InlineData("Invoke-Pester", "Pester")]
    [InlineData("Describe", "Pester")]
    [InlineData("ConvertFrom-Yaml", "powershell-yaml")]
    [InlineData("Invoke-ScriptAnalyzer", "PSScriptAnalyzer")]
    [InlineData("Connect-AzAccount", "Az.Accounts")]
    [InlineData("Get-MgUser", "Microsoft.Graph.Users")]
    [InlineData("Send-MgUserMail", "Microsoft.Graph.Users.Actions")]
    [InlineData("Invoke-Sqlcmd", "SqlServer")]
    public async Task Catalog_commands_map_to_their_module(string command, string module)
    {
        var d = await MapOne(Command(command));

        Assert.Equal(module, d.MappedPackage);
        Assert.False(d.IsBuiltIn);
        Assert.False(d.IsUnresolvable);
        Assert.Contains(module, d.MappingReason);
    }

    [Theory]
    [InlineData("Get-AzVMSomethingNewer", "Az.Compute")]
    [InlineData("Get-AzStorageBlobTag", "Az.Storage")]
    [InlineData("Get-AzKeyVaultSomethingNewer", "Az.KeyVault")]
    [InlineData("New-AzPrivateDnsSomethingNewer", "Az.PrivateDns")]
    [InlineData("Get-MgUserSomethingNewer", "Microsoft.Graph.Users")]
    [InlineData("Get-MgUserMessageAttachment", "Microsoft.Graph.Mail")]
    [InlineData("Get-MgBetaUserPhoto", "Microsoft.Graph.Beta.Users")]
    [InlineData("Get-MgBetaGroupOwner", "Microsoft.Graph.Beta.Groups")]
    [InlineData("Get-DbaSomethingNewer", "dbatools")]
    [InlineData("Get-PnPTeamsTeam", "PnP.PowerShell")]
    [InlineData("Get-EXOMailboxSomething", "ExchangeOnlineManagement")]
    [InlineData("Get-EC2Region", "AWS.Tools.EC2")]
    [InlineData("Get-S3SomethingNewer", "AWS.Tools.S3")]
    [InlineData("Get-CWLLogStream", "AWS.Tools.CloudWatchLogs")]
    [InlineData("Get-CWDashboard", "AWS.Tools.CloudWatch")]
    [InlineData("Write-PSFSomethingNewer", "PSFramework")]
    public async Task Noun_prefix_rules_pick_the_module_family_member(string command, string module)
    {
        var feed = new FakeTagFeed("gallery");

        var d = await MapOne(Command(command), [feed]);

        Assert.Equal(module, d.MappedPackage);
        Assert.Contains("prefix", d.MappingReason);
        Assert.Empty(feed.TagSearches);
    }

    [Theory]
    [InlineData("Get-AzQuantumWorkspace", "Az")]
    [InlineData("Get-MgSolutionBackup", "Microsoft.Graph")]
    public async Task Unknown_members_of_a_family_ask_the_tags_then_fall_back_to_the_rollup(string command, string rollup)
    {
        var feed = new FakeTagFeed("gallery");

        var d = await MapOne(Command(command), [feed]);

        Assert.Equal(rollup, d.MappedPackage);
        Assert.Contains("rollup", d.MappingReason);
        Assert.Equal(["PSCommand_" + command], feed.TagSearches);
    }

    [Fact]
    public async Task Exact_case_prefixes_need_a_capital_after_them()
    {
        var d = await MapOne(Command("Get-Sqlfoo"));

        Assert.True(d.IsUnresolvable);
        Assert.Null(d.MappedPackage);
    }

    [Fact]
    public async Task A_tag_hit_is_used_when_the_module_really_exports_the_command_and_searches_are_cached()
    {
        var feed = new FakeTagFeed("gallery").Module("Contoso.Tools", "1.2.0", "Invoke-Contoso", "Get-Contoso");
        var mapper = new PackageMapper();

        var mapped = await mapper.MapAsync([Command("Invoke-Contoso"), Command("Invoke-Contoso")], [feed], NoOptions);
        await mapper.MapAsync([Command("Invoke-Contoso")], [feed], NoOptions);

        Assert.All(mapped, d => Assert.Equal("Contoso.Tools", d.MappedPackage));
        Assert.Contains("PSCommand_Invoke-Contoso on gallery", mapped[0].MappingReason);
        Assert.Single(feed.TagSearches);
    }

    [Fact]
    public async Task A_tag_hit_that_does_not_export_the_command_is_rejected()
    {
        var feed = new FakeTagFeed("gallery")
            .Module("WidgetsPlus", "2.0.0", "Get-WidgetPlus")
            .Module("OldWidgets", "1.0.0", "Get-Widget")
            .Module("OldWidgets", "2.0.0", "Get-Gadget");

        var d = await MapOne(Command("Get-Widget"), [feed]);

        Assert.True(d.IsUnresolvable);
        Assert.Null(d.MappedPackage);
        Assert.Contains("WidgetsPlus", d.MappingReason);
        Assert.Contains("OldWidgets", d.MappingReason);
        Assert.Contains("do not export it", d.MappingReason);
    }

    [Fact]
    public async Task A_tag_hit_without_tags_is_confirmed_from_the_package_metadata()
    {
        var feed = new FakeTagFeed("gallery") { SearchOmitsTags = true }.Module("Contoso.Tools", "1.0.0", "Invoke-Contoso");

        var d = await MapOne(Command("Invoke-Contoso"), [feed]);

        Assert.Equal("Contoso.Tools", d.MappedPackage);
    }

    [Fact]
    public async Task When_two_modules_export_a_command_the_choice_and_the_alternative_are_reported_and_config_pins_one()
    {
        var first = new FakeTagFeed("internal").Module("ThingA", "1.0.0", "Invoke-Thing");
        var second = new FakeTagFeed("gallery").Module("ThingB", "3.0.0", "Invoke-Thing");

        var chosen = await MapOne(Command("Invoke-Thing"), [first, second]);
        var pinned = await MapOne(Command("Invoke-Thing"), [first, second],
            new DepResolveOptions { CommandMappings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["invoke-thing"] = "ThingB" } });

        Assert.Equal("ThingA", chosen.MappedPackage);
        Assert.Equal(["ThingB"], chosen.Alternatives);
        Assert.Contains("also exported by ThingB", chosen.MappingReason);
        Assert.Equal("ThingB", pinned.MappedPackage);
        Assert.Contains("user mapping", pinned.MappingReason);
    }

    [Fact]
    public async Task Catalog_commands_shared_by_several_modules_choose_an_installable_one()
    {
        var d = await MapOne(Command("Get-VM"));
        var pinned = await MapOne(Command("Get-VM"), options: new DepResolveOptions
        {
            CommandMappings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Get-VM"] = "Hyper-V" },
        });

        Assert.Equal("VMware.VimAutomation.Core", d.MappedPackage);
        Assert.Equal(["Hyper-V"], d.Alternatives);
        Assert.Equal("Hyper-V", pinned.MappedPackage);
        Assert.Equal(["VMware.VimAutomation.Core"], pinned.Alternatives);
    }

    [Fact]
    public async Task User_mappings_win_over_built_ins_and_the_curated_tables()
    {
        var options = new DepResolveOptions
        {
            CommandMappings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Get-ChildItem"] = "Contoso.FastFiles" },
            NamespaceMappings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Newtonsoft"] = "Contoso.Json" },
        };

        var command = await MapOne(Command("Get-ChildItem"), options: options);
        var ns = await MapOne(Namespace("Newtonsoft.Json.Linq"), options: options);

        Assert.Equal("Contoso.FastFiles", command.MappedPackage);
        Assert.False(command.IsBuiltIn);
        Assert.Equal("Contoso.Json", ns.MappedPackage);
        Assert.Contains("NamespaceMappings", ns.MappingReason);
    }

    [Theory]
    [InlineData("Newtonsoft.Json.Linq", "Newtonsoft.Json")]
    [InlineData("Renci.SshNet", "SSH.NET")]
    [InlineData("Amazon.S3.Model", "AWSSDK.S3")]
    [InlineData("Amazon.Util", "AWSSDK.Core")]
    [InlineData("Humanizer", "Humanizer.Core")]
    [InlineData("MimeKit", "MimeKit")]
    [InlineData("System.Data.SqlClient", "System.Data.SqlClient")]
    [InlineData("System.Management", "System.Management")]
    [InlineData("System.ServiceModel.Http", "System.ServiceModel.Http")]
    public async Task Curated_namespaces_map_to_their_package(string ns, string package)
    {
        var d = await MapOne(Namespace(ns));

        Assert.Equal(package, d.MappedPackage);
        Assert.Contains("curated", d.MappingReason);
    }

    [Fact]
    public async Task Framework_namespaces_are_built_in_and_drawing_types_need_windows()
    {
        var io = await MapOne(Namespace("System.IO"));
        var bitmap = await MapOne(Namespace("System.Drawing.Bitmap"));

        Assert.True(io.IsBuiltIn);
        Assert.Equal("System.Drawing.Common", bitmap.MappedPackage);
        Assert.Equal("$IsWindows", bitmap.Condition);
    }

    [Fact]
    public async Task Unknown_namespaces_probe_the_feeds_for_the_longest_prefix_that_is_a_package_once()
    {
        var feed = new FakeTagFeed("nuget").Add("Contoso.Data", "1.0.0").Add("Contoso", "1.0.0");
        var mapper = new PackageMapper();

        var mapped = await mapper.MapAsync([Namespace("Contoso.Data.Sql.Client"), Namespace("Contoso.Data.Sql.Client")], [feed], NoOptions);
        var system = await mapper.MapAsync([Namespace("System.Nonexistent.Thing")], [feed], NoOptions);

        Assert.All(mapped, d => Assert.Equal("Contoso.Data", d.MappedPackage));
        Assert.Contains("longest namespace prefix", mapped[0].MappingReason);
        Assert.Equal(["Contoso.Data", "Contoso.Data.Sql", "Contoso.Data.Sql.Client"], feed.VersionLookups.Where(v => v.StartsWith("Contoso")).Order());
        Assert.True(system[0].IsUnresolvable);
        Assert.DoesNotContain("System", feed.VersionLookups);
    }

    [Fact]
    public async Task Module_names_map_to_themselves_unless_built_in_local_or_not_installable()
    {
        var mapped = await new PackageMapper().MapAsync(
            [ModuleName("Pester"), ModuleName("Microsoft.PowerShell.Utility"), ModuleName("ActiveDirectory"), ModuleName("./lib/Tools.psm1", DependencyEvidence.UsingModule)],
            [], NoOptions);

        Assert.Equal("Pester", mapped[0].MappedPackage);
        Assert.True(mapped[1].IsBuiltIn);
        Assert.True(mapped[2].IsUnresolvable);
        Assert.Contains("RSAT", mapped[2].MappingReason);
        Assert.Null(mapped[3].MappedPackage);
        Assert.False(mapped[3].IsUnresolvable);
        Assert.Contains("local module", mapped[3].MappingReason);
    }

    [Fact]
    public async Task Dynamic_names_and_not_installable_commands_are_unresolvable_with_a_reason()
    {
        var dynamic = Command("$name");
        dynamic.IsDynamic = true;

        var mapped = await new PackageMapper().MapAsync([dynamic, Command("Get-ADUser")], [], NoOptions);

        Assert.True(mapped[0].IsUnresolvable);
        Assert.Contains("never guesses", mapped[0].MappingReason);
        Assert.True(mapped[1].IsUnresolvable);
        Assert.Contains("ActiveDirectory", mapped[1].MappingReason);
    }
}
