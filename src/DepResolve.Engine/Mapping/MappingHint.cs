using DepResolve.Engine.Configuration;
using DepResolve.Engine.Model;

namespace DepResolve.Engine.Mapping;

/// <summary>The depresolve.json entry that maps a name the rules could not (or could not uniquely) map, ready to paste.</summary>
internal static class MappingHint
{
    /// <summary><c>add to depresolve.json: "commandMappings": { "Get-Thing": "ModuleName" }</c></summary>
    public static string ForCommand(string command, string module = "ModuleName") =>
        $"add to {DepResolveConfigLoader.FileName}: \"commandMappings\": {{ {Json(command)}: {Json(module)} }}";

    /// <summary><c>add to depresolve.json: "namespaceMappings": { "Contoso.Client": "PackageId" }</c></summary>
    public static string ForNamespace(string name, string package = "PackageId") =>
        $"add to {DepResolveConfigLoader.FileName}: \"namespaceMappings\": {{ {Json(name)}: {Json(package)} }}";

    /// <summary>The hint for a dependency that is missing at run time, when a mapping can provide it; null otherwise.</summary>
    public static string? For(ScriptDependency dependency) => dependency.Kind switch
    {
        DependencyKind.Command => ForCommand(dependency.Name),
        DependencyKind.Assembly => ForNamespace(dependency.Name),
        _ => null,
    };

    /// <summary>
    /// The name as a JSON string, escaped as JsonSerializer would escape it; JsonEncodedText needs none of the
    /// serializer's set-up, which compiled about 70 methods the first time a fresh process gave a hint.
    /// </summary>
    private static string Json(string value) => "\"" + System.Text.Json.JsonEncodedText.Encode(value).ToString() + "\"";
}
