using NuGet.Versioning;

namespace DepResolve.Engine.Analysis.CSharp;

/// <summary>
/// Parses dotnet-script's package reference, <c>#r "nuget: Id, Version"</c> (also in <c>#load</c>): the version is
/// optional and may be a NuGet range or a floating version. A bare version means "this or higher", as NuGet reads a
/// PackageReference version, so "13.0.1" becomes "[13.0.1, )".
/// </summary>
internal static class NuGetDirectiveParser
{
    private const string Prefix = "nuget:";

    public static bool IsNuGetReference(string directiveValue) =>
        directiveValue.TrimStart().StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Null <see cref="NuGetDirective.Error"/> on success; otherwise a sentence saying what is wrong.</summary>
    public static NuGetDirective Parse(string directiveValue)
    {
        var body = directiveValue.TrimStart()[Prefix.Length..].Trim();
        var comma = body.IndexOf(',');
        var id = (comma < 0 ? body : body[..comma]).Trim();
        var version = comma < 0 ? "" : body[(comma + 1)..].Trim();
        if (id.Length == 0)
        {
            return new NuGetDirective("", null, $"'{directiveValue}' names no package id");
        }

        if (version.Length == 0)
        {
            return new NuGetDirective(id, null, null);
        }

        return VersionRange.TryParse(version, allowFloating: true, out var range)
            ? new NuGetDirective(id, range.ToNormalizedString(), null)
            : new NuGetDirective(id, null, $"'{version}' is not a valid NuGet version or range for package {id}");
    }
}

/// <summary>A parsed nuget: directive; <see cref="VersionRange"/> is normalized, null for any version.</summary>
internal sealed record NuGetDirective(string Id, string? VersionRange, string? Error);
