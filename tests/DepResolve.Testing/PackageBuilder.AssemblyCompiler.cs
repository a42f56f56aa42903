using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DepResolve.Testing;

internal sealed partial class PackageBuilder
{
    /// <summary>Compiles "namespace {Id} { public class {Id-ish}Marker {} }" once per assembly name and framework.</summary>
    public static class AssemblyCompiler
    {
        private static readonly ConcurrentDictionary<(string Name, string Framework), Lazy<byte[]>> Cache = new();

        private static readonly Lazy<MetadataReference[]> References = new(() =>
        {
            var runtimeFolder = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
            return new[] { "System.Private.CoreLib.dll", "System.Runtime.dll" }
                .Select(f => Path.Combine(runtimeFolder, f))
                .Where(File.Exists)
                .Select(f => (MetadataReference)MetadataReference.CreateFromFile(f))
                .ToArray();
        });

        public static byte[] Compile(string assemblyName, string targetFramework) =>
            Cache.GetOrAdd((assemblyName.ToLowerInvariant(), targetFramework.ToLowerInvariant()),
                _ => new Lazy<byte[]>(() => CompileNow(assemblyName, targetFramework))).Value;

        /// <summary>The public class each compiled assembly holds: {namespace}.{last id segment}Marker.</summary>
        public static string MarkerTypeName(string assemblyName) => $"{SafeIdentifier(assemblyName)}.{SafeIdentifier(assemblyName.Split('.')[^1])}Marker";

        private static byte[] CompileNow(string assemblyName, string targetFramework)
        {
            var ns = SafeIdentifier(assemblyName);
            var cls = SafeIdentifier(assemblyName.Split('.')[^1]) + "Marker";
            var source = $$"""
                [assembly: System.Reflection.AssemblyMetadata("TargetFramework", "{{targetFramework}}")]
                namespace {{ns}}
                {
                    public class {{cls}}
                    {
                        public static string Hello() => "{{assemblyName}} for {{targetFramework}}";
                    }
                }
                """;
            var compilation = CSharpCompilation.Create(
                assemblyName,
                new[] { CSharpSyntaxTree.ParseText(source) },
                References.Value,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, deterministic: true));
            using var output = new MemoryStream();
            var result = compilation.Emit(output);
            if (!result.Success)
            {
                throw new InvalidOperationException("Fixture assembly did not compile: " + string.Join("; ", result.Diagnostics));
            }

            return output.ToArray();
        }

        private static string SafeIdentifier(string name)
        {
            var parts = name.Split('.', StringSplitOptions.RemoveEmptyEntries)
                .Select(p => new string(p.Select(c => char.IsLetterOrDigit(c) || c == '_' ? c : '_').ToArray()))
                .Select(p => char.IsDigit(p[0]) ? "_" + p : p);
            return string.Join('.', parts);
        }
    }
}
