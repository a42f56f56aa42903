using System.Text.RegularExpressions;
using DepResolve.Engine.Analysis.PowerShell.Facts;

namespace DepResolve.Engine.Analysis.PowerShell;

/// <summary>Whether a fact is optional and under which condition, from the blocks that enclose it.</summary>
internal readonly record struct GuardOutcome(bool IsOptional, string? Condition);

/// <summary>
/// Reads the enclosing blocks of a fact: a try body makes an import optional (a failed import is caught; a command
/// called inside try is still needed for the body to work); an if/else whose condition checks that a
/// module or command is available (<c>Get-Module -ListAvailable</c>, <c>Get-Command … -ErrorAction SilentlyContinue</c>)
/// makes it optional and is recorded as its condition; a platform condition (<c>$IsWindows</c>, <c>$PSEdition</c>, …)
/// is recorded as its condition and leaves it required.
/// </summary>
internal static partial class ConditionClassifier
{
    public static GuardOutcome Classify(IReadOnlyList<GuardFact> guards, bool isImport)
    {
        var optional = false;
        var conditions = new List<string>();
        foreach (var guard in guards)
        {
            if (guard.Kind == GuardKind.TryBody)
            {
                optional |= isImport;
                continue;
            }

            var availability = guard.ConditionCommands.Any(IsAvailabilityCheck);
            var platform = IsPlatformCondition(guard.ConditionText);
            if (!availability && !platform)
            {
                continue;
            }

            optional |= availability;
            var text = Collapse(guard.ConditionText);
            conditions.Add(guard.Kind == GuardKind.IfBranch ? text : $"-not ({text})");
        }

        return new GuardOutcome(optional, conditions.Count == 0 ? null : string.Join(" -and ", conditions));
    }

    /// <summary><c>Get-Module -ListAvailable</c>, <c>Get-InstalledModule</c>/<c>Get-InstalledPSResource</c>, or <c>Get-Command</c> told to stay silent.</summary>
    public static bool IsAvailabilityCheck(CommandFact command)
    {
        switch (command.Name?.ToLowerInvariant())
        {
            case "get-module" or "gmo":
                return CommandArgumentBinder.Bind(command.Elements, CommandSignature.GetModule, "Name").Has("ListAvailable");
            case "get-installedmodule" or "get-installedpsresource" or "get-psresource":
                return true;
            case "get-command" or "gcm":
                var bound = CommandArgumentBinder.Bind(command.Elements, CommandSignature.GetCommand, "Name");
                return IsSilentErrorAction(bound["ErrorAction"]);
            default:
                return false;
        }
    }

    /// <summary>-ErrorAction SilentlyContinue, Ignore or 0: a failure is tolerated.</summary>
    public static bool IsSilentErrorAction(StaticValue? value) =>
        value is { Kind: StaticValueKind.Text } && (
            string.Equals(value.Text, "SilentlyContinue", StringComparison.OrdinalIgnoreCase)
            || string.Equals(value.Text, "Ignore", StringComparison.OrdinalIgnoreCase)
            || value.Text == "0");

    public static bool IsPlatformCondition(string conditionText) => PlatformPattern().IsMatch(conditionText);

    private static string Collapse(string text) => Whitespace().Replace(text.Trim(), " ");

    [GeneratedRegex(@"\$(?:Is(?:Windows|Linux|MacOS|CoreCLR)\b|PSEdition\b|PSVersionTable\.(?:PSEdition|PSVersion|Platform|OS)\b|env:OS\b)|IsOSPlatform|\[(?:System\.)?Environment\]::OSVersion|OSPlatform\]::", RegexOptions.IgnoreCase)]
    private static partial Regex PlatformPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
