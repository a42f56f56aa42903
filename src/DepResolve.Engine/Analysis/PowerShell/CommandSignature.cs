namespace DepResolve.Engine.Analysis.PowerShell;

/// <summary>One parameter of a command the reader binds arguments for.</summary>
internal sealed record ParameterSpec(string Name, bool IsSwitch = false, int Position = -1, params string[] Aliases);

/// <summary>
/// The parameters of the few commands whose arguments name dependencies (Import-Module, Add-Type, New-Object,
/// Join-Path, Set-Alias, Get-Module, Get-Command, Split-Path), as PowerShell 7.4 declares them, plus the common parameters.
/// </summary>
internal sealed class CommandSignature
{
    private static readonly ParameterSpec[] CommonParameters =
    {
        new("Verbose", true, -1, "vb"), new("Debug", true, -1, "db"), new("ErrorAction", false, -1, "ea"),
        new("WarningAction", false, -1, "wa"), new("InformationAction", false, -1, "infa"), new("ProgressAction", false, -1, "proga"),
        new("ErrorVariable", false, -1, "ev"), new("WarningVariable", false, -1, "wv"), new("InformationVariable", false, -1, "iv"),
        new("OutVariable", false, -1, "ov"), new("OutBuffer", false, -1, "ob"), new("PipelineVariable", false, -1, "pv"),
        new("WhatIf", true, -1, "wi"), new("Confirm", true, -1, "cf"),
    };

    public static readonly CommandSignature ImportModule = new(
        new("Name", false, 0), new("FullyQualifiedName"), new("Assembly"), new("ModuleInfo"), new("Global", true),
        new("Prefix"), new("Function"), new("Cmdlet"), new("Variable"), new("Alias"), new("Force", true),
        new("SkipEditionCheck", true), new("PassThru", true), new("AsCustomObject", true),
        new("MinimumVersion", false, -1, "Version"), new("MaximumVersion"), new("RequiredVersion"),
        new("ArgumentList", false, -1, "Args"), new("DisableNameChecking", true), new("NoClobber", true, -1, "NoOverwrite"),
        new("Scope"), new("PSSession"), new("CimSession"), new("CimResourceUri"), new("CimNamespace"),
        new("UseWindowsPowerShell", true, -1, "UseWinPS"));

    public static readonly CommandSignature AddType = new(
        new("TypeDefinition", false, 0), new("Name"), new("MemberDefinition", false, 1), new("Namespace", false, -1, "NS"),
        new("UsingNamespace", false, -1, "Using"), new("Path"), new("LiteralPath", false, -1, "PSPath", "LP"),
        new("AssemblyName", false, -1, "AN"), new("Language"), new("ReferencedAssemblies", false, -1, "RA"),
        new("OutputAssembly", false, -1, "OA"), new("OutputType", false, -1, "OT"), new("PassThru", true),
        new("IgnoreWarnings", true), new("CompilerOptions"));

    public static readonly CommandSignature NewObject = new(
        new("TypeName", false, 0), new("ArgumentList", false, 1, "Args"), new("Property"), new("ComObject"), new("Strict", true));

    public static readonly CommandSignature JoinPath = new(
        new("Path", false, 0, "PSPath"), new("ChildPath", false, 1), new("AdditionalChildPath", false, 2),
        new("Resolve", true), new("Credential"), new("Extension"));

    public static readonly CommandSignature SplitPath = new(
        new("Path", false, 0), new("LiteralPath", false, -1, "PSPath", "LP"), new("Parent", true), new("Leaf", true),
        new("LeafBase", true), new("Extension", true), new("Qualifier", true), new("NoQualifier", true),
        new("IsAbsolute", true), new("Resolve", true), new("Credential"));

    public static readonly CommandSignature SetAlias = new(
        new("Name", false, 0), new("Value", false, 1), new("Description"), new("Option"), new("PassThru", true),
        new("Scope"), new("Force", true));

    public static readonly CommandSignature GetModule = new(
        new("Name", false, 0), new("FullyQualifiedName"), new("All", true), new("ListAvailable", true),
        new("PSEdition"), new("SkipEditionCheck", true), new("Refresh", true), new("PSSession"), new("CimSession"),
        new("CimResourceUri"), new("CimNamespace"));

    public static readonly CommandSignature GetCommand = new(
        new("Name", false, 0), new("ArgumentList", false, 1, "Args"), new("Verb"), new("Noun"), new("Module", false, -1, "PSSnapin"),
        new("FullyQualifiedModule"), new("CommandType", false, -1, "Type"), new("TotalCount"), new("Syntax", true),
        new("ShowCommandInfo", true), new("All", true), new("ListImported", true), new("ParameterName"), new("ParameterType"),
        new("UseFuzzyMatching", true), new("FuzzyMinimumDistance"), new("UseAbbreviationExpansion", true));

    private readonly ParameterSpec[] _parameters;

    private CommandSignature(params ParameterSpec[] parameters)
    {
        _parameters = parameters.Concat(CommonParameters).ToArray();
    }

    /// <summary>
    /// The parameter a written name means: an exact name or alias, else the one parameter it is a prefix of
    /// (PowerShell's rule). Null when unknown or ambiguous.
    /// </summary>
    public ParameterSpec? Find(string written)
    {
        var exact = _parameters.FirstOrDefault(p =>
            string.Equals(p.Name, written, StringComparison.OrdinalIgnoreCase)
            || p.Aliases.Any(a => string.Equals(a, written, StringComparison.OrdinalIgnoreCase)));
        if (exact is not null)
        {
            return exact;
        }

        var prefixed = _parameters.Where(p => p.Name.StartsWith(written, StringComparison.OrdinalIgnoreCase)).ToList();
        return prefixed.Count == 1 ? prefixed[0] : null;
    }
}
