using System.Runtime.InteropServices;
using DepResolve.Engine.Model;

namespace DepResolve.Engine.Analysis;

/// <summary>
/// Script input is read only from regular files, and never beyond a size cap: a FIFO given as the script would
/// block the reader forever and a device such as /dev/zero (which reports a length of 0) would be read until
/// memory runs out. Both are refused with InvalidInput naming the path. On Linux the file type comes from
/// statx(2) before the file is opened; elsewhere the bounded read still stops a device at the cap.
/// </summary>
internal static class RegularFile
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const int StatxModeOffset = 28;
    private const int FileTypeMask = 0xF000;
    private const int RegularFileType = 0x8000;
    private const int DirectoryType = 0x4000;

    /// <summary>Throws InvalidInput when <paramref name="path"/> exists and is not a regular file (a FIFO, a device, a socket).</summary>
    public static void EnsureRegular(string path)
    {
        if (TypeOf(path) is { } type && type != RegularFileType && type != DirectoryType)
        {
            throw new DepResolveException(
                ErrorCode.InvalidInput,
                $"'{path}' is a {Describe(type)}, not a regular file; DepResolve reads scripts only from regular files.",
                path);
        }
    }

    /// <summary>
    /// The bytes of a regular file of at most <paramref name="maxBytes"/> bytes. InvalidInput naming the path for a
    /// file that is not regular or that turns out longer than the cap while being read (whatever length it reported).
    /// IOException / UnauthorizedAccessException pass through for the caller to word.
    /// </summary>
    public static byte[] ReadAllBytes(string path, long maxBytes)
    {
        EnsureRegular(path);
        return ReadCapped(path, maxBytes);
    }

    /// <summary>At most <paramref name="maxBytes"/> bytes, else InvalidInput: the guard that holds where the file type is unknown.</summary>
    internal static byte[] ReadCapped(string path, long maxBytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, FileOptions.SequentialScan);
        var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int read;
        while ((read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, maxBytes + 1 - buffer.Length))) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                throw new DepResolveException(
                    ErrorCode.InvalidInput,
                    $"'{path}' holds more than the {maxBytes:N0} bytes DepResolve reads from a script; it was not read further.",
                    path);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The S_IFMT bits of the file, or null when they cannot be learnt here (not Linux, no statx, no such file).</summary>
    private static int? TypeOf(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            var buffer = new byte[256];
            return Statx(AtFdCwd, path, 0, StatxType, buffer) == 0 ? BitConverter.ToUInt16(buffer, StatxModeOffset) & FileTypeMask : null;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }
    }

    private static string Describe(int type) => type switch
    {
        0x1000 => "FIFO (named pipe)",
        0x2000 => "character device",
        0x6000 => "block device",
        0xC000 => "socket",
        _ => "special file",
    };

    [DllImport("libc", EntryPoint = "statx", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int Statx(int directoryFd, string path, int flags, uint mask, [Out] byte[] buffer);
}
