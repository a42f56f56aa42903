using DepResolve.Engine.Model;
using Newtonsoft.Json.Linq;

namespace DepResolve.Engine.Feeds.NuGetV3;

/// <summary>The resources of a v3 service index this client uses, chosen by @type (newest version first).</summary>
internal sealed record V3ServiceIndex(Uri PackageBaseAddress, Uri? RegistrationsBaseUrl, Uri? SearchQueryService)
{
    private static readonly string[] PackageBaseAddressTypes = ["PackageBaseAddress/3.0.0"];

    private static readonly string[] RegistrationTypes =
    [
        "RegistrationsBaseUrl/3.6.0",
        "RegistrationsBaseUrl/3.4.0",
        "RegistrationsBaseUrl",
        "RegistrationsBaseUrl/3.0.0-rc",
        "RegistrationsBaseUrl/3.0.0-beta",
        "RegistrationsBaseUrl/Versioned",
    ];

    private static readonly string[] SearchTypes =
    [
        "SearchQueryService/3.5.0",
        "SearchQueryService/3.0.0-rc",
        "SearchQueryService/3.0.0-beta",
        "SearchQueryService",
    ];

    public static V3ServiceIndex Parse(JToken document, string shownUrl)
    {
        var resources = (document as JObject)?["resources"] as JArray
            ?? throw new DepResolveException(ErrorCode.InvalidPackage, $"{shownUrl} is not a NuGet v3 service index: it has no 'resources' array.", shownUrl);

        var byType = new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase);
        foreach (var resource in resources.OfType<JObject>())
        {
            var id = JsonValues.String(resource, "@id");
            if (id is null || !Uri.TryCreate(id, UriKind.Absolute, out var url))
            {
                continue;
            }

            foreach (var type in JsonValues.Strings(resource["@type"]))
            {
                byType.TryAdd(type, url);
            }
        }

        var packageBase = First(byType, PackageBaseAddressTypes)
            ?? throw new DepResolveException(ErrorCode.InvalidPackage, $"{shownUrl} offers no PackageBaseAddress/3.0.0 resource, which every NuGet v3 feed has.", shownUrl);
        return new V3ServiceIndex(packageBase, First(byType, RegistrationTypes), First(byType, SearchTypes));
    }

    private static Uri? First(Dictionary<string, Uri> byType, string[] preferred)
    {
        foreach (var type in preferred)
        {
            if (byType.TryGetValue(type, out var url))
            {
                return url;
            }
        }

        return null;
    }
}
