using DepResolve.Engine.Analysis.PowerShell.Facts;
using DepResolve.Engine.Model;

namespace DepResolve.Engine.Analysis.PowerShell;

/// <summary>
/// Decides what the facts of one file mean: which are dependencies (with kind, evidence, version range,
/// optionality and condition), which files it refers to, and what it defines itself.
/// </summary>
internal sealed class ScriptFactsAnalyzer
{
    private readonly PowerShellAnalysisOptions _options;
    private readonly Func<string, bool> _isBuiltInCommand;
    private readonly Func<string, string?> _findExecutable;
    private readonly Dictionary<string, string?> _executables = new(StringComparer.OrdinalIgnoreCase);

    public ScriptFactsAnalyzer(PowerShellAnalysisOptions options)
    {
        _options = options;
        _isBuiltInCommand = options.IsBuiltInCommand ?? CorePowerShellCommands.Contains;
        _findExecutable = options.FindExecutable ?? ExecutableLocator.FindOnPath;
    }

    /// <summary>
    /// Analyses one file. <paramref name="definedElsewhere"/> holds commands defined by files this one dot-sources
    /// or imports. With <paramref name="referencesOnly"/>, only references and definitions are computed (no C# analysis).
    /// </summary>
    public FileAnalysis Analyze(ScriptFacts facts, IReadOnlySet<string> definedElsewhere, bool referencesOnly = false)
    {
        var context = new FileContext(facts, _options, definedElsewhere);
        var result = new FileAnalysis { Dependencies = context.Factory.Dependencies };
        CollectDefinitions(facts, context, result);

        ReadParseErrors(facts, result);
        ReadRequires(facts, context, result);
        ReadUsings(facts, context, result);
        foreach (var command in facts.Commands)
        {
            ReadCommand(command, context, result, referencesOnly);
        }

        foreach (var type in facts.TypeReferences)
        {
            AddTypeDependency(type.TypeName, type.Line, type.Column, type.Guards, context);
        }

        foreach (var call in facts.StaticMethodCalls)
        {
            ReadStaticMethodCall(call, context, result);
        }

        if (facts.Manifest is not null)
        {
            ManifestDependencyReader.Read(facts.Manifest, context, result);
        }

        return result;
    }

    private static void CollectDefinitions(ScriptFacts facts, FileContext context, FileAnalysis result)
    {
        result.DefinedCommands.UnionWith(facts.DefinedFunctions);
        foreach (var command in facts.Commands)
        {
            if (CanonicalName(command.Name) == "Add-Type")
            {
                AddTypeReader.CollectDefinedTypes(command, context);
            }

            if (CanonicalName(command.Name) is "Set-Alias" or "New-Alias")
            {
                var bound = CommandArgumentBinder.Bind(command.Elements, CommandSignature.SetAlias, "Name", "Value");
                var alias = context.Evaluator.TryGetText(bound["Name"]);
                if (alias is not null)
                {
                    result.DefinedCommands.Add(alias);
                }
            }
        }

        context.Defined.UnionWith(result.DefinedCommands);
    }

    private static void ReadParseErrors(ScriptFacts facts, FileAnalysis result)
    {
        if (facts.ParseErrors.Count == 0)
        {
            return;
        }

        var file = facts.FilePath ?? "<script>";
        var lines = facts.ParseErrors
            .OrderBy(e => e.Line).ThenBy(e => e.Column)
            .Select(e => $"{file}:{e.Line}:{e.Column}: {e.Message}");
        result.Warnings.Add(new ScriptAnalysisWarning(
            ScriptAnalysisWarningKind.AnalysisFailed,
            $"{ErrorCode.AnalysisFailed}: {file} has {facts.ParseErrors.Count} syntax error(s):" + Environment.NewLine + string.Join(Environment.NewLine, lines),
            facts.FilePath,
            facts.ParseErrors.Min(e => e.Line)));
    }

