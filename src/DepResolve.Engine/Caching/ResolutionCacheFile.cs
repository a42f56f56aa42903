using System.Globalization;
using System.Text.Json;
using DepResolve.Engine.Model;
using DepResolve.Engine.Storage;
using Newtonsoft.Json;

namespace DepResolve.Engine.Caching;

/// <summary>
/// A resolution cache file (resolutions/&lt;fingerprint&gt;.json): "storedUtc" and the "result", a
/// <see cref="ResolutionResult"/> with its members under their own names. Written by Newtonsoft.Json's serializer
/// (only after a resolution, never on the warm path); read by hand (<see cref="RecordJson"/>), because every warm call
/// reads one and the serializer's set-up in a fresh process costs more than the whole read. Member names in any
/// letter case, unknown members ignored; a value of the wrong kind makes the file unreadable, a cache miss.
/// </summary>
internal static class ResolutionCacheFile
{
    /// <summary>The entry in <paramref name="path"/>, or null when the file is missing or unreadable.</summary>
    public static Entry? TryRead(string path)
    {
        try
        {
            using var document = RecordJson.TryReadObject(path);
            return document is null ? null : ReadEntry(document.RootElement);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or OverflowException or ArgumentException)
        {
            return null;
        }
    }

    public static void Write(string path, Entry entry) => AtomicFile.WriteJson(path, entry);

    private static Entry ReadEntry(JsonElement root)
    {
        var entry = new Entry();
        foreach (var member in root.EnumerateObject())
        {
            if (RecordJson.Is(member, "storedUtc"))
            {
                entry.StoredUtc = RecordJson.UtcTimeOf(member.Value);
            }
            else if (RecordJson.Is(member, "result"))
            {
                entry.Result = member.Value.ValueKind == JsonValueKind.Null ? null : ReadResult(member.Value);
            }
        }

        return entry;
    }

    private static ResolutionResult ReadResult(JsonElement value)
    {
        var result = new ResolutionResult();
        foreach (var member in RecordJson.MembersOf(value))
        {
            var item = member.Value;
            switch (member.Name.ToUpperInvariant())
            {
                case "SUCCESS": result.Success = item.GetBoolean(); break;
                case "RESOLVEDPACKAGES": result.ResolvedPackages = RecordJson.ObjectsOf(item, ReadPackage); break;
                case "FAILEDPACKAGES": result.FailedPackages = RecordJson.StringsOf(item); break;
                case "WARNINGS": result.Warnings = RecordJson.StringsOf(item); break;
                case "EXECUTIONTIME": result.ExecutionTime = TimeSpan.Parse(RecordJson.StringOf(item) ?? "", CultureInfo.InvariantCulture); break;
                case "CACHEHIT": result.CacheHit = item.GetBoolean(); break;
                case "ENVIRONMENTPATH": result.EnvironmentPath = RecordJson.StringOf(item); break;
                case "ENVIRONMENTID": result.EnvironmentId = RecordJson.StringOf(item); break;
                case "MODULEPATH": result.ModulePath = RecordJson.StringOf(item); break;
                case "ASSEMBLIES": result.Assemblies = RecordJson.StringsOf(item); break;
                case "POLICY": result.Policy = RecordJson.StringOf(item) ?? ""; break;
                case "LOCKFILEPATH": result.LockFilePath = RecordJson.StringOf(item); break;
                case "ERRORDETAILS": result.ErrorDetails = RecordJson.StringOf(item); break;
                case "INSTALLEDMODULES": result.InstalledModules = RecordJson.ObjectsOf(item, ReadInstalledModule); break;
                case "ERRORCODE": result.ErrorCode = ReadErrorCode(item); break;
                case "SCRIPTS": result.Scripts = RecordJson.StringsOf(item); break;
            }
        }

        return result;
    }

    private static ResolvedPackage ReadPackage(JsonElement value)
    {
        var package = new ResolvedPackage();
        foreach (var member in RecordJson.MembersOf(value))
        {
            var item = member.Value;
            switch (member.Name.ToUpperInvariant())
            {
                case "ID": package.Id = RecordJson.StringOf(item) ?? ""; break;
                case "VERSION": package.Version = RecordJson.StringOf(item) ?? ""; break;
                case "SOURCE": package.Source = RecordJson.StringOf(item) ?? ""; break;
                case "SHA512": package.Sha512 = RecordJson.StringOf(item); break;
                case "ISPOWERSHELLMODULE": package.IsPowerShellModule = item.GetBoolean(); break;
                case "DEPENDENCIES": package.Dependencies = RecordJson.StringsOf(item); break;
                case "REASON": package.Reason = RecordJson.StringOf(item) ?? ""; break;
                case "SIZE": package.Size = item.ValueKind == JsonValueKind.Null ? null : item.GetInt64(); break;
            }
        }

        return package;
    }

    private static InstalledModule ReadInstalledModule(JsonElement value)
    {
        var module = new InstalledModule();
        foreach (var member in RecordJson.MembersOf(value))
        {
            var text = RecordJson.StringOf(member.Value) ?? "";
            switch (member.Name.ToUpperInvariant())
            {
                case "REQUIREMENT": module.Requirement = text; break;
                case "NAME": module.Name = text; break;
                case "VERSION": module.Version = text; break;
                case "PATH": module.Path = text; break;
                case "MODULEPATHENTRY": module.ModulePathEntry = text; break;
            }
        }

        return module;
    }

    /// <summary>Newtonsoft.Json writes an enum as its number and reads it back from the number or the name.</summary>
    private static ErrorCode? ReadErrorCode(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Number => (ErrorCode)value.GetInt32(),
        _ => Enum.Parse<ErrorCode>(RecordJson.StringOf(value) ?? "", ignoreCase: true),
    };

    internal sealed class Entry
    {
        [JsonProperty("storedUtc")]
        public DateTime StoredUtc { get; set; }

        [JsonProperty("result")]
        public ResolutionResult? Result { get; set; }
    }
}
