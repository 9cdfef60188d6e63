#!/bin/sh
# Splits the app's module (run by public/post-build.sh after trunk has built it): every page but
# the overview (the split points in src/ui/parts.rs) goes into a part fetched the first time it is
# needed. The module is linked with its relocations (build.rs), split by
# wasm-split-cli (wasm_split_cli_support, the tool cargo-leptos uses), then bound by wasm-bindgen
# and, in release builds, optimised by wasm-opt, each part on its own; the result replaces the
# script and module trunk made from the whole. The parts go into a folder named after the build
# (parts-<digest>/), so that a page never gets a part of another build from a cache.
set -eu
staging="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
profile="${TRUNK_PROFILE:-release}"
for tool in wasm-split-cli wasm-bindgen; do
  command -v "$tool" >/dev/null || { echo "split.sh: $tool is missing: run .ci/setup.sh" >&2; exit 1; }
done

js=$(cd "$staging" && ls xinyuan-tracker-*.js)
[ "$(printf '%s\n' "$js" | wc -l)" -eq 1 ] || { echo "split.sh: not one app script in $staging: $js" >&2; exit 1; }
name="${js%.js}"
target_dir=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
case "$profile" in release) out=release ;; *) out=debug ;; esac
raw="$target_dir/wasm32-unknown-unknown/$out/xinyuan-tracker.wasm"
[ -f "$raw" ] || { echo "split.sh: no module at $raw" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
trap 'exit 1' INT HUP TERM
# The loader (parts/__wasm_split.js) imports the app's script from the folder above it.
mkdir -p "$work/parts"
wasm-split-cli "$raw" "$work/parts" --target web --out-name "../$name"
wasm-bindgen --target web --no-typescript --keep-lld-exports --no-demangle \
  --out-name "$name" --out-dir "$work/bound" "$work/$name.wasm"
if [ "$profile" = release ]; then
  # binaryen 132 from npm (.ci/setup.sh): Debian's 108 makes a module that crashes.
  opt="$(cd "$(dirname "$0")/.." && pwd)/.tools/node_modules/.bin/wasm-opt"
  [ -x "$opt" ] || { echo "split.sh: $opt is missing: run .ci/setup.sh" >&2; exit 1; }
  for module in "$work/bound/${name}_bg.wasm" "$work"/parts/*.wasm; do
    "$opt" -Oz "$module" -o "$module.opt" 2>"$work/opt.log" || { cat "$work/opt.log" >&2; exit 1; }
    mv "$module.opt" "$module"
  done
fi

# The loader is changed in three places; each change fails the build if the text it replaces is
# not there (another version of wasm-split-cli) or is still there afterwards.
loader="$work/parts/__wasm_split.js"
rewrite() { # what, old text, new text
  grep -qF -e "$2" "$loader" || { echo "split.sh: the parts' loader is not as expected ($1)" >&2; exit 1; }
  # The texts go through the environment, not `awk -v`, which would read their backslashes as
  # escapes; each line is scanned once, so a new text holding the old one cannot loop (the check
  # after it then fails the build).
  OLD="$2" NEW="$3" awk '{
    rest = $0; out = ""
    while ((i = index(rest, ENVIRON["OLD"])) > 0) {
      out = out substr(rest, 1, i - 1) ENVIRON["NEW"]; rest = substr(rest, i + length(ENVIRON["OLD"]))
    }
    print out rest
  }' "$loader" >"$work/loader.js"
  ! grep -qF -e "$2" "$work/loader.js" || { echo "split.sh: loader not rewritten ($1)" >&2; exit 1; }
  mv "$work/loader.js" "$loader"
}
# 1. It instantiates a part from its response as it streams, which needs the host to send
# `application/wasm`; like the app's own script, it reads the bytes first instead, so that any
# host will do (the parts are small).
rewrite streaming '(WebAssembly.instantiateStreaming(src, imports))' \
  '(src.then((r) => r.ok ? r.arrayBuffer() : Promise.reject(new Error(r.status + " " + r.url))).then((b) => WebAssembly.instantiate(b, imports)))'
# 2. It would ask for all the pieces a part needs in one task: a section page's part is 18 pieces
# and the part, and asking for them all took 46-57 ms in one task on a desktop (four times that
# on a phone), the longest task of that page's start. It asks for the part first, then for one
# piece per task (a message posted to itself, as web::next_task does), so that the page answers
# input in between; the part, often the largest file, is not held back behind its pieces.
rewrite one-per-task 'const parallelStuff = deps.map(d => d());' \
  'const fetched = fetcher(); const parallelStuff = []; for (const d of deps) { parallelStuff.push(d()); await new Promise((k) => { const c = new MessageChannel(); c.port1.onmessage = k; c.port2.postMessage(0); }); }'
# 3. ...and uses the part asked for first.
rewrite part-first 'const instantiate = fetcher();' 'const instantiate = fetched;'

# The parts' folder is named after their contents and the app's module.
digest=$(cat "$work"/parts/* "$work/bound/${name}_bg.wasm" | sha256sum | cut -c 1-16)
parts="parts-$digest"
# The app's script imports the loader as ./__wasm_split.js (the name the tool gives it).
count=$(grep -c '^import \* as import[0-9]* from "\./__wasm_split\.js"$' "$work/bound/$name.js" || true)
[ "$count" -gt 0 ] || { echo "split.sh: the app's script does not import the parts' loader" >&2; exit 1; }
sed "s|^\(import \* as import[0-9]* from \"\)\./__wasm_split\.js\"$|\1./$parts/__wasm_split.js\"|" \
  "$work/bound/$name.js" >"$staging/$name.js"
cp "$work/bound/${name}_bg.wasm" "$staging/${name}_bg.wasm"
rm -rf "$staging"/parts-*
cp -R "$work/parts" "$staging/$parts"
