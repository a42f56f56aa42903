using System.Text.RegularExpressions;
using DepResolve.Engine.Analysis.PowerShell;

namespace DepResolve.Engine.Tests.Analysis.PowerShell;

public class RequiresLocatorTests
{
    [Theory]
    [InlineData("#Requires -Modules Demo.Greeting", "Demo.Greeting", true)]
    [InlineData("#requires -modules DEMO.greeting, Pester", "demo.Greeting", true)]
    [InlineData("#Requires -Modules Demo.Greeting.Extra", "Demo.Greeting", false)]
    [InlineData("#Requires -Modules My-Demo.Greeting", "Demo.Greeting", false)]
    [InlineData("#Requires -Modules Demo.Greeting2, Demo.Greeting", "Demo.Greeting", true)]
    [InlineData("#Requires -Modules @{ModuleName='Demo.Greeting';ModuleVersion='1.0'}", "Demo.Greeting", true)]
    [InlineData("#Requires -Modules Az_Tools", "Az", false)]
    public void FindsTheNameOnlyWhereItIsNotPartOfALongerName(string text, string name, bool expected) =>
        Assert.Equal(expected, RequiresLocator.ContainsNameAlone(text, name));

    [Fact]
    public void AgreesWithTheRegularExpressionItReplacedForEveryCharacterNextToTheName()
    {
        // The pattern the locator used before: the name, ignoring case, with no \w, '.' or '-' on either side.
        var pattern = new Regex(@"(?<![\w.-])" + Regex.Escape("Az.Tools") + @"(?![\w.-])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        for (var code = 0; code <= char.MaxValue; code++)
        {
            var c = (char)code;
            foreach (var text in new[] { $"#Requires -Modules {c}az.TOOLS x", $"#Requires -Modules x AZ.tools{c}", $"{c}Az.Tools{c}" })
            {
                Assert.True(pattern.IsMatch(text) == RequiresLocator.ContainsNameAlone(text, "Az.Tools"), $"U+{code:X4} in '{text}'");
            }
        }
    }
}
