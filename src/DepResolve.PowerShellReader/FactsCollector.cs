using System.Management.Automation.Language;
using DepResolve.Engine.Analysis.PowerShell.Facts;

namespace DepResolve.PowerShellReader;

/// <summary>
/// Walks PowerShell's AST of one file and writes down what is there, as plain facts: no decisions.
/// Every decision (is it a dependency, which version, optional or not) is made by the engine.
/// </summary>
internal static class FactsCollector
{
    public static ScriptFacts Collect(ScriptBlockAst script, Token[] tokens, ParseError[] errors, string? filePath, bool isManifest)
    {
        var facts = new ScriptFacts { FilePath = filePath };

        foreach (var token in tokens.Where(t => t.Kind == TokenKind.Comment))
        {
            facts.Comments.Add(new CommentFact { Text = token.Text, Line = token.Extent.StartLineNumber, Column = token.Extent.StartColumnNumber });
        }

        foreach (var error in errors)
        {
            facts.ParseErrors.Add(new ParseErrorFact { Message = error.Message, Line = error.Extent.StartLineNumber, Column = error.Extent.StartColumnNumber });
        }

        if (isManifest)
        {
            var table = script.Find(a => a is HashtableAst, searchNestedScriptBlocks: false);
            facts.Manifest = table is null ? null : StaticValueConverter.Convert(table);
            return facts;
        }

        CollectRequires(script, facts);
        CollectUsings(script, facts);

        foreach (var ast in script.FindAll(_ => true, searchNestedScriptBlocks: true))
        {
            switch (ast)
            {
                case CommandAst command:
                    facts.Commands.Add(ToCommandFact(command, withGuards: true));
                    break;
                case FunctionDefinitionAst function when function.Parent is not FunctionMemberAst:
                    facts.DefinedFunctions.Add(WithoutScope(function.Name));
                    break;
                case TypeDefinitionAst type:
                    facts.DefinedTypes.Add(type.Name);
                    break;
                case TypeExpressionAst type:
                    AddTypeReferences(type.TypeName, TypeReferenceKind.TypeExpression, type, facts);
                    break;
                case TypeConstraintAst constraint:
                    AddTypeReferences(constraint.TypeName, TypeReferenceKind.TypeConstraint, constraint, facts);
                    break;
                case AttributeAst attribute:
                    AddTypeReferences(attribute.TypeName, TypeReferenceKind.Attribute, attribute, facts);
                    break;
                case InvokeMemberExpressionAst { Static: true, Expression: TypeExpressionAst type, Member: StringConstantExpressionAst member } call:
                    facts.StaticMethodCalls.Add(new StaticMethodCallFact
                    {
                        TypeName = type.TypeName.FullName,
                        MethodName = member.Value,
                        Arguments = call.Arguments?.Select(StaticValueConverter.Convert).ToList() ?? new List<StaticValue>(),
                        Line = call.Extent.StartLineNumber,
                        Column = call.Extent.StartColumnNumber,
                        Guards = GuardsOf(call),
                    });
                    break;
                case AssignmentStatementAst assignment:
                    AddAssignment(assignment, facts);
                    break;
                case ForEachStatementAst loop:
                    facts.Assignments.Add(new AssignmentFact { VariableName = StaticValueConverter.VariableName(loop.Variable), Operator = "other", Line = loop.Extent.StartLineNumber });
                    break;
                case ParameterAst parameter:
                    facts.Assignments.Add(new AssignmentFact { VariableName = StaticValueConverter.VariableName(parameter.Name), Operator = "other", Line = parameter.Extent.StartLineNumber });
                    break;
            }
        }

        return facts;
    }

    public static CommandFact ToCommandFact(CommandAst command, bool withGuards)
    {
        var name = command.GetCommandName();
        var elements = new List<CommandElementFact>();
        foreach (var element in command.CommandElements.Skip(1))
        {
            if (element is CommandParameterAst parameter)
            {
                elements.Add(CommandElementFact.Parameter(
                    parameter.ParameterName,
                    parameter.Argument is null ? null : StaticValueConverter.Convert(parameter.Argument),
                    parameter.Extent.StartLineNumber,
                    parameter.Extent.StartColumnNumber));
            }
            else
            {
                elements.Add(CommandElementFact.Argument(StaticValueConverter.Convert(element)));
            }
        }

        return new CommandFact
        {
            Name = name,
            Target = name is null && command.CommandElements.Count > 0 ? StaticValueConverter.Convert(command.CommandElements[0]) : null,
            Invocation = command.InvocationOperator switch
            {
                TokenKind.Dot => InvocationKind.DotSource,
                TokenKind.Ampersand => InvocationKind.CallOperator,
                _ => InvocationKind.Direct,
            },
            Elements = elements,
            Line = command.Extent.StartLineNumber,
            Column = command.Extent.StartColumnNumber,
            EndLine = command.Extent.EndLineNumber,
            Guards = withGuards ? GuardsOf(command) : Array.Empty<GuardFact>(),
            Text = command.Extent.Text,
        };
    }