    private static void ReadRequires(ScriptFacts facts, FileContext context, FileAnalysis result)
    {
        var requires = facts.Requires;
        if (requires is null)
        {
            return;
        }

        foreach (var module in requires.Modules)
        {
            var (line, column) = RequiresLocator.Locate(facts.Comments, "Modules", module.Name);
            var range = context.Range(module.ModuleVersion, module.RequiredVersion, module.MaximumVersion, module.Name, line, result);
            context.Factory.Add(module.Name, DependencyKind.Module, DependencyEvidence.Requires, line, column,
                versionRange: range, isBuiltIn: CorePowerShellCommands.IsCoreModule(module.Name));
        }

        if (requires.PowerShellVersion is not null || requires.PSEditions.Count > 0)
        {
            var (line, column) = RequiresLocator.Locate(facts.Comments, requires.PowerShellVersion is not null ? "Version" : "PSEdition", null);
            var range = requires.PowerShellVersion is null ? null : context.Range(requires.PowerShellVersion, null, null, "PowerShell", line, result);
            var dependency = context.Factory.Add("PowerShell", DependencyKind.Application, DependencyEvidence.Requires, line, column,
                versionRange: range, isBuiltIn: true);
            if (requires.PSEditions.Count > 0)
            {
                dependency.Condition = requires.PSEditions.Count == 1
                    ? $"$PSEdition -eq '{requires.PSEditions[0]}'"
                    : $"$PSEdition -in {string.Join(", ", requires.PSEditions.Select(e => $"'{e}'"))}";
            }
        }

        foreach (var assembly in requires.Assemblies)
        {
            var (line, column) = RequiresLocator.Locate(facts.Comments, "Assembly", null);
            var (name, range) = DotNetNames.ParseAssemblyReference(assembly);
            context.Factory.Add(name, DependencyKind.Assembly, DependencyEvidence.Requires, line, column,
                versionRange: range, isBuiltIn: DotNetNames.IsBuiltInAssembly(name));
        }
    }

    private static void ReadUsings(ScriptFacts facts, FileContext context, FileAnalysis result)
    {
        foreach (var statement in facts.Usings)
        {
            switch (statement.Kind)
            {
                case UsingKind.Namespace:
                    context.UsingNamespaces.Add(statement.Name);
                    break;
                case UsingKind.Assembly:
                    var (assembly, assemblyRange) = DotNetNames.ParseAssemblyReference(statement.Name);
                    context.Factory.Add(assembly, DependencyKind.Assembly, DependencyEvidence.UsingAssembly, statement.Line, statement.Column,
                        versionRange: assemblyRange, isBuiltIn: DotNetNames.IsBuiltInAssembly(assembly));
                    break;
                case UsingKind.Module when statement.ModuleSpecification is not null:
                    AddModuleSpecification(statement.ModuleSpecification, DependencyEvidence.UsingModule, statement.Line, statement.Column,
                        Array.Empty<GuardFact>(), context, result);
                    break;
                case UsingKind.Module when ScriptPaths.IsPathLike(statement.Name):
                    AddScriptReference(statement.Name, ScriptReferenceKind.ModuleFile, DependencyEvidence.UsingModule,
                        statement.Line, statement.Column, Array.Empty<GuardFact>(), context, result);
                    break;
                case UsingKind.Module:
                    var hint = VersionHintComment.Parse(context.CommentOnLine(statement.EndLine));
                    context.Factory.Add(statement.Name, DependencyKind.Module, DependencyEvidence.UsingModule, statement.Line, statement.Column,
                        versionRange: hint, isBuiltIn: CorePowerShellCommands.IsCoreModule(statement.Name));
                    break;
            }
        }
    }

