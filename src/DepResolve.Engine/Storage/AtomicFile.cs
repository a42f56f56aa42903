using System.Text;
using System.Text.Json.Serialization.Metadata;
using DepResolve.Engine.Model;
using Newtonsoft.Json;

namespace DepResolve.Engine.Storage;

/// <summary>Writes a file completely or not at all: a temporary file in the same folder, then a rename over the target.</summary>
internal static class AtomicFile
{
    internal static readonly JsonSerializerSettings JsonSettings = new()
    {
        Formatting = Formatting.Indented,
        NullValueHandling = NullValueHandling.Ignore,
        DateTimeZoneHandling = DateTimeZoneHandling.Utc,
        ContractResolver = ReflectionContractResolver.Instance,
    };

    public static void WriteAllText(string path, string content)
    {
        var folder = Path.GetDirectoryName(path)!;
        var temp = Path.Combine(folder, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            try
            {
                File.WriteAllText(temp, content, new UTF8Encoding(false));
            }
            catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException)
            {
                Directory.CreateDirectory(folder);
                File.WriteAllText(temp, content, new UTF8Encoding(false));
            }

            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw StorageFailure(path, e);
        }
    }

    public static void WriteJson<T>(string path, T value) => WriteAllText(path, JsonConvert.SerializeObject(value, JsonSettings));

    /// <summary>Writes <paramref name="value"/> with a source-generated contract (see <see cref="StoredJson"/>).</summary>
    public static void WriteJson<T>(string path, T value, JsonTypeInfo<T> contract) =>
        WriteAllText(path, System.Text.Json.JsonSerializer.Serialize(value, contract));

    /// <summary>The object in <paramref name="path"/> read with a source-generated contract, or null when the file is missing or unreadable JSON.</summary>
    public static T? TryReadJson<T>(string path, JsonTypeInfo<T> contract)
        where T : class
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            ReadOnlySpan<byte> utf8 = File.ReadAllBytes(path);
            return System.Text.Json.JsonSerializer.Deserialize(utf8.StartsWith(Encoding.UTF8.Preamble) ? utf8[Encoding.UTF8.Preamble.Length..] : utf8, contract);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or IOException)
        {
            return null;
        }
    }

    /// <summary>PermissionDenied for access problems; InstallationFailed (a full disk, an I/O error) otherwise. Both name the path.</summary>
    public static DepResolveException StorageFailure(string path, Exception e) => e switch
    {
        DepResolveException known => known,
        UnauthorizedAccessException => new DepResolveException(ErrorCode.PermissionDenied, $"Access to '{path}' was denied: {e.Message}", path, e),
        _ when IsDiskFull(e) => new DepResolveException(ErrorCode.InstallationFailed, $"The disk is full while writing '{path}'.", path, e),
        _ => new DepResolveException(ErrorCode.InstallationFailed, $"Writing '{path}' failed: {e.Message}", path, e),
    };

    public static bool IsDiskFull(Exception e)
    {
        const int windowsDiskFull = unchecked((int)0x80070070);
        const int windowsHandleDiskFull = unchecked((int)0x80070027);
        const int enospc = 28;
        return e is IOException io && (io.HResult == windowsDiskFull || io.HResult == windowsHandleDiskFull || io.HResult == enospc
            || io.Message.Contains("No space left on device", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Records a use of a cache record: its last-write time is what garbage collection ages records by. Best effort
    /// (a read-only cache is still readable).
    /// </summary>
    public static void TryMarkUsed(string path, DateTime nowUtc)
    {
        try
        {
            File.SetLastWriteTimeUtc(path, nowUtc);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Deletes a folder tree, read-only files included; false when something is still held open.</summary>
    public static bool TryDeleteFolder(string path)
    {
        try
        {
            if (!Directory.Exists(path))
            {
                return true;
            }

            // Only Windows refuses to delete a read-only file; elsewhere the folder's permissions decide.
            if (OperatingSystem.IsWindows())
            {
                foreach (var entry in Directory.EnumerateFileSystemEntries(path, "*", SearchOption.AllDirectories))
                {
                    var attributes = File.GetAttributes(entry);
                    if ((attributes & FileAttributes.ReparsePoint) == 0 && (attributes & FileAttributes.ReadOnly) != 0)
                    {
                        File.SetAttributes(entry, attributes & ~FileAttributes.ReadOnly);
                    }
                }
            }

            Directory.Delete(path, recursive: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return !Directory.Exists(path);
        }
    }
}
