namespace DepResolve.Engine.Installation;

/// <summary>One complete, extracted package version in the store.</summary>
internal sealed class StoreEntry
{
    public StoreEntry(string folder, string relativeFolder, StoreEntryManifest manifest)
    {
        Folder = folder;
        RelativeFolder = relativeFolder;
        Manifest = manifest;
    }

    /// <summary>store/&lt;id&gt;/&lt;version&gt;/&lt;hash&gt; as a full path.</summary>
    public string Folder { get; }

    /// <summary>The same, relative to the cache root with '/' separators.</summary>
    public string RelativeFolder { get; }

    public StoreEntryManifest Manifest { get; }

    public IEnumerable<string> ModulePathEntries => Manifest.ModulePathEntries.Select(e => RelativeFolder + "/" + e);

    public IEnumerable<string> Assemblies => Manifest.Assemblies.Select(a => RelativeFolder + "/" + a);
}
