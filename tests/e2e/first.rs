//! The first view, in the release build: the overview is on screen before the app has arrived,
//! in the visitor's language, with the site's published figures; the app takes over without a
//! change on screen; where the app would show something else, the first view stays hidden.

use super::harness::{self, Browser, Site};
use super::set_width;
use std::time::Duration;
use xinyuan_tracker::model::figures::{Figure, Period};
use xinyuan_tracker::model::publish;
use xinyuan_tracker::model::saved::{Entries, Op};
use xinyuan_tracker::model::{Dataset, Lang};

/// How long the app's module takes to arrive: time enough to look at the first view.
const SLOW: Duration = Duration::from_secs(4);

/// The app's module (`xinyuan-tracker-<digest>_bg.wasm`), not the parts it fetches later
/// (`parts-<digest>/…`): slowing each of those too would only add up the same wait again.
const MODULE: &str = "_bg.wasm";

/// What is on screen, as a function of the page: the text of every visible part outside the
/// charts (drawn when the app arrives, at the width they get), and where it is.
const SCREEN: &str = r#"() => [...document.querySelectorAll('header, #shell > .loading, .banner, main h1, main h2, main p, main table, main .cards, main figure, footer p')]
    .filter(e => e.offsetParent !== null && (e.tagName === 'FIGURE' || !e.closest('figure')))
    .map(e => {
      const r = e.getBoundingClientRect();
      const text = e.tagName === 'FIGURE' ? '' : e.innerText;
      return [e.tagName, text, Math.round(r.top + scrollY), Math.round(r.left), Math.round(r.width), Math.round(r.height)];
    })"#;

async fn screen(b: &Browser) -> serde_json::Value {
    b.js(&format!("return ({SCREEN})();")).await
}

/// Pages come from the network (slowed where the test slows them), not from the service worker's
/// cache of an earlier visit.
async fn from_the_network(b: &Browser) {
    super::devtools(b, "Network.enable", serde_json::json!({})).await;
    super::devtools(
        b,
        "Network.setBypassServiceWorker",
        serde_json::json!({"bypass": true}),
    )
    .await;
}

/// On every page opened after, runs `sample` (statements that push what a frame showed onto
/// `window.frames_seen`) frame by frame while `go_on` (an expression) holds: in a task posted from
/// the frame's callback, which runs once the frame has been painted and before any task that a
/// later callback of that frame posts, so that it sees what the frame showed. `setup` runs first.
async fn sample_frames(b: &Browser, setup: &str, sample: &str, go_on: &str) {
    super::devtools(
        b,
        "Page.addScriptToEvaluateOnNewDocument",
        serde_json::json!({"source": format!(
            "window.frames_seen = [];
             {setup}
             const sample = () => {{ {sample} }};
             const look = () => {{
               setTimeout(sample);
               if ({go_on}) requestAnimationFrame(look);
             }};
             requestAnimationFrame(look);"
        )}),
    )
    .await;
}

/// Opens `url` on a site whose wasm is slow, and returns what was on screen in the first frame
/// painted with the whole first view (its parts below the first screen come a frame after the
/// rest), or 1.5 s after the page was read, if none came: recorded by the
/// page itself, as WebDriver answers only once the page has loaded, and by then the app may have
/// started.
async fn before_the_app(b: &Browser, site: &Site, url: &str) -> serde_json::Value {
    site.slow_down(MODULE, SLOW);
    // From the network, slow: not from the service worker's cache of an earlier visit.
    from_the_network(b).await;
    super::devtools(
        b,
        "Page.addScriptToEvaluateOnNewDocument",
        serde_json::json!({"source": format!(
            "window.shifts = [];
             new PerformanceObserver(l => l.getEntries().forEach(e => window.shifts.push(e.value)))
               .observe({{type: 'layout-shift', buffered: true}});
             document.addEventListener('DOMContentLoaded', () => {{
               const since = performance.now();
               const look = () => {{
                 const shell = document.getElementById('shell');
                 const classes = document.documentElement.classList;
                 const waiting = classes.contains('first-wait') || classes.contains('first-painting');
                 if (shell && waiting && performance.now() - since < 1500) return requestAnimationFrame(look);
                 setTimeout(() => {{ window.firstFrame = shell ? ({SCREEN})() : 'the app had started'; }});
               }};
               requestAnimationFrame(look);
             }});"
        )}),
    )
    .await;
    b.client.goto(url).await.expect("navigate");
    if url.contains('#') {
        // Only the fragment changed: load the page again.
        b.client.refresh().await.expect("reload");
    }
    super::wait_until(b, "the first frame", async |b| {
        !b.js("return window.firstFrame || null;").await.is_null()
    })
    .await;
    b.js("return window.firstFrame;").await
}

