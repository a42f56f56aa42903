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
    // Pieces are gathered here and encoded a chunk at a time: a lock section's digest appends a dozen pieces per
    // package, most of them a few characters long, and encoding each on its own cost more than hashing them.
    private readonly char[] _pending = new char[2048];
    private int _pendingLength;

    public Utf8Sha256 Append(ReadOnlySpan<char> text)
    {
        if (text.Length > _pending.Length - _pendingLength)
        {
            EncodePending(flush: false);
            if (text.Length > _pending.Length)
            {
                Encode(text, flush: false);
                return this;
            }
        }

        text.CopyTo(_pending.AsSpan(_pendingLength));
        _pendingLength += text.Length;
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
        EncodePending(flush: true);
        return _hash.Finish();
    }

    private void EncodePending(bool flush)
    {
        Encode(_pending.AsSpan(0, _pendingLength), flush);
        _pendingLength = 0;
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
