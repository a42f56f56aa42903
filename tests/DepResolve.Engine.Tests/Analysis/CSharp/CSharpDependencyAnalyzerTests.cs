using System.Text;
using DepResolve.Engine.Analysis;
using DepResolve.Engine.Analysis.CSharp;
using DepResolve.Engine.Model;
using DepResolve.Engine.Tests.Fixtures;

namespace DepResolve.Engine.Tests.Analysis.CSharp;

public sealed class CSharpDependencyAnalyzerTests : IDisposable
{
    private readonly TempFolder temp = new("csharp-analysis");
    private readonly CSharpDependencyAnalyzer analyzer = new();

    public void Dispose() => temp.Dispose();

    private string Write(string name, string content)
    {
        var path = temp.Combine(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content.ReplaceLineEndings("\n"));
        return path;
    }

    private static ScriptDependency Single(CSharpAnalysisResult result, string name) =>
        Assert.Single(result.Dependencies, d => d.Name == name);

    [Fact]
    public void Using_directives_of_every_form_are_reported_with_one_based_positions()
    {
        var path = Write("usings.cs", """
            global using Serilog;
            using Newtonsoft.Json;
            using static Dapper.SqlMapper;
            using Yaml = YamlDotNet.Serialization;
            using System.IO;

            class C { }
            """);

        var result = analyzer.AnalyzeFile(path);

        Assert.Empty(result.Diagnostics);
        var json = Single(result, "Newtonsoft.Json");
        Assert.Equal((DependencyKind.Assembly, DependencyEvidence.CSharpUsing, 2, 7), (json.Kind, json.Evidence, json.Line, json.Column));
        Assert.Equal(path, json.Path);
        Assert.False(json.IsBuiltIn);
        Assert.Equal(1, Single(result, "Serilog").Line);
        Assert.Equal(3, Single(result, "Dapper.SqlMapper").Line);
        Assert.Equal(4, Single(result, "YamlDotNet.Serialization").Line);
        var io = Single(result, "System.IO");
        Assert.True(io.IsBuiltIn);
        Assert.Contains("shared framework", io.MappingReason);
    }

    [Fact]
    public void Fully_qualified_names_report_their_namespace_but_locals_and_type_members_do_not()
    {
        var path = Write("qualified.cs", """
            class C
            {
                Newtonsoft.Json.Linq.JObject field;
                void M(Request request)
                {
                    var text = Newtonsoft.Json.JsonConvert.SerializeObject(field);
                    var conn = new System.Data.SqlClient.SqlConnection("x");
                    var folder = Environment.SpecialFolder.Desktop;
                    var h = request.Headers.Authorization.Value;
                    var n = log4net.LogManager.GetLogger("x");
                    System.Console.WriteLine(System.IO.Path.GetTempPath());
                }
            }
            """);

        var result = analyzer.AnalyzeFile(path);

        var names = result.Dependencies.Select(d => d.Name).ToHashSet();
        Assert.Contains("Newtonsoft.Json.Linq", names);
        Assert.Contains("Newtonsoft.Json", names);
        Assert.Contains("log4net", names);
        Assert.DoesNotContain("Environment", names);
        Assert.DoesNotContain(names, n => n.StartsWith("request", StringComparison.OrdinalIgnoreCase));

        var sqlClient = Single(result, "System.Data.SqlClient");
        Assert.False(sqlClient.IsBuiltIn);
        Assert.Equal((7, 24), (sqlClient.Line, sqlClient.Column));
        Assert.True(Single(result, "System.IO").IsBuiltIn);
        Assert.True(Single(result, "System").IsBuiltIn);
    }

    [Fact]
    public void System_namespaces_that_left_the_framework_are_not_built_in()
    {
        var path = Write("wmi.cs", """
            using System.Management;
            using System.ServiceModel.Http;
            using System.Data;
            using System.Text.Json;
            using System.Management.Automation;
            class C { }
            """);

        var result = analyzer.AnalyzeFile(path);

        Assert.False(Single(result, "System.Management").IsBuiltIn);
        Assert.False(Single(result, "System.ServiceModel.Http").IsBuiltIn);
        Assert.True(Single(result, "System.Data").IsBuiltIn);
        Assert.True(Single(result, "System.Text.Json").IsBuiltIn);
        var host = Single(result, "System.Management.Automation");
        Assert.True(host.IsBuiltIn);
        Assert.Contains("PowerShell", host.MappingReason);
    }

