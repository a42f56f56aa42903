using System.Text;
using DepResolve.Engine.Model;

namespace DepResolve.Engine.Analysis.PowerShell;

/// <summary>
/// Reads a script file's text the way PowerShell 7 does (a BOM decides; otherwise UTF-8), falling back to
/// Windows-1252/Latin-1 for files that are not valid UTF-8 (scripts saved by Windows PowerShell 5.1 editors).
/// Refuses missing, binary and oversized files with a clear AnalysisFailed error naming the file, and what is not a
/// regular file (a FIFO, a device) or reads beyond the cap with InvalidInput.
/// </summary>
internal static class ScriptTextLoader
{
    public static string Load(string path, long maxBytes = 16 * 1024 * 1024)
    {
        if (!File.Exists(path))
        {
            throw new DepResolveException(ErrorCode.AnalysisFailed, $"Script file not found: {path}", path);
        }

        byte[] bytes;
        try
        {
            var length = new FileInfo(path).Length;
            if (length > maxBytes)
            {
                throw new DepResolveException(ErrorCode.AnalysisFailed,
                    $"Script file {path} is {length:N0} bytes, larger than the {maxBytes:N0} bytes the reader accepts.", path);
            }

            bytes = RegularFile.ReadAllBytes(path, maxBytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DepResolveException(ErrorCode.AnalysisFailed, $"Script file {path} cannot be read: {ex.Message}", path, ex);
        }

        return Decode(bytes, path);
    }

    public static string Decode(byte[] bytes, string path)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            return new UTF8Encoding(false).GetString(bytes, 3, bytes.Length - 3);
        }

        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
        {
            return Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
        }

        if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
        {
            return Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2);
        }

        if (LooksBinary(bytes))
        {
            throw new DepResolveException(ErrorCode.AnalysisFailed, $"{path} is a binary file, not a PowerShell script.", path);
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }

    private static bool LooksBinary(byte[] bytes)
    {
        var sample = Math.Min(bytes.Length, 8192);
        for (var i = 0; i < sample; i++)
        {
            if (bytes[i] == 0)
            {
                return true;
            }
        }

        return false;
    }
}
