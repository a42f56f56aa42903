using DepResolve.Engine.Analysis.PowerShell;
using DepResolve.Engine.Analysis.PowerShell.Facts;
using DepResolve.Engine.Hosting;
using DepResolve.Engine.Model;
using DepResolve.Engine.Tests.Analysis.PowerShell;
using DepResolve.Engine.Tests.Fixtures;

namespace DepResolve.Engine.Tests.Hosting;

public sealed class DepResolveSessionTests
{
    [Theory]
    [InlineData("Highest", ResolutionPolicy.Highest)]
    [InlineData("lowest", ResolutionPolicy.Lowest)]
    [InlineData("MINIMAL", ResolutionPolicy.Minimal)]
    [InlineData("Locked", ResolutionPolicy.Locked)]
    public void PolicyNamesParseCaseInsensitively(string name, ResolutionPolicy expected) =>
        Assert.Equal(expected, DepResolveSession.ParsePolicy(name));

    [Theory]
    [InlineData("Newest")]
    [InlineData("1")]
    [InlineData("")]
    public void ABadPolicyNameIsInvalidInputListingTheValidOnes(string name)
    {
        var error = Assert.Throws<DepResolveException>(() => new DepResolveSession(new SessionSettings { Policy = name }));
        Assert.Equal(ErrorCode.InvalidInput, error.Code);
        Assert.Contains("Highest, Lowest, Minimal, Locked", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingScriptIsPathNotFoundNamingTheFile()
    {
        using var temp = new TempFolder();
        using var session = new DepResolveSession(new SessionSettings { WorkingDirectory = temp.Path });
        var error = await Assert.ThrowsAsync<DepResolveException>(() => session.AnalyzeScriptAsync("missing.ps1", false, false, CancellationToken.None));
        Assert.Equal(ErrorCode.PathNotFound, error.Code);
        Assert.Equal(temp.Combine("missing.ps1"), error.Target);
    }

    [Fact]
    public async Task AFileThatIsNotAScriptIsRefused()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.Combine("notes.txt"), "Import-Module Foo");
        using var session = new DepResolveSession(new SessionSettings { WorkingDirectory = temp.Path });
        var error = await Assert.ThrowsAsync<DepResolveException>(() => session.AnalyzeScriptAsync("notes.txt", false, false, CancellationToken.None));
        Assert.Equal(ErrorCode.InvalidInput, error.Code);
        Assert.Contains(".ps1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PowerShellScriptsNeedTheHostsReader()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.Combine("a.ps1"), "Import-Module Foo");
        using var session = new DepResolveSession(new SessionSettings { WorkingDirectory = temp.Path });
        var error = await Assert.ThrowsAsync<DepResolveException>(() => session.AnalyzeScriptAsync("a.ps1", false, false, CancellationToken.None));
        Assert.Equal(ErrorCode.NotAvailable, error.Code);
        Assert.Contains("not available in this build", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuiltInDependenciesAreListedOnlyWhenAskedFor()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.Combine("a.ps1"), "Get-ChildItem; Invoke-Foo");
        var parser = new RecordingParser(Facts.Cmd("Get-ChildItem", 1), Facts.Cmd("Invoke-Foo", 1));
        var settings = new SessionSettings { WorkingDirectory = temp.Path, PowerShellParser = parser };
        using var session = new DepResolveSession(settings);

        var withoutBuiltIn = await session.AnalyzeScriptAsync("a.ps1", recurse: true, includeBuiltIn: false, CancellationToken.None);
        var withBuiltIn = await session.AnalyzeScriptAsync("a.ps1", recurse: true, includeBuiltIn: true, CancellationToken.None);

        Assert.Equal(["Invoke-Foo"], withoutBuiltIn.Select(d => d.Name));
        Assert.Equal(["Get-ChildItem", "Invoke-Foo"], withBuiltIn.Select(d => d.Name));
        Assert.Equal((temp.Combine("a.ps1"), "Get-ChildItem; Invoke-Foo"), parser.Parsed[0]);
    }

    [Fact]
    public async Task InvokeRefusesAnUnknownReportFormatBeforeRunning()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.Combine("a.ps1"), "'hi'");
        using var session = new DepResolveSession(new SessionSettings { WorkingDirectory = temp.Path });
        var error = await Assert.ThrowsAsync<DepResolveException>(() =>
            session.InvokeAsync(new ScriptTestRequest { Path = "a.ps1", OutputFormat = "Html", OutputPath = "r.xml" }, CancellationToken.None));
        Assert.Equal(ErrorCode.InvalidInput, error.Code);
        Assert.Contains("NUnitXml, JUnitXml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnExplicitCacheDirectoryIsResolvedAgainstTheWorkingDirectory()
    {
        using var temp = new TempFolder();
        using var session = new DepResolveSession(new SessionSettings { WorkingDirectory = temp.Path, CacheDirectory = "cache" });
        Assert.Equal(temp.Combine("cache"), session.CacheRoot);
    }

    [Fact]
    public void FoldersExpandToTheirScriptsInOrdinalOrder()
    {
        using var temp = new TempFolder();
        foreach (var name in new[] { "b.ps1", "a.psm1", "c.csx", "d.cs", "m.psd1", "readme.md", "sub/e.ps1" })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(temp.Combine(name))!);
            File.WriteAllText(temp.Combine(name), "");
        }

        Assert.Equal(["a.psm1", "b.ps1", "c.csx", "d.cs", "m.psd1"], ScriptFiles.ExpandFolder(temp.Path, recurse: false).Select(Path.GetFileName));
        Assert.Contains(temp.Combine("sub", "e.ps1"), ScriptFiles.ExpandFolder(temp.Path, recurse: true));
    }

    [Fact]
    public void InstallPlanLinesNameThePackageSourceSizeAndTarget()
    {
        var line = new InstallApproval("Demo.Greeting", "1.2.0", "examples-feed", 3 * 1024, "/cache/store/demo.greeting/1.2.0").ToString();
        Assert.Equal("Demo.Greeting 1.2.0 from examples-feed, 3.0 KB into /cache/store/demo.greeting/1.2.0", line);
    }

    /// <summary>Stands in for PowerShell's parser: records what it was given and answers the same commands for every text.</summary>
    private sealed class RecordingParser(params CommandFact[] commands) : IScriptParser
    {
        public List<(string? Path, string Text)> Parsed { get; } = new();

        public ScriptFacts Parse(string text, string? path)
        {
            lock (Parsed)
            {
                Parsed.Add((path, text));
            }

            var facts = new ScriptFacts { FilePath = path };
            facts.Commands.AddRange(commands);
            return facts;
        }
    }
}
