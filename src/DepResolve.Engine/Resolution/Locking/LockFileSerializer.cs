using System.Text;
using DepResolve.Engine.Model;
using DepResolve.Engine.Packaging;
using DepResolve.Engine.Storage;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NuGet.Versioning;

namespace DepResolve.Engine.Resolution.Locking;

/// <summary>
/// Reads and writes <c>depresolve.lock.json</c> (format 2, a section per script; format 1 is read as the shared
/// section). The text is deterministic so the file diffs well: every object's
/// keys in ordinal order (package ids ignoring case), two-space indentation, "\n" line endings, a trailing newline,
/// no timestamps. Writing is atomic: a temporary file in the same folder, then a move over the target.
/// </summary>
internal static class LockFileSerializer
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Reads a lock file. A missing, corrupt or newer-format file is InvalidInput naming it. A valid format-2 file is
    /// read straight from its tokens (<see cref="LockFileStream"/>); any other, or any doubt, through a JSON tree.
    /// </summary>
    public static LockDocument Read(string path)
    {
        JObject root;
        try
        {
            // Read as a stream, as Parse would read the whole text: a large lock file never becomes one large string.
            using (var streamed = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
            {
                if (LockFileStream.TryRead(streamed, path) is { } document)
                {
                    return document;
                }
            }

            using var text = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            root = Load(text, path);
        }
        catch (FileNotFoundException)
        {
            throw new DepResolveException(ErrorCode.InvalidInput, $"The lock file {path} does not exist.", path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DepResolveException(ErrorCode.InvalidInput, $"The lock file {path} cannot be read: {e.Message}", path, e);
        }

        return ToDocument(root, path);
    }

    /// <summary>Parses lock file text of format 1 or 2; <paramref name="origin"/> names it in errors and becomes the document's path.</summary>
    public static LockDocument Parse(string json, string origin)
    {
        using (var streamed = new StringReader(json))
        {
            if (LockFileStream.TryRead(streamed, origin) is { } document)
            {
                return document;
            }
        }

        return ParseTree(json, origin);
    }

    /// <summary>As <see cref="Parse"/>, always through the JSON tree: what <see cref="LockFileStream"/> must agree with.</summary>
    internal static LockDocument ParseTree(string json, string origin)
    {
        using var text = new StringReader(json);
        return ToDocument(Load(text, origin), origin);
    }

    /// <summary>The JSON object of a lock file's text (comments after it allowed); anything else is InvalidInput.</summary>
    private static JObject Load(TextReader text, string origin)
    {
        try
        {
            using var reader = new JsonTextReader(text) { DateParseHandling = DateParseHandling.None };
            var root = JObject.Load(reader);
            while (reader.Read())
            {
                if (reader.TokenType != JsonToken.Comment)
                {
                    throw Corrupt(origin, $"unexpected content after the JSON object at line {reader.LineNumber}");
                }
            }

            return root;
        }
        catch (JsonException e)
        {
            throw Corrupt(origin, e.Message, e);
        }
    }

    /// <summary>The document a lock file's JSON object describes: format 1 or 2; anything else is InvalidInput.</summary>
    private static LockDocument ToDocument(JObject root, string origin)
    {
        var formatVersion = root["formatVersion"];
        if (formatVersion is not { Type: JTokenType.Integer })
        {
            throw Corrupt(origin, "'formatVersion' is missing or not a whole number");
        }

        // A whole number within long's range is read as a long: pattern-matched, so no generic Value<long> instantiation is
        // compiled at run time on every resolve call; a larger one is left to Value<long> and fails as it always did.
        var version = formatVersion is JValue { Value: long small } ? small : formatVersion.Value<long>();
        if (version > LockDocument.CurrentFormatVersion)
        {
            throw new DepResolveException(
                ErrorCode.InvalidInput,
                $"The lock file {origin} has format version {version}, written by a newer DepResolve; this version reads formats 1 to {LockDocument.CurrentFormatVersion}. Update DepResolve, or re-resolve with UpdateLock to replace the file.",
                origin);
        }

        if (version < 1)
        {
            throw Corrupt(origin, $"format version {version} does not exist");
        }

        if (version == 1)
        {
            return new LockDocument([], ParseSection(root, origin, LockDocument.SharedSection), origin);
        }

        if (root["scripts"] is not JObject scriptsObject)
        {
            throw Corrupt(origin, "'scripts' is missing or not an object");
        }

        var scripts = new List<KeyValuePair<string, LockFile>>();
        foreach (var script in scriptsObject.Properties())
        {
            if (string.IsNullOrWhiteSpace(script.Name) || script.Value is not JObject section)
            {
                throw Corrupt(origin, $"the section '{script.Name}' of 'scripts' is not an object named after a script");
            }

            scripts.Add(new(script.Name, ParseSection(section, origin, script.Name)));
        }

        LockFile? shared = null;
        if (root[LockDocument.SharedSection] is { } sharedToken)
        {
            shared = sharedToken is JObject sharedObject
                ? ParseSection(sharedObject, origin, LockDocument.SharedSection)
                : throw Corrupt(origin, $"'{LockDocument.SharedSection}' is not an object");
        }

        return new LockDocument(scripts, shared, origin);
    }

    /// <summary>One package set: policy, repositories and packages (a format-1 file's root, or a format-2 section).</summary>
    private static LockFile ParseSection(JObject root, string origin, string section)
    {
        var prefix = section == LockDocument.SharedSection ? "" : $"section '{section}': ";
        var policyText = RequiredString(root, "policy", origin, prefix + "the lock file");
        if (!ResolutionPolicyText.TryParse(policyText, out var policy))
        {
            throw Corrupt(origin, $"{prefix}'policy' is '{policyText}', not one of {string.Join(", ", Enum.GetNames<ResolutionPolicy>())}");
        }

        var repositories = new List<LockedRepository>();
        if (root["repositories"] is { } repositoriesToken)
        {
            if (repositoriesToken is not JArray array)
            {
                throw Corrupt(origin, $"{prefix}'repositories' is not a list");
            }

            foreach (var item in array)
            {
                if (item is not JObject repository)
                {
                    throw Corrupt(origin, $"{prefix}an entry of 'repositories' is not an object");
                }

                repositories.Add(new LockedRepository(RequiredString(repository, "name", origin, prefix + "a repository"), RequiredString(repository, "source", origin, prefix + "a repository")));
            }
        }

        if (root["packages"] is not JObject packagesObject)
        {
            throw Corrupt(origin, $"{prefix}'packages' is missing or not an object");
        }

        var packages = new List<LockedPackage>();
        foreach (var property in packagesObject.Properties())
        {
            var id = property.Name;
            var where = $"{prefix}package '{id}'";
            if (string.IsNullOrWhiteSpace(id) || property.Value is not JObject entry)
            {
                throw Corrupt(origin, $"{where} is not an object with an id");
            }

            if (!Packaging.PackageIdRules.IsValid(id))
            {
                throw Corrupt(origin, $"{prefix}'{id}' is not a valid package id ({Packaging.PackageIdRules.Description})");
            }

            var versionText = RequiredString(entry, "version", origin, where);
            if (!NuGetVersion.TryParse(versionText, out var packageVersion))
            {
                throw Corrupt(origin, $"{where} has version '{versionText}', which is not a version");
            }

            var dependencies = new List<PackageDependency>();
            if (entry["dependencies"] is { } dependenciesToken)
            {
                if (dependenciesToken is not JObject dependencyObject)
                {
                    throw Corrupt(origin, $"{where}: 'dependencies' is not an object");
                }

                foreach (var dependency in dependencyObject.Properties())
                {
                    var rangeText = dependency.Value.Type == JTokenType.String ? dependency.Value.Value<string>() : null;
                    if (rangeText is null || !VersionRangeParser.TryParse(rangeText, out var range) || string.IsNullOrWhiteSpace(rangeText))
                    {
                        throw Corrupt(origin, $"{where}: dependency '{dependency.Name}' has '{dependency.Value}', which is not a version range");
                    }

                    dependencies.Add(new PackageDependency(dependency.Name, range));
                }
            }

            packages.Add(new LockedPackage(id, packageVersion, RequiredString(entry, "source", origin, where), RequiredString(entry, "sha512", origin, where), dependencies));
        }

        var revealed = new List<string>();
        if (root["revealed"] is { } revealedToken)
        {
            if (revealedToken is not JArray revealedArray || revealedArray.Any(t => t.Type != JTokenType.String || !Packaging.PackageIdRules.IsValid(t.Value<string>()!)))
            {
                throw Corrupt(origin, $"{prefix}'revealed' is not a list of package ids");
            }

            revealed.AddRange(revealedArray.Select(t => t.Value<string>()!));
        }

        try
        {
            return new LockFile(policy, repositories, packages, origin, section, revealed);
        }
        catch (DepResolveException e)
        {
            throw Corrupt(origin, prefix + e.Message, e);
        }
    }

    /// <summary>The exact text <see cref="Write"/> puts in the file: always the current format.</summary>
    public static string Serialize(LockDocument document)
    {
        var json = JsonTextBuilder.Indented("\n")
            .StartObject()
            .Name("formatVersion").Integer(LockDocument.CurrentFormatVersion)
            .Name("scripts").StartObject();
        foreach (var (key, section) in document.Scripts)
        {
            WriteSection(json.Name(key), section);
        }

        json.EndObject();
        if (document.Shared is not null)
        {
            WriteSection(json.Name(LockDocument.SharedSection), document.Shared);
        }

        return json.EndObject() + "\n";
    }

    /// <summary>One section's text as <see cref="Serialize(LockDocument)"/> writes it: equal text, equal locked set.</summary>
    public static string Serialize(LockFile section) => WriteSection(JsonTextBuilder.Indented("\n"), section).ToString();

    private static JsonTextBuilder WriteSection(JsonTextBuilder json, LockFile lockFile)
    {
        json.StartObject().Name("packages").StartObject();
        foreach (var package in lockFile.Packages.Values.OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Id, StringComparer.Ordinal))
        {
            json.Name(package.Id).StartObject().Name("dependencies").StartObject();
            foreach (var dependency in package.Dependencies.OrderBy(d => d.Id, StringComparer.OrdinalIgnoreCase).ThenBy(d => d.Id, StringComparer.Ordinal))
            {
                json.Name(dependency.Id).String(RangeText.Format(dependency.Range));
            }

            json.EndObject()
                .Name("sha512").String(package.Sha512)
                .Name("source").String(package.Source)
                .Name("version").String(RangeText.Format(package.Version))
                .EndObject();
        }

        json.EndObject().Name("policy").String(lockFile.Policy.ToString());

        // Repositories stay in priority order: the order is meaningful.
        json.Name("repositories").StartArray();
        foreach (var repository in lockFile.Repositories)
        {
            json.StartObject().Name("name").String(repository.Name).Name("source").String(repository.Source).EndObject();
        }

        json.EndArray();
        if (lockFile.Revealed.Count > 0)
        {
            json.Name("revealed").StartArray();
            foreach (var id in lockFile.Revealed)
            {
                json.String(id);
            }

            json.EndArray();
        }

        return json.EndObject();
    }

    /// <summary>
    /// Writes the whole document atomically: a temporary file in the same folder, then a move over the target. A
    /// folder that refuses the write is PermissionDenied (InvalidInput for other I/O failures), naming the file.
    /// </summary>
    public static void Write(LockDocument document, string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        var folder = System.IO.Path.GetDirectoryName(full)!;
        var temporary = System.IO.Path.Combine(folder, $".{System.IO.Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(temporary, Serialize(document), Utf8NoBom);
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            var code = e is UnauthorizedAccessException ? ErrorCode.PermissionDenied : ErrorCode.InvalidInput;
            throw new DepResolveException(code, $"The lock file {full} could not be written: {e.Message}", full, e);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static string RequiredString(JObject owner, string name, string origin, string where)
    {
        var token = owner[name];
        if (token is not { Type: JTokenType.String } || string.IsNullOrWhiteSpace(token.Value<string>()))
        {
            throw Corrupt(origin, $"{where}: '{name}' is missing or not a text value");
        }

        return token.Value<string>()!;
    }

    private static DepResolveException Corrupt(string origin, string reason, Exception? inner = null) =>
        new(ErrorCode.InvalidInput, $"The lock file {origin} is not a valid DepResolve lock file: {reason}. Fix it, or delete it and resolve again.", origin, inner);
}
