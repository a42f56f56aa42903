using Newtonsoft.Json.Linq;

namespace DepResolve.StandInPwsh;

/// <summary>The runner's request document, as the bootstrap reads it.</summary>
internal sealed class Request
{
    public string ScriptPath { get; private init; } = "";

    public string Mode { get; private init; } = "Script";

    public Dictionary<string, string> Parameters { get; private init; } = new(StringComparer.OrdinalIgnoreCase);

    public string? EntryPoint { get; private init; }

    public string? TestPath { get; private init; }

    public string? OutputFormat { get; private init; }

    public string? OutputPath { get; private init; }

    public List<string> Assemblies { get; private init; } = new();

    public string ModulePath { get; private init; } = "";

    public string ResultPath { get; private init; } = "";

    public static Request Load(string path)
    {
        var json = JObject.Parse(File.ReadAllText(path));
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (json["Parameters"] is JObject values)
        {
            foreach (var property in values.Properties())
            {
                parameters[property.Name] = property.Value.Type == JTokenType.String ? property.Value.Value<string>()! : property.Value.ToString(Newtonsoft.Json.Formatting.None);
            }
        }

        return new Request
        {
            ScriptPath = (string?)json["ScriptPath"] ?? "",
            Mode = (string?)json["Mode"] ?? "Script",
            Parameters = parameters,
            EntryPoint = (string?)json["EntryPoint"],
            TestPath = (string?)json["TestPath"],
            OutputFormat = (string?)json["OutputFormat"],
            OutputPath = (string?)json["OutputPath"],
            Assemblies = json["Assemblies"]?.Values<string>().Where(a => a is not null).Select(a => a!).ToList() ?? new List<string>(),
            ModulePath = (string?)json["ModulePath"] ?? "",
            ResultPath = (string?)json["ResultPath"] ?? throw new InvalidDataException($"{path} has no ResultPath."),
        };
    }
}
