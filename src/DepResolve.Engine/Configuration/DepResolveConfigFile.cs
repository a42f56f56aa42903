using DepResolve.Engine.Model;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace DepResolve.Engine.Configuration;

/// <summary>
/// One depresolve.json applied over options. Keys are the option names in camelCase (any case accepted);
/// durations are seconds or "hh:mm:ss". Every error is InvalidInput naming the file and line.
/// </summary>
internal static class DepResolveConfigFile
{
    /// <summary>What each key of a depresolve.json does to the options, as documented; the keys are the known ones.</summary>
    private static readonly IReadOnlyDictionary<string, Func<DepResolveOptions, Setting, DepResolveOptions>> Settings =
        new Dictionary<string, Func<DepResolveOptions, Setting, DepResolveOptions>>(StringComparer.OrdinalIgnoreCase)
    {
        ["$schema"] = (o, _) => o,
        ["comment"] = (o, _) => o,
        ["cacheRoot"] = (o, s) => o with { CacheRoot = Path.GetFullPath(Path.Combine(s.Folder, String(s.File, s.Value))) },
        ["repositories"] = (o, s) => o with { Repositories = MergeRepositories(Repositories(s.File, s.Folder, s.Value, s.Warn), o.Repositories) },
        ["packageSourceMapping"] = (o, s) => o with { SourceMapping = SourceMapping(s.File, s.Value).MergedOver(o.SourceMapping) },
        ["policy"] = (o, s) => o with { Policy = Enum<ResolutionPolicy>(s.File, s.Value) },
        ["lockedMode"] = (o, s) => o with { LockedMode = Bool(s.File, s.Value) },
        ["allowPrerelease"] = (o, s) => o with { AllowPrerelease = Bool(s.File, s.Value) },
        ["failOnUnresolved"] = (o, s) => o with { FailOnUnresolved = Bool(s.File, s.Value) },
        ["useInstalledModules"] = (o, s) => o with { UseInstalledModules = Bool(s.File, s.Value) },
        ["offline"] = (o, s) => o with { Offline = Bool(s.File, s.Value) },
        ["installTimeout"] = (o, s) => o with { InstallTimeout = Duration(s.File, s.Value) },
        ["requestTimeout"] = (o, s) => o with { RequestTimeout = Duration(s.File, s.Value) },
        ["resolutionTimeout"] = (o, s) => o with { ResolutionTimeout = Duration(s.File, s.Value) },
        ["maxRetries"] = (o, s) => o with { MaxRetries = PositiveOrZero(s.File, s.Value) },
        ["retryBaseDelay"] = (o, s) => o with { RetryBaseDelay = Duration(s.File, s.Value) },
        ["maxMetadataBytes"] = (o, s) => o with { MaxMetadataBytes = PositiveLong(s.File, s.Value) },
        ["runTimeout"] = (o, s) => o with { RunTimeout = Duration(s.File, s.Value) },
        ["metadataTtl"] = (o, s) => o with { MetadataTtl = Duration(s.File, s.Value) },
        ["environmentTtl"] = (o, s) => o with { EnvironmentTtl = Duration(s.File, s.Value) },
        ["maxEnvironments"] = (o, s) => o with { MaxEnvironments = PositiveInt(s.File, s.Value) },
        ["recordTtl"] = (o, s) => o with { RecordTtl = Duration(s.File, s.Value) },
        ["maxResolutionRecords"] = (o, s) => o with { MaxResolutionRecords = PositiveInt(s.File, s.Value) },
        ["maxMetadataCacheBytes"] = (o, s) => o with { MaxMetadataCacheBytes = PositiveLong(s.File, s.Value) },
        ["maxAuditLogBytes"] = (o, s) => o with { MaxAuditLogBytes = PositiveLong(s.File, s.Value) },
        ["auditLogFiles"] = (o, s) => o with { AuditLogFiles = PositiveInt(s.File, s.Value) },
        ["maxParallelism"] = (o, s) => o with { MaxParallelism = PositiveInt(s.File, s.Value) },
        ["maxConcurrentDownloads"] = (o, s) => o with { MaxConcurrentDownloads = PositiveInt(s.File, s.Value) },
        ["maxPackageEntries"] = (o, s) => o with { MaxPackageEntries = PositiveInt(s.File, s.Value) },
        ["maxPackageUncompressedBytes"] = (o, s) => o with { MaxPackageUncompressedBytes = PositiveLong(s.File, s.Value) },
        ["allowList"] = (o, s) => o with { AllowList = Strings(s.File, s.Value) },
        ["denyList"] = (o, s) => o with { DenyList = Strings(s.File, s.Value).Union(o.DenyList, StringComparer.OrdinalIgnoreCase).ToArray() },
        ["requireApproval"] = (o, s) => o with { RequireApproval = Bool(s.File, s.Value) },
        ["dryRun"] = (o, s) => o with { DryRun = Bool(s.File, s.Value) },
        ["commandMappings"] = (o, s) => o with { CommandMappings = MergeMap(Map(s.File, s.Value), o.CommandMappings) },
        ["namespaceMappings"] = (o, s) => o with { NamespaceMappings = MergeMap(Map(s.File, s.Value), o.NamespaceMappings) },
    };

