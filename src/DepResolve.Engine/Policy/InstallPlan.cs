namespace DepResolve.Engine.Policy;

/// <summary>One line of a dry-run plan. Public result type: strings and numbers only.</summary>
public sealed class InstallPlanItem
{
    public string Id { get; set; } = "";

    public string Version { get; set; } = "";

    /// <summary>The feed name it would come from.</summary>
    public string Source { get; set; } = "";

    /// <summary>The .nupkg size in bytes, when the feed says it.</summary>
    public long? Size { get; set; }

    /// <summary>The store folder it would be extracted into (or already is, when <see cref="AlreadyInStore"/>).</summary>
    public string TargetFolder { get; set; } = "";

    public bool AlreadyInStore { get; set; }

    public override string ToString() => AlreadyInStore ? $"{Id} {Version} (in store)" : $"{Id} {Version} from {Source} -> {TargetFolder}";
}

/// <summary>What an install would do: nothing is written while it is computed.</summary>
public sealed class InstallPlan
{
    public IReadOnlyList<InstallPlanItem> Items { get; set; } = Array.Empty<InstallPlanItem>();

    /// <summary>The environment id the set would get.</summary>
    public string EnvironmentId { get; set; } = "";

    public string EnvironmentFolder { get; set; } = "";

    public bool EnvironmentExists { get; set; }

    public long TotalDownloadBytes => Items.Where(i => !i.AlreadyInStore).Sum(i => i.Size ?? 0);
}
