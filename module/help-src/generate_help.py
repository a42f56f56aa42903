#!/usr/bin/env python3
"""Writes module/en-US/DepResolve.Cmdlets.dll-Help.xml (MAML) from the cmdlet descriptions below.
Run it after changing a description: python3 module/help-src/generate_help.py"""
from xml.sax.saxutils import escape
import os
import re

# The docs pages Get-Help -Online opens, read from the one place they are written (HelpLinks.cs, the cmdlets' HelpUri).
_links_source = open(os.path.join(os.path.dirname(__file__), "..", "..", "src", "DepResolve.Cmdlets", "Infrastructure", "HelpLinks.cs"), encoding="utf-8").read()
_docs = re.search(r'Docs = "([^"]+)"', _links_source).group(1)
LINKS = {name: _docs + page for name, page in re.findall(r'(\w+) = Docs \+ "([^"]+)"', _links_source)}

COMMON_RESOLVE = [
    ("Repository", "String[]", False, "None", None, "Registered repository names, feed URLs (a v3 index.json or a v2 OData URL) or folders of .nupkg files. Tab completion offers the registered names. When omitted, the configured repositories are used (depresolve.json, PSResourceGet registrations, else the PowerShell Gallery), and the NuGet.Config sources of the script's folder supply .NET library packages (#r \"nuget: ...\", Add-Type). An id comes from the first feed by priority that has it, unless packageSourceMapping says otherwise; -Repository replaces all of them, NuGet.Config sources included."),
    ("Policy", "String", False, "None", None, "How versions are chosen: Highest (the newest that satisfies every constraint), Lowest (NuGet's lowest applicable), Minimal (Go's minimal version selection) or Locked (the same as -LockedMode). When omitted, the versions the script's lock file section pins are kept where they still fit and anything new is resolved with the policy the lock recorded (Highest without a lock). A policy given while a lock exists chooses every version itself; when that changes a pinned version, a warning names the lock file and the ids, and the lock file is left as it is."),
    ("LockedMode", "SwitchParameter", False, "None", None, "Fail (VersionConflict) unless the script's section of the lock file already holds exactly what it needs, and say what resolving would add, remove or change; the lock file is never written. Like npm ci or NuGet's locked mode, for CI. Also \"lockedMode\": true in depresolve.json; $env:CI does not turn it on."),
    ("Offline", "SwitchParameter", False, "None", None, "Use only what the cache already holds; no network request is made."),
    ("AllowPrerelease", "SwitchParameter", False, "None", None, "Allow prerelease versions everywhere in the graph."),
    ("FailOnUnresolved", "SwitchParameter", False, "None", None, "A command or type that maps to no package fails the resolution (PackageNotFound naming it) instead of being a warning. For CI runs that must know every dependency up front; also \"failOnUnresolved\": true in depresolve.json."),
    ("UseInstalledModules", "SwitchParameter", False, "None", None, "Let modules already on $env:PSModulePath satisfy module requirements whose version range they fit, instead of installing them from a feed (as ModuleFast does unless -Update). The result lists each requirement satisfied this way and the installed module's folder (InstalledModules), and -Verbose says so; the run's PSModulePath gets that module's PSModulePath entry. Off by default, so environments stay isolated; also \"useInstalledModules\": true in depresolve.json."),
    ("Verify", "SwitchParameter", False, "None", None, "Re-hash every installed file the environment uses (not only those whose size or modification time changed) and report files added to a package; a changed package is quarantined and installed again."),
    ("CacheDirectory", "String", False, "None", None, "The cache root. Default: $env:DEPRESOLVE_CACHE, else ~/.cache/DepResolve (%LOCALAPPDATA%\\DepResolve on Windows)."),
]

ENVIRONMENT = ("Environment", "ResolutionResult", False, "True (ByValue)", None, "The result of Resolve-ScriptDependency: the scripts run in its environment without being resolved again. Piped in alone, the scripts it was resolved for (its Scripts) run.")

