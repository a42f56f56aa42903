using DepResolve.Engine.Feeds;
using DepResolve.Engine.Installation;
using DepResolve.Engine.Model;
using DepResolve.Engine.Resolution;
using DepResolve.Engine.Storage;
using Newtonsoft.Json;

// Installs a resolved set the way the pipeline does, in its own process:
//   DepResolve.InstallWorker <cache root> <feed folder> <packages.json> [feed name]
// DEPRESOLVE_WORKER_CRASH_AT=<checkpoint> kills the process at that install checkpoint (Environment.FailFast),
// as a power cut or kill -9 would. DEPRESOLVE_WORKER_PAUSE_AT=<checkpoint> prints "paused at <checkpoint>" there and
// waits, holding whatever locks the install holds, for the caller to kill it (SIGKILL) from outside. Prints "environment <id> downloaded <n>" and exits 0 on success;
// prints "<ErrorCode>: <message>" and exits 2 on a DepResolve error.
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: DepResolve.InstallWorker <cache root> <feed folder> <packages.json> [feed name]");
    return 64;
}

var crashAt = Environment.GetEnvironmentVariable("DEPRESOLVE_WORKER_CRASH_AT");
var pauseAt = Environment.GetEnvironmentVariable("DEPRESOLVE_WORKER_PAUSE_AT");
// The set arrives as the public, string-only shape: its versions are read back here, once.
var packages = (JsonConvert.DeserializeObject<List<ResolvedPackage>>(File.ReadAllText(args[2])) ?? []).Select(ResolvedNode.FromResolvedPackage).ToList();
var feed = new LocalFolderFeed(args[1], args.Length > 3 ? args[3] : "local");
var options = new PackageInstallerOptions
{
    Checkpoint = point =>
    {
        if (string.Equals(point, crashAt, StringComparison.Ordinal))
        {
            Environment.FailFast($"crash requested at {point}");
        }

        if (string.Equals(point, pauseAt, StringComparison.Ordinal))
        {
            Console.Out.WriteLine($"paused at {point}");
            Console.Out.Flush();
            Thread.Sleep(Timeout.Infinite);
        }
    },
};

try
{
    var installer = new PackageInstaller(new CacheLayout(args[0]), [feed], options);
    using var outcome = await installer.InstallAsync(packages, null, CancellationToken.None);
    Console.WriteLine($"environment {outcome.Environment!.Id} downloaded {outcome.Downloaded.Count}");
    return 0;
}
catch (DepResolveException e)
{
    Console.WriteLine($"{e.Code}: {e.Message}");
    return 2;
}
