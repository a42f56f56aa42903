using System.Text.Json;
using DepResolve.Engine.Storage;

namespace DepResolve.Engine.Installation;

/// <summary>
/// An environment's record file (envs/&lt;id&gt;/environment.json, see <see cref="EnvironmentRecord"/>): written by
/// Newtonsoft.Json's serializer when the environment is created, read by hand (<see cref="RecordJson"/>), because
/// every warm call reads one and the serializer's set-up in a fresh process costs more than the read. Member names in
/// any letter case, unknown members ignored; a value of the wrong kind makes the record unreadable, as a corrupt
/// file always was.
/// </summary>
internal static class EnvironmentRecordFile
{
    /// <summary>The record in <paramref name="path"/>, or null when the file is missing or unreadable.</summary>
    public static EnvironmentRecord? TryRead(string path)
    {
        try
        {
            using var document = RecordJson.TryReadObject(path);
            return document is null ? null : ReadRecord(document.RootElement);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or OverflowException)
        {
            return null;
        }
    }

    public static void Write(string path, EnvironmentRecord record) => AtomicFile.WriteJson(path, record);

    private static EnvironmentRecord ReadRecord(JsonElement root)
    {
        var record = new EnvironmentRecord();
        foreach (var member in root.EnumerateObject())
        {
            var item = member.Value;
            switch (member.Name.ToUpperInvariant())
            {
                case "FORMAT": record.Format = item.GetInt32(); break;
                case "ID": record.Id = RecordJson.StringOf(item) ?? ""; break;
                case "BASEENVIRONMENTID": record.BaseEnvironmentId = RecordJson.StringOf(item); break;
                case "PACKAGES": record.Packages = RecordJson.ObjectsOf(item, ReadPackage); break;
                case "MODULEPATHENTRIES": record.ModulePathEntries = RecordJson.StringsOf(item); break;
                case "ASSEMBLIES": record.Assemblies = RecordJson.StringsOf(item); break;
                case "STOREENTRIES": record.StoreEntries = RecordJson.StringsOf(item); break;
                case "CREATEDUTC": record.CreatedUtc = RecordJson.UtcTimeOf(item); break;
            }
        }

        return record;
    }

    private static EnvironmentPackageRecord ReadPackage(JsonElement value)
    {
        var package = new EnvironmentPackageRecord();
        foreach (var member in value.EnumerateObject())
        {
            var item = member.Value;
            switch (member.Name.ToUpperInvariant())
            {
                case "ID": package.Id = RecordJson.StringOf(item) ?? ""; break;
                case "VERSION": package.Version = RecordJson.StringOf(item) ?? ""; break;
                case "SOURCE": package.Source = RecordJson.StringOf(item) ?? ""; break;
                case "SHA512": package.Sha512 = RecordJson.StringOf(item) ?? ""; break;
                case "ISPOWERSHELLMODULE": package.IsPowerShellModule = item.GetBoolean(); break;
                case "STOREENTRY": package.StoreEntry = RecordJson.StringOf(item) ?? ""; break;
                case "FROMBASE": package.FromBase = item.GetBoolean(); break;
            }
        }

        return package;
    }
}
