using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace DepResolve.Engine.Analysis.DotNet;

/// <summary>
/// The namespaces and top-level public types that the running .NET shared framework provides, read from the metadata
/// of the assemblies in AppContext's TRUSTED_PLATFORM_ASSEMBLIES that live in the Microsoft.NETCore.App (and, on
/// Windows, Microsoft.WindowsDesktop.App) framework folders. Assemblies a host ships privately (pwsh's own folder,
/// ASP.NET Core in a test host) are not counted: a script cannot rely on them elsewhere.
/// Built once per process, lazily; read-only afterwards, so safe to share between threads.
/// </summary>
internal sealed class FrameworkNamespaceIndex
{
    private const string CoreFrameworkName = "Microsoft.NETCore.App";
    private const string DesktopFrameworkName = "Microsoft.WindowsDesktop.App";

    private static readonly Lazy<FrameworkNamespaceIndex> SharedIndex = new(BuildFromRunningFramework, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, FrameworkAssembly> namespaces;
    private readonly HashSet<string> types;

    private FrameworkNamespaceIndex(Dictionary<string, FrameworkAssembly> namespaces, HashSet<string> types, bool isAvailable)
    {
        this.namespaces = namespaces;
        this.types = types;
        IsAvailable = isAvailable;
    }

    public static FrameworkNamespaceIndex Shared => SharedIndex.Value;

    /// <summary>False when the framework assemblies could not be found (e.g. a single-file host); callers fall back to curated roots.</summary>
    public bool IsAvailable { get; }

    public int NamespaceCount => namespaces.Count;

    public static FrameworkNamespaceIndex FromAssemblies(IEnumerable<(string Path, bool IsDesktop)> assemblies)
    {
        var namespaces = new Dictionary<string, FrameworkAssembly>(StringComparer.Ordinal);
        var types = new HashSet<string>(StringComparer.Ordinal);
        var any = false;
        foreach (var (path, isDesktop) in assemblies)
        {
            any |= TryIndexAssembly(path, isDesktop, namespaces, types);
        }

        return new FrameworkNamespaceIndex(namespaces, types, any);
    }

    /// <summary>
    /// Whether <paramref name="dottedName"/> is something the framework provides: a namespace of it, or a type (or a
    /// member or nested type of a type) in one of its namespaces. "System.Data.SqlClient" is not, although
    /// "System.Data" is a framework namespace: SqlClient is neither a namespace nor a type there.
    /// </summary>
    public bool TryResolve(string dottedName, out string providedNamespace, out FrameworkAssembly assembly)
    {
        providedNamespace = "";
        assembly = default;
        var name = dottedName;
        while (true)
        {
            if (namespaces.TryGetValue(name, out assembly))
            {
                providedNamespace = name;
                if (name.Length == dottedName.Length)
                {
                    return true;
                }

                var rest = dottedName.AsSpan(name.Length + 1);
                var nextDot = rest.IndexOf('.');
                var firstSegment = nextDot < 0 ? rest : rest[..nextDot];
                return types.Contains(string.Concat(name, ".", firstSegment));
            }

            var lastDot = name.LastIndexOf('.');
            if (lastDot < 0)
            {
                return false;
            }

            name = name[..lastDot];
        }
    }

    private static FrameworkNamespaceIndex BuildFromRunningFramework()
    {
        var coreDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location);
        if (string.IsNullOrEmpty(coreDirectory))
        {
            return FromAssemblies([]);
        }

        var sharedRoot = Path.GetDirectoryName(Path.GetDirectoryName(coreDirectory));
        var candidates = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string)?
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            ?? Directory.EnumerateFiles(coreDirectory, "*.dll").ToArray();

        var selected = new List<(string, bool)>();
        foreach (var file in candidates)
        {
            var versionDirectory = Path.GetDirectoryName(file);
            var frameworkDirectory = Path.GetDirectoryName(versionDirectory);
            if (frameworkDirectory is null || !string.Equals(Path.GetDirectoryName(frameworkDirectory), sharedRoot, StringComparison.Ordinal))
            {
                continue;
            }

            var frameworkName = Path.GetFileName(frameworkDirectory);
            if (frameworkName == CoreFrameworkName || frameworkName == DesktopFrameworkName)
            {
                selected.Add((file, frameworkName == DesktopFrameworkName));
            }
        }

        return FromAssemblies(selected);
    }

    private static bool TryIndexAssembly(string path, bool isDesktop, Dictionary<string, FrameworkAssembly> namespaces, HashSet<string> types)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata)
            {
                return false;
            }

            var reader = pe.GetMetadataReader();
            var owner = new FrameworkAssembly(Path.GetFileNameWithoutExtension(path), isDesktop);
            foreach (var handle in reader.TypeDefinitions)
            {
                var type = reader.GetTypeDefinition(handle);
                if (!type.GetDeclaringType().IsNil || (type.Attributes & TypeAttributes.VisibilityMask) != TypeAttributes.Public)
                {
                    continue;
                }

                Add(reader.GetString(type.Namespace), reader.GetString(type.Name), owner, namespaces, types);
            }

            foreach (var handle in reader.ExportedTypes)
            {
                var exported = reader.GetExportedType(handle);
                if (exported.Implementation.Kind == HandleKind.AssemblyReference)
                {
                    Add(reader.GetString(exported.Namespace), reader.GetString(exported.Name), owner, namespaces, types);
                }
            }

            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BadImageFormatException or InvalidOperationException)
        {
            return false;
        }
    }

    private static void Add(string ns, string typeName, FrameworkAssembly owner, Dictionary<string, FrameworkAssembly> namespaces, HashSet<string> types)
    {
        if (ns.Length == 0)
        {
            return;
        }

        var arity = typeName.IndexOf('`');
        types.Add(string.Concat(ns, ".", arity < 0 ? typeName : typeName[..arity]));
        for (var name = ns; ; name = name[..name.LastIndexOf('.')])
        {
            namespaces.TryAdd(name, owner);
            if (!name.Contains('.'))
            {
                break;
            }
        }
    }
}

/// <summary>A framework assembly by simple name; <see cref="IsDesktop"/> for the Windows-only desktop framework.</summary>
internal readonly record struct FrameworkAssembly(string Name, bool IsDesktop);
