using DepResolve.Engine.Analysis.DotNet;
using DepResolve.Engine.Catalog;
using DepResolve.Engine.Configuration;
using DepResolve.Engine.Feeds;
using DepResolve.Engine.Model;

namespace DepResolve.Engine.Mapping;

/// <summary>
/// Decides, for every dependency, which package provides it, or that it is built in, local, or unresolvable — always
/// with <see cref="ScriptDependency.MappingReason"/>. Commands, in order:
/// 1. the user's CommandMappings; 2. the session's built-in commands (when given); 3. the built-in commands and
/// aliases of PowerShell 7.4+; (the pipeline then credits the exports of the modules the script declares, see
/// <see cref="CreditExports"/>); 4a. the local command index (what installed modules really export); 4b. the curated catalog (commands several modules export come with Alternatives);
/// 5. a specific noun-prefix rule (Az + VM -> Az.Compute); 6. the feeds' PSCommand_ tags, confirmed against the
/// module's exported commands; 7. a family rollup (Az, Microsoft.Graph); else unresolvable.
/// Namespaces and assembly names: 1. NamespaceMappings (longest prefix); 2. built in (PowerShell, the shared
/// framework); 3. the curated namespace table; 4. the longest namespace prefix that a feed knows as a package id.
/// Module names map to themselves unless built in or not installable. Fills in the given objects and returns them.
/// Thread-safe; feed answers are cached for the life of the mapper.
/// </summary>
internal sealed class PackageMapper
{
    private readonly Action<string> log;
    private readonly CommandTagSearch tagSearch;
    private readonly NamespacePackageProbe probe;
    private readonly CommandIndex? index;

    /// <summary>
    /// Feeds probed before the mapping feeds for the package of an assembly or namespace nobody curated (the
    /// NuGet.Config sources): never asked about commands.
    /// </summary>
    public IReadOnlyList<IPackageFeed> LibraryFeeds { get; init; } = Array.Empty<IPackageFeed>();

    // The curated tables are read when a lookup first needs one, not when a mapper is made: a script of module
    // names and commands never reads the type and namespace tables.
    private static BuiltInCommandTable BuiltIns => BuiltInCommandTable.Default;

    private static ModuleCatalog CuratedModules => ModuleCatalog.Default;

    private static ModuleTypeTable ModuleTypes => ModuleTypeTable.Default;

    private static CommandPrefixRules PrefixRules => CommandPrefixRules.Default;

    private static DotNetNamespaceClassifier Classifier => DotNetNamespaceClassifier.Default;

    public PackageMapper(Action<string>? verboseLog = null, CommandIndex? commandIndex = null)
    {
        log = verboseLog ?? (_ => { });
        index = commandIndex;
        tagSearch = new CommandTagSearch(log);
        probe = new NamespacePackageProbe(log);
    }

    public async Task<IReadOnlyList<ScriptDependency>> MapAsync(
        IReadOnlyList<ScriptDependency> dependencies,
        IReadOnlyList<IPackageFeed> feeds,
        DepResolveOptions options,
        IReadOnlyCollection<BuiltInCommand>? sessionCommands = null,
        CancellationToken cancellationToken = default,
        bool declaredOnly = false)
    {
        ArgumentNullException.ThrowIfNull(dependencies);
        ArgumentNullException.ThrowIfNull(feeds);
        ArgumentNullException.ThrowIfNull(options);
        var session = SessionCommandIndex(sessionCommands);
        foreach (var dependency in dependencies)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (declaredOnly && IsPendingCommand(dependency, options, session))
            {
                continue;
            }

            await MapOneAsync(dependency, feeds, options, session, cancellationToken).ConfigureAwait(false);
        }

