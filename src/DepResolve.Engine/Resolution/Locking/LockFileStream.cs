using DepResolve.Engine.Model;
using DepResolve.Engine.Packaging;
using DepResolve.Engine.Storage;
using Newtonsoft.Json;
using NuGet.Versioning;

namespace DepResolve.Engine.Resolution.Locking;

/// <summary>
/// Reads a valid format-2 lock file straight from its tokens, without building a JSON tree first: at a thousand
/// packages the tree is most of what reading the file allocates, and every resolve call reads it. Only a file it can
/// take whole is taken — every member of the right kind and valid, no member name twice in one object; the members
/// may come in any order, with comments and unknown members anywhere, as the tree reader allows. For anything else
/// (another format, a damaged file, a name given twice) it answers null, and <see cref="LockFileSerializer"/> reads
/// the file again through the tree, which says what is wrong exactly as it always has. So a file read here gives the
/// same document the tree reader gives, and every error still comes from the tree reader.
/// </summary>
internal static class LockFileStream
{
    /// <summary>The document in <paramref name="text"/>, or null when the tree reader must read it.</summary>
    public static LockDocument? TryRead(TextReader text, string origin)
    {
        try
        {
            using var json = new JsonTextReader(text) { DateParseHandling = DateParseHandling.None, PropertyNameTable = new InternedJsonNames() };
            var document = Next(json) && json.TokenType == JsonToken.StartObject ? ReadRoot(json, origin) : null;
            return document is not null && !Next(json) ? document : null;
        }
        catch (Exception e) when (e is JsonException or DepResolveException or ArgumentException or FormatException or InvalidCastException)
        {
            return null;
        }
    }

    private static LockDocument? ReadRoot(JsonTextReader json, string origin)
    {
        long? formatVersion = null;
        List<KeyValuePair<string, LockFile>>? scripts = null;
        LockFile? shared = null;
        var ranges = new ParsedRanges();
        while (NextMember(json) is { } name)
        {
            var valid = name switch
            {
                "formatVersion" when formatVersion is null => (formatVersion = json.TokenType == JsonToken.Integer && json.Value is long version ? version : null) is not null,
                "scripts" when scripts is null => (scripts = ReadScripts(json, origin, ranges)) is not null,
                LockDocument.SharedSection when shared is null =>
                    (shared = json.TokenType == JsonToken.StartObject ? ReadSection(json, origin, LockDocument.SharedSection, ranges) : null) is not null,
                "formatVersion" or "scripts" or LockDocument.SharedSection => false,
                _ => Skip(json),
            };
            if (!valid)
            {
                return null;
            }
        }

        return formatVersion == LockDocument.CurrentFormatVersion && scripts is not null ? new LockDocument(scripts, shared, origin) : null;
    }

    private static List<KeyValuePair<string, LockFile>>? ReadScripts(JsonTextReader json, string origin, ParsedRanges ranges)
    {
        if (json.TokenType != JsonToken.StartObject)
        {
            return null;
        }

        var scripts = new List<KeyValuePair<string, LockFile>>();
        while (NextMember(json) is { } key)
        {
            if (string.IsNullOrWhiteSpace(key) || json.TokenType != JsonToken.StartObject || ReadSection(json, origin, key, ranges) is not { } section)
            {
                return null;
            }

            scripts.Add(new(key, section));
        }

        return scripts;
    }

    /// <summary>One section, the reader on its start; null unless everything in it is valid.</summary>
    private static LockFile? ReadSection(JsonTextReader json, string origin, string section, ParsedRanges ranges)
    {
        ResolutionPolicy? policy = null;
        List<LockedRepository>? repositories = null;
        List<LockedPackage>? packages = null;
        List<string>? revealed = null;
        while (NextMember(json) is { } name)
        {
            var valid = name switch
            {
                "policy" when policy is null => (policy = ResolutionPolicyText.TryParse(Text(json), out var parsed) ? parsed : null) is not null,
                "repositories" when repositories is null => (repositories = ReadRepositories(json)) is not null,
                "packages" when packages is null => (packages = ReadPackages(json, ranges)) is not null,
                "revealed" when revealed is null => (revealed = ReadRevealed(json)) is not null,
                "policy" or "repositories" or "packages" or "revealed" => false,
                _ => Skip(json),
            };
            if (!valid)
            {
                return null;
            }
        }

        return policy is { } chosen && packages is not null
            ? new LockFile(chosen, repositories ?? [], packages, origin, section, revealed ?? [])
            : null;
    }

