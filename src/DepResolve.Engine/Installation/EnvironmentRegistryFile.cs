using System.Text.Json;
using DepResolve.Engine.Storage;

namespace DepResolve.Engine.Installation;

/// <summary>
/// registry.json's content: a "format" number and the "environments" by id, each with its id and times. Every warm
/// call reads and rewrites it (<see cref="EnvironmentRegistry.Touch"/>), so neither goes through Newtonsoft.Json's
/// serializer, whose set-up in a fresh process costs more than both: it is read with a <see cref="JsonDocument"/>
/// (<see cref="RecordJson"/>: member names in any letter case, unknown members ignored) and written by hand with a
/// <see cref="JsonTextBuilder"/> as the serializer's writer wrote it, byte for byte; unlike System.Text.Json's writer
/// it sets up no text encoder, and unlike Newtonsoft.Json's no state table. Environments are written in ordinal
/// order of their ids.
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
        var json = JsonTextBuilder.Indented(System.Environment.NewLine)
            .StartObject()
            .Name("format").Integer(Format)
            .Name("environments").StartObject();
        foreach (var id in ids)
        {
            var registration = Environments[id];
            json.Name(id).StartObject()
                .Name("id").String(registration.Id)
                .Name("createdUtc").UtcTime(registration.CreatedUtc)
                .Name("lastUsedUtc").UtcTime(registration.LastUsedUtc)
                .EndObject();
        }

        return json.EndObject().EndObject().ToString();
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
