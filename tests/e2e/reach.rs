//! Reaching readers, in the release build on a phone-sized window under a sub-path: published
//! figures for a fresh visitor and a visitor's own figures over them, links that carry figures,
//! the QR code of a printed page, the tracker offline and a new version announced.

use super::harness::{self, Browser, Site};
use super::{devtools, downloaded, enter, set_width, stored, wait_until};
use std::path::Path;
use xinyuan_tracker::model::figures::{Figure, Period};
use xinyuan_tracker::model::publish;
use xinyuan_tracker::model::saved::{Entries, Op};

/// A copy of the build under `<root>/tracker/`, with `figures` as its published file.
fn site_with(root: &Path, figures: &Entries, at: &str) -> std::path::PathBuf {
    let sub = harness::copy_dist_under(root, "tracker");
    publish_file(&sub, figures, at);
    sub
}

fn publish_file(dir: &Path, figures: &Entries, at: &str) {
    std::fs::write(dir.join(publish::FILE), publish::file(figures, at)).expect("figures.json");
}

fn published_figures(gdp_q3: f64, more: bool) -> Entries {
    let mut e = Entries::default();
    e.apply(Op::Put {
        id: "gdp".into(),
        figure: Figure {
            value: Some(gdp_q3),
            growth: Some(6.2),
            source: "新源县统计局：2023年前三季度".into(),
            ..Figure::empty(Period::Quarter(3))
        },
    });
    e.apply(Op::Put {
        id: "revenue".into(),
        figure: Figure {
            value: Some(7.5),
            growth: Some(18.0),
            ..Figure::empty(Period::Month(9))
        },
    });
    if more {
        e.apply(Op::Put {
            id: "fai".into(),
            figure: Figure {
                growth: Some(21.0),
                ..Figure::empty(Period::Month(9))
            },
        });
    }
    e
}

/// A fresh browser on a phone-sized window, in Chinese, on the app at `url`.
async fn phone_in_chinese(url: &'static str) -> Browser {
    let b = Browser::start_at(url).await;
    set_width(&b, 390).await;
    b.open("#/").await;
    b.js("localStorage.setItem('xinyuan-tracker.lang', 'zh'); return null;")
        .await;
    b.reload().await;
    b
}

/// Waits until the service worker has kept this version's files (it is active).
async fn offline_copy(b: &Browser) {
    wait_until(b, "the offline copy", async |b| {
        b.js("return navigator.serviceWorker.getRegistration().then(r => !!(r && r.active && r.active.state === 'activated'));")
            .await
            == true
    })
    .await;
}

async fn count(b: &Browser, css: &str) -> usize {
    b.js(&format!(
        "return document.querySelectorAll({css:?}).length;"
    ))
    .await
    .as_u64()
    .unwrap_or(0) as usize
}

/// The row of the open indicator page's figures table for a period label, and its origin tag.
async fn row(b: &Browser, label: &str) -> (String, String) {
    let v = b
        .js(&format!(
            "const r = [...document.querySelectorAll('[data-testid=figures] tbody tr')].find(r => r.querySelector('th').textContent.startsWith({label:?}));
             return r ? [r.textContent, r.dataset.origin || ''] : ['', ''];"
        ))
        .await;
    (
        v[0].as_str().unwrap_or_default().to_string(),
        v[1].as_str().unwrap_or_default().to_string(),
    )
}

