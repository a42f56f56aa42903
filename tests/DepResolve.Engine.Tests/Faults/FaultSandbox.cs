using System.Security.Cryptography;
using DepResolve.Engine.Installation;
using DepResolve.Engine.Storage;
using DepResolve.Engine.Tests.Fixtures;

namespace DepResolve.Engine.Tests.Faults;

/// <summary>
/// One fault case's world in a fresh temp folder: <c>cache/</c> (the cache root, the only place the pipeline may
/// write to on failure), <c>outside/</c> (the target hostile packages aim at, holding a secret an XXE would read),
/// <c>feed/</c> (packages the loopback servers serve), <c>scripts/</c> (script, depresolve.json, lock file) and
/// <c>userconfig/</c> (an empty user config folder, so the machine's own config never leaks in).
/// </summary>
internal sealed class FaultSandbox : IDisposable
{
    public const string Secret = "TOP-SECRET-OUTSIDE-THE-CACHE";

    private readonly TempFolder _temp = new("depresolve-faults");

    public FaultSandbox()
    {
        foreach (var folder in new[] { CacheRoot, Outside, FeedFolder, ScriptsFolder, UserConfigFolder })
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllText(SecretFile, Secret);
        File.WriteAllText(ScriptPath, "Import-Module Fault.App\n");
    }

    public string Root => _temp.Path;

    public string CacheRoot => _temp.Combine("cache");

    public string Outside => _temp.Combine("outside");

    public string SecretFile => Path.Combine(Outside, "secret.txt");

    public string FeedFolder => _temp.Combine("feed");

    public string ScriptsFolder => _temp.Combine("scripts");

    public string ScriptPath => Path.Combine(ScriptsFolder, "script.ps1");

    public string LockFilePath => Path.Combine(ScriptsFolder, "depresolve.lock.json");

    public string ConfigPath => Path.Combine(ScriptsFolder, "depresolve.json");

    public string UserConfigFolder => _temp.Combine("userconfig");

    public CacheLayout Layout => new(CacheRoot);

    public string Combine(params string[] parts) => _temp.Combine(parts);

    /// <summary>Every file and folder in the sandbox outside the cache root, with each file's size and SHA-256.</summary>
    public SortedDictionary<string, string> SnapshotOutsideCache()
    {
        var cache = Path.GetFullPath(CacheRoot) + Path.DirectorySeparatorChar;
        var snapshot = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in Directory.EnumerateFileSystemEntries(Root, "*", SearchOption.AllDirectories))
        {
            var full = Path.GetFullPath(entry);
            if (full.StartsWith(cache, StringComparison.Ordinal))
            {
                continue;
            }

            var relative = Path.GetRelativePath(Root, full);
            var info = new FileInfo(full);
            snapshot[relative] = info.LinkTarget is { } link ? "link -> " + link
                : Directory.Exists(full) ? "folder"
                : $"{info.Length} bytes, sha256 {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(full)))}";
        }

        return snapshot;
    }

    /// <summary>Fails listing what appeared, vanished or changed outside the cache root since <paramref name="before"/>.</summary>
    public void AssertNothingWrittenOutsideCache(SortedDictionary<string, string> before)
    {
        var after = SnapshotOutsideCache();
        var differences = before.Keys.Union(after.Keys)
            .Where(key => !before.TryGetValue(key, out var was) || !after.TryGetValue(key, out var now) || was != now)
            .Select(key => $"{key}: {(before.TryGetValue(key, out var b) ? b : "absent")} -> {(after.TryGetValue(key, out var a) ? a : "absent")}")
            .ToList();
        Assert.True(differences.Count == 0, "written outside the cache root:\n" + string.Join("\n", differences));
    }

    /// <summary>
    /// A failed run left nothing half-done: no environment, nothing in tmp/, no *.incomplete marker, *.partial download
    /// or *.tmp file anywhere in the cache, and every store entry verifies (SHA-256 of every file). A lock file written
    /// or rewritten next to the script shows up in <see cref="AssertNothingWrittenOutsideCache"/>.
    /// </summary>
    public void AssertNothingHalfWritten()
    {
        var layout = Layout;
        Assert.Empty(Entries(layout.EnvironmentsFolder));
        Assert.Empty(Entries(layout.TempFolder));
        if (Directory.Exists(CacheRoot))
        {
            var leftovers = Directory.EnumerateFiles(CacheRoot, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
                .Where(f => f.EndsWith(".incomplete", StringComparison.Ordinal) || f.EndsWith(".partial", StringComparison.Ordinal) || f.EndsWith(".tmp", StringComparison.Ordinal))
                .ToList();
            Assert.Empty(leftovers);
        }

        Assert.Empty(new PackageStore(layout).VerifyAll());
    }

    private static IEnumerable<string> Entries(string folder) =>
        Directory.Exists(folder) ? Directory.EnumerateFileSystemEntries(folder).ToList() : [];

    public void Dispose() => _temp.Dispose();
}
