using DepResolve.Engine.Catalog;
using DepResolve.Engine.Tests.Hosting;
using Newtonsoft.Json.Linq;

namespace DepResolve.Engine.Tests.Mapping;

/// <summary>
/// Every entry of the embedded catalog files (Catalog/Resources, read here with a general JSON parser) is what the
/// engine's tables answer: no entry lost, changed or added by the way the engine reads them.
/// </summary>
public sealed class EmbeddedCatalogTests
{
    private static JObject Resource(string fileName) =>
        JObject.Parse(File.ReadAllText(RepositoryRoot.Combine("src", "DepResolve.Engine", "Catalog", "Resources", fileName)));

    [Fact]
    public void The_module_catalog_answers_every_command_shared_command_and_module_that_no_feed_has()
    {
        var json = Resource("module-catalog.json");
        var catalog = ModuleCatalog.Default;
        var firstModule = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var module in ((JObject)json["modules"]!).Properties())
        {
            foreach (var command in module.Value.Values<string>())
            {
                firstModule.TryAdd(command!, module.Name);
            }
        }

        Assert.Equal(firstModule.Count, catalog.CommandCount);
        foreach (var (command, module) in firstModule)
        {
            Assert.True(catalog.TryFindModule(command, out var found), command);
            Assert.Equal(module, found);
        }

        var shared = ((JObject)json["sharedCommands"]!).Properties().Where(p => p.Value is JArray).ToList();
        Assert.NotEmpty(shared);
        foreach (var entry in shared)
        {
            Assert.Equal(entry.Value.Values<string>().Select(m => m!).ToArray(), catalog.ModulesSharing(entry.Name));
        }

        Assert.Empty(catalog.ModulesSharing("description"));
        var notOnGallery = ((JObject)json["notOnGallery"]!).Properties().Where(p => p.Value is JObject).ToList();
        Assert.NotEmpty(notOnGallery);
        foreach (var module in notOnGallery)
        {
            Assert.Equal((string)module.Value["reason"]!, catalog.NotInstallableReason(module.Name));
            foreach (var command in module.Value["commands"]!.Values<string>())
            {
                Assert.True(catalog.TryFindNotInstallableCommand(command!, out _), command);
            }
        }

        Assert.Null(catalog.NotInstallableReason("description"));
    }

    [Fact]
    public void The_built_in_table_answers_every_command_alias_and_module_of_its_file()
    {
        var json = Resource("builtin-commands.json");
        var table = BuiltInCommandTable.Default;
        Assert.Equal((string)json["powerShellVersion"]!, table.PowerShellVersion);
        foreach (var module in ((JObject)json["modules"]!).Properties())
        {
            Assert.True(table.IsBuiltInModule(module.Name), module.Name);
            foreach (var command in module.Value.Values<string>())
            {
                Assert.True(table.TryFind(command!, out var found, out var aliasTarget), command);
                Assert.Null(aliasTarget);
                Assert.NotEmpty(found);
            }
        }

        foreach (var alias in ((JObject)json["aliases"]!).Properties())
        {
            if (table.TryFind(alias.Name, out _, out var target) && target is not null)
            {
                Assert.Equal((string)alias.Value!, target);
            }
        }

        Assert.True(table.TryFind("gci", out var gciModule, out var gciTarget));
        Assert.Equal(("Microsoft.PowerShell.Management", "Get-ChildItem"), (gciModule, gciTarget));
    }

    [Fact]
    public void The_type_and_namespace_tables_answer_every_entry_of_their_files()
    {
        var types = Resource("module-types.json");
        foreach (var entry in ((JObject)types["modules"]!).Properties())
        {
            Assert.True(ModuleTypeTable.Default.TryFindModule(entry.Name, out var prefix, out var module), entry.Name);
            Assert.Equal((entry.Name, (string)entry.Value!), (prefix, module));
        }

        foreach (var name in types["builtIn"]!.Values<string>())
        {
            Assert.True(ModuleTypeTable.Default.IsShippedWithPowerShell(name!, out var prefix), name);
            Assert.Equal(name, prefix);
        }

        var namespaces = Resource("namespace-packages.json");
        var table = NamespacePackageTable.Default;
        foreach (var entry in ((JObject)namespaces["packages"]!).Properties())
        {
            Assert.True(table.TryFind(entry.Name, out var prefix, out var package), entry.Name);
            Assert.Equal((entry.Name, (string)entry.Value!), (prefix, package));
        }

        var windowsOnly = namespaces["windowsOnlyTypes"]!;
        Assert.Equal((string)windowsOnly["package"]!, table.WindowsOnlyPackage);
        foreach (var name in windowsOnly["types"]!.Values<string>())
        {
            Assert.True(table.IsWindowsOnlyDrawingName(name!), name);
        }
    }

    [Fact]
    public void Each_prefix_rule_of_the_file_matches_a_noun_that_starts_with_its_prefix()
    {
        var rules = (JArray)Resource("command-prefix-rules.json")["rules"]!;
        Assert.NotEmpty(rules);
        foreach (var rule in rules)
        {
            var prefix = (string)rule["nounPrefix"]!;
            var match = CommandPrefixRules.Default.Match($"Get-{prefix}Thing");
            Assert.NotNull(match);
            Assert.True(match.NounPrefix.Length >= prefix.Length, prefix);
            if (match.NounPrefix == prefix && !prefix.StartsWith("MgBeta", StringComparison.Ordinal))
            {
                Assert.Equal((string)rule["module"]!, match.Module);
                Assert.Equal(rule["family"]?.Type == JTokenType.String, match.IsFamilyRollup);
            }
        }

        // "exactCase" read as written: the Sql rule matches Get-SqlInstance but not ConvertTo-Sqlcmd.
        Assert.Equal("Sql", CommandPrefixRules.Default.Match("Get-SqlInstance")?.NounPrefix);
        Assert.NotEqual("Sql", CommandPrefixRules.Default.Match("ConvertTo-Sqlcmd")?.NounPrefix);
    }
}
