using System.Management.Automation.Language;
using DepResolve.Engine.Analysis.PowerShell;
using DepResolve.Engine.Analysis.PowerShell.Facts;
using DepResolve.Engine.Model;

namespace DepResolve.Cmdlets.Analysis;

/// <summary>
/// Reads PowerShell scripts, modules (.psm1) and module manifests (.psd1) with PowerShell's own parser and reports
/// what they need. The AST is reduced to facts here; <see cref="PowerShellDependencyAnalyzer"/> in the engine decides.
/// Safe to call from any thread: parsing needs no runspace.
/// </summary>
public sealed class PowerShellScriptReader
{
    private readonly PowerShellAnalysisOptions _options;

    /// <param name="options">
    /// The session's built-in command list (IsBuiltInCommand), the C# analyzer for Add-Type source (AnalyzeCSharp),
    /// a verbose logger; <see cref="PowerShellAnalysisOptions.Recurse"/> is the default for the Read methods.
    /// </param>
    public PowerShellScriptReader(PowerShellAnalysisOptions? options = null)
    {
        _options = options ?? new PowerShellAnalysisOptions();
    }

    /// <summary>
    /// The dependencies of a script file (.ps1, .psm1, .psd1). With <paramref name="recurse"/>, the scripts it
    /// dot-sources, calls and imports by a static path are read too (each once, cycles reported as warnings).
    /// </summary>
    /// <exception cref="DepResolveException">AnalysisFailed when the file is missing, binary, too large or unreadable.</exception>
    public ScriptAnalysisResult ReadFile(string path, bool? recurse = null)
    {
        var analyzer = new PowerShellDependencyAnalyzer(WithRecurse(recurse));
        return analyzer.AnalyzeFile(path, ReadFacts);
    }

    /// <summary>The dependencies of script text (e.g. -ScriptDefinition); only absolute script paths can be followed.</summary>
    public ScriptAnalysisResult ReadScript(string scriptText, bool? recurse = null)
    {
        var facts = ParseFacts(scriptText ?? "", null);
        return new PowerShellDependencyAnalyzer(WithRecurse(recurse)).AnalyzeFacts(facts, ReadFacts);
    }

    /// <summary>The facts of one file, without deciding anything (for tools and benchmarks).</summary>
    public ScriptFacts ReadFacts(string path)
    {
        var fullPath = Path.GetFullPath(path);
        var text = ScriptTextLoader.Load(fullPath, _options.MaxFileBytes);
        return ParseFacts(text, fullPath);
    }

    /// <summary>The facts of script text; <paramref name="filePath"/> (may be null) names it and anchors $PSScriptRoot.</summary>
    public static ScriptFacts ParseFacts(string text, string? filePath)
    {
        ScriptBlockAst ast;
        Token[] tokens;
        ParseError[] errors;
        try
        {
            ast = Parser.ParseInput(text, filePath, out tokens, out errors);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var target = filePath ?? "<script>";
            throw new DepResolveException(ErrorCode.AnalysisFailed, $"PowerShell could not parse {target}: {ex.Message}", target, ex);
        }

        var isManifest = filePath is not null && filePath.EndsWith(".psd1", StringComparison.OrdinalIgnoreCase);
        return FactsCollector.Collect(ast, tokens ?? Array.Empty<Token>(), errors ?? Array.Empty<ParseError>(), filePath, isManifest);
    }

    private PowerShellAnalysisOptions WithRecurse(bool? recurse) => new()
    {
        Recurse = recurse ?? _options.Recurse,
        IsBuiltInCommand = _options.IsBuiltInCommand,
        FindExecutable = _options.FindExecutable,
        AnalyzeCSharp = _options.AnalyzeCSharp,
        Log = _options.Log,
        MaxFileBytes = _options.MaxFileBytes,
        MaxDepth = _options.MaxDepth,
    };
}
