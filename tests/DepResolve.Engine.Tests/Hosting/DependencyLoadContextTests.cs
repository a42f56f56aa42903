using System.Reflection;
using Processor = System.Runtime.InteropServices.Architecture;
using DepResolve.Cmdlets.Loading;
using DepResolve.Engine.Tests.Fixtures;

namespace DepResolve.Engine.Tests.Hosting;

/// <summary>
/// Which file the module's private load context serves for an assembly: the copy compiled ahead of time for this
/// runtime and platform (Dependencies/net10.0-&lt;rid&gt;/) when the module carries one, else Dependencies/.
/// </summary>
public sealed class DependencyLoadContextTests : IDisposable
{
    private readonly TempFolder _temp = new("depresolve-loading");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void TheCompiledCopyIsPreferredAndWhatItLacksComesFromDependencies()
    {
        var dependencies = _temp.Combine("Dependencies");
        var compiled = Path.Combine(dependencies, ReadyToRunFolder.Framework + "-" + ReadyToRunFolder.PortableRuntimeIdentifier());
        Directory.CreateDirectory(compiled);
        File.WriteAllText(Path.Combine(dependencies, "Engine.dll"), "");
        File.WriteAllText(Path.Combine(compiled, "Engine.dll"), "");
        File.WriteAllText(Path.Combine(dependencies, "Roslyn.dll"), "");

        var found = ReadyToRunFolder.Find(dependencies);
        var context = new DependencyLoadContext(dependencies, found);

        Assert.Equal(compiled, found);
        Assert.Equal(Path.Combine(compiled, "Engine.dll"), context.FindAssemblyFile(new AssemblyName("Engine")));
        Assert.Equal(Path.Combine(dependencies, "Roslyn.dll"), context.FindAssemblyFile(new AssemblyName("Roslyn")));
        Assert.Null(context.FindAssemblyFile(new AssemblyName("Missing")));
    }

    [Fact]
    public void WithoutACompiledFolderForThisPlatformEverythingComesFromDependencies()
    {
        var dependencies = _temp.Combine("Dependencies");
        Directory.CreateDirectory(Path.Combine(dependencies, ReadyToRunFolder.Framework + "-someos-somecpu"));
        File.WriteAllText(Path.Combine(dependencies, "Engine.dll"), "");

        var found = ReadyToRunFolder.Find(dependencies);
        var context = new DependencyLoadContext(dependencies, found);

        Assert.Null(found);
        Assert.Equal(Path.Combine(dependencies, "Engine.dll"), context.FindAssemblyFile(new AssemblyName("Engine")));
    }

    [Theory]
    [InlineData("linux", Processor.X64, false, "linux-x64")]
    [InlineData("linux", Processor.X64, true, "linux-musl-x64,linux-x64")]
    [InlineData("linux", Processor.Arm64, true, "linux-musl-arm64,linux-arm64")]
    [InlineData("win", Processor.X64, false, "win-x64")]
    [InlineData("osx", Processor.Arm64, false, "osx-arm64")]
    public void TheFolderNamesAPlatformLooksForAreItsRuntimeIdentifiersBestFirst(string os, Processor architecture, bool isMusl, string expected) =>
        Assert.Equal(expected.Split(','), ReadyToRunFolder.RuntimeIdentifiers(os, architecture, isMusl));

    [Theory]
    [InlineData("linux-musl-x64", true)]
    [InlineData("linux-musl-arm64", true)]
    [InlineData("alpine.3.20-x64", true)]
    [InlineData("linux-x64", false)]
    [InlineData("ubuntu.24.04-x64", false)]
    [InlineData("win-x64", false)]
    public void AMuslRuntimeIsKnownByItsOwnRuntimeIdentifier(string runtimeIdentifier, bool isMusl) =>
        Assert.Equal(isMusl, ReadyToRunFolder.IsMusl(runtimeIdentifier));
}
