using System.Globalization;
using Newtonsoft.Json;

namespace DepResolve.Engine.Installation;

/// <summary>
/// One audit log line: the entry's members in their order, null ones left out, on one line. Written with
/// Newtonsoft.Json's <see cref="JsonTextWriter"/> by hand — the writer its serializer used, so the line is the same —
/// because a warm call writes one and the serializer's set-up in a fresh process costs more than the write.
/// </summary>
internal static class AuditLine
{
    public static string Of(AuditEntry entry)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var json = new JsonTextWriter(text) { Formatting = Formatting.None })
        {
            json.WriteStartObject();
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
            json.WritePropertyName("pid");
            json.WriteValue(entry.ProcessId);
            json.WriteEndObject();
        }

        return text.ToString();
    }

    private static void Member(JsonTextWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WritePropertyName(name);
            json.WriteValue(value);
        }
    }
}
