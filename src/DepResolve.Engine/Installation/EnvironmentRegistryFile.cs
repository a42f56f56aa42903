using System.Globalization;
using System.Text.Json;
using DepResolve.Engine.Storage;
using Newtonsoft.Json;

namespace DepResolve.Engine.Installation;

/// <summary>
/// registry.json's content: a "format" number and the "environments" by id, each with its id and times. Every warm
/// call reads and rewrites it (<see cref="EnvironmentRegistry.Touch"/>), so neither goes through Newtonsoft.Json's
/// serializer, whose set-up in a fresh process costs more than both: it is read with a <see cref="JsonDocument"/>
/// (<see cref="RecordJson"/>: member names in any letter case, unknown members ignored) and written with
/// Newtonsoft.Json's own <see cref="JsonTextWriter"/> by hand — the writer the serializer used, with the same
/// settings, so the bytes are the same; it is compiled ahead of time with the rest of Newtonsoft.Json and, unlike
/// System.Text.Json's writer, sets up no text encoder. Environments are written in ordinal order of their ids.
/// </summary>
internal sealed class EnvironmentRegistryFile
{
    public int Format { get; private set; } = 1;

    public Dictionary<string, EnvironmentRegistration> Environments { get; } = new(StringComparer.Ordinal);

    /// <summary>The registry in <paramref name="path"/>, or null when the file is missing or unreadable.</summary>
    public static EnvironmentRegistryFile? TryRead(string path)
    {
        try
        {
            using var document = RecordJson.TryReadObject(path);
            return document is null ? null : Read(document.RootElement);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or OverflowException)
        {
            return null;
        }
    }

    public string ToJson()
    {
        var ids = new List<string>(Environments.Keys);
        ids.Sort(StringComparer.Ordinal);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var json = new JsonTextWriter(text) { Formatting = Formatting.Indented, DateTimeZoneHandling = DateTimeZoneHandling.Utc })
        {
            json.WriteStartObject();
            json.WritePropertyName("format");
            json.WriteValue(Format);
            json.WritePropertyName("environments");
            json.WriteStartObject();
            foreach (var id in ids)
            {
                var registration = Environments[id];
                json.WritePropertyName(id);
                json.WriteStartObject();
                json.WritePropertyName("id");
                json.WriteValue(registration.Id);
                json.WritePropertyName("createdUtc");
                json.WriteValue(registration.CreatedUtc);
                json.WritePropertyName("lastUsedUtc");
                json.WriteValue(registration.LastUsedUtc);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return text.ToString();
    }

    private static EnvironmentRegistryFile Read(JsonElement root)
    {
        var file = new EnvironmentRegistryFile();
        foreach (var member in root.EnumerateObject())
        {
            if (RecordJson.Is(member, "format"))
            {
                file.Format = member.Value.GetInt32();
            }
            else if (RecordJson.Is(member, "environments") && member.Value.ValueKind != JsonValueKind.Null)
            {
                foreach (var environment in RecordJson.MembersOf(member.Value))
                {
                    file.Environments[environment.Name] = ReadRegistration(environment.Value);
                }
            }
        }

        return file;
    }

    private static EnvironmentRegistration ReadRegistration(JsonElement value)
    {
        var registration = new EnvironmentRegistration();
        foreach (var member in RecordJson.MembersOf(value))
        {
            if (RecordJson.Is(member, "id"))
            {
                registration.Id = RecordJson.StringOf(member.Value) ?? "";
            }
            else if (RecordJson.Is(member, "createdUtc"))
            {
                registration.CreatedUtc = RecordJson.UtcTimeOf(member.Value);
            }
            else if (RecordJson.Is(member, "lastUsedUtc"))
            {
                registration.LastUsedUtc = RecordJson.UtcTimeOf(member.Value);
            }
        }

        return registration;
    }
}
