using System.Diagnostics;
using DepResolve.Engine.Analysis;
using DepResolve.Engine.Analysis.CSharp;
using DepResolve.Engine.Analysis.PowerShell;
using DepResolve.Engine.Model;
using DepResolve.Engine.Running;

namespace DepResolve.Engine.Hosting;

/// <summary>
/// A script's dependencies as the session reports them: read by the C# analyzer or the host's PowerShell reader,
/// built-ins dropped unless asked for, in source order, and mapped to packages for display or for a run.
/// </summary>
internal sealed class ScriptAnalysis
{
    private readonly SessionSettings _settings;
    private readonly SessionLog _log;
    private readonly ResolutionPipeline _pipeline;
    private CSharpDependencyAnalyzer? _csharpAnalyzer;

    public ScriptAnalysis(SessionSettings settings, SessionLog log, ResolutionPipeline pipeline)
    {
        _settings = settings;
        _log = log;
        _pipeline = pipeline;
    }

    /// <summary>The dependencies of one file, mapped for display; <paramref name="fullPath"/> is an existing regular file.</summary>
    public Task<IReadOnlyList<ScriptDependency>> AnalyzeFileAsync(string fullPath, bool recurse, bool includeBuiltIn, CancellationToken cancellationToken)
    {
        if (!ScriptFiles.IsSupported(fullPath))
        {
            throw new DepResolveException(
                ErrorCode.InvalidInput,
                $"'{fullPath}' is not a script DepResolve reads (expected {string.Join(", ", ScriptFiles.PowerShellExtensions.Concat(ScriptFiles.CSharpExtensions))}).",
                fullPath);
        }

        new ResolveProgress(_log.Progress).Analysis(Path.GetFileName(fullPath));
        return Task.Run(() => MapForDisplayAsync(Finish(ReadRaw(fullPath, null, recurse, cancellationToken), includeBuiltIn), fullPath, cancellationToken), cancellationToken);
    }

    /// <summary>The dependencies of PowerShell script text, mapped for display.</summary>
    public Task<IReadOnlyList<ScriptDependency>> AnalyzeTextAsync(string scriptText, bool includeBuiltIn, CancellationToken cancellationToken) =>
        Task.Run(() => MapForDisplayAsync(Finish(ReadRaw(null, scriptText, false, cancellationToken), includeBuiltIn), null, cancellationToken), cancellationToken);

    /// <summary>
    /// What a run should have installed up front: the script's (and its tests') dependencies, plus Pester for
    /// a test run. Without a static analyzer the run still happens and the retry loop finds what is missing.
    /// </summary>
    public IReadOnlyList<ScriptDependency> ForRun(string scriptPath, string? testPath, CancellationToken cancellationToken)
    {
        var dependencies = new List<ScriptDependency>();
        foreach (var path in new[] { scriptPath, testPath }.OfType<string>().Distinct(StringComparer.Ordinal))
        {
            try
            {
                dependencies.AddRange(Finish(ReadRaw(path, null, recurse: true, cancellationToken), includeBuiltIn: false));
            }
            catch (DepResolveException ex) when (ex.Code == ErrorCode.NotAvailable)
            {
                _log.Warning($"{ex.Message} The run goes ahead; missing dependencies are found from its errors.");
            }
        }

        if (testPath is not null && !dependencies.Any(d => string.Equals(d.Name, "Pester", StringComparison.OrdinalIgnoreCase)))
        {
            dependencies.Add(new ScriptDependency
            {
                Name = "Pester",
                Kind = DependencyKind.Module,
                VersionRange = "[5.0.0, 6.0.0)",
                Evidence = DependencyEvidence.ImportModule,
                Path = testPath,
                MappedPackage = "Pester",
                MappingReason = "Pester runs the tests: the newest 5.x unless the test file asks for another version.",
            });
        }

        return dependencies.Where(d => !d.IsDynamic && d.Kind != DependencyKind.Application && d.Kind != DependencyKind.Script).ToList();
    }

    /// <summary>
    /// Fills in MappedPackage and MappingReason as a resolution would map them: offline (user mappings, built-ins, the
    /// cache's command index, the catalog, noun-prefix rules), plus the feeds' tags when repositories were given.
    /// </summary>
    private Task<IReadOnlyList<ScriptDependency>> MapForDisplayAsync(IReadOnlyList<ScriptDependency> dependencies, string? scriptPath, CancellationToken cancellationToken) =>
        _pipeline.MapAsync(dependencies, scriptPath, askFeeds: _settings.Repositories.Count > 0, cancellationToken);

