#!/usr/bin/env bash
# Runs one fuzz target for SECONDS (default 60) from a copy of its seed corpus (the repository
# is not changed), with its dictionary, under the sanitizers it was built with. Exits non-zero
# on any crash, leak, timeout or sanitizer report, printing the end of libFuzzer's log and
# keeping the input that failed in BUILD_DIR/fuzz-artifacts/NAME/; otherwise prints libFuzzer's
# final statistics (stat::number_of_executed_units is the number of inputs run).
# usage: tests/fuzz/run.sh BUILD_DIR NAME [SECONDS [more libFuzzer flags...]]
#   NAME: request, path, expression or workflow_loader (tests/fuzz/fuzz_NAME.cpp)
set -euo pipefail
build=$(cd "$1" && pwd)
name=$2
seconds=${3:-60}
shift $(( $# < 3 ? $# : 3 ))
here=$(cd "$(dirname "$0")" && pwd)
bin="$build/tests/fuzz/fuzz_$name"
[ -x "$bin" ] || { echo "fuzz $name: $bin is missing (build with -DATTACHE_FUZZ=ON)" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/attache-fuzz-$name.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp -r "$here/corpus/$name" "$work/corpus"
mkdir "$work/artifacts"
flags=(-max_total_time="$seconds" -print_final_stats=1 -timeout=20 -artifact_prefix="$work/artifacts/")
[ -f "$here/$name.dict" ] && flags+=(-dict="$here/$name.dict")
# The sanitizers stop at the first report; libFuzzer reports a leak as a failure too.
export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

started=$(date +%s)
if "$bin" "${flags[@]}" "$@" "$work/corpus" >"$work/log" 2>&1; then
  echo "fuzz $name: passed, $(( $(date +%s) - started )) s"
  grep '^stat::' "$work/log" | sed 's/^/  /'
  exit 0
fi
echo "fuzz $name: FAILED after $(( $(date +%s) - started )) s; the end of its log:"
tail -n 80 "$work/log"
if [ -n "$(ls -A "$work/artifacts")" ]; then
  mkdir -p "$build/fuzz-artifacts/$name"
  cp "$work/artifacts"/* "$build/fuzz-artifacts/$name/"
  echo "fuzz $name: the failing input is in $build/fuzz-artifacts/$name/; run it again with"
  echo "  $bin $build/fuzz-artifacts/$name/<file>"
fi
exit 1
