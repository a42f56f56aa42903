using DepResolve.Engine.Storage;

namespace DepResolve.Engine.Installation;

/// <summary>
/// One audit log line: the entry's members in their order, null ones left out, on one line. Written by hand with a
/// <see cref="JsonTextBuilder"/>, as Newtonsoft.Json's serializer wrote it, because a warm call writes one and
/// neither the serializer's nor its writer's set-up in a fresh process is worth one line.
/// </summary>
internal static class AuditLine
{
    public static string Of(AuditEntry entry)
    {
        var json = JsonTextBuilder.OneLine().StartObject();
        Member(json, "time", entry.Time);
        Member(json, "user", entry.User);
        Member(json, "action", entry.Action);
        Member(json, "package", entry.Package);
        Member(json, "version", entry.Version);
        Member(json, "source", entry.Source);
        Member(json, "sha512", entry.Sha512);
        Member(json, "environment", entry.Environment);
        Member(json, "result", entry.Result);
        Member(json, "detail", entry.Detail);
        return json.Name("pid").Integer(entry.ProcessId).EndObject().ToString();
    }

    private static void Member(JsonTextBuilder json, string name, string? value)
    {
        if (value is not null)
        {
            json.Name(name).String(value);
        }
    }
}
