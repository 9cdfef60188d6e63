#!/bin/sh
# Release builds only (run by public/post-build.sh after split.sh): the scripts a first visit
# loads are minified in place by esbuild (from npm, .ci/setup.sh): the app's script (wasm-bindgen's
# glue), the parts' loader and public/boot.js. Names they share with other files (exports,
# imports, the data attributes boot.js reads) are kept.
set -eu
staging="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
esbuild="$(cd "$(dirname "$0")/.." && pwd)/.tools/node_modules/.bin/esbuild"
[ -x "$esbuild" ] || { echo "minify.sh: $esbuild is missing: run .ci/setup.sh" >&2; exit 1; }
for script in "$staging"/xinyuan-tracker-*.js "$staging"/parts-*/__wasm_split.js "$staging/boot.js"; do
  [ -f "$script" ] || { echo "minify.sh: no $script" >&2; exit 1; }
  # As ES modules (each is one): top-level await stays, and no syntax is lowered.
  "$esbuild" "$script" --minify --format=esm --log-level=error --outfile="$script.min"
  mv "$script.min" "$script"
done
