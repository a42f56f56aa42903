using DepResolve.Engine.Installation;
using DepResolve.Engine.Storage;
using DepResolve.Engine.Tests.Fixtures;

namespace DepResolve.Engine.Tests.Installation;

public class AuditLogTests
{
    [Fact]
    public async Task ConcurrentWritersProduceOneWholeJsonLinePerEntry()
    {
        using var temp = new TempFolder();
        var layout = new CacheLayout(temp.Path);
        layout.EnsureCreated();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(() =>
        {
            var log = new AuditLog(layout);
            for (var i = 0; i < 25; i++)
            {
                log.Write(new AuditEntry { Action = AuditActions.Install, Package = $"P{writer}", Version = $"1.0.{i}", Detail = new string('x', 500) });
            }
        })));

        var lines = File.ReadAllLines(layout.AuditLogFile);
        Assert.Equal(200, lines.Length);
        var entries = new AuditLog(layout).ReadAll();
        Assert.Equal(200, entries.Count);
        Assert.All(entries, e =>
        {
            Assert.EndsWith("Z", e.Time);
            Assert.True(DateTime.TryParse(e.Time, null, System.Globalization.DateTimeStyles.RoundtripKind, out _));
            Assert.False(string.IsNullOrEmpty(e.User));
        });
        Assert.Equal(25, entries.Count(e => e.Package == "P3"));
    }
}
