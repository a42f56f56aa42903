using System.Globalization;
using DepResolve.Engine.Model;
using DepResolve.Engine.Storage;
using Newtonsoft.Json;

namespace DepResolve.Engine.Caching;

/// <summary>
/// A resolution cache file (resolutions/&lt;fingerprint&gt;.json): "storedUtc" and the "result", a
/// <see cref="ResolutionResult"/> with its members under their own names. Written by Newtonsoft.Json's serializer
/// (after a resolution, never on the warm path); read by hand as a stream of tokens (<see cref="StreamedRecord"/>;
/// 650 KB at a thousand packages), because every warm call reads one and the serializer's set-up in a fresh process
/// costs more than the whole read. Member names in any letter case, unknown members skipped; a value of the wrong
/// kind makes the file unreadable, a cache miss.
/// </summary>
internal static class ResolutionCacheFile
{
    /// <summary>The entry in <paramref name="path"/>, or null when the file is missing or unreadable.</summary>
    public static Entry? TryRead(string path) => StreamedRecord.TryRead(path, ReadEntry);

    public static void Write(string path, Entry entry) => AtomicFile.WriteJson(path, entry);

    private static Entry ReadEntry(JsonTextReader json)
    {
        var entry = new Entry();
        foreach (var member in StreamedRecord.Members(json))
        {
            if (StreamedRecord.Is(member, "storedUtc"))
            {
                entry.StoredUtc = StreamedRecord.UtcTime(json);
            }
            else if (StreamedRecord.Is(member, "result") && json.TokenType != JsonToken.Null)
            {
                entry.Result = ReadResult(json);
            }
            else
            {
                StreamedRecord.Skip(json);
            }
        }

        return entry;
    }

    private static ResolutionResult ReadResult(JsonTextReader json)
    {
        var result = new ResolutionResult();
        foreach (var member in StreamedRecord.Members(json))
        {
            switch (member)
            {
                case "SUCCESS": result.Success = StreamedRecord.Boolean(json); break;
                case "RESOLVEDPACKAGES": result.ResolvedPackages = StreamedRecord.Objects(json, ReadPackage); break;
                case "FAILEDPACKAGES": result.FailedPackages = StreamedRecord.Strings(json); break;
                case "WARNINGS": result.Warnings = StreamedRecord.Strings(json); break;
                case "EXECUTIONTIME": result.ExecutionTime = TimeSpan.Parse(StreamedRecord.String(json) ?? "", CultureInfo.InvariantCulture); break;
                case "CACHEHIT": result.CacheHit = StreamedRecord.Boolean(json); break;
                case "ENVIRONMENTPATH": result.EnvironmentPath = StreamedRecord.String(json); break;
                case "ENVIRONMENTID": result.EnvironmentId = StreamedRecord.String(json); break;
                case "MODULEPATH": result.ModulePath = StreamedRecord.String(json); break;
                case "ASSEMBLIES": result.Assemblies = StreamedRecord.Strings(json); break;
                case "POLICY": result.Policy = StreamedRecord.String(json) ?? ""; break;
                case "LOCKFILEPATH": result.LockFilePath = StreamedRecord.String(json); break;
                case "ERRORDETAILS": result.ErrorDetails = StreamedRecord.String(json); break;
                case "INSTALLEDMODULES": result.InstalledModules = StreamedRecord.Objects(json, ReadInstalledModule); break;
                case "ERRORCODE": result.ErrorCode = ReadErrorCode(json); break;
                case "SCRIPTS": result.Scripts = StreamedRecord.Strings(json); break;
                default: StreamedRecord.Skip(json); break;
            }
        }

        return result;
    }

    private static ResolvedPackage ReadPackage(JsonTextReader json)
    {
        var package = new ResolvedPackage();
        foreach (var member in StreamedRecord.Members(json))
        {
            switch (member)
            {
                case "ID": package.Id = StreamedRecord.String(json) ?? ""; break;
                case "VERSION": package.Version = StreamedRecord.String(json) ?? ""; break;
                case "SOURCE": package.Source = StreamedRecord.String(json) ?? ""; break;
                case "SHA512": package.Sha512 = StreamedRecord.String(json); break;
                case "ISPOWERSHELLMODULE": package.IsPowerShellModule = StreamedRecord.Boolean(json); break;
                case "DEPENDENCIES": package.Dependencies = StreamedRecord.Strings(json); break;
                case "REASON": package.Reason = StreamedRecord.String(json) ?? ""; break;
                case "SIZE": package.Size = StreamedRecord.Integer(json); break;
                default: StreamedRecord.Skip(json); break;
            }
        }

        return package;
    }

    private static InstalledModule ReadInstalledModule(JsonTextReader json)
    {
        var module = new InstalledModule();
        foreach (var member in StreamedRecord.Members(json))
        {
            switch (member)
            {
                case "REQUIREMENT": module.Requirement = StreamedRecord.String(json) ?? ""; break;
                case "NAME": module.Name = StreamedRecord.String(json) ?? ""; break;
                case "VERSION": module.Version = StreamedRecord.String(json) ?? ""; break;
                case "PATH": module.Path = StreamedRecord.String(json) ?? ""; break;
                case "MODULEPATHENTRY": module.ModulePathEntry = StreamedRecord.String(json) ?? ""; break;
                default: StreamedRecord.Skip(json); break;
            }
        }

        return module;
    }

    /// <summary>Newtonsoft.Json writes an enum as its number and reads it back from the number or the name.</summary>
    private static ErrorCode? ReadErrorCode(JsonTextReader json) => json.TokenType switch
    {
        JsonToken.Null => null,
        JsonToken.Integer => (ErrorCode)StreamedRecord.Integer(json)!.Value,
        _ => Enum.Parse<ErrorCode>(StreamedRecord.String(json) ?? "", ignoreCase: true),
    };

    internal sealed class Entry
    {
        [JsonProperty("storedUtc")]
        public DateTime StoredUtc { get; set; }

        [JsonProperty("result")]
        public ResolutionResult? Result { get; set; }
    }
}