    [Fact]
    public void Nuget_references_with_and_without_versions_and_ranges_are_normalized()
    {
        var path = Write("script.csx", """
            #r "nuget: Newtonsoft.Json, 13.0.3"
            #r "nuget:Dapper"
            #r "nuget: Serilog, [3.0.0, 4.0.0)"
            #r "nuget: Humanizer.Core, 2.*"
            #r "nuget: Broken, not-a-version"
            Console.WriteLine("hi");
            """);

        var result = analyzer.AnalyzeFile(path);

        var json = Single(result, "Newtonsoft.Json");
        Assert.Equal((DependencyKind.NuGetPackage, DependencyEvidence.NuGetDirective, "[13.0.3, )", 1, 1),
            (json.Kind, json.Evidence, json.VersionRange, json.Line, json.Column));
        Assert.Null(Single(result, "Dapper").VersionRange);
        Assert.Equal("[3.0.0, 4.0.0)", Single(result, "Serilog").VersionRange);
        Assert.NotNull(Single(result, "Humanizer.Core").VersionRange);
        Assert.Null(Single(result, "Broken").VersionRange);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(AnalysisSeverity.Warning, warning.Severity);
        Assert.Contains("not-a-version", warning.Message);
        Assert.Contains(path + ":5", warning.Message);
    }

