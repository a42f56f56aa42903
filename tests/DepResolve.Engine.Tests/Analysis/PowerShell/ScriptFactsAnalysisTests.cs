using DepResolve.Engine.Analysis.PowerShell;
using DepResolve.Engine.Analysis.PowerShell.Facts;
using DepResolve.Engine.Model;
using static DepResolve.Engine.Tests.Analysis.PowerShell.Facts;

namespace DepResolve.Engine.Tests.Analysis.PowerShell;

public class ScriptFactsAnalysisTests
{
    private static readonly PowerShellAnalysisOptions Options = new() { FindExecutable = name => name == "git" ? "/usr/bin/git" : null };

    private static ScriptAnalysisResult Analyze(ScriptFacts facts, PowerShellAnalysisOptions? options = null) =>
        new PowerShellDependencyAnalyzer(options ?? Options).AnalyzeFacts(facts);

    private static ScriptDependency Single(ScriptAnalysisResult result, string name) =>
        Assert.Single(result.Dependencies, d => d.Name == name);

    [Fact]
    public void Requires_modules_versions_editions_and_assemblies_become_dependencies_at_their_comment()
    {
        var facts = Script();
        facts.Requires = new RequiresFacts { PowerShellVersion = "7.2" };
        facts.Requires.PSEditions.Add("Core");
        facts.Requires.Modules.Add(new RequiredModuleFact { Name = "Az.Accounts", ModuleVersion = "2.12.1" });
        facts.Requires.Modules.Add(new RequiredModuleFact { Name = "Pester", RequiredVersion = "5.5.0.0" });
        facts.Requires.Modules.Add(new RequiredModuleFact { Name = "ImportExcel" });
        facts.Requires.Assemblies.Add("Newtonsoft.Json, Version=13.0.0.0, Culture=neutral");
        facts.Comments.Add(new CommentFact { Text = "#Requires -Version 7.2", Line = 1, Column = 1 });
        facts.Comments.Add(new CommentFact { Text = "#Requires -PSEdition Core", Line = 2, Column = 1 });
        facts.Comments.Add(new CommentFact { Text = "#Requires -Modules @{ModuleName='Az.Accounts';ModuleVersion='2.12.1'}, ImportExcel", Line = 3, Column = 1 });
        facts.Comments.Add(new CommentFact { Text = "#requires -module @{ModuleName='Pester';RequiredVersion='5.5.0.0'}", Line = 4, Column = 1 });
        facts.Comments.Add(new CommentFact { Text = "#Requires -Assembly 'Newtonsoft.Json, Version=13.0.0.0'", Line = 5, Column = 1 });

        var result = Analyze(facts);

        var ps = Single(result, "PowerShell");
        Assert.Equal(("[7.2.0, )", 1, DependencyKind.Application, true, "$PSEdition -eq 'Core'"), (ps.VersionRange, ps.Line, ps.Kind, ps.IsBuiltIn, ps.Condition));
        Assert.Equal(("[2.12.1, )", 3, DependencyEvidence.Requires), (Single(result, "Az.Accounts").VersionRange, Single(result, "Az.Accounts").Line, Single(result, "Az.Accounts").Evidence));
        Assert.Equal(("[5.5.0, 5.5.0]", 4), (Single(result, "Pester").VersionRange, Single(result, "Pester").Line));
        Assert.Equal((null, 3), (Single(result, "ImportExcel").VersionRange, Single(result, "ImportExcel").Line));
        var json = Single(result, "Newtonsoft.Json");
        Assert.Equal((DependencyKind.Assembly, "[13.0.0, )", 5), (json.Kind, json.VersionRange, json.Line));
    }

