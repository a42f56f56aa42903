// A stand-in for pwsh, for tests on machines where PowerShell cannot exist (the build machines have only the
// .NET SDK). It accepts pwsh's command line as the runner uses it
//     -NoProfile -NonInteractive -File <bootstrap.ps1> <request.json>
// speaks the runner's child protocol (reads the request document, writes the one result document), and
// interprets a tiny subset of PowerShell — one statement per line — producing the error records real
// PowerShell 7.4 produces for the same situations (same FullyQualifiedErrorId, message text, TargetObject):
//
//   Verb-Noun ...            runs if a module on the module path exports it, else CommandNotFoundException;
//                            CouldNotAutoloadMatchingModule when the exporting module's .psm1 throws on import
//   Write-Output / Write-Host text (with $Parameter substitution)
//   Write-Error 'x'          a non-terminating ordinary error
//   Start-Sleep N            sleeps; with a trailing "# grandchild" comment it first starts a grandchild process
//                            (its id written to grandchild.pid next to the script) that sleeps as long
//   throw 'x'                an ordinary terminating error
//   exit N                   ends with exit code N
//   Import-Module X          Modules_ModuleNotFound (non-terminating) when X is not on the module path
//   [Some.Type]              TypeNotFound unless it is a .NET type
//   #Requires -Modules X     ScriptRequiresMissingModules before anything runs
//   using module X           ModuleNotFoundDuringParse before anything runs
//   function Name { ... }    defines Name (EntryPoint mode dot-sources the script, then calls Name)
//
// Pester mode returns canned counts from the test file's "# StandIn-Pester: Passed=N Failed=N Skipped=N" line and
// "# StandIn-FailedTest: <name> | <message>" lines. Modules are folders <root>/<Name>/<Version>/<Name>.psd1 whose
// FunctionsToExport lists the commands.
using System.Diagnostics;
using DepResolve.StandInPwsh;

if (args.Length == 2 && args[0] == "--grandchild-sleep")
{
    Thread.Sleep(TimeSpan.FromSeconds(double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture)));
    return 0;
}

var fileIndex = Array.IndexOf(args, "-File");
if (fileIndex < 0 || fileIndex + 2 >= args.Length || !args.Contains("-NoProfile") || !args.Contains("-NonInteractive"))
{
    Console.Error.WriteLine("usage: pwsh -NoProfile -NonInteractive -File <bootstrap.ps1> <request.json>");
    return 64;
}

var bootstrapPath = args[fileIndex + 1];
if (!File.Exists(bootstrapPath) || !File.ReadLines(bootstrapPath).First().StartsWith(ChildProtocol.Marker, StringComparison.Ordinal))
{
    Console.Error.WriteLine($"Not a DepResolve bootstrap: {bootstrapPath}");
    return 65;
}

var request = ProtocolDocuments.ReadRequest(args[fileIndex + 2]);

// The runner must hand the child the isolated module path in its environment as well as in the request.
if ((Environment.GetEnvironmentVariable("PSModulePath") ?? "") != request.ModulePath)
{
    Console.Error.WriteLine($"PSModulePath '{Environment.GetEnvironmentVariable("PSModulePath")}' differs from the request's '{request.ModulePath}'.");
    return 66;
}

var session = new Session(request, Environment.ProcessPath ?? throw new InvalidOperationException("No process path."));
var result = session.Run();
ProtocolDocuments.WriteResult(result, request.ResultPath);
Console.Out.Flush();
Debug.Assert(result.Completed);
return result.ExitCode;
