namespace DepResolve.Engine.Model;

/// <summary>
/// An installed environment: one resolved set of packages, layered on an optional base environment.
/// PowerShell sees it as module-path entries that point into the shared package store. Public result type:
/// strings only.
/// </summary>
public sealed class EnvironmentInfo
{
    /// <summary>Derived from the set (sorted id/version/sha512) and the base environment id: same set, same id.</summary>
    public string Id { get; set; } = "";

    /// <summary>The environment's folder (holding environment.json).</summary>
    public string Path { get; set; } = "";

    public string? BaseEnvironmentId { get; set; }

    /// <summary>The packages of this environment and of its base, this environment's first.</summary>
    public IReadOnlyList<ResolvedPackage> Packages { get; set; } = Array.Empty<ResolvedPackage>();

    /// <summary>Folders that hold <c>&lt;Name&gt;/&lt;ModuleVersion&gt;/</c> module folders, in search order.</summary>
    public IReadOnlyList<string> ModulePathEntries { get; set; } = Array.Empty<string>();

    /// <summary>Full paths of the library assemblies to preload in the child process.</summary>
    public IReadOnlyList<string> Assemblies { get; set; } = Array.Empty<string>();

    /// <summary>The store folders the environment uses (what garbage collection keeps alive).</summary>
    public IReadOnlyList<string> StoreEntries { get; set; } = Array.Empty<string>();

    public DateTime CreatedUtc { get; set; }

    public DateTime LastUsedUtc { get; set; }

    /// <summary>True when this call created the environment, false when it was reused.</summary>
    public bool Created { get; set; }

    /// <summary>
    /// The PSModulePath value for a child process: this environment's entries, then <c>$PSHOME/Modules</c>
    /// (when <paramref name="psHome"/> is given), and none of the user's or machine's module folders.
    /// </summary>
    public string BuildModulePath(string? psHome)
    {
        var entries = ModulePathEntries.ToList();
        if (!string.IsNullOrEmpty(psHome))
        {
            entries.Add(System.IO.Path.Combine(psHome, "Modules"));
        }

        return string.Join(System.IO.Path.PathSeparator, entries);
    }

    public override string ToString() => $"{Id} ({Packages.Count} packages)";
}
