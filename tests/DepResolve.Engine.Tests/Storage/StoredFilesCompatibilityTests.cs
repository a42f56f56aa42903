using DepResolve.Engine.Caching;
using DepResolve.Engine.Installation;
using DepResolve.Engine.Mapping;
using DepResolve.Engine.Model;
using DepResolve.Engine.Storage;
using DepResolve.Engine.Tests.Fixtures;

namespace DepResolve.Engine.Tests.Storage;

/// <summary>
/// The cache's record files, as the Newtonsoft.Json code wrote them, byte for byte: whichever serializer reads and
/// writes a file, every value is read back from these texts and the same bytes are written again. The store entry
/// manifest and the metadata cache files use System.Text.Json source-generated contracts, the others Newtonsoft.Json.
/// </summary>
public class StoredFilesCompatibilityTests
{
    private static readonly DateTime When = new DateTime(2026, 12, 7, 15, 4, 5, 123, DateTimeKind.Utc).AddTicks(4567);

    private const string ResolutionFile = """
        {
          "storedUtc": "2026-12-07T15:04:05.1234567Z",
          "result": {
            "Success": true,
            "ResolvedPackages": [
              {
                "Id": "Az.Accounts",
                "Version": "3.0.1",
                "Source": "PSGallery",
                "Sha512": "ab+/cd==",
                "IsPowerShellModule": true,
                "Dependencies": [
                  "Az.Core [1.0.0, )"
                ],
                "Reason": "deploy.ps1 -> Az.Accounts [3.0.0, ) <\"é\">",
                "Size": 12345
              },
              {
                "Id": "Newtonsoft.Json",
                "Version": "13.0.3",
                "Source": "nuget.org",
                "IsPowerShellModule": false,
                "Dependencies": [],
                "Reason": ""
              }
            ],
            "FailedPackages": [],
            "Warnings": [
              "a warning & more"
            ],
            "ExecutionTime": "00:00:01.2345678",
            "CacheHit": false,
            "EnvironmentPath": "/cache/envs/abc",
            "EnvironmentId": "abc",
            "ModulePath": "/cache/store/a/1.0",
            "Assemblies": [
              "store/x/lib/x.dll"
            ],
            "Policy": "Highest",
            "InstalledModules": [
              {
                "Requirement": "Pester [5.0.0, 6.0.0)",
                "Name": "Pester",
                "Version": "5.6.1",
                "Path": "/m/Pester/5.6.1",
                "ModulePathEntry": "/m"
              }
            ],
            "Scripts": [
              "/s/deploy.ps1"
            ]
          }
        }
        """;

    private const string RegistryFile = """
        {
          "format": 1,
          "environments": {
            "env-a": {
              "id": "env-a",
              "createdUtc": "2026-12-08T15:04:05.1234567Z",
              "lastUsedUtc": "2026-12-08T15:04:05.1234567Z"
            },
            "env-b": {
              "id": "env-b",
              "createdUtc": "2026-12-07T15:04:05.1234567Z",
              "lastUsedUtc": "2026-12-07T15:04:05.1234567Z"
            }
          }
        }
        """;

    private const string CommandIndexFile = """
        {
          "Format": 1,
          "Modules": [
            {
              "Module": "Az.Accounts",
              "Version": "3.0.1",
              "Commands": []
            },
            {
              "Module": "Pester",
              "Version": "5.6.1",
              "Commands": [
                "Invoke-Pester",
                "Should"
              ]
            }
          ]
        }
        """;

    private const string EnvironmentRecordFile = """
        {
          "format": 1,
          "id": "env-a",
          "packages": [
            {
              "id": "Az.Accounts",
              "version": "3.0.1",
              "source": "PSGallery",
              "sha512": "ab+/cd==",
              "isPowerShellModule": true,
              "storeEntry": "store/az.accounts/3.0.1/ab",
              "fromBase": false
            }
          ],
          "modulePathEntries": [
            "store/az.accounts/3.0.1/ab/modules"
          ],
          "assemblies": [
            "store/az.accounts/3.0.1/ab/lib/x.dll"
          ],
          "storeEntries": [
            "store/az.accounts/3.0.1/ab"
          ],
          "createdUtc": "2026-12-07T15:04:05.1234567Z"
        }
        """;

