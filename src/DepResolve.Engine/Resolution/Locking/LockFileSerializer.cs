using System.Text;
using DepResolve.Engine.Feeds;
using DepResolve.Engine.Model;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NuGet.Versioning;

namespace DepResolve.Engine.Resolution.Locking;

/// <summary>
/// Reads and writes <c>depresolve.lock.json</c>. The text is deterministic so the file diffs well: every object's
/// keys in ordinal order (package ids ignoring case), two-space indentation, "\n" line endings, a trailing newline,
/// no timestamps. Writing is atomic: a temporary file in the same folder, then a move over the target.
/// </summary>
public static class LockFileSerializer
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Reads a lock file. A missing, corrupt or newer-format file is InvalidInput naming it.</summary>
    public static LockFile Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (FileNotFoundException)
        {
            throw new DepResolveException(ErrorCode.InvalidInput, $"The lock file {path} does not exist.", path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DepResolveException(ErrorCode.InvalidInput, $"The lock file {path} cannot be read: {e.Message}", path, e);
        }

        return Parse(text, path);
    }

    /// <summary>Parses lock file text; <paramref name="origin"/> names it in errors.</summary>
    public static LockFile Parse(string json, string origin)
    {
        JObject root;
        try
        {
            using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
            root = JObject.Load(reader);
            while (reader.Read())
            {
                if (reader.TokenType != JsonToken.Comment)
                {
                    throw Corrupt(origin, $"unexpected content after the JSON object at line {reader.LineNumber}");
                }
            }
        }
        catch (JsonException e)
        {
            throw Corrupt(origin, e.Message, e);
        }

        var formatVersion = root["formatVersion"];
        if (formatVersion is not { Type: JTokenType.Integer })
        {
            throw Corrupt(origin, "'formatVersion' is missing or not a whole number");
        }

        var version = formatVersion.Value<long>();
        if (version > LockFile.CurrentFormatVersion)
        {
            throw new DepResolveException(
                ErrorCode.InvalidInput,
                $"The lock file {origin} has format version {version}, written by a newer DepResolve; this version reads format {LockFile.CurrentFormatVersion}. Update DepResolve, or re-resolve with UpdateLock to replace the file.",
                origin);
        }

        if (version < 1)
        {
            throw Corrupt(origin, $"format version {version} does not exist");
        }

        var policyText = RequiredString(root, "policy", origin, "the lock file");
        if (!Enum.TryParse<ResolutionPolicy>(policyText, ignoreCase: true, out var policy) || !Enum.IsDefined(policy))
        {
            throw Corrupt(origin, $"'policy' is '{policyText}', not one of {string.Join(", ", Enum.GetNames<ResolutionPolicy>())}");
        }

        var repositories = new List<LockedRepository>();
        if (root["repositories"] is { } repositoriesToken)
        {
            if (repositoriesToken is not JArray array)
            {
                throw Corrupt(origin, "'repositories' is not a list");
            }

            foreach (var item in array)
            {
                if (item is not JObject repository)
                {
                    throw Corrupt(origin, "an entry of 'repositories' is not an object");
                }

                repositories.Add(new LockedRepository(RequiredString(repository, "name", origin, "a repository"), RequiredString(repository, "source", origin, "a repository")));
            }
        }

        if (root["packages"] is not JObject packagesObject)
        {
            throw Corrupt(origin, "'packages' is missing or not an object");
        }

        var packages = new List<LockedPackage>();
        foreach (var property in packagesObject.Properties())
        {
            var id = property.Name;
            var where = $"package '{id}'";
            if (string.IsNullOrWhiteSpace(id) || property.Value is not JObject entry)
            {
                throw Corrupt(origin, $"{where} is not an object with an id");
            }

            if (!Packaging.PackageIdRules.IsValid(id))
            {
                throw Corrupt(origin, $"'{id}' is not a valid package id ({Packaging.PackageIdRules.Description})");
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

        try
        {
            return new LockFile(policy, repositories, packages, origin);
        }
        catch (DepResolveException e)
        {
            throw Corrupt(origin, e.Message, e);
        }
    }

    /// <summary>The exact text <see cref="Write"/> puts in the file.</summary>
    public static string Serialize(LockFile lockFile)
    {
        var text = new StringWriter { NewLine = "\n" };
        using (var json = new JsonTextWriter(text) { Formatting = Formatting.Indented, Indentation = 2, IndentChar = ' ' })
        {
            json.WriteStartObject();

            json.WritePropertyName("formatVersion");
            json.WriteValue(LockFile.CurrentFormatVersion);

            json.WritePropertyName("packages");
            json.WriteStartObject();
            foreach (var package in lockFile.Packages.Values.OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Id, StringComparer.Ordinal))
            {
                json.WritePropertyName(package.Id);
                json.WriteStartObject();
                json.WritePropertyName("dependencies");
                json.WriteStartObject();
                foreach (var dependency in package.Dependencies.OrderBy(d => d.Id, StringComparer.OrdinalIgnoreCase).ThenBy(d => d.Id, StringComparer.Ordinal))
                {
                    json.WritePropertyName(dependency.Id);
                    json.WriteValue(RangeText.Format(dependency.Range));
                }

                json.WriteEndObject();
                json.WritePropertyName("sha512");
                json.WriteValue(package.Sha512);
                json.WritePropertyName("source");
                json.WriteValue(package.Source);
                json.WritePropertyName("version");
                json.WriteValue(RangeText.Format(package.Version));
                json.WriteEndObject();
            }

            json.WriteEndObject();

            json.WritePropertyName("policy");
            json.WriteValue(lockFile.Policy.ToString());

            // Repositories stay in priority order: the order is meaningful.
            json.WritePropertyName("repositories");
            json.WriteStartArray();
            foreach (var repository in lockFile.Repositories)
            {
                json.WriteStartObject();
                json.WritePropertyName("name");
                json.WriteValue(repository.Name);
                json.WritePropertyName("source");
                json.WriteValue(repository.Source);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    /// <summary>Writes atomically: nothing half-written is ever visible at <paramref name="path"/>.</summary>
    public static void Write(LockFile lockFile, string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        var folder = System.IO.Path.GetDirectoryName(full)!;
        var temporary = System.IO.Path.Combine(folder, $".{System.IO.Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(temporary, Serialize(lockFile), Utf8NoBom);
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
