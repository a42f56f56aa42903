using DepResolve.Engine.Mapping;
using DepResolve.Engine.Packaging;
using DepResolve.Engine.Storage;
using DepResolve.Engine.Tests.Fixtures;

namespace DepResolve.Engine.Tests.Mapping;

public sealed class ModuleExportReaderTests
{
    [Fact]
    public void ListsAreReadInEveryFormNewModuleManifestAndPeopleWrite()
    {
        const string manifest = """
            @{
                ModuleVersion = '1.0.0'
                RequiredModules = @(@{ ModuleName = 'Other'; ModuleVersion = '1.0'; FunctionsToExport = 'Nested-Trap' })
                # FunctionsToExport = 'Commented-Out'
                FunctionsToExport = 'Get-Greeting', 'Set-Greeting',
                               'Remove-Greeting'
                CmdletsToExport = @()
                AliasesToExport = @(
                    'gg'
                    'sg'
                )
                VariablesToExport = '*'
            }
            """;

        Assert.Equal(["Get-Greeting", "Set-Greeting", "Remove-Greeting"], ModuleManifestReader.ReadTopLevelList(manifest, "FunctionsToExport"));
        Assert.Empty(ModuleManifestReader.ReadTopLevelList(manifest, "CmdletsToExport")!);
        Assert.Equal(["gg", "sg"], ModuleManifestReader.ReadTopLevelList(manifest, "AliasesToExport"));
        Assert.Equal(["*"], ModuleManifestReader.ReadTopLevelList(manifest, "VariablesToExport"));
        Assert.Null(ModuleManifestReader.ReadTopLevelList(manifest, "DscResourcesToExport"));
    }

    [Fact]
    public void AnExplicitManifestExportsExactlyWhatItLists()
    {
        using var temp = new TempFolder();
        var folder = WriteModule(temp, "Contoso.Greeting", "1.0.0",
            "@{ RootModule = 'Contoso.Greeting.psm1'; FunctionsToExport = @('Get-Greeting'); CmdletsToExport = @(); AliasesToExport = @('gg') }",
            "function Get-Greeting { 'hi' }\nfunction Get-PrivateHelper { }\nSet-Alias gg Get-Greeting\n");

        var exports = ModuleExportReader.ReadModuleFolder("Contoso.Greeting", "1.0.0", folder)!;

        Assert.Equal(["Get-Greeting", "gg"], exports.Commands);
        Assert.False(exports.Exports("Get-PrivateHelper"));
    }

    [Fact]
    public void WildcardsAndMissingKeysAreFilledFromTheFunctionsAndAliasesTheModuleDefines()
    {
        using var temp = new TempFolder();
        var folder = WriteModule(temp, "Contoso.Tools", "2.0.0",
            "@{ RootModule = 'Contoso.Tools.psm1'; FunctionsToExport = 'Get-*'; CmdletsToExport = @() }",
            "function Get-Tool { }\nfunction script:Get-Scoped { }\nfunction Set-Tool { }\nNew-Alias -Name gt -Value Get-Tool\n");

        var exports = ModuleExportReader.ReadModuleFolder("Contoso.Tools", "2.0.0", folder)!;

        Assert.Equal(["Get-Scoped", "Get-Tool", "gt"], exports.Commands);
    }

    [Fact]
    public void AScriptModuleWithoutAManifestExportsEveryFunction()
    {
        using var temp = new TempFolder();
        var folder = WriteModule(temp, "Loose", "0.1.0", manifest: null, "function Invoke-Loose { }\n");

        Assert.Equal(["Invoke-Loose"], ModuleExportReader.ReadModuleFolder("Loose", "0.1.0", folder)!.Commands);
        Assert.Null(ModuleExportReader.ReadModuleFolder("Empty", "1.0.0", Directory.CreateDirectory(temp.Combine("empty")).FullName));
    }

