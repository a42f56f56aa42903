using DepResolve.Engine.Analysis.PowerShell.Facts;

namespace DepResolve.Engine.Analysis.PowerShell;

/// <summary>
/// PowerShell's parser, seen from the engine: script text in, what its AST says out, as plain data. The parser
/// lives with the host (it needs System.Management.Automation, which only pwsh provides); the engine reads the
/// files, walks the graph of scripts and decides what every fact means.
/// </summary>
public interface IScriptParser
{
    /// <summary>
    /// The facts of one piece of script text. <paramref name="path"/> names the file the text came from (null for
    /// script text given directly); a path ending in .psd1 is read as a module manifest. Syntax errors are facts;
    /// a parser that cannot run at all throws AnalysisFailed naming the file.
    /// </summary>
    ScriptFacts Parse(string text, string? path);
}
