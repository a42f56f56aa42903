using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DepResolve.Engine.Analysis.CSharp;

/// <summary>
/// Walks a C# syntax tree and collects the namespaces it names: using directives (global, static, alias), and the
/// namespace part of fully qualified names in code. Purely syntactic, so it is conservative about what counts as a
/// namespace:
/// - in a type position (declaration, cast, typeof, new, attribute) A.B.C is a type C in namespace A.B;
/// - in an expression, a pure identifier chain A.B.C.M is member M of type C in namespace A.B;
/// - the root (A) must not be something the file declares (a local, parameter, member, type or using alias);
/// - a root not known to be a namespace (System, Microsoft, Newtonsoft, Amazon, ...) must be capitalised and give at
///   least two namespace segments in a type position, three in an expression (where Request.Headers.Value may well be
///   an inherited property), or "Environment.SpecialFolder" would become a namespace "Environment".
/// </summary>
internal sealed class CSharpReferenceCollector : CSharpSyntaxWalker
{
    private readonly Func<string, bool> isKnownRoot;
    private readonly int firstReportedLine;
    private readonly HashSet<string> declaredNames = new(StringComparer.Ordinal);
    private readonly List<CSharpNameReference> references = [];

    private CSharpReferenceCollector(Func<string, bool> isKnownRoot, int firstReportedLine)
    {
        this.isKnownRoot = isKnownRoot;
        this.firstReportedLine = firstReportedLine;
    }

    /// <summary>Collects from <paramref name="root"/>; references on lines before <paramref name="firstReportedLine"/> (a generated wrapper) are skipped.</summary>
    public static IReadOnlyList<CSharpNameReference> Collect(SyntaxNode root, Func<string, bool> isKnownRoot, int firstReportedLine = 0)
    {
        var collector = new CSharpReferenceCollector(isKnownRoot, firstReportedLine);
        collector.CollectDeclaredNames(root);
        collector.Visit(root);
        return collector.references;
    }

    public override void VisitUsingDirective(UsingDirectiveSyntax node)
    {
        if (node.NamespaceOrType is NameSyntax name && TryFlatten(name, out var segments))
        {
            Add(string.Join('.', segments), CSharpNameSource.UsingDirective, node.NamespaceOrType);
        }
    }

    public override void VisitFileScopedNamespaceDeclaration(FileScopedNamespaceDeclarationSyntax node)
    {
        // The declared namespace name is the file's own, not a dependency; its members are.
        foreach (var member in node.Usings)
        {
            Visit(member);
        }

        foreach (var member in node.Members)
        {
            Visit(member);
        }
    }

    public override void VisitNamespaceDeclaration(NamespaceDeclarationSyntax node)
    {
        foreach (var member in node.Usings)
        {
            Visit(member);
        }

        foreach (var member in node.Members)
        {
            Visit(member);
        }
    }

    public override void VisitQualifiedName(QualifiedNameSyntax node)
    {
        if (TryFlatten(node, out var segments) && segments.Count >= 2)
        {
            ReportNamespace(segments, segments.Count - 1, node, minimumUnknownRootSegments: 2);
        }

        // Type arguments inside the name (A.B.List<C.D.E>) are visited for their own qualified names.
        foreach (var typeArgumentList in node.DescendantNodes().OfType<TypeArgumentListSyntax>())
        {
            foreach (var argument in typeArgumentList.Arguments)
            {
                Visit(argument);
            }
        }
    }

    public override void VisitMemberAccessExpression(MemberAccessExpressionSyntax node)
    {
        var isOutermostOfChain = node.Parent is not MemberAccessExpressionSyntax parent || parent.Expression != node;
        if (isOutermostOfChain && node.IsKind(SyntaxKind.SimpleMemberAccessExpression) && TryFlattenExpression(node, out var segments) && segments.Count >= 3)
        {
            ReportNamespace(segments, segments.Count - 2, node, minimumUnknownRootSegments: 3);
            if (node.Name is GenericNameSyntax generic)
            {
                Visit(generic.TypeArgumentList);
            }

            return;
        }

        base.VisitMemberAccessExpression(node);
    }