    [Fact]
    public void Import_module_reads_names_lists_versions_hints_and_fully_qualified_names()
    {
        var facts = Script();
        facts.Commands.Add(Cmd("Import-Module", 1, "Az.Accounts", "-RequiredVersion", "2.12.1"));
        facts.Commands.Add(Cmd("ipmo", 2, "-Name", Arr(S("dbatools", 2, 12), S("ImportExcel", 2, 22)), "-MinimumVersion", "7.0"));
        facts.Commands.Add(Cmd("Import-Module", 3, "Pester"));
        facts.Comments.Add(new CommentFact { Text = "# >= 5.3", Line = 3, Column = 22 });
        facts.Commands.Add(Cmd("Import-Module", 4, "-FullyQualifiedName", Table(("ModuleName", S("Microsoft.Graph.Users")), ("ModuleVersion", S("2.0")), ("MaximumVersion", S("2.*")))));
        facts.Commands.Add(Cmd("Import-Module", 5, "Microsoft.PowerShell.Utility"));

        var result = Analyze(facts);

        Assert.Equal("[2.12.1, 2.12.1]", Single(result, "Az.Accounts").VersionRange);
        Assert.Equal(("[7.0.0, )", 12), (Single(result, "dbatools").VersionRange, Single(result, "dbatools").Column));
        Assert.Equal(("[7.0.0, )", 22), (Single(result, "ImportExcel").VersionRange, Single(result, "ImportExcel").Column));
        Assert.Equal("[5.3.0, )", Single(result, "Pester").VersionRange);
        Assert.Equal("[2.0.0, 2.999999999.999999999.999999999]", Single(result, "Microsoft.Graph.Users").VersionRange);
        Assert.True(Single(result, "Microsoft.PowerShell.Utility").IsBuiltIn);
        Assert.All(result.Dependencies.Where(d => d.Evidence == DependencyEvidence.ImportModule), d => Assert.Equal(DependencyKind.Module, d.Kind));
        Assert.All(result.Dependencies.Where(d => d.Name is "Import-Module" or "ipmo"), d => Assert.True(d.IsBuiltIn));
    }

    [Fact]
    public void A_non_constant_module_name_is_a_dynamic_dependency_with_a_warning_never_a_guess()
    {
        var facts = Script("/tmp/x/dyn.ps1");
        facts.Assignments.Add(new AssignmentFact { VariableName = "name", Value = S("Fixed") });
        facts.Assignments.Add(new AssignmentFact { VariableName = "each", Operator = "other" });
        facts.Commands.Add(Cmd("Import-Module", 3, Var("name")));
        facts.Commands.Add(Cmd("Import-Module", 4, Var("each")));

        var result = Analyze(facts);

        Assert.False(Single(result, "Fixed").IsDynamic);
        var dynamic = Single(result, "$each");
        Assert.True(dynamic.IsDynamic);
        Assert.Null(dynamic.VersionRange);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(ScriptAnalysisWarningKind.DynamicDependency, warning.Kind);
        Assert.Contains("/tmp/x/dyn.ps1:4", warning.Message);
    }

    [Fact]
    public void Commands_are_told_apart_defined_builtin_native_and_module()
    {
        var facts = Script();
        facts.DefinedFunctions.Add("Get-Thing");
        facts.Commands.Add(Cmd("Set-Alias", 1, "gvm", "Get-AzVM"));
        facts.Commands.Add(Cmd("Get-Thing", 2));
        facts.Commands.Add(Cmd("gvm", 3));
        facts.Commands.Add(Cmd("Write-Host", 4, "hi"));
        facts.Commands.Add(Cmd("git", 5, "status"));
        facts.Commands.Add(Cmd("robocopy.exe", 6));
        facts.Commands.Add(Cmd("Connect-AzAccount", 7));
        facts.Commands.Add(Cmd("Connect-AzAccount", 8));

        var result = Analyze(facts);

        Assert.DoesNotContain(result.Dependencies, d => d.Name is "Get-Thing" or "gvm");
        var target = Single(result, "Get-AzVM");
        Assert.Equal((DependencyKind.Command, DependencyEvidence.CommandUsage, 1), (target.Kind, target.Evidence, target.Line));
        Assert.True(Single(result, "Write-Host").IsBuiltIn);
        var git = Single(result, "git");
        Assert.Equal(DependencyKind.Application, git.Kind);
        Assert.Contains("/usr/bin/git", git.MappingReason);
        Assert.Equal(DependencyKind.Application, Single(result, "robocopy.exe").Kind);
        var connect = Single(result, "Connect-AzAccount");
        Assert.Equal((DependencyKind.Command, false, 7), (connect.Kind, connect.IsBuiltIn, connect.Line));
    }