async fn after_the_app(b: &Browser) -> serde_json::Value {
    b.wait_for("body > main h1").await;
    // Charts are drawn once their width is known (at once, then after it settles).
    tokio::time::sleep(Duration::from_millis(500)).await;
    screen(b).await
}

#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn the_overview_is_read_before_the_app_arrives_and_the_app_takes_over_unchanged() {
    let site = Site::start(&harness::dist_dir());
    let b = Browser::start_at(site.url).await;
    set_width(&b, 390).await;

    // Headless Chromium asks for English: the first view is the English one.
    let first = before_the_app(&b, &site, site.url).await;
    let text = first.to_string();
    assert!(text.contains("2023 targets at a glance"), "{text}");
    assert!(text.contains("Gross domestic product"), "{text}");
    assert!(!text.contains("Loading"), "no loading line: {text}");
    assert_eq!(
        b.js("return document.documentElement.lang;").await,
        "en",
        "the page says its language"
    );
    let app = after_the_app(&b).await;
    assert_eq!(first, app, "the app took over without a change on screen");
    assert_eq!(
        b.js("return window.shifts;").await,
        serde_json::json!([]),
        "layout shifts while the first view was shown and the app took over"
    );

    // A reader who chose Chinese gets the Chinese first view.
    b.click("button.lang").await;
    site.slow_down(MODULE, SLOW);
    let first = before_the_app(&b, &site, site.url).await;
    let text = first.to_string();
    assert!(
        text.contains("2023年目标进度总览") && text.contains("地区生产总值"),
        "{text}"
    );
    assert!(!text.contains("targets at a glance"), "{text}");
    assert_eq!(first, after_the_app(&b).await);
    b.close().await;
}

