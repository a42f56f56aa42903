using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using DepResolve.Engine.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DepResolve.Engine.Running;

/// <summary>The compiled program of a C# script, or why there is none.</summary>
internal sealed class CSharpCompilationOutput
{
    public bool Success => ProgramPath is not null;

    /// <summary>The .dll to run with <c>dotnet</c> (a runtimeconfig.json and the environment's assemblies lie next to it).</summary>
    public string? ProgramPath { get; init; }

    public bool CacheHit { get; init; }

    public IReadOnlyList<ScriptError> Errors { get; init; } = Array.Empty<ScriptError>();
}

/// <summary>
/// Compiles a .cs or .csx script (top-level statements or a Main) into a console program with Roslyn, against the
/// running shared framework plus the environment's assemblies. Results are cached by a hash of the source, the
/// references and the compiler, so an unchanged script is compiled once.
/// </summary>
internal sealed class CSharpScriptCompiler
{
    // The SDK's implicit usings for console apps: scripts written for `dotnet run` and dotnet-script expect them.
    private const string ImplicitUsings =
        "global using System;\nglobal using System.Collections.Generic;\nglobal using System.IO;\nglobal using System.Linq;\n" +
        "global using System.Net.Http;\nglobal using System.Threading;\nglobal using System.Threading.Tasks;\n";

    private readonly string _cacheDirectory;

    public CSharpScriptCompiler(string cacheDirectory) => _cacheDirectory = cacheDirectory;

    public CSharpCompilationOutput Compile(string scriptPath, IReadOnlyList<string> environmentAssemblies)
    {
        var source = PrepareSource(scriptPath, File.ReadAllText(scriptPath));
        var assemblyName = AssemblyNameFor(scriptPath);
        var frameworkReferences = FrameworkReferencePaths();
        var key = CacheKey(source, assemblyName, environmentAssemblies);
        var outputFolder = Path.Combine(_cacheDirectory, key);
        var programPath = Path.Combine(outputFolder, assemblyName + ".dll");
        if (File.Exists(programPath))
        {
            return new CSharpCompilationOutput { ProgramPath = programPath, CacheHit = true };
        }

        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var tree = CSharpSyntaxTree.ParseText(source, parseOptions, path: scriptPath, encoding: Encoding.UTF8);
        var usings = CSharpSyntaxTree.ParseText(ImplicitUsings, parseOptions, path: "ImplicitUsings.g.cs", encoding: Encoding.UTF8);
        var references = frameworkReferences.Concat(environmentAssemblies)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToList();
        var compilation = CSharpCompilation.Create(
            assemblyName,
            new[] { tree, usings },
            references,
            new CSharpCompilationOptions(
                OutputKind.ConsoleApplication,
                optimizationLevel: OptimizationLevel.Release,
                allowUnsafe: true,
                nullableContextOptions: NullableContextOptions.Disable));

        using var image = new MemoryStream();
        var emit = compilation.Emit(image);
        if (!emit.Success)
        {
            var errors = emit.Diagnostics
                .Where(d => d.Severity == DiagnosticSeverity.Error)
                .Select(d => ToScriptError(d, scriptPath))
                .ToList();
            return new CSharpCompilationOutput { Errors = errors };
        }

        WriteProgram(outputFolder, assemblyName, image.ToArray(), environmentAssemblies);
        return new CSharpCompilationOutput { ProgramPath = programPath, CacheHit = false };
    }

