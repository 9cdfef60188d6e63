#!/bin/sh
# Run by trunk after every build (Trunk.toml, post_build hook), in this order:
# 0. the style sheet, which trunk put in the page, must be allowed by the page's policy: the build
#    stops, saying what to put there, when public/style.css has changed and its digest has not;
# 1. the app's module is split: every page but the overview goes into a part of its own
#    (split.sh);
# 2. release builds only: the scripts a first visit loads are minified (minify.sh), and the first
#    view, the overview rendered to HTML by the app's own components (src/bin/prerender.rs,
#    natively), goes into index.html;
# 3. the service worker lists the build's files with their digests (sw-stamp.sh).
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
staging="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"

# SHA-256 of a file in base64, as a Content-Security-Policy gives it (coreutils only).
digest() {
  sha256sum "$1" | cut -c 1-64 | sed 's/../& /g' | {
    read -r bytes
    for b in $bytes; do printf "\\$(printf '%03o' "0x$b")"; done
  } | base64
}
css="'sha256-$(digest "$here/style.css")'"
grep -qF "style-src 'self' 'unsafe-hashes' $css " "$staging/index.html" || {
  echo "post-build.sh: public/style.css changed: put $css first in style-src, in index.html and in the README (tests/csp.rs checks both)" >&2
  exit 1
}

sh "$here/split.sh"
if [ "${TRUNK_PROFILE:-release}" = release ]; then
  sh "$here/minify.sh"
  # Natively, with the stable toolchain, also when the release build's is nightly (.ci/setup.sh,
  # release_build).
  env -u RUSTUP_TOOLCHAIN -u CARGO_UNSTABLE_BUILD_STD -u CARGO_UNSTABLE_BUILD_STD_FEATURES \
    cargo run --quiet --bin prerender -- "$staging"
  [ -n "${CARGO_UNSTABLE_BUILD_STD:-}" ] ||
    echo "post-build.sh: warning: a release build not made by 'bash .ci/release': its module is about 35 KB gzip larger than the size budget allows (README, \"Size budget\")" >&2
fi
sh "$here/sw-stamp.sh"