/// On a slow connection the page comes in pieces. Until its first view has come, nothing is shown
/// (not the loading line a development build shows, which the page carries before the view); in
/// English the English view is shown as soon as it has come, not once the whole page has. The
/// first frame with the view leaves out what lies below its first screen (on a phone, where the
/// rest of the view fills the screen), and the frames after it show that too, before the page has
/// been read to its end. The page is held up twice, as a connection would: right after its loading
/// line, and right after its English view (a script the parser waits for).
#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn on_a_slow_connection_the_first_view_is_the_first_thing_shown_in_either_language() {
    let dir = tempfile::tempdir().expect("site");
    harness::copy_dist(dir.path(), |_| false);
    let index = dir.path().join("index.html");
    let page = std::fs::read_to_string(&index).expect("index.html");
    let loading = page.find("data-shell-status>").expect("the loading line");
    let after_loading = loading + page[loading..].find("</p>").expect("its end") + 4;
    let after_en = page.find("</template>").expect("the English view") + 11;
    let page = format!(
        "{}<script src=\"a.stall.js\"></script>{}<script src=\"b.stall.js\"></script>{}",
        &page[..after_loading],
        &page[after_loading..after_en],
        &page[after_en..]
    );
    std::fs::write(&index, page).expect("index.html");
    for f in ["a.stall.js", "b.stall.js"] {
        std::fs::write(dir.path().join(f), "").expect("stall");
    }
    let site = Site::start(dir.path());
    site.slow_down(".stall.js", Duration::from_millis(800));
    let b = Browser::start_at(site.url).await;
    set_width(&b, 390).await;
    from_the_network(&b).await;
    // Frame by frame: what the frame showed, whether the page had been read to its end
    // (DOMContentLoaded), how many parts marked as below the first screen it showed, and whether
    // what it showed reached past the bottom of the screen.
    sample_frames(
        &b,
        "document.addEventListener('DOMContentLoaded', () => { window.seen_dcl = performance.now(); });",
        "const shown = [...document.querySelectorAll('#shell > .loading, .first-view')]
           .filter(e => e.offsetParent !== null)
           .map(e => e.dataset.first || 'loading');
         const marked = [...document.querySelectorAll('.first-view [data-below]')];
         const below = marked.filter(e => e.offsetParent !== null).length;
         const full = document.scrollingElement.scrollHeight > innerHeight;
         const last = window.frames_seen[window.frames_seen.length - 1];
         if (!last || shown.join() !== last[0].join() || below !== last[2])
           window.frames_seen.push([shown, !!window.seen_dcl, below, full, marked.length]);",
        "!window.seen_dcl || performance.now() - window.seen_dcl < 300",
    )
    .await;
    for lang in ["en", "zh"] {
        if lang == "zh" {
            b.js("localStorage.setItem('xinyuan-tracker.lang', 'zh'); return null;")
                .await;
        }
        b.client.goto(site.url).await.expect("navigate");
        super::wait_until(&b, "the page's frames", async |b| {
            b.js("return !!window.seen_dcl && performance.now() - window.seen_dcl > 400;")
                .await
                == true
        })
        .await;
        let frames = b.js("return window.frames_seen;").await;
        let frames = frames.as_array().expect("frames");
        let shown: Vec<&serde_json::Value> = frames
            .iter()
            .filter(|f| f[0].as_array().is_some_and(|s| !s.is_empty()))
            .collect();
        assert!(
            !shown.is_empty() && shown.iter().all(|f| f[0] == serde_json::json!([lang])),
            "{lang}: nothing but the first view is shown: {frames:?}"
        );
        if lang == "en" {
            assert_eq!(
                shown[0][1], false,
                "en: the English view is shown before the page has been read to its end: {frames:?}"
            );
        }
        assert_eq!(
            (&shown[0][2], &shown[0][3]),
            (&serde_json::json!(0), &serde_json::json!(true)),
            "{lang}: the first frame with the view shows a full first screen and nothing below it: {frames:?}"
        );
        // The growth chart, the cards and the footer at least.
        assert!(
            shown
                .iter()
                .any(|f| f[2] == f[4] && f[4].as_u64() >= Some(3) && f[1] == false),
            "{lang}: all of the view is shown before the page has been read to its end: {frames:?}"
        );
    }
    b.close().await;
}