    [Fact]
    public void The_builtin_predicate_given_by_the_session_wins_over_the_fallback_list()
    {
        var facts = Script();
        facts.Commands.Add(Cmd("Write-Host", 1));
        facts.Commands.Add(Cmd("Invoke-SessionThing", 2));

        var result = Analyze(facts, new PowerShellAnalysisOptions { IsBuiltInCommand = n => n == "Invoke-SessionThing", FindExecutable = _ => null });

        Assert.False(Single(result, "Write-Host").IsBuiltIn);
        Assert.True(Single(result, "Invoke-SessionThing").IsBuiltIn);
    }

    [Fact]
    public void Optional_and_conditional_imports_are_recorded_not_dropped()
    {
        var facts = Script();
        var getModule = Cmd("Get-Module", 1, "-ListAvailable", "ImportExcel");
        var getCommand = Cmd("Get-Command", 5, "ConvertFrom-Yaml", "-ErrorAction", "SilentlyContinue");
        facts.Commands.Add(Cmd("Import-Module", 2, InvocationKind.Direct, new[] { If("Get-Module -ListAvailable ImportExcel", getModule) }, "ImportExcel"));
        facts.Commands.Add(Cmd("Import-Module", 3, InvocationKind.Direct, new[] { Try() }, "dbatools"));
        facts.Commands.Add(Cmd("Import-Module", 4, InvocationKind.Direct, new[] { If("$IsWindows") }, "ActiveDirectory"));
        facts.Commands.Add(Cmd("Import-Module", 6, InvocationKind.Direct, new[] { Else("$IsWindows") }, "Microsoft.PowerShell.SecretStore"));
        facts.Commands.Add(Cmd("ConvertFrom-Yaml", 7, InvocationKind.Direct, new[] { If("Get-Command ConvertFrom-Yaml -ErrorAction SilentlyContinue", getCommand) }));
        facts.Commands.Add(Cmd("Import-Module", 8, InvocationKind.Direct, new[] { If("$env:CI") }, "Plain"));
        facts.Commands.Add(Cmd("Import-Module", 9, "Quiet", "-ErrorAction", "Ignore"));

        var result = Analyze(facts);

        var excel = Single(result, "ImportExcel");
        Assert.Equal((true, "Get-Module -ListAvailable ImportExcel"), (excel.IsOptional, excel.Condition));
        Assert.Equal((true, (string?)null), (Single(result, "dbatools").IsOptional, Single(result, "dbatools").Condition));
        Assert.Equal((false, "$IsWindows"), (Single(result, "ActiveDirectory").IsOptional, Single(result, "ActiveDirectory").Condition));
        Assert.Equal((false, "-not ($IsWindows)"), (Single(result, "Microsoft.PowerShell.SecretStore").IsOptional, Single(result, "Microsoft.PowerShell.SecretStore").Condition));
        Assert.True(Single(result, "ConvertFrom-Yaml").IsOptional);
        Assert.Equal((false, (string?)null), (Single(result, "Plain").IsOptional, Single(result, "Plain").Condition));
        Assert.True(Single(result, "Quiet").IsOptional);
    }

    [Fact]
    public void A_try_body_makes_an_import_optional_but_not_a_command_the_body_calls()
    {
        var facts = Script();
        facts.Commands.Add(Cmd("Import-Module", 1, InvocationKind.Direct, new[] { Try() }, "dbatools"));
        facts.Commands.Add(Cmd("Connect-AzAccount", 6, InvocationKind.Direct, new[] { new GuardFact { Kind = GuardKind.TryBody, Line = 5 } }));

        var result = Analyze(facts);

        Assert.True(Single(result, "dbatools").IsOptional);
        Assert.False(Single(result, "Connect-AzAccount").IsOptional);
    }

    [Fact]
    public void A_command_in_the_same_try_as_a_guarded_import_is_optional_whichever_comes_first()
    {
        var facts = Script();
        var guarded = new GuardFact { Kind = GuardKind.TryBody, Line = 10 };
        facts.Commands.Add(Cmd("Write-Color", 11, InvocationKind.Direct, new[] { guarded }));
        facts.Commands.Add(Cmd("Import-Module", 12, InvocationKind.Direct, new[] { guarded }, "PSWriteColor"));
        facts.Commands.Add(Cmd("Out-Colored", 13, InvocationKind.Direct, new[] { guarded }));
        facts.Commands.Add(Cmd("Connect-AzAccount", 21, InvocationKind.Direct, new[] { new GuardFact { Kind = GuardKind.TryBody, Line = 20 } }));

        var result = Analyze(facts);

        Assert.True(Single(result, "Write-Color").IsOptional);
        Assert.True(Single(result, "Out-Colored").IsOptional);
        Assert.False(Single(result, "Connect-AzAccount").IsOptional);
    }

