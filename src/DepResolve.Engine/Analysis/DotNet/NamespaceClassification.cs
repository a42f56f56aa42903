namespace DepResolve.Engine.Analysis.DotNet;

/// <summary>
/// What a .NET namespace (or type, or assembly name) is: built in (with the reason), a known package, or unknown.
/// <see cref="Name"/> is the name to report: the framework namespace when the input was a type or member inside it.
/// </summary>
internal sealed record NamespaceClassification(NamespaceOrigin Origin, string Name, string Reason, string? PackageId = null, string? Condition = null)
{
    public bool IsBuiltIn => Origin is NamespaceOrigin.SharedFramework or NamespaceOrigin.PowerShellHost or NamespaceOrigin.WindowsDesktop;
}

internal enum NamespaceOrigin
{
    /// <summary>In an assembly of the running .NET shared framework (Microsoft.NETCore.App).</summary>
    SharedFramework,

    /// <summary>Windows Desktop framework (WinForms, WPF): present for PowerShell on Windows only.</summary>
    WindowsDesktop,

    /// <summary>Provided by PowerShell itself (System.Management.Automation, Microsoft.PowerShell.*, CIM).</summary>
    PowerShellHost,

    /// <summary>Ships as a NuGet package (curated table, including System.* namespaces that left the framework).</summary>
    KnownPackage,

    /// <summary>Neither: the mapper probes the feeds for it.</summary>
    Unknown,
}
