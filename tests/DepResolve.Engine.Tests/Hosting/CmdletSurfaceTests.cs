using System.Reflection;
using System.Text.RegularExpressions;
using DepResolve.Engine.Model;

namespace DepResolve.Engine.Tests.Hosting;

/// <summary>The module's public surface as PowerShell will see it: names, exports, parameters.</summary>
public sealed class CmdletSurfaceTests
{
    private static readonly string Manifest = File.ReadAllText(RepositoryRoot.Combine("DepResolve.psd1"));

    [Fact]
    public void ManifestExportsExactlyTheCmdletsTheAssemblyDefines()
    {
        var block = Regex.Match(Manifest, @"CmdletsToExport\s*=\s*@\((?<list>[^)]*)\)").Groups["list"].Value;
        var exported = Regex.Matches(block, "'([^']+)'").Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal).ToList();
        var defined = CmdletSurface.CmdletTypes.Select(CmdletSurface.CommandName).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(defined, exported);
        Assert.Contains("Resolve-ScriptDependency", exported);
        Assert.Contains("Invoke-ScriptTest", exported);
        Assert.Contains("Get-ScriptDependency", exported);
    }

    [Fact]
    public void CmdletAssemblyVersionComesFromTheManifest()
    {
        var manifestVersion = Regex.Match(Manifest, @"ModuleVersion\s*=\s*'([^']+)'").Groups[1].Value;
        Assert.Equal(Version.Parse(manifestVersion), Normalize(CmdletSurface.Assembly.GetName().Version!));
    }

    [Fact]
    public void PolicyParameterAcceptsExactlyTheEnginePolicies()
    {
        foreach (var cmdlet in CmdletSurface.CmdletTypes.Where(t => t.GetProperty("Policy") is not null))
        {
            var validateSet = CmdletSurface.Attribute(cmdlet.GetProperty("Policy")!, "ValidateSetAttribute");
            Assert.NotNull(validateSet);
            var values = ((IEnumerable<CustomAttributeTypedArgument>)validateSet.ConstructorArguments[0].Value!).Select(v => (string)v.Value!);
            Assert.Equal(Enum.GetNames<ResolutionPolicy>(), values);
        }
    }

    [Fact]
    public void RepositoryParameterHasTabCompletion()
    {
        var resolve = CmdletSurface.CmdletTypes.Single(t => CmdletSurface.CommandName(t) == "Resolve-ScriptDependency");
        Assert.NotNull(CmdletSurface.Attribute(resolve.GetProperty("Repository")!, "ArgumentCompleterAttribute"));
    }

    [Fact]
    public void CommandsThatWriteSupportShouldProcess()
    {
        foreach (var name in new[] { "Resolve-ScriptDependency", "Remove-DepResolveEnvironment", "Clear-DepResolveCache" })
        {
            var type = CmdletSurface.CmdletTypes.Single(t => CmdletSurface.CommandName(t) == name);
            var cmdlet = CmdletSurface.Attribute(type, "CmdletAttribute")!;
            Assert.Contains(cmdlet.NamedArguments, a => a.MemberName == "SupportsShouldProcess" && (bool)a.TypedValue.Value!);
        }
    }

    /// <summary>
    /// The load-context boundary: a cmdlet may not touch a third-party type, or that type would be loaded into
    /// the default context where it can clash with pwsh's own copy. The module's own two assemblies under
    /// Dependencies/ are served from the private context by the load hook.
    /// </summary>
    [Fact]
    public void CmdletAssemblyReferencesNoThirdPartyAssembly()
    {
        var references = CmdletSurface.Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        var allowed = new[] { "System.Management.Automation", "DepResolve.Engine", "DepResolve.PowerShellReader", "netstandard" };
        Assert.All(references, r => Assert.True(allowed.Contains(r) || r.StartsWith("System.", StringComparison.Ordinal) || r == "mscorlib", $"DepResolve.Cmdlets references {r}."));
    }

    private static Version Normalize(Version v) => new(v.Major, v.Minor, Math.Max(v.Build, 0));
}