/// A reload puts the reader back where they had scrolled to, from the first frame with the first
/// view, and the view does not move after: the parts below its first screen are not held back
/// then, so the page is long enough at once.
#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn a_reloaded_overview_is_where_the_reader_had_scrolled_to_from_its_first_frame() {
    let site = Site::start(&harness::dist_dir());
    let b = Browser::start_at(site.url).await;
    set_width(&b, 390).await;
    site.slow_down(MODULE, SLOW);
    from_the_network(&b).await;
    // Where each frame with the first view was scrolled to.
    sample_frames(
        &b,
        "",
        "if ([...document.querySelectorAll('.first-view')].some(e => e.offsetParent !== null))
           window.frames_seen.push(Math.round(scrollY));",
        "window.frames_seen.length < 5 && performance.now() < 3000",
    )
    .await;
    b.client.goto(site.url).await.expect("navigate");
    b.wait_for("body > main h1").await;
    b.js("window.scrollTo(0, 1600); return null;").await;
    super::wait_until(&b, "the scroll", async |b| {
        b.js("return Math.round(scrollY);").await == 1600
    })
    .await;
    b.client.refresh().await.expect("reload");
    super::wait_until(&b, "frames with the first view", async |b| {
        b.js("return window.frames_seen.length >= 3 || performance.now() > 3000;")
            .await
            == true
    })
    .await;
    // The browser puts the reader back by the element they were reading (its scroll anchor), so
    // the offset may differ from the app's page: not the top, and the same in every frame.
    let frames = b.js("return window.frames_seen;").await;
    let seen = frames.as_array().expect("frames");
    assert!(
        !seen.is_empty() && seen[0].as_i64() > Some(1000) && seen.iter().all(|y| *y == seen[0]),
        "every frame with the first view was where the reader had been: {frames}"
    );
    b.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn a_section_or_an_indicator_in_the_address_gets_its_own_first_view() {
    let site = Site::start(&harness::dist_dir());
    let b = Browser::start_at(site.url).await;
    set_width(&b, 390).await;
    let url = format!("{}#/section/a4", site.url);
    let first = before_the_app(&b, &site, &url).await;
    let text = first.to_string();
    assert!(text.contains("(4) Agriculture and villages"), "{text}");
    assert!(
        !text.contains("Loading") && !text.contains("at a glance"),
        "{text}"
    );
    // The section's small charts keep their room: the app draws them where they were kept.
    assert_eq!(
        first,
        after_the_app(&b).await,
        "the app took over without a change on screen"
    );
    // Nor in any frame between: nothing on the page moved (the browser's layout shifts).
    assert_eq!(
        b.js("return window.shifts;").await,
        serde_json::json!([]),
        "layout shifts while the first view was shown and the app took over"
    );

    let url = format!("{}#/indicator/gdp", site.url);
    let text = before_the_app(&b, &site, &url).await.to_string();
    assert!(
        text.contains("Gross domestic product") && text.contains("Figures entered"),
        "{text}"
    );
    b.wait_for("body > main h1").await;
    b.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn where_the_app_shows_something_else_the_first_view_stays_hidden() {
    let site = Site::start(&harness::dist_dir());
    let b = Browser::start_at(site.url).await;
    // A page without a first view in the address: the title and the loading line.
    let url = format!("{}#/entry", site.url);
    let first = before_the_app(&b, &site, &url).await.to_string();
    assert!(first.contains("Loading"), "{first}");
    assert!(!first.contains("targets at a glance"), "{first}");
    b.wait_for("body > main h1").await;

    // Figures saved in this browser: the app will show them, so the first views (made for a
    // visitor with none) do not show.
    b.client.goto(site.url).await.expect("overview");
    b.wait_for("body > main h1").await;
    b.js(&format!(
        "localStorage.setItem('xinyuan-tracker', {:?}); return null;",
        xinyuan_tracker::model::saved::encode(&gdp(9.9), "2023-10-01T00:00:00Z")
    ))
    .await;
    for page in ["", "#/indicator/gdp"] {
        let url = format!("{}{page}", site.url);
        let first = before_the_app(&b, &site, &url).await.to_string();
        assert!(
            first.contains("Loading") && !first.contains("Gross domestic"),
            "{page}: {first}"
        );
        b.wait_for("body > main h1").await;
    }
    b.close().await;
}

fn gdp(growth: f64) -> Entries {
    let mut e = Entries::default();
    e.apply(Op::Put {
        id: "gdp".into(),
        figure: Figure {
            value: Some(98.5),
            growth: Some(growth),
            source: "新源县统计局：2023年前三季度".into(),
            ..Figure::empty(Period::Quarter(3))
        },
    });
    e
}

#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn a_site_rendered_again_with_its_published_figures_shows_them_first() {
    let root = tempfile::tempdir().expect("dir");
    harness::copy_dist(root.path(), |_| false);
    let published = gdp(6.2);
    std::fs::write(
        root.path().join(publish::FILE),
        publish::file(&published, "2023-10-20T02:00:00Z"),
    )
    .expect("figures.json");
    // What the build's hook does, run again on the site (README, "Publish it").
    let status = std::process::Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--bin", "prerender", "--"])
        .arg(root.path())
        .status()
        .expect("cargo run --bin prerender");
    assert!(status.success());
    let site = Site::start(root.path());
    let b = Browser::start_at(site.url).await;
    set_width(&b, 390).await;
    let first = before_the_app(&b, &site, site.url).await;
    let text = first.to_string();
    assert!(
        text.contains("Showing the published figures (1, published 2023-10-20 10:00 Beijing time)"),
        "{text}"
    );
    // GDP's card is judged from the published figure as the app judges it.
    let all = xinyuan_tracker::model::progress::assess_all(Dataset::embedded(), &published);
    let status = xinyuan_tracker::ui::text::status_name(all.status("gdp"), Lang::En);
    let card = b
        .js("return document.querySelector('.cards li .status').innerText;")
        .await;
    assert!(
        card.as_str().unwrap_or_default().contains(status),
        "{card} vs {status}"
    );
    assert_eq!(
        first,
        after_the_app(&b).await,
        "the app shows what the first view showed"
    );
    b.close().await;
}