CMDLETS = [
  dict(name="Get-ScriptDependency", verb="Get", noun="ScriptDependency",
    synopsis="Finds what scripts need: modules, .NET assemblies, NuGet packages and applications.",
    online=LINKS["Analysis"], inputs=["System.String (paths, by value or by the Path/PSPath property)"],
    description="Reads PowerShell scripts, modules and manifests with PowerShell's own parser (and C# files and Add-Type source with Roslyn) and writes one object per dependency, with the evidence, the file and line where it was seen, and the package it maps to. Built-in commands are left out unless -IncludeBuiltIn is given. Folders contribute their .ps1, .psm1, .psd1, .cs and .csx files. A PowerShell file with a syntax error is an AnalysisFailed error listing each error as file:line:column and the parser's message, and nothing is written for it.",
    output="DepResolve.Engine.Model.ScriptDependency",
    sets={
      "Path": [("Path", "String[]", True, "True (ByValue, ByPropertyName)", 0, "Scripts or folders. Wildcards are allowed.")],
      "LiteralPath": [("LiteralPath", "String[]", True, "True (ByPropertyName)", None, "Scripts or folders, used exactly as typed. Alias: PSPath, so Get-ChildItem output binds here.")],
      "ScriptDefinition": [("ScriptDefinition", "String", True, "True (ByValue)", 0, "PowerShell script text to analyse instead of a file.")],
    },
    aliases={"LiteralPath": "PSPath, LP"},
    common=[("Recurse", "SwitchParameter", False, "None", None, "Follow dot-sourced and called scripts, and subfolders."),
            ("IncludeBuiltIn", "SwitchParameter", False, "None", None, "Also list commands and modules that ship with PowerShell."),
            ("Repository", "String[]", False, "None", None, "Feeds to ask (PSCommand_ tags) for commands that the catalog and the cache's command index cannot map. Without it the mapping shown is offline only."),
            ("CacheDirectory", "String", False, "None", None, "The cache whose command index (the exports of every module installed there) maps commands. Default: $env:DEPRESOLVE_CACHE, else the platform cache folder.")],
    examples=[
      ("Get-ScriptDependency ./deploy.ps1", "Lists what deploy.ps1 needs, one row per dependency with Name, Kind, Version, Evidence, Package and Where (file:line)."),
      ("Get-ChildItem ./scripts -Filter *.ps1 | Get-ScriptDependency -Recurse", "Analyses every script of a folder, following dot-sourced files."),
      ("Get-ScriptDependency -ScriptDefinition 'Import-Module Pester -MinimumVersion 5.3; Invoke-Pester'", "Analyses script text instead of a file."),
    ]),
  dict(name="Resolve-ScriptDependency", verb="Resolve", noun="ScriptDependency",
    synopsis="Resolves dependencies into one consistent set of package versions and installs it into a cached environment.",
    online=LINKS["Resolution"], inputs=["DepResolve.Engine.Model.ScriptDependency (from Get-ScriptDependency)", "System.String (paths, by the Path/PSPath property)"],
    description="Dependencies piped in from Get-ScriptDependency are collected and resolved once, at the end; with -Path the scripts are analysed first. The resolver picks one version per package according to -Policy (and the lock file), the installer puts every package into the content-addressed store and creates an environment that points into it. -WhatIf prints the plan (package, version, source, size, target folder) and the lock file it would write, and writes nothing; -Confirm asks before each install, and a declined install is an ApprovalDeclined error naming the packages (the result keeps the plan, with Success false). A script with a syntax error is refused (AnalysisFailed, with file:line:column) before anything is resolved. The result carries the environment: its id, folder, PSModulePath and assemblies.",
    output="DepResolve.Engine.Model.ResolutionResult",
    sets={
      "InputObject": [("InputObject", "ScriptDependency[]", True, "True (ByValue)", None, "Dependencies written by Get-ScriptDependency.")],
      "Path": [("Path", "String[]", True, "True (ByPropertyName)", 0, "Scripts to analyse and resolve. Wildcards are allowed. Alias: PSPath, so Get-ChildItem output binds here."),
               ("Recurse", "SwitchParameter", False, "None", None, "Follow dot-sourced scripts.")],
    },
    aliases={"Path": "PSPath"},
    common=COMMON_RESOLVE + [
      ("LockFile", "String", False, "None", None, "The lock file. Default: depresolve.lock.json next to the script. It holds one section per script, keyed by the script's path relative to the lock file's folder; only this script's section is read and rewritten."),
      ("UpdateLock", "SwitchParameter", False, "None", None, "Resolve again, ignoring the versions the script's lock file section pins, and rewrite that section."),
      ("NoInstall", "SwitchParameter", False, "None", None, "Resolve only; download and install nothing."),
      ("WhatIf", "SwitchParameter", False, "None", None, "Print the install plan and write nothing."),
      ("Confirm", "SwitchParameter", False, "None", None, "Ask before each package is installed. Declining one is an ApprovalDeclined error naming it; nothing is written."),
    ],
    examples=[
      ("Get-ScriptDependency ./hello.ps1 | Resolve-ScriptDependency -Repository ./examples/feed", "Resolves and installs what hello.ps1 needs from a folder feed, and writes the result with its environment."),
      ("Resolve-ScriptDependency ./deploy.ps1 -WhatIf", "Shows what would be installed, from where, how big and into which folder, without writing anything."),
      ("Resolve-ScriptDependency ./deploy.ps1 -Policy Lowest -UpdateLock", "Resolves with NuGet's lowest-applicable policy and writes depresolve.lock.json next to the script."),
      ("Resolve-ScriptDependency ./deploy.ps1 -Offline", "Resolves from the cache only, for machines without network access."),
    ]),
  dict(name="Invoke-ScriptTest", verb="Invoke", noun="ScriptTest",
    synopsis="Runs scripts or their Pester tests in their resolved environment, retrying when the run reveals a missing dependency.",
    online=LINKS["Running"], inputs=["System.String (paths, by value or by the Path/PSPath property)", "DepResolve.Engine.Model.ResolutionResult (from Resolve-ScriptDependency: its scripts run in its environment)", "DepResolve.Engine.Model.ScriptDependency (from Get-ScriptDependency: each script once)"],
    description="Analyses, resolves and installs what each script needs, then runs it in a child process of the same pwsh ($PSHOME), with PSModulePath set to the environment only. A run that fails because a command, module or type is missing is classified, the missing dependency is resolved and installed, and the run is retried (-MaxRetry, default 1). A *.Tests.ps1 file runs as Pester 5 tests; so do the tests of -TestPath, or <name>.Tests.ps1 when it sits next to the script, and the result carries the counts and the failed tests' names and messages. Scripts from the pipeline run in parallel (-ThrottleLimit); results are written in the order the scripts came in, each as soon as it and the scripts before it have finished. A run that fails also writes a non-terminating error whose FullyQualifiedErrorId starts with the result's ErrorCode (ScriptFailed, TestFailed, Timeout, or the resolution's code such as PackageNotFound) and whose target is the script, so -ErrorAction Stop, $? and -ErrorVariable work as usual; -EnableExit also sets the process exit code for CI. Results of Resolve-ScriptDependency piped in run the scripts they were made for in their environment; dependencies piped in from Get-ScriptDependency run each script they came from once. -WhatIf resolves and says what it would install, which lock file it would write and what it would run, and writes and runs nothing; -Confirm asks before each of those steps, and a run declined there writes no result. A script with a syntax error is refused (AnalysisFailed, with file:line:column) before anything is resolved, installed, run or locked.",
    output="DepResolve.Engine.Model.ScriptTestResult",
    sets={
      "Path": [("Path", "String[]", True, "True (ByValue, ByPropertyName)", 0, "Scripts to run (.ps1, .cs, .csx; a *.Tests.ps1 file runs as Pester tests). Wildcards are allowed."), ENVIRONMENT],
      "LiteralPath": [("LiteralPath", "String[]", True, "True (ByPropertyName)", None, "Scripts to run, used exactly as typed. Alias: PSPath."), ENVIRONMENT],
      "Environment": [("Environment", "ResolutionResult", True, "True (ByValue)", None, ENVIRONMENT[5])],
      "Dependency": [("InputObject", "ScriptDependency[]", True, "True (ByValue)", None, "Dependencies from Get-ScriptDependency: each script they were found in (their Path) runs once, in the order the scripts first came.")],
    },
    aliases={"LiteralPath": "PSPath, LP"},
    common=[
      ("Parameters", "Hashtable", False, "None", None, "Parameters passed to the script (or to the entry point)."),
      ("EntryPoint", "String", False, "None", None, "Dot-source the script, then call this function with -Parameters; the result says whether it exists."),
      ("TestPath", "String", False, "None", None, "Pester tests to run. Default: the script's sibling <name>.Tests.ps1 when it exists."),
      ("OutputFormat", "String", False, "None", None, "NUnitXml or JUnitXml: the test report format, written to -OutputPath."),
      ("OutputPath", "String", False, "None", None, "The test report file."),
      ("MaxRetry", "Int32", False, "None", None, "How many times a run that revealed missing dependencies is retried. Default: 1."),
      ("TimeoutSec", "Int32", False, "None", None, "Seconds before the run's whole process tree is killed. Default: 300."),
      ("InheritModulePath", "SwitchParameter", False, "None", None, "Let the child also see the user's and machine's module folders."),
      ("ThrottleLimit", "Int32", False, "None", None, "Scripts run at the same time. Default: the processor count."),
      ("WhatIf", "SwitchParameter", False, "None", None, "Resolve and show what would be installed, written (the lock file) and run; install, write and run nothing, and write no result."),
      ("Confirm", "SwitchParameter", False, "None", None, "Ask before each package install, the environment, the lock file and the run."),
      ("LockFile", "String", False, "None", None, "The lock file. Default: depresolve.lock.json next to the script. The script's section is rewritten when its requirements changed or a retry revealed a module (unless -LockedMode); a lock file that cannot be written is a warning and the script still runs."),
      ("EnableExit", "SwitchParameter", False, "None", None, "For CI, like Invoke-Pester -CI: when any script fails or cannot run, PowerShell exits after this command with the number of such scripts (at most 255) as the process exit code; commands after it in the same pwsh -Command still run. In an interactive session that ends the session. Without it, a failed run as the last command of pwsh -Command still exits with 1, because $? is false."),
    ] + COMMON_RESOLVE,
    examples=[
      ("Invoke-ScriptTest ./examples/hello.ps1 -Repository ./examples/feed", "The quick start: analyses hello.ps1, resolves and installs Demo.Greeting and Demo.Text from the example feed, and runs the script in that environment."),
      ("Invoke-ScriptTest ./tools/report.ps1 -TestPath ./tests/report.Tests.ps1 -OutputFormat NUnitXml -OutputPath ./TestResults/report.xml", "Runs Pester tests in the script's environment and writes an NUnit report for CI."),
      ("Get-ChildItem ./scripts/*.ps1 | Invoke-ScriptTest -ThrottleLimit 4 -MaxRetry 2", "Runs every script of a folder, four at a time, retrying up to twice on missing dependencies."),
      ("Invoke-ScriptTest ./deploy.ps1 -LockFile ./.locks/Lowest.json -LockedMode", "Runs deploy.ps1 with exactly the versions its section of ./.locks/Lowest.json pins, failing with what would change if the lock no longer fits the script."),
      ("Invoke-ScriptTest ./build.ps1 -EntryPoint Invoke-Build -Parameters @{ Configuration = 'Release' }", "Dot-sources build.ps1 and calls its Invoke-Build function."),
      ("Invoke-ScriptTest ./deploy.ps1 -WhatIf", "Shows the packages that would be installed, the lock file that would be written and the script that would run, without writing or running anything."),
      ("Invoke-ScriptTest ./tests/report.Tests.ps1 -EnableExit", "Runs a Pester test file in the environment its tests (and the script they dot-source) need. In a CI step (pwsh -Command \"Invoke-ScriptTest ./tests/*.Tests.ps1 -EnableExit\") a failed test fails the step."),
      ("Resolve-ScriptDependency ./deploy.ps1 -Policy Lowest | Invoke-ScriptTest", "Resolves deploy.ps1 with the lowest versions that satisfy it and runs it in exactly that environment."),
      ("Get-ScriptDependency ./deploy.ps1 | Invoke-ScriptTest", "Runs deploy.ps1 once, however many dependencies Get-ScriptDependency found in it."),
    ]),
  dict(name="Get-DepResolveEnvironment", verb="Get", noun="DepResolveEnvironment",
    synopsis="Lists the cached environments.",
    online=LINKS["Cache"], inputs=["System.String (environment ids, by value or by the Id/EnvironmentId property)"],
    description="Writes one object per environment in the cache, most recently used first: its id, folder, packages and module path entries.",
    output="DepResolve.Engine.Model.EnvironmentInfo",
    sets={"__AllParameterSets": [("Id", "String[]", False, "True (ByValue, ByPropertyName)", 0, "Environment ids; wildcards are allowed. Default: all. Alias: EnvironmentId, so results of Resolve-ScriptDependency and Invoke-ScriptTest bind here.")]},
    aliases={"Id": "EnvironmentId"},
    common=[("CacheDirectory", "String", False, "None", None, "The cache root. Default: $env:DEPRESOLVE_CACHE, else the platform cache folder.")],
    examples=[
      ("Get-DepResolveEnvironment", "Lists every environment in the cache."),
      ("Get-DepResolveEnvironment | Select-Object -ExpandProperty Packages", "Shows the packages of each environment."),
    ]),
  dict(name="Remove-DepResolveEnvironment", verb="Remove", noun="DepResolveEnvironment",
    synopsis="Removes cached environments.",
    online=LINKS["Cache"], inputs=["System.String (environment ids, by value or by the Id/EnvironmentId property)"],
    description="Removes environments from the cache. The shared package store they point into stays (Clear-DepResolveCache removes it). An environment a running script uses is not removed.",
    output=None,
    sets={"__AllParameterSets": [("Id", "String[]", True, "True (ByValue, ByPropertyName)", 0, "Environment ids, e.g. piped from Get-DepResolveEnvironment, or results of Resolve-ScriptDependency (alias EnvironmentId).")]},
    aliases={"Id": "EnvironmentId"},
    common=[("CacheDirectory", "String", False, "None", None, "The cache root."),
            ("WhatIf", "SwitchParameter", False, "None", None, "Show what would be removed."),
            ("Confirm", "SwitchParameter", False, "None", None, "Ask before each removal.")],
    examples=[
      ("Get-DepResolveEnvironment | Select-Object -Skip 3 | Remove-DepResolveEnvironment", "Keeps the three most recently used environments and removes the rest."),
    ]),
  dict(name="Clear-DepResolveCache", verb="Clear", noun="DepResolveCache",
    synopsis="Removes every environment, cached package and cached feed answer.",
    online=LINKS["Cache"], inputs=[],
    description="Empties the cache: environments not in use, the package store entries no remaining environment needs, cached feed metadata and cached resolutions, quarantined store entries, and the lock and lease files of what is gone (never one a running process holds); an audit.log over its size cap is rotated. It asks for confirmation unless -Confirm:$false is given.",
    output="DepResolve.Engine.Hosting.CacheCleanupResult",
    sets={"__AllParameterSets": []},
    common=[("CacheDirectory", "String", False, "None", None, "The cache root."),
            ("WhatIf", "SwitchParameter", False, "None", None, "Show what would be removed."),
            ("Confirm", "SwitchParameter", False, "None", None, "Ask before clearing.")],
    examples=[
      ("Clear-DepResolveCache -Confirm:$false", "Empties the cache without asking."),
      ("Clear-DepResolveCache -CacheDirectory ./.depresolve -WhatIf", "Shows which cache would be cleared."),
    ]),
]

