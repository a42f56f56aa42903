using DepResolve.Engine.Storage;

namespace DepResolve.Engine.Catalog;

/// <summary>
/// The curated .NET namespace -> NuGet package table (Resources/namespace-packages.json), matched segment by segment,
/// longest prefix first: "Amazon.S3.Model" -> AWSSDK.S3, "Amazon.Util" -> AWSSDK.Core. Also knows the
/// System.Drawing.Common types that work on Windows only.
/// </summary>
internal sealed class NamespacePackageTable
{
    private static readonly Lazy<NamespacePackageTable> Embedded = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, string> packages;
    private readonly string[] windowsOnlyNames;

    public NamespacePackageTable(IReadOnlyDictionary<string, string> packages, IEnumerable<string> windowsOnlyNames, string windowsOnlyPackage)
    {
        this.packages = new Dictionary<string, string>(packages, StringComparer.OrdinalIgnoreCase);
        this.windowsOnlyNames = windowsOnlyNames.ToArray();
        WindowsOnlyPackage = windowsOnlyPackage;
        Roots = this.packages.Keys.Select(k => k.Split('.')[0]).ToHashSet(StringComparer.Ordinal);
    }

    public static NamespacePackageTable Default => Embedded.Value;

    public string WindowsOnlyPackage { get; }

    /// <summary>First segments of every curated namespace (Newtonsoft, Amazon, log4net, ...): roots that look like namespaces.</summary>
    public IReadOnlySet<string> Roots { get; }

    /// <summary>The package for the longest curated prefix of <paramref name="dottedName"/>.</summary>
    public bool TryFind(string dottedName, out string matchedPrefix, out string packageId) =>
        TryFindLongestPrefix(packages, dottedName, out matchedPrefix, out packageId);

    /// <summary>Whether the name is (or is inside) one of the System.Drawing.Common types that need Windows.</summary>
    public bool IsWindowsOnlyDrawingName(string dottedName) =>
        windowsOnlyNames.Any(n => dottedName.Equals(n, StringComparison.Ordinal) || dottedName.StartsWith(n + ".", StringComparison.Ordinal));

    public static bool TryFindLongestPrefix(IReadOnlyDictionary<string, string> map, string dottedName, out string matchedPrefix, out string value)
    {
        for (var name = dottedName; name.Length > 0;)
        {
            if (map.TryGetValue(name, out var found))
            {
                matchedPrefix = name;
                value = found;
                return true;
            }

            var lastDot = name.LastIndexOf('.');
            name = lastDot < 0 ? "" : name[..lastDot];
        }

        matchedPrefix = "";
        value = "";
        return false;
    }

    private static NamespacePackageTable LoadEmbedded()
    {
        using var document = EmbeddedJson.Load("namespace-packages.json");
        var json = document.RootElement;
        var windowsOnly = json.GetProperty("windowsOnlyTypes");
        return new NamespacePackageTable(
            EmbeddedJson.StringMap(json.GetProperty("packages")),
            RecordJson.StringsOf(windowsOnly.GetProperty("types")),
            windowsOnly.GetProperty("package").GetString()!);
    }
}
