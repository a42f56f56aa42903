using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace DepResolve.StandInPwsh;

/// <summary>Interprets the request's script, one statement per line, the way the bootstrap would run it.</summary>
internal sealed class Session
{
    private static readonly Regex CommandName = new(@"^(?<name>[A-Za-z]+-[A-Za-z0-9.]+)(?:\s+(?<rest>.*))?$");
    private static readonly Regex Function = new(@"^function\s+(?<name>[\w-]+)\s*\{\s*$", RegexOptions.IgnoreCase);
    private static readonly Regex TypeLiteral = new(@"^\[(?<name>[^\]]+)\]");
    private static readonly Regex RequiresModules = new(@"^#Requires\s+-Modules?\s+(?<list>.+)$", RegexOptions.IgnoreCase);
    private static readonly Regex RequiresHashtable = new(@"@\{\s*ModuleName\s*=\s*'(?<name>[^']+)'\s*;\s*(?<kind>ModuleVersion|RequiredVersion|MaximumVersion)\s*=\s*'(?<version>[^']+)'\s*\}", RegexOptions.IgnoreCase);
    private static readonly Regex UsingModule = new(@"^using\s+module\s+(?<name>\S+)\s*$", RegexOptions.IgnoreCase);
    private static readonly Regex Variable = new(@"\$(?<name>\w+)");
    private static readonly HashSet<string> BuiltIns = new(StringComparer.OrdinalIgnoreCase)
    {
        "Write-Output", "Write-Host", "Write-Error", "Start-Sleep", "Import-Module", "Get-Date", "Write-Verbose",
    };

    private readonly ChildRunRequest _request;
    private readonly Dictionary<string, string> _parameters;
    private readonly string _standInPath;
    private readonly ModuleCatalog _modules;
    private readonly string[] _lines;
    private readonly ChildRunResult _result = new() { ProtocolVersion = ChildProtocol.Version, Completed = true };

    /// <summary>The script ran 'exit N': the run ends with N, not as a failure.</summary>
    private bool _exited;

    public Session(ChildRunRequest request, string standInPath)
    {
        _request = request;
        _parameters = ProtocolDocuments.ParameterTexts(request);
        _standInPath = standInPath;
        _modules = new ModuleCatalog(request.ModulePath);
        _lines = File.Exists(request.ScriptPath) ? File.ReadAllLines(request.ScriptPath) : Array.Empty<string>();
    }

    public ChildRunResult Run()
    {
        if (_request.Mode == nameof(ScriptRunMode.Pester))
        {
            RunPester();
            return _result;
        }

        if (!CheckParseAndRequires())
        {
            return Terminated();
        }

        var functions = FindFunctions();
        var topLevel = Enumerable.Range(0, _lines.Length).Where(i => !functions.Values.Any(f => i >= f.Start && i <= f.End));
        var completed = Execute(topLevel);
        if (completed && _request.Mode == nameof(ScriptRunMode.EntryPoint))
        {
            _result.HasEntryPoint = functions.ContainsKey(_request.EntryPoint ?? "");
            if (_result.HasEntryPoint == true)
            {
                var body = functions[_request.EntryPoint!];
                completed = Execute(Enumerable.Range(body.Start + 1, body.End - body.Start - 1));
            }
            else
            {
                _result.ExitCode = 1;
            }
        }

        return completed || _exited ? _result : Terminated();
    }

    private ChildRunResult Terminated()
    {
        if (_result.ExitCode == 0)
        {
            _result.ExitCode = 1;
        }

        return _result;
    }

