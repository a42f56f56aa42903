namespace DepResolve.Engine.Analysis;

/// <summary>
/// Where a piece of source text starts in the file that contains it (1-based): a whole file starts at 1:1, an
/// Add-Type here-string starts wherever the script has it. Positions found in the text are reported relative to it.
/// </summary>
internal readonly record struct SourceOrigin(string Path, int Line, int Column)
{
    public static SourceOrigin StartOf(string path) => new(path, 1, 1);

    /// <summary>Maps a 0-based position inside the text to a 1-based position in the containing file.</summary>
    public (int Line, int Column) Map(int zeroBasedLine, int zeroBasedColumn) =>
        zeroBasedLine == 0 ? (Line, Column + zeroBasedColumn) : (Line + zeroBasedLine, zeroBasedColumn + 1);
}
