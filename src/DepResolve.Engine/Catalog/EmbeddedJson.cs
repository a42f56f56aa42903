using System.Text.Json;
using DepResolve.Engine.Model;

namespace DepResolve.Engine.Catalog;

/// <summary>
/// Reads the JSON data files embedded under Catalog/Resources. A <see cref="JsonDocument"/>, not a serializer: its
/// code is non-generic and ships compiled ahead of time with the framework, so loading a table in a fresh process
/// compiles next to nothing.
/// </summary>
internal static class EmbeddedJson
{
    /// <summary>The parsed file; the caller copies what it needs out of it and disposes it.</summary>
    public static JsonDocument Load(string fileName)
    {
        var resourceName = "DepResolve.Engine.Catalog.Resources." + fileName;
        using var stream = typeof(EmbeddedJson).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new DepResolveException(ErrorCode.AnalysisFailed, $"The engine assembly has no embedded resource '{resourceName}'; the build is broken.", resourceName);
        return JsonDocument.Parse(stream);
    }

    /// <summary>A JSON object of strings, name to value (a repeated name keeps its last value).</summary>
    public static Dictionary<string, string> StringMap(JsonElement map)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in map.EnumerateObject())
        {
            values[property.Name] = property.Value.GetString()!;
        }

        return values;
    }
}
