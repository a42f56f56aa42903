using DepResolve.Engine.Storage;
using Newtonsoft.Json;

namespace DepResolve.Engine.Installation;

/// <summary>
/// An environment's record file (envs/&lt;id&gt;/environment.json, see <see cref="EnvironmentRecord"/>): written by
/// Newtonsoft.Json's serializer when the environment is created, read by hand as a stream of tokens
/// (<see cref="StreamedRecord"/>; 500 KB at a thousand packages), because every warm call reads one and the
/// serializer's set-up in a fresh process costs more than the read. Member names in any letter case, unknown
/// members skipped; a value of the wrong kind makes the record unreadable, as a corrupt file always was.
/// </summary>
internal static class EnvironmentRecordFile
{
    /// <summary>The record in <paramref name="path"/>, or null when the file is missing or unreadable.</summary>
    public static EnvironmentRecord? TryRead(string path) => StreamedRecord.TryRead(path, ReadRecord);

    public static void Write(string path, EnvironmentRecord record) => AtomicFile.WriteJson(path, record);

    private static EnvironmentRecord ReadRecord(JsonTextReader json)
    {
        var record = new EnvironmentRecord();
        foreach (var member in StreamedRecord.Members(json))
        {
            switch (member)
            {
                case "FORMAT": record.Format = checked((int)(StreamedRecord.Integer(json) ?? throw new FormatException("'format' is null."))); break;
                case "ID": record.Id = StreamedRecord.String(json) ?? ""; break;
                case "BASEENVIRONMENTID": record.BaseEnvironmentId = StreamedRecord.String(json); break;
                case "PACKAGES": record.Packages = StreamedRecord.Objects(json, ReadPackage); break;
                case "MODULEPATHENTRIES": record.ModulePathEntries = StreamedRecord.Strings(json); break;
                case "ASSEMBLIES": record.Assemblies = StreamedRecord.Strings(json); break;
                case "STOREENTRIES": record.StoreEntries = StreamedRecord.Strings(json); break;
                case "CREATEDUTC": record.CreatedUtc = StreamedRecord.UtcTime(json); break;
                default: StreamedRecord.Skip(json); break;
            }
        }

        return record;
    }

    private static EnvironmentPackageRecord ReadPackage(JsonTextReader json)
    {
        var package = new EnvironmentPackageRecord();
        foreach (var member in StreamedRecord.Members(json))
        {
            switch (member)
            {
                case "ID": package.Id = StreamedRecord.String(json) ?? ""; break;
                case "VERSION": package.Version = StreamedRecord.String(json) ?? ""; break;
                case "SOURCE": package.Source = StreamedRecord.String(json) ?? ""; break;
                case "SHA512": package.Sha512 = StreamedRecord.String(json) ?? ""; break;
                case "ISPOWERSHELLMODULE": package.IsPowerShellModule = StreamedRecord.Boolean(json); break;
                case "STOREENTRY": package.StoreEntry = StreamedRecord.String(json) ?? ""; break;
                case "FROMBASE": package.FromBase = StreamedRecord.Boolean(json); break;
                default: StreamedRecord.Skip(json); break;
            }
        }

        return package;
    }
}
