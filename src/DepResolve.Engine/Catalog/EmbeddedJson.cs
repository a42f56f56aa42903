using DepResolve.Engine.Model;
using Newtonsoft.Json.Linq;

namespace DepResolve.Engine.Catalog;

/// <summary>Reads the JSON data files embedded under Catalog/Resources.</summary>
internal static class EmbeddedJson
{
    public static JObject Load(string fileName)
    {
        var resourceName = "DepResolve.Engine.Catalog.Resources." + fileName;
        using var stream = typeof(EmbeddedJson).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new DepResolveException(ErrorCode.AnalysisFailed, $"The engine assembly has no embedded resource '{resourceName}'; the build is broken.", resourceName);
        using var reader = new StreamReader(stream);
        return JObject.Parse(reader.ReadToEnd());
    }
}
