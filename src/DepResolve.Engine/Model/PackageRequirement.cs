using NuGet.Versioning;

namespace DepResolve.Engine.Model;

/// <summary>A root requirement handed to the resolver.</summary>
public sealed record PackageRequirement(string Id, VersionRange Range)
{
    /// <summary>Who asked for it, printed at the start of conflict paths (a script name, a manifest).</summary>
    public string RequestedBy { get; init; } = "";

    public bool AllowPrerelease { get; init; }

    /// <summary>Restrict to these feed names; empty means every configured feed.</summary>
    public IReadOnlyList<string> Feeds { get; init; } = Array.Empty<string>();

    public override string ToString() => $"{Id} {Range.ToNormalizedString()}";
}
