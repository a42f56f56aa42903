using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DepResolve.Engine.Mapping;

/// <summary>
/// The command index's file (commands.json) read with a <see cref="JsonDocument"/> and written with a
/// <see cref="Utf8JsonWriter"/>, in the format Newtonsoft.Json wrote it: a "Format" number and a "Modules" array of
/// objects with "Module", "Version" and "Commands", two-space indentation. Both are non-generic framework code that
/// ships compiled ahead of time, so reading the index in a fresh process compiles next to nothing and sets up no
/// serializer. Member names are read in any letter case and unknown members are ignored, as Newtonsoft read them.
/// </summary>
internal static class CommandIndexFile
{
    private static readonly JsonDocumentOptions ReadOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The file's format number and modules, or null when the file is missing or not such a JSON object.</summary>
    public static (int Format, List<ModuleExports> Modules)? TryRead(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            ReadOnlyMemory<byte> utf8 = File.ReadAllBytes(path);
            if (utf8.Span.StartsWith(Encoding.UTF8.Preamble))
            {
                utf8 = utf8[Encoding.UTF8.Preamble.Length..];
            }

            using var document = JsonDocument.Parse(utf8, ReadOptions);
            return document.RootElement.ValueKind == JsonValueKind.Object ? Read(document.RootElement) : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or IOException)
        {
            return null;
        }
    }

    public static string Write(int format, IEnumerable<ModuleExports> modules)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("Format", format);
            writer.WriteStartArray("Modules");
            foreach (var module in modules)
            {
                writer.WriteStartObject();
                writer.WriteString("Module", module.Module);
                writer.WriteString("Version", module.Version);
                writer.WriteStartArray("Commands");
                foreach (var command in module.Commands)
                {
                    writer.WriteStringValue(command);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static (int Format, List<ModuleExports> Modules) Read(JsonElement root)
    {
        var format = 0;
        var modules = new List<ModuleExports>();
        foreach (var member in root.EnumerateObject())
        {
            if (Is(member, "Format") && member.Value.ValueKind == JsonValueKind.Number)
            {
                format = member.Value.GetInt32();
            }
            else if (Is(member, "Modules") && member.Value.ValueKind == JsonValueKind.Array)
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
        var commands = new List<string>();
        foreach (var member in module.EnumerateObject())
        {
            if (Is(member, "Module") && member.Value.ValueKind == JsonValueKind.String)
            {
                name = member.Value.GetString();
            }
            else if (Is(member, "Version") && member.Value.ValueKind == JsonValueKind.String)
            {
                version = member.Value.GetString();
            }
            else if (Is(member, "Commands") && member.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var command in member.Value.EnumerateArray())
                {
                    if (command.ValueKind == JsonValueKind.String)
                    {
                        commands.Add(command.GetString()!);
                    }
                }
            }
        }

        return new ModuleExports(name!, version!, commands);
    }

    private static bool Is(JsonProperty member, string name) => string.Equals(member.Name, name, StringComparison.OrdinalIgnoreCase);
}