    private void ReadCommand(CommandFact command, FileContext context, FileAnalysis result, bool referencesOnly)
    {
        var name = command.Name ?? context.Evaluator.TryGetText(command.Target);
        if (name is null)
        {
            if (command.Invocation == InvocationKind.DotSource || LooksLikeScriptExpression(command.Target))
            {
                var text = command.Target?.SourceText ?? command.Text;
                if (command.Invocation == InvocationKind.DotSource && PesterSutConvention.TryResolve(context.Facts.FilePath, text, context.Evaluator) is { } tested)
                {
                    AddScriptReference(tested, ScriptReferenceKind.DotSource, DependencyEvidence.DotSource, command.Line, command.Column, command.Guards, context, result);
                    return;
                }

                context.Factory.Add(text, DependencyKind.Script, DependencyEvidence.DotSource, command.Line, command.Column,
                    command.Guards, isDynamic: true);
                context.Warn(result, ScriptAnalysisWarningKind.DynamicDependency, command.Line,
                    $"the script run by '{command.Text}' is not a constant path; it was not followed");
            }

            return;
        }

        if (ModuleQualifiedName.TrySplit(name) is var (module, unqualified))
        {
            // Module\Command imports its module (PowerShell loads it to find the command), as Import-Module would.
            context.Factory.Add(module, DependencyKind.Module, DependencyEvidence.ImportModule, command.Line, command.Column, command.Guards);
            name = unqualified;
        }
        else if (ScriptPaths.IsPathLike(name) && !ExecutableLocator.HasExecutableExtension(name))
        {
            var kind = command.Invocation == InvocationKind.DotSource ? ScriptReferenceKind.DotSource : ScriptReferenceKind.Invoke;
            AddScriptReference(name, kind, DependencyEvidence.DotSource, command.Line, command.Column, command.Guards, context, result);
            return;
        }

        switch (CanonicalName(name))
        {
            case "Import-Module":
                ReadImportModule(command, context, result);
                break;
            case "Add-Type":
                AddTypeReader.Read(command, context, result, referencesOnly ? null : _options.AnalyzeCSharp);
                break;
            case "New-Object":
                ReadNewObject(command, context, result);
                break;
            case "Set-Alias" or "New-Alias":
                var bound = CommandArgumentBinder.Bind(command.Elements, CommandSignature.SetAlias, "Name", "Value");
                var target = context.Evaluator.TryGetText(bound["Value"]);
                if (target is not null)
                {
                    AddCommandUsage(target, bound["Value"]!.Line, bound["Value"]!.Column, command.Guards, context);
                }

                break;
        }

        AddCommandUsage(name, command.Line, command.Column, command.Guards, context);
    }

    private void AddCommandUsage(string name, int line, int column, IReadOnlyList<GuardFact> guards, FileContext context)
    {
        if (context.Defined.Contains(name) || context.DefinedElsewhere.Contains(name))
        {
            return;
        }

        if (_isBuiltInCommand(name))
        {
            context.Factory.Add(name, DependencyKind.Command, DependencyEvidence.CommandUsage, line, column, guards, isBuiltIn: true);
            return;
        }

        var onPath = FindExecutable(name);
        if (onPath is not null || ExecutableLocator.HasExecutableExtension(name))
        {
            var dependency = context.Factory.Add(name, DependencyKind.Application, DependencyEvidence.CommandUsage, line, column, guards);
            dependency.MappingReason = onPath is null ? "native executable, not found on PATH" : $"native executable found on PATH: {onPath}";
            return;
        }

        context.Factory.Add(name, DependencyKind.Command, DependencyEvidence.CommandUsage, line, column, guards);
    }

    private string? FindExecutable(string name)
    {
        lock (_executables)
        {
            if (!_executables.TryGetValue(name, out var path))
            {
                path = _findExecutable(name);
                _executables[name] = path;
            }

            return path;
        }
    }

