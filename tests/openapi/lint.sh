#!/bin/sh
# Lints schema/openapi.yaml with Redocly CLI and the recommended ruleset (redocly.yaml beside
# this file). Exit 77, which CTest reports as skipped, when Redocly is not installed here:
# scripts/test installs it with `npm ci` in this folder.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
redocly="$here/node_modules/.bin/redocly"
if [ ! -x "$redocly" ]; then
  echo "Redocly CLI is not installed: run 'npm ci' in $here (scripts/test does)"
  exit 77
fi
# Nothing leaves the machine: no usage report, no update check.
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_COLOR=1
"$redocly" --version
exec "$redocly" lint --config "$here/redocly.yaml" "$here/../../schema/openapi.yaml"
