# Shared by scripts/run, scripts/test and scripts/bench: install what is missing, then build.
# Everything comes from Debian 12's packages (and npm, for the web UI's tests and the OpenAPI
# linter).

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Debian packages the build and the tests need: python3-yaml and python3-jsonschema because the
# OpenAPI test reads schema/openapi.yaml and checks real answers against its schemas; prometheus
# only for its promtool, which lints the /metrics text (its service is not started); zlib1g-dev
# for the gzip variants of the static files; libssl-dev for STARTTLS in e-mail; python3-aiosmtpd
# and openssl for test_mail.py's SMTP server on loopback and its self-signed certificate;
# libcrack2-dev and cracklib-runtime (its dictionary, built at install) for the password policy,
# beside john-data's list of common passwords.
PACKAGES=(g++ cmake ninja-build ccache pkg-config python3 python3-yaml python3-jsonschema
          libboost1.81-dev libsqlite3-dev nlohmann-json3-dev catch2 libsodium-dev zlib1g-dev
          john-data libcrack2-dev cracklib-runtime prometheus libssl-dev openssl python3-aiosmtpd)

# The sanitizer and fuzzing part of scripts/test only: clang, and its runtime libraries
# (AddressSanitizer, UndefinedBehaviorSanitizer, libFuzzer).
SANITIZER_PACKAGES=(clang libclang-rt-14-dev)

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

# Installs the OpenAPI linter (Redocly CLI, from npm, at the versions of
# tests/openapi/package-lock.json) when it is missing. It needs Node.js 20.19 or later with
# npm; without them it says so and the lint test is skipped (CTest reports it).
ensure_openapi_linter() {
  local dir="$ROOT/tests/openapi"
  [ -x "$dir/node_modules/.bin/redocly" ] && return 0
  local recent='const [a, b] = process.versions.node.split(".").map(Number);
                process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'
  if ! command -v npm >/dev/null || ! node -e "$recent" 2>/dev/null; then
    echo "==> not installing the OpenAPI linter: it needs Node.js 20.19 or later and npm" \
         "(found: $(node --version 2>/dev/null || echo 'no node')); openapi.lint will be skipped"
    return 0
  fi
  echo "==> installing the OpenAPI linter (npm ci in tests/openapi)"
  (cd "$dir" && npm ci --no-audit --no-fund)
}

# npm_install DIR: `npm ci` in DIR when its node_modules is missing or older than its lock file.
npm_install() {
  local dir=$1
  if [ -f "$dir/node_modules/.package-lock.json" ] &&
     [ ! "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    return 0
  fi
  command -v npm >/dev/null || ensure_packages nodejs npm
  echo "==> installing $(basename "$dir")'s npm packages (npm ci in $dir)"
  (cd "$dir" && npm ci --no-audit --no-fund)
}

# The libraries the web UI loads (lit-html, Chart.js), pinned in web/package-lock.json.
ensure_web_packages() {
  npm_install "$ROOT/web"
}

# The browser tests: Debian's Chromium (and Noto fonts, for Vietnamese in the screenshots),
# playwright-core and axe-core from tests/e2e/package-lock.json. No browser is downloaded.
ensure_browser_tests() {
  ensure_packages chromium fonts-noto-core
  npm_install "$ROOT/tests/e2e"
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

# scripts/bench's tools: wrk (it runs the Lua scripts of bench/wrk/ in its own LuaJIT; luajit
# only checks their syntax in CTest) and nginx, the reference for static files. Installing nginx
# may start Debian's nginx service where nothing forbids it; the bench starts nginx itself, so
# a service that this installation started is stopped again.
ensure_bench_tools() {
  local had_nginx=1
  dpkg-query -W -f='${Status}' nginx 2>/dev/null | grep -q "install ok installed" || had_nginx=0
  ensure_packages wrk nginx luajit
  if [ "$had_nginx" = 0 ] && [ -s /run/nginx.pid ] && kill -0 "$(cat /run/nginx.pid)" 2>/dev/null; then
    echo "==> stopping the nginx service that its installation started (the bench runs its own)"
    as_root nginx -s quit || true
  fi
}
