using System.Text.Json.Serialization;
using DepResolve.Engine.Storage;

namespace DepResolve.Engine.Caching;

/// <summary>
/// The source-generated contracts of the metadata cache's files (<see cref="StoredJson"/>), written and read during
/// graph walks, never by a warm call that the resolution cache answers.
/// </summary>
[JsonSerializable(typeof(CachedAnswer<List<FeedVersionRecord>>), TypeInfoPropertyName = "Versions")]
[JsonSerializable(typeof(CachedAnswer<List<PackageMetadataRecord>>), TypeInfoPropertyName = "Metadata")]
internal sealed partial class CachingJson : JsonSerializerContext
{
    public static CachingJson Files { get; } = new(StoredJson.Options());
}
