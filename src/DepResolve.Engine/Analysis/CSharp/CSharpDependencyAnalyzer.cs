using DepResolve.Engine.Analysis.DotNet;
using DepResolve.Engine.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DepResolve.Engine.Analysis.CSharp;

/// <summary>
/// Finds what C# source needs, with Roslyn's parser (no compilation, no references needed): namespaces from using
/// directives and fully qualified names, <c>#r "nuget: Id, Version"</c>, <c>#r "path.dll"</c> and <c>#load</c> in
/// .csx scripts (dotnet-script's syntax, followed recursively, each file once), and the C# of Add-Type
/// (-TypeDefinition, and -MemberDefinition wrapped the way PowerShell wraps it).
/// Framework namespaces come back with IsBuiltIn set and the reason; everything else is left for the mapper.
/// Stateless apart from read-only shared tables: one instance may analyse many files on many threads at once.
/// Problems with a file (missing, empty, binary, too large, not UTF-8, syntax errors) come back as diagnostics naming
/// the file; nothing here throws for file content.
/// </summary>
internal sealed class CSharpDependencyAnalyzer
{
    /// <summary>The using directives PowerShell's Add-Type puts above -MemberDefinition source.</summary>
    private static readonly string[] AddTypeDefaultUsings = ["System", "System.Runtime.InteropServices"];

    private const int MaxListedParseErrors = 10;

    private readonly CSharpAnalyzerOptions options;
    private readonly DotNetNamespaceClassifier classifier;
    private readonly HashSet<string> extraRoots;

    public CSharpDependencyAnalyzer(CSharpAnalyzerOptions? options = null)
        : this(options, DotNetNamespaceClassifier.Default)
    {
    }

    internal CSharpDependencyAnalyzer(CSharpAnalyzerOptions? options, DotNetNamespaceClassifier classifier)
    {
        this.options = options ?? new CSharpAnalyzerOptions();
        this.classifier = classifier;
        extraRoots = new HashSet<string>(this.options.ExtraNamespaceRoots.Select(r => r.Split('.')[0]), StringComparer.Ordinal);
    }

    /// <summary>Analyses a .cs or .csx file; a .csx file's #load targets are analysed too (relative to the including file).</summary>
    public CSharpAnalysisResult AnalyzeFile(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = System.IO.Path.GetFullPath(path);
        var run = new AnalysisRun();
        AnalyzeFileInto(fullPath, run, cancellationToken);
        return run.ToResult(fullPath);
    }

    /// <summary>
    /// Analyses many files in parallel (at most <paramref name="maxDegreeOfParallelism"/> at once; 0 = one per core).
    /// Results come back in the order of <paramref name="paths"/>; a bad file gives a failed result, not an exception.
    /// </summary>
    public IReadOnlyList<CSharpAnalysisResult> AnalyzeFiles(IReadOnlyList<string> paths, int maxDegreeOfParallelism = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var results = new CSharpAnalysisResult[paths.Count];
        var parallel = new ParallelOptions
        {
            CancellationToken = cancellationToken,
            MaxDegreeOfParallelism = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount,
        };
        Parallel.For(0, paths.Count, parallel, i => results[i] = AnalyzeFile(paths[i], cancellationToken));
        return results;
    }

    /// <summary>C# given to Add-Type -TypeDefinition; <paramref name="origin"/> is where the source text starts in the script.</summary>
    public CSharpAnalysisResult AnalyzeTypeDefinition(string source, SourceOrigin origin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var run = new AnalysisRun();
        AnalyzeText(source, origin, SourceCodeKind.Regular, DependencyEvidence.AddType, headerLines: 0, run, cancellationToken);
        return run.ToResult(origin.Path);
    }

