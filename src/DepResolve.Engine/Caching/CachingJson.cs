using System.Text.Json.Serialization;
using DepResolve.Engine.Storage;

namespace DepResolve.Engine.Caching;

/// <summary>The source-generated contracts of the cache's record files (<see cref="StoredJson"/>).</summary>
[JsonSerializable(typeof(ResolutionCache.Entry))]
internal sealed partial class CachingJson : JsonSerializerContext
{
    public static CachingJson Files { get; } = new(StoredJson.Options());
}