    private const string StoreEntryManifestFile = """
        {
          "format": 1,
          "id": "Az.Accounts",
          "version": "3.0.1",
          "sha512": "ab+/cd==",
          "source": "PSGallery",
          "kind": "module",
          "moduleName": "Az.Accounts",
          "moduleVersion": "3.0.1",
          "modulePathEntries": [
            "modules"
          ],
          "assemblies": [],
          "files": {
            "a/file.psm1": {
              "size": 11,
              "sha256": "11ee"
            },
            "b/file.psd1": {
              "size": 10,
              "sha256": "00ff",
              "mtime": 638000000000000000
            }
          },
          "packageSize": 99,
          "installedUtc": "2026-12-07T15:04:05.1234567Z"
        }
        """;

    private const string MetadataCacheFile = """
        {
          "fetchedUtc": "2026-12-07T15:04:05.1234567Z",
          "value": [
            {
              "id": "Az.Accounts",
              "version": "3.0.1",
              "groups": [
                {
                  "framework": "any",
                  "dependencies": [
                    {
                      "id": "Az.Core",
                      "range": "[1.0.0, )"
                    }
                  ]
                }
              ],
              "tags": [
                "PSModule",
                "Azure"
              ],
              "listed": true,
              "sha512": "ab+/cd==",
              "size": 12345,
              "description": "Accounts <&> \"quoted\" é",
              "authors": "Microsoft",
              "feed": "PSGallery"
            },
            {
              "id": "Unlisted",
              "version": "1.0.0-beta.1",
              "groups": [],
              "tags": [],
              "listed": false,
              "feed": "local"
            }
          ]
        }
        """;

    private const string VersionsCacheFile = """
        {
          "fetchedUtc": "2026-12-07T15:04:05.1234567Z",
          "value": [
            {
              "version": "1.0.0",
              "listed": true
            },
            {
              "version": "2.0.0-rc.1",
              "listed": false
            }
          ]
        }
        """;

    private const string AuditLogLines = """
        {"time":"2026-12-07T15:04:05.1234567Z","user":"someone","action":"install","package":"Az.Accounts","version":"3.0.1","source":"PSGallery","sha512":"ab+/cd==","environment":"env-a","result":"success","detail":"a <detail> & 'quote'","pid":PID}
        {"time":"2026-12-07T15:04:06Z","user":"someone","action":"reuse-environment","environment":"env-a","result":"success","pid":PID}
        """;

