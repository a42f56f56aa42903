using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace DepResolve.StandInPwsh;

/// <summary>Reads the engine's request document and writes its result document, as the bootstrap does.</summary>
internal static class ProtocolDocuments
{
    public static ChildRunRequest ReadRequest(string path)
    {
        var request = JsonConvert.DeserializeObject<ChildRunRequest>(File.ReadAllText(path))
            ?? throw new InvalidDataException($"{path} is not a request document.");
        return string.IsNullOrEmpty(request.ResultPath) ? throw new InvalidDataException($"{path} has no ResultPath.") : request;
    }

    /// <summary>The parameters as the script sees them once splatted: by name, case-insensitively, as text.</summary>
    public static Dictionary<string, string> ParameterTexts(ChildRunRequest request) =>
        request.Parameters.ToDictionary(
            p => p.Key,
            p => p.Value as string ?? (p.Value is null ? JValue.CreateNull() : JToken.FromObject(p.Value)).ToString(Formatting.None),
            StringComparer.OrdinalIgnoreCase);

    /// <summary>Written to a temporary file, then moved over the result path, as the bootstrap's File.Move does.</summary>
    public static void WriteResult(ChildRunResult result, string resultPath)
    {
        var temporary = resultPath + ".tmp";
        File.WriteAllText(temporary, JsonConvert.SerializeObject(result, Formatting.Indented));
        File.Move(temporary, resultPath, overwrite: true);
    }

}
