using System.Text.RegularExpressions;

namespace DepResolve.Engine.Analysis.PowerShell;

/// <summary>
/// The Pester 4 idiom that loads the script under test beside a test file:
/// <c>$here = Split-Path -Parent $MyInvocation.MyCommand.Path</c>,
/// <c>$sut = (Split-Path -Leaf $MyInvocation.MyCommand.Path) -replace '\.Tests\.', '.'</c>, <c>. "$here\$sut"</c>.
/// In X.Tests.ps1 that dot-sources X.ps1 in the same folder: this names that file, or null when the idiom does not apply.
/// </summary>
internal static partial class PesterSutConvention
{
    public static string? TryResolve(string? testFilePath, string dotSourceText, StaticValueEvaluator evaluator)
    {
        if (testFilePath is null || !testFilePath.EndsWith(".Tests.ps1", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var match = HereSut().Match(dotSourceText.Trim());
        if (!match.Success)
        {
            return null;
        }

        if (!IsScriptFolder(evaluator.ConstantAssignment(match.Groups["here"].Value)?.SourceText)
            || !IsTestedScriptName(evaluator.ConstantAssignment(match.Groups["sut"].Value)?.SourceText))
        {
            return null;
        }

        var fileName = Path.GetFileName(testFilePath);
        var tested = fileName[..^".Tests.ps1".Length] + ".ps1";
        return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(testFilePath))!, tested);
    }

    // $here: Split-Path -Parent $MyInvocation.MyCommand.Path (or $PSCommandPath), or $PSScriptRoot.
    private static bool IsScriptFolder(string? text) =>
        text is not null && (text.Contains("$PSScriptRoot", StringComparison.OrdinalIgnoreCase)
            || (text.Contains("Split-Path", StringComparison.OrdinalIgnoreCase) && ScriptPathVariable().IsMatch(text)));

    // $sut: the test file's own name with ".Tests" taken out.
    private static bool IsTestedScriptName(string? text) =>
        text is not null && ScriptPathVariable().IsMatch(text) && text.Contains(".Tests", StringComparison.OrdinalIgnoreCase)
        && text.Contains("replace", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"^(?:""\$(?<here>\w+)[\\/]\$(?<sut>\w+)""|\(?\s*Join-Path\s+\$(?<here>\w+)\s+\$(?<sut>\w+)\s*\)?)$", RegexOptions.IgnoreCase)]
    private static partial Regex HereSut();

    [GeneratedRegex(@"\$MyInvocation\.MyCommand\.(?:Path|Definition)|\$PSCommandPath", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptPathVariable();
}
