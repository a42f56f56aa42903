using System.Text;
using DepResolve.Engine.Model;
using DepResolve.Testing.Servers;

namespace DepResolve.Engine.Tests.Trust;

/// <summary>
/// A password planted in a source URL (http://user:password@host/…) never shows: not in verbose lines, warnings,
/// errors or results, not in the lock file, not in any file under the cache root. A real v3 server on loopback that
/// demands those credentials, and a dead feed carrying them too.
/// </summary>
public sealed class CredentialLeakTests
{
    private const string User = "deployer";
    private const string Secret = "S3cr3t-planted-7f3a";

    [Fact]
    public async Task A_password_in_a_source_url_appears_in_no_output_stream_lock_file_or_cache_file()
    {
        using var sandbox = new FeedSandbox();
        var packages = sandbox.FolderFeed("served", "Contoso.Deploy@1.0.0");
        await using var server = await NuGetV3FeedServer.StartAsync(packages);
        server.Faults.RequiredBasic = (User, Secret);
        var secured = server.ServiceIndexUrl.Replace("http://", $"http://{User}:{Secret}@", StringComparison.Ordinal);
        sandbox.Config($$"""
            { "maxRetries": 0, "repositories": [
                { "name": "dead", "source": "http://{{User}}:{{Secret}}@127.0.0.1:9/v3/index.json", "priority": 1 },
                { "name": "team", "source": "{{secured}}", "priority": 2 } ] }
            """);
        var texts = new List<string>();
        using (var session = sandbox.Session())
        {
            var installed = await sandbox.ResolveAsync(session, "Contoso.Deploy");
            Assert.True(installed.Success, installed.ErrorDetails);
            Assert.Contains(server.Counter.Requests, r => r.Authorization is not null);
            texts.Add(Describe(installed));

            // The failure paths: a package nowhere, with a dead feed that carries the credentials.
            var missing = await session.ResolvePackagesAsync(new Dictionary<string, string?> { ["Contoso.Missing"] = null }, new DepResolve.Engine.Hosting.ResolveRequest(), CancellationToken.None);
            Assert.False(missing.Success);
            Assert.Equal(ErrorCode.NetworkError, missing.ErrorCode);
            texts.Add(Describe(missing));
        }

        Assert.NotEmpty(sandbox.Verbose);
        Assert.Contains(sandbox.Verbose, l => l.Contains("Repository team (priority 2): http://127.0.0.1:", StringComparison.Ordinal));
        Assert.NotEmpty(sandbox.Warnings);
        texts.AddRange(sandbox.Verbose);
        texts.AddRange(sandbox.Warnings);
        texts.Add(File.ReadAllText(sandbox.LockFilePath));
        Assert.All(texts, text => Assert.DoesNotContain(Secret, text, StringComparison.Ordinal));

        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Secret}"));
        var cacheFiles = Directory.EnumerateFiles(sandbox.CacheRoot, "*", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(cacheFiles);
        foreach (var file in cacheFiles)
        {
            var content = Encoding.UTF8.GetString(File.ReadAllBytes(file));
            Assert.False(content.Contains(Secret, StringComparison.Ordinal) || content.Contains(encoded, StringComparison.Ordinal), $"{file} holds the secret");
        }
    }

    [Theory]
    [InlineData("Could not read http://u:pw@host/v3/index.json (1 attempts)", "Could not read http://host/v3/index.json (1 attempts)")]
    [InlineData("see https://token@feed.example/x and http://a:b@c/d", "see https://feed.example/x and http://c/d")]
    [InlineData("mail me: someone@example.com, folder /tmp/a@b", "mail me: someone@example.com, folder /tmp/a@b")]
    public void Every_url_in_a_message_loses_its_user_info(string text, string expected)
    {
        Assert.Equal(expected, CredentialRedaction.Redact(text));
        Assert.Equal(expected, new DepResolveException(ErrorCode.NetworkError, text, text).Message);
        Assert.Equal(expected, new DepResolveException(ErrorCode.NetworkError, text, text).Target);
    }

    private static string Describe(ResolutionResult result) => string.Join("\n",
        new[] { result.ErrorDetails ?? "", result.ModulePath ?? "", result.EnvironmentPath ?? "" }
            .Concat(result.Warnings)
            .Concat(result.FailedPackages)
            .Concat(result.ResolvedPackages.Select(p => $"{p.Id} {p.Version} {p.Source} {p.Reason}")));
}
