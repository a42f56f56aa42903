using DepResolve.Engine.Analysis.PowerShell;
using static DepResolve.Engine.Tests.Analysis.PowerShell.Facts;

namespace DepResolve.Engine.Tests.Analysis.PowerShell;

public class CommandArgumentBinderTests
{
    [Fact]
    public void Binds_named_prefixed_aliased_and_positional_arguments_like_PowerShell()
    {
        var command = Cmd("Import-Module", 1, "Pester", "-MinimumV", "5.3", "-ea", "SilentlyContinue", "-Force");
        var bound = CommandArgumentBinder.Bind(command.Elements, CommandSignature.ImportModule, "Name");

        Assert.Equal("Pester", bound["Name"]!.Text);
        Assert.Equal("5.3", bound["MinimumVersion"]!.Text);
        Assert.Equal("SilentlyContinue", bound["ErrorAction"]!.Text);
        Assert.True(bound.Has("Force"));
        Assert.Null(bound["Force"]);
    }

    [Fact]
    public void The_Version_alias_means_MinimumVersion_and_an_ambiguous_prefix_binds_nothing()
    {
        var bound = CommandArgumentBinder.Bind(Cmd("ipmo", 1, "-Version", "2.0", "-Name", "X", "-M", "1").Elements, CommandSignature.ImportModule, "Name");

        Assert.Equal("2.0", bound["MinimumVersion"]!.Text);
        Assert.Equal("X", bound["Name"]!.Text);
        Assert.Contains("M", bound.Unknown);
        Assert.False(bound.Has("MaximumVersion"));
    }

    [Fact]
    public void A_switch_does_not_swallow_the_next_argument()
    {
        var bound = CommandArgumentBinder.Bind(Cmd("Get-Module", 1, "-ListAvailable", "Az.Accounts").Elements, CommandSignature.GetModule, "Name");

        Assert.True(bound.Has("ListAvailable"));
        Assert.Equal("Az.Accounts", bound["Name"]!.Text);
    }

    [Fact]
    public void Join_path_positions_fill_Path_then_ChildPath()
    {
        var bound = CommandArgumentBinder.Bind(Cmd("Join-Path", 1, Var("PSScriptRoot"), "lib", "x.ps1").Elements, CommandSignature.JoinPath, "Path", "ChildPath", "AdditionalChildPath");

        Assert.Equal("PSScriptRoot", bound["Path"]!.Text);
        Assert.Equal("lib", bound["ChildPath"]!.Text);
        Assert.Equal("x.ps1", bound["AdditionalChildPath"]!.Text);
    }
}
