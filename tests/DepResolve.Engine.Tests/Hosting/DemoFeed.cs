using DepResolve.Engine.Model;
using DepResolve.Engine.Tests.Fixtures;
using DepResolve.Testing;

namespace DepResolve.Engine.Tests.Hosting;

/// <summary>
/// The session tests' folder feed: Demo.Greeting 1.0.0 → Demo.Text [1.0.0, ) and 1.1.0 → Demo.Text [2.0.0, ), with
/// Demo.Text 1.0.0 and 2.0.0, so the policies and the deny/allow rules have a choice to make.
/// </summary>
internal static class DemoFeed
{
    public static ScriptDependency RequiresGreeting(string script) => new()
    {
        Name = "Demo.Greeting",
        Kind = DependencyKind.Module,
        Evidence = DependencyEvidence.Requires,
        VersionRange = "[1.0.0, )",
        Path = script,
        Line = 1,
    };

    public static string Build(TempFolder temp)
    {
        var feed = temp.Combine("feed");
        Directory.CreateDirectory(feed);
        new PackageBuilder("Demo.Text", "1.0.0").AsModule(functions: ["ConvertTo-Banner"]).WithTags("PSModule").Build(feed);
        new PackageBuilder("Demo.Text", "2.0.0").AsModule(functions: ["ConvertTo-Banner"]).WithTags("PSModule").Build(feed);
        new PackageBuilder("Demo.Greeting", "1.0.0").AsModule(functions: ["Get-Greeting"]).WithTags("PSModule").DependsOn("Demo.Text", "[1.0.0, )").Build(feed);
        new PackageBuilder("Demo.Greeting", "1.1.0").AsModule(functions: ["Get-Greeting"]).WithTags("PSModule").DependsOn("Demo.Text", "[2.0.0, )").Build(feed);
        return feed;
    }
}
