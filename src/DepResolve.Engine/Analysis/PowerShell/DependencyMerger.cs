using DepResolve.Engine.Model;

namespace DepResolve.Engine.Analysis.PowerShell;

/// <summary>
/// Removes repeats (the same name, kind, evidence, range, optionality, condition and flags in the same file: the
/// first position wins) and orders dependencies by file (in reading order), line, column and name.
/// </summary>
internal static class DependencyMerger
{
    public static IReadOnlyList<ScriptDependency> Merge(IEnumerable<ScriptDependency> dependencies, IReadOnlyList<string?> fileOrder)
    {
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < fileOrder.Count; i++)
        {
            order.TryAdd(fileOrder[i] ?? "", i);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        return dependencies
            .OrderBy(d => order.TryGetValue(d.Path ?? "", out var index) ? index : int.MaxValue)
            .ThenBy(d => d.Line)
            .ThenBy(d => d.Column)
            .ThenBy(d => d.Name, StringComparer.Ordinal)
            .Where(d => seen.Add(Key(d)))
            .ToList();
    }

    private static string Key(ScriptDependency d) => string.Join(
        "\u001f",
        d.Path ?? "",
        d.Name.ToUpperInvariant(),
        d.Kind,
        d.Evidence,
        d.VersionRange ?? "",
        d.IsOptional,
        d.Condition ?? "",
        d.IsDynamic,
        d.IsBuiltIn);
}