    private static List<LockedRepository>? ReadRepositories(JsonTextReader json)
    {
        if (json.TokenType != JsonToken.StartArray)
        {
            return null;
        }

        var repositories = new List<LockedRepository>();
        while (NextItem(json))
        {
            string? name = null, source = null;
            if (json.TokenType != JsonToken.StartObject)
            {
                return null;
            }

            while (NextMember(json) is { } member)
            {
                var valid = member switch
                {
                    "name" when name is null => (name = Text(json)) is not null,
                    "source" when source is null => (source = Text(json)) is not null,
                    "name" or "source" => false,
                    _ => Skip(json),
                };
                if (!valid)
                {
                    return null;
                }
            }

            if (name is null || source is null)
            {
                return null;
            }

            repositories.Add(new LockedRepository(name, source));
        }

        return repositories;
    }

    private static List<LockedPackage>? ReadPackages(JsonTextReader json, ParsedRanges ranges)
    {
        if (json.TokenType != JsonToken.StartObject)
        {
            return null;
        }

        var packages = new List<LockedPackage>();
        while (NextMember(json) is { } id)
        {
            if (string.IsNullOrWhiteSpace(id) || json.TokenType != JsonToken.StartObject || !PackageIdRules.IsValid(id) || ReadPackage(json, id, ranges) is not { } package)
            {
                return null;
            }

            packages.Add(package);
        }

        return packages;
    }

    private static LockedPackage? ReadPackage(JsonTextReader json, string id, ParsedRanges ranges)
    {
        NuGetVersion? version = null;
        string? source = null, sha512 = null;
        List<PackageDependency>? dependencies = null;
        while (NextMember(json) is { } member)
        {
            var valid = member switch
            {
                "version" when version is null => NuGetVersion.TryParse(Text(json), out version),
                "source" when source is null => (source = Text(json)) is not null,
                "sha512" when sha512 is null => (sha512 = Text(json)) is not null,
                "dependencies" when dependencies is null => (dependencies = ReadDependencies(json, ranges)) is not null,
                "version" or "source" or "sha512" or "dependencies" => false,
                _ => Skip(json),
            };
            if (!valid)
            {
                return null;
            }
        }

        return version is not null && source is not null && sha512 is not null
            ? new LockedPackage(id, version, source, sha512, dependencies ?? [])
            : null;
    }

    private static List<PackageDependency>? ReadDependencies(JsonTextReader json, ParsedRanges ranges)
    {
        if (json.TokenType != JsonToken.StartObject)
        {
            return null;
        }

        var dependencies = new List<PackageDependency>();
        while (NextMember(json) is { } id)
        {
            if (json.TokenType != JsonToken.String || json.Value is not string rangeText || string.IsNullOrWhiteSpace(rangeText)
                || !ranges.TryParse(rangeText, out var range) || Names(dependencies, id))
            {
                return null;
            }

            dependencies.Add(new PackageDependency(id, range));
        }

        return dependencies;
    }

    /// <summary>Whether a dependency of that very name was read already (the tree reader keeps the last one: left to it).</summary>
    private static bool Names(List<PackageDependency> dependencies, string id)
    {
        foreach (var dependency in dependencies)
        {
            if (string.Equals(dependency.Id, id, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static List<string>? ReadRevealed(JsonTextReader json)
    {
        if (json.TokenType != JsonToken.StartArray)
        {
            return null;
        }

        var revealed = new List<string>();
        while (NextItem(json))
        {
            if (json.TokenType != JsonToken.String || json.Value is not string id || !PackageIdRules.IsValid(id))
            {
                return null;
            }

            revealed.Add(id);
        }

        return revealed;
    }

    /// <summary>An unknown member's value, passed over (the tree reader ignores it too).</summary>
    private static bool Skip(JsonTextReader json)
    {
        json.Skip();
        return true;
    }

    /// <summary>A non-blank text value, as the tree reader requires of every text member; null for anything else.</summary>
    private static string? Text(JsonTextReader json) =>
        json.TokenType == JsonToken.String && json.Value is string text && !string.IsNullOrWhiteSpace(text) ? text : null;

    /// <summary>The next member's name with the reader on its value; null at the end of the object.</summary>
    private static string? NextMember(JsonTextReader json)
    {
        if (!Next(json))
        {
            throw new FormatException("The text ends inside an object.");
        }

        if (json.TokenType == JsonToken.EndObject)
        {
            return null;
        }

        var name = json.TokenType == JsonToken.PropertyName ? (string)json.Value! : throw new FormatException("A member name was expected.");
        return Next(json) ? name : throw new FormatException("The text ends after a member name.");
    }

    /// <summary>Whether the array has another item (the reader on it).</summary>
    private static bool NextItem(JsonTextReader json) =>
        Next(json) ? json.TokenType != JsonToken.EndArray : throw new FormatException("The text ends inside a list.");

    /// <summary>The next token that is not a comment.</summary>
    private static bool Next(JsonTextReader json)
    {
        while (json.Read())
        {
            if (json.TokenType != JsonToken.Comment)
            {
                return true;
            }
        }

        return false;
    }
}
