namespace DepResolve.Engine.Running;

/// <summary>Which files are C# scripts (compiled and run by <see cref="CSharpScriptExecutor"/>, read by the C# analyzer).</summary>
internal static class CSharpScriptFile
{
    public static IReadOnlyList<string> Extensions { get; } = [".cs", ".csx"];

    public static bool Is(string path)
    {
        var extension = Path.GetExtension(path);
        return Extensions.Any(e => string.Equals(e, extension, StringComparison.OrdinalIgnoreCase));
    }
}
