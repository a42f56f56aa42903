namespace DepResolve.Engine.Analysis;

internal enum AnalysisSeverity
{
    /// <summary>Analysis went on; the result may be incomplete (an empty file, a parse error, a missing #load target).</summary>
    Warning,

    /// <summary>The file could not be analysed at all (missing, binary, too large, not UTF-8).</summary>
    Error,
}
