namespace DepResolve.Engine.Analysis.PowerShell.Facts;

/// <summary>
/// Everything PowerShell's parser (<see cref="IScriptParser"/>) found in one file (or one piece of script text), as plain data.
/// The engine decides what is a dependency; the parser only reports what is written.
/// </summary>
public sealed class ScriptFacts
{
    /// <summary>The file the facts come from, or null for script text given directly.</summary>
    public string? FilePath { get; init; }

    public RequiresFacts? Requires { get; set; }

    public List<UsingFact> Usings { get; } = new();

    public List<CommandFact> Commands { get; } = new();

    public List<TypeReferenceFact> TypeReferences { get; } = new();

    public List<StaticMethodCallFact> StaticMethodCalls { get; } = new();

    public List<AssignmentFact> Assignments { get; } = new();

    public List<CommentFact> Comments { get; } = new();

    public List<ParseErrorFact> ParseErrors { get; } = new();

    /// <summary>Functions, filters and workflows the file defines (names without scope prefix).</summary>
    public HashSet<string> DefinedFunctions { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Classes and enums the file defines.</summary>
    public HashSet<string> DefinedTypes { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>For a module manifest (.psd1): its top-level hashtable.</summary>
    public StaticValue? Manifest { get; set; }
}