    [Fact]
    public void AResolutionCacheEntryWrittenBeforeIsAHitWithEveryValueAndIsWrittenTheSameWay()
    {
        using var temp = new TempFolder();
        var layout = new CacheLayout(temp.Combine("old"));
        Directory.CreateDirectory(layout.ResolutionsFolder);
        File.WriteAllText(Path.Combine(layout.ResolutionsFolder, "fp.json"), ResolutionFile.ReplaceLineEndings());

        var read = new ResolutionCache(layout, () => When.AddMinutes(1)).TryGet("fp", TimeSpan.FromMinutes(2));

        Assert.NotNull(read);
        Assert.True(read!.Success);
        Assert.True(read.CacheHit);
        Assert.Null(new ResolutionCache(layout, () => When.AddMinutes(3)).TryGet("fp", TimeSpan.FromMinutes(2)));
        Assert.Equal(["Az.Accounts 3.0.1", "Newtonsoft.Json 13.0.3"], read.ResolvedPackages.Select(p => p.ToString()));
        var first = read.ResolvedPackages[0];
        Assert.Equal(("PSGallery", "ab+/cd==", true, 12345L), (first.Source, first.Sha512, first.IsPowerShellModule, first.Size!.Value));
        Assert.Equal(["Az.Core [1.0.0, )"], first.Dependencies);
        Assert.Equal("deploy.ps1 -> Az.Accounts [3.0.0, ) <\"é\">", first.Reason);
        Assert.Null(read.ResolvedPackages[1].Sha512);
        Assert.Null(read.ResolvedPackages[1].Size);
        Assert.Empty(read.FailedPackages);
        Assert.Equal(["a warning & more"], read.Warnings);
        Assert.Equal(TimeSpan.FromMilliseconds(1234.5678), read.ExecutionTime);
        Assert.Equal(("/cache/envs/abc", "abc", "/cache/store/a/1.0", "Highest"), (read.EnvironmentPath, read.EnvironmentId, read.ModulePath, read.Policy));
        Assert.Equal(["store/x/lib/x.dll"], read.Assemblies);
        Assert.Equal(["Pester [5.0.0, 6.0.0) satisfied by Pester 5.6.1 at /m/Pester/5.6.1"], read.InstalledModules.Select(m => m.ToString()));
        Assert.Equal("/m", read.InstalledModules[0].ModulePathEntry);
        Assert.Equal(["/s/deploy.ps1"], read.Scripts);
        Assert.Null(read.ErrorCode);
        Assert.Null(read.LockFilePath);

        var rewritten = new CacheLayout(temp.Combine("new"));
        read.CacheHit = false;
        new ResolutionCache(rewritten, () => When).Put("fp", read);
        Assert.Equal(ResolutionFile.ReplaceLineEndings(), File.ReadAllText(Path.Combine(rewritten.ResolutionsFolder, "fp.json")));
    }

    [Fact]
    public void TheEnvironmentRegistryWrittenBeforeIsReadInUtcAndWrittenTheSameWay()
    {
        using var temp = new TempFolder();
        var layout = new CacheLayout(temp.Combine("old"));
        Directory.CreateDirectory(layout.Root);
        File.WriteAllText(layout.RegistryFile, RegistryFile.ReplaceLineEndings());

        var read = new EnvironmentRegistry(layout).ReadAll();

        Assert.Equal(["env-a", "env-b"], read.Select(e => e.Id));
        Assert.Equal([When.AddDays(1), When], read.Select(e => e.LastUsedUtc));
        Assert.All(read, e => Assert.Equal(DateTimeKind.Utc, e.CreatedUtc.Kind));

        var rewritten = new CacheLayout(temp.Combine("new"));
        new EnvironmentRegistry(rewritten).Touch("env-b", When);
        new EnvironmentRegistry(rewritten).Touch("env-a", When.AddDays(1));
        Assert.Equal(RegistryFile.ReplaceLineEndings(), File.ReadAllText(rewritten.RegistryFile));
    }

    [Fact]
    public void TheCommandIndexWrittenBeforeIsReadAndWrittenTheSameWay()
    {
        using var temp = new TempFolder();
        var layout = new CacheLayout(temp.Combine("old"));
        Directory.CreateDirectory(layout.Root);
        File.WriteAllText(CommandIndex.FileFor(layout), CommandIndexFile.ReplaceLineEndings());

        var index = CommandIndex.Load(layout);

        Assert.Equal(2, index.Count);
        Assert.Equal(["Invoke-Pester", "Should"], index.Find("pester", "5.6.1")!.Commands);
        Assert.Equal(["Pester"], index.FindExporters("should").Select(m => m.Module));
        Assert.Empty(index.Find("Az.Accounts", "3.0.1")!.Commands);

        var written = temp.Combine("commands.json");
        Directory.Delete(layout.Root, recursive: true);
        Directory.CreateDirectory(layout.Root);
        var reindexed = CommandIndex.Load(layout);
        var modules = temp.Combine("modules");
        foreach (var (name, version, commands) in new[] { ("Pester", "5.6.1", "'Invoke-Pester', 'Should'"), ("Az.Accounts", "3.0.1", "") })
        {
            Directory.CreateDirectory(Path.Combine(modules, name, version));
            File.WriteAllText(Path.Combine(modules, name, version, name + ".psd1"), $"@{{ ModuleVersion = '{version}'; FunctionsToExport = @({commands}); CmdletsToExport = @(); AliasesToExport = @() }}");
        }

        reindexed.Learn([modules]);
        Assert.Equal(CommandIndexFile.ReplaceLineEndings(), File.ReadAllText(CommandIndex.FileFor(layout)));
    }

