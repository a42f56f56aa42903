using DepResolve.Engine.Analysis.PowerShell;
using DepResolve.Engine.Analysis.PowerShell.Facts;
using static DepResolve.Engine.Tests.Analysis.PowerShell.Facts;

namespace DepResolve.Engine.Tests.Analysis.PowerShell;

public class StaticValueEvaluatorTests
{
    private static readonly string ScriptPath = Path.Combine(Path.GetTempPath(), "proj", "main.ps1");
    private static readonly string ScriptRoot = Path.GetDirectoryName(ScriptPath)!;

    [Fact]
    public void PSScriptRoot_joins_evaluate_to_paths_next_to_the_script()
    {
        var evaluator = new StaticValueEvaluator(ScriptPath, Array.Empty<AssignmentFact>());
        var expandable = StaticValue.Expandable("$PSScriptRoot\\lib\\common.ps1", new[] { "PSScriptRoot" }, "\"$PSScriptRoot\\lib\\common.ps1\"");
        var braced = StaticValue.Expandable("${PSScriptRoot}/x.ps1", new[] { "PSScriptRoot" }, "\"${PSScriptRoot}/x.ps1\"");
        var joinPath = StaticValue.CommandCall(Cmd("Join-Path", 1, Var("PSScriptRoot"), "x.ps1"), "(Join-Path $PSScriptRoot 'x.ps1')");
        var concat = StaticValue.Concatenation(new[] { Var("PSScriptRoot"), S("/y.ps1") }, "$PSScriptRoot + '/y.ps1'");
        var combine = StaticValue.MethodCall("IO.Path", "Combine", new[] { Var("PSScriptRoot"), S("z.ps1") }, "[IO.Path]::Combine($PSScriptRoot, 'z.ps1')");

        Assert.Equal(ScriptRoot + "\\lib\\common.ps1", evaluator.TryGetText(expandable));
        Assert.Equal(ScriptRoot + "/x.ps1", evaluator.TryGetText(braced));
        Assert.Equal(Path.Combine(ScriptRoot, "x.ps1"), evaluator.TryGetText(joinPath));
        Assert.Equal(ScriptRoot + "/y.ps1", evaluator.TryGetText(concat));
        Assert.Equal(Path.Combine(ScriptRoot, "z.ps1"), evaluator.TryGetText(combine));
    }

    [Fact]
    public void Split_path_of_the_command_path_is_the_script_folder()
    {
        var evaluator = new StaticValueEvaluator(ScriptPath, Array.Empty<AssignmentFact>());
        var split = StaticValue.CommandCall(Cmd("Split-Path", 1, "-Parent", Var("PSCommandPath")), "(Split-Path -Parent $PSCommandPath)");
        var leaf = StaticValue.CommandCall(Cmd("Split-Path", 1, "-Leaf", Var("PSCommandPath")), "(Split-Path -Leaf $PSCommandPath)");

        Assert.Equal(ScriptRoot, evaluator.TryGetText(split));
        Assert.Null(evaluator.TryGetText(leaf));
    }

    [Fact]
    public void A_variable_assigned_once_to_a_constant_is_that_constant_and_otherwise_unknown()
    {
        var assignments = new[]
        {
            new AssignmentFact { VariableName = "source", Value = S("public class A {}") },
            new AssignmentFact { VariableName = "name", Value = S("Pester") },
            new AssignmentFact { VariableName = "name", Operator = "=", Value = S("Other") },
            new AssignmentFact { VariableName = "each", Operator = "other" },
            new AssignmentFact { VariableName = "alias", Value = Var("source") },
        };
        var evaluator = new StaticValueEvaluator(null, assignments);

        Assert.Equal("public class A {}", evaluator.TryGetText(Var("source")));
        Assert.Equal("public class A {}", evaluator.TryGetText(Var("alias")));
        Assert.Null(evaluator.TryGetText(Var("name")));
        Assert.Null(evaluator.TryGetText(Var("each")));
        Assert.Null(evaluator.TryGetText(Var("unknown")));
        Assert.Null(evaluator.TryGetText(Var("PSScriptRoot")));
        Assert.Null(evaluator.TryGetText(Dyn("(Get-Random)")));
    }

    [Fact]
    public void Self_referencing_variables_do_not_loop()
    {
        var evaluator = new StaticValueEvaluator(null, new[] { new AssignmentFact { VariableName = "a", Value = Var("a") } });
        Assert.Null(evaluator.TryGetText(Var("a")));
    }

    [Fact]
    public void Lists_evaluate_item_by_item()
    {
        var evaluator = new StaticValueEvaluator(null, Array.Empty<AssignmentFact>());
        Assert.Equal(new[] { "a", "b" }, evaluator.TryGetTexts(Arr(S("a"), S("b"))));
        Assert.Null(evaluator.TryGetTexts(Arr(S("a"), Var("x"))));
    }
}
