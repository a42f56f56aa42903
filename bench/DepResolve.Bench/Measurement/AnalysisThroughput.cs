using System.Diagnostics;
using System.Text;
using DepResolve.Engine.Analysis.CSharp;

namespace DepResolve.Bench.Measurement;

public sealed record AnalysisFigures(int Files, long Bytes, double Milliseconds, int Dependencies)
{
    public double FilesPerSecond => Files / (Milliseconds / 1000);
}

/// <summary>The C# analyzer over generated .cs files (usings, qualified names, attributes), after a short warm-up.</summary>
public static class AnalysisThroughput
{
    private static readonly string[] Namespaces =
    {
        "System", "System.IO", "System.Linq", "System.Text", "System.Net.Http", "System.Collections.Generic",
        "Newtonsoft.Json", "Newtonsoft.Json.Linq", "Serilog", "Polly", "Dapper", "Microsoft.Extensions.Logging",
        "NuGet.Versioning", "YamlDotNet.Serialization", "AutoMapper", "FluentValidation",
    };

    public static AnalysisFigures Measure(string folder, int fileCount, int seed)
    {
        var files = Generate(folder, fileCount, seed);
        var analyzer = new CSharpDependencyAnalyzer();
        analyzer.AnalyzeFiles(files.Take(20).ToArray());

        // The median of three passes: the machine is shared and one pass is noisy.
        var passes = Enumerable.Range(0, 3).Select(_ =>
        {
            var clock = Stopwatch.StartNew();
            var results = analyzer.AnalyzeFiles(files);
            return (Milliseconds: clock.Elapsed.TotalMilliseconds, Dependencies: results.Sum(r => r.Dependencies.Count));
        }).OrderBy(p => p.Milliseconds).ToArray();
        return new AnalysisFigures(files.Count, files.Sum(f => new FileInfo(f).Length), passes[1].Milliseconds, passes[1].Dependencies);
    }

    private static IReadOnlyList<string> Generate(string folder, int fileCount, int seed)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        var paths = new List<string>();
        for (var i = 0; i < fileCount; i++)
        {
            var text = new StringBuilder();
            foreach (var ns in Namespaces.OrderBy(_ => random.Next()).Take(random.Next(3, 9)))
            {
                text.Append("using ").Append(ns).Append(";\n");
            }

            text.Append($"\nnamespace Generated.Area{i % 17}\n{{\n    public sealed class Worker{i}\n    {{\n");
            for (var m = 0; m < random.Next(5, 25); m++)
            {
                text.Append($"        public string Step{m}(string input)\n        {{\n");
                text.Append("            var builder = new System.Text.StringBuilder(input);\n");
                text.Append($"            var items = new System.Collections.Generic.List<int> {{ {m}, {m + 1}, {m + 2} }};\n");
                if (random.Next(4) == 0)
                {
                    text.Append("            var token = Newtonsoft.Json.Linq.JToken.Parse(\"{}\");\n");
                }

                text.Append("            foreach (var item in items.Where(x => x % 2 == 0))\n            {\n                builder.Append(item);\n            }\n\n");
                text.Append("            return builder.ToString();\n        }\n\n");
            }

            text.Append("    }\n}\n");
            var path = Path.Combine(folder, $"Worker{i}.cs");
            File.WriteAllText(path, text.ToString());
            paths.Add(path);
        }

        return paths;
    }
}
