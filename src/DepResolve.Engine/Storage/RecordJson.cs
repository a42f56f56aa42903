using System.Text.Json;

namespace DepResolve.Engine.Storage;

/// <summary>
/// What the records read by hand with a <see cref="JsonDocument"/> share (they are written with a
/// <see cref="JsonTextBuilder"/>, in the format Newtonsoft.Json gave them): reading accepts comments, trailing commas
/// and any letter case of a member name. The document is non-generic framework code that ships compiled ahead of
/// time: reading a record in a fresh process compiles next to nothing and sets up no serializer.
/// </summary>
internal static class RecordJson
{
    private static readonly JsonDocumentOptions ReadOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The file's top-level object, or null when the file is missing or is not a JSON object. The caller disposes it.</summary>
    public static JsonDocument? TryReadObject(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            // Parsed from the stream, the file's bytes are held in an array rented from the shared pool and returned
            // when the document is disposed: a large record is not a new array on the large object heap each time.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            var document = JsonDocument.Parse(stream, ReadOptions);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
            return null;
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return null;
        }
    }

    public static bool Is(JsonProperty member, string name) => string.Equals(member.Name, name, StringComparison.OrdinalIgnoreCase);

    /// <summary>A string member's value; null for any other kind of value.</summary>
    public static string? StringOf(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The members of an object value; FormatException for any other kind of value.</summary>
    public static JsonElement.ObjectEnumerator MembersOf(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object ? value.EnumerateObject() : throw new FormatException($"An object was expected, not {value.ValueKind}.");

    /// <summary>
    /// A time stored in ISO 8601, in UTC as Newtonsoft.Json's <c>DateTimeZoneHandling.Utc</c> read it: a time with an
    /// offset is converted, one without is taken as UTC. FormatException for anything else.
    /// </summary>
    public static DateTime UtcTimeOf(JsonElement value) => AsUtc(value.GetDateTime());

    /// <summary>A time read from a record, in UTC: a local one (read with an offset) converted, an unspecified one taken as UTC.</summary>
    public static DateTime AsUtc(DateTime time)
    {
        return time.Kind switch
        {
            DateTimeKind.Local => time.ToUniversalTime(),
            DateTimeKind.Unspecified => DateTime.SpecifyKind(time, DateTimeKind.Utc),
            _ => time,
        };
    }

    /// <summary>The strings of an array member; other values in it are skipped.</summary>
    public static List<string> StringsOf(JsonElement value)
    {
        var strings = new List<string>();
        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    strings.Add(item.GetString()!);
                }
            }
        }

        return strings;
    }
}