    [Fact]
    public void AnEnvironmentRecordWrittenBeforeIsReadAndWrittenTheSameWay()
    {
        using var temp = new TempFolder();
        var layout = new CacheLayout(temp.Combine("old"));
        var environments = new EnvironmentManager(layout);
        Directory.CreateDirectory(environments.FolderOf("env-a"));
        File.WriteAllText(Path.Combine(environments.FolderOf("env-a"), EnvironmentManager.RecordFileName), EnvironmentRecordFile.ReplaceLineEndings());

        var record = environments.LoadRecord("env-a");

        Assert.NotNull(record);
        Assert.Equal((1, "env-a", (string?)null, When), (record!.Format, record.Id, record.BaseEnvironmentId, record.CreatedUtc));
        var package = Assert.Single(record.Packages);
        Assert.Equal(("Az.Accounts", "3.0.1", "PSGallery", "ab+/cd==", true, "store/az.accounts/3.0.1/ab", false),
            (package.Id, package.Version, package.Source, package.Sha512, package.IsPowerShellModule, package.StoreEntry, package.FromBase));
        Assert.Equal(["store/az.accounts/3.0.1/ab/modules"], record.ModulePathEntries);
        Assert.Equal(["store/az.accounts/3.0.1/ab/lib/x.dll"], record.Assemblies);
        Assert.Equal(["store/az.accounts/3.0.1/ab"], record.StoreEntries);

        var written = temp.Combine("environment.json");
        AtomicFile.WriteJson(written, record);
        Assert.Equal(EnvironmentRecordFile.ReplaceLineEndings(), File.ReadAllText(written));
    }

    [Fact]
    public void AStoreEntryManifestWrittenBeforeIsReadInOrdinalOrderAndWrittenTheSameWay()
    {
        using var temp = new TempFolder();
        var file = temp.Combine("entry.json");
        File.WriteAllText(file, StoreEntryManifestFile.ReplaceLineEndings());

        var manifest = AtomicFile.TryReadJson(file, InstallationJson.Files.StoreEntryManifest);

        Assert.NotNull(manifest);
        Assert.Equal(("Az.Accounts", "3.0.1", "ab+/cd==", "PSGallery", "module", "Az.Accounts", "3.0.1", (string?)null, 99L, When),
            (manifest!.Id, manifest.Version, manifest.Sha512, manifest.Source, manifest.Kind, manifest.ModuleName, manifest.ModuleVersion, manifest.Framework, manifest.PackageSize, manifest.InstalledUtc));
        Assert.Equal(["modules"], manifest.ModulePathEntries);
        Assert.Empty(manifest.Assemblies);
        Assert.Equal(["a/file.psm1", "b/file.psd1"], manifest.Files.Keys);
        Assert.Equal((11L, "11ee", (long?)null), (manifest.Files["a/file.psm1"].Size, manifest.Files["a/file.psm1"].Sha256, manifest.Files["a/file.psm1"].ModifiedTicks));
        Assert.Equal(638000000000000000L, manifest.Files["b/file.psd1"].ModifiedTicks);

        // Keys that a culture-aware order would sort differently stay in ordinal order when the file is rewritten.
        manifest.Files["B/upper.txt"] = new StoreFileRecord { Size = 1, Sha256 = "aa" };
        Assert.Equal(["B/upper.txt", "a/file.psm1", "b/file.psd1"], manifest.Files.Keys);
        manifest.Files.Remove("B/upper.txt");

        var written = temp.Combine("rewritten.json");
        AtomicFile.WriteJson(written, manifest, InstallationJson.Files.StoreEntryManifest);
        Assert.Equal(StoreEntryManifestFile.ReplaceLineEndings(), File.ReadAllText(written));
    }

