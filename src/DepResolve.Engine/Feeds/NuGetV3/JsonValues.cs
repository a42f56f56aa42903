using Newtonsoft.Json.Linq;

namespace DepResolve.Engine.Feeds.NuGetV3;

/// <summary>Tolerant reads of feed JSON: fields may be missing, strings may be arrays and the other way round.</summary>
internal static class JsonValues
{
    public static string? String(JToken? owner, string name)
    {
        var value = (owner as JObject)?[name];
        return value is JValue { Value: not null } scalar ? Convert.ToString(scalar.Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    /// <summary>A string, an array of strings, or nothing. Strings are not split.</summary>
    public static IEnumerable<string> Strings(JToken? value) => value switch
    {
        JArray array => array.OfType<JValue>().Select(v => v.Value?.ToString()).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!),
        JValue { Value: not null } scalar when !string.IsNullOrWhiteSpace(scalar.Value.ToString()) => [scalar.Value.ToString()!],
        _ => [],
    };

    /// <summary>Tags as an array, or as one string separated by spaces or commas.</summary>
    public static IReadOnlyList<string> Tags(JToken? value) =>
        Strings(value)
            .SelectMany(s => s.Split([' ', ',', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();

    /// <summary>Authors as a string, or an array joined with ", ".</summary>
    public static string? Joined(JToken? value)
    {
        var parts = Strings(value).ToArray();
        return parts.Length == 0 ? null : string.Join(", ", parts);
    }

    public static bool? Boolean(JToken? owner, string name)
    {
        var value = (owner as JObject)?[name];
        return value?.Type switch
        {
            JTokenType.Boolean => value.Value<bool>(),
            JTokenType.String when bool.TryParse(value.Value<string>(), out var parsed) => parsed,
            _ => null,
        };
    }

    public static long? Int64(JToken? owner, string name)
    {
        var value = (owner as JObject)?[name];
        return value?.Type switch
        {
            JTokenType.Integer => value.Value<long>(),
            JTokenType.String when long.TryParse(value.Value<string>(), out var parsed) => parsed,
            _ => null,
        };
    }
}
