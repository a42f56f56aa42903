using DepResolve.Engine.Model;
using static DepResolve.Engine.Tests.Analysis.PowerShell.Reader.ScriptOnDisk;

namespace DepResolve.Engine.Tests.Analysis.PowerShell.Reader;

/// <summary>Which commands a script calls and what each one is, from PowerShell 7.6.10's parse.</summary>
public sealed class CommandClassificationReaderTests : IDisposable
{
    private readonly ScriptOnDisk _disk = new();

    public void Dispose() => _disk.Dispose();

    [Fact]
    public void Functions_the_script_defines_are_not_dependencies_built_ins_are_marked_and_the_rest_are_modules()
    {
        var script = _disk.Write("report.ps1",
            "function Get-Report { param($Path) Import-Csv -Path $Path }",
            "function script:Send-Report { Send-MailKitMessage -To 'ops@example.invalid' }",
            "filter Format-Line { \"[$_]\" }",
            "$rows = Get-Report -Path ./data.csv | Format-Line",
            "Send-Report",
            "Write-Host $rows.Count",
            "Connect-MgGraph -Scopes 'User.Read.All'",
            "Get-MgUser -All | Export-Excel -Path ./users.xlsx");

        var result = ReadFile(script);

        Assert.Equal(
            new[]
            {
                "Send-MailKitMessage Command CommandUsage 2:31",
                "Connect-MgGraph Command CommandUsage 7:1",
                "Get-MgUser Command CommandUsage 8:1",
                "Export-Excel Command CommandUsage 8:19",
            },
            Needed(result));
        Assert.DoesNotContain(result.Dependencies, d => d.Name is "Get-Report" or "Send-Report" or "Format-Line");
        Assert.True(Single(result, "Write-Host").IsBuiltIn);
        Assert.True(Single(result, "Import-Csv").IsBuiltIn);
        Assert.All(result.Dependencies, d => Assert.Equal(script, d.Path));
    }

    [Fact]
    public void Native_executables_found_on_PATH_are_applications()
    {
        var result = ReadFile(_disk.Write("build.ps1", "git rev-parse HEAD", "& 'git' status", "kubectl get pods"),
            findExecutable: name => name == "git" ? "/usr/bin/git" : null);

        var git = Single(result, "git");
        Assert.Equal((DependencyKind.Application, 1, 1), (git.Kind, git.Line, git.Column));
        Assert.Contains("/usr/bin/git", git.MappingReason, StringComparison.Ordinal);
        Assert.Equal(DependencyKind.Command, Single(result, "kubectl").Kind);
    }

    [Fact]
    public void A_command_in_a_script_block_argument_is_found_with_its_own_position()
    {
        var result = _disk.Read(
            "Invoke-PSFProtectedCommand -Action 'Done' -ScriptBlock {",
            "    Write-PSFMessage -Message 'ok'",
            "}");

        Assert.Equal(new[] { "Invoke-PSFProtectedCommand Command CommandUsage 1:1", "Write-PSFMessage Command CommandUsage 2:5" }, Needed(result));
    }

    [Fact]
    public void Class_and_enum_definitions_are_not_type_dependencies_but_the_types_they_use_are()
    {
        var result = _disk.Read(
            "enum Level { Low; High }",
            "class Order {",
            "    [Level] $Level",
            "    [Newtonsoft.Json.Linq.JObject] $Payload",
            "}",
            "$order = [Order]::new()",
            "[System.Text.StringBuilder]::new() | Out-Null");

        Assert.Equal(new[] { "Newtonsoft.Json.Linq.JObject Assembly TypeLiteral 4:5" }, Needed(result));
        Assert.DoesNotContain(result.Dependencies, d => d.Name is "Order" or "Level");
    }
}
