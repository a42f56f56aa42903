using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using DepResolve.Engine.Model;

namespace DepResolve.Engine.Configuration;

/// <summary>
/// The repositories the user registered with PSResourceGet (Register-PSResourceRepository), read from its
/// store PSResourceRepository.xml: &lt;configuration&gt;&lt;Repository Name Uri|Url APIVersion Priority Trusted /&gt;…
/// Credentials PSResourceGet keeps in a SecretManagement vault are not readable here; such feeds need
/// credentials in depresolve.json.
/// </summary>
internal static class PSResourceGetRepositories
{
    public const string StoreFileName = "PSResourceRepository.xml";

    /// <summary>
    /// The store in the local application data folder (%LOCALAPPDATA% on Windows, ~/.local/share elsewhere):
    /// PSResourceGet/ for PSResourceGet 1.x, else PowerShellGet/ as its 3.0 previews wrote it. Null when neither exists.
    /// </summary>
    public static string? FindStoreFile(string? localApplicationData = null)
    {
        localApplicationData ??= Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        if (string.IsNullOrEmpty(localApplicationData))
        {
            return null;
        }

        return new[] { "PSResourceGet", "PowerShellGet" }
            .Select(folder => Path.Combine(localApplicationData, folder, StoreFileName))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>The registered repositories, in priority order. Repositories we cannot use are skipped (and logged).</summary>
    public static IReadOnlyList<RepositorySettings> Read(string storeFile, Action<string>? log = null)
    {
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(storeFile, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (Exception e) when (e is XmlException or IOException or UnauthorizedAccessException)
        {
            throw new DepResolveException(ErrorCode.InvalidInput, $"The PSResourceGet repository store {storeFile} cannot be read: {e.Message}", storeFile, e);
        }

        var result = new List<RepositorySettings>();
        foreach (var element in document.Descendants("Repository"))
        {
            var name = (string?)element.Attribute("Name");
            var uri = (string?)element.Attribute("Uri") ?? (string?)element.Attribute("Url");
            var line = ((IXmlLineInfo)element).LineNumber;
            if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(uri) || !Uri.TryCreate(uri, UriKind.Absolute, out var url))
            {
                log?.Invoke($"{storeFile} (line {line}): a repository without a usable Name and Uri was skipped.");
                continue;
            }

            var kind = KindOf((string?)element.Attribute("APIVersion"), url);
            if (kind is null)
            {
                log?.Invoke($"{storeFile} (line {line}): repository '{name}' ({element.Attribute("APIVersion")?.Value}) is not a NuGet feed or folder; skipped.");
                continue;
            }

            result.Add(new RepositorySettings
            {
                Name = name,
                Source = url.IsFile ? url.LocalPath : url.AbsoluteUri,
                Kind = kind.Value,
                Priority = int.TryParse((string?)element.Attribute("Priority"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var priority) ? priority : 50,
            });
        }

        return result.OrderBy(r => r.Priority).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ToArray();
    }

    private static RepositoryKind? KindOf(string? apiVersion, Uri url) => apiVersion?.Trim().ToLowerInvariant() switch
    {
        "v2" => RepositoryKind.NuGetV2,
        "v3" => RepositoryKind.NuGetV3,
        "local" => RepositoryKind.LocalFolder,
        "nugetserver" => RepositoryKind.NuGetV2,
        null or "" or "unknown" => url.IsFile ? RepositoryKind.LocalFolder : RepositoryKind.Auto,
        _ => null,
    };
}
