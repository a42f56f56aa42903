using System.Management.Automation.Language;
using DepResolve.Engine.Analysis.PowerShell;
using DepResolve.Engine.Analysis.PowerShell.Facts;
using DepResolve.Engine.Model;

namespace DepResolve.PowerShellReader;

/// <summary>
/// PowerShell's own parser behind the engine's <see cref="IScriptParser"/>: the AST is reduced to facts here, in one
/// call per file; reading files, following references and every decision happen in the engine.
/// Safe to call from any thread: parsing needs no runspace.
/// </summary>
internal sealed class PowerShellScriptParser : IScriptParser
{
    public static PowerShellScriptParser Instance { get; } = new();

    public ScriptFacts Parse(string text, string? path)
    {
        ScriptBlockAst ast;
        Token[] tokens;
        ParseError[] errors;
        try
        {
            ast = Parser.ParseInput(text, path, out tokens, out errors);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var target = path ?? "<script>";
            throw new DepResolveException(ErrorCode.AnalysisFailed, $"PowerShell could not parse {target}: {ex.Message}", target, ex);
        }

        var isManifest = path is not null && path.EndsWith(".psd1", StringComparison.OrdinalIgnoreCase);
        return FactsCollector.Collect(ast, tokens ?? Array.Empty<Token>(), errors ?? Array.Empty<ParseError>(), path, isManifest);
    }
}