    private void ReportNamespace(List<string> segments, int namespaceSegmentCount, SyntaxNode node, int minimumUnknownRootSegments)
    {
        var root = segments[0];
        if (declaredNames.Contains(root))
        {
            return;
        }

        var knownRoot = isKnownRoot(root);
        if (!knownRoot && (namespaceSegmentCount < minimumUnknownRootSegments || !char.IsUpper(root[0])))
        {
            return;
        }

        Add(string.Join('.', segments.Take(namespaceSegmentCount)), CSharpNameSource.QualifiedName, node);
    }

    private void Add(string name, CSharpNameSource source, SyntaxNode node)
    {
        var position = node.GetLocation().GetLineSpan().StartLinePosition;
        if (position.Line < firstReportedLine)
        {
            return;
        }

        references.Add(new CSharpNameReference(name, source, position.Line, position.Character));
    }

    private static bool TryFlatten(NameSyntax name, out List<string> segments)
    {
        segments = [];
        return AppendName(name, segments);
    }

    private static bool AppendName(NameSyntax name, List<string> segments)
    {
        switch (name)
        {
            case QualifiedNameSyntax qualified:
                return AppendName(qualified.Left, segments) && AppendName(qualified.Right, segments);
            case AliasQualifiedNameSyntax aliased:
                // global::System.IO -> System.IO; any other alias is the file's own.
                return aliased.Alias.Identifier.IsKind(SyntaxKind.GlobalKeyword) && AppendName(aliased.Name, segments);
            case SimpleNameSyntax simple:
                segments.Add(simple.Identifier.ValueText);
                return true;
            default:
                return false;
        }
    }

    private static bool TryFlattenExpression(ExpressionSyntax expression, out List<string> segments)
    {
        segments = [];
        return AppendExpression(expression, segments);
    }

    private static bool AppendExpression(ExpressionSyntax expression, List<string> segments)
    {
        switch (expression)
        {
            case MemberAccessExpressionSyntax access when access.IsKind(SyntaxKind.SimpleMemberAccessExpression):
                return AppendExpression(access.Expression, segments) && AppendSimple(access.Name, segments);
            case AliasQualifiedNameSyntax aliased when aliased.Alias.Identifier.IsKind(SyntaxKind.GlobalKeyword):
                return AppendSimple(aliased.Name, segments);
            case IdentifierNameSyntax identifier:
                segments.Add(identifier.Identifier.ValueText);
                return true;
            default:
                return false;
        }
    }

    private static bool AppendSimple(SimpleNameSyntax name, List<string> segments)
    {
        segments.Add(name.Identifier.ValueText);
        return true;
    }

    private void CollectDeclaredNames(SyntaxNode root)
    {
        foreach (var node in root.DescendantNodes())
        {
            var identifier = node switch
            {
                VariableDeclaratorSyntax v => v.Identifier,
                ParameterSyntax p => p.Identifier,
                ForEachStatementSyntax f => f.Identifier,
                CatchDeclarationSyntax c => c.Identifier,
                SingleVariableDesignationSyntax d => d.Identifier,
                BaseTypeDeclarationSyntax t => t.Identifier,
                DelegateDeclarationSyntax d => d.Identifier,
                MethodDeclarationSyntax m => m.Identifier,
                PropertyDeclarationSyntax p => p.Identifier,
                EventDeclarationSyntax e => e.Identifier,
                EnumMemberDeclarationSyntax e => e.Identifier,
                TypeParameterSyntax t => t.Identifier,
                LocalFunctionStatementSyntax l => l.Identifier,
                FromClauseSyntax f => f.Identifier,
                LetClauseSyntax l => l.Identifier,
                JoinClauseSyntax j => j.Identifier,
                QueryContinuationSyntax q => q.Identifier,
                UsingDirectiveSyntax { Alias: not null } u => u.Alias.Name.Identifier,
                _ => default,
            };

            if (!identifier.IsKind(SyntaxKind.None))
            {
                declaredNames.Add(identifier.ValueText);
            }
        }
    }
}
