using DepResolve.Engine.Model;
using NuGet.Versioning;

namespace DepResolve.Engine.Mapping;

/// <summary>
/// Turns mapped dependencies into <see cref="PackageRequirement"/> roots for the resolver:
/// - built-ins, native executables, local scripts/modules/assemblies never become requirements;
/// - unresolvable dependencies are listed with their reason: declared ones as Unresolvable, inferred ones as Unmapped;
/// - optional dependencies are reported, not made roots, unless <see cref="RequirementBuildOptions.IncludeOptional"/>;
///   conditional ones are roots unless <see cref="RequirementBuildOptions.IncludeConditional"/> is off;
/// - several dependencies on one package id merge into one root whose range is the intersection of theirs; when
///   they have none in common, the id is reported as a conflict instead.
/// </summary>
internal static class RequirementBuilder
{
    public static RequirementSet Build(IEnumerable<ScriptDependency> mappedDependencies, RequirementBuildOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(mappedDependencies);
        options ??= new RequirementBuildOptions();
        var dependencies = mappedDependencies.ToList();
        var requestedBy = options.RequestedBy ?? Path.GetFileName(dependencies.FirstOrDefault(d => d.Path is not null)?.Path ?? "");

        var skipped = new List<SkippedDependency>();
        var unresolvable = new List<SkippedDependency>();
        var unmapped = new List<SkippedDependency>();
        var byPackage = new Dictionary<string, List<(ScriptDependency Dependency, VersionRange Range)>>(StringComparer.OrdinalIgnoreCase);
        foreach (var d in dependencies)
        {
            var why = WhyNotARoot(d, options);
            if (why is not null)
            {
                (!d.IsUnresolvable ? skipped : d.IsInferred ? unmapped : unresolvable).Add(new SkippedDependency(d, why));
                continue;
            }

            if (!TryParseRange(d.VersionRange, out var range))
            {
                unresolvable.Add(new SkippedDependency(d, $"'{d.VersionRange}' is not a valid NuGet version range for {d.MappedPackage}"));
                continue;
            }

            if (!byPackage.TryGetValue(d.MappedPackage!, out var list))
            {
                byPackage[d.MappedPackage!] = list = [];
            }

            list.Add((d, range));
        }

        var roots = new List<PackageRequirement>();
        var conflicts = new List<RequirementConflict>();
        foreach (var (id, requests) in byPackage)
        {
            // A loop, not LINQ over the (dependency, range) tuples: that would be generic code over a value type,
            // compiled at run time in every fresh process, and every resolve call builds its requirements here.
            var ranges = new List<VersionRange>(requests.Count);
            var (allowPrerelease, asModule, asLibrary) = (false, false, true);
            for (var i = 0; i < requests.Count; i++)
            {
                var (dependency, range) = requests[i];
                ranges.Add(range);
                allowPrerelease |= range.MinVersion?.IsPrerelease == true || range.MaxVersion?.IsPrerelease == true;
                asModule |= dependency.Kind == DependencyKind.Module;
                asLibrary &= dependency.Kind is DependencyKind.Assembly or DependencyKind.NuGetPackage;
            }

            var merged = VersionRange.CommonSubSet(ranges);
            if (IsEmpty(merged))
            {
                var clashing = new List<string>(requests.Count);
                for (var i = 0; i < requests.Count; i++)
                {
                    var (dependency, range) = requests[i];
                    clashing.Add($"{range.ToNormalizedString()} ({Where(dependency)})");
                }

                conflicts.Add(new RequirementConflict(id, clashing));
                continue;
            }

            roots.Add(new PackageRequirement(requests[0].Dependency.MappedPackage!, merged)
            {
                RequestedBy = requestedBy,
                AllowPrerelease = allowPrerelease,
                AsModule = asModule,
                AsLibrary = asLibrary,
            });
        }

        return new RequirementSet
        {
            Roots = roots.OrderBy(r => r.Id, StringComparer.OrdinalIgnoreCase).ToList(),
            Skipped = skipped,
            Unresolvable = unresolvable,
            Unmapped = unmapped,
            Conflicts = conflicts,
        };
    }

    private static string? WhyNotARoot(ScriptDependency d, RequirementBuildOptions options)
    {
        if (d.IsUnresolvable)
        {
            return d.MappingReason ?? "no package provides it";
        }

        if (d.IsBuiltIn)
        {
            return "built in: " + (d.MappingReason ?? "ships with PowerShell or .NET");
        }

        if (d.Kind == DependencyKind.Application)
        {
            return "native executable: " + (d.MappingReason ?? "not a package");
        }

        if (d.MappedPackage is null)
        {
            return d.Kind == DependencyKind.Script || PackageMapper.LooksLikeLocalFile(d.Name)
                ? "local file: " + (d.MappingReason ?? d.Name)
                : "not mapped: run the mapper first";
        }

        if (d.IsOptional && !options.IncludeOptional)
        {
            return $"optional (the script runs without it); {d.MappedPackage} is not installed unless optional dependencies are included";
        }

        if (d.Condition is not null && !options.IncludeConditional)
        {
            return $"conditional on {d.Condition}; conditional dependencies were excluded";
        }

        return null;
    }

    private static bool TryParseRange(string? text, out VersionRange range)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            range = VersionRange.All;
            return true;
        }

        return VersionRange.TryParse(text, allowFloating: true, out range!);
    }

    private static bool IsEmpty(VersionRange range) =>
        range.Equals(VersionRange.None)
        || (range.HasLowerAndUpperBounds && (range.MinVersion! > range.MaxVersion! || (range.MinVersion == range.MaxVersion && !(range.IsMinInclusive && range.IsMaxInclusive))));

    private static string Where(ScriptDependency d) => d.Path is null ? d.Name : $"{d.Name} at {Path.GetFileName(d.Path)}:{d.Line}";
}