    [Fact]
    public void Type_literals_new_object_and_assembly_loads_name_assemblies()
    {
        var facts = Script();
        facts.Usings.Add(new UsingFact { Kind = UsingKind.Namespace, Name = "Newtonsoft.Json.Linq", Line = 1, Column = 1 });
        facts.Usings.Add(new UsingFact { Kind = UsingKind.Namespace, Name = "System.Text", Line = 2, Column = 1 });
        facts.Usings.Add(new UsingFact { Kind = UsingKind.Assembly, Name = "./lib/YamlDotNet.dll", Line = 3, Column = 1 });
        facts.DefinedTypes.Add("MyClass");
        facts.TypeReferences.Add(new TypeReferenceFact { TypeName = "JObject", Line = 4, Column = 1 });
        facts.TypeReferences.Add(new TypeReferenceFact { TypeName = "string", Line = 5, Column = 1 });
        facts.TypeReferences.Add(new TypeReferenceFact { TypeName = "IO.Path", Line = 6, Column = 1 });
        facts.TypeReferences.Add(new TypeReferenceFact { TypeName = "MyClass", Line = 7, Column = 1 });
        facts.TypeReferences.Add(new TypeReferenceFact { TypeName = "Microsoft.Data.SqlClient.SqlConnection", Line = 8, Column = 1 });
        facts.Commands.Add(Cmd("New-Object", 9, "-TypeName", "Npgsql.NpgsqlConnection"));
        facts.StaticMethodCalls.Add(new StaticMethodCallFact { TypeName = "Reflection.Assembly", MethodName = "LoadFrom", Arguments = new[] { S("./bin/Dapper.dll") }, Line = 10, Column = 1 });
        facts.StaticMethodCalls.Add(new StaticMethodCallFact { TypeName = "System.Reflection.Assembly", MethodName = "Load", Arguments = new[] { S("Serilog, Version=3.1.0.0") }, Line = 11, Column = 1 });

        var result = Analyze(facts);

        Assert.Equal(DependencyEvidence.TypeLiteral, Single(result, "Newtonsoft.Json.Linq.JObject").Evidence);
        Assert.DoesNotContain(result.Dependencies, d => d.Name.Contains("StringBuilder") || d.Name is "string" or "MyClass" || d.Name.EndsWith(".MyClass"));
        Assert.True(Single(result, "IO.Path").IsBuiltIn);
        Assert.False(Single(result, "Microsoft.Data.SqlClient.SqlConnection").IsBuiltIn);
        Assert.Equal(DependencyKind.Assembly, Single(result, "Npgsql.NpgsqlConnection").Kind);
        Assert.Equal(DependencyEvidence.UsingAssembly, Single(result, "YamlDotNet").Evidence);
        Assert.Equal(DependencyEvidence.AddType, Single(result, "Dapper").Evidence);
        Assert.Equal("[3.1.0, )", Single(result, "Serilog").VersionRange);
    }

    [Fact]
    public void A_module_qualified_command_needs_its_module_and_is_no_script_path()
    {
        var facts = Script();
        facts.Commands.Add(Cmd("Contoso.Greeting\\Get-ContosoGreeting", 1, "-Name", "qualified"));
        facts.Commands.Add(Cmd("./tools/Deploy-App.ps1", 2));

        var result = Analyze(facts);

        Assert.Equal((DependencyKind.Module, DependencyEvidence.ImportModule), (Single(result, "Contoso.Greeting").Kind, Single(result, "Contoso.Greeting").Evidence));
        Assert.Equal(DependencyKind.Command, Single(result, "Get-ContosoGreeting").Kind);
        Assert.Equal(["./tools/Deploy-App.ps1"], result.Dependencies.Where(d => d.Kind == DependencyKind.Script).Select(d => d.Name));
    }

