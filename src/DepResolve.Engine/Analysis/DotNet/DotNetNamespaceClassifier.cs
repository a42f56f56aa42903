using DepResolve.Engine.Catalog;

namespace DepResolve.Engine.Analysis.DotNet;

/// <summary>
/// Decides whether a .NET namespace is built in. The rule, in order:
/// 1. PowerShell's own namespaces (System.Management.Automation, Microsoft.PowerShell, CIM) are provided by the host.
/// 2. The curated package table wins next: it lists the System.* namespaces that are NuGet packages on .NET
///    (System.Data.SqlClient, System.Management, System.ServiceModel.*, ...) although their parent namespace is in the
///    framework, and the System.Drawing.Common types that need Windows. It comes before the index, which cannot see
///    everything: a shared-framework facade (System.Data.dll) forwards System.Data.SqlClient types to an assembly that
///    only the package ships, and a host may run on a framework build that differs from the script's.
/// 3. A name the running shared framework provides (<see cref="FrameworkNamespaceIndex"/>) is built in.
/// 4. Without a usable index, the framework roots (System, Microsoft.Win32, Microsoft.CSharp, Microsoft.VisualBasic)
///    count as built in; with an index, a System.* name it does not know is not (it is probed on the feeds).
/// Thread-safe; stateless apart from the shared, read-only tables.
/// </summary>
internal sealed class DotNetNamespaceClassifier
{
    private static readonly string[] PowerShellHostNamespaces =
    [
        "System.Management.Automation",
        "Microsoft.PowerShell",
        "Microsoft.Management.Infrastructure",
    ];

    private static readonly string[] WindowsDesktopNamespaces =
    [
        "System.Windows.Forms",
        "System.Windows",
        "System.Drawing.Design",
        "System.Windows.Controls",
        "System.Windows.Media",
        "System.Windows.Markup",
        "PresentationFramework",
        "PresentationCore",
        "WindowsBase",
    ];

    private static readonly string[] FallbackFrameworkRoots = ["System", "Microsoft.Win32", "Microsoft.CSharp", "Microsoft.VisualBasic"];

    private readonly FrameworkNamespaceIndex? givenIndex;
    private readonly NamespacePackageTable? givenTable;

    public DotNetNamespaceClassifier(FrameworkNamespaceIndex? index = null, NamespacePackageTable? table = null)
    {
        givenIndex = index;
        givenTable = table;
    }

    /// <summary>The embedded table is read when a name is first classified, not when <see cref="Default"/> is made.</summary>
    private NamespacePackageTable Table => givenTable ?? NamespacePackageTable.Default;

    /// <summary>The shared framework's index is read (every framework assembly's metadata) only when a name needs it.</summary>
    private FrameworkNamespaceIndex Index => givenIndex ?? FrameworkNamespaceIndex.Shared;

    public static DotNetNamespaceClassifier Default { get; } = new();

    /// <summary>Roots that make a dotted name look like a namespace even with a single segment.</summary>
    public bool IsKnownRoot(string identifier) =>
        Table.Roots.Contains(identifier) || FallbackFrameworkRoots.Any(r => r.Split('.')[0] == identifier);

    public NamespaceClassification Classify(string dottedName)
    {
        if (FindPrefix(PowerShellHostNamespaces, dottedName) is { } host)
        {
            return new(NamespaceOrigin.PowerShellHost, host, $"{host} is provided by PowerShell itself");
        }

        if (Table.IsWindowsOnlyDrawingName(dottedName))
        {
            return new(NamespaceOrigin.KnownPackage, dottedName,
                $"{dottedName} comes from the {Table.WindowsOnlyPackage} package, supported on Windows only since .NET 7",
                Table.WindowsOnlyPackage, "$IsWindows");
        }

        if (Table.TryFind(dottedName, out var prefix, out var packageId))
        {
            var inFramework = prefix.StartsWith("System.", StringComparison.Ordinal) ? " (not part of the .NET shared framework)" : "";
            return new(NamespaceOrigin.KnownPackage, prefix, $"{prefix} ships as NuGet package {packageId}{inFramework}", packageId);
        }

        if (Index.IsAvailable && Index.TryResolve(dottedName, out var ns, out var assembly))
        {
            return assembly.IsDesktop
                ? new(NamespaceOrigin.WindowsDesktop, ns, $"{ns} is in {assembly.Name} of the Windows Desktop shared framework", Condition: "$IsWindows")
                : new(NamespaceOrigin.SharedFramework, ns, $"{ns} is in {assembly.Name} of the .NET shared framework");
        }

        if (FindPrefix(WindowsDesktopNamespaces, dottedName) is { } desktop)
        {
            return new(NamespaceOrigin.WindowsDesktop, desktop, $"{desktop} is in the Windows Desktop shared framework, which PowerShell loads on Windows only", Condition: "$IsWindows");
        }

        if (Index.IsAvailable)
        {
            return new(NamespaceOrigin.Unknown, dottedName, $"{dottedName} is not provided by the running .NET shared framework");
        }

        if (FindPrefix(FallbackFrameworkRoots, dottedName) is { } root)
        {
            return new(NamespaceOrigin.SharedFramework, dottedName, $"{dottedName} is under the framework root {root} (framework assemblies could not be inspected)");
        }

        return new(NamespaceOrigin.Unknown, dottedName, $"{dottedName} is not a framework namespace");
    }

    private static string? FindPrefix(IEnumerable<string> prefixes, string dottedName) =>
        prefixes.FirstOrDefault(p => dottedName.Equals(p, StringComparison.Ordinal) || dottedName.StartsWith(p + ".", StringComparison.Ordinal));
}
