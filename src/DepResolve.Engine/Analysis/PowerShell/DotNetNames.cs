using System.Reflection;
using NuGet.Versioning;

namespace DepResolve.Engine.Analysis.PowerShell;

/// <summary>Rules for .NET type and assembly names written in scripts: which ship with PowerShell, how names are written.</summary>
internal static class DotNetNames
{
    // PowerShell resolves [IO.File] as System.IO.File: a dotted name whose first part is one of these is System's.
    private static readonly HashSet<string> SystemSubNamespaces = new(StringComparer.OrdinalIgnoreCase)
    {
        "Buffers", "CodeDom", "Collections", "ComponentModel", "Configuration", "Data", "Diagnostics", "DirectoryServices",
        "Drawing", "Dynamic", "Formats", "Globalization", "IO", "Linq", "Management", "Media", "Net", "Numerics", "Reflection",
        "Resources", "Runtime", "Security", "ServiceModel", "ServiceProcess", "Text", "Threading", "Timers", "Transactions",
        "Web", "Windows", "Xml", "Environment", "Math", "Convert", "Console",
    };

    private static readonly string[] BuiltInPrefixes =
    {
        "System.", "Microsoft.PowerShell.", "Microsoft.Management.Infrastructure", "Microsoft.Win32.", "Microsoft.CSharp",
        "Microsoft.VisualBasic", "Microsoft.WSMan.",
    };

    private static readonly HashSet<string> BuiltInAssemblies = new(StringComparer.OrdinalIgnoreCase)
    {
        "System", "mscorlib", "netstandard", "Microsoft.CSharp", "Microsoft.VisualBasic", "PresentationCore",
        "PresentationFramework", "WindowsBase", "Microsoft.Win32.Primitives", "Microsoft.Win32.Registry",
    };

    // Type accelerators and PowerShell attribute names written without a namespace.
    private static readonly HashSet<string> ShortBuiltInNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "Alias", "AllowEmptyCollection", "AllowEmptyString", "AllowNull", "ArgumentCompleter", "ArgumentCompletions", "array",
        "bool", "byte", "char", "CmdletBinding", "cimclass", "ciminstance", "cimsession", "cimtype", "cultureinfo",
        "datetime", "decimal", "double", "DscLocalConfigurationManager", "DscProperty", "DscResource", "ExperimentAction",
        "Experimental", "ExperimentalFeature", "float", "guid", "hashtable", "int", "int16", "int32", "int64", "ipaddress",
        "IPEndpoint", "long", "mailaddress", "NoRunspaceAffinity", "NullString", "ObjectSecurity", "ordered", "OutputType",
        "Parameter", "PhysicalAddress", "pscredential", "PSDefaultValue", "pslistmodifier", "psmoduleinfo", "psobject",
        "pscustomobject", "psprimitivedictionary", "psvariable", "psvariableproperty", "ref", "regex", "runspace",
        "runspacefactory", "sbyte", "scriptblock", "securestring", "semver", "short", "single", "string", "SupportsWildcards",
        "switch", "timespan", "type", "uint", "uint16", "uint32", "uint64", "ulong", "uri", "ushort", "ValidateCount",
        "ValidateDrive", "ValidateLength", "ValidateNotNull", "ValidateNotNullOrEmpty", "ValidateNotNullOrWhiteSpace",
        "ValidatePattern", "ValidateRange", "ValidateScript", "ValidateSet", "ValidateTrustedData", "ValidateUserDrive",
        "version", "void", "WildcardPattern", "wmi", "wmiclass", "wmisearcher", "X500DistinguishedName", "X509Certificate",
        "xml", "bigint", "adsi", "adsisearcher", "initialsessionstate", "powershell", "object", "Exception", "Environment",
        "Math", "Convert", "Console", "IO", "Text", "Activator", "Array", "BitConverter", "Char", "Enum", "GC", "Guid",
        "Int32", "Int64", "Nullable", "Random", "String", "StringComparer", "StringComparison", "TimeZoneInfo", "Uri",
        "UriBuilder", "Version", "DateTime", "DateTimeOffset", "TimeSpan", "Boolean", "Byte", "Double", "Decimal", "Object",
    };

    /// <summary>A type PowerShell finds without loading anything: System.*, PowerShell's own, the short accelerators.</summary>
    public static bool IsBuiltInType(string typeName)
    {
        if (ShortBuiltInNames.Contains(typeName))
        {
            return true;
        }

        if (BuiltInPrefixes.Any(p => typeName.StartsWith(p, StringComparison.OrdinalIgnoreCase)) || string.Equals(typeName, "System", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var dot = typeName.IndexOf('.');
        return dot > 0 && SystemSubNamespaces.Contains(typeName[..dot]);
    }

    /// <summary>A namespace that holds only built-in types (for <c>using namespace</c>).</summary>
    public static bool IsBuiltInNamespace(string ns) =>
        string.Equals(ns, "System", StringComparison.OrdinalIgnoreCase) || IsBuiltInType(ns);

    public static bool IsBuiltInAssembly(string assemblyName) =>
        BuiltInAssemblies.Contains(assemblyName) || assemblyName.StartsWith("System.", StringComparison.OrdinalIgnoreCase)
        || assemblyName.StartsWith("Microsoft.PowerShell.", StringComparison.OrdinalIgnoreCase)
        || assemblyName.StartsWith("Microsoft.Management.Infrastructure", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// An assembly as written in Add-Type -AssemblyName, using assembly, #Requires -Assembly or Assembly.Load:
    /// a strong name ("Newtonsoft.Json, Version=13.0.0.0, …"), a simple name, or a path to a .dll.
    /// Returns the simple name and, for a strong name, the minimum version as a range.
    /// </summary>
    public static (string Name, string? VersionRange) ParseAssemblyReference(string written)
    {
        var text = written.Trim();
        if (LooksLikePath(text))
        {
            return (Path.GetFileNameWithoutExtension(text.Replace('\\', '/')), null);
        }

        if (text.Contains(','))
        {
            try
            {
                var name = new AssemblyName(text);
                var range = name.Version is null || !NuGetVersion.TryParse(name.Version.ToString(), out var v)
                    ? null
                    : new VersionRange(v, true).ToNormalizedString();
                return (name.Name ?? text, range);
            }
            catch (Exception ex) when (ex is FileLoadException or ArgumentException)
            {
                return (text[..text.IndexOf(',')].Trim(), null);
            }
        }

        return (text, null);
    }

    private static bool LooksLikePath(string text) =>
        text.Contains('/') || text.Contains('\\') || text.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || text.EndsWith(".exe", StringComparison.OrdinalIgnoreCase);
}
