//! The page's Content-Security-Policy: no inline script or style beyond the script that picks the
//! first view, the page's style sheet and the styles the charts need.
// Tests stop at the first thing that is not as expected.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use base64::Engine;
use sha2::{Digest, Sha256};
use xinyuan_tracker::chart::FONT_SIZES;

const INDEX: &str = include_str!("../index.html");

fn policy() -> String {
    let start = INDEX
        .find("Content-Security-Policy\" content=\"")
        .expect("a CSP meta tag")
        + 34;
    let end = INDEX[start..].find('"').expect("end of the policy") + start;
    INDEX[start..end].to_string()
}

#[test]
fn the_policy_forbids_inline_scripts_and_eval() {
    let p = policy();
    assert!(!p.contains("unsafe-inline"), "{p}");
    assert!(!p.contains("'unsafe-eval'"), "{p}");
    assert!(
        p.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"),
        "{p}"
    );
    assert!(p.contains("default-src 'none'"), "{p}");
    assert!(
        !INDEX.contains("<script type=\"module\">"),
        "no inline module"
    );
}

/// The one inline script: the one that picks the first view (src/ui/first.rs), allowed by its
/// digest, and no other.
#[test]
fn the_policy_allows_exactly_the_inline_script_of_the_first_view() {
    let p = policy();
    let scripts: Vec<&str> = INDEX
        .split("<script>")
        .skip(1)
        .map(|s| s.split("</script>").next().expect("closed"))
        .collect();
    assert_eq!(scripts.len(), 1, "one inline script");
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(scripts[0]));
    assert!(
        p.contains(&format!(
            "script-src 'self' 'wasm-unsafe-eval' 'sha256-{hash}';"
        )),
        "the script changed: put 'sha256-{hash}' in script-src"
    );
    assert_eq!(
        p.split("style-src")
            .next()
            .map(|s| s.matches("'sha256-").count()),
        Some(1),
        "no stale script hashes"
    );
}

/// The README gives the same policy for hosts that send it as a header.
#[test]
fn the_readme_gives_the_same_policy() {
    let readme = include_str!("../README.md");
    assert!(
        readme.contains(&format!(
            "Content-Security-Policy: {}; frame-ancestors 'none'",
            policy()
        )),
        "README, \"Publish it\": copy the policy of index.html"
    );
}

#[test]
fn the_policy_allows_exactly_the_styles_plotters_measures_text_with() {
    // plotters' web font backend (src/style/font/web.rs) styles a measuring span inline like this.
    let p = policy();
    for size in FONT_SIZES {
        let style = format!(
            "display: inline-block; font-family:sans-serif; font-style:normal; font-size: {size}px; position: fixed; top: 100%"
        );
        let hash =
            base64::engine::general_purpose::STANDARD.encode(Sha256::digest(style.as_bytes()));
        assert!(
            p.contains(&format!("'sha256-{hash}'")),
            "font size {size}: add 'sha256-{hash}' to style-src"
        );
    }
    assert_eq!(
        p.split("style-src")
            .nth(1)
            .map(|s| s.matches("'sha256-").count()),
        Some(FONT_SIZES.len() + 1),
        "no stale hashes"
    );
}

/// The build puts the style sheet in the page (trunk's `rel="inline"`) as it is in
/// `public/style.css`; the policy allows it by its digest.
#[test]
fn the_policy_allows_the_style_sheet_the_build_puts_in_the_page() {
    assert!(
        INDEX.contains("<link data-trunk rel=\"inline\" href=\"public/style.css\" />"),
        "the style sheet is put in the page"
    );
    let hash = base64::engine::general_purpose::STANDARD
        .encode(Sha256::digest(include_str!("../public/style.css")));
    assert!(
        policy().contains(&format!(
            "style-src 'self' 'unsafe-hashes' 'sha256-{hash}' "
        )),
        "public/style.css changed: put 'sha256-{hash}' first in style-src, in index.html and in the README"
    );
}