        DeclaredModulePreference.Apply(dependencies, IsPrefixGuess);
        return dependencies;
    }

    /// <summary>
    /// A command that only guesses can map: not pinned by CommandMappings and not built in. With declaredOnly,
    /// MapAsync leaves these unmapped so that the exports of the declared modules can be credited first.
    /// </summary>
    public bool IsPendingCommand(ScriptDependency d, DepResolveOptions options, IReadOnlyCollection<BuiltInCommand>? sessionCommands = null) =>
        IsPendingCommand(d, options, SessionCommandIndex(sessionCommands));

    private bool IsPendingCommand(ScriptDependency d, DepResolveOptions options, Dictionary<string, string>? session) =>
        d is { Evidence: DependencyEvidence.CommandUsage, IsDynamic: false, IsBuiltIn: false } && d.Kind != DependencyKind.Application
        && !options.CommandMappings.ContainsKey(d.Name)
        && !(session?.ContainsKey(d.Name) ?? false)
        && !BuiltIns.TryFind(d.Name, out _, out _);

    /// <summary>
    /// Maps each command in <paramref name="commands"/> that one of <paramref name="exports"/> really exports to that
    /// module; returns the ones no module there exports. <paramref name="why"/> says where the modules came from.
    /// </summary>
    public IReadOnlyList<ScriptDependency> CreditExports(IEnumerable<ScriptDependency> commands, IReadOnlyList<ModuleExports> exports, string why)
    {
        var left = new List<ScriptDependency>();
        foreach (var d in commands)
        {
            var exporters = exports.Where(e => e.Exports(d.Name)).ToList();
            if (exporters.Count == 0)
            {
                left.Add(d);
                continue;
            }

            d.Alternatives = exporters.Skip(1).Select(e => e.Module).ToArray();
            Package(d, exporters[0].Module, $"{d.Name} -> {exporters[0].Module}: exported by {exporters[0].Module} {exporters[0].Version}, {why}");
        }

        return left;
    }

    /// <summary>
    /// Prefers what the script declares over guesses for its commands and types (never AWSPowerShell beside
    /// AWS.Tools.*, a declared rollup covers its family, a declared submodule wins over a guess of its parent area).
    /// Call with every dependency of the script once all are mapped.
    /// </summary>
    public void PreferDeclared(IReadOnlyList<ScriptDependency> dependencies) => DeclaredModulePreference.Apply(dependencies, IsPrefixGuess);

    private bool IsPrefixGuess(ScriptDependency d) =>
        d.Evidence == DependencyEvidence.CommandUsage && (d.MappingReason?.Contains("noun prefix", StringComparison.Ordinal) ?? false)
        && PrefixRules.Match(d.Name) is { } rule && Same(rule.Module, d.MappedPackage ?? "");

    private async Task MapOneAsync(ScriptDependency d, IReadOnlyList<IPackageFeed> feeds, DepResolveOptions options, Dictionary<string, string>? session, CancellationToken cancellationToken)
    {
        if (d.IsDynamic)
        {
            Unresolvable(d, $"the name is not a constant ({d.Name}); DepResolve reports it but never guesses");
            return;
        }

        switch (d.Kind)
        {
            case DependencyKind.Application:
                d.MappedPackage = null;
                d.MappingReason ??= $"{d.Name} is a native executable, not a package";
                return;
            case DependencyKind.Script:
                d.MappedPackage = null;
                d.MappingReason ??= $"local script {d.Name}";
                return;
            case DependencyKind.NuGetPackage:
                Package(d, d.Name, $"NuGet package {d.Name} named by {d.Evidence}");
                return;
        }

        if (d.Evidence == DependencyEvidence.CommandUsage)
        {
            await MapCommandAsync(d, feeds, options, session, cancellationToken).ConfigureAwait(false);
        }
        else if (d.Kind == DependencyKind.Module)
        {
            MapModuleName(d, options, session);
        }
        else
        {
            await MapNamespaceAsync(d, feeds, options, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task MapCommandAsync(ScriptDependency d, IReadOnlyList<IPackageFeed> feeds, DepResolveOptions options, Dictionary<string, string>? session, CancellationToken cancellationToken)
    {
        var command = d.Name;
        var shared = CuratedModules.ModulesSharing(command);
        if (options.CommandMappings.TryGetValue(command, out var pinned))
        {
            Package(d, pinned, $"{command} -> {pinned}: user mapping (CommandMappings)");
            d.Alternatives = shared.Where(m => !Same(m, pinned)).ToArray();
            return;
        }

        if (d.IsBuiltIn)
        {
            d.MappingReason ??= $"{command} is built in (as the script reader found it)";
            return;
        }

        if (session is not null && session.TryGetValue(command, out var sessionModule))
        {
            BuiltIn(d, $"{command} ships with PowerShell (module {sessionModule}, as this session reports)");
            return;
        }

        if (BuiltIns.TryFind(command, out var builtInModule, out var aliasTarget))
        {
            BuiltIn(d, aliasTarget is null
                ? $"{command} ships with PowerShell {BuiltIns.PowerShellVersion}+ (module {builtInModule})"
                : $"{command} is a default alias of {aliasTarget}, which ships with PowerShell {BuiltIns.PowerShellVersion}+ (module {builtInModule})");
            return;
        }

        if (index?.FindExporters(command) is { Count: > 0 } exporters)
        {
            d.Alternatives = exporters.Skip(1).Select(e => e.Module).ToArray();
            var others = d.Alternatives.Count > 0 ? $"; also exported by {string.Join(", ", d.Alternatives)} (to pin one, {MappingHint.ForCommand(command, d.Alternatives[0])})" : "";
            Package(d, exporters[0].Module, $"{command} -> {exporters[0].Module}: exported by {exporters[0].Module} {exporters[0].Version}, installed in this cache before{others}");
            return;
        }

        if (shared.Count > 0)
        {
            var choice = shared.FirstOrDefault(m => CuratedModules.NotInstallableReason(m) is null) ?? shared[0];
            d.Alternatives = shared.Where(m => !Same(m, choice)).ToArray();
            Package(d, choice, d.Alternatives.Count == 0
                ? $"{command} is exported by {string.Join(", ", shared)}; chose {choice} (installable from a feed)"
                : $"{command} is exported by {string.Join(", ", shared)}; chose {choice} (installable from a feed); to pin another, {MappingHint.ForCommand(command, d.Alternatives[0])}");
            return;
        }

        if (CuratedModules.TryFindModule(command, out var catalogModule))
        {
            Package(d, catalogModule, $"{command} -> {catalogModule}: curated module catalog");
            return;
        }

        if (CuratedModules.TryFindNotInstallableCommand(command, out var featureModule))
        {
            Unresolvable(d, $"{command} comes from {featureModule}, which {CuratedModules.NotInstallableReason(featureModule)}");
            return;
        }

        var prefix = PrefixRules.Match(command);
        if (prefix is { IsFamilyRollup: false })
        {
            Package(d, prefix.Module, $"{command} -> {prefix.Module}: noun prefix rule '{prefix.NounPrefix}'");
            return;
        }

        var tags = await tagSearch.FindAsync(command, feeds, options.AllowPrerelease, cancellationToken).ConfigureAwait(false);
        if (tags.Confirmed.Count > 0)
        {
            var (id, feed) = tags.Confirmed[0];
            d.Alternatives = tags.Confirmed.Skip(1).Select(c => c.Id).ToArray();
            var others = d.Alternatives.Count > 0 ? $"; also exported by {string.Join(", ", d.Alternatives)} (to pin one, {MappingHint.ForCommand(command, d.Alternatives[0])})" : "";
            Package(d, id, $"{command} -> {id}: module tagged PSCommand_{command} on {feed} and exporting it{others}");
            return;
        }

        if (prefix is not null)
        {
            Package(d, prefix.Module, $"{command} -> {prefix.Module}: noun prefix '{prefix.NounPrefix}' names the family but no specific module; the {prefix.Module} rollup module");
            return;
        }

        if (!command.Contains('-'))
        {
            // Not Verb-Noun, on no PATH here, and no module known to export it: a native tool of another machine (azcmagent, m365).
            d.Kind = DependencyKind.Application;
            d.MappedPackage = null;
            d.MappingReason = $"{command} is not a Verb-Noun command, not on PATH and exported by no known module: taken as a native tool, never a package";
            return;
        }

        var searched = feeds.Where(f => f.SupportsTagSearch).Select(f => f.Name).ToList();
        var detail = searched.Count == 0 ? "no configured feed supports tag search" : $"no module on {string.Join(", ", searched)} is tagged PSCommand_{command} and exports it";
        if (tags.Rejected.Count > 0)
        {
            detail += $" ({string.Join(", ", tags.Rejected)} carry the tag but do not export it)";
        }

        if (tags.Failures.Count > 0)
        {
            detail += $"; feed errors: {string.Join("; ", tags.Failures)}";
        }

        Unresolvable(d, $"{command} is not a built-in command, not exported by a module the script declares or this cache has installed, not in the module catalog, matches no noun-prefix rule, and {detail} (to map it, {MappingHint.ForCommand(command)})");
    }

    private void MapModuleName(ScriptDependency d, DepResolveOptions options, Dictionary<string, string>? session)
    {
        if (LooksLikeLocalFile(d.Name))
        {
            d.MappedPackage = null;
            d.MappingReason ??= $"local module file {d.Name}";
            return;
        }

        if (BuiltIns.IsBuiltInModule(d.Name) || (session?.ContainsValue(d.Name) ?? false))
        {
            BuiltIn(d, $"module {d.Name} ships with PowerShell");
            return;
        }

        if (CuratedModules.NotInstallableReason(d.Name) is { } reason)
        {
            Unresolvable(d, $"module {d.Name} {reason}");
            return;
        }

        Package(d, d.Name, $"module {d.Name} is published under its own name");
    }

    private async Task MapNamespaceAsync(ScriptDependency d, IReadOnlyList<IPackageFeed> feeds, DepResolveOptions options, CancellationToken cancellationToken)
    {
        if (LooksLikeLocalFile(d.Name))
        {
            d.MappedPackage = null;
            d.MappingReason ??= $"local assembly file {d.Name}";
            return;
        }

        if (NamespacePackageTable.TryFindLongestPrefix(options.NamespaceMappings, d.Name, out var mappedPrefix, out var mappedPackage))
        {
            Package(d, mappedPackage, $"{mappedPrefix} -> {mappedPackage}: user mapping (NamespaceMappings)");
            return;
        }

        if (d.Evidence == DependencyEvidence.TypeLiteral)
        {
            if (ModuleTypes.IsShippedWithPowerShell(d.Name, out var shippedPrefix))
            {
                BuiltIn(d, $"{shippedPrefix} ships with pwsh (its assembly is in $PSHOME)");
                return;
            }

            if (ModuleTypes.TryFindModule(d.Name, out var typePrefix, out var typeModule))
            {
                Package(d, typeModule, $"{typePrefix} types come from an assembly that module {typeModule} ships");
                return;
            }
        }

        var classification = Classifier.Classify(d.Name);
        if (classification.IsBuiltIn)
        {
            d.Condition ??= classification.Condition;
            BuiltIn(d, classification.Reason);
            return;
        }

        if (classification.Origin == NamespaceOrigin.KnownPackage)
        {
            d.Condition ??= classification.Condition;
            Package(d, classification.PackageId!, $"{classification.Reason}: curated namespace table");
            return;
        }

        feeds = LibraryFeeds.Concat(feeds).ToList();
        var found = await probe.FindAsync(d.Name, feeds, cancellationToken).ConfigureAwait(false);
        if (found is { } hit)
        {
            Package(d, hit.Id, $"{d.Name} -> {hit.Id}: the longest namespace prefix that is a package id on {hit.Feed}");
            return;
        }

        var asked = feeds.Count == 0 ? "no feed is configured" : $"no prefix of it is a package id on {string.Join(", ", feeds.Select(f => f.Name))}";
        Unresolvable(d, $"{classification.Reason}, it is not in the curated namespace table, and {asked} (to map it, {MappingHint.ForNamespace(d.Name)})");
    }

    private static Dictionary<string, string>? SessionCommandIndex(IReadOnlyCollection<BuiltInCommand>? commands)
    {
        if (commands is null)
        {
            return null;
        }

        var index = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var command in commands)
        {
            index.TryAdd(command.Name, command.ModuleName);
        }

        return index;
    }

    internal static bool LooksLikeLocalFile(string name) =>
        name.IndexOfAny(['/', '\\']) >= 0
        || new[] { ".dll", ".psm1", ".psd1", ".ps1", ".csx", ".cs" }.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static void Package(ScriptDependency d, string packageId, string reason)
    {
        d.IsBuiltIn = false;
        d.IsUnresolvable = false;
        d.MappedPackage = packageId;
        d.MappingReason = reason;
    }

    private static void BuiltIn(ScriptDependency d, string reason)
    {
        d.IsBuiltIn = true;
        d.IsUnresolvable = false;
        d.MappedPackage = null;
        d.MappingReason = reason;
    }

    private void Unresolvable(ScriptDependency d, string reason)
    {
        d.IsBuiltIn = false;
        d.IsUnresolvable = true;
        d.MappedPackage = null;
        d.MappingReason = reason;
        log($"{d.Name}: {d.MappingReason}");
    }
}
