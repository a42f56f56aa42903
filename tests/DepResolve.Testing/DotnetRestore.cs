using System.Diagnostics;
using System.Security;
using System.Text;

namespace DepResolve.Testing;

/// <param name="Output">Standard output, then standard error.</param>
internal sealed record DotnetRestoreOutput(int ExitCode, string Output);

/// <summary>
/// A real `dotnet restore` of a throwaway net10.0 project against one feed: a NuGet.Config that clears every source and
/// adds only that feed, and global-packages and HTTP cache folders of the caller's, so nothing the machine has cached
/// counts. The tests check that NuGet accepts the fixture feed; the bench times the restore.
/// </summary>
internal static class DotnetRestore
{
    /// <summary>Writes <c>NuGet.Config</c> into <paramref name="folder"/>; returns its path.</summary>
    public static string WriteNuGetConfig(string folder, string feedUrl)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "NuGet.Config");
        File.WriteAllText(path, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="loopback" value="{SecurityElement.Escape(feedUrl)}" protocolVersion="3" allowInsecureConnections="true" />
              </packageSources>
            </configuration>
            """);
        return path;
    }

    /// <summary>Writes <c>Restore.csproj</c> into <paramref name="folder"/> with one PackageReference per (id, version); returns its path.</summary>
    public static string WriteProject(string folder, IEnumerable<(string Id, string Version)> packageReferences)
    {
        Directory.CreateDirectory(folder);
        var references = new StringBuilder();
        foreach (var (id, version) in packageReferences)
        {
            references.Append($"    <PackageReference Include=\"{SecurityElement.Escape(id)}\" Version=\"{SecurityElement.Escape(version)}\" />\n");
        }

        var path = Path.Combine(folder, "Restore.csproj");
        File.WriteAllText(path, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <NuGetAudit>false</NuGetAudit>
              </PropertyGroup>
              <ItemGroup>
            {references}  </ItemGroup>
            </Project>
            """);
        return path;
    }

    /// <summary>
    /// Runs the restore without build servers and without the MSBuild settings of the process that starts it (a test
    /// host or `dotnet run` passes its own); cancelling kills the whole process tree.
    /// </summary>
    public static async Task<DotnetRestoreOutput> RunAsync(string csproj, string nuGetConfig, string globalPackages, string httpCache, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(csproj)!,
        };
        foreach (var argument in new[] { "restore", csproj, "--configfile", nuGetConfig, "--disable-build-servers", "-nologo" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(inherited);
        }

        start.Environment["NUGET_PACKAGES"] = globalPackages;
        start.Environment["NUGET_HTTP_CACHE_PATH"] = httpCache;
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"dotnet restore of {csproj} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new DotnetRestoreOutput(process.ExitCode, await stdout + await stderr);
    }
}
