#!/bin/sh
# Run by trunk after every build (Trunk.toml, post_build hook), in this order:
# 1. the app's module is split: every page but the overview goes into a part of its own
#    (split.sh);
# 2. release builds only: the scripts a first visit loads are minified (minify.sh), and the first
#    view, the overview rendered to HTML by the app's own components (src/bin/prerender.rs,
#    natively), goes into index.html;
# 3. the service worker lists the build's files with their digests (sw-stamp.sh).
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
sh "$here/split.sh"
if [ "${TRUNK_PROFILE:-release}" = release ]; then
  sh "$here/minify.sh"
  cargo run --quiet --bin prerender -- "${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
fi
sh "$here/sw-stamp.sh"