/// A section page draws the charts near the screen and keeps the others' room; they are drawn as
/// they come into view, and all of them before the page is printed.
#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn a_section_draws_only_the_charts_near_the_screen_until_scrolled_or_printed() {
    let b = Browser::start().await;
    set_width(&b, 390).await;
    b.open("#/section/a4").await;
    let counts = async |b: &Browser| {
        let v = b
            .js("return [document.querySelectorAll('figure.chart').length, document.querySelectorAll('figure.chart svg').length];")
            .await;
        (v[0].as_u64().unwrap_or(0), v[1].as_u64().unwrap_or(0))
    };
    super::wait_until(&b, "the charts in view", async |b| counts(b).await.1 > 0).await;
    let (all, drawn) = counts(&b).await;
    assert!(
        all > 20 && drawn < all / 2,
        "{drawn} of {all} drawn at first"
    );
    // Every chart box has the height of its chart before it is drawn.
    let empty_ok = b
        .js("return [...document.querySelectorAll('figure.chart:not(:has(svg))')].every(f => f.getBoundingClientRect().height > 50);")
        .await;
    assert_eq!(empty_ok, true, "undrawn charts keep their room");
    // Scrolled to: an undrawn chart is drawn once in view.
    b.js("window.undrawn = document.querySelector('figure.chart:not(:has(svg))'); window.undrawn.scrollIntoView(); return null;")
        .await;
    super::wait_until(&b, "the chart scrolled to", async |b| {
        b.js("return !!window.undrawn.querySelector('svg');").await == true
    })
    .await;
    super::draw_charts(&b).await;
    super::wait_until(&b, "every chart", async |b| {
        let (all, drawn) = counts(b).await;
        all == drawn
    })
    .await;
    b.close().await;
}

/// The app's script and wasm are fetched only once the first view is on screen, so that on a slow
/// connection they do not share it with what is shown first: on the overview after its first
/// paint, on a section page after its first view (fetched by the page's head script) has come.
#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn the_app_is_fetched_once_the_first_view_is_on_screen() {
    let site = Site::start(&harness::dist_dir());
    let b = Browser::start_at(site.url).await;
    set_width(&b, 390).await;
    let start = "const r = performance.getEntriesByType('resource').find(r => r.name.endsWith('.wasm')); return r ? r.startTime : null;";
    b.goto(site.url).await;
    let wasm = b.js(start).await.as_f64().expect("the wasm was fetched");
    let paint = b
        .js("return performance.getEntriesByName('first-contentful-paint')[0].startTime;")
        .await
        .as_f64()
        .expect("first contentful paint");
    assert!(
        wasm >= paint,
        "the wasm was asked for at {wasm} ms, before the first view was painted at {paint} ms"
    );

    // A section's first view comes late: the wasm waits for it.
    site.slow_down("/section/a4.html", Duration::from_millis(1500));
    b.client
        .goto(&format!("{}#/section/a4", site.url))
        .await
        .expect("navigate");
    b.reload().await;
    let wasm = b.js(start).await.as_f64().expect("the wasm was fetched");
    let view = b
        .js("const r = performance.getEntriesByType('resource').find(r => r.name.endsWith('/section/a4.html')); return r ? r.responseEnd : null;")
        .await
        .as_f64()
        .expect("the section's first view was fetched");
    assert!(
        view >= 1000.0,
        "the first view came slowly ({view} ms): from the network"
    );
    assert!(
        wasm >= view,
        "the wasm was asked for at {wasm} ms, before the first view came at {view} ms"
    );
    b.close().await;
}
