using System.Globalization;
using DepResolve.Engine.Model;
using DepResolve.Engine.Packaging;
using NuGet.Frameworks;
using NuGet.Versioning;

namespace DepResolve.Engine.Feeds.Http;

/// <summary>Reading the pieces of remote feed metadata that v2 and v3 share: ranges, frameworks, listing, hashes.</summary>
internal static class RemoteMetadataParsing
{
    /// <summary>An empty range means any version, as NuGet reads it.</summary>
    public static VersionRange ParseRange(string? text, string dependencyId, string packageDisplayName, string shownUrl)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return VersionRange.All;
        }

        if (VersionRange.TryParse(text.Trim(), out var range))
        {
            return range;
        }

        throw new DepResolveException(ErrorCode.InvalidPackage,
            $"{shownUrl} gives {packageDisplayName} a dependency on '{dependencyId}' with an invalid version range '{text}'.", shownUrl);
    }

    /// <summary>No framework (or an unreadable one) is AnyFramework, so the dependencies still count.</summary>
    public static NuGetFramework ParseFramework(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return NuGetFramework.AnyFramework;
        }

        try
        {
            return NuGetFramework.Parse(text.Trim());
        }
        catch (Exception e) when (e is ArgumentException or FrameworkException)
        {
            return NuGetFramework.AnyFramework;
        }
    }

    /// <summary>Galleries mark an unlisted version by a publish date in the year 1900.</summary>
    public static bool IsUnlistedPublishDate(string? published) =>
        published is not null
        && DateTimeOffset.TryParse(published, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
        && date.Year == 1900;

    /// <summary>The hash when the algorithm is SHA-512 (or unstated, as some servers leave it); otherwise null.</summary>
    public static string? Sha512OrNull(string? hash, string? algorithm) =>
        string.IsNullOrWhiteSpace(hash) || (!string.IsNullOrWhiteSpace(algorithm) && !algorithm.Trim().Equals("SHA512", StringComparison.OrdinalIgnoreCase))
            ? null
            : hash.Trim();

    /// <summary>
    /// The id as the package spells it (feeds are asked in any case): from metadata already read, else from the
    /// downloaded package's nuspec (in memory as <paramref name="content"/>, else the file), else as asked. Checking
    /// the package itself is the installer's job.
    /// </summary>
    public static string CanonicalId(string requestedId, PackageMetadata? known, string downloadedFile, PackageBytes? content)
    {
        if (known is not null)
        {
            return known.Id;
        }

        try
        {
            var id = (content is null
                ? Packaging.PackageArchive.ReadMetadata(downloadedFile)
                : Packaging.PackageArchive.ReadMetadata(content.OpenRead(), downloadedFile)).Id;
            return string.Equals(id, requestedId, StringComparison.OrdinalIgnoreCase) ? id : requestedId;
        }
        catch (Exception e) when (e is DepResolveException or IOException or InvalidDataException)
        {
            return requestedId;
        }
    }

    public static string LowerVersion(NuGetVersion version) => version.ToNormalizedString().ToLowerInvariant();

    /// <summary><paramref name="baseUrl"/> and relative path segments, joined with exactly one '/'.</summary>
    public static Uri Combine(Uri baseUrl, params string[] segments)
    {
        var text = baseUrl.AbsoluteUri.TrimEnd('/');
        foreach (var segment in segments)
        {
            text += "/" + segment;
        }

        return new Uri(text);
    }
}
