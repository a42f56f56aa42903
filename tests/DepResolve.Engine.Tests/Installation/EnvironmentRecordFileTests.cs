using DepResolve.Engine.Installation;
using DepResolve.Engine.Tests.Fixtures;

namespace DepResolve.Engine.Tests.Installation;

/// <summary>
/// The environment record read by hand accepts what Newtonsoft.Json's serializer accepted from the files it wrote
/// (member names in any letter case, unknown members, comments, an offset time); a record it cannot read is no
/// record, as a corrupt one always was.
/// </summary>
public class EnvironmentRecordFileTests
{
    [Fact]
    public void MembersInAnyCaseUnknownMembersAndAnOffsetTimeAreRead()
    {
        using var temp = new TempFolder();
        var file = temp.Combine("environment.json");
        File.WriteAllText(file, """
            {
              /* by hand */
              "ID": "env-a",
              "Packages": [ { "Id": "Pester", "Version": "5.6.1", "IsPowerShellModule": true, "StoreEntry": "store/pester/5.6.1/ab", "later": "x" } ],
              "StoreEntries": [ "store/pester/5.6.1/ab" ],
              "CreatedUtc": "2026-12-07T16:04:05+01:00",
              "future": true,
            }
            """);

        var record = EnvironmentRecordFile.TryRead(file);

        Assert.NotNull(record);
        Assert.Equal(("env-a", 1, (string?)null), (record!.Id, record.Format, record.BaseEnvironmentId));
        var package = Assert.Single(record.Packages);
        Assert.Equal(("Pester", "5.6.1", true, "store/pester/5.6.1/ab", "", false), (package.Id, package.Version, package.IsPowerShellModule, package.StoreEntry, package.Sha512, package.FromBase));
        Assert.Equal(["store/pester/5.6.1/ab"], record.StoreEntries);
        Assert.Empty(record.Assemblies);
        Assert.Equal(new DateTime(2026, 12, 7, 15, 4, 5, DateTimeKind.Utc), record.CreatedUtc);
    }

    [Theory]
    [InlineData("""{ "id": "env-a", "format": "one" }""")]
    [InlineData("""{ "id": "env-a", "packages": [ { "fromBase": "no" } ] }""")]
    [InlineData("""{ "id": "env-a", "createdUtc": 5 }""")]
    [InlineData("""[ { "id": "env-a" } ]""")]
    [InlineData("""{ "id": "env-a", """)]
    [InlineData("""{ "id": "env-a", "storeEntries": [ "store/a" """)]
    [InlineData("""{ "id": "env-a" } { "id": "env-b" }""")]
    public void ARecordWithAValueOfTheWrongKindOrNotAnObjectIsNoRecord(string text)
    {
        using var temp = new TempFolder();
        var environments = new EnvironmentManager(new DepResolve.Engine.Storage.CacheLayout(temp.Path));
        Directory.CreateDirectory(environments.FolderOf("env-a"));
        File.WriteAllText(Path.Combine(environments.FolderOf("env-a"), EnvironmentManager.RecordFileName), text);

        Assert.Null(environments.LoadRecord("env-a"));
    }
}