def para(text):
    return f"<maml:description><maml:para>{escape(text)}</maml:para></maml:description>"

def parameter(p, in_syntax, aliases):
    name, type_, required, pipeline, position, desc = p
    is_switch = type_ == "SwitchParameter"
    pos = "named" if position is None else str(position)
    value = "" if is_switch and in_syntax else f'<command:parameterValue required="{str(not is_switch).lower()}" variableLength="false">{escape(type_)}</command:parameterValue>'
    return (f'<command:parameter required="{str(required).lower()}" variableLength="true" globbing="{str(name == "Path").lower()}" pipelineInput="{pipeline}" position="{pos}" aliases="{escape(aliases.get(name, "none"))}">'
            f"<maml:name>{name}</maml:name>{para(desc)}{value}"
            f"<dev:type><maml:name>{escape(type_)}</maml:name></dev:type></command:parameter>")

out = ['<?xml version="1.0" encoding="utf-8"?>', '<helpItems schema="maml" xmlns="http://msh">']
for c in CMDLETS:
    out.append('<command:command xmlns:maml="http://schemas.microsoft.com/maml/2004/10" xmlns:command="http://schemas.microsoft.com/maml/dev/command/2004/10" xmlns:dev="http://schemas.microsoft.com/maml/dev/2004/10">')
    out.append(f"<command:details><command:name>{c['name']}</command:name><command:verb>{c['verb']}</command:verb><command:noun>{c['noun']}</command:noun>{para(c['synopsis'])}</command:details>")
    out.append(para(c["description"]))
    out.append("<command:syntax>")
    for params in c["sets"].values():
        out.append(f"<command:syntaxItem><maml:name>{c['name']}</maml:name>")
        out.extend(parameter(p, True, c.get("aliases", {})) for p in params + c["common"])
        out.append("</command:syntaxItem>")
    out.append("</command:syntax><command:parameters>")
    seen = set()
    for params in list(c["sets"].values()) + [c["common"]]:
        for p in params:
            if p[0] not in seen:
                seen.add(p[0])
                out.append(parameter(p, False, c.get("aliases", {})))
    out.append("</command:parameters>")
    # "None" rather than nothing: Get-Help then says the cmdlet takes nothing from the pipeline, or writes nothing.
    out.append("<command:inputTypes>" + "".join(f"<command:inputType><dev:type><maml:name>{escape(i)}</maml:name></dev:type></command:inputType>" for i in c["inputs"] or ["None"]) + "</command:inputTypes>")
    out.append(f"<command:returnValues><command:returnValue><dev:type><maml:name>{escape(c['output'] or 'None')}</maml:name></dev:type></command:returnValue></command:returnValues>")
    out.append("<command:examples>")
    for i, (code, remarks) in enumerate(c["examples"], 1):
        out.append(f"<command:example><maml:title>-------------------------- Example {i} --------------------------</maml:title>"
                   f"<dev:code>PS&gt; {escape(code)}</dev:code><dev:remarks><maml:para>{escape(remarks)}</maml:para></dev:remarks></command:example>")
    out.append("</command:examples>")
    out.append('<command:relatedLinks>'
               f'<maml:navigationLink><maml:linkText>Online Version:</maml:linkText><maml:uri>{escape(c["online"])}</maml:uri></maml:navigationLink>'
               '<maml:navigationLink><maml:linkText>about_DepResolve</maml:linkText><maml:uri></maml:uri></maml:navigationLink></command:relatedLinks>')
    out.append("</command:command>")
out.append("</helpItems>")
target = os.path.join(os.path.dirname(__file__), "..", "en-US", "DepResolve.Cmdlets.dll-Help.xml")
with open(target, "w", encoding="utf-8", newline="\n") as f:
    f.write("\n".join(out) + "\n")