    /// <summary>
    /// .csx: '#r' and '#load' directives are the analyzer's business (they name packages and files), so they become
    /// blank lines here (line numbers stay right); a '#!' first line is dropped the same way.
    /// </summary>
    internal static string PrepareSource(string scriptPath, string source)
    {
        if (!scriptPath.EndsWith(".csx", StringComparison.OrdinalIgnoreCase))
        {
            return source;
        }

        var lines = source.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].TrimStart();
            if (trimmed.StartsWith("#r ", StringComparison.Ordinal) || trimmed.StartsWith("#r\"", StringComparison.Ordinal)
                || trimmed.StartsWith("#load ", StringComparison.Ordinal) || trimmed.StartsWith("#load\"", StringComparison.Ordinal)
                || (i == 0 && trimmed.StartsWith("#!", StringComparison.Ordinal)))
            {
                lines[i] = lines[i].EndsWith('\r') ? "\r" : "";
            }
        }

        return string.Join('\n', lines);
    }

    /// <summary>The running framework's assemblies (TRUSTED_PLATFORM_ASSEMBLIES limited to the framework folder).</summary>
    internal static IReadOnlyList<string> FrameworkReferencePaths()
    {
        var frameworkFolder = Path.GetDirectoryName(typeof(object).Assembly.Location)
            ?? throw new InvalidOperationException("The running framework has no folder on disk.");
        var trusted = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "";
        var paths = trusted.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
                && string.Equals(Path.GetDirectoryName(p), frameworkFolder, StringComparison.Ordinal))
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToList();
        return paths.Count > 0
            ? paths
            : Directory.EnumerateFiles(frameworkFolder, "System*.dll").Append(Path.Combine(frameworkFolder, "netstandard.dll")).Where(File.Exists).ToList();
    }

    private static string AssemblyNameFor(string scriptPath)
    {
        var name = new string(Path.GetFileNameWithoutExtension(scriptPath).Select(c => char.IsLetterOrDigit(c) || c is '_' or '.' or '-' ? c : '_').ToArray());
        return name.Length == 0 ? "Script" : name;
    }

    private static string CacheKey(string source, string assemblyName, IReadOnlyList<string> environmentAssemblies)
    {
        var text = new StringBuilder()
            .Append("csharp-script-v1\n")
            .Append(assemblyName).Append('\n')
            .Append(Environment.Version).Append('\n')
            .Append(typeof(CSharpCompilation).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion).Append('\n')
            .Append(Path.GetDirectoryName(typeof(object).Assembly.Location)).Append('\n');
        foreach (var assembly in environmentAssemblies.OrderBy(p => p, StringComparer.Ordinal))
        {
            var info = new FileInfo(assembly);
            text.Append(info.FullName).Append('|').Append(info.Exists ? info.Length : -1).Append('|')
                .Append(info.Exists ? info.LastWriteTimeUtc.Ticks : 0).Append('\n');
        }

        text.Append(source);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))).ToLowerInvariant()[..32];
    }

    /// <summary>Writes into a fresh sibling folder and moves it into place, so a reader never sees half a program.</summary>
    private static void WriteProgram(string outputFolder, string assemblyName, byte[] image, IReadOnlyList<string> environmentAssemblies)
    {
        var parent = Path.GetDirectoryName(outputFolder)!;
        Directory.CreateDirectory(parent);
        var staging = outputFolder + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(staging);
        try
        {
            foreach (var assembly in environmentAssemblies)
            {
                File.Copy(assembly, Path.Combine(staging, Path.GetFileName(assembly)), overwrite: true);
            }

            File.WriteAllBytes(Path.Combine(staging, assemblyName + ".dll"), image);
            File.WriteAllText(Path.Combine(staging, assemblyName + ".runtimeconfig.json"), RuntimeConfig(), new UTF8Encoding(false));
            try
            {
                Directory.Move(staging, outputFolder);
            }
            catch (IOException) when (Directory.Exists(outputFolder))
            {
                // Another run compiled the same script first; its output is identical.
            }
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>Runs on the framework major that compiled it, or the next newer one installed.</summary>
    private static string RuntimeConfig()
    {
        var version = Environment.Version;
        return string.Create(CultureInfo.InvariantCulture,
            $$"""
            {
              "runtimeOptions": {
                "tfm": "net{{version.Major}}.{{version.Minor}}",
                "rollForward": "Major",
                "framework": { "name": "Microsoft.NETCore.App", "version": "{{version.Major}}.{{version.Minor}}.0" }
              }
            }
            """);
    }

    private static ScriptError ToScriptError(Diagnostic diagnostic, string scriptPath)
    {
        var span = diagnostic.Location.GetLineSpan();
        var position = diagnostic.Location.IsInSource
            ? string.Create(CultureInfo.InvariantCulture, $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})")
            : scriptPath;
        return new ScriptError
        {
            Message = diagnostic.GetMessage(CultureInfo.InvariantCulture),
            FullyQualifiedErrorId = diagnostic.Id,
            ScriptPosition = position,
            IsTerminating = true,
            TargetName = diagnostic.Id is FailureClassifier.MissingTypeOrNamespace or FailureClassifier.MissingNameInNamespace
                ? MissingName(diagnostic)
                : null,
        };
    }

    /// <summary>
    /// The whole name the compiler could not find: for "using Newtonsoft.Json;" Roslyn reports only 'Newtonsoft',
    /// and a package is found by the full namespace.
    /// </summary>
    private static string? MissingName(Diagnostic diagnostic)
    {
        var tree = diagnostic.Location.SourceTree;
        if (tree is null)
        {
            return null;
        }

        var node = tree.GetRoot().FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        var usingDirective = node.AncestorsAndSelf().OfType<UsingDirectiveSyntax>().FirstOrDefault();
        if (usingDirective?.NamespaceOrType is { } name)
        {
            return name.ToString();
        }

        var qualified = node.AncestorsAndSelf().OfType<QualifiedNameSyntax>().LastOrDefault();
        return qualified?.ToString();
    }
}
