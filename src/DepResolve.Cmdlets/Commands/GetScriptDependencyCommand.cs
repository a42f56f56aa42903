using System.Management.Automation;
using DepResolve.Cmdlets.Infrastructure;
using DepResolve.Engine.Model;

namespace DepResolve.Cmdlets;

/// <summary>Finds what scripts need: modules, assemblies, NuGet packages and applications, each with where it was seen.</summary>
[Cmdlet(VerbsCommon.Get, "ScriptDependency", DefaultParameterSetName = PathSet, HelpUri = HelpLinks.Analysis)]
[OutputType(typeof(ScriptDependency))]
public sealed class GetScriptDependencyCommand : AnalyzingCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";
    private const string DefinitionSet = "ScriptDefinition";

    /// <summary>Scripts or folders; wildcards allowed. Folders contribute their .ps1, .psm1, .psd1, .cs and .csx files.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = Array.Empty<string>();

    /// <summary>PowerShell script text to analyse instead of a file.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = DefinitionSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public string ScriptDefinition { get; set; } = "";

    /// <summary>Follow dot-sourced scripts and subfolders.</summary>
    [Parameter]
    public SwitchParameter Recurse { get; set; }

    /// <summary>Also list what ships with PowerShell (built-in commands and modules).</summary>
    [Parameter]
    public SwitchParameter IncludeBuiltIn { get; set; }

    /// <summary>
    /// Feeds to ask (PSCommand_ tags) for commands the catalog and the local command index cannot map; without it the
    /// mapping shown is offline only.
    /// </summary>
    [Parameter]
    [ArgumentCompleter(typeof(RepositoryCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Repository { get; set; }

    /// <summary>The cache whose command index maps commands; $env:DEPRESOLVE_CACHE or the platform cache folder when omitted.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(CacheDirectoryCompleter))]
    [ValidateNotNullOrEmpty]
    public string? CacheDirectory { get; set; }

    internal override Engine.Hosting.SessionSettings CreateSettings() => base.CreateSettings() with
    {
        Repositories = (Repository ?? Array.Empty<string>()).Select(ToRepositoryArgument).ToList(),
        CacheDirectory = CacheDirectory is null ? null : ToProviderPath(CacheDirectory),
    };

    protected override void ProcessRecord()
    {
        if (ParameterSetName == DefinitionSet)
        {
            Analyze(() => Session.AnalyzeScriptDefinitionAsync(ScriptDefinition, IncludeBuiltIn.IsPresent, CancellationToken), "ScriptDefinition");
            return;
        }

        var literal = ParameterSetName == LiteralPathSet;
        foreach (var file in ResolveScriptPaths(literal ? LiteralPath : Path, literal, Recurse.IsPresent))
        {
            Analyze(() => Session.AnalyzeScriptAsync(file, Recurse.IsPresent, IncludeBuiltIn.IsPresent, CancellationToken), file);
        }
    }

    private void Analyze(Func<Task<IReadOnlyList<ScriptDependency>>> analysis, object target)
    {
        try
        {
            foreach (var dependency in RunEngine(_ => analysis()))
            {
                WriteObject(dependency);
            }
        }
        catch (DepResolveException ex)
        {
            WriteEngineError(ex, target);
        }
    }
}
