using DepResolve.Engine.Model;
using NuGet.Versioning;

namespace DepResolve.Engine.Analysis.PowerShell;

/// <summary>
/// Turns PowerShell's module version constraints (a ModuleSpecification hashtable, the version
/// parameters of Import-Module) into a normalized NuGet range string.
/// ModuleVersion / -MinimumVersion is an inclusive minimum, RequiredVersion an exact version and
/// MaximumVersion an inclusive maximum that may end in '*' (PowerShell replaces the '*' and every
/// missing part with 999999999, see ModuleCmdletBase.GetMaximumVersion).
/// </summary>
internal static class ModuleSpecificationRange
{
    private const string WildcardPart = "999999999";

    /// <summary>The range, or null when no version is constrained.</summary>
    /// <exception cref="DepResolveException">InvalidInput when a version does not parse or the bounds contradict.</exception>
    public static string? ToRange(string? moduleVersion, string? requiredVersion, string? maximumVersion, string? target = null)
    {
        moduleVersion = Blank(moduleVersion);
        requiredVersion = Blank(requiredVersion);
        maximumVersion = Blank(maximumVersion);

        if (requiredVersion is not null)
        {
            if (moduleVersion is not null || maximumVersion is not null)
            {
                throw new DepResolveException(
                    ErrorCode.InvalidInput,
                    $"RequiredVersion '{requiredVersion}' cannot be combined with ModuleVersion or MaximumVersion{Where(target)}.",
                    target);
            }

            var exact = ParseVersion(requiredVersion, "RequiredVersion", target);
            return new VersionRange(exact, true, exact, true).ToNormalizedString();
        }

        var minimum = moduleVersion is null ? null : ParseVersion(moduleVersion, "ModuleVersion", target);
        var maximum = maximumVersion is null ? null : ParseMaximum(maximumVersion, target);
        if (minimum is null && maximum is null)
        {
            return null;
        }

        if (minimum is not null && maximum is not null && minimum > maximum)
        {
            throw new DepResolveException(
                ErrorCode.InvalidInput,
                $"MaximumVersion '{maximumVersion}' is lower than ModuleVersion '{moduleVersion}'{Where(target)}.",
                target);
        }

        return new VersionRange(minimum, true, maximum, true).ToNormalizedString();
    }

    /// <summary>Same as <see cref="ToRange"/> but reports a bad version as a message instead of throwing.</summary>
    public static bool TryToRange(string? moduleVersion, string? requiredVersion, string? maximumVersion, out string? range, out string? error)
    {
        try
        {
            range = ToRange(moduleVersion, requiredVersion, maximumVersion);
            error = null;
            return true;
        }
        catch (DepResolveException ex)
        {
            range = null;
            error = ex.Message;
            return false;
        }
    }

    private static NuGetVersion? ParseMaximum(string text, string? target)
    {
        if (!text.EndsWith('*'))
        {
            return ParseVersion(text, "MaximumVersion", target);
        }

        var prefix = text[..^1];
        if (prefix.Length == 0)
        {
            return null;
        }

        if (!prefix.EndsWith('.') || prefix.Count(c => c == '.') > 3)
        {
            throw BadVersion(text, "MaximumVersion", target);
        }

        var expanded = prefix + WildcardPart;
        for (var dots = expanded.Count(c => c == '.'); dots < 3; dots++)
        {
            expanded += "." + WildcardPart;
        }

        return ParseVersion(expanded, "MaximumVersion", target);
    }

    private static NuGetVersion ParseVersion(string text, string what, string? target)
    {
        if (NuGetVersion.TryParse(text, out var version))
        {
            return version;
        }

        // PowerShell module versions are System.Version: "1" alone is not one, but users write it.
        if (int.TryParse(text, out var major) && major >= 0)
        {
            return new NuGetVersion(major, 0, 0);
        }

        throw BadVersion(text, what, target);
    }

    private static DepResolveException BadVersion(string text, string what, string? target) =>
        new(ErrorCode.InvalidInput, $"{what} '{text}' is not a valid version{Where(target)}.", target);

    private static string Where(string? target) => target is null ? "" : $" in {target}";

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
