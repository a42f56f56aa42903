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

    private static string Json(string value) => System.Text.Json.JsonSerializer.Serialize(value);
}
