namespace DepResolve.Cmdlets.Infrastructure;

/// <summary>
/// Where Get-Help -Online sends each cmdlet: its page of the project's docs. The one place the docs address is
/// written; module/help-src/generate_help.py reads these constants for the MAML "Online version" links.
/// </summary>
internal static class HelpLinks
{
    public const string Docs = "https://github.com/depresolve/DepResolve/blob/main/docs/";

    public const string Analysis = Docs + "analysis-and-mapping.md";

    public const string Resolution = Docs + "resolution-and-lock-files.md";

    public const string Running = Docs + "invoke-scripttest.md";

    public const string Cache = Docs + "cache-environments-config.md";
}
