using DepResolve.Engine.Hosting;
using DepResolve.Engine.Model;
using DepResolve.QuickStart;

// A console host as thin as the cmdlets: it turns arguments into a session and prints what the engine returns.
//   pack <modules-folder> <feed-folder>
//   run --feed <folder> --module <Name>@<MinimumVersion> [--module ...] [--script <path>] [--cache <folder>] [--lock <file>]
// The lock file goes where --lock says, else into the cache folder: never next to the example script, so a
// quick start run leaves the repository unchanged.
if (args.Length == 3 && args[0] == "pack")
{
    foreach (var package in FeedPacker.Pack(args[1], args[2]))
    {
        Console.WriteLine($"packed {Path.GetFileName(package)}");
    }

    return 0;
}

if (args.Length == 0 || args[0] != "run")
{
    Console.Error.WriteLine("usage: QuickStart pack <modules> <feed> | run --feed <folder> --module <Name>@<Version> [--script <path>] [--cache <folder>] [--lock <file>]");
    return 2;
}

string? feed = null, script = null, cache = null, lockFile = null;
var modules = new List<(string Name, string Version)>();
for (var i = 1; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--feed": feed = args[i + 1]; break;
        case "--script": script = args[i + 1]; break;
        case "--cache": cache = args[i + 1]; break;
        case "--lock": lockFile = args[i + 1]; break;
        case "--module":
            var parts = args[i + 1].Split('@', 2);
            modules.Add((parts[0], parts.Length > 1 ? parts[1] : "0.0.0"));
            break;
    }
}

if (feed is null || modules.Count == 0)
{
    Console.Error.WriteLine("run needs --feed and at least one --module.");
    return 2;
}

var dependencies = modules.Select(m => new ScriptDependency
{
    Name = m.Name,
    Kind = DependencyKind.Module,
    VersionRange = $"[{m.Version}, )",
    Evidence = DependencyEvidence.Requires,
    Path = script,
    Line = 1,
}).ToList();

Console.WriteLine("Requirements:");
foreach (var dependency in dependencies)
{
    Console.WriteLine($"  {dependency}");
}

Console.WriteLine("Plan:");
var callbacks = new SessionCallbacks
{
    ApproveInstall = approval =>
    {
        Console.WriteLine($"  install {approval}");
        return true;
    },
    Warning = message => Console.WriteLine($"WARNING: {message}"),
};
using var session = new DepResolveSession(new SessionSettings { Repositories = [feed], CacheDirectory = cache }, callbacks);
try
{
    lockFile ??= Path.Combine(session.CacheRoot, "quickstart", "depresolve.lock.json");
    var result = await session.ResolveAsync(dependencies, new ResolveRequest { ScriptPath = script, LockFile = lockFile }, CancellationToken.None);
    if (!result.Success)
    {
        Console.WriteLine($"Resolution failed: {result.ErrorCode}: {result.ErrorDetails}");
        return 1;
    }

    Console.WriteLine($"Resolved ({result.Policy}, {result.ExecutionTime.TotalMilliseconds:0} ms):");
    foreach (var package in result.ResolvedPackages)
    {
        Console.WriteLine($"  {package.Id} {package.Version} from {package.Source} — {package.Reason}");
    }

    Console.WriteLine($"Lock file: {result.LockFilePath ?? "not written"}");
    Console.WriteLine($"Environment {result.EnvironmentId}{(result.CacheHit ? " (reused from the cache)" : "")}:");
    Console.WriteLine($"  folder:     {result.EnvironmentPath}");
    foreach (var entry in (result.ModulePath ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
    {
        Console.WriteLine($"  modulepath: {entry}");
    }

    return 0;
}
catch (DepResolveException ex)
{
    Console.WriteLine($"{ex.Code}: {ex.Message}");
    return 1;
}