    [Fact]
    public void AuditLinesWrittenBeforeAreReadAndNewLinesAreWrittenTheSameWay()
    {
        using var temp = new TempFolder();
        var layout = new CacheLayout(temp.Combine("old"));
        Directory.CreateDirectory(layout.Root);
        var old = AuditLogLines.Replace("PID", "1136").ReplaceLineEndings("\n") + "\n";
        File.WriteAllText(layout.AuditLogFile, old);

        var entries = new AuditLog(layout).ReadAll();

        Assert.Equal(["install", "reuse-environment"], entries.Select(e => e.Action));
        Assert.Equal(("2026-12-07T15:04:05.1234567Z", "someone", "Az.Accounts", "3.0.1", "PSGallery", "ab+/cd==", "env-a", "success", "a <detail> & 'quote'", 1136),
            (entries[0].Time, entries[0].User, entries[0].Package, entries[0].Version, entries[0].Source, entries[0].Sha512, entries[0].Environment, entries[0].Result, entries[0].Detail, entries[0].ProcessId));
        Assert.Null(entries[1].Package);

        var rewritten = new CacheLayout(temp.Combine("new"));
        Directory.CreateDirectory(rewritten.Root);
        var log = new AuditLog(rewritten);
        foreach (var entry in entries)
        {
            log.Write(entry);
        }

        Assert.Equal(AuditLogLines.Replace("PID", System.Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)).ReplaceLineEndings("\n") + "\n", File.ReadAllText(rewritten.AuditLogFile));
    }

    [Fact]
    public void MetadataCacheFilesWrittenBeforeAreReadAndWrittenTheSameWay()
    {
        using var temp = new TempFolder();
        var metadataFile = temp.Combine("all.json");
        var versionsFile = temp.Combine("versions.json");
        File.WriteAllText(metadataFile, MetadataCacheFile.ReplaceLineEndings());
        File.WriteAllText(versionsFile, VersionsCacheFile.ReplaceLineEndings());

        var metadata = AtomicFile.TryReadJson(metadataFile, CachingJson.Files.Metadata);
        var versions = AtomicFile.TryReadJson(versionsFile, CachingJson.Files.Versions);

        Assert.NotNull(metadata);
        Assert.Equal(When, metadata!.FetchedUtc);
        var first = metadata.Value![0].ToMetadata();
        Assert.Equal(("Az.Accounts", "3.0.1", true, "ab+/cd==", 12345L, "Accounts <&> \"quoted\" é", "Microsoft", "PSGallery"),
            (first.Id, first.Version.ToNormalizedString(), first.IsListed, first.PublishedSha512, first.PackageSize!.Value, first.Description, first.Authors, first.FeedName));
        Assert.Equal(["PSModule", "Azure"], first.Tags);
        var group = Assert.Single(first.DependencyGroups);
        Assert.True(group.TargetFramework.IsAny);
        Assert.Equal(["Az.Core [1.0.0, )"], group.Dependencies.Select(d => d.Id + " " + d.Range.ToNormalizedString()));
        var second = metadata.Value[1];
        Assert.Equal(("Unlisted", "1.0.0-beta.1", false, (string?)null, (long?)null, "local"), (second.Id, second.Version, second.IsListed, second.Sha512, second.Size, second.FeedName));
        Assert.NotNull(versions);
        Assert.Equal(["1.0.0 True", "2.0.0-rc.1 False"], versions!.Value!.Select(v => v.Version + " " + v.IsListed));

        AtomicFile.WriteJson(metadataFile, metadata, CachingJson.Files.Metadata);
        AtomicFile.WriteJson(versionsFile, versions, CachingJson.Files.Versions);
        Assert.Equal(MetadataCacheFile.ReplaceLineEndings(), File.ReadAllText(metadataFile));
        Assert.Equal(VersionsCacheFile.ReplaceLineEndings(), File.ReadAllText(versionsFile));
    }
}
