using DepResolve.Engine.Running;
using DepResolve.Engine.Tests.Fixtures;

namespace DepResolve.Engine.Tests.Running;

/// <summary>
/// A temp workspace for runner tests: scripts, module folders and an options object that starts the real
/// pwsh (<see cref="RealPowerShell"/>) as the child.
/// </summary>
internal sealed class RunnerFixture : IDisposable
{
    private readonly TempFolder _temp = new("depresolve-runner");

    public RunnerFixture()
    {
        Options = new ScriptRunnerOptions
        {
            PowerShellPath = RealPowerShell.Path,
            WorkDirectory = Combine("work dir with 'quotes' and spaces"),
            CompilationCacheDirectory = Combine("csharp-cache"),
        };
    }

    public ScriptRunnerOptions Options { get; set; }

    public string Root => _temp.Path;

    public string Combine(params string[] parts) => _temp.Combine(parts);

    public string WriteScript(string name, params string[] lines)
    {
        var path = Combine("scripts", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    /// <summary>Writes &lt;root&gt;/&lt;Name&gt;/&lt;Version&gt;/&lt;Name&gt;.psd1 and .psm1 as an installer would.</summary>
    public static void WriteModule(string root, string name, string version, IReadOnlyList<string> functions, bool broken = false)
    {
        var folder = Path.Combine(root, name, version);
        Directory.CreateDirectory(folder);
        var exports = string.Join(", ", functions.Select(f => $"'{f}'"));
        File.WriteAllText(Path.Combine(folder, name + ".psd1"),
            $"@{{\n    RootModule = '{name}.psm1'\n    ModuleVersion = '{version}'\n    FunctionsToExport = @({exports})\n}}\n");
        var body = string.Join("\n", functions.Select(f => $"function {f} {{ '{f} from {name} {version}' }}"));
        File.WriteAllText(Path.Combine(folder, name + ".psm1"), (broken ? "throw 'this module cannot load'\n" : "") + body + "\n");
    }

    public void Dispose() => _temp.Dispose();
}
