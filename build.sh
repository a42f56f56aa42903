#!/usr/bin/env bash
# Builds the module with the .NET SDK alone, checks the module layout, and runs the offline quick start:
# the example feed is generated from examples/modules, and the example's requirements are resolved and
# installed from it into a temporary cache, then the real Invoke-ScriptTest runs the example in PowerShell 7.6.10
# (the local .NET tool that tools/restore-powershell.sh installs; `dotnet pwsh` starts it).
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

version=$(sed -n "s/^[[:space:]]*ModuleVersion[[:space:]]*=[[:space:]]*'\([0-9.]*\)'.*/\1/p" DepResolve.psd1 | head -n 1)
if [ -z "$version" ]; then
  echo "DepResolve.psd1 has no ModuleVersion line." >&2
  exit 1
fi
module="out/DepResolve/$version"

echo "== Publishing DepResolve $version to $module"
rm -rf "$module"
dotnet publish src/DepResolve.Cmdlets -c Release -o "$module"

echo "== Checking the module layout"
missing=0
for file in DepResolve.psd1 DepResolve.Cmdlets.dll DepResolve.format.ps1xml \
            en-US/DepResolve.Cmdlets.dll-Help.xml en-US/about_DepResolve.help.txt \
            Dependencies/DepResolve.Engine.dll Dependencies/DepResolve.PowerShellReader.dll Dependencies/Newtonsoft.Json.dll Dependencies/NuGet.Versioning.dll \
            Dependencies/Microsoft.CodeAnalysis.CSharp.dll; do
  if [ ! -f "$module/$file" ]; then echo "missing: $file"; missing=1; fi
done
if find "$module" -name 'System.Management.Automation.dll' | grep -q .; then echo "System.Management.Automation.dll must not ship"; missing=1; fi
stray=$(find "$module" -maxdepth 1 -name '*.dll' ! -name 'DepResolve.Cmdlets.dll')
if [ -n "$stray" ]; then echo "only DepResolve.Cmdlets.dll belongs at the root: $stray"; missing=1; fi
[ "$missing" -eq 0 ] || exit 1
echo "layout ok: $(find "$module" -type f | wc -l) files, $(find "$module/Dependencies" -name '*.dll' | wc -l) assemblies under Dependencies/"

echo "== Quick start: example feed"
dotnet build examples/QuickStart -c Release --nologo -v quiet
dotnet run --no-build -c Release --project examples/QuickStart -- pack examples/modules examples/feed

cache=$(mktemp -d "${TMPDIR:-/tmp}/depresolve-quickstart.XXXXXX")
work=$(mktemp -d "${TMPDIR:-/tmp}/depresolve-quickstart-script.XXXXXX")
trap 'rm -rf "$cache" "$work"' EXIT
echo "== Quick start: resolve and install examples/hello.ps1's requirements into $cache"
dotnet run --no-build -c Release --project examples/QuickStart -- \
  run --feed examples/feed --module Demo.Greeting@1.0.0 --script examples/hello.ps1 --cache "$cache" --lock "$work/quickstart.lock.json"

# The script runs from a temporary copy: the lock file written next to it stays out of the repository.
bash tools/restore-powershell.sh
cp examples/hello.ps1 "$work/hello.ps1"
echo "== Quick start in PowerShell: Invoke-ScriptTest ./examples/hello.ps1 -Repository ./examples/feed (a copy in $work)"
DEPRESOLVE_CACHE="$cache" dotnet pwsh -NoProfile -NonInteractive -Command "
  \$ErrorActionPreference = 'Stop'
  Import-Module ./$module/DepResolve.psd1
  Get-ScriptDependency '$work/hello.ps1' | Format-Table
  \$result = Invoke-ScriptTest '$work/hello.ps1' -Repository ./examples/feed -Verbose
  \$result | Format-List ScriptName, Success, Attempts, EnvironmentId, Output, ErrorMessage
  if (-not \$result.Success) { exit 1 }"