    [Fact]
    public void Array_and_generic_type_names_need_their_element_and_argument_types_not_a_bracketed_name()
    {
        var facts = Script();
        facts.Commands.Add(Cmd("New-Object", 1, "VMware.Vim.HostGraphicsConfigDeviceType[]", "(1)"));
        facts.Commands.Add(Cmd("New-Object", 2, "-TypeName", "System.Collections.Generic.List[Amazon.EC2.Model.Tag]"));
        facts.TypeReferences.Add(new TypeReferenceFact { TypeName = "[Amazon.S3.Model.S3Object[,]]", Line = 3, Column = 1 });
        facts.TypeReferences.Add(new TypeReferenceFact { TypeName = "System.Collections.Generic.Dictionary[string,Npgsql.NpgsqlConnection[]]", Line = 4, Column = 1 });

        var result = Analyze(facts);

        Assert.Equal(1, Single(result, "VMware.Vim.HostGraphicsConfigDeviceType").Line);
        Assert.Equal(2, Single(result, "Amazon.EC2.Model.Tag").Line);
        Assert.Equal(3, Single(result, "Amazon.S3.Model.S3Object").Line);
        Assert.Equal(4, Single(result, "Npgsql.NpgsqlConnection").Line);
        Assert.DoesNotContain(result.Dependencies, d => d.Name.Contains('[') || d.Name.Contains(']') || d.Name.Contains(','));
    }

    [Fact]
    public void Add_type_hands_csharp_source_from_a_here_string_variable_to_the_csharp_analyzer()
    {
        var facts = Script("/tmp/proj/addtype.ps1");
        facts.Assignments.Add(new AssignmentFact { VariableName = "source", Value = S("using Newtonsoft.Json;\npublic static class J {}"), Line = 2 });
        facts.Commands.Add(Cmd("Add-Type", 6, "-TypeDefinition", Var("source"), "-ReferencedAssemblies", Arr(S("Newtonsoft.Json", 6, 50), S("System.Linq", 6, 68))));
        facts.Commands.Add(Cmd("Add-Type", 7, "-AssemblyName", "System.Windows.Forms"));
        facts.Commands.Add(Cmd("Add-Type", 8, "-Path", "lib/YamlDotNet.dll"));
        facts.Commands.Add(Cmd("Add-Type", 9, "-Name", "Native", "-MemberDefinition", "[DllImport(\"user32.dll\")] public static extern bool X();"));
        facts.Commands.Add(Cmd("Add-Type", 10, Var("dynamicSource")));
        var seen = new List<(string Source, string Origin)>();

        var result = Analyze(facts, new PowerShellAnalysisOptions
        {
            FindExecutable = _ => null,
            AnalyzeCSharp = (source, origin) =>
            {
                seen.Add((source, origin));
                var name = source.Contains("Newtonsoft") ? "Newtonsoft.Json" : "System.Runtime.InteropServices";
                return new[] { new ScriptDependency { Name = name, Kind = DependencyKind.NuGetPackage, Evidence = DependencyEvidence.CSharpUsing, Line = 1 } };
            },
        });

        Assert.Equal(2, seen.Count);
        Assert.StartsWith("using Newtonsoft.Json;", seen[0].Source);
        Assert.Equal("/tmp/proj/addtype.ps1:6:1", seen[0].Origin);
        Assert.Contains("using System.Runtime.InteropServices;", seen[1].Source);
        Assert.Contains("public static extern bool X();", seen[1].Source);
        var fromCSharp = result.Dependencies.Where(d => d.Evidence == DependencyEvidence.CSharpUsing).ToList();
        Assert.Equal(new[] { 6, 9 }, fromCSharp.Select(d => d.Line));
        Assert.Contains(result.Dependencies, d => d is { Name: "Newtonsoft.Json", Evidence: DependencyEvidence.AddType, Line: 6, Column: 50 });
        Assert.True(Single(result, "System.Windows.Forms").IsBuiltIn);
        Assert.Contains(result.Dependencies, d => d is { Name: "YamlDotNet", Evidence: DependencyEvidence.AddType, Line: 8 });
        Assert.True(Single(result, "$dynamicSource").IsDynamic);
        Assert.Contains(result.Warnings, w => w.Kind == ScriptAnalysisWarningKind.DynamicDependency && w.Line == 10);
    }

