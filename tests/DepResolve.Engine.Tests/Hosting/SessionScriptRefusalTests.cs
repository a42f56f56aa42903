using DepResolve.Engine.Hosting;
using DepResolve.Engine.Model;
using DepResolve.Engine.Tests.Fixtures;
using DepResolve.PowerShellReader;

namespace DepResolve.Engine.Tests.Hosting;

/// <summary>
/// What a session refuses or only shows before a run: a script PowerShell's real parser cannot parse, and a dry run
/// (-WhatIf) or a declined run. A real folder feed and a real cache; nothing may be written.
/// </summary>
public sealed class SessionScriptRefusalTests
{
    private const string BrokenScript = "#Requires -Modules Demo.Greeting\nGet-Greeting\nif ($true {\n    'never'\n}\n";

    [Fact]
    public async Task AScriptWithASyntaxErrorIsAnalysisFailedNamingFileLineColumnAndTheParsersMessage()
    {
        using var temp = new TempFolder();
        var script = Write(temp, "broken.ps1", BrokenScript);
        using var session = NewSession(temp, DemoFeed.Build(temp));

        var error = await Assert.ThrowsAsync<DepResolveException>(() => session.AnalyzeScriptAsync(script, recurse: false, includeBuiltIn: false, CancellationToken.None));

        Assert.Equal(ErrorCode.AnalysisFailed, error.Code);
        Assert.Equal(script, error.Target);
        Assert.Contains($"{script}:3:11: Missing closing ')' after expression in 'if' statement.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeRefusesAScriptWithASyntaxErrorBeforeResolvingInstallingRunningOrLocking()
    {
        using var temp = new TempFolder();
        var script = Write(temp, "broken.ps1", BrokenScript);
        var feed = DemoFeed.Build(temp);
        var asked = new List<string>();
        using var session = NewSession(temp, feed, asked);

        var error = await Assert.ThrowsAsync<DepResolveException>(() =>
            session.InvokeAsync(new ScriptTestRequest { Path = script, PowerShellPath = RealPowerShell.Path }, CancellationToken.None));

        Assert.Equal(ErrorCode.AnalysisFailed, error.Code);
        Assert.Contains($"{script}:3:11", error.Message, StringComparison.Ordinal);
        Assert.Empty(asked);
        Assert.False(Directory.Exists(temp.Combine("cache")));
        Assert.False(File.Exists(temp.Combine("depresolve.lock.json")));
    }

    [Fact]
    public async Task ADryRunResolvesAndShowsWhatItWouldInstallWriteAndRunButRunsAndWritesNothing()
    {
        using var temp = new TempFolder();
        var script = Write(temp, "hello.ps1", "#Requires -Modules Demo.Greeting\nSet-Content (Join-Path $PSScriptRoot 'ran.txt') 'ran'\n");
        var feed = DemoFeed.Build(temp);
        var asked = new List<string>();
        using var session = NewSession(temp, feed, asked, dryRun: true);

        var result = await session.TryInvokeAsync(new ScriptTestRequest { Path = script, PowerShellPath = RealPowerShell.Path }, CancellationToken.None);

        Assert.Null(result);
        Assert.Equal(
            [
                "Install Demo.Greeting 1.1.0",
                "Install Demo.Text 2.0.0",
                $"Write lock file on {temp.Combine("depresolve.lock.json")}",
                $"Run the script on {script}",
            ],
            asked);
        Assert.False(File.Exists(temp.Combine("ran.txt")));
        Assert.False(Directory.Exists(temp.Combine("cache")));
        Assert.False(File.Exists(temp.Combine("depresolve.lock.json")));
    }

    [Fact]
    public async Task ARunTheHostDeclinesIsNotRunAndInvokeSaysItWasNotApproved()
    {
        using var temp = new TempFolder();
        var script = Write(temp, "hello.ps1", "Set-Content (Join-Path $PSScriptRoot 'ran.txt') 'ran'\n");
        var asked = new List<string>();
        using var session = NewSession(temp, DemoFeed.Build(temp), asked);

        var result = await session.TryInvokeAsync(new ScriptTestRequest { Path = script, PowerShellPath = RealPowerShell.Path }, CancellationToken.None);
        var error = await Assert.ThrowsAsync<DepResolveException>(() =>
            session.InvokeAsync(new ScriptTestRequest { Path = script, PowerShellPath = RealPowerShell.Path }, CancellationToken.None));

        Assert.Null(result);
        Assert.Equal(ErrorCode.ApprovalDeclined, error.Code);
        Assert.Equal([$"Run the script on {script}", $"Run the script on {script}"], asked);
        Assert.False(File.Exists(temp.Combine("ran.txt")));
    }

    private static string Write(TempFolder temp, string name, string text)
    {
        var path = temp.Combine(name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A session reading PowerShell with the real parser; every question is recorded and answered no.</summary>
    private static DepResolveSession NewSession(TempFolder temp, string feed, List<string>? asked = null, bool dryRun = false) => new(
        new SessionSettings
        {
            WorkingDirectory = temp.Path,
            CacheDirectory = "cache",
            Repositories = [feed],
            DryRun = dryRun,
            PowerShellParser = PowerShellScriptParser.Instance,
        },
        new SessionCallbacks
        {
            ApproveInstall = approval => { lock (temp) { asked?.Add($"Install {approval.PackageId} {approval.Version}"); } return false; },
            ShouldProcess = (target, action) => { lock (temp) { asked?.Add($"{action} on {target}"); } return false; },
        });
}
