using DepResolve.Engine.Installation;
using DepResolve.Engine.Storage;
using DepResolve.Engine.Tests.Fixtures;
using Newtonsoft.Json;

namespace DepResolve.Engine.Tests.Installation;

/// <summary>
/// registry.json read by hand and written by Newtonsoft.Json's writer without its serializer: what the serializer
/// wrote and read still is, whatever the ids hold.
/// </summary>
public class EnvironmentRegistryFileTests
{
    private static readonly DateTime When = new(2026, 12, 7, 15, 4, 5, DateTimeKind.Utc);

    [Fact]
    public void IdsThatNeedEscapingAndWholeSecondTimesAreWrittenAsTheSerializerWroteThem()
    {
        using var temp = new TempFolder();
        var layout = new CacheLayout(temp.Path);
        Directory.CreateDirectory(layout.Root);
        string[] ids = ["plain", "quote\"back\\slash", "tab\tline\nend\u0001", "é\u2028<&>'", "B-upper"];
        foreach (var id in ids)
        {
            new EnvironmentRegistry(layout).Touch(id, When);
        }

        var serializerWouldWrite = JsonConvert.SerializeObject(
            new
            {
                format = 1,
                environments = new SortedDictionary<string, object>(ids.ToDictionary(id => id, id => (object)new { id, createdUtc = When, lastUsedUtc = When }), StringComparer.Ordinal),
            },
            new JsonSerializerSettings { Formatting = Formatting.Indented, NullValueHandling = NullValueHandling.Ignore, DateTimeZoneHandling = DateTimeZoneHandling.Utc });
        Assert.Equal(serializerWouldWrite, File.ReadAllText(layout.RegistryFile));
        Assert.Equal(ids.OrderBy(id => id, StringComparer.Ordinal), new EnvironmentRegistry(layout).ReadAll().Select(e => e.Id));
    }

    [Fact]
    public void MembersInAnyCaseUnknownMembersAndOffsetTimesAreRead()
    {
        using var temp = new TempFolder();
        var layout = new CacheLayout(temp.Path);
        Directory.CreateDirectory(layout.Root);
        File.WriteAllText(layout.RegistryFile, """
            {
              "Format": 1,
              "later": [ 1 ],
              "Environments": {
                "env-a": { "ID": "env-a", "CreatedUtc": "2026-12-07T16:04:05+01:00", "LASTUSEDUTC": "2026-12-07T15:04:05Z", "note": "x" }
              }
            }
            """);

        var registration = Assert.Single(new EnvironmentRegistry(layout).ReadAll());

        Assert.Equal(("env-a", When, When), (registration.Id, registration.CreatedUtc, registration.LastUsedUtc));
        Assert.Equal(DateTimeKind.Utc, registration.CreatedUtc.Kind);
    }

    [Theory]
    [InlineData("""{ "format": 1, "environments": { "env-a": { "id": "env-a", "lastUsedUtc": "recently" } } }""")]
    [InlineData("""{ "format": 1, "environments": [ "env-a" ] }""")]
    [InlineData("""{ "format": "one" }""")]
    [InlineData("""{ "format": 1, """)]
    public void AnUnreadableRegistryIsEmptyAndReplacedByTheNextUse(string text)
    {
        using var temp = new TempFolder();
        var layout = new CacheLayout(temp.Path);
        Directory.CreateDirectory(layout.Root);
        File.WriteAllText(layout.RegistryFile, text);

        Assert.Empty(new EnvironmentRegistry(layout).ReadAll());
        new EnvironmentRegistry(layout).Touch("env-b", When);
        Assert.Equal(["env-b"], new EnvironmentRegistry(layout).ReadAll().Select(e => e.Id));
    }
}
