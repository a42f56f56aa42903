using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace DepResolve.Engine.Tests.Hosting;

/// <summary>Every object a DepResolve cmdlet writes reads well at a prompt: it has a table view.</summary>
public sealed class FormatViewTests
{
    private static readonly XDocument Views = XDocument.Load(RepositoryRoot.Combine("module", "DepResolve.format.ps1xml"));

    public static TheoryData<string> OutputTypeNames()
    {
        var data = new TheoryData<string>();
        foreach (var type in PublicOutputTypes())
        {
            data.Add(type.FullName!);
        }

        return data;
    }

    [Fact]
    public void EveryCmdletDeclaresItsOutputType()
    {
        Assert.NotEmpty(CmdletSurface.CmdletTypes);
        Assert.All(CmdletSurface.CmdletTypes, t => Assert.NotNull(CmdletSurface.Attribute(t, "OutputTypeAttribute")));
    }

    [Theory]
    [MemberData(nameof(OutputTypeNames))]
    public void OutputTypeHasATableView(string typeName)
    {
        var table = TableFor(typeName);
        Assert.True(table is not null, $"module/DepResolve.format.ps1xml has no table view selected by {typeName}.");
    }

    [Theory]
    [MemberData(nameof(OutputTypeNames))]
    public void ViewColumnsNameRealProperties(string typeName)
    {
        var type = PublicOutputTypes().Single(t => t.FullName == typeName);
        var table = TableFor(typeName)!;
        var properties = table.Descendants("PropertyName").Select(p => p.Value).ToList();
        Assert.All(properties, name => Assert.True(type.GetProperty(name) is not null, $"{typeName} has no property {name} (used by its view)."));

        var headers = table.Element("TableHeaders")!.Elements("TableColumnHeader").Count();
        var items = table.Descendants("TableColumnItems").Single().Elements("TableColumnItem").Count();
        Assert.Equal(headers, items);
    }

    [Theory]
    [MemberData(nameof(OutputTypeNames))]
    public void ViewScriptBlocksReadRealProperties(string typeName)
    {
        var type = PublicOutputTypes().Single(t => t.FullName == typeName);
        foreach (var script in TableFor(typeName)!.Descendants("ScriptBlock").Select(s => s.Value))
        {
            // Inside a nested ForEach-Object block $_ is an item of a collection, not the row's object.
            var rowPart = script.Split("ForEach-Object", 2)[0];
            foreach (Match reference in Regex.Matches(rowPart, @"\$_\.(?<name>\w+)"))
            {
                var name = reference.Groups["name"].Value;
                Assert.True(type.GetProperty(name) is not null, $"A script block in the {typeName} view reads $_.{name}, which {typeName} does not have.");
            }
        }
    }

    [Fact]
    public void ScriptDependencyViewShowsWhereItWasSeen()
    {
        var table = TableFor("DepResolve.Engine.Model.ScriptDependency")!;
        var labels = table.Descendants("Label").Select(l => l.Value).ToList();
        Assert.Equal(["Name", "Kind", "Version", "Evidence", "Package", "Where"], labels);
        Assert.Contains("$_.Line", table.Descendants("ScriptBlock").Last().Value, StringComparison.Ordinal);
    }

    /// <summary>
    /// The types the cmdlets declare in [OutputType], plus the engine result types reachable from their public
    /// properties (a ResolutionResult's packages, a ScriptTestResult's errors), which users expand too.
    /// </summary>
    private static IReadOnlyList<Type> PublicOutputTypes()
    {
        var found = new List<Type>();
        var pending = new Queue<Type>(CmdletSurface.CmdletTypes.SelectMany(CmdletSurface.OutputTypes).Where(IsEngineClass));
        while (pending.TryDequeue(out var type))
        {
            if (found.Contains(type))
            {
                continue;
            }

            found.Add(type);
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var candidate = property.PropertyType.IsGenericType ? property.PropertyType.GetGenericArguments()[0] : property.PropertyType;
                if (IsEngineClass(candidate))
                {
                    pending.Enqueue(candidate);
                }
            }
        }

        return found;
    }

    private static bool IsEngineClass(Type type) =>
        type.IsClass && type.Assembly == typeof(DepResolve.Engine.Model.ScriptDependency).Assembly && !typeof(Exception).IsAssignableFrom(type);

    private static XElement? TableFor(string typeName) => Views.Descendants("View")
        .Where(v => v.Element("ViewSelectedBy")!.Elements("TypeName").Any(t => t.Value == typeName))
        .Select(v => v.Element("TableControl"))
        .FirstOrDefault();
}
