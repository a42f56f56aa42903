using System.Management.Automation;
using DepResolve.PowerShellReader;
using DepResolve.Engine.Hosting;
using DepResolve.Engine.Model;

namespace DepResolve.Cmdlets.Infrastructure;

/// <summary>Commands that read scripts: they hand the engine PowerShell's parser and the script paths.</summary>
public abstract class AnalyzingCmdlet : DepResolveCmdlet
{
    internal override SessionSettings CreateSettings() => base.CreateSettings() with
    {
        PowerShellParser = PowerShellScriptParser.Instance,
    };

    /// <summary>
    /// Expands -Path (wildcards) or -LiteralPath into existing file-system paths; folders become the scripts in
    /// them. A path that matches nothing is a non-terminating error naming it.
    /// </summary>
    protected IReadOnlyList<string> ResolveScriptPaths(IEnumerable<string> paths, bool literal, bool recurse)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            foreach (var resolved in ResolveOne(path, literal))
            {
                if (Directory.Exists(resolved))
                {
                    try
                    {
                        files.AddRange(ScriptFiles.ExpandFolder(resolved, recurse));
                    }
                    catch (DepResolveException ex)
                    {
                        WriteEngineError(ex, resolved);
                    }
                }
                else
                {
                    files.Add(resolved);
                }
            }
        }

        return files;
    }

    private IEnumerable<string> ResolveOne(string path, bool literal)
    {
        if (literal)
        {
            var providerPath = ToProviderPath(path);
            if (File.Exists(providerPath) || Directory.Exists(providerPath))
            {
                return new[] { providerPath };
            }

            WriteMissingPath(path);
            return [];
        }

        try
        {
            var resolved = SessionState.Path.GetResolvedProviderPathFromPSPath(path, out var provider);
            if (!string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase))
            {
                WriteError(ErrorRecords.InvalidInput($"'{path}' is not a file-system path.", path));
                return [];
            }

            if (resolved.Count == 0)
            {
                WriteMissingPath(path);
            }

            return resolved;
        }
        catch (ItemNotFoundException)
        {
            WriteMissingPath(path);
            return [];
        }
        catch (System.Management.Automation.DriveNotFoundException)
        {
            WriteMissingPath(path);
            return [];
        }
    }

    /// <summary>Relative folders become provider paths; names and URLs pass through unchanged.</summary>
    private protected string ToRepositoryArgument(string repository)
    {
        if (Uri.TryCreate(repository, UriKind.Absolute, out var uri) && !uri.IsFile)
        {
            return repository;
        }

        var looksLikePath = repository.StartsWith('.') || repository.Contains('/') || repository.Contains('\\') || Path.IsPathRooted(repository);
        return looksLikePath ? ToProviderPath(repository) : repository;
    }

    private void WriteMissingPath(string path) =>
        WriteError(ErrorRecords.From(new DepResolveException(ErrorCode.PathNotFound, $"Cannot find the script path '{path}': it does not exist.", path), path));
}
