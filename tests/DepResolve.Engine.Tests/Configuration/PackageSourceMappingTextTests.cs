using DepResolve.Engine.Configuration;

namespace DepResolve.Engine.Tests.Configuration;

/// <summary>
/// The mapping's text is part of every resolution cache key: it must stay what it was, or every cached resolution
/// would miss once after an update.
/// </summary>
public class PackageSourceMappingTextTests
{
    [Fact]
    public void SourcesInCaseInsensitiveOrderLowerCasedWithTheirPatternsInOrdinalOrder()
    {
        var mapping = new PackageSourceMapping(new Dictionary<string, IReadOnlyList<string>>
        {
            ["team"] = ["Contoso.*", "Contoso.Build"],
            ["PSGallery"] = ["*"],
            ["Azure-Artifacts"] = ["Fabrikam.Core", "Alpha.*"],
        });

        Assert.Equal("azure-artifacts=alpha.*,fabrikam.core;psgallery=*;team=contoso.*,contoso.build", mapping.ToString());
    }

    [Fact]
    public void NoMappingIsEmptyText() => Assert.Equal("", PackageSourceMapping.None.ToString());
}
