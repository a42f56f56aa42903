using DepResolve.Engine.Analysis.PowerShell.Facts;
using DepResolve.Engine.Model;

namespace DepResolve.Engine.Analysis.PowerShell;

/// <summary>
/// A module manifest (.psd1): RequiredModules, module names in NestedModules, RequiredAssemblies and
/// PrivateData.PSData.ExternalModuleDependencies are dependencies; RootModule, NestedModules and ScriptsToProcess
/// files are the module's own code and are read as part of it.
/// </summary>
internal static class ManifestDependencyReader
{
    public static void Read(StaticValue manifest, FileContext context, FileAnalysis result)
    {
        if (manifest.Kind != StaticValueKind.Table)
        {
            return;
        }

        var none = Array.Empty<GuardFact>();
        foreach (var item in ScriptFactsAnalyzer.Items(manifest["RequiredModules"]))
        {
            ScriptFactsAnalyzer.AddModuleSpecification(item, DependencyEvidence.Manifest, Line(item, manifest), Column(item, manifest), none, context, result);
        }

        foreach (var item in ScriptFactsAnalyzer.Items(manifest["NestedModules"]))
        {
            var text = item.Kind == StaticValueKind.Table ? null : context.Evaluator.TryGetText(item);
            if (text is not null && ScriptPaths.IsPathLike(text))
            {
                AddOwnFile(text, context, result);
                continue;
            }

            ScriptFactsAnalyzer.AddModuleSpecification(item, DependencyEvidence.Manifest, Line(item, manifest), Column(item, manifest), none, context, result);
        }

        foreach (var key in new[] { "RootModule", "ModuleToProcess", "ScriptsToProcess" })
        {
            foreach (var item in ScriptFactsAnalyzer.Items(manifest[key]))
            {
                var text = context.Evaluator.TryGetText(item);
                if (text is not null && ScriptPaths.IsScriptFile(text))
                {
                    AddOwnFile(text, context, result);
                }
            }
        }

        foreach (var item in ScriptFactsAnalyzer.Items(manifest["RequiredAssemblies"]))
        {
            var text = context.Evaluator.TryGetText(item);
            if (text is null)
            {
                continue;
            }

            var (name, range) = DotNetNames.ParseAssemblyReference(text);
            context.Factory.Add(name, DependencyKind.Assembly, DependencyEvidence.Manifest, Line(item, manifest), Column(item, manifest),
                versionRange: range, isBuiltIn: DotNetNames.IsBuiltInAssembly(name));
        }

        var external = manifest["PrivateData"]?["PSData"]?["ExternalModuleDependencies"];
        foreach (var item in ScriptFactsAnalyzer.Items(external))
        {
            ScriptFactsAnalyzer.AddModuleSpecification(item, DependencyEvidence.Manifest, Line(item, manifest), Column(item, manifest), none, context, result);
        }

        var powerShellVersion = context.Evaluator.TryGetText(manifest["PowerShellVersion"]);
        if (powerShellVersion is not null)
        {
            var value = manifest["PowerShellVersion"]!;
            var range = context.Range(powerShellVersion, null, null, "PowerShellVersion", Line(value, manifest), result);
            context.Factory.Add("PowerShell", DependencyKind.Application, DependencyEvidence.Manifest, Line(value, manifest), Column(value, manifest),
                versionRange: range, isBuiltIn: true);
        }
    }

    private static void AddOwnFile(string written, FileContext context, FileAnalysis result)
    {
        if (written.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var full = ScriptPaths.Resolve(written, context.Directory);
        if (full is not null)
        {
            result.References.Add(new ScriptReference(full, ScriptReferenceKind.ManifestModule, 0));
        }
    }

    private static int Line(StaticValue item, StaticValue manifest) => item.Line > 0 ? item.Line : Math.Max(manifest.Line, 1);

    private static int Column(StaticValue item, StaticValue manifest) => item.Line > 0 ? item.Column : Math.Max(manifest.Column, 1);
}
