using DepResolve.Engine.Analysis.PowerShell.Facts;
using DepResolve.Engine.Model;

namespace DepResolve.Engine.Analysis.PowerShell;

/// <summary>
/// Add-Type: -AssemblyName, -Path/-LiteralPath (.dll, or C# source files), -ReferencedAssemblies become assembly
/// dependencies; -TypeDefinition and -MemberDefinition source (also from a variable holding a here-string)
/// goes to the C# analyzer.
/// </summary>
internal static class AddTypeReader
{
    public static void Read(
        CommandFact command, FileContext context, FileAnalysis result,
        Func<string, string, IReadOnlyList<ScriptDependency>>? analyzeCSharp)
    {
        var bound = CommandArgumentBinder.Bind(command.Elements, CommandSignature.AddType);
        AssignPositional(bound, context);

        foreach (var parameter in new[] { "AssemblyName", "ReferencedAssemblies" })
        {
            foreach (var item in ScriptFactsAnalyzer.Items(bound[parameter]))
            {
                AddAssembly(item, command, context, result);
            }
        }

        foreach (var parameter in new[] { "Path", "LiteralPath" })
        {
            foreach (var item in ScriptFactsAnalyzer.Items(bound[parameter]))
            {
                var text = context.Evaluator.TryGetText(item);
                if (text is not null && IsSourceFile(text))
                {
                    var full = ScriptPaths.Resolve(text, context.Directory);
                    if (full is not null && File.Exists(full) && analyzeCSharp is not null)
                    {
                        AnalyzeSource(File.ReadAllText(full), command, context, analyzeCSharp);
                    }

                    continue;
                }

                AddAssembly(item, command, context, result);
            }
        }

        if (bound.Has("TypeDefinition"))
        {
            ReadSource(bound["TypeDefinition"], null, command, context, result, analyzeCSharp);
        }

        if (bound.Has("MemberDefinition"))
        {
            var usings = context.Evaluator.TryGetTexts(bound["UsingNamespace"]) ?? Array.Empty<string>();
            ReadSource(bound["MemberDefinition"], usings, command, context, result, analyzeCSharp);
        }
    }

    private static void AssignPositional(BoundArguments bound, FileContext context)
    {
        if (bound.Positional.Count == 0)
        {
            return;
        }

        if (bound.Has("Name") && !bound.Has("MemberDefinition"))
        {
            bound.Set("MemberDefinition", bound.Positional[0]);
            return;
        }

        if (bound.Has("TypeDefinition") || bound.Has("Path") || bound.Has("LiteralPath") || bound.Has("AssemblyName"))
        {
            return;
        }

        var first = bound.Positional[0];
        var text = context.Evaluator.TryGetText(first);
        var isPath = text is not null && !text.Contains('\n') && (text.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || IsSourceFile(text));
        bound.Set(isPath ? "Path" : "TypeDefinition", first);
    }

    private static void ReadSource(
        StaticValue? value, IReadOnlyList<string>? memberUsings, CommandFact command, FileContext context, FileAnalysis result,
        Func<string, string, IReadOnlyList<ScriptDependency>>? analyzeCSharp)
    {
        var source = context.Evaluator.TryGetText(value);
        if (source is null)
        {
            var text = value?.SourceText ?? command.Text;
            context.Factory.Add(text, DependencyKind.Assembly, DependencyEvidence.AddType, command.Line, command.Column, command.Guards, isDynamic: true);
            context.Warn(result, ScriptAnalysisWarningKind.DynamicDependency, command.Line,
                $"Add-Type {text}: the C# source is not a constant; it was not analysed");
            return;
        }

        if (analyzeCSharp is null)
        {
            return;
        }

        if (memberUsings is not null)
        {
            // Add-Type wraps member definitions in a class, with System and System.Runtime.InteropServices imported.
            var usings = new[] { "System", "System.Runtime.InteropServices" }.Concat(memberUsings).Distinct(StringComparer.Ordinal);
            source = string.Concat(usings.Select(u => $"using {u};\n")) + "public class AddTypeMembers\n{\n" + source + "\n}\n";
        }

        AnalyzeSource(source, command, context, analyzeCSharp);
    }

    private static void AnalyzeSource(string source, CommandFact command, FileContext context, Func<string, string, IReadOnlyList<ScriptDependency>> analyzeCSharp)
    {
        var origin = $"{context.Facts.FilePath ?? "<script>"}:{command.Line}:{command.Column}";
        foreach (var found in analyzeCSharp(source, origin))
        {
            var dependency = context.Factory.Add(found.Name, found.Kind, found.Evidence, command.Line, command.Column, command.Guards,
                versionRange: found.VersionRange, isDynamic: found.IsDynamic, isBuiltIn: found.IsBuiltIn, forceOptional: found.IsOptional);
            dependency.Condition ??= found.Condition;
            dependency.Alternatives = found.Alternatives;
        }
    }

    private static void AddAssembly(StaticValue item, CommandFact command, FileContext context, FileAnalysis result)
    {
        var text = context.Evaluator.TryGetText(item);
        var (line, column) = ScriptFactsAnalyzer.Position(item, command);
        if (text is null)
        {
            context.Factory.Add(item.SourceText, DependencyKind.Assembly, DependencyEvidence.AddType, line, column, command.Guards, isDynamic: true);
            context.Warn(result, ScriptAnalysisWarningKind.DynamicDependency, line,
                $"Add-Type {item.SourceText}: the assembly is not a constant; it was not resolved");
            return;
        }

        var (name, range) = DotNetNames.ParseAssemblyReference(text);
        context.Factory.Add(name, DependencyKind.Assembly, DependencyEvidence.AddType, line, column, command.Guards,
            versionRange: range, isBuiltIn: DotNetNames.IsBuiltInAssembly(name));
    }

    private static bool IsSourceFile(string path) =>
        path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".vb", StringComparison.OrdinalIgnoreCase);
}