    private static void ReadImportModule(CommandFact command, FileContext context, FileAnalysis result)
    {
        var bound = CommandArgumentBinder.Bind(command.Elements, CommandSignature.ImportModule, "Name");
        var silent = ConditionClassifier.IsSilentErrorAction(bound["ErrorAction"]);
        var minimum = context.Evaluator.TryGetText(bound["MinimumVersion"]);
        var required = context.Evaluator.TryGetText(bound["RequiredVersion"]);
        var maximum = context.Evaluator.TryGetText(bound["MaximumVersion"]);
        var hasVersionParameter = bound.Has("MinimumVersion") || bound.Has("RequiredVersion") || bound.Has("MaximumVersion");

        foreach (var item in Items(bound["Name"]))
        {
            var name = context.Evaluator.TryGetText(item);
            var (line, column) = Position(item, command);
            if (name is null)
            {
                context.Factory.Add(item.SourceText, DependencyKind.Module, DependencyEvidence.ImportModule, line, column,
                    command.Guards, isDynamic: true, forceOptional: silent);
                context.Warn(result, ScriptAnalysisWarningKind.DynamicDependency, line,
                    $"Import-Module {item.SourceText}: the module name is not a constant; it was not resolved");
                continue;
            }

            if (ScriptPaths.IsPathLike(name))
            {
                if (name.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                {
                    context.Factory.Add(Path.GetFileNameWithoutExtension(name.Replace('\\', '/')), DependencyKind.Assembly,
                        DependencyEvidence.ImportModule, line, column, command.Guards, forceOptional: silent);
                }
                else
                {
                    AddScriptReference(name, ScriptReferenceKind.ModuleFile, DependencyEvidence.ImportModule, line, column,
                        command.Guards, context, result, silent);
                }

                continue;
            }

            var range = hasVersionParameter
                ? context.Range(minimum, required, maximum, name, line, result)
                : VersionHintComment.Parse(context.CommentOnLine(command.EndLine));
            context.Factory.Add(name, DependencyKind.Module, DependencyEvidence.ImportModule, line, column, command.Guards,
                versionRange: range, isBuiltIn: CorePowerShellCommands.IsCoreModule(name), forceOptional: silent);
        }

        foreach (var item in Items(bound["FullyQualifiedName"]))
        {
            var (line, column) = Position(item, command);
            AddModuleSpecification(item, DependencyEvidence.ImportModule, line, column, command.Guards, context, result, silent);
        }
    }

    /// <summary>A module given as a name or a ModuleSpecification hashtable (using module, -FullyQualifiedName, manifests).</summary>
    internal static void AddModuleSpecification(
        StaticValue specification, DependencyEvidence evidence, int line, int column, IReadOnlyList<GuardFact> guards,
        FileContext context, FileAnalysis result, bool forceOptional = false)
    {
        if (specification.Kind == StaticValueKind.Table)
        {
            var name = context.Evaluator.TryGetText(specification["ModuleName"]);
            if (name is null)
            {
                context.Factory.Add(specification.SourceText, DependencyKind.Module, evidence, line, column, guards, isDynamic: true, forceOptional: forceOptional);
                context.Warn(result, ScriptAnalysisWarningKind.DynamicDependency, line,
                    $"module specification {specification.SourceText} has no constant ModuleName; it was not resolved");
                return;
            }

            var range = context.Range(
                context.Evaluator.TryGetText(specification["ModuleVersion"]),
                context.Evaluator.TryGetText(specification["RequiredVersion"]),
                context.Evaluator.TryGetText(specification["MaximumVersion"]),
                name, line, result);
            context.Factory.Add(name, DependencyKind.Module, evidence, line, column, guards, versionRange: range,
                isBuiltIn: CorePowerShellCommands.IsCoreModule(name), forceOptional: forceOptional);
            return;
        }

        var text = context.Evaluator.TryGetText(specification);
        if (text is null)
        {
            context.Factory.Add(specification.SourceText, DependencyKind.Module, evidence, line, column, guards, isDynamic: true, forceOptional: forceOptional);
            context.Warn(result, ScriptAnalysisWarningKind.DynamicDependency, line,
                $"module {specification.SourceText} is not a constant; it was not resolved");
            return;
        }

        context.Factory.Add(text, DependencyKind.Module, evidence, line, column, guards,
            isBuiltIn: CorePowerShellCommands.IsCoreModule(text), forceOptional: forceOptional);
    }

    internal static void AddScriptReference(
        string written, ScriptReferenceKind kind, DependencyEvidence evidence, int line, int column,
        IReadOnlyList<GuardFact> guards, FileContext context, FileAnalysis result, bool forceOptional = false)
    {
        var fullPath = ScriptPaths.Resolve(written, context.Directory);
        var display = ScriptPaths.DisplayName(written, fullPath, context.Directory);
        var isAssembly = written.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        context.Factory.Add(isAssembly ? Path.GetFileNameWithoutExtension(display) : display,
            isAssembly ? DependencyKind.Assembly : DependencyKind.Script, evidence, line, column, guards, forceOptional: forceOptional);
        if (fullPath is not null && !isAssembly)
        {
            result.References.Add(new ScriptReference(fullPath, kind, line));
        }
    }

    private static void ReadNewObject(CommandFact command, FileContext context, FileAnalysis result)
    {
        var bound = CommandArgumentBinder.Bind(command.Elements, CommandSignature.NewObject, "TypeName", "ArgumentList");
        if (!bound.Has("TypeName") || bound.Has("ComObject"))
        {
            return;
        }

        var value = bound["TypeName"];
        var typeName = context.Evaluator.TryGetText(value);
        var (line, column) = value is null ? (command.Line, command.Column) : Position(value, command);
        if (typeName is null)
        {
            context.Factory.Add(value?.SourceText ?? command.Text, DependencyKind.Assembly, DependencyEvidence.TypeLiteral, line, column,
                command.Guards, isDynamic: true);
            context.Warn(result, ScriptAnalysisWarningKind.DynamicDependency, line,
                $"New-Object {value?.SourceText}: the type name is not a constant; it was not resolved");
            return;
        }

        AddTypeDependency(typeName, line, column, command.Guards, context);
    }

    private static void AddTypeDependency(string typeName, int line, int column, IReadOnlyList<GuardFact> guards, FileContext context)
    {
        var (name, typeArguments) = TypeNameText.Split(typeName);
        foreach (var argument in typeArguments)
        {
            AddTypeDependency(argument, line, column, guards, context);
        }

        if (name.Length == 0 || context.Facts.DefinedTypes.Contains(name) || context.DefinedTypes.Contains(name))
        {
            return;
        }

        if (!name.Contains('.'))
        {
            if (DotNetNames.IsBuiltInType(name))
            {
                return;
            }

            var candidates = context.UsingNamespaces.Where(ns => !DotNetNames.IsBuiltInNamespace(ns)).Select(ns => ns + "." + name).ToList();
            if (candidates.Count == 0)
            {
                return;
            }

            var qualified = context.Factory.Add(candidates[0], DependencyKind.Assembly, DependencyEvidence.TypeLiteral, line, column, guards);
            qualified.Alternatives = candidates.Skip(1).ToArray();
            return;
        }

        context.Factory.Add(name, DependencyKind.Assembly, DependencyEvidence.TypeLiteral, line, column, guards,
            isBuiltIn: DotNetNames.IsBuiltInType(name));
    }

    private static void ReadStaticMethodCall(StaticMethodCallFact call, FileContext context, FileAnalysis result)
    {
        var type = call.TypeName.Trim('[', ']');
        if (!string.Equals(type, "Reflection.Assembly", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(type, "System.Reflection.Assembly", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var method = call.MethodName;
        var isLoad = method.Equals("LoadFrom", StringComparison.OrdinalIgnoreCase) || method.Equals("LoadFile", StringComparison.OrdinalIgnoreCase)
            || method.Equals("Load", StringComparison.OrdinalIgnoreCase) || method.Equals("LoadWithPartialName", StringComparison.OrdinalIgnoreCase)
            || method.Equals("UnsafeLoadFrom", StringComparison.OrdinalIgnoreCase);
        if (!isLoad || call.Arguments.Count == 0)
        {
            return;
        }

        var argument = call.Arguments[0];
        var text = context.Evaluator.TryGetText(argument);
        if (text is null)
        {
            context.Factory.Add(argument.SourceText, DependencyKind.Assembly, DependencyEvidence.AddType, call.Line, call.Column, call.Guards, isDynamic: true);
            context.Warn(result, ScriptAnalysisWarningKind.DynamicDependency, call.Line,
                $"[{type}]::{method}({argument.SourceText}): the assembly is not a constant; it was not resolved");
            return;
        }

        var (name, range) = DotNetNames.ParseAssemblyReference(text);
        context.Factory.Add(name, DependencyKind.Assembly, DependencyEvidence.AddType, call.Line, call.Column, call.Guards,
            versionRange: range, isBuiltIn: DotNetNames.IsBuiltInAssembly(name));
    }

    internal static IReadOnlyList<StaticValue> Items(StaticValue? value) =>
        value is null ? Array.Empty<StaticValue>() : value.Kind == StaticValueKind.List ? value.Items : new[] { value };

    internal static (int Line, int Column) Position(StaticValue value, CommandFact command) =>
        value.Line > 0 ? (value.Line, value.Column) : (command.Line, command.Column);

    private static bool LooksLikeScriptExpression(StaticValue? target) =>
        target is not null && target.Kind is StaticValueKind.Expandable or StaticValueKind.Concatenation or StaticValueKind.CommandCall or StaticValueKind.MethodCall
        && target.SourceText.Contains(".ps", StringComparison.OrdinalIgnoreCase);

    internal static string? CanonicalName(string? name) => name?.ToLowerInvariant() switch
    {
        "import-module" or "ipmo" => "Import-Module",
        "add-type" => "Add-Type",
        "new-object" => "New-Object",
        "set-alias" or "sal" => "Set-Alias",
        "new-alias" or "nal" => "New-Alias",
        _ => null,
    };
}
