using System.Text.Json;
using DepResolve.Engine.Storage;

namespace DepResolve.Engine.Mapping;

/// <summary>
/// The command index's file (commands.json), read (<see cref="RecordJson"/>) and written (<see cref="JsonTextBuilder"/>)
/// by hand in the format
/// Newtonsoft.Json wrote it: a "Format" number and a "Modules" array of objects with "Module", "Version" and
/// "Commands". Unknown members are ignored.
/// </summary>
internal static class CommandIndexFile
{
    /// <summary>The file's format number and modules, or null when the file is missing or not such a JSON object.</summary>
    public static (int Format, List<ModuleExports> Modules)? TryRead(string path)
    {
        try
        {
            using var document = RecordJson.TryReadObject(path);
            return document is null ? null : Read(document.RootElement);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    public static string Write(int format, IEnumerable<ModuleExports> modules)
    {
        var json = JsonTextBuilder.Indented(Environment.NewLine)
            .StartObject()
            .Name("Format").Integer(format)
            .Name("Modules").StartArray();
        foreach (var module in modules)
        {
            json.StartObject().Name("Module").String(module.Module).Name("Version").String(module.Version).Name("Commands").StartArray();
            foreach (var command in module.Commands)
            {
                json.String(command);
            }

            json.EndArray().EndObject();
        }

        return json.EndArray().EndObject().ToString();
    }

    private static (int Format, List<ModuleExports> Modules) Read(JsonElement root)
    {
        var format = 0;
        var modules = new List<ModuleExports>();
        foreach (var member in root.EnumerateObject())
        {
            if (RecordJson.Is(member, "Format") && member.Value.ValueKind == JsonValueKind.Number)
            {
                format = member.Value.GetInt32();
            }
            else if (RecordJson.Is(member, "Modules") && member.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var module in member.Value.EnumerateArray())
                {
                    if (module.ValueKind == JsonValueKind.Object)
                    {
                        modules.Add(ReadModule(module));
                    }
                }
            }
        }

        return (format, modules);
    }

    private static ModuleExports ReadModule(JsonElement module)
    {
        string? name = null, version = null;
        List<string> commands = [];
        foreach (var member in module.EnumerateObject())
        {
            if (RecordJson.Is(member, "Module"))
            {
                name = RecordJson.StringOf(member.Value);
            }
            else if (RecordJson.Is(member, "Version"))
            {
                version = RecordJson.StringOf(member.Value);
            }
            else if (RecordJson.Is(member, "Commands"))
            {
                commands = RecordJson.StringsOf(member.Value);
            }
        }

        return new ModuleExports(name!, version!, commands);
    }
}