#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn published_figures_reach_a_fresh_visitor_whose_own_figure_outlives_a_new_published_file() {
    let root = tempfile::tempdir().expect("dir");
    let dir = site_with(
        root.path(),
        &published_figures(98.5, false),
        "2023-10-20T02:00:00Z",
    );
    let site = Site::start(root.path());
    let url: &'static str = Box::leak(format!("{}tracker/", site.url).into_boxed_str());
    let b = phone_in_chinese(url).await;

    // What every visitor sees: the published figures, marked, with their time.
    let banner = b.text("[data-testid=published]").await;
    assert!(
        banner.contains("已发布") && banner.contains("2 个") && banner.contains("2023-10-20"),
        "{banner}"
    );
    assert!(b
        .text("[data-testid=saved-count]")
        .await
        .contains("显示 2 个数据，其中 0 个录入于本浏览器"));
    // A reader reads: no form, no edit or delete buttons until they choose to add their own.
    b.open("#/indicator/gdp").await;
    let (text, origin) = row(&b, "前三季度").await;
    assert!(text.contains("98.5") && text.contains("已发布"), "{text}");
    assert_eq!(origin, "published");
    assert_eq!(count(&b, "form.entry, button.edit, button.delete").await, 0);
    b.open("#/entry").await;
    assert!(b
        .text("[data-testid=reading-note]")
        .await
        .contains("已发布"));
    assert_eq!(count(&b, "textarea, .grid-entry input").await, 0);

    // The visitor adds a figure of their own: marked as theirs, kept apart in this browser.
    b.open("#/indicator/gdp").await;
    b.click("[data-testid=add-own]").await;
    enter(&b, "Q3", "99").await;
    wait_until(&b, "the visitor's figure", async |b| {
        row(b, "前三季度").await.1 == "yours"
    })
    .await;
    assert!(row(&b, "前三季度").await.0.contains("我的"));
    assert!(b
        .text("[data-testid=published]")
        .await
        .contains("其中 1 个是你在本浏览器中录入"));
    let own: serde_json::Value =
        serde_json::from_str(stored(&b).await.as_str().expect("saved")).expect("json");
    assert_eq!(own["data"]["figures"]["gdp"][0]["value"], 99.0);
    assert!(
        own["data"]["figures"].get("revenue").is_none(),
        "published figures are not copied into the visitor's own"
    );

    // The keeper publishes a new file: the visitor's figure stays, the new figure appears.
    publish_file(&dir, &published_figures(98.7, true), "2023-11-15T02:00:00Z");
    b.reload().await;
    wait_until(&b, "the new published file", async |b| {
        b.text("[data-testid=published]").await.contains("3 个")
    })
    .await;
    let (text, origin) = row(&b, "前三季度").await;
    assert!(text.contains("99") && origin == "yours", "{text}");
    // Dropping it shows the published figure again; undo brings it back.
    b.click("button.delete").await;
    wait_until(&b, "the published figure again", async |b| {
        row(b, "前三季度").await.1 == "published"
    })
    .await;
    assert!(row(&b, "前三季度").await.0.contains("98.7"));
    super::undo(&b).await;
    wait_until(&b, "the visitor's figure back", async |b| {
        row(b, "前三季度").await.1 == "yours"
    })
    .await;

    // "Publish" writes the file to upload: this browser's figures, and says what it leaves out.
    b.open("#/data").await;
    let left_out = b.text("[data-testid=left-out]").await;
    assert!(left_out.contains("一般公共预算收入"), "{left_out}");
    b.click("[data-testid=publish]").await;
    // It leaves published figures out: asked first.
    let question = b.client.get_alert_text().await.expect("a confirmation");
    assert!(question.contains("不再包含 2 个"), "{question}");
    b.client.accept_alert().await.expect("accept");
    let file = String::from_utf8(downloaded(&b, "figures.json").await).expect("utf-8");
    let read = publish::read(&file, xinyuan_tracker::model::Dataset::embedded())
        .expect("a published file");
    assert_eq!(read.entries.len(), 1);
    assert_eq!(
        read.entries
            .figure("gdp", Period::Quarter(3))
            .and_then(|f| f.value),
        Some(99.0)
    );
    // The figures it would leave out can be added to this browser's, through the import preview.
    b.click("[data-testid=take-left-out]").await;
    b.wait_for("[data-testid=import-preview]").await;
    assert_eq!(count(&b, "[data-testid=import-preview] tbody tr").await, 2);
    b.click("[data-testid=import-preview] .actions button:nth-child(2)")
        .await;

    // An unreadable file gets a banner and changes nothing else.
    std::fs::write(
        dir.join(publish::FILE),
        r#"{"app":"xinyuan-tracker","schema":7,"saved_at":"x","data":{}}"#,
    )
    .expect("write");
    b.reload().await;
    let error = b.text("[data-testid=published-error]").await;
    assert!(error.contains("更新版本"), "{error}");
    b.open("#/indicator/gdp").await;
    assert!(row(&b, "前三季度").await.0.contains("99"));
    let problems = b.console("WARNING").await;
    assert!(problems.is_empty(), "console: {problems:#?}");
    b.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn a_shared_link_opens_read_only_in_a_fresh_browser_and_is_kept_through_the_import_preview() {
    let keeper = Browser::start().await;
    keeper.open("#/").await;
    let doc = xinyuan_tracker::model::saved::encode(
        &published_figures(98.5, true),
        "2023-10-20T02:00:00Z",
    );
    keeper
        .js(&format!(
            "localStorage.setItem('xinyuan-tracker.lang', 'zh'); localStorage.setItem('xinyuan-tracker', {doc:?}); return null;"
        ))
        .await;
    keeper.reload().await;
    keeper.click("[data-testid=share]").await;
    let link = keeper
        .wait_for("[data-testid=share-link]")
        .await
        .prop("value")
        .await
        .expect("value")
        .expect("a link");
    assert!(
        link.starts_with(keeper.base) && link.contains("#/s/"),
        "{link}"
    );
    assert!(
        link.len() < 300,
        "three figures make a short link: {} characters",
        link.len()
    );
    keeper.close().await;

    // A fresh browser: the figures shown read-only, marked, nothing saved.
    let reader = Browser::start().await;
    set_width(&reader, 390).await;
    reader.goto(&link).await;
    let banner = reader.text("[data-testid=shared]").await;
    assert!(
        banner.contains("3") && (banner.contains("shared by link") || banner.contains("分享")),
        "{banner}"
    );
    reader.open("#/indicator/gdp").await;
    assert!(super::figures_text(&reader).await.contains("98.5"));
    assert_eq!(
        count(&reader, "form.entry, button.edit, button.delete").await,
        0
    );
    assert!(
        stored(&reader).await.is_null(),
        "opening a link saves nothing"
    );

    // A link changed on the way: a clear message, nothing changed.
    let (base, payload) = link.split_once("#/s/").expect("payload");
    let mut bytes = payload.as_bytes().to_vec();
    let i = bytes.len() / 2;
    bytes[i] = if bytes[i] == b'A' { b'B' } else { b'A' };
    let tampered = format!("{base}#/s/{}", String::from_utf8(bytes).expect("ascii"));
    let fresh = Browser::start().await;
    fresh.goto(&tampered).await;
    let error = fresh.text("[data-testid=shared-error]").await;
    assert!(
        error.contains("changed") || error.contains("改动"),
        "{error}"
    );
    assert_eq!(count(&fresh, "[data-testid=shared]").await, 0);
    assert!(stored(&fresh).await.is_null());
    fresh.close().await;

    // "Keep these in my figures": the import preview, then one undoable change.
    reader.goto(&link).await;
    reader.click("[data-testid=keep-shared]").await;
    let preview = reader.text("[data-testid=import-preview]").await;
    assert_eq!(
        count(&reader, "[data-testid=import-preview] tbody tr").await,
        3,
        "{preview}"
    );
    reader
        .click("[data-testid=import-preview] .actions button")
        .await;
    wait_until(&reader, "the kept figures saved", async |b| {
        !stored(b).await.is_null()
    })
    .await;
    let own: serde_json::Value =
        serde_json::from_str(stored(&reader).await.as_str().expect("saved")).expect("json");
    assert_eq!(own["data"]["figures"]["gdp"][0]["value"], 98.5);
    assert_eq!(own["data"]["figures"]["fai"][0]["growth"], 21.0);
    let problems = reader.console("WARNING").await;
    assert!(problems.is_empty(), "console: {problems:#?}");
    reader.close().await;
}

