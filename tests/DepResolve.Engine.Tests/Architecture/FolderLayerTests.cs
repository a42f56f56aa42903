using DepResolve.Engine.Tests.Hosting;

namespace DepResolve.Engine.Tests.Architecture;

/// <summary>
/// The engine's folders use each other only down the data flow: a folder may use the folders below it in
/// <see cref="Layers"/>, never one above it, so no two folders need each other. docs/architecture.md gives the same
/// order and what each layer holds.
/// </summary>
public sealed class FolderLayerTests
{
    /// <summary>Lowest first.</summary>
    public static readonly string[] Layers =
    [
        "Model", "Configuration", "Storage", "InstallSafety", "Catalog", "Packaging", "Feeds",
        "Analysis", "Mapping", "Resolution", "Installation", "Caching", "Running", "Hosting",
    ];

    private static readonly string EngineFolder = RepositoryRoot.Combine("src", "DepResolve.Engine");

    [Fact]
    public void NoFolderUsesAFolderAboveIt()
    {
        var upward = EngineFolderImports.FromFolder(EngineFolder).Imports()
            .Where(i => Layer(i.ToFolder) > Layer(i.FromFolder))
            .Select(i => $"{i.File}:{i.Line}: {i.FromFolder} -> {i.ToFolder} ({i.Text})")
            .Distinct()
            .ToList();

        Assert.True(upward.Count == 0,
            $"{upward.Count} uses of a folder above the using file's own (order, lowest first: {string.Join(" < ", Layers)}):\n" + string.Join("\n", upward));
    }

    [Fact]
    public void EveryEngineFolderHasALayer()
    {
        var folders = EngineFolderImports.FromFolder(EngineFolder).Folders;

        Assert.Equal(Layers.Order(StringComparer.Ordinal), folders);
    }

    [Fact]
    public void NamespacesFollowFolders()
    {
        var mismatches = EngineFolderImports.FromFolder(EngineFolder).NamespaceMismatches();

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public void TheArchitectureDocumentGivesTheSameOrder()
    {
        var document = File.ReadAllText(RepositoryRoot.Combine("docs", "architecture.md"));

        Assert.Contains(string.Join(" < ", Layers.Select(l => $"`{l}`")), document, StringComparison.Ordinal);
    }

    [Fact]
    public void UsingsFullyQualifiedAndRelativeNamesAllCountButCommentsAndStringsDoNot()
    {
        var sources = new[]
        {
            ("Feeds/IPackageFeed.cs", "namespace DepResolve.Engine.Feeds;\npublic interface IPackageFeed { }"),
            ("Feeds/Http/SafeUrl.cs", "namespace DepResolve.Engine.Feeds.Http;\npublic static class SafeUrl { }"),
            ("Model/A.cs", """
                using DepResolve.Engine.Feeds;
                namespace DepResolve.Engine.Model;
                // DepResolve.Engine.Hosting in a comment
                public sealed class A
                {
                    private const string Resource = "DepResolve.Engine.Running.Resources.x.json";
                    private global::DepResolve.Engine.Caching.Thing? _cache;
                    private Feeds.IPackageFeed? _feed;
                    private Feeds.Http.SafeUrl? _url;
                    private object? Feeds => null;
                    public string Count() => Feeds.ToString()!;
                }
                """),
        };

        var imports = new EngineFolderImports(sources).Imports().Where(i => i.File == "Model/A.cs").ToList();

        Assert.Equal(
            [(1, "Feeds"), (7, "Caching"), (8, "Feeds"), (9, "Feeds")],
            imports.Select(i => (i.Line, i.ToFolder)));
    }

    [Fact]
    public void AFileOutsideItsFolderNamespaceIsNamed()
    {
        var sources = new[] { ("Storage/FileLock.cs", "namespace DepResolve.Engine.Installation;\npublic sealed class FileLock { }") };

        Assert.Equal(["Storage/FileLock.cs: namespace DepResolve.Engine.Installation (expected DepResolve.Engine.Storage)"],
            new EngineFolderImports(sources).NamespaceMismatches());
    }

    /// <summary>A folder missing from <see cref="Layers"/> counts as the highest (EveryEngineFolderHasALayer names it).</summary>
    private static int Layer(string folder)
    {
        var index = Array.IndexOf(Layers, folder);
        return index >= 0 ? index : int.MaxValue;
    }
}