    /// <summary>Every key a depresolve.json may hold, as documented.</summary>
    internal static readonly IReadOnlyList<string> KnownKeys = Settings.Keys.ToList();

    /// <summary>One key's value, with the file (and its folder) it was read from.</summary>
    private readonly record struct Setting(string File, string Folder, JToken Value, Action<string>? Warn);

    /// <summary>Every key a repository object in "repositories" may hold, as documented.</summary>
    internal static readonly IReadOnlyList<string> KnownRepositoryKeys =
    [
        "name", "source", "url", "uri", "kind", "priority", "userName", "password", "passwordEnvironmentVariable", "apiKey", "apiKeyEnvironmentVariable",
    ];

    /// <param name="warn">Told about each unknown key, top-level or in a repository (with the nearest known one); the key is ignored.</param>
    public static DepResolveOptions Apply(DepResolveOptions options, string file, Action<string>? log, Action<string>? warn = null)
    {
        var root = Parse(file);
        var folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
        foreach (var property in root.Properties())
        {
            options = Settings.TryGetValue(property.Name, out var apply)
                ? apply(options, new Setting(file, folder, property.Value, warn ?? log))
                : Unknown(options, file, property, warn ?? log);
        }

        return options;
    }

    private static JObject Parse(string file)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DepResolveException(ErrorCode.InvalidInput, $"Cannot read the configuration file {file}: {e.Message}", file, e);
        }

        try
        {
            using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
            var token = JToken.ReadFrom(reader, new JsonLoadSettings { CommentHandling = CommentHandling.Ignore, LineInfoHandling = LineInfoHandling.Load, DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error });
            while (reader.Read())
            {
                if (reader.TokenType != JsonToken.Comment)
                {
                    throw new JsonReaderException($"Unexpected content after the settings object, line {reader.LineNumber}, position {reader.LinePosition}.");
                }
            }

            return token as JObject ?? throw Error(file, token, "the file must hold one JSON object");
        }
        catch (JsonReaderException e)
        {
            throw new DepResolveException(ErrorCode.InvalidInput, $"The configuration file {file} is not valid JSON (line {e.LineNumber}, position {e.LinePosition}): {e.Message}", file, e);
        }
    }

    private static DepResolveOptions Unknown(DepResolveOptions options, string file, JProperty property, Action<string>? warn)
    {
        WarnUnknown(file, property, "setting", KnownKeys, warn);
        return options;
    }

    private static void WarnUnknown(string file, JProperty property, string what, IReadOnlyList<string> known, Action<string>? warn)
    {
        var nearest = NearestKnownKey(property.Name, known);
        warn?.Invoke($"{file} (line {Line(property)}): unknown {what} '{property.Name}' ignored" + (nearest is null ? "." : $"; did you mean '{nearest}'?"));
    }

    /// <summary>The known key closest to <paramref name="key"/> by edit distance (case-insensitive); null when none is near.</summary>
    internal static string? NearestKnownKey(string key, IReadOnlyList<string>? known = null)
    {
        var (best, distance) = (known ?? KnownKeys)
            .Select(k => (Key: k, Distance: EditDistance(k.ToLowerInvariant(), key.ToLowerInvariant())))
            .MinBy(x => x.Distance);
        return distance <= Math.Max(2, key.Length / 3) ? best : null;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }

    private static PackageSourceMapping SourceMapping(string file, JToken value)
    {
        if (value is not JObject map)
        {
            throw Error(file, value, "'packageSourceMapping' must be an object of \"source name\": [\"id pattern\", …] pairs");
        }

        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var source in map.Properties())
        {
            var patterns = source.Value is JArray ? Strings(file, source.Value).Select(p => p.Trim()).ToArray() : throw Error(file, source.Value, "expected an array of id patterns such as [\"Contoso.*\"]");
            var bad = patterns.FirstOrDefault(p => !PackageSourceMapping.IsValidPattern(p));
            if (bad is not null)
            {
                throw Error(file, source.Value, $"'{bad}' is not an id pattern: give an id, or an id prefix ending in a single '*' (\"Contoso.*\", \"*\")");
            }

            result[source.Name] = patterns;
        }

        return new PackageSourceMapping(result);
    }

    private static IReadOnlyList<RepositorySettings> Repositories(string file, string folder, JToken value, Action<string>? warn)
    {
        if (value is not JArray items)
        {
            throw Error(file, value, "'repositories' must be an array of { name, source, … } objects");
        }

        var result = new List<RepositorySettings>();
        foreach (var item in items)
        {
            if (item is not JObject repository)
            {
                throw Error(file, item, "each repository must be an object with name and source");
            }

            foreach (var unknown in repository.Properties().Where(p => !KnownRepositoryKeys.Contains(p.Name, StringComparer.OrdinalIgnoreCase)))
            {
                WarnUnknown(file, unknown, "repository setting", KnownRepositoryKeys, warn);
            }

            string? Field(string name) => repository.Properties().FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase))?.Value is { } v ? String(file, v) : null;
            var source = Field("source") ?? Field("url") ?? Field("uri") ?? throw Error(file, repository, "a repository needs a 'source' (folder or URL)");
            var name = Field("name") ?? source;
            if (!Uri.TryCreate(source, UriKind.Absolute, out var url) || url.IsFile)
            {
                source = Path.GetFullPath(Path.Combine(folder, url?.IsFile == true ? url.LocalPath : source));
            }

            var kindText = Field("kind");
            result.Add(new RepositorySettings
            {
                Name = name,
                Source = source,
                Kind = kindText is null ? RepositoryKind.Auto : Enum<RepositoryKind>(file, repository.Property("kind", StringComparison.OrdinalIgnoreCase)!.Value),
                Priority = repository.Property("priority", StringComparison.OrdinalIgnoreCase)?.Value is { } priority ? PositiveOrZero(file, priority) : 50,
                UserName = Field("userName"),
                Password = Field("password") ?? FromEnvironment(file, repository, Field("passwordEnvironmentVariable")),
                ApiKey = Field("apiKey") ?? FromEnvironment(file, repository, Field("apiKeyEnvironmentVariable")),
            });
        }

        return result;
    }

    private static string? FromEnvironment(string file, JObject repository, string? variable) =>
        variable is null
            ? null
            : Environment.GetEnvironmentVariable(variable)
              ?? throw Error(file, repository, $"the environment variable '{variable}' named for a repository secret is not set");

    /// <summary>Nearer repositories first; a farther one with the same name is replaced.</summary>
    private static IReadOnlyList<RepositorySettings> MergeRepositories(IReadOnlyList<RepositorySettings> nearer, IReadOnlyList<RepositorySettings> farther) =>
        nearer.Concat(farther.Where(f => !nearer.Any(n => n.Name.Equals(f.Name, StringComparison.OrdinalIgnoreCase)))).ToArray();

    private static IReadOnlyDictionary<string, string> MergeMap(IReadOnlyDictionary<string, string> nearer, IReadOnlyDictionary<string, string> farther)
    {
        var merged = new Dictionary<string, string>(farther, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in nearer)
        {
            merged[key] = value;
        }

        return merged;
    }

    private static IReadOnlyDictionary<string, string> Map(string file, JToken value)
    {
        if (value is not JObject map)
        {
            throw Error(file, value, "a mapping must be an object of \"name\": \"target\" pairs");
        }

        return map.Properties().ToDictionary(p => p.Name, p => String(file, p.Value), StringComparer.OrdinalIgnoreCase);
    }

    private static IReadOnlyList<string> Strings(string file, JToken value) =>
        value is JArray array ? array.Select(v => String(file, v)).ToArray() : throw Error(file, value, "expected an array of strings");

    private static string String(string file, JToken value) =>
        value.Type == JTokenType.String ? value.Value<string>()! : throw Error(file, value, "expected a string");

    private static bool Bool(string file, JToken value) =>
        value.Type == JTokenType.Boolean ? value.Value<bool>() : throw Error(file, value, "expected true or false");

    private static int PositiveInt(string file, JToken value) =>
        value.Type == JTokenType.Integer && value.Value<long>() is > 0 and <= int.MaxValue ? value.Value<int>() : throw Error(file, value, "expected a whole number greater than 0");

    private static int PositiveOrZero(string file, JToken value) =>
        value.Type == JTokenType.Integer && value.Value<long>() is >= 0 and <= int.MaxValue ? value.Value<int>() : throw Error(file, value, "expected a whole number, 0 or more");

    private static long PositiveLong(string file, JToken value) =>
        value.Type == JTokenType.Integer && value.Value<long>() > 0 ? value.Value<long>() : throw Error(file, value, "expected a whole number greater than 0");

    private static TimeSpan Duration(string file, JToken value)
    {
        if (value.Type is JTokenType.Integer or JTokenType.Float && value.Value<double>() is > 0 and < 31_536_000)
        {
            return TimeSpan.FromSeconds(value.Value<double>());
        }

        if (value.Type == JTokenType.String && TimeSpan.TryParse(value.Value<string>(), System.Globalization.CultureInfo.InvariantCulture, out var parsed) && parsed > TimeSpan.Zero)
        {
            return parsed;
        }

        throw Error(file, value, "expected a duration: seconds (e.g. 30) or \"hh:mm:ss\"");
    }

    private static T Enum<T>(string file, JToken value) where T : struct, System.Enum =>
        value.Type == JTokenType.String && System.Enum.TryParse<T>(value.Value<string>(), ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed)
            ? parsed
            : throw Error(file, value, $"expected one of {string.Join(", ", System.Enum.GetNames<T>())}");

    private static int Line(JToken token) => ((IJsonLineInfo)token).LineNumber;

    private static DepResolveException Error(string file, JToken token, string reason)
    {
        var info = (IJsonLineInfo)token;
        var where = info.HasLineInfo() ? $" (line {info.LineNumber}, position {info.LinePosition})" : "";
        return new DepResolveException(ErrorCode.InvalidInput, $"{file}{where}: '{token.Path}': {reason}.", file);
    }
}
