namespace DepResolve.Engine.Model;

/// <summary>
/// One thing a script needs, with where it was seen and what it maps to.
/// Public result type: versions are strings so the cmdlet assembly never touches third-party types.
/// </summary>
public sealed class ScriptDependency
{
    public string Name { get; set; } = "";

    public DependencyKind Kind { get; set; }

    /// <summary>A NuGet range in normalized form (e.g. "[2.0.0, )"), or null for any version.</summary>
    public string? VersionRange { get; set; }

    public DependencyEvidence Evidence { get; set; }

    public string? Path { get; set; }

    public int Line { get; set; }

    public int Column { get; set; }

    public bool IsOptional { get; set; }

    /// <summary>A platform or guard condition under which the dependency applies, e.g. "$IsWindows".</summary>
    public string? Condition { get; set; }

    /// <summary>The name was not a constant (e.g. Import-Module $name): reported, never guessed.</summary>
    public bool IsDynamic { get; set; }

    public bool IsBuiltIn { get; set; }

    /// <summary>The package that provides it (module or NuGet id), when mapped.</summary>
    public string? MappedPackage { get; set; }

    public string? MappingReason { get; set; }

    public IReadOnlyList<string> Alternatives { get; set; } = Array.Empty<string>();

    /// <summary>Set by the mapper when no package, built-in or local file provides it; <see cref="MappingReason"/> says why.</summary>
    public bool IsUnresolvable { get; set; }

    /// <summary>
    /// Inferred, not declared: a command name, a type or namespace the script uses, or a name that is not a constant.
    /// An inferred item that maps to no package is a warning (the run and its retry find what is really missing);
    /// a declared one (#Requires, Import-Module/using with a constant name, a manifest, #r nuget) must resolve.
    /// </summary>
    public bool IsInferred => IsDynamic || Evidence is DependencyEvidence.CommandUsage or DependencyEvidence.TypeLiteral or DependencyEvidence.CSharpUsing;

    /// <summary>A copy to map: the mapper fills in the mapping fields of what it is given, and the caller's list stays as it was.</summary>
    internal ScriptDependency Copy() => (ScriptDependency)MemberwiseClone();

    public override string ToString() => VersionRange is null ? $"{Kind} {Name}" : $"{Kind} {Name} {VersionRange}";
}