    private IReadOnlyList<ScriptDependency> ReadRaw(string? path, string? text, bool recurse, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        IReadOnlyList<ScriptDependency> raw;
        if (path is not null && CSharpScriptFile.Is(path))
        {
            var result = CSharpAnalyzer.AnalyzeFile(path, cancellationToken);
            foreach (var diagnostic in result.Diagnostics)
            {
                _log.Warning(diagnostic.ToString());
            }

            raw = result.Dependencies;
        }
        else
        {
            var parser = _settings.PowerShellParser
                ?? throw NotAvailable.Feature("Analysing PowerShell scripts outside a PowerShell session", "PowerShell parser", path);
            var options = new PowerShellAnalysisOptions
            {
                Recurse = recurse,
                IsBuiltInCommand = _settings.BuiltInCommands is { } commands ? commands.Contains : null,
                AnalyzeCSharp = AnalyzeEmbeddedCSharp,
                Log = _log.Verbose,
            };
            var analyzer = new PowerShellDependencyAnalyzer(options, parser);
            var result = path is not null ? analyzer.AnalyzeFile(path) : analyzer.AnalyzeScript(text ?? "");
            foreach (var warning in result.Warnings.Where(w => w.Kind != ScriptAnalysisWarningKind.AnalysisFailed))
            {
                _log.Warning(warning.Message);
            }

            ThrowOnSyntaxErrors(result, path);

            raw = result.Dependencies;
        }

        _log.Verbose($"Read {raw.Count} dependencies from {path ?? "the script text"} in {watch.ElapsedMilliseconds} ms.");
        return raw;
    }

    /// <summary>
    /// A script that does not parse is refused before anything is resolved, installed, run or locked: PowerShell
    /// would not run it either, and what parsed of it is not all it needs.
    /// </summary>
    private static void ThrowOnSyntaxErrors(ScriptAnalysisResult result, string? path)
    {
        var failures = result.Warnings.Where(w => w.Kind == ScriptAnalysisWarningKind.AnalysisFailed).ToList();
        if (failures.Count == 0)
        {
            return;
        }

        var prefix = $"{ErrorCode.AnalysisFailed}: ";
        var listed = failures.Select(w => w.Message.StartsWith(prefix, StringComparison.Ordinal) ? w.Message[prefix.Length..] : w.Message);
        throw new DepResolveException(
            ErrorCode.AnalysisFailed,
            string.Join(Environment.NewLine, listed) + Environment.NewLine + "Fix the syntax errors first: nothing was resolved, installed or run.",
            failures[0].Path ?? path);
    }

    private CSharpDependencyAnalyzer CSharpAnalyzer => _csharpAnalyzer ??= new CSharpDependencyAnalyzer();

    /// <summary>Add-Type source found in a PowerShell script; <paramref name="origin"/> is "file:line:column".</summary>
    private IReadOnlyList<ScriptDependency> AnalyzeEmbeddedCSharp(string source, string origin)
    {
        var parts = origin.Split(':');
        var sourceOrigin = parts.Length >= 3 && int.TryParse(parts[^2], out var line) && int.TryParse(parts[^1], out var column)
            ? new SourceOrigin(string.Join(':', parts[..^2]), line, column)
            : SourceOrigin.StartOf(origin);
        return CSharpAnalyzer.AnalyzeTypeDefinition(source, sourceOrigin).Dependencies;
    }

    /// <summary>Built-ins only when asked; in source order: each file in the order it was read, then by line and column.</summary>
    private static IReadOnlyList<ScriptDependency> Finish(IReadOnlyList<ScriptDependency> dependencies, bool includeBuiltIn)
    {
        // A loop, not LINQ over (path, index) tuples: those generic instantiations are JIT-compiled in every fresh pwsh.
        var fileOrder = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var dependency in dependencies)
        {
            fileOrder.TryAdd(dependency.Path ?? "", fileOrder.Count);
        }

        return dependencies
            .Where(d => includeBuiltIn || !d.IsBuiltIn)
            .OrderBy(d => fileOrder[d.Path ?? ""])
            .ThenBy(d => d.Line)
            .ThenBy(d => d.Column)
            .ToList();
    }
}