    /// <summary>What PowerShell checks before running a line: 'using module' at parse time, then #Requires.</summary>
    private bool CheckParseAndRequires()
    {
        for (var i = 0; i < _lines.Length; i++)
        {
            var match = UsingModule.Match(_lines[i].Trim());
            if (match.Success && _modules.Find(match.Groups["name"].Value) is null)
            {
                _result.Errors.Add(PowerShellErrors.ModuleNotFoundDuringParse(match.Groups["name"].Value, At(i)));
                return false;
            }
        }

        var missing = new List<string>();
        foreach (var line in _lines)
        {
            var match = RequiresModules.Match(line.Trim());
            if (!match.Success)
            {
                continue;
            }

            var list = match.Groups["list"].Value;
            var versioned = RequiresHashtable.Match(list);
            if (versioned.Success)
            {
                if (_modules.Find(versioned.Groups["name"].Value) is null)
                {
                    missing.Add($"The module '{versioned.Groups["name"].Value}' cannot be found with {versioned.Groups["kind"].Value} '{versioned.Groups["version"].Value}'.");
                }

                continue;
            }

            missing.AddRange(list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Where(name => _modules.Find(name) is null));
        }

        if (missing.Count > 0)
        {
            // PowerShell checks #Requires modules one by one and throws at the first that is missing, so one
            // ScriptRequiresException names one module (CommandDiscovery.VerifyRequiredModules).
            _result.Errors.Add(PowerShellErrors.RequiresMissingModules(Path.GetFileName(_request.ScriptPath), missing.Take(1).ToList()));
            return false;
        }

        return true;
    }

    private Dictionary<string, (int Start, int End)> FindFunctions()
    {
        var functions = new Dictionary<string, (int Start, int End)>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < _lines.Length; i++)
        {
            var match = Function.Match(_lines[i].Trim());
            if (!match.Success)
            {
                continue;
            }

            var end = Array.FindIndex(_lines, i + 1, l => l.Trim() == "}");
            functions[match.Groups["name"].Value] = (i, end < 0 ? _lines.Length - 1 : end);
            i = end < 0 ? _lines.Length : end;
        }

