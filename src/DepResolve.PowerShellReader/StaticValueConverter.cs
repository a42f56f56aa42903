using System.Globalization;
using System.Management.Automation.Language;
using DepResolve.Engine.Analysis.PowerShell.Facts;

namespace DepResolve.PowerShellReader;

/// <summary>Reduces a PowerShell expression to a <see cref="StaticValue"/>: constants stay constants, the rest is described, never run.</summary>
internal static class StaticValueConverter
{
    public static StaticValue Convert(Ast? ast)
    {
        if (ast is null)
        {
            return StaticValue.Dynamic("");
        }

        var line = ast.Extent.StartLineNumber;
        var column = ast.Extent.StartColumnNumber;
        var text = ast.Extent.Text;
        switch (ast)
        {
            case StringConstantExpressionAst s:
                return StaticValue.Constant(s.Value, line, column, text);
            case ConstantExpressionAst c:
                return StaticValue.Constant(System.Convert.ToString(c.Value, CultureInfo.InvariantCulture) ?? "", line, column, text);
            case ExpandableStringExpressionAst e when e.NestedExpressions.All(n => n is VariableExpressionAst v && !v.Splatted):
                var names = e.NestedExpressions.Cast<VariableExpressionAst>().Select(v => VariableName(v)).ToList();
                return StaticValue.Expandable(e.Value, names, text, line, column);
            case VariableExpressionAst v:
                return StaticValue.Variable(VariableName(v), text, line, column);
            case ArrayLiteralAst a:
                return StaticValue.List(a.Elements.Select(Convert).ToList(), text, line, column);
            case ArrayExpressionAst a:
                return ConvertArrayExpression(a) ?? StaticValue.Dynamic(text, line, column);
            case ParenExpressionAst p:
                var inner = ConvertPipeline(p.Pipeline);
                return inner switch
                {
                    null => StaticValue.Dynamic(text, line, column),
                    { Kind: StaticValueKind.CommandCall } => StaticValue.CommandCall(inner.Command!, text, line, column),
                    _ => inner,
                };
            case HashtableAst h:
                return ConvertHashtable(h) ?? StaticValue.Dynamic(text, line, column);
            case BinaryExpressionAst b when b.Operator == TokenKind.Plus:
                return StaticValue.Concatenation(new[] { Convert(b.Left), Convert(b.Right) }, text, line, column);
            case ConvertExpressionAst c:
                return Convert(c.Child);
            case InvokeMemberExpressionAst { Static: true, Expression: TypeExpressionAst type, Member: StringConstantExpressionAst member } call:
                var arguments = call.Arguments?.Select(Convert).ToList() ?? new List<StaticValue>();
                return StaticValue.MethodCall(type.TypeName.FullName, member.Value, arguments, text, line, column);
            case MemberExpressionAst m when IsCommandPath(m):
                return StaticValue.Variable("PSCommandPath", text, line, column);
            default:
                return StaticValue.Dynamic(text, line, column);
        }
    }

    /// <summary>A pipeline that is one expression, or one command whose output is the value (Join-Path, Split-Path).</summary>
    public static StaticValue? ConvertPipeline(PipelineBaseAst? pipelineBase)
    {
        if (pipelineBase is not PipelineAst { PipelineElements.Count: 1 } pipeline)
        {
            return null;
        }

        return ConvertPipelineElement(pipeline.PipelineElements[0]);
    }

    /// <summary>
    /// A statement whose value is knowable. The parser gives the right side of <c>$x = 'a'</c> (and of a here-string
    /// assignment) as a bare CommandExpressionAst, not wrapped in a PipelineAst; <c>$x = Join-Path a b</c> as a PipelineAst.
    /// </summary>
    public static StaticValue? ConvertStatement(StatementAst? statement) =>
        statement switch
        {
            PipelineBaseAst pipeline => ConvertPipeline(pipeline),
            CommandBaseAst element => ConvertPipelineElement(element),
            _ => null,
        };

    private static StaticValue? ConvertPipelineElement(CommandBaseAst element) =>
        element switch
        {
            CommandExpressionAst expression when expression.Redirections.Count == 0 => Convert(expression.Expression),
            CommandAst command => StaticValue.CommandCall(FactsCollector.ToCommandFact(command, withGuards: false), command.Extent.Text,
                command.Extent.StartLineNumber, command.Extent.StartColumnNumber),
            _ => null,
        };

    private static StaticValue? ConvertArrayExpression(ArrayExpressionAst array)
    {
        var items = new List<StaticValue>();
        foreach (var statement in array.SubExpression.Statements)
        {
            var value = ConvertStatement(statement);
            if (value is null)
            {
                return null;
            }

            if (value.Kind == StaticValueKind.List)
            {
                items.AddRange(value.Items);
            }
            else
            {
                items.Add(value);
            }
        }

        return StaticValue.List(items, array.Extent.Text, array.Extent.StartLineNumber, array.Extent.StartColumnNumber);
    }

    private static StaticValue? ConvertHashtable(HashtableAst hashtable)
    {
        var entries = new List<KeyValuePair<string, StaticValue>>();
        foreach (var pair in hashtable.KeyValuePairs)
        {
            var key = pair.Item1 switch
            {
                StringConstantExpressionAst s => s.Value,
                ConstantExpressionAst c => System.Convert.ToString(c.Value, CultureInfo.InvariantCulture),
                _ => null,
            };
            if (key is null)
            {
                return null;
            }

            var value = ConvertStatement(pair.Item2) ?? StaticValue.Dynamic(pair.Item2.Extent.Text, pair.Item2.Extent.StartLineNumber, pair.Item2.Extent.StartColumnNumber);
            entries.Add(new KeyValuePair<string, StaticValue>(key, value));
        }

        return StaticValue.Table(entries, hashtable.Extent.Text, hashtable.Extent.StartLineNumber, hashtable.Extent.StartColumnNumber);
    }

    /// <summary>The variable's name without '$', '@' or a scope prefix (script:, global:, local:, private:, using:).</summary>
    public static string VariableName(VariableExpressionAst variable)
    {
        var path = variable.VariablePath.UserPath;
        var colon = path.IndexOf(':');
        if (colon > 0)
        {
            var scope = path[..colon];
            if (scope.Equals("script", StringComparison.OrdinalIgnoreCase) || scope.Equals("global", StringComparison.OrdinalIgnoreCase)
                || scope.Equals("local", StringComparison.OrdinalIgnoreCase) || scope.Equals("private", StringComparison.OrdinalIgnoreCase)
                || scope.Equals("using", StringComparison.OrdinalIgnoreCase))
            {
                return path[(colon + 1)..];
            }
        }

        return path;
    }

    private static bool IsCommandPath(MemberExpressionAst member)
    {
        var text = member.Extent.Text;
        return text.Equals("$MyInvocation.MyCommand.Path", StringComparison.OrdinalIgnoreCase)
            || text.Equals("$MyInvocation.MyCommand.Definition", StringComparison.OrdinalIgnoreCase);
    }
}
