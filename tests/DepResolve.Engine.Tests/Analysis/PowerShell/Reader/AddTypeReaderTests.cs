using DepResolve.Engine.Analysis.PowerShell;
using DepResolve.Engine.Model;
using static DepResolve.Engine.Tests.Analysis.PowerShell.Reader.ScriptOnDisk;

namespace DepResolve.Engine.Tests.Analysis.PowerShell.Reader;

/// <summary>Add-Type as PowerShell 7.6.10's parser reads it, with the C# source handed to the real C# analyzer.</summary>
public sealed class AddTypeReaderTests : IDisposable
{
    private readonly ScriptOnDisk _disk = new();

    public void Dispose() => _disk.Dispose();

    [Fact]
    public void Csharp_source_in_a_here_string_variable_assigned_once_is_analysed_not_reported_as_an_assembly()
    {
        var result = _disk.Read(
            "$source = @'",
            "using YamlDotNet.Serialization;",
            "",
            "public static class YamlHelper",
            "{",
            "    public static string Dump(object value) => new SerializerBuilder().Build().Serialize(value);",
            "}",
            "'@",
            "",
            "Add-Type -TypeDefinition $source -ReferencedAssemblies YamlDotNet",
            "[YamlHelper]::Dump(@{ a = 1 })");

        Assert.DoesNotContain(result.Dependencies, d => d.Name == "$source");
        Assert.Empty(result.Warnings);
        // What the C# source uses is reported at the Add-Type that compiles it.
        var fromSource = Single(result, "YamlDotNet.Serialization");
        Assert.Equal((DependencyKind.Assembly, DependencyEvidence.AddType, 10), (fromSource.Kind, fromSource.Evidence, fromSource.Line));
        Assert.Equal(DependencyEvidence.AddType, Single(result, "YamlDotNet").Evidence);
        Assert.DoesNotContain(result.Dependencies, d => d.Name == "YamlHelper");
    }

    [Fact]
    public void An_expandable_here_string_without_variables_is_a_constant_too()
    {
        var result = _disk.Read(
            "$source = @\"",
            "using Newtonsoft.Json;",
            "public static class JsonHelper { public static string Pretty(string json) => JsonConvert.SerializeObject(json, Formatting.Indented); }",
            "\"@",
            "Add-Type -TypeDefinition $source");

        Assert.Empty(result.Warnings);
        var fromSource = Single(result, "Newtonsoft.Json");
        Assert.Equal((DependencyKind.Assembly, DependencyEvidence.AddType, 5, false), (fromSource.Kind, fromSource.Evidence, fromSource.Line, fromSource.IsDynamic));
    }

    [Fact]
    public void Source_that_depends_on_run_time_is_one_dynamic_dependency_with_a_warning()
    {
        var result = _disk.Read(
            "$source = Get-Content -Raw ./Helper.cs",
            "Add-Type -TypeDefinition $source");

        var dynamic = Single(result, "$source");
        Assert.True(dynamic.IsDynamic);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal((ScriptAnalysisWarningKind.DynamicDependency, 2), (warning.Kind, warning.Line));
        Assert.Contains("the C# source is not a constant", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Assembly_names_paths_and_member_definitions_are_read()
    {
        var result = _disk.Read(
            "Add-Type -AssemblyName System.Windows.Forms",
            "Add-Type -Path (Join-Path $PSScriptRoot 'lib/Newtonsoft.Json.dll')",
            "Add-Type -Name User32 -Namespace Win32 -MemberDefinition '[DllImport(\"user32.dll\")] public static extern bool MessageBeep(uint type);'",
            "[Win32.User32]::MessageBeep(0)");

        Assert.True(Single(result, "System.Windows.Forms").IsBuiltIn);
        var json = Single(result, "Newtonsoft.Json");
        Assert.Equal((DependencyKind.Assembly, DependencyEvidence.AddType, 2), (json.Kind, json.Evidence, json.Line));
        Assert.DoesNotContain(result.Dependencies, d => d.Name.Contains("User32", StringComparison.Ordinal));
        Assert.Empty(result.Warnings);
    }
}
