using NuGet.Versioning;

namespace DepResolve.Engine.Model;

/// <summary>A root requirement handed to the resolver.</summary>
internal sealed record PackageRequirement(string Id, VersionRange Range)
{
    /// <summary>Who asked for it, printed at the start of conflict paths (a script name, a manifest).</summary>
    public string RequestedBy { get; init; } = "";

    public bool AllowPrerelease { get; init; }

    /// <summary>Restrict to these feed names; empty means every configured feed.</summary>
    public IReadOnlyList<string> Feeds { get; init; } = Array.Empty<string>();

    /// <summary>
    /// Asked for as a PowerShell module (#Requires -Modules, Import-Module, a command it exports): the package must
    /// hold a module manifest, or the install fails with InvalidPackage before anything is written.
    /// </summary>
    public bool AsModule { get; init; }

    /// <summary>
    /// Asked for only as a .NET library (#r "nuget: …", Add-Type, an assembly or type the script uses): the NuGet.Config
    /// sources may supply it and its dependencies (see <see cref="Resolution.LibraryFeeds"/>).
    /// </summary>
    public bool AsLibrary { get; init; }

    public override string ToString() => $"{Id} {Range.ToNormalizedString()}";
}
