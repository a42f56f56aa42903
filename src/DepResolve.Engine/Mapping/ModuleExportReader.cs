using System.Text.RegularExpressions;
using DepResolve.Engine.Packaging;

namespace DepResolve.Engine.Mapping;

/// <summary>
/// Reads what installed modules export, without PowerShell: FunctionsToExport, CmdletsToExport and AliasesToExport
/// of the manifest; where a list is missing or has wildcards, the function definitions and aliases in the module's
/// script files (filtered by the wildcard). Cmdlets of a binary module behind '*' cannot be known without loading it.
/// </summary>
internal static partial class ModuleExportReader
{
    private const long MaxFileBytes = 4L << 20;

    /// <summary>The exports of the module <paramref name="name"/> in <paramref name="folder"/>; null when it holds no module.</summary>
    public static ModuleExports? ReadModuleFolder(string name, string version, string folder)
    {
        var manifestPath = Path.Combine(folder, name + ".psd1");
        var scripts = Directory.EnumerateFiles(folder, "*.ps*1", new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 2, MatchCasing = MatchCasing.CaseInsensitive })
            .Where(f => f.EndsWith(".psm1", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".ps1", StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (!File.Exists(manifestPath) && scripts.Count == 0)
        {
            return null;
        }

        var manifest = File.Exists(manifestPath) ? ReadText(manifestPath) : null;
        var commands = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var functionPatterns = Listed(manifest, "FunctionsToExport", commands);
        var aliasPatterns = Listed(manifest, "AliasesToExport", commands);
        Listed(manifest, "CmdletsToExport", commands);
        if (functionPatterns.Count > 0 || aliasPatterns.Count > 0)
        {
            foreach (var (command, isAlias) in scripts.SelectMany(DefinedCommands))
            {
                if ((isAlias ? aliasPatterns : functionPatterns).Any(w => w.IsMatch(command)))
                {
                    commands.Add(command);
                }
            }
        }

        return new ModuleExports(name, version, commands.Order(StringComparer.OrdinalIgnoreCase).ToList());
    }

    /// <summary>
    /// Adds the names <paramref name="key"/> lists to <paramref name="commands"/> and returns its wildcards; a missing
    /// key is '*' (PowerShell exports every function and alias when the manifest does not restrict them).
    /// </summary>
    private static List<Regex> Listed(string? manifest, string key, HashSet<string> commands)
    {
        var listed = manifest is null ? null : ModuleManifestReader.ReadTopLevelList(manifest, key);
        if (listed is null)
        {
            return [WildcardRegex("*")];
        }

        var patterns = new List<Regex>();
        foreach (var item in listed.Where(i => i.Length > 0))
        {
            if (IsWildcard(item))
            {
                patterns.Add(WildcardRegex(item));
            }
            else
            {
                commands.Add(item);
            }
        }

        return patterns;
    }

    private static IEnumerable<(string Name, bool IsAlias)> DefinedCommands(string scriptFile)
    {
        var text = ReadText(scriptFile);
        if (text is null)
        {
            yield break;
        }

        foreach (Match match in FunctionDefinition().Matches(text))
        {
            yield return (match.Groups["name"].Value, false);
        }

        foreach (Match match in AliasDefinition().Matches(text))
        {
            yield return (match.Groups["name"].Value, true);
        }
    }

    private static string? ReadText(string path)
    {
        try
        {
            return new FileInfo(path).Length > MaxFileBytes ? null : File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool IsWildcard(string item) => item.IndexOfAny(['*', '?', '[']) >= 0;

    private static Regex WildcardRegex(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace(@"\*", ".*").Replace(@"\?", ".") + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    [GeneratedRegex(@"^\s*(?:function|filter|workflow)\s+(?:global:|script:)?(?<name>[A-Za-z][\w-]*)", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex FunctionDefinition();

    [GeneratedRegex(@"^\s*(?:Set|New)-Alias\s+(?:-Name\s+)?['""]?(?<name>[A-Za-z][\w-]*)", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex AliasDefinition();
}
