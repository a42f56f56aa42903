namespace DepResolve.Engine.Model;

/// <summary>
/// A requirement that a module already on the user's PSModulePath satisfied (-UseInstalledModules): nothing was
/// downloaded for it, and the run sees it through <see cref="ModulePathEntry"/>.
/// </summary>
public sealed class InstalledModule
{
    /// <summary>The requirement it satisfied, e.g. "Pester [5.0.0, 6.0.0)".</summary>
    public string Requirement { get; set; } = "";

    public string Name { get; set; } = "";

    public string Version { get; set; } = "";

    /// <summary>The module's folder (the one holding its manifest).</summary>
    public string Path { get; set; } = "";

    /// <summary>The PSModulePath entry it was found under; added to the run's module path.</summary>
    public string ModulePathEntry { get; set; } = "";

    public override string ToString() => $"{Requirement} satisfied by {Name} {Version} at {Path}";
}
