using DepResolve.Engine.Configuration;
using DepResolve.Engine.Feeds.Http;
using DepResolve.Engine.Tests.Fixtures;
using DepResolve.Testing;

namespace DepResolve.Engine.Tests.Feeds;

/// <summary>A small package set for the HTTP feed tests, and client settings that retry in milliseconds.</summary>
internal static class HttpFeedTestPackages
{
    public const string LoggingTag = "PSCommand_Write-FixtureLog";

    /// <summary>Fixture.Core 1.0.0, 1.2.0; Fixture.Logging 1.0.0, 1.1.0, 2.0.0-beta1 (-> Fixture.Core); Fixture.Other 3.0.0.</summary>
    public static TempFolder Create()
    {
        var folder = new TempFolder("depresolve-httpfeed");
        new PackageBuilder("Fixture.Core", "1.0.0").AsModule(["Get-FixtureCore"]).Build(folder.Path);
        new PackageBuilder("Fixture.Core", "1.2.0").AsModule(["Get-FixtureCore"]).Build(folder.Path);
        foreach (var version in new[] { "1.0.0", "1.1.0", "2.0.0-beta1" })
        {
            new PackageBuilder("Fixture.Logging", version)
                .AsModule(["Write-FixtureLog"])
                .DependsOn("Fixture.Core", "[1.0.0, )")
                .WithDescription("Logging for fixtures")
                .Build(folder.Path);
        }

        new PackageBuilder("Fixture.Other", "3.0.0").AsModule(["Get-Other"]).WithTags("Unrelated").Build(folder.Path);
        return folder;
    }

    public static FeedHttpClient FastClient(TimeSpan? requestTimeout = null, int maxRetries = 3, long? maxMetadataBytes = null, int maxParallelism = 16, List<string>? log = null) =>
        new(new FeedHttpSettings
        {
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
            RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(10),
            MaxRetries = maxRetries,
            MaxMetadataBytes = maxMetadataBytes ?? 64L << 20,
            MaxParallelism = maxParallelism,
            Log = log is null ? null : line => { lock (log) { log.Add(line); } },
        });

    public static RepositorySettings Repository(string url, string? user = null, string? password = null, string? apiKey = null) =>
        new() { Name = "fixture", Source = url, UserName = user, Password = password, ApiKey = apiKey };
}
