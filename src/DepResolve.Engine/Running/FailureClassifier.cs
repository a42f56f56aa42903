using System.Globalization;
using System.Text.RegularExpressions;
using DepResolve.Engine.Model;
using NuGet.Versioning;

namespace DepResolve.Engine.Running;

/// <summary>
/// Turns the errors of a failed run into the dependencies they reveal. Only errors that say something is ABSENT
/// count; a module that is present but broken (CouldNotAutoloadMatchingModule) or an ordinary script error never
/// becomes a dependency, so it is never retried.
/// </summary>
/// <remarks>
/// The ids and message texts are PowerShell 7's own (resources DiscoveryExceptions, Modules, ParserStrings and
/// AddTypeStrings; the Roslyn diagnostics CS0246 and CS0234). Ids are matched exactly; message texts are only
/// parsed to pull out the missing name, and each pattern accepts the older wording still in use (7.0–7.3).
/// </remarks>
internal static class FailureClassifier
{
    // DiscoveryExceptions.CommandNotFoundException, ErrorRecord id "CommandNotFoundException", TargetObject = the name.
    // 7.4+: "The term '{0}' is not recognized as a name of a cmdlet, function, script file, or executable program."
    // 7.0–7.3: "... as the name of a cmdlet, function, script file, or operable program."
    internal const string CommandNotFoundId = "CommandNotFoundException";

    // DiscoveryExceptions.CouldNotAutoImportMatchingModule, thrown as a CommandNotFoundException with this id.
    internal const string CouldNotAutoloadId = "CouldNotAutoloadMatchingModule";

    // ScriptRequiresException with DiscoveryExceptions.RequiresMissingModules:
    // "The script '{0}' cannot be run because the following modules that are specified by the "#requires"
    // statements of the script are missing: {1}." — {1} is "Name" up to 7.3, and from 7.4 one of Modules'
    // RequiredModuleNotFound* texts, e.g. "The module 'X' cannot be found with ModuleVersion '1.0'."
    internal const string RequiresMissingModulesId = "ScriptRequiresMissingModules";

    // Modules.ModuleNotFound: "The specified module '{0}' was not loaded because no valid module file was found in
    // any module directory." (Modules.ModuleWithVersionNotFound adds " with version '{1}'"), id
    // "Modules_ModuleNotFound,Microsoft.PowerShell.Commands.ImportModuleCommand".
    internal const string ModuleNotFoundId = "Modules_ModuleNotFound";

    // ParserStrings.ModuleNotFoundDuringParse: "Could not find the module '{0}'." — a ParseError id.
    internal const string ModuleNotFoundDuringParseId = "ModuleNotFoundDuringParse";

    // ParserStrings.TypeNotFound: "Unable to find type [{0}]." (id "TypeNotFound"), and New-Object's
    // "Cannot find type [{0}]: verify that the assembly containing this type is loaded."
    // (id "TypeNotFound,Microsoft.PowerShell.Commands.NewObjectCommand").
    internal const string TypeNotFoundId = "TypeNotFound";

    // Add-Type writes one "SOURCE_CODE_ERROR,Microsoft.PowerShell.Commands.AddTypeCommand" per Roslyn diagnostic
    // (message: the diagnostic, then the source line, then a caret line) and ends with "COMPILER_ERRORS"
    // (AddTypeStrings.CompilerErrors: "Cannot add type. Compilation errors occurred.").
    internal const string AddTypeSourceErrorId = "SOURCE_CODE_ERROR";

    // Roslyn: CS0246 "The type or namespace name '{0}' could not be found (are you missing a using directive or an
    // assembly reference?)"; CS0234 "The type or namespace name '{0}' does not exist in the namespace '{1}' (are you
    // missing an assembly reference?)".
    internal const string MissingTypeOrNamespace = "CS0246";
    internal const string MissingNameInNamespace = "CS0234";

    private static readonly Regex CommandNotFoundMessage = new(
        @"^The term '(?<name>.+?)' is not recognized as (?:a|the) name of a cmdlet",
        RegexOptions.CultureInvariant | RegexOptions.Singleline);

    private static readonly Regex RequiresMissingList = new(
        @"statements of the script are missing: (?<list>.*)\.\s*$",
        RegexOptions.CultureInvariant | RegexOptions.Singleline);

