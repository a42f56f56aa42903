namespace DepResolve.Engine.Storage;

/// <summary>
/// Bytes as lower-case hex digits, as <c>Convert.ToHexString(...).ToLowerInvariant()</c> spells them. The framework's
/// encoder is vectorised generic code that a fresh process compiles at run time; the warm call's two hashes (the
/// resolution cache key and the environment id) are short enough for a plain loop.
/// </summary>
internal static class LowerHex
{
    public static string Of(ReadOnlySpan<byte> bytes)
    {
        Span<char> digits = bytes.Length <= 128 ? stackalloc char[bytes.Length * 2] : new char[bytes.Length * 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            digits[2 * i] = "0123456789abcdef"[bytes[i] >> 4];
            digits[(2 * i) + 1] = "0123456789abcdef"[bytes[i] & 0xF];
        }

        return new string(digits);
    }
}
