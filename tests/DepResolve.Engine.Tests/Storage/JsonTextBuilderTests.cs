using System.Globalization;
using DepResolve.Engine.Storage;
using Newtonsoft.Json;

namespace DepResolve.Engine.Tests.Storage;

/// <summary>
/// The text built by hand is the text Newtonsoft.Json's JsonTextWriter writes for the same calls: the lock file, the
/// resolution cache key's lock section, registry.json and the audit log were written by it, and stay byte for byte.
/// </summary>
public class JsonTextBuilderTests
{
    /// <summary>Every UTF-16 code unit, lone surrogates included.</summary>
    private static readonly string EveryCharacter = new(Enumerable.Range(0, 0x10000).Select(c => (char)c).ToArray());

    [Theory]
    [InlineData(true, "\n")]
    [InlineData(true, "\r\n")]
    [InlineData(false, "\n")]
    public void NestedObjectsListsAndEveryCharacterAreWrittenAsTheWriterWritesThem(bool indented, string newLine)
    {
        var expected = new StringWriter(CultureInfo.InvariantCulture) { NewLine = newLine };
        using (var json = new JsonTextWriter(expected) { Formatting = indented ? Formatting.Indented : Formatting.None })
        {
            json.WriteStartObject();
            json.WritePropertyName(EveryCharacter);
            json.WriteValue(EveryCharacter);
            json.WritePropertyName("empty object");
            json.WriteStartObject();
            json.WriteEndObject();
            json.WritePropertyName("empty list");
            json.WriteStartArray();
            json.WriteEndArray();
            json.WritePropertyName("list");
            json.WriteStartArray();
            json.WriteValue("a");
            json.WriteStartObject();
            json.WritePropertyName("n");
            json.WriteValue(-42L);
            json.WritePropertyName("inner");
            json.WriteStartArray();
            json.WriteStartArray();
            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteStartObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WritePropertyName("number");
            json.WriteValue(int.MaxValue);
            json.WriteEndObject();
        }

        var built = (indented ? JsonTextBuilder.Indented(newLine) : JsonTextBuilder.OneLine())
            .StartObject()
            .Name(EveryCharacter).String(EveryCharacter)
            .Name("empty object").StartObject().EndObject()
            .Name("empty list").StartArray().EndArray()
            .Name("list").StartArray()
            .String("a")
            .StartObject().Name("n").Integer(-42).Name("inner").StartArray().StartArray().EndArray().EndArray().EndObject()
            .StartObject().EndObject()
            .EndArray()
            .Name("number").Integer(int.MaxValue)
            .EndObject();

        Assert.Equal(expected.ToString(), built.ToString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ANullStringIsWrittenAsTheWriterWritesIt(bool indented)
    {
        var expected = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        using (var json = new JsonTextWriter(expected) { Formatting = indented ? Formatting.Indented : Formatting.None })
        {
            json.WriteStartObject();
            json.WritePropertyName("sha512");
            json.WriteValue((string?)null);
            json.WritePropertyName("list");
            json.WriteStartArray();
            json.WriteValue((string?)null);
            json.WriteValue("a");
            json.WriteEndArray();
            json.WriteEndObject();
        }

        var built = (indented ? JsonTextBuilder.Indented("\n") : JsonTextBuilder.OneLine())
            .StartObject().Name("sha512").String(null).Name("list").StartArray().String(null).String("a").EndArray().EndObject();

        Assert.Equal(expected.ToString(), built.ToString());
    }

    [Theory]
    [InlineData(0L, DateTimeKind.Utc)]
    [InlineData(1L, DateTimeKind.Utc)]
    [InlineData(1_230_000L, DateTimeKind.Utc)]
    [InlineData(1_234_567L, DateTimeKind.Unspecified)]
    [InlineData(5_000_000L, DateTimeKind.Local)]
    [InlineData(10L, DateTimeKind.Local)]
    public void TimesAreWrittenAsTheWriterWritesThemInUtc(long ticksIntoTheSecond, DateTimeKind kind)
    {
        var time = DateTime.SpecifyKind(new DateTime(2026, 12, 7, 15, 4, 5).AddTicks(ticksIntoTheSecond), kind);
        var expected = new StringWriter(CultureInfo.InvariantCulture);
        using (var json = new JsonTextWriter(expected) { DateTimeZoneHandling = DateTimeZoneHandling.Utc })
        {
            json.WriteStartArray();
            json.WriteValue(time);
            json.WriteEndArray();
        }

        Assert.Equal(expected.ToString(), JsonTextBuilder.OneLine().StartArray().UtcTime(time).EndArray().ToString());
    }
}
