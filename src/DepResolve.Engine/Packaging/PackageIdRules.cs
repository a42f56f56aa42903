using System.Text.RegularExpressions;

namespace DepResolve.Engine.Packaging;

/// <summary>
/// Which package ids are safe to use as folder names: NuGet's own id rule (word characters separated by
/// single '.', '-' or '_', at most 100 characters), which already excludes every path character, and no
/// Windows device name (CON, PRN, AUX, NUL, COM1–9, LPT1–9) before the first dot.
/// </summary>
internal static partial class PackageIdRules
{
    public const int MaxLength = 100;

    public const string Description = "letters, digits and '_' separated by single '.', '-' or '_', at most 100 characters, not a device name such as CON or NUL";

    public static bool IsValid(string? id) =>
        !string.IsNullOrEmpty(id)
        && id.Length <= MaxLength
        && IdPattern().IsMatch(id)
        && !ReservedNames.IsReservedSegment(id);

    [GeneratedRegex(@"^\w+(?:[_.-]\w+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
