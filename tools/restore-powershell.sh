#!/usr/bin/env bash
# Installs what the PowerShell side needs on a machine that has only the .NET SDK:
#   - PowerShell 7.6.10, the local .NET tool pinned in .config/dotnet-tools.json (run it as `dotnet pwsh`);
#   - Pester 5.9.1 from the NuGet package, copied into .tools/Modules/Pester/5.9.1/.
# Prints nothing on success but the two paths; source-free: callers put .tools/Modules on PSModulePath.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

dotnet tool restore >/dev/null

pester_version=$(sed -n 's:.*<PesterVersion>\(.*\)</PesterVersion>.*:\1:p' tools/PesterPackage.csproj)
target=".tools/Modules/Pester/$pester_version"
if [ ! -f "$target/Pester.psd1" ]; then
  packages=".tools/packages"
  dotnet restore tools/PesterPackage.csproj --packages "$packages" >/dev/null
  staging="$target.partial"
  rm -rf "$staging"
  mkdir -p "$(dirname "$target")"
  cp -r "$packages/pester/$pester_version/tools" "$staging"
  mv "$staging" "$target"
fi
echo "pwsh: $(dotnet pwsh -NoProfile -NonInteractive -Command '$PSVersionTable.PSVersion.ToString()')"
echo "Pester: $PWD/$target"
