using DepResolve.Engine.Packaging;

namespace DepResolve.Engine.Tests.Packaging;

public class ModuleManifestReaderTests
{
    [Fact]
    public void ReadsTheOuterModuleVersionNotOneInRequiredModulesOrComments()
    {
        const string manifest = """
            # ModuleVersion = '9.9.9' in a comment
            <# ModuleVersion = '8.8.8'
               in a block comment #>
            @{
                RootModule = 'Az.Accounts.psm1'
                RequiredModules = @(
                    @{ ModuleName = 'Az.Base'; ModuleVersion = '1.0.0' }
                )
                Description = 'has # and ModuleVersion = "7.7.7" inside a string'
                ModuleVersion = "2.0.4" # the real one
                PrivateData = @{ PSData = @{ ModuleVersion = '6.6.6' } }
            }
            """;

        Assert.Equal("2.0.4", ModuleManifestReader.ReadTopLevelValue(manifest, "ModuleVersion"));
        Assert.Equal("Az.Accounts.psm1", ModuleManifestReader.ReadTopLevelValue(manifest, "rootmodule"));
    }

    [Fact]
    public void ReadsSemicolonSeparatedOneLinersAndQuotedKeys()
    {
        Assert.Equal("1.2.3", ModuleManifestReader.ReadTopLevelValue("@{ 'ModuleVersion' = '1.2.3'; GUID = 'x' }", "ModuleVersion"));
        Assert.Equal("1.2", ModuleManifestReader.ReadTopLevelValue("@{GUID='x';ModuleVersion=1.2}", "ModuleVersion"));
    }

    [Fact]
    public void MissingKeyIsNull()
    {
        Assert.Null(ModuleManifestReader.ReadTopLevelValue("@{ RootModule = 'x.psm1' }", "ModuleVersion"));
        Assert.Null(ModuleManifestReader.ReadTopLevelValue("not a manifest at all", "ModuleVersion"));
    }

    [Theory]
    [InlineData("@{ Description = 'it''s'; ModuleVersion = '1.0' }", "it's")]
    [InlineData("@{ Description = 'a`b' }", "a`b")]
    [InlineData("@{ Description = \"say \"\"hi\"\" `\"now`\"\" }", "say \"hi\" \"now\"")]
    [InlineData("@{ Description = \u2018it\u2019\u2019s\u2019 }", "it's")]
    [InlineData("@{ Description = \u201ca\u201d\u201db\u201d }", "a\"b")]
    public void QuotedValuesReadAsPowerShellReadsThem(string manifest, string expected)
    {
        Assert.Equal(expected, ModuleManifestReader.ReadTopLevelValue(manifest, "Description"));
    }
}