    [Fact]
    public void TheIndexLearnsModulePathEntriesOnceAndFindsExportersAcrossProcesses()
    {
        using var temp = new TempFolder();
        var layout = new CacheLayout(temp.Combine("cache"));
        var entry = temp.Combine("entry");
        WriteModule(entry, "Contoso.Greeting", "1.0.0", "@{ FunctionsToExport = 'Get-Greeting' }", null);
        WriteModule(entry, "Contoso.Greeting", "2.0.0", "@{ FunctionsToExport = 'Get-Greeting', 'Get-Farewell' }", null);
        WriteModule(entry, "Fabrikam.Greeting", "1.0.0", "@{ FunctionsToExport = 'Get-Greeting' }", null);

        var learnt = CommandIndex.Load(layout).Learn([entry]);
        var reloaded = CommandIndex.Load(layout);

        Assert.Equal(3, learnt.Count);
        Assert.Equal(3, reloaded.Count);
        Assert.Equal(["Contoso.Greeting 2.0.0", "Fabrikam.Greeting 1.0.0"], reloaded.FindExporters("get-greeting").Select(m => $"{m.Module} {m.Version}"));
        Assert.Equal(["Contoso.Greeting 2.0.0"], reloaded.FindExporters("Get-Farewell").Select(m => $"{m.Module} {m.Version}"));
        Assert.Empty(reloaded.FindExporters("Get-Nothing"));
    }

    [Fact]
    public void ACorruptIndexFileIsAnEmptyIndexAndIsRewrittenAtTheNextLearn()
    {
        using var temp = new TempFolder();
        var layout = new CacheLayout(temp.Combine("cache"));
        Directory.CreateDirectory(layout.Root);
        File.WriteAllText(CommandIndex.FileFor(layout), "{ not json");
        var entry = temp.Combine("entry");
        WriteModule(entry, "Contoso.Greeting", "1.0.0", "@{ FunctionsToExport = 'Get-Greeting' }", null);

        Assert.Equal(0, CommandIndex.Load(layout).Count);
        CommandIndex.Load(layout).Learn([entry]);
        Assert.Single(CommandIndex.Load(layout).FindExporters("Get-Greeting"));
    }

    [Fact]
    public void AnIndexFileIsReadWhateverTheCaseOfItsMemberNamesAndSkipsWhatItDoesNotKnow()
    {
        using var temp = new TempFolder();
        var layout = new CacheLayout(temp.Combine("cache"));
        Directory.CreateDirectory(layout.Root);
        File.WriteAllText(CommandIndex.FileFor(layout), """
            {
              "format": 1,
              "note": { "written": "by hand" },
              "modules": [
                { "module": "Contoso.Greeting", "VERSION": "1.0.0", "commands": [ "Get-Greeting" ], "extra": true },
                { "Module": "Contoso.NoVersion", "Commands": [ "Get-Lost" ] },
              ],
            }
            """);

        var index = CommandIndex.Load(layout);

        Assert.Equal(1, index.Count);
        Assert.Equal(["Get-Greeting"], index.Find("contoso.greeting", "1.0.0")!.Commands);
        Assert.Empty(index.FindExporters("Get-Lost"));
    }

    [Fact]
    public void AnIndexFileOfAnotherFormatIsAnEmptyIndex()
    {
        using var temp = new TempFolder();
        var layout = new CacheLayout(temp.Combine("cache"));
        Directory.CreateDirectory(layout.Root);
        File.WriteAllText(CommandIndex.FileFor(layout), """{ "Format": 2, "Modules": [ { "Module": "A", "Version": "1.0.0", "Commands": [ "Get-A" ] } ] }""");

        Assert.Equal(0, CommandIndex.Load(layout).Count);
    }

    private static string WriteModule(TempFolder temp, string name, string version, string? manifest, string? script) =>
        WriteModule(temp.Path, name, version, manifest, script);

    private static string WriteModule(string root, string name, string version, string? manifest, string? script)
    {
        var folder = Path.Combine(root, name, version);
        Directory.CreateDirectory(folder);
        if (manifest is not null)
        {
            File.WriteAllText(Path.Combine(folder, name + ".psd1"), manifest);
        }

        if (script is not null)
        {
            File.WriteAllText(Path.Combine(folder, name + ".psm1"), script);
        }

        return folder;
    }
}