    /// <summary>
    /// C# given to Add-Type -MemberDefinition, which PowerShell wraps in a class below "using System;",
    /// "using System.Runtime.InteropServices;" and one using per -UsingNamespace name. The -UsingNamespace names are
    /// reported at <paramref name="origin"/>.
    /// </summary>
    public CSharpAnalysisResult AnalyzeMemberDefinition(string memberDefinition, IEnumerable<string>? usingNamespaces, SourceOrigin origin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(memberDefinition);
        var extraUsings = (usingNamespaces ?? []).Select(n => n.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var header = string.Concat(AddTypeDefaultUsings.Concat(extraUsings).Select(n => $"using {n};\n")) + "public class AddTypeMemberDefinition\n{\n";
        var headerLines = header.Count(c => c == '\n');

        var run = new AnalysisRun();
        foreach (var name in extraUsings)
        {
            run.Add(CreateNamespaceDependency(name, DependencyEvidence.AddType, origin.Path, origin.Line, origin.Column));
        }

        AnalyzeText(header + memberDefinition + "\n}\n", origin, SourceCodeKind.Regular, DependencyEvidence.AddType, headerLines, run, cancellationToken);
        return run.ToResult(origin.Path);
    }

    private void AnalyzeFileInto(string fullPath, AnalysisRun run, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!run.Visit(fullPath))
        {
            return;
        }

        var read = SourceTextReader.Read(fullPath, options.MaxFileBytes);
        if (read.Problem is not null)
        {
            run.Diagnostics.Add(read.Problem);
        }

        if (string.IsNullOrEmpty(read.Text))
        {
            return;
        }

        var isScript = fullPath.EndsWith(".csx", StringComparison.OrdinalIgnoreCase);
        AnalyzeText(read.Text, SourceOrigin.StartOf(fullPath), isScript ? SourceCodeKind.Script : SourceCodeKind.Regular,
            DependencyEvidence.CSharpUsing, headerLines: 0, run, cancellationToken);
    }

    private void AnalyzeText(string text, SourceOrigin origin, SourceCodeKind kind, DependencyEvidence evidence, int headerLines, AnalysisRun run, CancellationToken cancellationToken)
    {
        var parseOptions = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest).WithKind(kind);
        var tree = CSharpSyntaxTree.ParseText(text, parseOptions, origin.Path, cancellationToken: cancellationToken);
        var root = tree.GetCompilationUnitRoot(cancellationToken);

        (int Line, int Column) Position(FileLinePositionSpan span) =>
            origin.Map(span.StartLinePosition.Line - headerLines, span.StartLinePosition.Character);

        ReportParseErrors(tree, origin, Position, run);

        foreach (var reference in CSharpReferenceCollector.Collect(root, IsKnownRoot, headerLines))
        {
            var (line, column) = origin.Map(reference.Line - headerLines, reference.Column);
            run.Add(CreateNamespaceDependency(reference.Name, evidence, origin.Path, line, column));
        }

        if (kind != SourceCodeKind.Script)
        {
            return;
        }

        foreach (var directive in root.GetReferenceDirectives())
        {
            var (line, column) = Position(directive.GetLocation().GetLineSpan());
            AddReferenceDirective(directive.File.ValueText, origin.Path, line, column, run);
        }

