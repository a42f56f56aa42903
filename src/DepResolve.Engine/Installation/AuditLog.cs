using DepResolve.Engine.Model;
using DepResolve.Engine.Resolution;
using DepResolve.Engine.Storage;
using Newtonsoft.Json;

namespace DepResolve.Engine.Installation;

/// <summary>What the audit log records about one package or environment.</summary>
internal sealed class AuditEntry
{
    /// <summary>UTC, ISO 8601 (round-trip format).</summary>
    [JsonProperty("time")]
    public string Time { get; set; } = "";

    [JsonProperty("user")]
    public string User { get; set; } = "";

    /// <summary>One of <see cref="AuditActions"/>.</summary>
    [JsonProperty("action")]
    public string Action { get; set; } = "";

    [JsonProperty("package")]
    public string? Package { get; set; }

    [JsonProperty("version")]
    public string? Version { get; set; }

    [JsonProperty("source")]
    public string? Source { get; set; }

    [JsonProperty("sha512")]
    public string? Sha512 { get; set; }

    [JsonProperty("environment")]
    public string? Environment { get; set; }

    /// <summary>"success", or the error code of the failure.</summary>
    [JsonProperty("result")]
    public string Result { get; set; } = AuditActions.Success;

    [JsonProperty("detail")]
    public string? Detail { get; set; }

    [JsonProperty("pid")]
    public int ProcessId { get; set; }
}

internal static class AuditActions
{
    public const string Download = "download";
    public const string Install = "install";
    public const string Reuse = "reuse";
    public const string Remove = "remove";
    public const string Quarantine = "quarantine";
    public const string CreateEnvironment = "create-environment";
    public const string ReuseEnvironment = "reuse-environment";
    public const string RemoveEnvironment = "remove-environment";
    public const string Refuse = "refuse";
    public const string Success = "success";
}

/// <summary>
/// audit.log: one JSON object per line. Concurrent processes append under locks/audit.lock, each line in one
/// write, so lines never interleave. The writer that takes the file to its size cap rotates it (see
/// <see cref="AuditLogLimits"/>), under the same lock, so the log never grows without bound.
/// </summary>
internal sealed class AuditLog
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, object> InProcessGates = new(StringComparer.Ordinal);
    // On Unix every Environment.UserName reads the user database (/etc/passwd, nsswitch.conf): once per process is enough.
    private static readonly Lazy<string> UserName = new(() => System.Environment.UserName);
    private readonly CacheLayout _layout;
    private readonly AuditLogLimits _limits;

    public AuditLog(CacheLayout layout, AuditLogLimits? limits = null)
    {
        _layout = layout;
        _limits = limits ?? AuditLogLimits.Default;
    }

    public string FilePath => _layout.AuditLogFile;

    /// <summary>audit.&lt;n&gt;.log: the n-th most recent rotated log.</summary>
    public string RotatedFilePath(int generation) => Path.Combine(_layout.Root, $"audit.{generation}.log");

    public void Write(AuditEntry entry)
    {
        if (entry.Time.Length == 0)
        {
            entry.Time = DateTime.UtcNow.ToString("o", System.Globalization.CultureInfo.InvariantCulture);
        }

        if (entry.User.Length == 0)
        {
            entry.User = UserName.Value;
        }

        entry.ProcessId = System.Environment.ProcessId;
        var line = AuditLine.Of(entry) + "\n";
        var bytes = System.Text.Encoding.UTF8.GetBytes(line);
        // Threads of this process queue here, so the file lock (polled) only ever arbitrates between processes.
        lock (InProcessGates.GetOrAdd(FilePath, _ => new object()))
        {
            using var guard = FileLock.AcquireExclusive(_layout.LockFile("audit"), TimeSpan.FromSeconds(30));
            long length;
            try
            {
                using var stream = new FileStream(FilePath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
                stream.Write(bytes);
                length = stream.Length;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw AtomicFile.StorageFailure(FilePath, e);
            }

            if (length >= _limits.MaxBytes)
            {
                Rotate();
            }
        }
    }

    /// <summary>Rotates the log when it has reached its size cap (garbage collection calls this for logs written before the cap was lowered).</summary>
    public bool RotateIfFull()
    {
        lock (InProcessGates.GetOrAdd(FilePath, _ => new object()))
        {
            using var guard = FileLock.AcquireExclusive(_layout.LockFile("audit"), TimeSpan.FromSeconds(30));
            return File.Exists(FilePath) && new FileInfo(FilePath).Length >= _limits.MaxBytes && Rotate();
        }
    }

    /// <summary>
    /// audit.log becomes audit.1.log, audit.1.log audit.2.log, and so on; the oldest beyond the kept count is deleted.
    /// Best effort: a log that cannot be moved (open elsewhere on Windows) is rotated by a later write.
    /// </summary>
    private bool Rotate()
    {
        try
        {
            for (var generation = _limits.Files + 1; File.Exists(RotatedFilePath(generation)); generation++)
            {
                File.Delete(RotatedFilePath(generation));
            }

            File.Delete(RotatedFilePath(_limits.Files));
            for (var generation = _limits.Files - 1; generation >= 1; generation--)
            {
                if (File.Exists(RotatedFilePath(generation)))
                {
                    File.Move(RotatedFilePath(generation), RotatedFilePath(generation + 1));
                }
            }

            File.Move(FilePath, RotatedFilePath(1));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Every entry so far (lines that do not parse are skipped).</summary>
    public IReadOnlyList<AuditEntry> ReadAll()
    {
        if (!File.Exists(FilePath))
        {
            return Array.Empty<AuditEntry>();
        }

        var entries = new List<AuditEntry>();
        using var stream = new FileStream(FilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            try
            {
                if (JsonConvert.DeserializeObject<AuditEntry>(line) is { } entry)
                {
                    entries.Add(entry);
                }
            }
            catch (JsonException)
            {
            }
        }

        return entries;
    }

    internal static AuditEntry For(string action, ResolvedNode? package, string? environment, string result = AuditActions.Success, string? detail = null) => new()
    {
        Action = action,
        Package = package?.Id,
        Version = package?.Version.ToNormalizedString(),
        Source = package?.FeedName,
        Sha512 = package?.Sha512,
        Environment = environment,
        Result = result,
        Detail = detail,
    };

    /// <summary>A line about a store entry, as its manifest names it; <paramref name="source"/> is the feed asked for, else the one it came from.</summary>
    internal static AuditEntry ForEntry(string action, StoreEntry entry, string? source, string? detail = null) => new()
    {
        Action = action,
        Package = entry.Manifest.Id,
        Version = entry.Manifest.Version,
        Source = string.IsNullOrEmpty(source) ? entry.Manifest.Source : source,
        Sha512 = entry.Manifest.Sha512,
        Result = AuditActions.Success,
        Detail = detail,
    };
}
