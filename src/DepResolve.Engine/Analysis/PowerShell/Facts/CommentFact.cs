namespace DepResolve.Engine.Analysis.PowerShell.Facts;

/// <summary>A comment token (line comment or block comment) with where it starts.</summary>
public sealed class CommentFact
{
    public string Text { get; init; } = "";

    public int Line { get; init; }

    public int Column { get; init; }
}
