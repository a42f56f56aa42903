using DepResolve.Engine.Analysis.PowerShell.Facts;
using DepResolve.Engine.Model;
using DepResolve.PowerShellReader;
using static DepResolve.Engine.Tests.Analysis.PowerShell.Reader.ScriptOnDisk;

namespace DepResolve.Engine.Tests.Analysis.PowerShell.Reader;

/// <summary>#Requires and using statements as PowerShell 7.6.10's parser reads them.</summary>
public sealed class RequiresAndUsingReaderTests : IDisposable
{
    private readonly ScriptOnDisk _disk = new();

    public void Dispose() => _disk.Dispose();

    [Fact]
    public void Requires_modules_with_each_version_form_become_dependencies_at_their_own_comment()
    {
        var result = _disk.Read(
            "#Requires -Version 7.2",
            "#Requires -PSEdition Core",
            "#Requires -Modules @{ ModuleName = 'Az.Accounts'; ModuleVersion = '2.12.1' }, ImportExcel",
            "#requires -module @{ModuleName='Pester';RequiredVersion='5.5.0'}",
            "#Requires -Modules @{ ModuleName = 'PSFramework'; ModuleVersion = '1.0'; MaximumVersion = '1.9' }",
            "#Requires -Assembly 'YamlDotNet, Version=13.0.0.0, Culture=neutral, PublicKeyToken=ec19458f3c15a7e5'",
            "Write-Output 'ready'");

        var powerShell = Single(result, "PowerShell");
        Assert.Equal(("[7.2.0, )", 1, true, "$PSEdition -eq 'Core'"), (powerShell.VersionRange, powerShell.Line, powerShell.IsBuiltIn, powerShell.Condition));
        Assert.Equal(("[2.12.1, )", 3, DependencyEvidence.Requires), (Single(result, "Az.Accounts").VersionRange, Single(result, "Az.Accounts").Line, Single(result, "Az.Accounts").Evidence));
        Assert.Equal(((string?)null, 3), (Single(result, "ImportExcel").VersionRange, Single(result, "ImportExcel").Line));
        Assert.Equal(("[5.5.0, 5.5.0]", 4), (Single(result, "Pester").VersionRange, Single(result, "Pester").Line));
        Assert.Equal(("[1.0.0, 1.9.0]", 5), (Single(result, "PSFramework").VersionRange, Single(result, "PSFramework").Line));
        var yaml = Single(result, "YamlDotNet");
        Assert.Equal((DependencyKind.Assembly, "[13.0.0, )", 6), (yaml.Kind, yaml.VersionRange, yaml.Line));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Requires_reaches_the_facts_with_the_parser_s_own_module_specifications()
    {
        var facts = PowerShellScriptParser.Instance.Parse(
            "#Requires -Modules @{ ModuleName = 'Az.Accounts'; RequiredVersion = '2.12.1'; Guid = '17a2feff-488b-47f9-8729-e2cec094624c' }\n",
            "/tmp/requires.ps1");

        var module = Assert.Single(facts.Requires!.Modules);
        Assert.Equal(("Az.Accounts", "2.12.1", "17a2feff-488b-47f9-8729-e2cec094624c"), (module.Name, module.RequiredVersion, module.Guid));
        Assert.Null(module.ModuleVersion);
    }

    [Fact]
    public void Using_module_and_assembly_are_dependencies_and_using_namespace_qualifies_type_names()
    {
        var result = _disk.Read(
            "using namespace Newtonsoft.Json.Linq",
            "using module Contoso.Orders",
            "using module @{ ModuleName = 'Contoso.Billing'; ModuleVersion = '3.1' }",
            "using assembly 'YamlDotNet, Version=13.0.0.0'",
            "",
            "[JObject]::Parse('{}')");

        Assert.Equal(
            new[]
            {
                "Contoso.Orders Module UsingModule 2:1",
                "Contoso.Billing Module UsingModule 3:1",
                "YamlDotNet Assembly UsingAssembly 4:1",
                "Newtonsoft.Json.Linq.JObject Assembly TypeLiteral 6:1",
            },
            Needed(result));
        Assert.Equal("[3.1.0, )", Single(result, "Contoso.Billing").VersionRange);
        Assert.DoesNotContain(result.Dependencies, d => d.Name == "Newtonsoft.Json.Linq");
    }

    [Fact]
    public void Using_module_with_a_relative_psm1_path_is_read_with_recursion_instead_of_installed()
    {
        _disk.Write("lib/Helpers.psm1", "function Get-Helper { Invoke-Sqlcmd -Query 'SELECT 1' }");
        var script = _disk.Write("main.ps1", "using module ./lib/Helpers.psm1", "Get-Helper");

        var result = ReadFile(script, recurse: true);

        Assert.DoesNotContain(result.Dependencies, d => d.Name.Contains("Helpers", StringComparison.Ordinal) && d.Kind == DependencyKind.Module);
        Assert.DoesNotContain(result.Dependencies, d => d.Name == "Get-Helper");
        var sql = Single(result, "Invoke-Sqlcmd");
        Assert.Equal((DependencyKind.Command, _disk.Combine("lib", "Helpers.psm1"), 1), (sql.Kind, sql.Path, sql.Line));
        Assert.Contains(_disk.Combine("lib", "Helpers.psm1"), result.Files);
    }

    [Fact]
    public void Using_statements_reach_the_facts_with_their_kind_and_extent()
    {
        var facts = PowerShellScriptParser.Instance.Parse("using namespace System.Text\nusing module Contoso.Orders\n", null);

        Assert.Equal(new[] { (UsingKind.Namespace, "System.Text", 1), (UsingKind.Module, "Contoso.Orders", 2) },
            facts.Usings.Select(u => (u.Kind, u.Name, u.Line)));
    }
}
