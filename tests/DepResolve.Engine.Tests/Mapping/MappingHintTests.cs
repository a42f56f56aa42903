using System.Text.Json;
using DepResolve.Engine.Mapping;

namespace DepResolve.Engine.Tests.Mapping;

/// <summary>The depresolve.json snippet in a mapping reason: the names quoted and escaped as JSON, ready to paste.</summary>
public sealed class MappingHintTests
{
    [Theory]
    [InlineData("Get-Thing")]
    [InlineData("Get-\"Quoted\"")]
    [InlineData("Get-Über")]
    [InlineData("a<b>&'+\\c")]
    [InlineData("tab\there\u0001")]
    [InlineData("Get-日本")]
    public void Names_are_quoted_and_escaped_as_the_JSON_serializer_writes_them(string name)
    {
        Assert.Equal($"add to depresolve.json: \"commandMappings\": {{ {JsonSerializer.Serialize(name)}: \"ModuleName\" }}", MappingHint.ForCommand(name));
        Assert.Equal($"add to depresolve.json: \"namespaceMappings\": {{ {JsonSerializer.Serialize(name)}: {JsonSerializer.Serialize(name)} }}", MappingHint.ForNamespace(name, name));
    }
}
