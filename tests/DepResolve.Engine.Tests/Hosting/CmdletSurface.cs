using System.Reflection;
using DepResolve.Cmdlets;

namespace DepResolve.Engine.Tests.Hosting;

/// <summary>Reads the cmdlet assembly's attributes without running any PowerShell.</summary>
internal static class CmdletSurface
{
    public static Assembly Assembly { get; } = typeof(GetScriptDependencyCommand).Assembly;

    public static IReadOnlyList<Type> CmdletTypes { get; } = Assembly.GetExportedTypes()
        .Where(t => !t.IsAbstract && t.GetCustomAttributesData().Any(a => a.AttributeType.Name == "CmdletAttribute"))
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToList();

    /// <summary>"Verb-Noun" of a cmdlet type.</summary>
    public static string CommandName(Type cmdletType)
    {
        var attribute = cmdletType.GetCustomAttributesData().Single(a => a.AttributeType.Name == "CmdletAttribute");
        return $"{attribute.ConstructorArguments[0].Value}-{attribute.ConstructorArguments[1].Value}";
    }

    /// <summary>The types named by a cmdlet's [OutputType] attributes.</summary>
    public static IReadOnlyList<Type> OutputTypes(Type cmdletType) => cmdletType.GetCustomAttributesData()
        .Where(a => a.AttributeType.Name == "OutputTypeAttribute")
        .SelectMany(a => a.ConstructorArguments)
        .SelectMany(arg => arg.Value is IEnumerable<CustomAttributeTypedArgument> many ? many.Select(m => m.Value) : [arg.Value])
        .OfType<Type>()
        .ToList();

    public static CustomAttributeData? Attribute(MemberInfo member, string attributeName) =>
        member.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.Name == attributeName);
}