    private static readonly Regex RequiredModuleNotFoundItem = new(
        @"The module '(?<name>[^']+)' cannot be found(?<versions>(?: (?:with|and) \w+ '[^']+')*)",
        RegexOptions.CultureInvariant);

    private static readonly Regex FirstQuotedName = new(@"'(?<name>[^'\s]+)'", RegexOptions.CultureInvariant);

    private static readonly Regex VersionClause = new(
        @"(?<kind>RequiredVersion|ModuleVersion|MinimumVersion|MaximumVersion) '(?<version>[^']+)'",
        RegexOptions.CultureInvariant);

    private static readonly Regex SpecifiedModule = new(
        @"The specified module '(?<name>[^']+)'(?: with version '(?<version>[^']+)')?",
        RegexOptions.CultureInvariant);

    private static readonly Regex CouldNotFindModule = new(
        @"Could not find the module '(?<name>.+)'\.",
        RegexOptions.CultureInvariant | RegexOptions.Singleline);

    private static readonly Regex HashtableModuleName = new(
        @"ModuleName\s*=\s*['""](?<name>[^'""]+)['""]",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    private static readonly Regex HashtableVersion = new(
        @"(?<kind>RequiredVersion|ModuleVersion|MaximumVersion)\s*=\s*['""](?<version>[^'""]+)['""]",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    private static readonly Regex TypeNotFoundMessage = new(
        @"(?:Unable to find type|Cannot find type) \[(?<name>.+?)\](?:\.|:)",
        RegexOptions.CultureInvariant | RegexOptions.Singleline);

    private static readonly Regex RoslynMissingName = new(
        @"(?<code>CS0246|CS0234): The type or namespace name '(?<name>[^']+)' (?:could not be found|does not exist in the namespace '(?<namespace>[^']+)')",
        RegexOptions.CultureInvariant);

    private static readonly Regex RoslynMissingNameBare = new(
        @"^The type or namespace name '(?<name>[^']+)' (?:could not be found|does not exist in the namespace '(?<namespace>[^']+)')",
        RegexOptions.CultureInvariant);

    private static readonly Regex UsingDirective = new(
        @"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?(?<namespace>[A-Za-z_][\w.]*)\s*;",
        RegexOptions.CultureInvariant | RegexOptions.Multiline);

    private static readonly Regex PowerShellPosition = new(@":(?<line>\d+)(?: char:(?<column>\d+))?", RegexOptions.CultureInvariant);

    private static readonly Regex CSharpPosition = new(@"\((?<line>\d+),(?<column>\d+)\)", RegexOptions.CultureInvariant);

    /// <summary>
    /// The dependencies the errors reveal, in the order first seen, one per kind and name. Sets
    /// <see cref="ScriptError.TargetName"/> on each error that names a missing thing.
    /// </summary>
    public static IReadOnlyList<ScriptDependency> Classify(IEnumerable<ScriptError> errors, string? scriptPath = null)
    {
        var found = new List<ScriptDependency>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var error in errors)
        {
            foreach (var dependency in ClassifyOne(error, scriptPath))
            {
                if (seen.Add(dependency.Kind + "|" + dependency.Name))
                {
                    found.Add(dependency);
                }
            }
        }

        return found;
    }

    /// <summary>The dependencies one error reveals (none for ordinary errors).</summary>
    public static IReadOnlyList<ScriptDependency> ClassifyOne(ScriptError error, string? scriptPath = null)
    {
        var fullId = error.FullyQualifiedErrorId ?? "";
        var comma = fullId.IndexOf(',', StringComparison.Ordinal);
        var id = comma < 0 ? fullId : fullId[..comma];
        var message = error.Message ?? "";

        var found = id switch
        {
            CouldNotAutoloadId => Array.Empty<ScriptDependency>(),
            CommandNotFoundId when comma < 0 => One(CommandNotFound(error, message)),
            RequiresMissingModulesId => RequiresMissingModules(error, message),
            ModuleNotFoundId => One(ModuleNotFound(error, message)),
            ModuleNotFoundDuringParseId => One(ModuleNotFoundDuringParse(message)),
            TypeNotFoundId => One(TypeNotFound(error, message)),
            AddTypeSourceErrorId => One(MissingCSharpName(error, message, DependencyEvidence.AddType)),
            MissingTypeOrNamespace or MissingNameInNamespace => One(MissingCSharpName(error, message, DependencyEvidence.CSharpUsing)),
            _ => Array.Empty<ScriptDependency>(),
        };

        if (found.Count > 0)
        {
            error.TargetName = string.Join(", ", found.Select(d => d.Name));
            var (line, column) = Position(error.ScriptPosition);
            foreach (var dependency in found)
            {
                dependency.Path = scriptPath;
                dependency.Line = line;
                dependency.Column = column;
            }
        }

        return found;
    }

    private static IReadOnlyList<ScriptDependency> One(ScriptDependency? dependency) =>
        dependency is null ? Array.Empty<ScriptDependency>() : new[] { dependency };

    private static ScriptDependency? CommandNotFound(ScriptError error, string message)
    {
        var name = NonEmpty(error.TargetObject) ?? Match(CommandNotFoundMessage, message, "name");

        // A missing script file or executable path is the script's own problem, not a package to install.
        if (name is null || LooksLikePath(name))
        {
            return null;
        }

        return new ScriptDependency { Name = name, Kind = DependencyKind.Command, Evidence = DependencyEvidence.CommandUsage };
    }

    private static IReadOnlyList<ScriptDependency> RequiresMissingModules(ScriptError error, string message)
    {
        var items = error.MissingItems.Count > 0
            ? error.MissingItems
            : SplitRequiresList(Match(RequiresMissingList, message, "list"));

        var found = new List<ScriptDependency>();
        foreach (var item in items)
        {
            var matches = RequiredModuleNotFoundItem.Matches(item);
            if (matches.Count > 0)
            {
                foreach (Match match in matches)
                {
                    found.Add(Module(match.Groups["name"].Value, RangeFrom(VersionClause.Matches(match.Groups["versions"].Value)), DependencyEvidence.Requires));
                }
            }
            else if (!string.IsNullOrWhiteSpace(item) && !item.Trim().Contains(' ', StringComparison.Ordinal))
            {
                found.Add(Module(item.Trim(), null, DependencyEvidence.Requires));
            }
            else if (FirstQuotedName.Match(item) is { Success: true } quoted)
            {
                // A sentence in a wording this classifier does not know: the module is the first quoted name in it,
                // never the sentence itself.
                found.Add(Module(quoted.Groups["name"].Value, RangeFrom(VersionClause.Matches(item)), DependencyEvidence.Requires));
            }
        }

        return found;
    }

    private static IReadOnlyList<string> SplitRequiresList(string? list)
    {
        if (string.IsNullOrWhiteSpace(list))
        {
            return Array.Empty<string>();
        }

        // 7.4+ items are whole sentences; older ones are bare names joined with ", ".
        if (list.Contains("The module '", StringComparison.Ordinal))
        {
            return new[] { list };
        }

        return list.Split(", ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private static ScriptDependency? ModuleNotFound(ScriptError error, string message)
    {
        var match = SpecifiedModule.Match(message);
        var name = match.Success ? match.Groups["name"].Value : NonEmpty(error.TargetObject);
        if (name is null || LooksLikePath(name))
        {
            return null;
        }

        string? range = null;
        if (match.Success && match.Groups["version"].Success && NuGetVersion.TryParse(match.Groups["version"].Value, out var minimum))
        {
            range = new VersionRange(minimum, includeMinVersion: true).ToNormalizedString();
        }

        return Module(name, range, DependencyEvidence.ImportModule);
    }

    private static ScriptDependency? ModuleNotFoundDuringParse(string message)
    {
        var text = Match(CouldNotFindModule, message, "name")?.Trim();
        if (text is null)
        {
            return null;
        }

        // using module @{ ModuleName = 'X'; ModuleVersion = '1.0' } reports the hashtable's text.
        if (text.StartsWith("@{", StringComparison.Ordinal))
        {
            var name = Match(HashtableModuleName, text, "name");
            if (name is null)
            {
                return null;
            }

            var versions = HashtableVersion.Matches(text);
            return Module(name, RangeFrom(versions), DependencyEvidence.UsingModule);
        }

        // Import-DscResource reports "<Name, Version>".
        if (text.StartsWith('<') && text.EndsWith('>'))
        {
            var parts = text[1..^1].Split(',', 2, StringSplitOptions.TrimEntries);
            var range = parts.Length == 2 && NuGetVersion.TryParse(parts[1], out var version)
                ? new VersionRange(version, includeMinVersion: true).ToNormalizedString()
                : null;
            return Module(parts[0], range, DependencyEvidence.UsingModule);
        }

        return LooksLikePath(text) ? null : Module(text, null, DependencyEvidence.UsingModule);
    }

    private static ScriptDependency? TypeNotFound(ScriptError error, string message)
    {
        var name = Match(TypeNotFoundMessage, message, "name") ?? NonEmpty(error.TargetObject)?.Trim('[', ']');
        return name is null
            ? null
            : new ScriptDependency { Name = name, Kind = DependencyKind.Assembly, Evidence = DependencyEvidence.TypeLiteral };
    }

    private static ScriptDependency? MissingCSharpName(ScriptError error, string message, DependencyEvidence evidence)
    {
        string? name;
        if (NonEmpty(error.TargetName) is { } known)
        {
            name = known;
        }
        else
        {
            var match = RoslynMissingName.Match(message);
            if (!match.Success)
            {
                match = RoslynMissingNameBare.Match(message);
            }

            if (!match.Success)
            {
                return null;
            }

            name = match.Groups["namespace"].Success
                ? match.Groups["namespace"].Value + "." + match.Groups["name"].Value
                : match.Groups["name"].Value;

            // Add-Type's message carries the offending source line: "using Newtonsoft.Json;" reports only
            // 'Newtonsoft', and the package is found by the whole namespace.
            var directive = Match(UsingDirective, message, "namespace");
            if (directive is not null && directive.StartsWith(name, StringComparison.Ordinal))
            {
                name = directive;
            }
        }

        return new ScriptDependency { Name = name, Kind = DependencyKind.NuGetPackage, Evidence = evidence };
    }

    private static ScriptDependency Module(string name, string? range, DependencyEvidence evidence) =>
        new() { Name = name, Kind = DependencyKind.Module, VersionRange = range, Evidence = evidence };

    /// <summary>RequiredVersion x: [x, x]; ModuleVersion/MinimumVersion x: [x, ); MaximumVersion y: (, y]; both: [x, y].</summary>
    private static string? RangeFrom(MatchCollection clauses)
    {
        NuGetVersion? minimum = null, maximum = null, exact = null;
        foreach (Match clause in clauses)
        {
            if (!NuGetVersion.TryParse(clause.Groups["version"].Value, out var version))
            {
                continue;
            }

            switch (clause.Groups["kind"].Value.ToLowerInvariant())
            {
                case "requiredversion":
                    exact = version;
                    break;
                case "maximumversion":
                    maximum = version;
                    break;
                default:
                    minimum = version;
                    break;
            }
        }

        if (exact is not null)
        {
            return new VersionRange(exact, true, exact, true).ToNormalizedString();
        }

        if (minimum is null && maximum is null)
        {
            return null;
        }

        return new VersionRange(minimum, minimum is not null, maximum, maximum is not null).ToNormalizedString();
    }

    private static (int Line, int Column) Position(string? position)
    {
        if (string.IsNullOrEmpty(position))
        {
            return (0, 0);
        }

        var match = PowerShellPosition.Match(position);
        if (!match.Success)
        {
            match = CSharpPosition.Match(position);
        }

        return match.Success
            // A position read from a stack frame has a line only (column 0).
            ? (int.Parse(match.Groups["line"].Value, CultureInfo.InvariantCulture), match.Groups["column"].Success ? int.Parse(match.Groups["column"].Value, CultureInfo.InvariantCulture) : 0)
            : (0, 0);
    }

    private static bool LooksLikePath(string name) =>
        name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal)
        || name.EndsWith(".ps1", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".psm1", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".psd1", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase);

    private static string? Match(Regex regex, string text, string group)
    {
        var match = regex.Match(text);
        return match.Success ? match.Groups[group].Value : null;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
