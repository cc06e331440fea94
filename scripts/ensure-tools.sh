#!/usr/bin/env bash
# Installs what building (and, with --test, testing) AgencyDesk needs, but
# only what is missing or at the wrong version, so a warm machine costs seconds.
#   scripts/ensure-tools.sh          wasm target, rustfmt and clippy, trunk, wasm-bindgen-cli, npm tools (incl. pouchdb-server), python3
#   scripts/ensure-tools.sh --test   the same plus Chromium and chromedriver
#   scripts/ensure-tools.sh --size   only twiggy, for make size (wasm breakdown)
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
TWIGGY_VERSION=0.8.0
WASM_BINDGEN_VERSION=0.2.130
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '==> %s\n' "$*"; }

need_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "ensure-tools: '$*' needs root (or sudo) to install system packages" >&2; exit 1
  fi
}

apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then
    step "apt-get update"
    need_root apt-get update -qq
    apt_updated=1
  fi
  step "apt-get install $*"
  need_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

command -v cargo >/dev/null || { echo "ensure-tools: cargo not found; install Rust with rustup first" >&2; exit 1; }

if [ "${1:-}" = "--size" ]; then
  if ! twiggy --version 2>/dev/null | grep -qx "twiggy[-a-z]* $TWIGGY_VERSION"; then
    step "cargo install twiggy $TWIGGY_VERSION (takes a minute or two)"
    cargo install twiggy --version "$TWIGGY_VERSION" --locked --force
  fi
  exit 0
fi
command -v npm >/dev/null || { echo "ensure-tools: npm not found; install Node.js first" >&2; exit 1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# The lint gate (make lint): rustfmt and clippy.
for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    step "rustup component add $component"
    rustup component add "$component"
  fi
done

if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  step "cargo install trunk $TRUNK_VERSION (takes several minutes)"
  cargo install trunk --version "$TRUNK_VERSION" --locked --force
fi

if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  step "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (takes a couple of minutes)"
  # No --locked: the CLI's lock file names a release the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# npm tools (wasm-opt from binaryen, playwright-core, and pouchdb-server with
# jsondown as the CouchDB stand-in of the sync tests), exactly as locked.
# --omit=optional: pouchdb-server's native stores (leveldown, sqlite3) are
# optional and not used (tests run it in memory or on jsondown).
if ! node_modules/.bin/wasm-opt --version 2>/dev/null | grep -q 'version 132' \
   || [ ! -f node_modules/playwright-core/package.json ] \
   || [ ! -x node_modules/.bin/pouchdb-server ] \
   || [ ! -f node_modules/jsondown/package.json ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "npm ci --omit=optional"
  npm ci --omit=optional --no-audit --no-fund --loglevel=error
fi

# python3 serves dist/ as a plain static host (make serve, end-to-end tests).
missing=()
command -v python3 >/dev/null || missing+=(python3)
if [ "${1:-}" = "--test" ]; then
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
fi
if [ "${#missing[@]}" -gt 0 ]; then apt_install "${missing[@]}"; fi

step "tools ready: $(trunk --version), $(wasm-bindgen --version), $(node_modules/.bin/wasm-opt --version), pouchdb-server $(node -p 'require("./node_modules/pouchdb-server/package.json").version')"