        return functions;
    }

    /// <summary>Runs the lines; false when a terminating error or 'exit' ended the run.</summary>
    private bool Execute(IEnumerable<int> lineIndexes)
    {
        foreach (var i in lineIndexes)
        {
            var statement = _lines[i].Trim();
            if (statement.Length == 0 || statement.StartsWith('#') || statement.StartsWith("param", StringComparison.OrdinalIgnoreCase)
                || statement.StartsWith("using ", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (statement.StartsWith("exit", StringComparison.OrdinalIgnoreCase))
            {
                _result.ExitCode = statement.Length > 4 ? int.Parse(statement[4..].Trim(), CultureInfo.InvariantCulture) : 0;
                _exited = true;
                return false;
            }

            if (statement.StartsWith("throw", StringComparison.OrdinalIgnoreCase))
            {
                _result.Errors.Add(PowerShellErrors.Thrown(Unquote(statement[5..].Trim()), At(i)));
                return false;
            }

            var type = TypeLiteral.Match(statement);
            if (type.Success)
            {
                if (Type.GetType(type.Groups["name"].Value) is null)
                {
                    _result.Errors.Add(PowerShellErrors.TypeNotFound(type.Groups["name"].Value, At(i)));
                    return false;
                }

                continue;
            }

            var command = CommandName.Match(statement);
            if (!command.Success)
            {
                continue;
            }

            if (!RunCommand(command.Groups["name"].Value, command.Groups["rest"].Value, statement, i))
            {
                return false;
            }
        }

        return true;
    }

    private bool RunCommand(string name, string rest, string statement, int line)
    {
        switch (name.ToLowerInvariant())
        {
            case "write-output":
            case "write-host":
                Console.WriteLine(Substitute(Unquote(rest)));
                return true;
            case "write-error":
                _result.Errors.Add(PowerShellErrors.WriteError(Unquote(rest), At(line)));
                Console.Error.WriteLine(Unquote(rest));
                return true;
            case "import-module":
                var module = Unquote(rest.Split(' ', 2)[0]);
                if (_modules.Find(module) is null)
                {
                    _result.Errors.Add(PowerShellErrors.ModuleNotFound(module, At(line)));
                }

                return true;
            case "start-sleep":
                Sleep(rest, statement);
                return true;
        }

        if (BuiltIns.Contains(name))
        {
            return true;
        }

        var exporter = _modules.Exporting(name);
        if (exporter is null)
        {
            _result.Errors.Add(PowerShellErrors.CommandNotFound(name, At(line)));
            return false;
        }

        if (exporter.IsBroken)
        {
            _result.Errors.Add(PowerShellErrors.CouldNotAutoload(name, exporter.Name, At(line)));
            return false;
        }

        if (exporter.Output(name) is { } text)
        {
            Console.WriteLine(text);
        }

        return true;
    }

    private void Sleep(string arguments, string statement)
    {
        var seconds = double.Parse(arguments.Replace("-Seconds", "", StringComparison.OrdinalIgnoreCase).Split('#')[0].Trim(), CultureInfo.InvariantCulture);
        if (statement.EndsWith("# grandchild", StringComparison.OrdinalIgnoreCase))
        {
            var grandchild = Process.Start(new ProcessStartInfo(_standInPath)
            {
                ArgumentList = { "--grandchild-sleep", seconds.ToString(CultureInfo.InvariantCulture) },
                UseShellExecute = false,
            })!;
            File.WriteAllText(Path.Combine(Path.GetDirectoryName(_request.ScriptPath)!, "grandchild.pid"), grandchild.Id.ToString(CultureInfo.InvariantCulture));
        }

        Thread.Sleep(TimeSpan.FromSeconds(seconds));
    }

    private void RunPester()
    {
        var files = Directory.Exists(_request.TestPath)
            ? Directory.EnumerateFiles(_request.TestPath!, "*.Tests.ps1", SearchOption.AllDirectories).ToList()
            : new List<string> { _request.TestPath! };
        int passed = 0, failed = 0, skipped = 0;
        var failedTests = new List<ChildFailedTest>();
        foreach (var line in files.SelectMany(File.ReadLines).Select(l => l.Trim()))
        {
            var counts = Regex.Match(line, @"^# StandIn-Pester: Passed=(?<p>\d+) Failed=(?<f>\d+) Skipped=(?<s>\d+)");
            if (counts.Success)
            {
                passed += int.Parse(counts.Groups["p"].Value, CultureInfo.InvariantCulture);
                failed += int.Parse(counts.Groups["f"].Value, CultureInfo.InvariantCulture);
                skipped += int.Parse(counts.Groups["s"].Value, CultureInfo.InvariantCulture);
            }

            var failure = Regex.Match(line, @"^# StandIn-FailedTest: (?<name>[^|]+)\|(?<message>.*)$");
            if (failure.Success)
            {
                failedTests.Add(new ChildFailedTest { Name = failure.Groups["name"].Value.Trim(), Message = failure.Groups["message"].Value.Trim() });
            }
        }

        Console.WriteLine($"Tests Passed: {passed}, Failed: {failed}, Skipped: {skipped}");
        _result.Pester = new ChildPesterResult
        {
            Passed = passed,
            Failed = failed,
            Skipped = skipped,
            FailedTests = failedTests,
        };
        _result.ExitCode = failed > 0 ? 1 : 0;
        if (!string.IsNullOrEmpty(_request.OutputFormat) && !string.IsNullOrEmpty(_request.OutputPath))
        {
            var root = _request.OutputFormat == "JUnitXml" ? "testsuites" : "test-results";
            File.WriteAllText(_request.OutputPath!, $"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<{root} total=\"{passed + failed + skipped}\" failures=\"{failed}\" />\n");
        }
    }

    private Position At(int index)
    {
        var text = _lines[index];
        var column = text.Length - text.TrimStart().Length + 1;
        return new Position(_request.ScriptPath, index + 1, column, text.TrimEnd());
    }

    private string Substitute(string text) =>
        Variable.Replace(text, m => _parameters.TryGetValue(m.Groups["name"].Value, out var value) ? value : "");

    private static string Unquote(string text)
    {
        text = text.Trim();
        return text.Length >= 2 && (text[0] == '\'' || text[0] == '"') && text[^1] == text[0] ? text[1..^1] : text;
    }
}
