# Shared by scripts/run, scripts/test and scripts/bench: install what is missing, then build.
# Everything comes from Debian 12's packages (and npm, for the web UI's tests).

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Debian packages the build and the tests need (prometheus only for its promtool, which lints
# the /metrics text in tests/integration/test_metrics.py; its service is not started).
PACKAGES=(g++ cmake ninja-build ccache pkg-config python3
          libboost1.81-dev libsqlite3-dev nlohmann-json3-dev catch2 libsodium-dev john-data
          prometheus)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs the Debian packages given (default: PACKAGES) that are not installed yet.
ensure_packages() {
  local wanted=("$@")
  [ ${#wanted[@]} -gt 0 ] || wanted=("${PACKAGES[@]}")
  local missing=()
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "==> installing: ${missing[*]}"
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
}

# build DIR TYPE [cmake args...]: configures (once) and builds into DIR.
build() {
  local dir=$1 type=$2
  shift 2
  if [ ! -f "$dir/build.ninja" ]; then
    cmake -S "$ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="$type" "$@" >/dev/null
  fi
  cmake --build "$dir" -j "$(nproc)"
}
