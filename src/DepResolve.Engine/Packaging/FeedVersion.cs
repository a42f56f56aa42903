using NuGet.Versioning;

namespace DepResolve.Engine.Packaging;

/// <summary>One version of a package as a feed lists it. Prerelease-ness is <c>Version.IsPrerelease</c>.</summary>
internal sealed record FeedVersion(NuGetVersion Version, bool IsListed);
