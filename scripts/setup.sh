# Sourced by serve.sh and test.sh: installs what is missing, at the pinned versions, and sets the
# environment. Every step is skipped when its tool is already there at the right version.
# shellcheck shell=bash

OMS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OMS_TRUNK_VERSION=0.21.14
# Formats and checks the view! macros, which rustfmt leaves alone.
OMS_LEPTOSFMT_VERSION=0.1.33
# wasm-bindgen-cli must be exactly the wasm-bindgen of Cargo.lock.
OMS_WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$OMS_ROOT/Cargo.lock")

oms_log() { printf '\n==> %s\n' "$*"; }

oms_sudo() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# The build cache lives outside the clone, so fresh clones (CI) reuse earlier builds.
if [ -z "${CARGO_TARGET_DIR:-}" ]; then
  if [ -w /var/cache ] || { [ -d /var/cache/open-model-share ] && [ -w /var/cache/open-model-share ]; }; then
    export CARGO_TARGET_DIR=/var/cache/open-model-share/target
  else
    export CARGO_TARGET_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/open-model-share/target"
  fi
fi
mkdir -p "$CARGO_TARGET_DIR"
export TRUNK_SKIP_VERSION_CHECK=true
export PATH="$OMS_ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

oms_setup_build() {
  command -v cargo >/dev/null || { echo "rustup (cargo, rustc) is required: https://rustup.rs" >&2; return 1; }
  command -v npm >/dev/null || { echo "node and npm are required" >&2; return 1; }

  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    oms_log "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
  if ! cargo fmt --version >/dev/null 2>&1 || ! cargo clippy --version >/dev/null 2>&1; then
    oms_log "rustup component add rustfmt clippy"
    rustup component add rustfmt clippy
  fi
  if [ "$(trunk --version 2>/dev/null)" != "trunk $OMS_TRUNK_VERSION" ]; then
    oms_log "cargo install trunk $OMS_TRUNK_VERSION (several minutes, once)"
    cargo install --locked --force trunk --version "$OMS_TRUNK_VERSION"
  fi
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $OMS_WASM_BINDGEN_VERSION" ]; then
    oms_log "cargo install wasm-bindgen-cli $OMS_WASM_BINDGEN_VERSION (a few minutes, once)"
    # Not --locked: one of its locked dependency versions is not served here.
    cargo install --force wasm-bindgen-cli --version "$OMS_WASM_BINDGEN_VERSION"
  fi
  local stamp="$OMS_ROOT/node_modules/.oms-lock-sha256"
  local want
  want=$(sha256sum "$OMS_ROOT/package-lock.json" | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    oms_log "npm ci (wasm-opt from binaryen, Playwright, axe-core)"
    (cd "$OMS_ROOT" && npm ci --no-audit --no-fund)
    echo "$want" >"$stamp"
  fi
  case "$(wasm-opt --version 2>/dev/null)" in
    *"version 132"*) ;;
    *) echo "wasm-opt 132 from node_modules is not first on PATH" >&2; return 1 ;;
  esac
  # The share cards' fonts (the build rasterizes them): DejaVu Sans for Latin text, WenQuanYi Zen
  # Hei for Chinese; the tests' screenshots and text measurements use the same.
  local fonts=()
  [ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || fonts+=(fonts-dejavu-core)
  [ -e /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || fonts+=(fonts-wqy-zenhei)
  oms_apt_install "${fonts[@]}"
  oms_log "cargo fetch --locked"
  (cd "$OMS_ROOT" && cargo fetch --locked --quiet)
}

oms_setup_test() {
  if [ "$(leptosfmt --version 2>/dev/null)" != "leptosfmt $OMS_LEPTOSFMT_VERSION" ]; then
    oms_log "cargo install leptosfmt $OMS_LEPTOSFMT_VERSION (a few minutes, once)"
    cargo install --locked --force leptosfmt --version "$OMS_LEPTOSFMT_VERSION"
  fi
  local missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  command -v brotli >/dev/null || missing+=(brotli)
  oms_apt_install "${missing[@]}"
}

# Installs the Debian packages named, if any.
oms_apt_install() {
  if [ $# -gt 0 ]; then
    oms_log "apt-get install $*"
    oms_sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive oms_sudo apt-get install -y -qq "$@"
  fi
}

oms_build_release() {
  # OMS_DATA_ORIGINS: extra origins the `data` parameter may load from (comma-separated), fixed
  # at build time; empty means the widget's own origin only.
  oms_log "trunk build --release${OMS_DATA_ORIGINS:+ (data origins: $OMS_DATA_ORIGINS)}"
  (cd "$OMS_ROOT" && trunk build --release)
}
