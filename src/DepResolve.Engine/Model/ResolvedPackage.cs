namespace DepResolve.Engine.Model;

/// <summary>One package version chosen by the resolver. Public result type: strings only.</summary>
public sealed class ResolvedPackage
{
    public string Id { get; set; } = "";

    public string Version { get; set; } = "";

    /// <summary>The name of the feed it comes from.</summary>
    public string Source { get; set; } = "";

    /// <summary>SHA-512 (base64) of the .nupkg, when known.</summary>
    public string? Sha512 { get; set; }

    public bool IsPowerShellModule { get; set; }

    /// <summary>Dependencies as "Id range" strings, sorted.</summary>
    public IReadOnlyList<string> Dependencies { get; set; } = Array.Empty<string>();

    /// <summary>Why it is there: the path from a root, e.g. "deploy.ps1 -> Az.Compute 7.1.0 -> Az.Accounts [3.0.0, )".</summary>
    public string Reason { get; set; } = "";

    public long? Size { get; set; }

    public override string ToString() => $"{Id} {Version}";
}