    [Fact]
    public void Dll_references_resolve_relative_to_the_including_file()
    {
        var dll = temp.Combine("lib", "Contoso.dll");
        Directory.CreateDirectory(Path.GetDirectoryName(dll)!);
        File.WriteAllBytes(dll, [0x4D, 0x5A]);
        var path = Write("refs.csx", """
            #r "lib/Contoso.dll"
            #r "missing/Nope.dll"
            #r "System.Net.Http"
            """);

        var result = analyzer.AnalyzeFile(path);

        var contoso = Single(result, dll);
        Assert.Equal((DependencyKind.Assembly, DependencyEvidence.UsingAssembly), (contoso.Kind, contoso.Evidence));
        Assert.Contains("local assembly", contoso.MappingReason);
        Assert.Single(result.Dependencies, d => d.Name == temp.Combine("missing", "Nope.dll"));
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("Nope.dll") && d.Severity == AnalysisSeverity.Warning);
        Assert.True(Single(result, "System.Net.Http").IsBuiltIn);
    }

    [Fact]
    public void Load_chains_are_followed_relative_to_each_file_and_a_cycle_is_read_once()
    {
        var main = Write("main.csx", """
            #load "sub/helpers.csx"
            #r "nuget: Dapper, 2.1.0"
            """);
        var helpers = Write(Path.Combine("sub", "helpers.csx"), """
            #load "../more.csx"
            using CsvHelper;
            """);
        var more = Write("more.csx", """
            #load "main.csx"
            #load "nuget: YamlDotNet, 15.1.0"
            """);

        var result = analyzer.AnalyzeFile(main);

        Assert.Equal([main, helpers, more], result.FilesAnalyzed);
        Assert.Equal(helpers, Single(result, "CsvHelper").Path);
        Assert.Equal("[15.1.0, )", Single(result, "YamlDotNet").VersionRange);
        Assert.Equal(DependencyKind.Script, Single(result, helpers).Kind);
        Assert.Equal(DependencyKind.Script, Single(result, main).Kind);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void Add_type_member_definitions_are_wrapped_and_positions_map_back_into_the_script()
    {
        var members = """
            [DllImport("user32.dll")]
            public static extern bool MessageBeep(uint type);
            public static string Dump(object o) => Newtonsoft.Json.JsonConvert.SerializeObject(o);
            """;

        var result = analyzer.AnalyzeMemberDefinition(members, ["System.Text", "Contoso.Interop"], new SourceOrigin("deploy.ps1", 10, 30));

        Assert.Empty(result.Diagnostics);
        var json = Single(result, "Newtonsoft.Json");
        Assert.Equal((DependencyEvidence.AddType, "deploy.ps1", 12, 40), (json.Evidence, json.Path, json.Line, json.Column));
        var usingNamespace = Single(result, "Contoso.Interop");
        Assert.Equal((10, 30), (usingNamespace.Line, usingNamespace.Column));
        Assert.True(Single(result, "System.Text").IsBuiltIn);
        Assert.DoesNotContain(result.Dependencies, d => d.Name == "System.Runtime.InteropServices");
    }

    [Fact]
    public void Add_type_type_definitions_report_usings_at_script_positions()
    {
        var source = """
            using System;
            using YamlDotNet.Serialization;
            public static class Loader { }
            """;

        var result = analyzer.AnalyzeTypeDefinition(source, new SourceOrigin("x.ps1", 4, 12));

        var yaml = Single(result, "YamlDotNet.Serialization");
        Assert.Equal((DependencyEvidence.AddType, 5, 7), (yaml.Evidence, yaml.Line, yaml.Column));
        Assert.Equal((4, 18), (Single(result, "System").Line, Single(result, "System").Column));
    }

    [Fact]
    public void Syntax_errors_give_a_warning_listing_file_and_line_and_keep_what_parses()
    {
        var path = Write("broken.cs", """
            using Newtonsoft.Json;
            class C {
                void M( { 
            """);

        var result = analyzer.AnalyzeFile(path);

        Single(result, "Newtonsoft.Json");
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((ErrorCode.AnalysisFailed, AnalysisSeverity.Warning), (warning.Code, warning.Severity));
        Assert.Contains(path + ":3:", warning.Message);
        Assert.False(result.Failed);
    }

    [Fact]
    public void Empty_binary_huge_and_non_utf8_files_fail_cleanly_naming_the_file()
    {
        var empty = Write("empty.cs", "   \n");
        var binary = temp.Combine("binary.cs");
        File.WriteAllBytes(binary, [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00]);
        var latin1 = temp.Combine("latin1.cs");
        File.WriteAllBytes(latin1, Encoding.Latin1.GetBytes("// caf\u00e9\nusing Dapper;\n"));
        var utf16 = temp.Combine("utf16.cs");
        File.WriteAllText(utf16, "using Dapper;\n", Encoding.Unicode);
        var huge = Write("huge.cs", new string('/', 2048));
        var missing = temp.Combine("missing.cs");
        var small = new CSharpDependencyAnalyzer(new CSharpAnalyzerOptions { MaxFileBytes = 1024 });

        var results = small.AnalyzeFiles([empty, binary, latin1, utf16, huge, missing], maxDegreeOfParallelism: 2);

        Assert.Equal(AnalysisSeverity.Warning, Assert.Single(results[0].Diagnostics).Severity);
        Assert.False(results[0].Failed);
        Assert.Contains("binary", AssertFailed(results[1], binary));
        Assert.Contains("not valid UTF-8", AssertFailed(results[2], latin1));
        Assert.Empty(results[3].Diagnostics);
        Single(results[3], "Dapper");
        Assert.Contains("limit", AssertFailed(results[4], huge));
        Assert.Contains("does not exist", AssertFailed(results[5], missing));
    }

    [Fact]
    public void Many_files_analysed_in_parallel_come_back_in_input_order()
    {
        var paths = Enumerable.Range(0, 24).Select(i => Write($"f{i}.cs", $"using Pkg{i}.Lib;\nclass C{i} {{ }}")).ToList();

        var results = analyzer.AnalyzeFiles(paths, maxDegreeOfParallelism: 4);

        Assert.Equal(paths, results.Select(r => r.Path));
        for (var i = 0; i < paths.Count; i++)
        {
            Assert.Equal($"Pkg{i}.Lib", Assert.Single(results[i].Dependencies).Name);
        }
    }

    private static string AssertFailed(CSharpAnalysisResult result, string path)
    {
        Assert.True(result.Failed);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((ErrorCode.AnalysisFailed, AnalysisSeverity.Error), (error.Code, error.Severity));
        Assert.Contains(path, error.Message);
        Assert.Empty(result.Dependencies);
        return error.Message;
    }
}
