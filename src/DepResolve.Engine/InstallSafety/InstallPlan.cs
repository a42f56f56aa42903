namespace DepResolve.Engine.InstallSafety;

/// <summary>One line of a dry-run plan. Public result type: strings and numbers only.</summary>
internal sealed class InstallPlanItem
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
internal sealed class InstallPlan
{
    public IReadOnlyList<InstallPlanItem> Items { get; set; } = Array.Empty<InstallPlanItem>();

    /// <summary>
    /// The environment id the set gets. Provisional while <see cref="HashesKnownAfterDownload"/> is not empty: the id
    /// is a hash of every package's content, and those packages' feeds publish no hash.
    /// </summary>
    public string EnvironmentId { get; set; } = "";

    /// <summary>Packages ("Id Version") whose content hash, and so the environment's id, is known only once they are downloaded.</summary>
    public IReadOnlyList<string> HashesKnownAfterDownload { get; set; } = Array.Empty<string>();

    public bool IsEnvironmentIdFinal => HashesKnownAfterDownload.Count == 0;

    /// <summary>How a message names the environment: its id, or why the id is not known yet.</summary>
    public string EnvironmentLabel => IsEnvironmentIdFinal
        ? EnvironmentId
        : $"(id known once {string.Join(", ", HashesKnownAfterDownload)} {(HashesKnownAfterDownload.Count == 1 ? "is" : "are")} downloaded: {(HashesKnownAfterDownload.Count == 1 ? "its feed publishes" : "their feeds publish")} no hash)";

    public string EnvironmentFolder { get; set; } = "";

    public bool EnvironmentExists { get; set; }

    public long TotalDownloadBytes => Items.Where(i => !i.AlreadyInStore).Sum(i => i.Size ?? 0);
}
