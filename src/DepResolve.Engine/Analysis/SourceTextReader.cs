using System.Text;
using DepResolve.Engine.Model;

namespace DepResolve.Engine.Analysis;

/// <summary>
/// Reads a source file as text, refusing what is not source: a missing file, a file over the size limit, binary
/// content (NUL bytes without a UTF-16/32 byte order mark) and bytes that are not valid UTF-8. Never throws for the
/// content of the file; the problem comes back as a diagnostic naming the file.
/// </summary>
internal static class SourceTextReader
{
    private const int BinaryProbeLength = 8000;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static SourceReadResult Read(string path, long maxBytes)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return Fail(path, AnalysisSeverity.Error, $"File '{path}' does not exist.");
            }

            if (info.Length > maxBytes)
            {
                return Fail(path, AnalysisSeverity.Error, $"File '{path}' is {info.Length:N0} bytes, over the {maxBytes:N0}-byte limit for source files; it was not analysed.");
            }

            bytes = RegularFile.ReadAllBytes(path, maxBytes);
        }
        catch (DepResolveException e) when (e.Code == ErrorCode.InvalidInput)
        {
            return Fail(path, AnalysisSeverity.Error, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(path, AnalysisSeverity.Error, $"File '{path}' could not be read: {e.Message}");
        }

        return Decode(path, bytes);
    }

    public static SourceReadResult Decode(string path, byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return Fail(path, AnalysisSeverity.Warning, $"File '{path}' is empty; it has no dependencies.", text: "");
        }

        string text;
        var bomEncoding = DetectByteOrderMark(bytes, out var bomLength);
        if (bomEncoding is not null)
        {
            try
            {
                text = bomEncoding.GetString(bytes, bomLength, bytes.Length - bomLength);
            }
            catch (DecoderFallbackException)
            {
                return Fail(path, AnalysisSeverity.Error, $"File '{path}' starts with a {bomEncoding.WebName} byte order mark but its content is not valid {bomEncoding.WebName}.");
            }
        }
        else
        {
            var probe = Math.Min(bytes.Length, BinaryProbeLength);
            if (Array.IndexOf(bytes, (byte)0, 0, probe) >= 0)
            {
                return Fail(path, AnalysisSeverity.Error, $"File '{path}' is binary (it contains NUL bytes), not source text; it was not analysed.");
            }

            try
            {
                text = StrictUtf8.GetString(bytes);
            }
            catch (DecoderFallbackException e)
            {
                var offset = e.Index >= 0 ? $" (first invalid byte at offset {e.Index})" : "";
                return Fail(path, AnalysisSeverity.Error, $"File '{path}' is not valid UTF-8{offset}; save it as UTF-8 (or with a byte order mark) to analyse it.");
            }
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return Fail(path, AnalysisSeverity.Warning, $"File '{path}' is empty; it has no dependencies.", text: "");
        }

        return new SourceReadResult(text, null);
    }

    private static Encoding? DetectByteOrderMark(byte[] b, out int length)
    {
        length = 0;
        if (b.Length >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
        {
            length = 3;
            return StrictUtf8;
        }

        if (b.Length >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0)
        {
            length = 4;
            return new UTF32Encoding(bigEndian: false, byteOrderMark: false, throwOnInvalidCharacters: true);
        }

        if (b.Length >= 2 && b[0] == 0xFF && b[1] == 0xFE)
        {
            length = 2;
            return new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
        }

        if (b.Length >= 2 && b[0] == 0xFE && b[1] == 0xFF)
        {
            length = 2;
            return new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);
        }

        return null;
    }

    private static SourceReadResult Fail(string path, AnalysisSeverity severity, string message, string? text = null) =>
        new(text, new AnalysisDiagnostic(ErrorCode.AnalysisFailed, severity, path, 0, message));
}

/// <summary>The text (null when it could not be read) and the problem, if any.</summary>
internal sealed record SourceReadResult(string? Text, AnalysisDiagnostic? Problem);
