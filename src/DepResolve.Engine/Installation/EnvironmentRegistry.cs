using DepResolve.Engine.Storage;
using Newtonsoft.Json;

namespace DepResolve.Engine.Installation;

/// <summary>One environment as the registry knows it.</summary>
internal sealed class EnvironmentRegistration
{
    [JsonProperty("id")]
    public string Id { get; set; } = "";

    [JsonProperty("createdUtc")]
    public DateTime CreatedUtc { get; set; }

    [JsonProperty("lastUsedUtc")]
    public DateTime LastUsedUtc { get; set; }
}

/// <summary>
/// registry.json: every environment with its creation and last-used times. Read-modify-write under
/// locks/registry.lock and replaced atomically, so concurrent processes never lose an update.
/// </summary>
internal sealed class EnvironmentRegistry
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);
    private readonly CacheLayout _layout;

    public EnvironmentRegistry(CacheLayout layout) => _layout = layout;

    public IReadOnlyList<EnvironmentRegistration> ReadAll() =>
        (AtomicFile.TryReadJson<RegistryFile>(_layout.RegistryFile)?.Environments ?? new()).Values.OrderBy(e => e.Id, StringComparer.Ordinal).ToList();

    public EnvironmentRegistration? Find(string environmentId) =>
        ReadAll().FirstOrDefault(e => string.Equals(e.Id, environmentId, StringComparison.Ordinal));

    /// <summary>Records a use now (registers the environment when new).</summary>
    public EnvironmentRegistration Touch(string environmentId, DateTime nowUtc) => Update(file =>
    {
        if (!file.Environments.TryGetValue(environmentId, out var registration))
        {
            registration = new EnvironmentRegistration { Id = environmentId, CreatedUtc = nowUtc };
            file.Environments[environmentId] = registration;
        }

        registration.LastUsedUtc = nowUtc;
        return registration;
    });

    public void Remove(string environmentId) => Update(file => file.Environments.Remove(environmentId));

    private T Update<T>(Func<RegistryFile, T> change)
    {
        using var guard = FileLock.AcquireExclusive(_layout.LockFile("registry"), LockTimeout);
        var file = AtomicFile.TryReadJson<RegistryFile>(_layout.RegistryFile) ?? new RegistryFile();
        var result = change(file);
        AtomicFile.WriteJson(_layout.RegistryFile, file);
        return result;
    }

    private sealed class RegistryFile
    {
        [JsonProperty("format")]
        public int Format { get; set; } = 1;

        [JsonProperty("environments")]
        public SortedDictionary<string, EnvironmentRegistration> Environments { get; set; } = new(StringComparer.Ordinal);
    }
}
