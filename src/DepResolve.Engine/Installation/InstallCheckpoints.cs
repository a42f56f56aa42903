namespace DepResolve.Engine.Installation;

/// <summary>
/// Named points of an install, reported to <see cref="PackageInstallerOptions.Checkpoint"/>. Fault-injection
/// tests crash a child process at each of them and check that the cache recovers.
/// </summary>
internal static class InstallCheckpoints
{
    public const string StagingCreated = "staging-created";
    public const string Downloaded = "downloaded";
    public const string Extracted = "extracted";
    public const string ManifestWritten = "manifest-written";
    public const string EntryRenamed = "entry-renamed";
    public const string EnvironmentStaged = "environment-staged";

    public static IReadOnlyList<string> All { get; } =
        [StagingCreated, Downloaded, Extracted, ManifestWritten, EntryRenamed, EnvironmentStaged];
}
