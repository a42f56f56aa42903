#!/usr/bin/env bash
# Builds the module folder with the .NET SDK alone. The quick start is wired in by the cmdlets work.
set -euo pipefail
cd "$(dirname "$0")"
dotnet publish src/DepResolve.Cmdlets -c Release -o out/DepResolve
