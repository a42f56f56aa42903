using DepResolve.Engine.Installation;
using Newtonsoft.Json;

namespace DepResolve.Engine.Tests.Installation;

/// <summary>An audit line written by hand is the line Newtonsoft.Json's serializer wrote for the same entry.</summary>
public class AuditLineTests
{
    [Theory]
    [InlineData("a \"quoted\" \\ detail\twith\ncontrol\u0001 and é\u2028<&>'", "Az.Accounts")]
    [InlineData(null, null)]
    public void TheLineIsTheSerializersLine(string? detail, string? package)
    {
        var entry = new AuditEntry
        {
            Time = "2026-12-07T15:04:05.1234567Z", User = "some\"one", Action = AuditActions.Install, Package = package, Version = package is null ? null : "3.0.1",
            Environment = "env-a", Result = AuditActions.Success, Detail = detail, ProcessId = 1136,
        };

        Assert.Equal(JsonConvert.SerializeObject(entry, Formatting.None, new JsonSerializerSettings { NullValueHandling = NullValueHandling.Ignore }), AuditLine.Of(entry));
    }
}
