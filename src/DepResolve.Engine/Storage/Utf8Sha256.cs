using System.Text;

namespace DepResolve.Engine.Storage;

/// <summary>
/// SHA-256 of text appended piece by piece, equal to the hash of the UTF-8 bytes of all pieces joined: the joined
/// text of a large set (a lock file section, a thousand package lines) is never built, so no large string or byte
/// array lands on the large object heap. Hashed by <see cref="ManagedSha256"/>: the warm path's only hashes are these.
/// </summary>
internal sealed class Utf8Sha256
{
    private readonly ManagedSha256 _hash = new();
    // One encoder for the whole text: a surrogate pair split between two pieces is encoded as the joined text would be.
    private readonly Encoder _encoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetEncoder();
    private readonly byte[] _buffer = new byte[4096];

    public Utf8Sha256 Append(ReadOnlySpan<char> text)
    {
        Encode(text, flush: false);
        return this;
    }

    public Utf8Sha256 Append(long number)
    {
        Span<char> digits = stackalloc char[20];
        number.TryFormat(digits, out var written, provider: System.Globalization.CultureInfo.InvariantCulture);
        return Append(digits[..written]);
    }

    /// <summary>The hash of everything appended.</summary>
    public byte[] Finish()
    {
        Encode(ReadOnlySpan<char>.Empty, flush: true);
        return _hash.Finish();
    }

    private void Encode(ReadOnlySpan<char> text, bool flush)
    {
        bool completed;
        do
        {
            _encoder.Convert(text, _buffer, flush, out var charsUsed, out var bytesUsed, out completed);
            _hash.Append(_buffer.AsSpan(0, bytesUsed));
            text = text[charsUsed..];
        }
        while (!completed || !text.IsEmpty);
    }
}
