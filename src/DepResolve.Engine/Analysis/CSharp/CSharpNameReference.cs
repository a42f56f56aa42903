namespace DepResolve.Engine.Analysis.CSharp;

/// <summary>A namespace (or namespace-or-type) name seen in C# source, with its 0-based position in that source.</summary>
internal sealed record CSharpNameReference(string Name, CSharpNameSource Source, int Line, int Column);

internal enum CSharpNameSource
{
    /// <summary>A using directive (plain, global, static or alias target).</summary>
    UsingDirective,

    /// <summary>The namespace part of a fully qualified type name, e.g. System.Data.SqlClient in System.Data.SqlClient.SqlConnection.</summary>
    QualifiedName,
}
