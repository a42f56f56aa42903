using DepResolve.Engine.Model;
using DepResolve.Engine.Running;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DepResolve.Engine.Tests.Running;

/// <summary>C# scripts compile with Roslyn and run as real child `dotnet` processes — nothing is faked here.</summary>
public sealed class CSharpScriptRunTests : IDisposable
{
    private readonly RunnerFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task A_top_level_cs_script_runs_and_its_compilation_is_reused_the_second_time()
    {
        var script = _fixture.WriteScript("hello.cs",
            "var name = args.Length > 1 ? args[1] : \"nobody\";",
            "Console.WriteLine($\"hello {name} from {Environment.CurrentDirectory}\");",
            "return name == \"tester\" ? 0 : 4;");
        var runner = new ScriptTestRunner(_fixture.Options, (_, _) => Task.FromResult(RunEnvironment.Empty));
        var request = new ScriptRunRequest { Path = script, Parameters = new Dictionary<string, object?> { ["name"] = "tester" } };

        var first = await runner.RunAsync(request);
        var second = await runner.RunAsync(request);

        Assert.True(first.Success, first.ErrorMessage + first.Output);
        Assert.Equal("CSharp", first.Mode);
        Assert.Contains($"hello tester from {Path.GetDirectoryName(script)}", first.Output, StringComparison.Ordinal);
        Assert.False(first.CompilationCacheHit);
        Assert.True(second.Success, second.ErrorMessage);
        Assert.True(second.CompilationCacheHit);
        Assert.Single(Directory.GetDirectories(_fixture.Combine("csharp-cache")));
    }

    [Fact]
    public async Task A_changed_script_is_compiled_again_and_its_exit_code_comes_back()
    {
        var script = _fixture.WriteScript("code.cs", "return 0;");
        var runner = new ScriptTestRunner(_fixture.Options, (_, _) => Task.FromResult(RunEnvironment.Empty));
        await runner.RunAsync(new ScriptRunRequest { Path = script });
        File.WriteAllText(script, "return 5;\n");

        var result = await runner.RunAsync(new ScriptRunRequest { Path = script });

        Assert.False(result.CompilationCacheHit);
        Assert.Equal(5, result.ExitCode);
        Assert.Equal("Exited with code 5.", result.ErrorMessage);
    }

    [Fact]
    public async Task A_csx_script_runs_with_its_directives_left_to_the_analyzer()
    {
        var script = _fixture.WriteScript("tool.csx",
            "#r \"nuget: Demo.Nothing, 1.0.0\"",
            "#load \"helpers.csx\"",
            "var total = new List<int> { 1, 2, 3 }.Sum();",
            "Console.WriteLine($\"total {total}\");");
        var runner = new ScriptTestRunner(_fixture.Options, (_, _) => Task.FromResult(RunEnvironment.Empty));

        var result = await runner.RunAsync(new ScriptRunRequest { Path = script });

        Assert.True(result.Success, result.ErrorMessage + result.Output);
        Assert.Contains("total 6", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_namespace_CS0246_becomes_a_package_and_the_retry_runs_with_its_assembly()
    {
        var script = _fixture.WriteScript("Program.cs",
            "using Demo.Greetings;",
            "",
            "public static class Program",
            "{",
            "    public static int Main()",
            "    {",
            "        Console.WriteLine(Greeter.Greet(\"world\"));",
            "        return 0;",
            "    }",
            "}");
        var library = CompileLibrary("Demo.Greetings", "namespace Demo.Greetings { public static class Greeter { public static string Greet(string who) => \"greetings, \" + who; } }");
        var asked = new List<ScriptDependency>();
        var runner = new ScriptTestRunner(_fixture.Options, (added, _) =>
        {
            asked.AddRange(added);
            return Task.FromResult(added.Any(d => d.Name == "Demo.Greetings")
                ? new RunEnvironment { Assemblies = new[] { library }, EnvironmentId = "with-greetings" }
                : RunEnvironment.Empty);
        });

        var result = await runner.RunAsync(new ScriptRunRequest { Path = script });

        Assert.True(result.Success, result.ErrorMessage + result.Output);
        Assert.Equal(2, result.Attempts);
        var dependency = Assert.Single(asked);
        Assert.Equal(("Demo.Greetings", DependencyKind.NuGetPackage, DependencyEvidence.CSharpUsing, 1), (dependency.Name, dependency.Kind, dependency.Evidence, dependency.Line));
        Assert.Equal(new[] { "Demo.Greetings (NuGetPackage, CSharpUsing)" }, result.DependenciesAddedOnRetry);
        Assert.Contains("greetings, world", result.Output, StringComparison.Ordinal);
        Assert.Equal("with-greetings", result.EnvironmentId);
    }

    [Fact]
    public async Task Compile_errors_that_are_not_missing_names_are_reported_and_not_retried()
    {
        var script = _fixture.WriteScript("broken.cs", "int x = \"text\";");
        var resolutions = 0;
        var runner = new ScriptTestRunner(_fixture.Options, (_, _) => { resolutions++; return Task.FromResult(RunEnvironment.Empty); });

        var result = await runner.RunAsync(new ScriptRunRequest { Path = script });

        Assert.False(result.Success);
        Assert.Equal(1, resolutions);
        Assert.Equal("CS0029", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Contains("broken.cs(1,9)", result.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unhandled_exception_is_an_ordinary_error()
    {
        var script = _fixture.WriteScript("throws.cs", "throw new InvalidOperationException(\"the config is empty\");");
        var runner = new ScriptTestRunner(_fixture.Options, (_, _) => Task.FromResult(RunEnvironment.Empty));

        var result = await runner.RunAsync(new ScriptRunRequest { Path = script });

        Assert.False(result.Success);
        Assert.Equal(1, result.Attempts);
        var error = Assert.Single(result.Errors);
        Assert.Equal("System.InvalidOperationException", error.ExceptionType);
        Assert.Equal("the config is empty", error.Message);
    }

    private string CompileLibrary(string name, string source)
    {
        var compilation = CSharpCompilation.Create(
            name,
            new[] { CSharpSyntaxTree.ParseText(source) },
            CSharpScriptCompiler.FrameworkReferencePaths().Select(p => MetadataReference.CreateFromFile(p)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var path = _fixture.Combine("packages", name + ".dll");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var emit = compilation.Emit(path);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        return path;
    }
}