    [Fact]
    public void Types_compiled_by_add_type_are_not_dependencies_but_others_under_a_using_namespace_are()
    {
        var facts = Script();
        facts.Usings.Add(new UsingFact { Kind = UsingKind.Namespace, Name = "Newtonsoft.Json.Linq", Line = 1, Column = 1 });
        facts.Assignments.Add(new AssignmentFact { VariableName = "source", Value = S("public static class JsonHelper { }") });
        facts.Commands.Add(Cmd("Add-Type", 3, "-TypeDefinition", Var("source")));
        facts.Commands.Add(Cmd("Add-Type", 4, "-Name", "User32", "-Namespace", "Win32", "-MemberDefinition", "public static extern bool X();"));
        facts.TypeReferences.Add(new TypeReferenceFact { TypeName = "JsonHelper", Line = 5, Column = 1 });
        facts.TypeReferences.Add(new TypeReferenceFact { TypeName = "Win32.User32", Line = 6, Column = 1 });
        facts.TypeReferences.Add(new TypeReferenceFact { TypeName = "JArray", Line = 7, Column = 1 });

        var result = Analyze(facts);

        var type = Assert.Single(result.Dependencies, d => d.Evidence == DependencyEvidence.TypeLiteral);
        Assert.Equal(("Newtonsoft.Json.Linq.JArray", 7), (type.Name, type.Line));
    }

    [Fact]
    public void Parse_errors_become_one_AnalysisFailed_warning_listing_file_line_column_and_message()
    {
        var facts = Script("/tmp/p/broken.ps1");
        facts.ParseErrors.Add(new ParseErrorFact { Line = 7, Column = 3, Message = "Missing closing '}' in statement block or type definition." });
        facts.ParseErrors.Add(new ParseErrorFact { Line = 2, Column = 1, Message = "Unexpected token ')' in expression or statement." });
        facts.Commands.Add(Cmd("Import-Module", 1, "ImportExcel"));

        var result = Analyze(facts);

        Single(result, "ImportExcel");
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(ScriptAnalysisWarningKind.AnalysisFailed, warning.Kind);
        Assert.StartsWith("AnalysisFailed:", warning.Message);
        var lines = warning.Message.Split(Environment.NewLine);
        Assert.Equal("/tmp/p/broken.ps1:2:1: Unexpected token ')' in expression or statement.", lines[1]);
        Assert.Equal("/tmp/p/broken.ps1:7:3: Missing closing '}' in statement block or type definition.", lines[2]);
    }

    [Fact]
    public void Repeats_are_merged_and_the_order_is_by_line_then_column()
    {
        var facts = Script();
        facts.Commands.Add(Cmd("Get-MgUser", 9));
        facts.Commands.Add(Cmd("Connect-MgGraph", 2));
        facts.Commands.Add(Cmd("Get-MgUser", 4));

        var result = Analyze(facts);

        Assert.Equal(new[] { ("Connect-MgGraph", 2), ("Get-MgUser", 4) }, result.Dependencies.Select(d => (d.Name, d.Line)));
    }

    [Fact]
    public void A_manifest_lists_required_nested_external_modules_and_assemblies()
    {
        var facts = Script("/tmp/m/My.psd1");
        facts.Manifest = Table(
            ("RootModule", S("My.psm1")),
            ("PowerShellVersion", S("7.2", 4, 1)),
            ("RequiredModules", Arr(S("PSFramework", 5, 21), Table(("ModuleName", S("Az.Accounts")), ("ModuleVersion", S("2.0"))))),
            ("NestedModules", Arr(S("Helpers/Helpers.psm1", 6, 19), S("SqlServer", 6, 43))),
            ("RequiredAssemblies", Arr(S("lib/YamlDotNet.dll", 7, 24), S("System.Xml.Linq", 7, 46))),
            ("PrivateData", Table(("PSData", Table(("ExternalModuleDependencies", Arr(S("ActiveDirectory", 9, 40))))))));

        var result = Analyze(facts);

        Assert.All(result.Dependencies, d => Assert.Equal(DependencyEvidence.Manifest, d.Evidence));
        Assert.Equal(new[] { "PowerShell", "PSFramework", "Az.Accounts", "SqlServer", "YamlDotNet", "System.Xml.Linq", "ActiveDirectory" }.Order(),
            result.Dependencies.Select(d => d.Name).Order());
        Assert.Equal("[2.0.0, )", Single(result, "Az.Accounts").VersionRange);
        Assert.True(Single(result, "System.Xml.Linq").IsBuiltIn);
        Assert.Equal(DependencyKind.Assembly, Single(result, "YamlDotNet").Kind);
    }
}
