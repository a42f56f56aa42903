using System.Globalization;
using System.Text;
using Newtonsoft.Json;

namespace DepResolve.Engine.Storage;

/// <summary>
/// A large record read by hand as a stream of tokens with Newtonsoft.Json's <see cref="JsonTextReader"/> (without its
/// serializer), so the file is never held whole in memory. A <see cref="RecordJson"/> document holds the whole file
/// and an index of its tokens in arrays rented for it; at a thousand packages those are new arrays on the large
/// object heap, and the warm call ran a full collection it does not run with the stream. The reader is compiled ahead
/// of time with the rest of Newtonsoft.Json, and the warm path runs it for the lock file anyway. Comments are skipped,
/// member names come upper-cased (invariant) so that they match in any letter case; a value of the wrong kind, or a text that ends inside an object or list,
/// is a <see cref="FormatException"/>, which makes the record unreadable.
/// </summary>
internal static class StreamedRecord
{
    /// <summary>The object in <paramref name="path"/> read by <paramref name="read"/>, or null when the file is missing or unreadable.</summary>
    public static T? TryRead<T>(string path, Func<JsonTextReader, T> read)
        where T : class
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            using var text = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            using var json = new JsonTextReader(text) { DateParseHandling = DateParseHandling.None, PropertyNameTable = new UpperCaseNames() };
            if (!Next(json) || json.TokenType != JsonToken.StartObject)
            {
                return null;
            }

            var value = read(json);
            return Next(json) ? null : value;
        }
        catch (Exception e) when (e is JsonException or IOException or FormatException or InvalidCastException or OverflowException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// The names of the members of the object the reader is on, upper-cased (invariant), each with the reader on its
    /// value (which the caller reads or skips).
    /// </summary>
    public static IEnumerable<string> Members(JsonTextReader json)
    {
        if (json.TokenType != JsonToken.StartObject)
        {
            throw new FormatException($"An object was expected, not {json.TokenType}.");
        }

        while (NextInside(json) != JsonToken.EndObject)
        {
            var name = json.TokenType == JsonToken.PropertyName ? (string)json.Value! : throw new FormatException($"A member name was expected, not {json.TokenType}.");
            NextInside(json);
            yield return name;
        }
    }

    public static bool Is(string member, string name) => string.Equals(member, name, StringComparison.OrdinalIgnoreCase);

    /// <summary>A text value, or null for null; FormatException for anything else.</summary>
    public static string? String(JsonTextReader json) => json.TokenType switch
    {
        JsonToken.String => (string)json.Value!,
        JsonToken.Null => null,
        _ => throw new FormatException($"A text value was expected, not {json.TokenType}."),
    };

    public static bool Boolean(JsonTextReader json) =>
        json.TokenType == JsonToken.Boolean ? (bool)json.Value! : throw new FormatException($"true or false was expected, not {json.TokenType}.");

    /// <summary>A whole number, or null for null; FormatException for anything else.</summary>
    public static long? Integer(JsonTextReader json) => json.TokenType switch
    {
        JsonToken.Integer => Convert.ToInt64(json.Value, CultureInfo.InvariantCulture),
        JsonToken.Null => null,
        _ => throw new FormatException($"A whole number was expected, not {json.TokenType}."),
    };

    /// <summary>An ISO 8601 time in UTC, as the serializer's <c>DateTimeZoneHandling.Utc</c> read it (see <see cref="RecordJson.AsUtc"/>).</summary>
    public static DateTime UtcTime(JsonTextReader json) =>
        RecordJson.AsUtc(DateTime.Parse(String(json) ?? throw new FormatException("A time was expected, not null."), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));

    /// <summary>The strings of an array (other values in it skipped); an empty list for null.</summary>
    public static List<string> Strings(JsonTextReader json)
    {
        var strings = new List<string>();
        foreach (var _ in Items(json))
        {
            if (json.TokenType == JsonToken.String)
            {
                strings.Add((string)json.Value!);
            }
            else
            {
                json.Skip();
            }
        }

        return strings;
    }

    /// <summary>The objects of an array, each read by <paramref name="read"/> (other values in it skipped); an empty list for null.</summary>
    public static List<T> Objects<T>(JsonTextReader json, Func<JsonTextReader, T> read)
    {
        var objects = new List<T>();
        foreach (var _ in Items(json))
        {
            if (json.TokenType == JsonToken.StartObject)
            {
                objects.Add(read(json));
            }
            else
            {
                json.Skip();
            }
        }

        return objects;
    }

    /// <summary>Skips the value the reader is on (a whole object or array with everything in it).</summary>
    public static void Skip(JsonTextReader json) => json.Skip();

    /// <summary>Each item of the array the reader is on, with the reader on it; nothing for null.</summary>
    private static IEnumerable<bool> Items(JsonTextReader json)
    {
        if (json.TokenType == JsonToken.Null)
        {
            yield break;
        }

        if (json.TokenType != JsonToken.StartArray)
        {
            throw new FormatException($"A list was expected, not {json.TokenType}.");
        }

        while (NextInside(json) != JsonToken.EndArray)
        {
            yield return true;
        }
    }

    /// <summary>The next token that is not a comment, inside an object or array: the text may not end there.</summary>
    private static JsonToken NextInside(JsonTextReader json) =>
        Next(json) ? json.TokenType : throw new FormatException("The record ends inside an object or a list.");

    /// <summary>The next token that is not a comment; false at the end of the text.</summary>
    private static bool Next(JsonTextReader json)
    {
        while (json.Read())
        {
            if (json.TokenType != JsonToken.Comment)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Member names as the records' readers match them, upper-cased (invariant): each distinct name of a file is made
    /// once, where the reader on its own makes a new string for every member (and the match another, upper-cased).
    /// </summary>
    private sealed class UpperCaseNames : JsonNameTable
    {
        private readonly DefaultJsonNameTable _seen = new();
        private readonly Dictionary<string, string> _upperCase = new(StringComparer.Ordinal);

        public override string Get(char[] key, int start, int length)
        {
            var name = _seen.Get(key, start, length) ?? _seen.Add(new string(key, start, length));
            if (!_upperCase.TryGetValue(name, out var upperCase))
            {
                upperCase = name.ToUpperInvariant();
                _upperCase.Add(name, upperCase);
            }

            return upperCase;
        }
    }
}
