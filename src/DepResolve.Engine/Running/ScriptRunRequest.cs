using DepResolve.Engine.Model;

namespace DepResolve.Engine.Running;

/// <summary>One script (or test file) to run, and how.</summary>
internal sealed record ScriptRunRequest
{
    /// <summary>A .ps1, or a .cs/.csx C# script.</summary>
    public required string Path { get; init; }

    public ScriptRunMode Mode { get; init; } = ScriptRunMode.Script;

    /// <summary>Splatted onto the script or entry point; for C# scripts passed as "--name value" arguments.</summary>
    public IReadOnlyDictionary<string, object?> Parameters { get; init; } = new Dictionary<string, object?>();

    /// <summary>EntryPoint mode: the function to call after dot-sourcing the script.</summary>
    public string? EntryPoint { get; init; }

    /// <summary>Pester mode: the test file or folder; null means the script's sibling &lt;name&gt;.Tests.ps1.</summary>
    public string? TestPath { get; init; }

    /// <summary>Pester mode: NUnitXml or JUnitXml, written to <see cref="OutputPath"/>.</summary>
    public string? OutputFormat { get; init; }

    public string? OutputPath { get; init; }

    /// <summary>Resolved and installed before the first run when <see cref="Environment"/> is null.</summary>
    public IReadOnlyList<ScriptDependency> InitialDependencies { get; init; } = Array.Empty<ScriptDependency>();

    /// <summary>An environment already resolved (e.g. piped from Resolve-ScriptDependency); skips the first resolution.</summary>
    public RunEnvironment? Environment { get; init; }

    /// <summary>How many times a run that revealed missing dependencies is repeated after installing them.</summary>
    public int MaxRetry { get; init; } = 1;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>Also let the child see the user's and machine's module folders.</summary>
    public bool InheritModulePath { get; init; }

    /// <summary>
    /// Asked once the first environment is ready, before the first run: false leaves the script unrun (a host's
    /// -WhatIf or a declined -Confirm). Null runs without asking.
    /// </summary>
    public Func<bool>? ApproveRun { get; init; }
    /// <summary>The Pester tests of a script: the script itself when it is a *.Tests.ps1 file, else its sibling test file (or null).</summary>
    public static string? FindTests(string scriptPath) =>
        IsTestFile(scriptPath) ? System.IO.Path.GetFullPath(scriptPath) : FindSiblingTests(scriptPath);

    /// <summary>Pester's naming convention for test files: *.Tests.ps1.</summary>
    public static bool IsTestFile(string path) => path.EndsWith(".Tests.ps1", StringComparison.OrdinalIgnoreCase);

    /// <summary>The sibling test file PowerShell convention expects: x.ps1 → x.Tests.ps1 in the same folder, if it exists.</summary>
    public static string? FindSiblingTests(string scriptPath)
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(scriptPath)) ?? ".";
        var candidate = System.IO.Path.Combine(folder, System.IO.Path.GetFileNameWithoutExtension(scriptPath) + ".Tests.ps1");
        return File.Exists(candidate) ? candidate : null;
    }
}