/// Replaces the browser's printing with a record of each print: whether the page's QR code was
/// on it (`window.prints`).
const STUB_PRINT: &str = "window.prints = []; window.print = () => window.prints.push(!!document.querySelector('[data-testid=print-qr] svg path'));";
/// Presses Ctrl+P (on Linux, where the tests run); true where the page kept the browser from
/// printing.
const CTRL_P: &str = "!window.dispatchEvent(new KeyboardEvent('keydown', {key: 'p', code: 'KeyP', ctrlKey: true, cancelable: true}))";
/// How long the page waits for its QR code before printing without it (`PRINT_WAIT_MS`).
const PRINT_WAIT_MS: u64 = 3000;

/// What was printed (`window.prints`, see [`STUB_PRINT`]), once at least `n` prints were.
async fn prints(b: &Browser, n: usize) -> serde_json::Value {
    wait_until(b, "a print", async |b| {
        b.js(&format!("return window.prints.length >= {n};")).await == true
    })
    .await;
    b.js("return window.prints;").await
}

#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn printing_when_the_qr_code_cannot_be_fetched_prints_the_address_then_the_code_next_time() {
    let mut site = Site::start(&harness::dist_dir());
    let b = Browser::start_at(site.url).await;
    b.open("#/").await;
    b.wait_for("[data-testid=print-qr] figcaption").await;
    site.stop();
    let key = b.js(&format!("{STUB_PRINT} return {CTRL_P};")).await;
    assert_eq!(key, true);
    assert_eq!(prints(&b, 1).await, serde_json::json!([false]));
    // Shown only in print: read as text, not as rendered.
    let caption = b
        .js("return document.querySelector('[data-testid=print-qr] figcaption').textContent;")
        .await;
    assert!(
        caption.as_str().is_some_and(|c| c.contains(site.url)),
        "{caption}"
    );
    site.resume();
    assert_eq!(b.js(&format!("return {CTRL_P};")).await, true);
    assert_eq!(prints(&b, 2).await, serde_json::json!([false, true]));
    b.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn the_app_starts_where_the_browser_offers_no_service_worker() {
    let b = Browser::start().await;
    devtools(&b, "Page.enable", serde_json::json!({})).await;
    devtools(
        &b,
        "Page.addScriptToEvaluateOnNewDocument",
        serde_json::json!({"source": "delete Navigator.prototype.serviceWorker;"}),
    )
    .await;
    // Opened, the app takes over from the first view (`open` waits for it).
    b.open("#/").await;
    assert_eq!(
        b.js("return 'serviceWorker' in navigator;").await,
        false,
        "the test did not take the service worker away"
    );
    b.wait_for("[data-testid=print-qr] figcaption").await;
    b.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn a_printed_bulletin_and_overview_carry_a_qr_code_of_their_page() {
    let b = Browser::start().await;
    b.open("#/").await;
    let doc = xinyuan_tracker::model::saved::encode(
        &published_figures(98.5, true),
        "2023-10-20T02:00:00Z",
    );
    b.js(&format!(
        "localStorage.setItem('xinyuan-tracker', {doc:?}); return null;"
    ))
    .await;
    // The overview makes its code when printing is asked for, not with the page: a first visit
    // (not under the service worker) does not fetch its part.
    b.wait_for("[data-testid=print-qr] figcaption").await;
    let before = b
        .js("return [navigator.serviceWorker.controller === null, !!document.querySelector('[data-testid=print-qr] svg'), performance.getEntriesByType('resource').some(e => e.name.includes('split_qr'))];")
        .await;
    assert_eq!(
        before,
        serde_json::json!([true, false, false]),
        "the overview's QR code came before printing was asked for"
    );
    // Ctrl+P, pressed twice before the code came: the browser does not print, the page prints
    // once, with the code on it.
    let keys = b
        .js(&format!("{STUB_PRINT} return [{CTRL_P}, {CTRL_P}];"))
        .await;
    assert_eq!(
        keys,
        serde_json::json!([true, true]),
        "Ctrl+P did not wait for the QR code"
    );
    prints(&b, 1).await;
    tokio::time::sleep(std::time::Duration::from_millis(PRINT_WAIT_MS + 500)).await;
    assert_eq!(
        prints(&b, 1).await,
        serde_json::json!([true]),
        "printed without the QR code, or twice"
    );
    assert_eq!(
        b.js(&format!("return {CTRL_P};")).await,
        false,
        "with the code made, Ctrl+P is the browser's again"
    );
    // The browser's Print menu starts making the code (the overview opened again, not reloaded).
    b.open("#/glossary").await;
    b.open("#/").await;
    b.wait_for("[data-testid=print-qr] figcaption").await;
    assert_eq!(
        b.js("return !!document.querySelector('[data-testid=print-qr] svg');")
            .await,
        false
    );
    b.js("window.dispatchEvent(new Event('beforeprint')); return null;")
        .await;
    b.wait_for("[data-testid=print-qr] svg path").await;
    // Ctrl+P while the code is being made (here for the Print menu): printed once it came.
    b.open("#/glossary").await;
    b.open("#/").await;
    b.wait_for("[data-testid=print-qr] figcaption").await;
    let key = b
        .js(&format!(
            "{STUB_PRINT} window.dispatchEvent(new Event('beforeprint')); return {CTRL_P};"
        ))
        .await;
    assert_eq!(key, true, "Ctrl+P did not wait for the QR code being made");
    assert_eq!(prints(&b, 1).await, serde_json::json!([true]));
    for page in ["#/bulletin/M9", "#/"] {
        b.open(page).await;
        b.reload().await;
        if page == "#/" {
            // Under the service worker by now, or not yet: either way printing brings the code.
            b.wait_for("[data-testid=print-qr] figcaption").await;
            b.js("window.dispatchEvent(new Event('beforeprint')); return null;")
                .await;
        }
        b.wait_for("[data-testid=print-qr] svg path").await;
        if page == "#/bulletin/M9" {
            b.js(&format!("{STUB_PRINT} return null;")).await;
            b.click("[data-testid=bulletin-print]").await;
            assert_eq!(
                b.js("return window.prints;").await,
                serde_json::json!([true])
            );
        }
        let on_screen = b
            .js("return getComputedStyle(document.querySelector('[data-testid=print-qr]')).display;")
            .await;
        assert_eq!(on_screen, "none", "{page}: the QR code is for paper");
        devtools(
            &b,
            "Emulation.setEmulatedMedia",
            serde_json::json!({"media": "print"}),
        )
        .await;
        let size = b
            .js("const r = document.querySelector('[data-testid=print-qr] svg').getBoundingClientRect(); return [r.width, r.height];")
            .await;
        let (w, h) = (
            size[0].as_f64().unwrap_or(0.0),
            size[1].as_f64().unwrap_or(0.0),
        );
        assert!(
            (100.0..=110.0).contains(&w) && (w - h).abs() < 0.5,
            "{page}: {w}×{h} px, 28 mm expected"
        );
        let caption = b.text("[data-testid=print-qr] figcaption").await;
        assert!(
            caption.contains(&format!("{}{}", b.base, page)),
            "{page}: {caption}"
        );
        devtools(
            &b,
            "Emulation.setEmulatedMedia",
            serde_json::json!({"media": ""}),
        )
        .await;
    }
    b.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn after_one_visit_the_tracker_works_offline_and_a_new_version_is_announced_and_brought_by_reload(
) {
    let root = tempfile::tempdir().expect("dir");
    let dir = site_with(
        root.path(),
        &published_figures(98.5, false),
        "2023-10-20T02:00:00Z",
    );
    let mut site = Site::start(root.path());
    let url: &'static str = Box::leak(format!("{}tracker/", site.url).into_boxed_str());
    let b = phone_in_chinese(url).await;
    b.text("[data-testid=published]").await;
    // The service worker has kept this version's files.
    offline_copy(&b).await;

    // The site goes away: the tracker opens, with the published figures, and takes a figure.
    site.stop();
    b.reload().await;
    // The page and its files were read from this version's cache by the browser's static
    // routes, without the worker's fetch handler (the host sends `Vary: Accept-Encoding`).
    let sources = b
        .js("return [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource').filter(e => /[.](js|wasm)$/.test(e.name))].map(e => e.workerMatchedSourceType || 'none');")
        .await;
    assert!(
        sources
            .as_array()
            .is_some_and(|s| s.len() >= 4 && s.iter().all(|v| v == "cache")),
        "page, scripts and wasm from the static route: {sources}"
    );
    let banner = b.text("[data-testid=published]").await;
    assert!(
        banner.contains("2 个"),
        "published figures offline: {banner}"
    );
    b.open("#/indicator/revenue").await;
    b.click("[data-testid=add-own]").await;
    enter(&b, "M10", "8.3").await;
    wait_until(&b, "the figure saved offline", async |b| {
        stored(b).await.as_str().is_some_and(|s| s.contains("8.3"))
    })
    .await;
    b.reload().await;
    b.wait_for("[data-testid=figures]").await;
    assert!(b.text("[data-testid=figures]").await.contains("8.3"));
    // Pages whose code is a part of its own (src/ui/parts.rs) were kept too.
    b.open("#/bulletin").await;
    b.wait_for("[data-testid=bulletin-print]").await;
    b.open("#/data").await;
    assert!(b.text("body > main h1").await.contains("导出"));
    // Offline, a link to a file of the site gets the file, not the app; the app's own address
    // with a query opens the app.
    let report = b
        .js("return fetch('report.txt').then(r => r.text()).then(t => t.slice(0, 40));")
        .await;
    assert!(
        report
            .as_str()
            .is_some_and(|t| !t.contains("<!DOCTYPE") && !t.is_empty()),
        "{report}"
    );
    b.goto(&format!("{url}index.html?from=chat#/indicator/revenue"))
        .await;
    b.wait_for("[data-testid=figures]").await;
    assert!(b.text("[data-testid=figures]").await.contains("8.3"));
    // An address ending in a bare "?" (the static routes match it; the page is kept under it).
    for page in ["?", "index.html?"] {
        b.goto(&format!("{url}{page}#/indicator/revenue")).await;
        b.wait_for("[data-testid=figures]").await;
        assert!(
            b.text("[data-testid=figures]").await.contains("8.3"),
            "offline at {page}"
        );
    }

    // A new version is deployed under the same address: the page says so, and reload brings it.
    site.resume();
    let index = dir.join("index.html");
    let html = std::fs::read_to_string(&index).expect("index.html");
    std::fs::write(&index, html.replace("</title>", " v2</title>")).expect("write");
    let status = std::process::Command::new("sh")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("public/sw-stamp.sh"))
        .env("TRUNK_STAGING_DIR", &dir)
        .env("TRUNK_SOURCE_DIR", env!("CARGO_MANIFEST_DIR"))
        .status()
        .expect("sw-stamp.sh");
    assert!(status.success());
    b.reload().await;
    b.wait_for("[data-testid=update]").await;
    let title = b.js("return document.title;").await;
    assert!(
        !title.as_str().unwrap_or_default().contains("v2"),
        "the old version until the reader reloads: {title}"
    );
    b.click("[data-testid=reload]").await;
    wait_until(&b, "the new version", async |b| {
        b.js("return document.title;")
            .await
            .as_str()
            .is_some_and(|t| t.contains("v2"))
    })
    .await;
    b.wait_for("body > main h1").await;
    let caches = b.js("return caches.keys();").await;
    assert_eq!(
        caches.as_array().map(Vec::len),
        Some(1),
        "one version kept: {caches}"
    );
    let problems = b.console("WARNING").await;
    assert!(problems.is_empty(), "console: {problems:#?}");
    b.close().await;
}

/// No file, or a slow one: the report's own data is on screen at once, nothing alarming is said,
/// and slow published figures appear when they arrive. In English, the published line and a
/// visitor's marks are in English.
#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn a_missing_file_says_nothing_and_a_slow_one_never_holds_up_the_report() {
    let root = tempfile::tempdir().expect("dir");
    let dir = site_with(
        root.path(),
        &published_figures(98.5, false),
        "2023-10-20T02:00:00Z",
    );
    std::fs::remove_file(dir.join(publish::FILE)).expect("no published file");
    let site = Site::start(root.path());
    let url: &'static str = Box::leak(format!("{}tracker/", site.url).into_boxed_str());
    let b = Browser::start_at(url).await;
    set_width(&b, 390).await;
    b.open("#/indicator/gdp").await;
    b.wait_for("form.entry").await;
    assert_eq!(
        count(
            &b,
            "[data-testid=published], [data-testid=published-error], .banner.warn"
        )
        .await,
        0,
        "a site with nothing published says nothing"
    );

    // A file that takes 6 seconds: the page is drawn from the report's data long before.
    publish_file(
        &dir,
        &published_figures(98.5, false),
        "2023-10-20T02:00:00Z",
    );
    site.slow_down(publish::FILE, std::time::Duration::from_secs(6));
    let reader = Browser::start_at(url).await;
    set_width(&reader, 390).await;
    let start = std::time::Instant::now();
    reader.open("#/").await;
    super::draw_charts(&reader).await;
    reader.wait_for("figure.chart svg").await;
    let drawn = start.elapsed();
    assert!(
        drawn < std::time::Duration::from_secs(5),
        "the overview waited for the published file: {drawn:?}"
    );
    assert_eq!(count(&reader, "[data-testid=published]").await, 0);
    let line = reader.text("[data-testid=published]").await;
    assert!(
        line.contains("Showing the published figures (2, published 2023-10-20"),
        "{line}"
    );
    reader.open("#/indicator/gdp").await;
    let (text, origin) = row(&reader, "Q1–Q3").await;
    assert!(
        text.contains("published") && origin == "published",
        "{text}"
    );
    reader.close().await;
    b.close().await;
}

