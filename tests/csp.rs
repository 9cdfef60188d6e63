//! The page's Content-Security-Policy: no inline script or style beyond what the charts need.
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
    assert!(p.contains("script-src 'self' 'wasm-unsafe-eval'"), "{p}");
    assert!(p.contains("default-src 'none'"), "{p}");
    assert!(
        !INDEX.contains("<script>") && !INDEX.contains("<script type=\"module\">"),
        "no inline script"
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
        p.matches("'sha256-").count(),
        FONT_SIZES.len(),
        "no stale hashes"
    );
}
