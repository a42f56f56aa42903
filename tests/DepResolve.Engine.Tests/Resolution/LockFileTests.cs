using DepResolve.Engine.Configuration;
using DepResolve.Engine.Model;
using DepResolve.Engine.Resolution;
using DepResolve.Engine.Resolution.Locking;
using DepResolve.Engine.Tests.Fixtures;
using NuGet.Versioning;
using static DepResolve.Engine.Tests.Resolution.Resolve;

namespace DepResolve.Engine.Tests.Resolution;

public class LockFileTests
{
    private static readonly RepositorySettings[] Repositories =
    [
        new() { Name = "internal", Source = "https://builder:s3cret@pkgs.example.com/feed/index.json", Password = "s3cret", ApiKey = "key-123" },
        new() { Name = "PSGallery", Source = "https://www.powershellgallery.com/api/v2" },
    ];

    private static async Task<ResolutionResult> ResolveSample()
    {
        var feed = new InMemoryFeed("PSGallery");
        feed.Package("Az.Compute", "7.1.0").DependsOn("Az.Accounts", "[3.0.0,)")
            .Package("az.storage", "5.0.0").DependsOn("Az.Accounts", "[2.0.0,4.0.0)")
            .Package("Az.Accounts", "3.1.0.0")
            .Package("Pester", "5.6.0-beta1");
        var outcome = await With([feed], ResolutionPolicy.Highest, null, Requirement("Az.Compute", "7.0"), Requirement("az.storage", "5.0"), Requirement("Pester", "5.0", allowPrerelease: true));
        Assert.True(outcome.Success, outcome.Error?.Message);
        return outcome.ToResult();
    }

    private static Dictionary<string, string> InstalledHashes(ResolutionResult result) =>
        result.ResolvedPackages.ToDictionary(p => p.Id, p => "installed-" + p.Id.ToLowerInvariant());

