#!/bin/sh
# Writes the build's service worker: `sw.js` of the staging folder is `public/sw.js` preceded by
# this build's version and the list of its files with their digests (the first 64 bits of each
# one's SHA-256). Run by trunk after each build (Trunk.toml, post_build hook); needs only a POSIX
# shell and coreutils.
set -eu
staging="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
template="$(cd "$(dirname "$0")" && pwd)/sw.js"
command -v sha256sum >/dev/null || { echo "sw-stamp.sh: sha256sum (coreutils) is needed" >&2; exit 1; }
cd "$staging"
list=$(
  find . -type f ! -name sw.js ! -name figures.json | sed 's|^\./||' | LC_ALL=C sort |
    while read -r name; do
      # The first 64 bits of its SHA-256, in hex: enough to tell this version's copy from another.
      sum=$(sha256sum "$name" | cut -c 1-16)
      [ ${#sum} -eq 16 ] || { echo "sw-stamp.sh: no digest of $name" >&2; exit 1; }
      # Fetched only when asked for: the Word document's worker (252 KB gzip), and the first views
      # of section and indicator pages (one is fetched when such a page is opened).
      case "$name" in
      docx_worker* | first/*) lazy=true ;;
      *) lazy=false ;;
      esac
      printf '  ["%s", "%s", %s],\n' "$name" "$sum" "$lazy"
    done
)
version=$(printf '%s' "$list" | sha256sum | cut -c 1-16)
{
  printf '// Written by public/sw-stamp.sh for this build.\n'
  printf 'const VERSION = "%s";\n' "$version"
  printf 'const FILES = [\n%s\n];\n\n' "$list"
  cat "$template"
} >sw.js.part
mv sw.js.part sw.js
