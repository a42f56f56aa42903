using System.Text.RegularExpressions;
using DepResolve.Engine.Running;
using DepResolve.Engine.Tests.Fixtures;

namespace DepResolve.Engine.Tests.Running;

public sealed class ChildProtocolTests
{
    [Fact]
    public void The_generated_bootstrap_is_complete_and_marked()
    {
        var bootstrap = ChildProtocol.GenerateBootstrap();

        Assert.StartsWith(ChildProtocol.Marker + " (protocol 1)", bootstrap, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", bootstrap, StringComparison.Ordinal);
        Assert.Contains("ProtocolVersion = 1", bootstrap, StringComparison.Ordinal);
        // The pieces the protocol depends on in real pwsh.
        Assert.Contains("ConvertFrom-Json -AsHashtable", bootstrap, StringComparison.Ordinal);
        Assert.Contains("Add-Type -LiteralPath", bootstrap, StringComparison.Ordinal);
        Assert.Contains("Invoke-Pester -Configuration", bootstrap, StringComparison.Ordinal);
        Assert.Contains("$env:PSModulePath =", bootstrap, StringComparison.Ordinal);
    }

    [Fact]
    public void The_bootstrap_writes_and_reads_exactly_the_protocol_documents_fields()
    {
        var bootstrap = ChildProtocol.GenerateBootstrap().Split('\n');

        // Every [ordered]@{ ... } the bootstrap serialises is one of the result document's objects.
        var written = OrderedHashtables(bootstrap).ToList();
        Assert.Equal(PropertyNames<ChildRunResult>(), Assert.Single(written, h => h.Line.Contains("$result =", StringComparison.Ordinal)).Keys);
        Assert.Equal(PropertyNames<ChildPesterResult>(), Assert.Single(written, h => h.Line.Contains("$pester =", StringComparison.Ordinal)).Keys);
        Assert.Equal(PropertyNames<ChildFailedTest>(), Assert.Single(written, h => h.Line.Contains("$failedTests.Add(", StringComparison.Ordinal)).Keys);
        var errorEntries = written.Where(h => h.Line.Trim() == "[ordered]@{").ToList();
        Assert.Equal(2, errorEntries.Count);
        Assert.All(errorEntries, entry => Assert.Equal(PropertyNames<ChildErrorRecord>(), entry.Keys));

        var read = bootstrap.SelectMany(line => Regex.Matches(line, @"\$request\.(?<name>\w+)").Select(m => m.Groups["name"].Value)).ToHashSet();
        Assert.Subset(PropertyNames<ChildRunRequest>().ToHashSet(), read);
    }

    private static IEnumerable<(string Line, List<string> Keys)> OrderedHashtables(string[] lines)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].Contains("[ordered]@{", StringComparison.Ordinal))
            {
                continue;
            }

            var keys = new List<string>();
            var j = i + 1;
            for (; j < lines.Length && !lines[j].TrimStart().StartsWith('}'); j++)
            {
                var key = Regex.Match(lines[j], @"^\s*(?<key>\w+)\s*=");
                if (key.Success)
                {
                    keys.Add(key.Groups["key"].Value);
                }
            }

            yield return (lines[i], keys);
            i = j;
        }
    }

    private static List<string> PropertyNames<T>() => typeof(T).GetProperties().Select(p => p.Name).ToList();

    [Fact]
    public async Task A_child_that_dies_without_a_result_is_a_clear_failure()
    {
        using var fixture = new RunnerFixture();
        // [Environment]::Exit ends the real pwsh at once: the bootstrap never gets to write its result document.
        var script = fixture.WriteScript("x.ps1", "Write-Output 'leaving'", "[System.Environment]::Exit(7)");
        var runner = new ScriptTestRunner(fixture.Options, (_, _) => Task.FromResult(RunEnvironment.Empty));

        var result = await runner.RunAsync(new ScriptRunRequest { Path = script, Timeout = TimeSpan.FromSeconds(60) });

        Assert.False(result.Success);
        Assert.Equal(7, result.ExitCode);
        Assert.Equal($"{RealPowerShell.Path} exited with code 7 without writing a result document.", result.ErrorMessage);
        Assert.Contains("leaving", result.Output, StringComparison.Ordinal);
    }
}