        foreach (var directive in root.GetLoadDirectives())
        {
            var (line, column) = Position(directive.GetLocation().GetLineSpan());
            AddLoadDirective(directive.File.ValueText, origin.Path, line, column, run, cancellationToken);
        }
    }

    private void AddReferenceDirective(string value, string path, int line, int column, AnalysisRun run)
    {
        if (NuGetDirectiveParser.IsNuGetReference(value))
        {
            AddNuGetDirective(value, path, line, column, run);
            return;
        }

        var looksLikeFile = value.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || value.IndexOfAny(['/', '\\']) >= 0;
        if (!looksLikeFile)
        {
            // #r "System.Net.Http": an assembly by name, as the framework or the host provides it.
            run.Add(CreateNamespaceDependency(value, DependencyEvidence.UsingAssembly, path, line, column));
            return;
        }

        var assemblyPath = ResolveRelativeTo(path, value);
        run.Add(new ScriptDependency
        {
            Name = assemblyPath,
            Kind = DependencyKind.Assembly,
            Evidence = DependencyEvidence.UsingAssembly,
            Path = path,
            Line = line,
            Column = column,
            MappingReason = File.Exists(assemblyPath) ? $"local assembly file {assemblyPath}" : null,
        });

        if (!File.Exists(assemblyPath))
        {
            run.Diagnostics.Add(new AnalysisDiagnostic(ErrorCode.AnalysisFailed, AnalysisSeverity.Warning, path, line,
                $"{path}:{line}: #r \"{value}\" refers to {assemblyPath}, which does not exist."));
        }
    }

    private void AddLoadDirective(string value, string path, int line, int column, AnalysisRun run, CancellationToken cancellationToken)
    {
        if (NuGetDirectiveParser.IsNuGetReference(value))
        {
            AddNuGetDirective(value, path, line, column, run);
            return;
        }

        var loadedPath = ResolveRelativeTo(path, value);
        var exists = File.Exists(loadedPath);
        run.Add(new ScriptDependency
        {
            Name = loadedPath,
            Kind = DependencyKind.Script,
            Evidence = DependencyEvidence.DotSource,
            Path = path,
            Line = line,
            Column = column,
            MappingReason = exists ? $"local script {loadedPath}, analysed with this one" : null,
        });

        if (!exists)
        {
            run.Diagnostics.Add(new AnalysisDiagnostic(ErrorCode.AnalysisFailed, AnalysisSeverity.Warning, path, line,
                $"{path}:{line}: #load \"{value}\" refers to {loadedPath}, which does not exist."));
            return;
        }

        if (options.FollowLoadDirectives)
        {
            AnalyzeFileInto(loadedPath, run, cancellationToken);
        }
    }

    private static void AddNuGetDirective(string value, string path, int line, int column, AnalysisRun run)
    {
        var parsed = NuGetDirectiveParser.Parse(value);
        if (parsed.Error is not null)
        {
            run.Diagnostics.Add(new AnalysisDiagnostic(ErrorCode.AnalysisFailed, AnalysisSeverity.Warning, path, line, $"{path}:{line}: {parsed.Error}."));
        }

        if (parsed.Id.Length == 0)
        {
            return;
        }

        run.Add(new ScriptDependency
        {
            Name = parsed.Id,
            Kind = DependencyKind.NuGetPackage,
            Evidence = DependencyEvidence.NuGetDirective,
            VersionRange = parsed.VersionRange,
            Path = path,
            Line = line,
            Column = column,
        });
    }

    private ScriptDependency CreateNamespaceDependency(string name, DependencyEvidence evidence, string path, int line, int column)
    {
        var classification = classifier.Classify(name);
        return new ScriptDependency
        {
            Name = classification.IsBuiltIn ? classification.Name : name,
            Kind = DependencyKind.Assembly,
            Evidence = evidence,
            Path = path,
            Line = line,
            Column = column,
            IsBuiltIn = classification.IsBuiltIn,
            Condition = classification.IsBuiltIn ? classification.Condition : null,
            MappingReason = classification.IsBuiltIn ? classification.Reason : null,
        };
    }

    private bool IsKnownRoot(string identifier) => extraRoots.Contains(identifier) || classifier.IsKnownRoot(identifier);

    private static void ReportParseErrors(SyntaxTree tree, SourceOrigin origin, Func<FileLinePositionSpan, (int Line, int Column)> position, AnalysisRun run)
    {
        var errors = tree.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error && d.Id != "CS7010" && d.Id != "CS7011")
            .ToList();
        if (errors.Count == 0)
        {
            return;
        }

        var listed = errors.Take(MaxListedParseErrors).Select(d => $"{origin.Path}:{position(d.Location.GetLineSpan()).Line}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
        var more = errors.Count > MaxListedParseErrors ? $"{Environment.NewLine}(and {errors.Count - MaxListedParseErrors} more)" : "";
        run.Diagnostics.Add(new AnalysisDiagnostic(ErrorCode.AnalysisFailed, AnalysisSeverity.Warning, origin.Path, position(errors[0].Location.GetLineSpan()).Line,
            $"C# in {origin.Path} has syntax errors; dependencies were read from what parses:{Environment.NewLine}{string.Join(Environment.NewLine, listed)}{more}"));
    }

    private static string ResolveRelativeTo(string includingFile, string reference)
    {
        var directory = System.IO.Path.GetDirectoryName(includingFile) ?? Directory.GetCurrentDirectory();
        return System.IO.Path.GetFullPath(System.IO.Path.IsPathRooted(reference) ? reference : System.IO.Path.Combine(directory, reference));
    }

    /// <summary>The mutable state of one analysis call (never shared between calls, so calls may run in parallel).</summary>
    private sealed class AnalysisRun
    {
        private static readonly StringComparer PathComparer = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

        private readonly List<ScriptDependency> dependencies = [];
        private readonly HashSet<(string Path, DependencyKind Kind, string Name)> seen = [];
        private readonly List<string> files = [];
        private readonly HashSet<string> visited = new(PathComparer);

        public List<AnalysisDiagnostic> Diagnostics { get; } = [];

        /// <summary>False when the file was already analysed in this run (a #load cycle or a diamond).</summary>
        public bool Visit(string fullPath)
        {
            if (!visited.Add(fullPath))
            {
                return false;
            }

            files.Add(fullPath);
            return true;
        }

        /// <summary>Keeps the first occurrence of each name per file.</summary>
        public void Add(ScriptDependency dependency)
        {
            if (seen.Add((dependency.Path ?? "", dependency.Kind, dependency.Name)))
            {
                dependencies.Add(dependency);
            }
        }

        public CSharpAnalysisResult ToResult(string path) => new(path, dependencies, Diagnostics, files);
    }
}
