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

    private static async Task<ResolutionOutcome> ResolveSample()
    {
        var feed = new InMemoryFeed("PSGallery");
        feed.Package("Az.Compute", "7.1.0").DependsOn("Az.Accounts", "[3.0.0,)")
            .Package("az.storage", "5.0.0").DependsOn("Az.Accounts", "[2.0.0,4.0.0)")
            .Package("Az.Accounts", "3.1.0.0")
            .Package("Pester", "5.6.0-beta1");
        var outcome = await With([feed], ResolutionPolicy.Highest, null, Requirement("Az.Compute", "7.0"), Requirement("az.storage", "5.0"), Requirement("Pester", "5.0", allowPrerelease: true));
        Assert.True(outcome.Success, outcome.Error?.Message);
        return outcome;
    }

    private static Dictionary<string, string> InstalledHashes(ResolutionOutcome result) =>
        result.Packages.ToDictionary(p => p.Id, p => "installed-" + p.Id.ToLowerInvariant());

    [Fact]
    public async Task Written_read_and_written_again_is_byte_identical_and_has_the_documented_shape()
    {
        using var folder = new TempFolder();
        var path = folder.Combine(LockFile.DefaultFileName);
        var result = await ResolveSample();

        var lower = LockFileFactory.Create(result.Packages, result.Policy, InstalledHashes(result), Repositories, ResolutionPolicy.Lowest);
        var document = LockDocument.Empty(path).WithSection("tools/report.ps1", lower).WithSection("deploy.ps1", LockFileFactory.Create(result.Packages, result.Policy, InstalledHashes(result), Repositories));
        LockFileSerializer.Write(document, path);
        var first = File.ReadAllBytes(path);
        var read = LockFileSerializer.Read(path);
        var again = folder.Combine("again.json");
        LockFileSerializer.Write(read, again);

        Assert.Equal(first, File.ReadAllBytes(again));
        Assert.Equal(
            """
            {
              "formatVersion": 2,
              "scripts": {
                "deploy.ps1": {
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
                },
                "tools/report.ps1": {
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
                  "policy": "Lowest",
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
              }
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
        var lockFile = LockFileFactory.Create(result.Packages, result.Policy, InstalledHashes(result), Repositories);

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
        var unhashed = result.Packages.Select(p => p with { Sha512 = null }).ToList();

        var error = Assert.Throws<DepResolveException>(() => LockFileFactory.Create(unhashed, result.Policy, new Dictionary<string, string>(), Repositories));
        Assert.Equal(ErrorCode.InvalidInput, error.Code);
        Assert.Contains("Az.Accounts 3.1.0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lock_written_from_a_resolution_locks_the_next_one_to_the_same_versions_without_asking_feeds()
    {
        using var folder = new TempFolder();
        var path = folder.Combine(LockFile.DefaultFileName);
        var result = await ResolveSample();
        LockFileSerializer.Write(LockDocument.Empty(path).WithSection("deploy.ps1", LockFileFactory.Create(result.Packages, result.Policy, InstalledHashes(result), Repositories)), path);

        var feed = new InMemoryFeed("PSGallery");
        feed.Package("Az.Accounts", "9.0.0");
        var lockFile = LockFileSerializer.Read(path).SectionFor("deploy.ps1")!;
        var outcome = await With([feed], null, lockFile, Requirement("Az.Compute", "7.0"), Requirement("az.storage", "5.0"), Requirement("Pester", "5.0", allowPrerelease: true));

        Assert.Equal(result.ToResult().ResolvedPackages.Select(p => $"{p.Id} {p.Version}"), outcome.ToResult().ResolvedPackages.Select(p => $"{p.Id} {p.Version}"));
        Assert.Equal(0, feed.TotalMetadataCalls);
        Assert.Equal(path, lockFile.Path);
        Assert.Equal(path, outcome.ToResult().LockFilePath);
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
    [InlineData("{ \"formatVersion\": 2, \"scripts\": [] }")]
    [InlineData("{ \"formatVersion\": 2, \"packages\": {}, \"policy\": \"Highest\" }")]
    [InlineData("{ \"formatVersion\": 2, \"scripts\": { \"a.ps1\": { \"policy\": \"Highest\" } } }")]
    [InlineData("{ \"formatVersion\": 2, \"scripts\": { \"a.ps1\": 1 } }")]
    [InlineData("{ \"formatVersion\": 2, \"scripts\": {}, \"shared\": [] }")]
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
        File.WriteAllText(path, "{ \"formatVersion\": 3, \"policy\": \"Highest\", \"packages\": {}, \"somethingNew\": true }");

        var error = Assert.Throws<DepResolveException>(() => LockFileSerializer.Read(path));

        Assert.Equal(ErrorCode.InvalidInput, error.Code);
        Assert.Equal(
            $"The lock file {path} has format version 3, written by a newer DepResolve; this version reads formats 1 to 2. Update DepResolve, or re-resolve with UpdateLock to replace the file.",
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
        var lockFile = LockDocument.Empty(path).WithSection("deploy.ps1", LockFileFactory.Create(result.Packages, result.Policy, InstalledHashes(result), Repositories));
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
        var original = LockFileFactory.Create(result.Packages, result.Policy, InstalledHashes(result), Repositories, ResolutionPolicy.Minimal);
        var relocked = (await With([new InMemoryFeed()], null, original, Requirement("Az.Compute", "7.0"), Requirement("az.storage", "5.0"), Requirement("Pester", "5.0", allowPrerelease: true)));

        var rewritten = LockFileFactory.Create(relocked.Packages, relocked.Policy, new Dictionary<string, string>(), Repositories, previous: original);

        Assert.Equal(ResolutionPolicy.Minimal, rewritten.Policy);
        Assert.Equal(LockFileSerializer.Serialize(original), LockFileSerializer.Serialize(rewritten));
    }

    [Fact]
    public async Task A_format_1_file_is_every_scripts_section_until_each_writes_its_own_and_is_kept_as_shared()
    {
        using var folder = new TempFolder();
        var path = folder.Combine(LockFile.DefaultFileName);
        var result = await ResolveSample();
        var v1 = LockFileSerializer.Serialize(LockFileFactory.Create(result.Packages, result.Policy, InstalledHashes(result), Repositories))
            .Replace("{\n  \"packages\"", "{\n  \"formatVersion\": 1,\n  \"packages\"", StringComparison.Ordinal);
        File.WriteAllText(path, v1);

        var legacy = LockFileSerializer.Read(path);
        Assert.Equal("7.1.0", legacy.SectionFor("deploy.ps1")!.Packages["Az.Compute"].Version.ToNormalizedString());
        Assert.Equal("7.1.0", legacy.SectionFor("other.ps1")!.Packages["Az.Compute"].Version.ToNormalizedString());
        Assert.Equal($"{path} (section 'shared')", legacy.SectionFor("other.ps1")!.Describe());

        var own = new LockFile(ResolutionPolicy.Highest, [], [new LockedPackage("Az.Compute", NuGetVersion.Parse("8.0.0"), "PSGallery", "h", [])]);
        LockSectionWriter.Write(path, "deploy.ps1", own, folder.Combine("locks", "guard.lock"));
        var converted = LockFileSerializer.Read(path);

        Assert.Equal("8.0.0", converted.SectionFor("deploy.ps1")!.Packages["Az.Compute"].Version.ToNormalizedString());
        Assert.Equal("7.1.0", converted.SectionFor("other.ps1")!.Packages["Az.Compute"].Version.ToNormalizedString());
        Assert.Contains("\"formatVersion\": 2", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Contains("\n  \"shared\": {", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void Writers_of_different_sections_at_the_same_time_all_keep_their_section()
    {
        using var folder = new TempFolder();
        var path = folder.Combine(LockFile.DefaultFileName);
        var guard = folder.Combine("locks", "guard.lock");
        const int writers = 24;

        Parallel.For(0, writers, new ParallelOptions { MaxDegreeOfParallelism = writers }, i =>
        {
            var section = new LockFile(ResolutionPolicy.Highest, [], [new LockedPackage("Contoso.Greeting", NuGetVersion.Parse($"{i}.0.0"), "feed", "h", [])]);
            LockSectionWriter.Write(path, $"script{i:00}.ps1", section, guard);
        });

        var document = LockFileSerializer.Read(path);
        Assert.Equal(Enumerable.Range(0, writers).Select(i => $"script{i:00}.ps1"), document.Scripts.Keys);
        Assert.All(document.Scripts, s => Assert.Equal(s.Key, $"script{s.Value.Packages["Contoso.Greeting"].Version.Major:00}.ps1"));
        Assert.Equal([LockFile.DefaultFileName, "locks"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Section_keys_are_the_script_path_relative_to_the_lock_files_folder_with_slashes()
    {
        using var folder = new TempFolder();
        var lockPath = folder.Combine(LockFile.DefaultFileName);

        Assert.Equal("deploy.ps1", LockSectionKey.For(lockPath, folder.Combine("deploy.ps1")));
        Assert.Equal("tools/report.ps1", LockSectionKey.For(lockPath, folder.Combine("tools", "report.ps1")));
        Assert.Equal("../elsewhere/x.ps1", LockSectionKey.For(lockPath, Path.Combine(Path.GetDirectoryName(folder.Path)!, "elsewhere", "x.ps1")));
        Assert.Equal(LockSectionKey.WithoutScript, LockSectionKey.For(lockPath, null));
    }

    [Fact]
    public void Drift_names_added_removed_and_changed_ids_with_versions()
    {
        var section = new LockFile(
            ResolutionPolicy.Highest,
            [],
            [new LockedPackage("Contoso.Greeting", NuGetVersion.Parse("1.0.0"), "feed", "h", []), new LockedPackage("Old.Module", NuGetVersion.Parse("2.0"), "feed", "h", []), new LockedPackage("Same", NuGetVersion.Parse("1.0"), "feed", "h", [])]);

        var drift = LockDrift.Between(section, [("contoso.greeting", NuGetVersion.Parse("2.0.0")), ("Contoso.Report", NuGetVersion.Parse("1.0.0")), ("Same", NuGetVersion.Parse("1.0.0.0"))]);

        Assert.Equal("added Contoso.Report 1.0.0; removed Old.Module 2.0.0; changed Contoso.Greeting 1.0.0 -> 2.0.0", drift.ToString());
        Assert.True(LockDrift.Between(section, section.Packages.Values.Select(p => (p.Id, p.Version))).IsEmpty);
    }

    private const string ComparedSection = """
        {
          "formatVersion": 2,
          "scripts": {
            "deploy.ps1": {
              "packages": {
                "Az.Accounts": { "dependencies": {}, "sha512": "aaa", "source": "PSGallery", "version": "3.1.0" },
                "Az.Compute": { "dependencies": { "Az.Accounts": "[3.0.0, )" }, "sha512": "bbb", "source": "PSGallery", "version": "7.1.0" }
              },
              "policy": "Highest",
              "repositories": [ { "name": "PSGallery", "source": "https://www.powershellgallery.com/api/v2" } ],
              "revealed": [ "Az.Accounts" ]
            }
          }
        }
        """;

    [Theory]
    [InlineData("\"sha512\": \"aaa\"", "\"sha512\": \"aab\"")]
    [InlineData("\"source\": \"PSGallery\", \"version\": \"7.1.0\"", "\"source\": \"Other\", \"version\": \"7.1.0\"")]
    [InlineData("\"version\": \"7.1.0\"", "\"version\": \"7.2.0\"")]
    [InlineData("\"version\": \"7.1.0\"", "\"version\": \"7.1\"")]
    [InlineData("[3.0.0, )", "[3.1.0, )")]
    [InlineData("\"dependencies\": { \"Az.Accounts\"", "\"dependencies\": { \"az.accounts\"")]
    [InlineData("\"Az.Compute\": {", "\"az.compute\": {")]
    [InlineData("\"Highest\"", "\"Lowest\"")]
    [InlineData("\"name\": \"PSGallery\"", "\"name\": \"Gallery\"")]
    [InlineData("[ \"Az.Accounts\" ]", "[ \"Az.Compute\" ]")]
    public void A_section_has_the_same_text_as_another_only_when_read_from_the_same_text(string part, string changed)
    {
        var section = LockFileSerializer.Parse(ComparedSection, "a.json").SectionFor("deploy.ps1")!;
        var same = LockFileSerializer.Parse(ComparedSection.Replace("\n", " "), "b.json").SectionFor("deploy.ps1")!;
        Assert.Contains(part, ComparedSection);
        var other = LockFileSerializer.Parse(ComparedSection.Replace(part, changed), "c.json").SectionFor("deploy.ps1")!;

        Assert.True(section.HasSameTextAs(same));
        Assert.Equal(section.Text, same.Text);
        Assert.False(section.HasSameTextAs(other));
        Assert.False(other.HasSameTextAs(section));
        Assert.Equal(section.ContentDigest, same.ContentDigest);
        Assert.NotEqual(section.ContentDigest, other.ContentDigest);
    }

    [Fact]
    public void The_content_digest_tells_text_moved_between_fields()
    {
        var section = new LockFile(ResolutionPolicy.Highest, [new LockedRepository("ab", "c")], [], revealed: []);
        var moved = new LockFile(ResolutionPolicy.Highest, [new LockedRepository("a", "bc")], [], revealed: []);
        var asRevealed = new LockFile(ResolutionPolicy.Highest, [], [], revealed: ["ab"]);
        var empty = new LockFile(ResolutionPolicy.Highest, [], [], revealed: []);

        Assert.NotEqual(section.ContentDigest, moved.ContentDigest);
        Assert.NotEqual(asRevealed.ContentDigest, empty.ContentDigest);
        Assert.Equal(64, empty.ContentDigest.Length);
    }

    [Fact]
    public async Task A_section_made_from_a_resolution_has_the_same_text_as_its_lock_file_only_when_it_really_has()
    {
        using var folder = new TempFolder();
        var path = folder.Combine(LockFile.DefaultFileName);
        var result = await ResolveSample();
        var made = LockFileFactory.Create(result.Packages, result.Policy, InstalledHashes(result), Repositories);
        LockFileSerializer.Write(LockDocument.Empty(path).WithSection("deploy.ps1", made), path);
        var read = LockFileSerializer.Read(path).SectionFor("deploy.ps1")!;
        var again = LockFileSerializer.Read(path).SectionFor("deploy.ps1")!;

        Assert.True(read.HasSameTextAs(again));
        // The feed spelled Az.Accounts' version 3.1.0.0 and the file 3.1.0: the same text, which only the texts tell.
        Assert.False(made.HasSameTextAs(read));
        Assert.Equal(made.Text, read.Text);
    }
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void A_packages_dependencies_are_locked_in_id_and_range_order_whether_or_not_they_came_sorted(int seed)
    {
        var random = new Random(seed);
        string[] parts = ["Az", "az", "Az.Accounts", "AZ.accounts", "Az-X", "Az_X", "Az.", "A", "b", "B9", "Pester", "x y"];
        string[] ranges = ["[1.0.0, )", "[2.0.0, 3.0.0)", "[1.0.0]", "(, 5.0)", "1.*"];
        for (var round = 0; round < 200; round++)
        {
            var dependencies = Enumerable.Range(0, random.Next(0, 7))
                .Select(_ => new DepResolve.Engine.Packaging.PackageDependency(parts[random.Next(parts.Length)], VersionRange.Parse(ranges[random.Next(ranges.Length)])))
                .ToList();
            if (random.Next(2) == 0)
            {
                dependencies = dependencies.OrderBy(d => $"{d.Id} {RangeText.Format(d.Range)}", StringComparer.OrdinalIgnoreCase).ToList();
            }

            var node = new ResolvedNode { Id = "Root", Version = NuGetVersion.Parse("1.0.0"), FeedName = "PSGallery", Sha512 = "abc==", Dependencies = dependencies };
            var locked = LockFileFactory.Create([node], ResolutionPolicy.Highest, new Dictionary<string, string>(), Repositories).Packages["Root"].Dependencies;

            var expected = dependencies.OrderBy(d => $"{d.Id} {RangeText.Format(d.Range)}", StringComparer.OrdinalIgnoreCase).ToList();
            Assert.Equal(expected.Select(d => (d.Id, d.Range)), locked.Select(d => (d.Id, d.Range)));
        }
    }
}