    private static void CollectRequires(ScriptBlockAst script, ScriptFacts facts)
    {
        var requirements = script.ScriptRequirements;
        if (requirements is null)
        {
            return;
        }

        var requires = new RequiresFacts { PowerShellVersion = requirements.RequiredPSVersion?.ToString() };
        foreach (var module in requirements.RequiredModules ?? Enumerable.Empty<Microsoft.PowerShell.Commands.ModuleSpecification>())
        {
            requires.Modules.Add(new RequiredModuleFact
            {
                Name = module.Name,
                ModuleVersion = module.Version?.ToString(),
                RequiredVersion = module.RequiredVersion?.ToString(),
                MaximumVersion = module.MaximumVersion,
                Guid = module.Guid?.ToString(),
            });
        }

        requires.PSEditions.AddRange(requirements.RequiredPSEditions ?? Enumerable.Empty<string>());
        requires.Assemblies.AddRange(requirements.RequiredAssemblies ?? Enumerable.Empty<string>());
        facts.Requires = requires;
    }

    private static void CollectUsings(ScriptBlockAst script, ScriptFacts facts)
    {
        foreach (var statement in script.UsingStatements)
        {
            UsingKind kind;
            switch (statement.UsingStatementKind)
            {
                case UsingStatementKind.Module:
                    kind = UsingKind.Module;
                    break;
                case UsingStatementKind.Assembly:
                    kind = UsingKind.Assembly;
                    break;
                case UsingStatementKind.Namespace:
                    kind = UsingKind.Namespace;
                    break;
                default:
                    continue;
            }

            facts.Usings.Add(new UsingFact
            {
                Kind = kind,
                Name = statement.Name?.Value ?? "",
                ModuleSpecification = statement.ModuleSpecification is null ? null : StaticValueConverter.Convert(statement.ModuleSpecification),
                Line = statement.Extent.StartLineNumber,
                Column = statement.Extent.StartColumnNumber,
                EndLine = statement.Extent.EndLineNumber,
            });
        }
    }

    private static void AddTypeReferences(ITypeName typeName, TypeReferenceKind kind, Ast at, ScriptFacts facts)
    {
        switch (typeName)
        {
            case GenericTypeName generic:
                AddTypeReferences(generic.TypeName, kind, at, facts);
                foreach (var argument in generic.GenericArguments)
                {
                    AddTypeReferences(argument, kind, at, facts);
                }

                break;
            case ArrayTypeName array:
                AddTypeReferences(array.ElementType, kind, at, facts);
                break;
            default:
                facts.TypeReferences.Add(new TypeReferenceFact
                {
                    TypeName = typeName.FullName,
                    Kind = kind,
                    Line = at.Extent.StartLineNumber,
                    Column = at.Extent.StartColumnNumber,
                    Guards = GuardsOf(at),
                });
                break;
        }
    }

    private static void AddAssignment(AssignmentStatementAst assignment, ScriptFacts facts)
    {
        var target = assignment.Left switch
        {
            VariableExpressionAst v => v,
            ConvertExpressionAst { Child: VariableExpressionAst v } => v,
            _ => null,
        };
        if (target is null)
        {
            return;
        }

        var isPlain = assignment.Operator == TokenKind.Equals;
        facts.Assignments.Add(new AssignmentFact
        {
            VariableName = StaticValueConverter.VariableName(target),
            Operator = isPlain ? "=" : "other",
            Value = isPlain ? StaticValueConverter.ConvertStatement(assignment.Right) ?? StaticValue.Dynamic(assignment.Right.Extent.Text) : null,
            Line = assignment.Extent.StartLineNumber,
        });
    }

    /// <summary>The try bodies and if/elseif/else branches around a node, outermost first.</summary>
    private static IReadOnlyList<GuardFact> GuardsOf(Ast node)
    {
        var guards = new List<GuardFact>();
        var child = node;
        for (var parent = node.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            if (parent is TryStatementAst attempt && ReferenceEquals(child, attempt.Body) && (attempt.CatchClauses.Count > 0 || attempt.Finally is not null))
            {
                guards.Add(new GuardFact { Kind = GuardKind.TryBody, Line = attempt.Extent.StartLineNumber });
                continue;
            }

            if (parent is not IfStatementAst branch)
            {
                continue;
            }

            var clauses = branch.Clauses;
            var taken = ReferenceEquals(child, branch.ElseClause) ? clauses.Count : -1;
            for (var i = 0; i < clauses.Count && taken < 0; i++)
            {
                if (ReferenceEquals(child, clauses[i].Item2))
                {
                    taken = i;
                    guards.Add(Guard(GuardKind.IfBranch, clauses[i].Item1));
                }
            }

            for (var j = Math.Min(taken, clauses.Count) - 1; j >= 0; j--)
            {
                guards.Add(Guard(GuardKind.ElseOf, clauses[j].Item1));
            }
        }

        guards.Reverse();
        return guards;
    }

    private static GuardFact Guard(GuardKind kind, PipelineBaseAst condition) => new()
    {
        Kind = kind,
        ConditionText = condition.Extent.Text,
        ConditionCommands = condition.FindAll(a => a is CommandAst, searchNestedScriptBlocks: false)
            .Cast<CommandAst>().Select(c => ToCommandFact(c, withGuards: false)).ToList(),
        Line = condition.Extent.StartLineNumber,
    };

    private static string WithoutScope(string name)
    {
        var colon = name.IndexOf(':');
        return colon > 0 && name[..colon].ToLowerInvariant() is "global" or "script" or "local" or "private" ? name[(colon + 1)..] : name;
    }
}
