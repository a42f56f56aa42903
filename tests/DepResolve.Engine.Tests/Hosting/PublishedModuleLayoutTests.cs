using System.Diagnostics;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using DepResolve.Cmdlets.Loading;
using DepResolve.Engine.Tests.Fixtures;

namespace DepResolve.Engine.Tests.Hosting;

/// <summary>
/// `dotnet publish src/DepResolve.Cmdlets` must give a folder pwsh can import: the manifest, the cmdlet assembly,
/// the format views and help at the root, and the engine with every third-party assembly under Dependencies/.
/// One publish (a real child process) serves all the checks.
/// </summary>
public sealed class PublishedModuleLayoutTests : IClassFixture<PublishedModuleLayoutTests.PublishedModule>
{
    private readonly PublishedModule _module;

    public PublishedModuleLayoutTests(PublishedModule module) => _module = module;

    [Theory]
    [InlineData("DepResolve.psd1")]
    [InlineData("DepResolve.Cmdlets.dll")]
    [InlineData("DepResolve.format.ps1xml")]
    [InlineData("en-US/DepResolve.Cmdlets.dll-Help.xml")]
    [InlineData("en-US/about_DepResolve.help.txt")]
    [InlineData("Dependencies/DepResolve.Engine.dll")]
    [InlineData("Dependencies/DepResolve.PowerShellReader.dll")]
    [InlineData("Dependencies/Microsoft.CodeAnalysis.CSharp.dll")]
    [InlineData("Dependencies/Newtonsoft.Json.dll")]
    [InlineData("Dependencies/NuGet.Versioning.dll")]
    [InlineData("Dependencies/Polly.Core.dll")]
    public void ModuleFolderHasTheFile(string relativePath) =>
        Assert.True(File.Exists(Path.Combine(_module.Folder, relativePath)), $"{relativePath} is missing from the published module.");

    [Fact]
    public void OnlyTheCmdletAssemblyIsAtTheRoot() =>
        Assert.Equal(["DepResolve.Cmdlets.dll"], Directory.GetFiles(_module.Folder, "*.dll").Select(Path.GetFileName));

    [Fact]
    public void PowerShellItselfIsNotShipped() =>
        Assert.Empty(Directory.GetFiles(_module.Folder, "System.Management.Automation.dll", SearchOption.AllDirectories));

    [Fact]
    public void EveryAssemblyTheEngineNeedsIsUnderDependencies()
    {
        var dependencies = Path.Combine(_module.Folder, "Dependencies");
        var shipped = Directory.GetFiles(dependencies, "*.dll").Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var engine = System.Reflection.AssemblyName.GetAssemblyName(Path.Combine(dependencies, "DepResolve.Engine.dll"));
        var referenced = typeof(DepResolve.Engine.Model.ScriptDependency).Assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => !n.StartsWith("System", StringComparison.Ordinal) && n != "netstandard" && n != "mscorlib" && n != "Microsoft.Win32.Primitives");
        Assert.Equal("DepResolve.Engine", engine.Name);
        Assert.All(referenced, name => Assert.True(shipped.Contains(name), $"The engine references {name}, which is not under Dependencies/."));
    }

    [Fact]
    public void TheEngineIsAlsoShippedCompiledAheadOfTimeForDotNet10OnThisPlatform()
    {
        // pwsh 7.6+ (.NET 10) loads this copy instead of JIT-compiling the one in Dependencies/ (ReadyToRunFolder).
        var dependencies = Path.Combine(_module.Folder, "Dependencies");
        var compiledFolder = ReadyToRunFolder.Find(dependencies);
        Assert.NotNull(compiledFolder);
        foreach (var name in new[] { "DepResolve.Engine", "DepResolve.PowerShellReader", "Newtonsoft.Json", "NuGet.Versioning" })
        {
            var compiled = Path.Combine(compiledFolder, name + ".dll");
            Assert.True(File.Exists(compiled), $"{name}.dll is missing from {compiledFolder}.");
            Assert.True(HasReadyToRunCode(compiled), $"{compiled} carries no ReadyToRun code.");
            Assert.Equal(ModuleVersionId(Path.Combine(dependencies, name + ".dll")), ModuleVersionId(compiled));
        }
    }

    private static bool HasReadyToRunCode(string assemblyPath)
    {
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        return pe.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
    }

    private static Guid ModuleVersionId(string assemblyPath)
    {
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        var metadata = pe.GetMetadataReader();
        return metadata.GetGuid(metadata.GetModuleDefinition().Mvid);
    }

    [Fact]
    public void TheManifestVersionIsTheCmdletAssemblyVersion()
    {
        var manifest = File.ReadAllText(Path.Combine(_module.Folder, "DepResolve.psd1"));
        var version = Regex.Match(manifest, @"ModuleVersion\s*=\s*'([^']+)'").Groups[1].Value;
        var assembly = System.Reflection.AssemblyName.GetAssemblyName(Path.Combine(_module.Folder, "DepResolve.Cmdlets.dll")).Version!;
        Assert.Equal(version, $"{assembly.Major}.{assembly.Minor}.{assembly.Build}");
    }

    public sealed class PublishedModule : IDisposable
    {
        private readonly TempFolder _temp = new("depresolve-publish");

        public PublishedModule()
        {
            Folder = _temp.Combine("DepResolve");
            var start = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { "publish", RepositoryRoot.Combine("src", "DepResolve.Cmdlets"), "-c", "Release", "-o", Folder, "--nologo" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = RepositoryRoot.Path,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet publish failed ({process.ExitCode}):\n{output.Result}\n{errors.Result}");
            }
        }

        public string Folder { get; }

        public void Dispose() => _temp.Dispose();
    }
}
