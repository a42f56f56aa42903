using System.Text;

namespace DepResolve.Engine.Resolution;

/// <summary>
/// Why a package could not be resolved, as printable paths from a root, e.g.
/// <c>deploy.ps1 -> Az.Compute 7.1.0 -> Az.Accounts [3.0.0, )</c>.
/// </summary>
internal sealed class ResolutionConflict
{
    public ResolutionConflict(ConflictKind kind, string id, IReadOnlyList<string> paths, IReadOnlyList<string> versionsSeen, IReadOnlyList<string> feedsAsked, bool dependsOnOtherChoices = false, string? hint = null)
    {
        Kind = kind;
        Id = id;
        Paths = paths;
        VersionsSeen = versionsSeen;
        FeedsAsked = feedsAsked;
        DependsOnOtherChoices = dependsOnOtherChoices;
        Hint = hint;
    }

    public ConflictKind Kind { get; }

    public string Id { get; }

    /// <summary>Each requirement involved, as the path from a root to it.</summary>
    public IReadOnlyList<string> Paths { get; }

    public IReadOnlyList<string> VersionsSeen { get; }

    public IReadOnlyList<string> FeedsAsked { get; }

    /// <summary>
    /// For <see cref="ConflictKind.Incompatible"/>: some version satisfies these requirements, but not together with
    /// the versions chosen for the other packages.
    /// </summary>
    public bool DependsOnOtherChoices { get; }

    public string? Hint { get; }

    public string Message
    {
        get
        {
            var text = new StringBuilder();
            switch (Kind)
            {
                case ConflictKind.PackageNotFound:
                    text.Append($"Package '{Id}' was not found on {FeedList()}. Required by: {Paths[0]}");
                    break;
                case ConflictKind.NoMatchingVersion:
                    text.Append($"No version of {Id} satisfies {Paths[0]} ({Seen()}).");
                    break;
                case ConflictKind.Incompatible:
                    text.Append(DependsOnOtherChoices
                        ? $"No version of {Id} satisfies every requirement together with the other versions chosen ({Seen()}):"
                        : $"No version of {Id} satisfies every requirement ({Seen()}):");
                    for (var i = 0; i < Paths.Count; i++)
                    {
                        text.Append('\n').Append(i == 0 ? "  " : "  against ").Append(Paths[i]);
                    }

                    break;
                case ConflictKind.Cycle:
                    text.Append($"Dependency cycle: {Paths[0]}");
                    break;
            }

            if (Hint is not null)
            {
                text.Append(' ').Append(Hint);
            }

            return text.ToString();
        }
    }

    public override string ToString() => Message;

    private string Seen()
    {
        const int shown = 10;
        if (VersionsSeen.Count == 0)
        {
            return $"no versions on {FeedList()}";
        }

        var list = VersionsSeen.Count <= shown
            ? string.Join(", ", VersionsSeen)
            : $"{VersionsSeen.Count - shown} older, " + string.Join(", ", VersionsSeen.Skip(VersionsSeen.Count - shown));
        return $"versions seen on {FeedList()}: {list}";
    }

    private string FeedList() => FeedsAsked.Count switch
    {
        0 => "any feed",
        1 => $"feed '{FeedsAsked[0]}'",
        _ => $"feeds {string.Join(", ", FeedsAsked.Select(f => $"'{f}'"))}",
    };
}
