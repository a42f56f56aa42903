using System.Globalization;
using System.Text;

namespace DepResolve.Engine.Storage;

/// <summary>
/// JSON text, character for character as Newtonsoft.Json's <c>JsonTextWriter</c> writes it with its default
/// settings: strings escaped as it escapes them (control characters, <c>"</c>, <c>\</c>, U+0085, U+2028 and U+2029;
/// everything else as it is), times as with <c>DateTimeZoneHandling.Utc</c>, indented by two spaces or on one line.
/// A warm call writes three small texts (a lock section for the resolution cache key, registry.json and an audit
/// line); the first <c>JsonTextWriter</c> of a process runs <c>JsonWriter</c>'s static constructor, whose state
/// table is built through generic framework code that is compiled at run time (about twenty methods), more than the
/// three writes cost. Names and values are written in the order they are given, as with the writer.
/// </summary>
internal sealed class JsonTextBuilder
{
    private readonly StringBuilder _text = new();
    private readonly string? _newLine;
    private int _depth;
    private bool _containerEmpty = true;
    private bool _afterName;

    private JsonTextBuilder(string? newLine) => _newLine = newLine;

    /// <summary>Each member and item on a line of its own, indented by two spaces a level; <c>"name": value</c>.</summary>
    public static JsonTextBuilder Indented(string newLine) => new(newLine);

    /// <summary>Everything on one line, without spaces: <c>{"name":value}</c>.</summary>
    public static JsonTextBuilder OneLine() => new(null);

    public JsonTextBuilder StartObject() => Open('{');

    public JsonTextBuilder EndObject() => Close('}');

    public JsonTextBuilder StartArray() => Open('[');

    public JsonTextBuilder EndArray() => Close(']');

    public JsonTextBuilder Name(string name)
    {
        NextMemberOrItem();
        Quoted(name);
        _text.Append(':');
        _afterName = true;
        return this;
    }

    /// <summary>The string quoted and escaped, or <c>null</c> for none, as the writer writes a null string.</summary>
    public JsonTextBuilder String(string? value)
    {
        BeforeValue();
        if (value is null)
        {
            _text.Append("null");
        }
        else
        {
            Quoted(value);
        }

        return this;
    }

    public JsonTextBuilder Integer(long value)
    {
        BeforeValue();
        _text.Append(value.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    /// <summary>ISO 8601 in UTC with the seconds' fraction as long as it needs to be (none for whole seconds) and a Z; an unspecified kind counts as UTC.</summary>
    public JsonTextBuilder UtcTime(DateTime value)
    {
        BeforeValue();
        var utc = RecordJson.AsUtc(value);
        _text.Append('"').Append(utc.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss", CultureInfo.InvariantCulture));
        var fraction = (int)(utc.Ticks % TimeSpan.TicksPerSecond);
        if (fraction != 0)
        {
            var digits = 7;
            while (fraction % 10 == 0)
            {
                digits--;
                fraction /= 10;
            }

            _text.Append('.').Append(fraction.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0'));
        }

        _text.Append("Z\"");
        return this;
    }

    public override string ToString() => _text.ToString();

    private JsonTextBuilder Open(char bracket)
    {
        BeforeValue();
        _text.Append(bracket);
        _depth++;
        _containerEmpty = true;
        return this;
    }

    private JsonTextBuilder Close(char bracket)
    {
        _depth--;
        if (!_containerEmpty)
        {
            NewLine();
        }

        _text.Append(bracket);
        _containerEmpty = false;
        return this;
    }

    /// <summary>A value after its member's name, or an item of a list (or the whole text).</summary>
    private void BeforeValue()
    {
        if (_afterName)
        {
            _afterName = false;
            if (_newLine is not null)
            {
                _text.Append(' ');
            }
        }
        else
        {
            NextMemberOrItem();
        }
    }

    private void NextMemberOrItem()
    {
        if (_depth == 0)
        {
            return;
        }

        if (!_containerEmpty)
        {
            _text.Append(',');
        }

        _containerEmpty = false;
        NewLine();
    }

    private void NewLine()
    {
        if (_newLine is not null)
        {
            _text.Append(_newLine).Append(' ', 2 * _depth);
        }
    }

    private void Quoted(string value)
    {
        _text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    _text.Append("\\\"");
                    break;
                case '\\':
                    _text.Append("\\\\");
                    break;
                case '\n':
                    _text.Append("\\n");
                    break;
                case '\r':
                    _text.Append("\\r");
                    break;
                case '\t':
                    _text.Append("\\t");
                    break;
                case '\f':
                    _text.Append("\\f");
                    break;
                case '\b':
                    _text.Append("\\b");
                    break;
                case < ' ' or '\u0085' or '\u2028' or '\u2029':
                    _text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    _text.Append(c);
                    break;
            }
        }

        _text.Append('"');
    }
}