    [Fact]
    public async Task Written_read_and_written_again_is_byte_identical_and_has_the_documented_shape()
    {
        using var folder = new TempFolder();
        var path = folder.Combine(LockFile.DefaultFileName);
        var result = await ResolveSample();

        LockFileSerializer.Write(LockFileFactory.Create(result, InstalledHashes(result), Repositories), path);
        var first = File.ReadAllBytes(path);
        var read = LockFileSerializer.Read(path);
        var again = folder.Combine("again.json");
        LockFileSerializer.Write(read, again);

        Assert.Equal(first, File.ReadAllBytes(again));
        Assert.Equal(
            """
            {
              "formatVersion": 1,
              "packages": {
                "Az.Accounts": {
                  "dependencies": {},
                  "sha512": "installed-az.accounts",
                  "source": "PSGallery",
                  "version": "3.1.0"
                },
                "Az.Compute": {
                  "dependencies": {
                    "Az.Accounts": "[3.0.0, )"
                  },
                  "sha512": "installed-az.compute",
                  "source": "PSGallery",
                  "version": "7.1.0"
                },
                "az.storage": {
                  "dependencies": {
                    "Az.Accounts": "[2.0.0, 4.0.0)"
                  },
                  "sha512": "installed-az.storage",
                  "source": "PSGallery",
                  "version": "5.0.0"
                },
                "Pester": {
                  "dependencies": {},
                  "sha512": "installed-pester",
                  "source": "PSGallery",
                  "version": "5.6.0-beta1"
                }
              },
              "policy": "Highest",
              "repositories": [
                {
                  "name": "internal",
                  "source": "https://pkgs.example.com/feed/index.json"
                },
                {
                  "name": "PSGallery",
                  "source": "https://www.powershellgallery.com/api/v2"
                }
              ]
            }

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            File.ReadAllText(path));
        Assert.DoesNotContain((byte)'\r', first);
        Assert.NotEqual(0xEF, first[0]);
        Assert.Equal([LockFile.DefaultFileName, "again.json"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName).Order().Reverse());
    }

    [Fact]
    public async Task Expected_hash_is_found_by_id_and_version_in_any_spelling()
    {
        var result = await ResolveSample();
        var lockFile = LockFileFactory.Create(result, InstalledHashes(result), Repositories);

        Assert.Equal("installed-az.accounts", lockFile.GetExpectedSha512("AZ.ACCOUNTS", NuGetVersion.Parse("3.1.0.0")));
        Assert.True(lockFile.TryGetExpectedSha512("az.accounts", "3.1.0", out var sha));
        Assert.Equal("installed-az.accounts", sha);
        Assert.False(lockFile.TryGetExpectedSha512("Az.Accounts", "3.0.0", out _));
        Assert.Null(lockFile.GetExpectedSha512("Unknown", NuGetVersion.Parse("1.0")));
    }

    [Fact]
    public async Task Resolved_package_without_any_known_hash_cannot_be_locked()
    {
        var result = await ResolveSample();
        foreach (var package in result.ResolvedPackages)
        {
            package.Sha512 = null;
        }

        var error = Assert.Throws<DepResolveException>(() => LockFileFactory.Create(result, new Dictionary<string, string>(), Repositories));
        Assert.Equal(ErrorCode.InvalidInput, error.Code);
        Assert.Contains("Az.Accounts 3.1.0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lock_written_from_a_resolution_locks_the_next_one_to_the_same_versions_without_asking_feeds()
    {
        using var folder = new TempFolder();
        var path = folder.Combine(LockFile.DefaultFileName);
        var result = await ResolveSample();
        LockFileSerializer.Write(LockFileFactory.Create(result, InstalledHashes(result), Repositories), path);

        var feed = new InMemoryFeed("PSGallery");
        feed.Package("Az.Accounts", "9.0.0");
        var lockFile = LockFileSerializer.Read(path);
        var outcome = await With([feed], null, lockFile, Requirement("Az.Compute", "7.0"), Requirement("az.storage", "5.0"), Requirement("Pester", "5.0", allowPrerelease: true));

        Assert.Equal(result.ResolvedPackages.Select(p => $"{p.Id} {p.Version}"), outcome.ToResult().ResolvedPackages.Select(p => $"{p.Id} {p.Version}"));
        Assert.Equal(0, feed.TotalMetadataCalls);
        Assert.Equal(path, lockFile.Path);
    }

    [Theory]
    [InlineData("{ \"formatVersion\": 1, \"policy\": \"Highest\", \"packages\": { ")]
    [InlineData("not json at all")]
    [InlineData("{ \"formatVersion\": 1, \"policy\": \"Newest\", \"packages\": {} }")]
    [InlineData("{ \"formatVersion\": \"1\", \"policy\": \"Highest\", \"packages\": {} }")]
    [InlineData("{ \"formatVersion\": 1, \"policy\": \"Highest\", \"packages\": { \"A\": { \"version\": \"1.x\", \"source\": \"s\", \"sha512\": \"h\" } } }")]
    [InlineData("{ \"formatVersion\": 1, \"policy\": \"Highest\", \"packages\": { \"A\": { \"version\": \"1.0\", \"source\": \"s\" } } }")]
    [InlineData("{ \"formatVersion\": 1, \"policy\": \"Highest\", \"packages\": { \"A\": { \"version\": \"1.0\", \"source\": \"s\", \"sha512\": \"h\", \"dependencies\": { \"B\": \"[1.0\" } } } }")]
    [InlineData("{ \"formatVersion\": 1, \"policy\": \"Highest\", \"packages\": { \"A\": { \"version\": \"1.0\", \"source\": \"s\", \"sha512\": \"h\" }, \"a\": { \"version\": \"1.0\", \"source\": \"s\", \"sha512\": \"h\" } } }")]
    [InlineData("{ \"formatVersion\": 1, \"policy\": \"Highest\", \"packages\": {} } trailing")]
    public void Corrupt_lock_file_is_invalid_input_naming_the_file_and_is_left_alone(string content)
    {
        using var folder = new TempFolder();
        var path = folder.Combine(LockFile.DefaultFileName);
        File.WriteAllText(path, content);

        var error = Assert.Throws<DepResolveException>(() => LockFileSerializer.Read(path));

        Assert.Equal(ErrorCode.InvalidInput, error.Code);
        Assert.StartsWith($"The lock file {path} is not a valid DepResolve lock file: ", error.Message, StringComparison.Ordinal);
        Assert.Equal(path, error.Target);
        Assert.Equal(content, File.ReadAllText(path));
        Assert.Single(Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public void Lock_file_of_a_future_format_version_is_refused_with_both_versions_named()
    {
        using var folder = new TempFolder();
        var path = folder.Combine(LockFile.DefaultFileName);
        File.WriteAllText(path, "{ \"formatVersion\": 2, \"policy\": \"Highest\", \"packages\": {}, \"somethingNew\": true }");

        var error = Assert.Throws<DepResolveException>(() => LockFileSerializer.Read(path));

        Assert.Equal(ErrorCode.InvalidInput, error.Code);
        Assert.Equal(
            $"The lock file {path} has format version 2, written by a newer DepResolve; this version reads format 1. Update DepResolve, or re-resolve with UpdateLock to replace the file.",
            error.Message);
    }

    [Fact]
    public void Missing_lock_file_is_invalid_input_naming_it()
    {
        using var folder = new TempFolder();
        var path = folder.Combine("nope", LockFile.DefaultFileName);

        var error = Assert.Throws<DepResolveException>(() => LockFileSerializer.Read(path));

        Assert.Equal(ErrorCode.InvalidInput, error.Code);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failed_write_leaves_the_previous_lock_file_untouched_and_no_temporary_file()
    {
        using var folder = new TempFolder();
        var path = folder.Combine(LockFile.DefaultFileName);
        var result = await ResolveSample();
        var lockFile = LockFileFactory.Create(result, InstalledHashes(result), Repositories);
        LockFileSerializer.Write(lockFile, path);
        var before = File.ReadAllBytes(path);

        // A directory where the lock file should go makes the final move fail.
        var blocked = folder.Combine("blocked.json");
        Directory.CreateDirectory(blocked);
        Assert.ThrowsAny<DepResolveException>(() => LockFileSerializer.Write(lockFile, blocked));

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
    }

    [Fact]
    public async Task Lock_written_after_a_locked_resolution_keeps_the_policy_that_chose_the_versions()
    {
        var result = await ResolveSample();
        var original = LockFileFactory.Create(result, InstalledHashes(result), Repositories, ResolutionPolicy.Minimal);
        var relocked = (await With([new InMemoryFeed()], null, original, Requirement("Az.Compute", "7.0"), Requirement("az.storage", "5.0"), Requirement("Pester", "5.0", allowPrerelease: true))).ToResult();

        var rewritten = LockFileFactory.Create(relocked, new Dictionary<string, string>(), Repositories, previous: original);

        Assert.Equal(ResolutionPolicy.Minimal, rewritten.Policy);
        Assert.Equal(LockFileSerializer.Serialize(original), LockFileSerializer.Serialize(rewritten));
    }
}
