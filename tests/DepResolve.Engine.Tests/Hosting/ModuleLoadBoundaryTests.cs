using System.Reflection;
using DepResolve.Cmdlets.Loading;

namespace DepResolve.Engine.Tests.Hosting;

/// <summary>
/// Import-Module reads the cmdlet assembly's exported types (Assembly.ExportedTypes) BEFORE it runs
/// IModuleAssemblyInitializer.OnImport, which is what makes DepResolve.Engine loadable from Dependencies/. Loading a
/// type loads its base types, its interfaces and the value types of its fields; if any of those is an engine type,
/// the import fails with "Could not load file or assembly 'DepResolve.Engine'" before the hook ever runs.
/// </summary>
public sealed class ModuleLoadBoundaryTests
{
    private static readonly Assembly Engine = typeof(DepResolve.Engine.Model.ScriptDependency).Assembly;

    [Fact]
    public void ExportedTypesLoadWithoutTheEngine()
    {
        var problems = new List<string>();
        foreach (var type in CmdletSurface.Assembly.GetExportedTypes())
        {
            for (var baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
            {
                if (MentionsEngine(baseType))
                {
                    problems.Add($"{type.FullName} derives from {baseType}");
                }
            }

            problems.AddRange(type.GetInterfaces().Where(MentionsEngine).Select(i => $"{type.FullName} implements {i}"));

            const BindingFlags allDeclared = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
            problems.AddRange(type.GetFields(allDeclared)
                .Where(f => f.FieldType.IsValueType && MentionsEngine(f.FieldType))
                .Select(f => $"{type.FullName}.{f.Name} is a field of the engine value type {f.FieldType}"));
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void TheLoadHookIsAnInitializerPowerShellWillRun()
    {
        // PSSnapInHelpers.ExecuteModuleInitializer only instantiates public, non-abstract types with a default constructor.
        var hook = typeof(ModuleLoadHook);
        Assert.True(hook.IsPublic && !hook.IsAbstract && hook.GetConstructor(Type.EmptyTypes) is not null);
        Assert.Contains(hook.GetInterfaces(), i => i.FullName == "System.Management.Automation.IModuleAssemblyInitializer");
        var answered = (string?)hook.GetField("EngineAssemblyName", BindingFlags.NonPublic | BindingFlags.Static)?.GetValue(null);
        Assert.Equal(Engine.GetName().Name, answered);
        var reader = (string?)hook.GetField("ReaderAssemblyName", BindingFlags.NonPublic | BindingFlags.Static)?.GetValue(null);
        Assert.Equal(typeof(DepResolve.PowerShellReader.PowerShellScriptParser).Assembly.GetName().Name, reader);
    }

    private static bool MentionsEngine(Type type) =>
        type.Assembly == Engine
        || (type.HasElementType && MentionsEngine(type.GetElementType()!))
        || (type.IsGenericType && type.GetGenericArguments().Any(MentionsEngine));
}
