#!/usr/bin/env bash
# Installs what building, serving and testing the tracker needs, and only what is missing.
# Sourced by .ci/serve, .ci/test, .ci/release and .ci/bench; safe to run again.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
TRUNK_VERSION='^0.21'
BINARYEN_VERSION='132'
export PATH="$TOOLS/node_modules/.bin:$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
is_root_on_debian() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }
APT_UPDATED=
apt_install() {
  is_root_on_debian || return 1
  if [ -z "$APT_UPDATED" ]; then apt-get update -qq; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_rust() {
  command -v cargo >/dev/null && command -v rustup >/dev/null ||
    die "Rust is missing: install rustup (https://rustup.rs), then run this again."
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "Adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt
}

ensure_trunk() {
  if ! trunk --version 2>/dev/null | grep -q '^trunk 0\.21\.'; then
    say "Installing trunk $TRUNK_VERSION (about 12 minutes on 2 cores)"
    cargo install trunk --version "$TRUNK_VERSION" --locked
  fi
}

# trunk runs the wasm-bindgen on PATH only when its version equals the one in Cargo.lock.
ensure_wasm_bindgen() {
  local want
  want="$(grep -A1 '^name = "wasm-bindgen"$' "$ROOT/Cargo.lock" | sed -n 's/^version = "\(.*\)"/\1/p')"
  [ -n "$want" ] || die "no wasm-bindgen in Cargo.lock"
  if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $want"; then
    say "Installing wasm-bindgen-cli $want (a few minutes)"
    # --locked first; the registry mirror may lack a pinned transitive version, then resolve anew.
    cargo install wasm-bindgen-cli --version "$want" --locked ||
      cargo install wasm-bindgen-cli --version "$want" --force
  fi
}

# Installs an npm package into .tools/ unless its program there already reports the wanted version:
# program, package, version, and what `program --version` prints for it (a grep pattern).
ensure_npm_tool() {
  if ! "$TOOLS/node_modules/.bin/$1" --version 2>/dev/null | grep -q "$4"; then
    if ! command -v npm >/dev/null; then
      apt_install npm || die "npm is missing: install Node.js and npm, then run this again."
    fi
    say "Installing $2 $3 (npm, into .tools/)"
    mkdir -p "$TOOLS"
    npm install --prefix "$TOOLS" --no-audit --no-fund --silent "$2@$3"
  fi
}

# Debian's binaryen (108) produces a module that crashes in the browser; npm's 132 works.
ensure_wasm_opt() { ensure_npm_tool wasm-opt binaryen "$BINARYEN_VERSION" "version $BINARYEN_VERSION"; }

# Release builds minify the app's scripts (public/minify.sh).
ESBUILD_VERSION='0.28'
ensure_esbuild() { ensure_npm_tool esbuild esbuild "$ESBUILD_VERSION" "^$ESBUILD_VERSION\."; }

LIGHTHOUSE_VERSION='12'
ensure_lighthouse() { ensure_npm_tool lighthouse lighthouse "$LIGHTHOUSE_VERSION" "^$LIGHTHOUSE_VERSION\."; }

ensure_browser() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "Installing Chromium and ChromeDriver"
    apt_install chromium chromium-driver ||
      die "Chromium and ChromeDriver are missing: install them (Debian: apt-get install chromium chromium-driver), then run this again."
  fi
  export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"
  export CHROME_BINARY="${CHROME_BINARY:-$(command -v chromium)}"
}

# The bulletin's Word document is read back in the tests by an independent reader, python-docx.
ensure_docx_reader() {
  if ! python3 -c 'import docx' 2>/dev/null; then
    say "Installing python-docx (reads the bulletin's .docx in the tests)"
    apt_install python3-docx || true
    # The python3 on PATH may not be Debian's (pyenv, a virtualenv): then install it there.
    python3 -c 'import docx' 2>/dev/null || python3 -m pip install --quiet python-docx ||
      die "python-docx is missing: install it (Debian: apt-get install python3-docx), then run this again."
  fi
}

# Splits the app's module into parts fetched when first needed (public/split.sh); the version goes
# with the split points' helpers (wasm_split_helpers, through leptos) in Cargo.lock.
WASM_SPLIT_VERSION='0.2.4'
ensure_wasm_split() {
  if ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:" ||
    ! command -v wasm-split-cli >/dev/null; then
    say "Installing wasm-split-cli $WASM_SPLIT_VERSION (a few minutes)"
    cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked
  fi
}

# Release builds (`bash .ci/release`) compile the app's modules with a pinned nightly toolchain
# that builds the standard library anew for size: panics abort at once, without their messages or
# the code that formats them, and std takes its smaller algorithms (optimize_for_size). The first
# visit's module is about 35 KB gzip smaller (README, "Size budget"). Everything else (tests,
# lints, `trunk serve`) uses the stable toolchain.
RELEASE_TOOLCHAIN='nightly-2026-05-20'
ensure_release_toolchain() {
  if ! rustup run "$RELEASE_TOOLCHAIN" rustc --version >/dev/null 2>&1; then
    say "Installing the release builds' toolchain, $RELEASE_TOOLCHAIN"
    rustup toolchain install "$RELEASE_TOOLCHAIN" --profile minimal
  fi
  local have
  have="$(rustup component list --installed --toolchain "$RELEASE_TOOLCHAIN")"
  grep -q '^rust-src' <<<"$have" || rustup component add rust-src --toolchain "$RELEASE_TOOLCHAIN"
  have="$(rustup target list --installed --toolchain "$RELEASE_TOOLCHAIN")"
  grep -qx wasm32-unknown-unknown <<<"$have" ||
    rustup target add wasm32-unknown-unknown --toolchain "$RELEASE_TOOLCHAIN"
}

# `trunk build --release` with that toolchain; arguments go to trunk (`--dist`, `--features`).
# public/post-build.sh builds the first view's renderer with the stable toolchain again.
release_build() {
  ensure_release_toolchain
  say "trunk build --release $* ($RELEASE_TOOLCHAIN, std built for size)"
  # RUSTFLAGS would replace the flags below and those of .cargo/config.toml.
  env -u RUSTFLAGS -u CARGO_ENCODED_RUSTFLAGS \
    RUSTUP_TOOLCHAIN="$RELEASE_TOOLCHAIN" \
    CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
    CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS='-Zunstable-options -Cpanic=immediate-abort' \
    trunk build --release "$@"
}

ensure_build_tools() {
  ensure_rust
  ensure_wasm_opt
  ensure_esbuild
  ensure_wasm_bindgen
  ensure_wasm_split
  ensure_trunk
}
