using DepResolve.Engine.Storage;

namespace DepResolve.Engine.Installation;

/// <summary>One environment as the registry knows it.</summary>
internal sealed class EnvironmentRegistration
{
    public string Id { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

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
        EnvironmentRegistryFile.TryRead(_layout.RegistryFile) is { } file ? file.Environments.Values.OrderBy(e => e.Id, StringComparer.Ordinal).ToList() : [];

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

    private T Update<T>(Func<EnvironmentRegistryFile, T> change)
    {
        using var guard = FileLock.AcquireExclusive(_layout.LockFile("registry"), LockTimeout);
        var file = EnvironmentRegistryFile.TryRead(_layout.RegistryFile) ?? new EnvironmentRegistryFile();
        var result = change(file);
        AtomicFile.WriteAllText(_layout.RegistryFile, file.ToJson());
        return result;
    }
}
