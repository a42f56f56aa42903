using DepResolve.Engine.Model;

namespace DepResolve.Engine.Mapping;

/// <summary>
/// After mapping, prefers what the script declares over what was guessed for its commands and types:
/// - families that exclude each other are never mixed: with AWSPowerShell or AWSPowerShell.NetCore declared, an
///   inferred AWS.Tools.* module is that declared module (the two conflict when installed together);
/// - a declared rollup covers its family: with Az declared, Get-AzVM needs no Az.Compute (likewise AzureRM,
///   Microsoft.Graph, Microsoft.Graph.Beta, VMware.PowerCLI);
/// - a noun-prefix guess that names the parent area of a declared module yields to it: Get-MgBetaDeviceManagementX
///   guessed as Microsoft.Graph.Beta.DeviceManagement, with Microsoft.Graph.Beta.DeviceManagement.Enrollment imported,
///   is that module.
/// </summary>
internal static class DeclaredModulePreference
{
    private static readonly string[] AwsMonoliths = ["AWSPowerShell.NetCore", "AWSPowerShell"];

    private static readonly (string Rollup, string MemberPrefix)[] Rollups =
    [
        ("Az", "Az."), ("AzureRM", "AzureRM."), ("Microsoft.Graph", "Microsoft.Graph."), ("Microsoft.Graph.Beta", "Microsoft.Graph.Beta."),
        ("VMware.PowerCLI", "VMware."), ("AWSPowerShell.NetCore", "AWS.Tools."), ("AWSPowerShell", "AWS.Tools."),
    ];

    /// <summary>Modules named like a family member that its rollup does not contain.</summary>
    private static readonly string[] NotInRollup = ["Az.BootStrapper", "Az.Tools.", "AzureRM.BootStrapper"];

    /// <param name="isPrefixGuess">Whether the item's package came from a noun-prefix rule (a guess of the area).</param>
    public static void Apply(IReadOnlyList<ScriptDependency> dependencies, Func<ScriptDependency, bool> isPrefixGuess)
    {
        var declared = dependencies
            .Where(d => !d.IsInferred && !d.IsOptional && d.MappedPackage is not null)
            .Select(d => d.MappedPackage!)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (declared.Count == 0)
        {
            return;
        }

        foreach (var d in dependencies.Where(d => d.IsInferred && d.MappedPackage is not null && !IsUserMapping(d)))
        {
            var guessed = d.MappedPackage!;
            if (declared.Contains(guessed, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            var monolith = AwsMonoliths.FirstOrDefault(m => declared.Contains(m, StringComparer.OrdinalIgnoreCase));
            if (monolith is not null && guessed.StartsWith("AWS.Tools.", StringComparison.OrdinalIgnoreCase))
            {
                Remap(d, monolith, $"the script declares {monolith}, which conflicts with the AWS.Tools.* modules and contains {guessed}'s commands");
                continue;
            }

            var rollup = Rollups.FirstOrDefault(r => declared.Contains(r.Rollup, StringComparer.OrdinalIgnoreCase)
                && guessed.StartsWith(r.MemberPrefix, StringComparison.OrdinalIgnoreCase)
                && !NotInRollup.Any(n => guessed.StartsWith(n, StringComparison.OrdinalIgnoreCase))
                && !(r.Rollup == "Microsoft.Graph" && guessed.StartsWith("Microsoft.Graph.Beta", StringComparison.OrdinalIgnoreCase)));
            if (rollup.Rollup is not null)
            {
                Remap(d, rollup.Rollup, $"the script declares the {rollup.Rollup} rollup, which includes {guessed}");
                continue;
            }

            if (isPrefixGuess(d))
            {
                var child = declared.FirstOrDefault(m => m.StartsWith(guessed + ".", StringComparison.OrdinalIgnoreCase));
                if (child is not null)
                {
                    Remap(d, child, $"the noun prefix names the {guessed} area and the script declares {child}");
                }
            }
        }
    }

    private static bool IsUserMapping(ScriptDependency d) => d.MappingReason?.Contains("user mapping", StringComparison.Ordinal) ?? false;

    private static void Remap(ScriptDependency d, string module, string why)
    {
        d.MappingReason = $"{d.Name} -> {module}: {why} (was {d.MappedPackage}: {d.MappingReason})";
        d.MappedPackage = module;
    }
}
