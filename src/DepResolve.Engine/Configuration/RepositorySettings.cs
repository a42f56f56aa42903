namespace DepResolve.Engine.Configuration;

/// <summary>A package source as configured (depresolve.json, PSResourceGet registration, NuGet.Config, parameter).</summary>
internal sealed record RepositorySettings
{
    public required string Name { get; init; }

    /// <summary>URL or folder path.</summary>
    public required string Source { get; init; }

    public RepositoryKind Kind { get; init; } = RepositoryKind.Auto;

    /// <summary>Lower number = asked first. Ties keep configuration order.</summary>
    public int Priority { get; init; } = 50;

    public string? UserName { get; init; }

    /// <summary>Never logged, never written by DepResolve.</summary>
    public string? Password { get; init; }

    /// <summary>Sent as X-NuGet-ApiKey; never logged, never written by DepResolve.</summary>
    public string? ApiKey { get; init; }

    public override string ToString() => $"{Name} ({Source})";
}
