namespace DepResolve.Engine.Analysis.PowerShell.Facts;

/// <summary>What <c>#Requires</c> asked for (from ScriptBlockAst.ScriptRequirements); positions come from <see cref="ScriptFacts.Comments"/>.</summary>
public sealed class RequiresFacts
{
    public List<RequiredModuleFact> Modules { get; } = new();

    public string? PowerShellVersion { get; set; }

    public List<string> PSEditions { get; } = new();

    public List<string> Assemblies { get; } = new();
}

/// <summary>One ModuleSpecification from <c>#Requires -Modules</c>.</summary>
public sealed class RequiredModuleFact
{
    public string Name { get; init; } = "";

    public string? ModuleVersion { get; init; }

    public string? RequiredVersion { get; init; }

    public string? MaximumVersion { get; init; }

    public string? Guid { get; init; }
}
