using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace DepResolve.StandInPwsh;

/// <summary>The result document, with the fields and shape the bootstrap's ConvertTo-Json produces.</summary>
internal sealed class RunResult
{
    public bool Completed { get; set; } = true;

    public int ExitCode { get; set; }

    public bool? HasEntryPoint { get; set; }

    public JObject? Pester { get; set; }

    public List<ErrorEntry> Errors { get; } = new();

    public void Write(string resultPath)
    {
        var document = new JObject
        {
            ["ProtocolVersion"] = 1,
            ["Completed"] = Completed,
            ["ExitCode"] = ExitCode,
            ["HasEntryPoint"] = HasEntryPoint is null ? JValue.CreateNull() : new JValue(HasEntryPoint.Value),
            ["Pester"] = Pester ?? (JToken)JValue.CreateNull(),
            ["Errors"] = new JArray(Errors.Select(e => JObject.FromObject(e))),
        };
        var temporary = resultPath + ".tmp";
        File.WriteAllText(temporary, document.ToString(Formatting.Indented));
        File.Move(temporary, resultPath, overwrite: true);
    }
}

/// <summary>One flattened ErrorRecord, as ConvertTo-DepResolveErrorEntry writes it.</summary>
internal sealed class ErrorEntry
{
    public string? Message { get; set; }

    public string? FullyQualifiedErrorId { get; set; }

    public string? ExceptionType { get; set; }

    public string? PositionMessage { get; set; }

    public string? ScriptStackTrace { get; set; }

    public string? TargetObject { get; set; }

    public string? CategoryTargetName { get; set; }

    public string? Category { get; set; }

    public bool IsTerminating { get; set; }

    public List<string> MissingItems { get; set; } = new();
}
