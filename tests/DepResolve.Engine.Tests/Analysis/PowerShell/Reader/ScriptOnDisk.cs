using DepResolve.Engine.Analysis;
using DepResolve.Engine.Analysis.CSharp;
using DepResolve.Engine.Analysis.PowerShell;
using DepResolve.Engine.Model;
using DepResolve.Engine.Tests.Fixtures;
using DepResolve.PowerShellReader;

namespace DepResolve.Engine.Tests.Analysis.PowerShell.Reader;

/// <summary>
/// Scripts written to a temp folder, parsed by <see cref="PowerShellScriptParser"/> with PowerShell 7.6.10's own
/// parser (the System.Management.Automation package the test project references), then read and decided by the engine, as
/// Get-ScriptDependency does. Add-Type source goes to the real C# analyzer, as in a session.
/// </summary>
internal sealed class ScriptOnDisk : IDisposable
{
    private readonly TempFolder _folder = new("depresolve-reader");

    public string Combine(params string[] parts) => _folder.Combine(parts);

    /// <summary>Writes <paramref name="name"/> (lines joined with '\n') and returns its full path.</summary>
    public string Write(string name, params string[] lines)
    {
        var path = Combine(name.Split('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    public static PowerShellAnalysisOptions Options(bool recurse = false, Func<string, string?>? findExecutable = null) => new()
    {
        Recurse = recurse,
        FindExecutable = findExecutable ?? (_ => null),
        AnalyzeCSharp = (source, origin) => new CSharpDependencyAnalyzer().AnalyzeTypeDefinition(source, OriginOf(origin)).Dependencies,
    };

    /// <summary>Writes the script as script.ps1 and reads it.</summary>
    public ScriptAnalysisResult Read(params string[] lines) => ReadFile(Write("script.ps1", lines));

    public static ScriptAnalysisResult ReadFile(string path, bool recurse = false, Func<string, string?>? findExecutable = null) =>
        new PowerShellDependencyAnalyzer(Options(recurse, findExecutable), PowerShellScriptParser.Instance).AnalyzeFile(path);

    public static ScriptDependency Single(ScriptAnalysisResult result, string name) =>
        Assert.Single(result.Dependencies, d => d.Name == name);

    /// <summary>The dependencies that need installing, as "Name Kind Evidence line:column" in the reader's order.</summary>
    public static IReadOnlyList<string> Needed(ScriptAnalysisResult result) =>
        result.Dependencies.Where(d => !d.IsBuiltIn).Select(d => $"{d.Name} {d.Kind} {d.Evidence} {d.Line}:{d.Column}").ToList();

    public void Dispose() => _folder.Dispose();

    private static SourceOrigin OriginOf(string origin)
    {
        var parts = origin.Split(':');
        return new SourceOrigin(string.Join(':', parts[..^2]), int.Parse(parts[^2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[^1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
