using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DepResolve.Engine.Storage;

/// <summary>
/// The settings every JSON file of the cache is written and read with through a source-generated
/// <see cref="JsonSerializerContext"/> (no reflection, no code generated at run time). They reproduce what the
/// files have always held: two-space indentation, null members left out, characters escaped only where JSON
/// requires it, times in UTC with a 'Z'; reading accepts any letter case of a member name, as before.
/// </summary>
internal static class StoredJson
{
    public static JsonSerializerOptions Options(bool indented = true) => new()
    {
        WriteIndented = indented,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new UtcDateTimeConverter() },
    };

    /// <summary>Times are stored in UTC: a local time is converted, an unspecified one is taken as UTC; read back as UTC.</summary>
    private sealed class UtcDateTimeConverter : JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ToUtc(reader.GetDateTime());

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) => writer.WriteStringValue(ToUtc(value));

        private static DateTime ToUtc(DateTime value) => value.Kind switch
        {
            DateTimeKind.Local => value.ToUniversalTime(),
            DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
            _ => value,
        };
    }
}
