using System.Text.Json.Serialization;
using DepResolve.Engine.Storage;

namespace DepResolve.Engine.Installation;

/// <summary>The source-generated contracts of the files installation writes and reads (<see cref="StoredJson"/>).</summary>
[JsonSerializable(typeof(EnvironmentRecord))]
[JsonSerializable(typeof(EnvironmentRegistry.RegistryFile))]
[JsonSerializable(typeof(StoreEntryManifest))]
[JsonSerializable(typeof(AuditEntry))]
internal sealed partial class InstallationJson : JsonSerializerContext
{
    /// <summary>Indented, for the record files.</summary>
    public static InstallationJson Files { get; } = new(StoredJson.Options());

    /// <summary>One line per value, for the audit log.</summary>
    public static InstallationJson Lines { get; } = new(StoredJson.Options(indented: false));
}
