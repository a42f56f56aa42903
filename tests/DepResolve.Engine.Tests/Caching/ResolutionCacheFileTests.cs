using DepResolve.Engine.Caching;
using DepResolve.Engine.Model;
using DepResolve.Engine.Tests.Fixtures;

namespace DepResolve.Engine.Tests.Caching;

/// <summary>
/// The resolution cache file read by hand accepts what Newtonsoft.Json's serializer accepted from the files it wrote:
/// member names in any letter case, unknown members, comments, a byte order mark, a time with an offset; a file it
/// cannot read is a miss, never an error.
/// </summary>
public class ResolutionCacheFileTests
{
    [Fact]
    public void MembersInAnyCaseUnknownMembersCommentsAndAnOffsetTimeAreRead()
    {
        using var temp = new TempFolder();
        var file = temp.Combine("entry.json");
        File.WriteAllText(file, """
            // written by hand
            {
              "STOREDUTC": "2026-12-07T16:04:05+01:00",
              "unknown": { "nested": [1, 2] },
              "Result": {
                "success": true,
                "resolvedpackages": [ { "id": "Pester", "VERSION": "5.6.1", "size": null, "extra": 1 }, null ],
                "errorCode": 6,
                "scripts": [ "/s/a.ps1", 3 ],
              }
            }
            """, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var entry = ResolutionCacheFile.TryRead(file);

        Assert.NotNull(entry);
        Assert.Equal(new DateTime(2026, 12, 7, 15, 4, 5, DateTimeKind.Utc), entry!.StoredUtc);
        Assert.Equal(DateTimeKind.Utc, entry.StoredUtc.Kind);
        Assert.True(entry.Result!.Success);
        var package = Assert.Single(entry.Result.ResolvedPackages);
        Assert.Equal(("Pester", "5.6.1", (long?)null, ""), (package.Id, package.Version, package.Size, package.Source));
        Assert.Equal((ErrorCode)6, entry.Result.ErrorCode);
        Assert.Equal(["/s/a.ps1"], entry.Result.Scripts);
    }

    [Fact]
    public void AnErrorCodeIsReadFromItsNumberOrItsName()
    {
        using var temp = new TempFolder();
        var file = temp.Combine("entry.json");
        File.WriteAllText(file, """{ "result": { "ErrorCode": "packageNotFound" } }""");

        Assert.Equal(ErrorCode.PackageNotFound, ResolutionCacheFile.TryRead(file)!.Result!.ErrorCode);
    }

    [Theory]
    [InlineData("""{ "storedUtc": "yesterday", "result": { "Success": true } }""")]
    [InlineData("""{ "storedUtc": "2026-12-07T15:04:05Z", "result": { "Success": "yes" } }""")]
    [InlineData("""{ "storedUtc": "2026-12-07T15:04:05Z", "result": { "Success": true, "ResolvedPackages": [ { "Size": "big" } ] } }""")]
    [InlineData("""{ "storedUtc": "2026-12-07T15:04:05Z", "result": { "Success": true, "ExecutionTime": "soon" } }""")]
    [InlineData("""{ "storedUtc": "2026-12-07T15:04:05Z", "result": [] }""")]
    [InlineData("""[ { "result": { "Success": true } } ]""")]
    [InlineData("""{ "storedUtc": "2026-12-07T15:04:05Z", "result": { "Success": true """)]
    public void AFileWithAValueOfTheWrongKindOrNotAnObjectIsAMiss(string text)
    {
        using var temp = new TempFolder();
        var layout = new DepResolve.Engine.Storage.CacheLayout(temp.Path);
        Directory.CreateDirectory(layout.ResolutionsFolder);
        File.WriteAllText(Path.Combine(layout.ResolutionsFolder, "fp.json"), text);

        Assert.Null(new ResolutionCache(layout).TryGet("fp"));
    }

    [Fact]
    public void AResultOfNullIsAMiss()
    {
        using var temp = new TempFolder();
        var layout = new DepResolve.Engine.Storage.CacheLayout(temp.Path);
        Directory.CreateDirectory(layout.ResolutionsFolder);
        File.WriteAllText(Path.Combine(layout.ResolutionsFolder, "fp.json"), """{ "storedUtc": "2026-12-07T15:04:05Z", "result": null }""");

        Assert.Null(new ResolutionCache(layout).TryGet("fp"));
    }
}
