using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DepResolve.Engine.Tests.Architecture;

/// <summary>One use of another engine folder: the file, its line, the folder it names and the text that names it.</summary>
public sealed record FolderImport(string File, int Line, string FromFolder, string ToFolder, string Text);

/// <summary>
/// Which engine folders each source file of src/DepResolve.Engine uses, read from its syntax: <c>using</c>
/// directives (plain, static, alias), fully qualified names (<c>DepResolve.Engine.X.Y</c>, <c>global::…</c>) and
/// names qualified from inside the engine's namespace (<c>Packaging.PackageArchive</c>). Comments and strings do
/// not count. A file's folder is the first folder under src/DepResolve.Engine, and namespaces follow folders.
/// </summary>
public sealed class EngineFolderImports
{
    private const string EngineNamespace = "DepResolve.Engine";

    private readonly List<(string File, string Folder, SyntaxTree Tree)> _files = new();
    private readonly Dictionary<string, HashSet<string>> _namesByFolder = new(StringComparer.Ordinal);

    /// <summary>The source files as (path relative to the engine folder with '/', text).</summary>
    public EngineFolderImports(IEnumerable<(string RelativePath, string Text)> sources)
    {
        foreach (var (path, text) in sources)
        {
            var folder = path.Contains('/') ? path[..path.IndexOf('/')] : "";
            var tree = CSharpSyntaxTree.ParseText(text, path: path);
            _files.Add((path, folder, tree));
            RecordDeclaredNames(tree);
        }
    }

    /// <summary>Reads every .cs file under <paramref name="engineFolder"/> except build output.</summary>
    public static EngineFolderImports FromFolder(string engineFolder)
    {
        var sources = Directory.EnumerateFiles(engineFolder, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(engineFolder, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(p => !p.StartsWith("bin/", StringComparison.Ordinal) && !p.StartsWith("obj/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(p => (p, File.ReadAllText(Path.Combine(engineFolder, p))));
        return new EngineFolderImports(sources);
    }

    /// <summary>The top-level folders that hold source files.</summary>
    public IReadOnlyList<string> Folders => _files.Select(f => f.Folder).Where(f => f.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>Each file whose namespace is not the one its folder gives, as "path: namespace (expected …)".</summary>
    public IReadOnlyList<string> NamespaceMismatches()
    {
        var mismatches = new List<string>();
        foreach (var (file, _, tree) in _files)
        {
            var folderPath = file.Contains('/') ? file[..file.LastIndexOf('/')] : "";
            var expected = folderPath.Length == 0 ? EngineNamespace : EngineNamespace + "." + folderPath.Replace('/', '.');
            foreach (var declared in tree.GetRoot().DescendantNodes().OfType<BaseNamespaceDeclarationSyntax>())
            {
                if (declared.Name.ToString() != expected)
                {
                    mismatches.Add($"{file}: namespace {declared.Name} (expected {expected})");
                }
            }
        }

        return mismatches;
    }

    /// <summary>Every use of a folder other than the file's own.</summary>
    public IReadOnlyList<FolderImport> Imports()
    {
        var imports = new List<FolderImport>();
        foreach (var (file, folder, tree) in _files)
        {
            foreach (var name in tree.GetRoot().DescendantNodes().OfType<IdentifierNameSyntax>().Where(IsLeftmost))
            {
                var (segments, outermost) = Chain(name);
                if (outermost.Parent is BaseNamespaceDeclarationSyntax)
                {
                    continue;
                }

                var target = TargetFolder(segments);
                if (target is not null && target != folder)
                {
                    var line = outermost.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                    imports.Add(new FolderImport(file, line, folder, target, string.Join(".", segments)));
                }
            }
        }

        return imports;
    }

    private string? TargetFolder(IReadOnlyList<string> segments)
    {
        // DepResolve.Engine.X… from anywhere.
        if (segments.Count >= 3 && segments[0] == "DepResolve" && segments[1] == "Engine")
        {
            return segments[2];
        }

        // X.Y… inside namespace DepResolve.Engine.*, where X is an engine folder and Y a type or namespace in it.
        if (segments.Count >= 2 && _namesByFolder.TryGetValue(segments[0], out var names) && names.Contains(segments[1]))
        {
            return segments[0];
        }

        return null;
    }

    private void RecordDeclaredNames(SyntaxTree tree)
    {
        foreach (var declared in tree.GetRoot().DescendantNodes().OfType<BaseNamespaceDeclarationSyntax>())
        {
            var parts = declared.Name.ToString().Split('.');
            if (parts.Length < 3 || parts[0] != "DepResolve" || parts[1] != "Engine")
            {
                continue;
            }

            var names = NamesOf(parts[2]);
            if (parts.Length > 3)
            {
                names.Add(parts[3]);
                continue;
            }

            foreach (var member in declared.Members)
            {
                switch (member)
                {
                    case BaseTypeDeclarationSyntax type:
                        names.Add(type.Identifier.Text);
                        break;
                    case DelegateDeclarationSyntax callback:
                        names.Add(callback.Identifier.Text);
                        break;
                }
            }
        }
    }

    private HashSet<string> NamesOf(string folder)
    {
        if (!_namesByFolder.TryGetValue(folder, out var names))
        {
            names = new HashSet<string>(StringComparer.Ordinal);
            _namesByFolder[folder] = names;
        }

        return names;
    }

    /// <summary>The first name of a dotted chain: not the right side of a qualified name, member access or alias.</summary>
    private static bool IsLeftmost(IdentifierNameSyntax name) => name.Parent switch
    {
        QualifiedNameSyntax qualified => qualified.Left == name,
        MemberAccessExpressionSyntax access => access.Expression == name,
        AliasQualifiedNameSyntax alias => alias.Alias == name,
        _ => true,
    };

    /// <summary>The names of the dotted chain that starts at <paramref name="start"/> (global:: dropped), and its outermost node.</summary>
    private static (List<string> Segments, SyntaxNode Outermost) Chain(IdentifierNameSyntax start)
    {
        var segments = new List<string>();
        SyntaxNode node = start;
        if (start.Parent is AliasQualifiedNameSyntax alias && alias.Alias == start)
        {
            segments.Add(alias.Name.Identifier.Text);
            node = alias;
        }
        else
        {
            segments.Add(start.Identifier.Text);
        }

        while (true)
        {
            switch (node.Parent)
            {
                case QualifiedNameSyntax qualified when qualified.Left == node:
                    segments.Add(qualified.Right.Identifier.Text);
                    node = qualified;
                    continue;
                case MemberAccessExpressionSyntax access when access.Expression == node:
                    segments.Add(access.Name.Identifier.Text);
                    node = access;
                    continue;
            }

            return (segments, node);
        }
    }
}
