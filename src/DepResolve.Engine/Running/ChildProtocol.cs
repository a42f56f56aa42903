using System.Reflection;

namespace DepResolve.Engine.Running;

/// <summary>The child-side protocol: the bootstrap script (from an embedded template) and its version.</summary>
internal static class ChildProtocol
{
    public const int Version = 1;

    /// <summary>The first line of every generated bootstrap.</summary>
    public const string Marker = "# DepResolve child bootstrap";

    private const string TemplateResource = "DepResolve.Engine.Running.Bootstrap.ChildBootstrap.ps1";

    private static readonly Lazy<string> Template = new(LoadTemplate);

    public static string GenerateBootstrap() =>
        Template.Value.Replace("{{ProtocolVersion}}", Version.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static string LoadTemplate()
    {
        using var stream = typeof(ChildProtocol).Assembly.GetManifestResourceStream(TemplateResource)
            ?? throw new InvalidOperationException($"The embedded resource {TemplateResource} is missing from {typeof(ChildProtocol).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
