using System.Text.Json.Serialization;
using DepResolve.Engine.Storage;

namespace DepResolve.Engine.Mapping;

/// <summary>The source-generated contract of the command index file (<see cref="StoredJson"/>).</summary>
[JsonSerializable(typeof(CommandIndex.IndexFile))]
internal sealed partial class MappingJson : JsonSerializerContext
{
    public static MappingJson Files { get; } = new(StoredJson.Options());
}
