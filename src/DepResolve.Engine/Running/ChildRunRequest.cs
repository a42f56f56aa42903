namespace DepResolve.Engine.Running;

/// <summary>
/// The request document the engine writes for the child bootstrap (JSON, PascalCase names). The bootstrap reads
/// exactly these fields; adding one is compatible, renaming one is not.
/// </summary>
internal sealed class ChildRunRequest
{
    public int ProtocolVersion { get; set; } = ChildProtocol.Version;

    public string ScriptPath { get; set; } = "";

    /// <summary>Script, EntryPoint or Pester.</summary>
    public string Mode { get; set; } = nameof(ScriptRunMode.Script);

    /// <summary>Splatted onto the script or the entry point.</summary>
    public IReadOnlyDictionary<string, object?> Parameters { get; set; } = new Dictionary<string, object?>();

    public string? EntryPoint { get; set; }

    public string? TestPath { get; set; }

    /// <summary>NUnitXml or JUnitXml; null writes no test report.</summary>
    public string? OutputFormat { get; set; }

    public string? OutputPath { get; set; }

    /// <summary>Loaded with Add-Type -LiteralPath before the script runs.</summary>
    public IReadOnlyList<string> Assemblies { get; set; } = Array.Empty<string>();

    /// <summary>The exact PSModulePath (without $PSHOME's Modules, which the bootstrap appends).</summary>
    public string ModulePath { get; set; } = "";

    /// <summary>Where the child writes its one result document.</summary>
    public string ResultPath { get; set; } = "";

    /// <summary>
    /// The process that started the child (0: none to watch). The child's watchdog ends the child when this
    /// process is gone (a pid now used by a process with another start time counts as gone).
    /// </summary>
    public int OwnerProcessId { get; set; }

    /// <summary>The owner's start time, UTC ticks, as <see cref="System.Diagnostics.Process.StartTime"/> reports it.</summary>
    public long OwnerStartTicks { get; set; }

    /// <summary>UTC ticks after which the child ends itself even when its owner cannot (a backstop behind the owner's timeout).</summary>
    public long DeadlineTicks { get; set; }
}
