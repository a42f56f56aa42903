namespace DepResolve.Engine.Analysis.CSharp;

internal sealed record CSharpAnalyzerOptions
{
    /// <summary>Source files larger than this are refused with an AnalysisFailed error (generated or data files, not scripts).</summary>
    public long MaxFileBytes { get; init; } = 8L * 1024 * 1024;

    /// <summary>Follow <c>#load</c> directives in .csx files (recursively, each file once).</summary>
    public bool FollowLoadDirectives { get; init; } = true;

    /// <summary>
    /// Extra first segments that count as namespaces even in a one-segment qualified name, e.g. the roots of the
    /// user's NamespaceMappings ("Contoso" for Contoso.Sdk).
    /// </summary>
    public IReadOnlyCollection<string> ExtraNamespaceRoots { get; init; } = Array.Empty<string>();
}
