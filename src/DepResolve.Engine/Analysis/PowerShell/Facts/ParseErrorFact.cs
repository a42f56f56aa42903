namespace DepResolve.Engine.Analysis.PowerShell.Facts;

/// <summary>A parse error the parser reported.</summary>
public sealed class ParseErrorFact
{
    public string Message { get; init; } = "";

    public int Line { get; init; }

    public int Column { get; init; }
}