/// A site under a folder whose name is URL-pattern syntax (`c++`, as the service worker's static
/// routes would read it): the worker still keeps the page and its files, and it opens offline.
#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn under_a_folder_named_like_pattern_syntax_the_tracker_still_works_offline() {
    let root = tempfile::tempdir().expect("dir");
    harness::copy_dist_under(root.path(), "c++");
    let mut site = Site::start(root.path());
    let url: &'static str = Box::leak(format!("{}c++/", site.url).into_boxed_str());
    let b = phone_in_chinese(url).await;
    offline_copy(&b).await;
    let kept = b
        .js("return caches.keys().then(k => caches.open(k[0])).then(c => c.keys()).then(r => r.map(q => new URL(q.url).pathname));")
        .await;
    let kept: Vec<&str> = kept
        .as_array()
        .map(|k| k.iter().filter_map(|p| p.as_str()).collect())
        .unwrap_or_default();
    assert!(
        kept.contains(&"/c++/") && kept.iter().any(|p| p.ends_with(".wasm")),
        "the page and the app kept: {kept:?}"
    );
    site.stop();
    b.reload().await;
    b.wait_for("body > main h1").await;
    // Read by the static route, its pattern taking the folder's name literally.
    let source = b
        .js("return performance.getEntriesByType('navigation')[0].workerMatchedSourceType || 'none';")
        .await;
    assert_eq!(source, "cache", "the page by the static route");
    b.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn a_page_whose_part_cannot_be_fetched_says_so_and_comes_on_a_retry() {
    let root = tempfile::tempdir().expect("dir");
    let dir = harness::copy_dist_under(root.path(), "tracker");
    // The import/export page is a part of the module of its own (src/ui/parts.rs); here it is
    // missing from the site, as when the connection drops while it is fetched.
    let parts = std::fs::read_dir(&dir)
        .expect("site")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("parts-"))
        })
        .expect("the parts' folder");
    let part = parts.join("split_data.wasm");
    let held = std::fs::read(&part).expect("the import/export part");
    std::fs::remove_file(&part).expect("part held back");
    let site = Site::start(root.path());
    let url: &'static str = Box::leak(format!("{}tracker/", site.url).into_boxed_str());
    let b = phone_in_chinese(url).await;
    // The overview does not need it.
    assert!(b.text("body > main h1").await.contains("2023"));

    b.js("location.hash = '#/data'; return null;").await;
    let said = b.text("[data-testid=part-not-loaded]").await;
    assert!(said.contains("未能加载"), "{said}");
    // The rest of the app keeps working.
    b.open("#/indicator/gdp").await;
    b.js("location.hash = '#/data'; return null;").await;
    b.wait_for("[data-testid=part-not-loaded]").await;

    // The part is back: trying again brings the page.
    std::fs::write(&part, held).expect("part back");
    b.click("[data-testid=part-not-loaded] button").await;
    assert!(b.text("body > main h1").await.contains("导出"));
    // Keyboard focus did not fall to the page's start with the button it was on.
    assert_eq!(
        b.js("return document.activeElement && document.activeElement.id;")
            .await,
        "main"
    );
    assert_eq!(count(&b, "[data-testid=part-not-loaded]").await, 0);
    drop(site);
    b.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn on_a_first_visit_the_pages_fetched_when_first_opened_work_offline_without_a_reload() {
    let root = tempfile::tempdir().expect("dir");
    harness::copy_dist_under(root.path(), "tracker");
    let mut site = Site::start(root.path());
    let url: &'static str = Box::leak(format!("{}tracker/", site.url).into_boxed_str());
    // One visit, never reloaded: the service worker installed by it serves this tab.
    let b = Browser::start_at(url).await;
    b.open("#/").await;
    offline_copy(&b).await;
    wait_until(&b, "the tab served by the service worker", async |b| {
        b.js("return !!navigator.serviceWorker.controller;").await == true
    })
    .await;
    site.stop();
    b.js("location.hash = '#/glossary'; return null;").await;
    b.wait_for("main h2#pace").await;
    b.js("location.hash = '#/entry'; return null;").await;
    b.wait_for("main textarea").await;
    assert_eq!(count(&b, "[data-testid=part-not-loaded]").await, 0);
    b.close().await;
}
