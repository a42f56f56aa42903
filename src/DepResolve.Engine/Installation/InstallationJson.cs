using System.Text.Json.Serialization;
using DepResolve.Engine.Storage;

namespace DepResolve.Engine.Installation;

/// <summary>
/// The source-generated contract of the store entry manifest (<see cref="StoredJson"/>), written once per installed
/// package on the cold path. The files a warm call reads stay with Newtonsoft.Json: on .NET 10 the first use of these
/// contracts JIT-compiles about 290 System.Text.Json methods instantiated over value types (bool, int, DateTime,
/// TimeSpan, nullables), which neither System.Text.Json's ReadyToRun image nor the engine's holds, more than the
/// accessors Newtonsoft emits for those files.
/// </summary>
[JsonSerializable(typeof(StoreEntryManifest))]
internal sealed partial class InstallationJson : JsonSerializerContext
{
    public static InstallationJson Files { get; } = new(StoredJson.Options());
}
