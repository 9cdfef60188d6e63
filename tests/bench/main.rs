//! `cargo bench --bench tracker`: size and speed of the release build, in a table and in
//! `target/bench/tracker.json`. Needs what the e2e tier needs (`.ci/test e2e` sets it up) and a
//! release `dist/` (built by `bash .ci/release`, or by the harness when missing).
//!
//! Machines here are noisy: every timing is the median of many runs, reported with its spread
//! (min, max, and the interquartile range).
// A benchmark stops at the first thing that is not as expected.
#![allow(clippy::expect_used, clippy::unwrap_used)]

#[path = "../e2e/harness.rs"]
#[allow(dead_code)]
mod harness;
#[path = "../support/memory.rs"]
mod memory;
#[path = "../support/sample.rs"]
mod sample;
use memory::MemoryStorage;

use harness::Browser;
use serde_json::{json, Value};
use std::time::Instant;
use xinyuan_tracker::model::dataset::Dataset;
use xinyuan_tracker::model::figures::{Figure, Period};
use xinyuan_tracker::model::progress::assess_all;
use xinyuan_tracker::model::saved::{encode, Entries, Op};
use xinyuan_tracker::model::sync::{Event, Replica, KEY};

const COLD_LOADS: usize = 15;
const COMMITS: usize = 40;
const LIGHTHOUSE_RUNS: usize = 3;
/// The metrics behind Lighthouse's performance score, reported beside it: audit id and name
/// (times in simulated milliseconds; layout shift as a score).
const LIGHTHOUSE_METRICS: [(&str, &str); 5] = [
    ("first-contentful-paint", "fcp_ms"),
    ("largest-contentful-paint", "lcp_ms"),
    ("total-blocking-time", "tbt_ms"),
    ("speed-index", "speed_index_ms"),
    ("cumulative-layout-shift", "cls"),
];

/// Median, min, max, first and third quartile.
fn stats(mut xs: Vec<f64>) -> Value {
    xs.sort_by(f64::total_cmp);
    let q = |p: f64| xs[((xs.len() - 1) as f64 * p).round() as usize];
    json!({"median": q(0.5), "min": xs[0], "max": xs[xs.len() - 1], "q1": q(0.25), "q3": q(0.75), "n": xs.len()})
}

fn fmt_stats(v: &Value, unit: &str) -> String {
    format!(
        "{:.1} {unit} (IQR {:.1}–{:.1}, range {:.1}–{:.1}, n={})",
        v["median"].as_f64().unwrap(),
        v["q1"].as_f64().unwrap(),
        v["q3"].as_f64().unwrap(),
        v["min"].as_f64().unwrap(),
        v["max"].as_f64().unwrap(),
        v["n"]
    )
}

/// The pure recomputation a commit triggers: every indicator assessed and summarised.
fn recompute(data: &Dataset, entries: &Entries) -> usize {
    assess_all(data, entries).summary(&data.indicators).total()
}

/// Every status judged afresh, and judged again after one indicator's figure changed (the others
/// kept), at 1×, 10× and 100× the report's size.
fn native_recompute() -> Value {
    let base = Dataset::embedded();
    let mut out = serde_json::Map::new();
    for k in [1usize, 10, 100] {
        let data = base.scaled(k);
        let mut entries = Entries::full_year(&data);
        let runs = if k == 100 { 15 } else { 60 };
        let times: Vec<f64> = (0..runs)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(recompute(&data, &entries));
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        let mut kept = assess_all(&data, &entries);
        let id = data.indicators[0].id.clone();
        let again: Vec<f64> = (0..runs)
            .map(|i| {
                entries.apply(Op::Put {
                    id: id.clone(),
                    figure: Figure::value(Period::Month(1), i as f64),
                });
                let t = Instant::now();
                kept.update(&data, &entries);
                std::hint::black_box(kept.summary(&data.indicators).total());
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        out.insert(format!("{k}x"), json!({"indicators": data.indicators.len(), "figures": entries.len(), "ms": stats(times), "one_changed_ms": stats(again)}));
    }
    Value::Object(out)
}

fn print_native_recompute(report: &mut serde_json::Map<String, Value>) {
    let native = native_recompute();
    println!("\nJudge every status (native, ms): afresh; again after one figure changed");
    for k in ["1x", "10x", "100x"] {
        println!(
            "  {k:>4}: {} indicators, {} figures: {}; {}",
            native[k]["indicators"],
            native[k]["figures"],
            fmt_stats(&native[k]["ms"], "ms"),
            fmt_stats(&native[k]["one_changed_ms"], "ms")
        );
    }
    report.insert("recompute_native_ms".into(), native);
}

/// One commit through the saving protocol (read and merge what is stored, stamp, encode, write)
/// on a document holding a full year of every indicator, at 1×, 10× and 100× the report's size;
/// another tab's save comes in before every second commit, so half the commits decode and merge a
/// changed document.
fn native_commit() -> Value {
    let base = Dataset::embedded();
    let mut out = serde_json::Map::new();
    for k in [1usize, 10, 100] {
        let data = base.scaled(k);
        let mut storage = MemoryStorage::default();
        storage.0.insert(
            KEY.into(),
            encode(&Entries::full_year(&data), "2023-12-31T00:00:00Z"),
        );
        let mut page = Replica::start("bench-a", &mut storage, "2024-01-01T00:00:00Z");
        let mut other = Replica::start("bench-b", &mut storage, "2024-01-01T00:00:00Z");
        let id = data.indicators[0].id.clone();
        let runs = if k == 100 { 10 } else { 40 };
        let times: Vec<f64> = (0..runs)
            .map(|i| {
                if i % 2 == 0 {
                    let op = Op::Put {
                        id: id.clone(),
                        figure: Figure::value(Period::Month(2), f64::from(i)),
                    };
                    other.step(Event::Commit(op), &mut storage, "2024-01-01T00:00:00Z");
                }
                let op = Op::Put {
                    id: id.clone(),
                    figure: Figure::value(Period::Month(1), f64::from(i)),
                };
                let t = Instant::now();
                page.step(Event::Commit(op), &mut storage, "2024-01-01T00:00:00Z");
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        let bytes = storage.0.get(KEY).map_or(0, String::len);
        out.insert(
            format!("{k}x"),
            json!({"figures": page.own().len(), "document_bytes": bytes, "ms": stats(times)}),
        );
    }
    Value::Object(out)
}

/// The raw, gzip and brotli bytes of files, added up.
fn totals(files: &[(String, (usize, usize, usize))]) -> (usize, usize, usize) {
    files
        .iter()
        .fold((0, 0, 0), |a, (_, s)| (a.0 + s.0, a.1 + s.1, a.2 + s.2))
}

/// First visits that open a section or an indicator page (a link to one): the page's own first
/// view, the module and the page's part; totals only.
async fn print_other_first_visits(report: &mut serde_json::Map<String, Value>) {
    println!(
        "\nFirst visit to another page (bytes)\n{:<48} {:>10} {:>10} {:>10} {:>6}",
        "page", "raw", "gzip", "brotli", "files"
    );
    let mut out = serde_json::Map::new();
    for page in ["#/section/a4", "#/indicator/gdp"] {
        let b = Browser::start().await;
        let files = harness::first_visit_to(&b, page).await;
        b.close().await;
        let t = totals(&files);
        println!(
            "{page:<48} {:>10} {:>10} {:>10} {:>6}",
            t.0,
            t.1,
            t.2,
            files.len()
        );
        out.insert(
            page.into(),
            json!({"raw": t.0, "gzip": t.1, "brotli": t.2, "files": files.len()}),
        );
    }
    report.insert("first_visit_other_pages".into(), Value::Object(out));
}

/// A static page with the overview's table and cards and no wasm, its style sheet in the page
/// like the app's: the floor for load time.
fn floor_page() -> std::path::PathBuf {
    let data = Dataset::embedded();
    let dir = std::env::temp_dir().join(format!("tracker-floor-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("floor dir");
    // The app's style sheet, in the page as in the app's.
    let css = include_str!("../../public/style.css");
    let mut cards = String::new();
    for ind in data.in_section("main") {
        cards.push_str(&format!(
            "<li class=\"card\"><h3>{}</h3><dl><dt>2022年</dt><dd>{:?}</dd><dt>2023年目标</dt><dd>{}</dd></dl><p>暂无数据</p></li>",
            ind.name.zh,
            ind.base_value(),
            ind.growth_target().map(|g| format!("增长 {g}%")).unwrap_or_default()
        ));
    }
    let html = format!(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>floor</title><style>{css}</style></head><body><main><h1>2023年目标进度总览</h1><table class=\"summary\"><tr><th>全部</th><td>0</td><td>90</td></tr></table><ul class=\"cards\">{cards}</ul></main><script>performance.mark('tracker:rendered')</script></body></html>"
    );
    std::fs::write(dir.join("index.html"), html).expect("floor page");
    dir
}

/// One cold load (fresh browser profile): navigation start to first contentful paint (the
/// report's targets on screen: the first view, or the floor page), and, where the page is the
/// app, to the `tracker:rendered` mark (the app has taken over and answers input).
async fn cold_load(url: &str) -> (f64, Option<f64>) {
    let b = Browser::start().await;
    b.client.goto(url).await.expect("navigate");
    b.wait_for("main h1").await;
    let mut t = Value::Null;
    for _ in 0..200 {
        t = b.js("const m = n => { const e = performance.getEntriesByName(n); return e.length ? e[0].startTime : null; }; const p = m('first-contentful-paint'); const r = m('tracker:rendered'); const app = !!document.querySelector('script[data-tracker-js]'); return p === null || (app && r === null) ? null : [p, r];").await;
        if !t.is_null() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    b.close().await;
    (
        t[0].as_f64().expect("first contentful paint"),
        t[1].as_f64(),
    )
}

/// Repeat visits in one browser, after a first visit whose service worker has kept the app:
/// navigation start to first contentful paint and to the overview rendered, with the page served
/// by the service worker (checked on each load).
async fn repeat_visits(url: &str, n: usize) -> (Value, Value) {
    let b = Browser::start().await;
    b.client.goto(url).await.expect("navigate");
    b.wait_for("body > main h1").await;
    for _ in 0..200 {
        let active = b
            .js("return navigator.serviceWorker.getRegistration().then(r => !!(r && r.active && r.active.state === 'activated'));")
            .await;
        if active == true {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let (mut paint, mut rendered) = (Vec::new(), Vec::new());
    for _ in 0..n {
        b.client.goto("about:blank").await.expect("leave");
        b.client.goto(url).await.expect("navigate");
        b.wait_for("body > main h1").await;
        let mut t = Value::Null;
        for _ in 0..100 {
            t = b.js("const r = performance.getEntriesByName('tracker:rendered'); const p = performance.getEntriesByName('first-contentful-paint'); return r.length && p.length ? [p[0].startTime, r[0].startTime, !!navigator.serviceWorker.controller] : null;").await;
            if !t.is_null() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        assert_eq!(t[2], true, "the page was not served by the service worker");
        paint.push(t[0].as_f64().expect("first contentful paint"));
        rendered.push(t[1].as_f64().expect("tracker:rendered"));
    }
    b.close().await;
    (stats(paint), stats(rendered))
}

fn print_repeat_visits(
    report: &mut serde_json::Map<String, serde_json::Value>,
    paint: Value,
    rendered: Value,
) {
    println!(
        "\nRepeat visit, page from the service worker's cache (ms from navigation)\n  first contentful paint: {}\n  overview rendered:      {}",
        fmt_stats(&paint, "ms"),
        fmt_stats(&rendered, "ms")
    );
    report.insert(
        "repeat_visit_ms".into(),
        json!({"first_contentful_paint": paint, "overview_rendered": rendered}),
    );
}

/// Cold loads of the app and of the floor, taken in turns so that both see the same machine
/// load: first content, and its ratio pair by pair. Also: when the app answers input.
async fn cold_loads(app_url: &str, floor_url: &str) -> (Value, Value, Value, Value) {
    let (mut app, mut started, mut floor, mut ratio) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..COLD_LOADS {
        let (a, s) = cold_load(app_url).await;
        let (f, _) = cold_load(floor_url).await;
        ratio.push(a / f);
        app.push(a);
        started.push(s.expect("the app marks tracker:rendered"));
        floor.push(f);
    }
    (stats(app), stats(started), stats(floor), stats(ratio))
}

/// Commits through the form on an indicator page and times until the figure shows in the page's
/// table (a MutationObserver sees it; the status, chart and table are re-rendered in the same pass).
async fn commit_times(b: &Browser, n: usize) -> Value {
    let script = r#"
        const done = arguments[arguments.length - 1];
        const value = arguments[0];
        const input = document.querySelector('#f-value');
        input.value = value;
        input.dispatchEvent(new Event('input', {bubbles: true}));
        // The table writes values as the interface language does ("1.005 million visits"); each
        // cell carries the value as saved.
        const updated = () => [...document.querySelectorAll('[data-testid=figures] [data-value]')]
            .some(e => e.dataset.value === value);
        const t0 = performance.now();
        const finish = () => { observer.disconnect(); clearTimeout(limit); done(performance.now() - t0); };
        const observer = new MutationObserver(() => { if (updated()) finish(); });
        observer.observe(document.body, {subtree: true, childList: true, characterData: true});
        const limit = setTimeout(() => { observer.disconnect(); done(-1); }, 5000);
        document.querySelector('form.entry button[type=submit]').click();
        if (updated()) finish();
    "#;
    let mut times = Vec::new();
    for i in 0..n {
        let value = format!("{}.5", 100 + i % 800);
        let t = b
            .client
            .execute_async(script, vec![json!(value)])
            .await
            .expect("commit");
        let t = t.as_f64().expect("time");
        assert!(t >= 0.0, "the page had not updated within 5 s");
        times.push(t);
    }
    stats(times)
}

/// The site built with `--features bench` (`.ci/bench` builds it; built here when missing).
fn bench_dist() -> std::path::PathBuf {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("target/bench/dist");
    if !dir.join("index.html").exists() {
        let status = std::process::Command::new("bash")
            .args([".ci/release", "--features", "bench", "--dist"])
            .arg(&dir)
            .current_dir(root)
            .status()
            .expect("bash runs .ci/release");
        assert!(
            status.success(),
            "the release build with --features bench failed"
        );
    }
    dir
}

/// Commit times on the report's dataset scaled 10× and 100×, every indicator starting with a
/// figure for every month (`?scale=K&fill`, see `web::bench`). Each commit reads the saved
/// document, applies the change, writes it back and re-renders; at 100× the document is larger
/// than Chromium lets a site keep in localStorage, so the write fails and the app says so.
async fn scaled_commits() -> Value {
    let base = harness::serve_dir(bench_dist());
    let mut out = serde_json::Map::new();
    for (k, n) in [(10usize, 20usize), (100, 10)] {
        let data = Dataset::embedded().scaled(k);
        let entries = Entries::full_year(&data);
        // The document as the page writes it (every figure stamped with its revision); the
        // same figures unstamped when it does not fit.
        let unstamped = encode(&entries, "2023-12-31T00:00:00Z").len();
        let b = Browser::start().await;
        b.client
            .goto(&format!("{base}?scale={k}&fill#/indicator/tourists_0"))
            .await
            .expect("navigate");
        b.wait_for("[data-testid=figures]").await;
        let ms = commit_times(&b, n).await;
        let saved = b
            .js("return document.querySelector('.banner.warn') === null;")
            .await;
        let stored = b
            .js("return (localStorage.getItem('xinyuan-tracker') || '').length;")
            .await
            .as_u64()
            .unwrap_or(0) as usize;
        let doc_mb = stored.max(unstamped) as f64 / 1e6;
        b.close().await;
        out.insert(
            format!("{k}x"),
            json!({"indicators": data.indicators.len(), "figures": entries.len(),
                   "document_mb": (doc_mb * 10.0).round() / 10.0, "saved": saved, "ms": ms}),
        );
    }
    Value::Object(out)
}

async fn memory(b: &Browser) -> Value {
    b.js("return {js_heap_used: performance.memory ? performance.memory.usedJSHeapSize : null, wasm_memory: window.trackerMemory ? window.trackerMemory.buffer.byteLength : null};").await
}

fn lighthouse_scores(base: &str) -> Value {
    let mut out = serde_json::Map::new();
    for page in ["", "#/section/a4", "#/indicator/gdp"] {
        let mut per: std::collections::BTreeMap<String, Vec<f64>> = Default::default();
        for _ in 0..LIGHTHOUSE_RUNS {
            let file = tempfile::NamedTempFile::new().expect("temp");
            let status = std::process::Command::new("lighthouse")
                .arg(format!("{base}{page}"))
                .args(["--output=json", "--quiet"])
                .arg(format!("--output-path={}", file.path().display()))
                .arg("--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync")
                .env("CHROME_PATH", std::env::var("CHROME_BINARY").unwrap_or_else(|_| "/usr/bin/chromium".into()))
                .status();
            match status {
                Ok(s) if s.success() => {}
                // One run failing (Chromium on a busy machine) leaves the median to the others.
                Ok(s) => {
                    eprintln!("  lighthouse {page}: run failed ({s})");
                    continue;
                }
                Err(e) => panic!(
                    "lighthouse could not be run ({e}): `bash .ci/bench` installs it, or put \
                     .tools/node_modules/.bin on PATH"
                ),
            }
            let report: Value =
                serde_json::from_slice(&std::fs::read(file.path()).expect("report")).expect("json");
            for cat in ["performance", "accessibility", "best-practices", "seo"] {
                if let Some(s) = report["categories"][cat]["score"].as_f64() {
                    per.entry(cat.to_string()).or_default().push(s * 100.0);
                }
            }
            // What the performance score is made of, per run (simulated mobile times, ms).
            let mut run = Vec::new();
            for (audit, name) in LIGHTHOUSE_METRICS {
                if let Some(v) = report["audits"][audit]["numericValue"].as_f64() {
                    per.entry(name.to_string()).or_default().push(v);
                    run.push(format!("{name} {}", lighthouse_value(name, v)));
                }
            }
            eprintln!(
                "  lighthouse {page_or}: {}",
                run.join(", "),
                page_or = if page.is_empty() { "overview" } else { page }
            );
        }
        let page_name = if page.is_empty() { "overview" } else { page };
        out.insert(
            page_name.into(),
            per.into_iter()
                .map(|(k, v)| (k, stats(v)))
                .collect::<serde_json::Map<_, _>>()
                .into(),
        );
    }
    Value::Object(out)
}

fn print_native_commit(report: &mut serde_json::Map<String, Value>) {
    let commit = native_commit();
    println!(
        "\nCommit through the saving protocol (native, ms; half of them merge another tab's save)"
    );
    for k in ["1x", "10x", "100x"] {
        println!(
            "  {k:>4}: {} figures, document {} bytes: {}",
            commit[k]["figures"],
            commit[k]["document_bytes"],
            fmt_stats(&commit[k]["ms"], "ms")
        );
    }
    report.insert("commit_native_ms".into(), commit);
}

/// Length of a link carrying a full year of every indicator, and of the one offered instead
/// (the latest figure of each indicator).
fn print_share_links(report: &mut serde_json::Map<String, serde_json::Value>) {
    use xinyuan_tracker::model::share;
    let data = Dataset::embedded();
    let year = sample::full_year(data);
    let base = "https://example.org/tracker/";
    let all = format!("{base}{}{}", share::PREFIX, share::encode(&year, data));
    let latest = share::latest(&year);
    let offered = format!("{base}{}{}", share::PREFIX, share::encode(&latest, data));
    println!(
        "\nShare link (characters, with the address {base})\n  full year, every indicator ({} figures): {}\n  latest figure of each indicator ({} figures): {} (links are offered up to {})",
        year.len(),
        all.len(),
        latest.len(),
        offered.len(),
        share::MAX_LINK
    );
    report.insert(
        "share_link".into(),
        json!({"full_year": {"figures": year.len(), "characters": all.len()},
               "latest_of_each": {"figures": latest.len(), "characters": offered.len()},
               "max": share::MAX_LINK}),
    );
}

/// Commits in the browser: at the report's size with few figures saved and with a full year of
/// every indicator (and, with `memory`, memory before and after 1,000 entries), then on the
/// synthetic datasets 10× and 100× the report's size.
async fn print_commits(report: &mut serde_json::Map<String, Value>, memory_too: bool) {
    let data = Dataset::embedded();
    let b = Browser::start().await;
    b.open("#/indicator/tourists").await;
    let mem_load = memory(&b).await;
    let empty = commit_times(&b, COMMITS).await;
    let full = encode(&Entries::full_year(data), "2023-12-31T00:00:00Z");
    b.js(&format!(
        "localStorage.setItem('xinyuan-tracker', {}); return null;",
        json!(full)
    ))
    .await;
    b.reload().await;
    b.wait_for("[data-testid=figures]").await;
    let loaded = commit_times(&b, COMMITS).await;
    println!("\nCommit of one figure to the page updated (ms)\n  few figures saved:           {}\n  every indicator, every month: {}", fmt_stats(&empty, "ms"), fmt_stats(&loaded, "ms"));
    report.insert(
        "commit_ms".into(),
        json!({"few_figures": empty, "full_year_all_indicators": loaded}),
    );
    if memory_too {
        b.js("localStorage.removeItem('xinyuan-tracker'); return null;")
            .await;
        b.reload().await;
        let t = Instant::now();
        let _ = commit_times(&b, 1000).await;
        let thousand_s = t.elapsed().as_secs_f64();
        let mem_1000 = memory(&b).await;
        println!("\nMemory (bytes)\n  after load:        {mem_load}\n  after 1,000 entries ({thousand_s:.1} s to enter): {mem_1000}");
        report.insert(
            "memory_bytes".into(),
            json!({"after_load": mem_load, "after_1000_entries": mem_1000}),
        );
    }
    b.close().await;

    // The same in the browser, on synthetic datasets 10× and 100× the report's size.
    let scaled = scaled_commits().await;
    println!("\nCommit to page updated, every indicator with every month (ms)");
    for k in ["10x", "100x"] {
        let v = &scaled[k];
        println!(
            "  {k:>4}: {} indicators, {} figures, saved document {} MB ({}): {}",
            v["indicators"],
            v["figures"],
            v["document_mb"],
            if v["saved"].as_bool() == Some(true) {
                "saved"
            } else {
                "does not fit in localStorage; kept in memory"
            },
            fmt_stats(&v["ms"], "ms")
        );
    }
    report.insert("commit_scaled_ms".into(), scaled);
}

/// What is not part of a first visit: the parts of the module fetched when a page that needs
/// them is first opened (`parts-*/`: a page's own part, `split_<page>.wasm`, and the pieces it
/// shares with other pages, `chunk_<n>.wasm`), and the Word document's worker.
fn print_fetched_later(report: &mut serde_json::Map<String, Value>) {
    let dist = harness::dist_dir();
    let mut files: Vec<String> = Vec::new();
    for entry in std::fs::read_dir(&dist).unwrap().filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with("parts-") {
            // Their loader (`__wasm_split.js`) is imported by the app's script: a first visit has it.
            for part in std::fs::read_dir(entry.path())
                .unwrap()
                .filter_map(Result::ok)
            {
                let part = part.file_name().to_string_lossy().into_owned();
                if part.ends_with(".wasm") {
                    files.push(format!("{name}/{part}"));
                }
            }
        } else if name.starts_with("docx_worker") {
            files.push(name);
        }
    }
    files.sort();
    let sized: Vec<(String, (usize, usize, usize))> = files
        .into_iter()
        .map(|f| {
            let sizes = harness::compressed_sizes(&std::fs::read(dist.join(&f)).unwrap());
            (f, sizes)
        })
        .collect();
    let sum = |pick: &dyn Fn(&str) -> bool| {
        sized
            .iter()
            .filter(|(f, _)| pick(f))
            .fold((0, 0, 0), |a, (_, s)| (a.0 + s.0, a.1 + s.1, a.2 + s.2))
    };
    println!(
        "\nFetched later, when a page needs it (bytes)\n{:<48} {:>10} {:>10} {:>10}",
        "file", "raw", "gzip", "brotli"
    );
    for (f, s) in &sized {
        println!("{f:<48} {:>10} {:>10} {:>10}", s.0, s.1, s.2);
    }
    let parts = sum(&|f| f.starts_with("parts-"));
    println!(
        "{:<48} {:>10} {:>10} {:>10}",
        "total of the parts", parts.0, parts.1, parts.2
    );
    report.insert(
        "fetched_later".into(),
        json!({"files": sized.iter().map(|(f, s)| json!({"file": f, "raw": s.0, "gzip": s.1, "brotli": s.2})).collect::<Vec<_>>(),
               "parts_total": {"raw": parts.0, "gzip": parts.1, "brotli": parts.2}}),
    );
}

/// What a first visit downloads once the app has started, for offline use: the service worker's
/// script, and what it keeps at install (`sw.js`: the files not marked as fetched when asked for)
/// that the page itself did not load (the parts, the report's text and data).
fn print_kept_at_install(
    report: &mut serde_json::Map<String, Value>,
    first_visit: &[(String, (usize, usize, usize))],
) {
    let dist = harness::dist_dir();
    let sw = std::fs::read_to_string(dist.join("sw.js")).expect("sw.js");
    let mut files = vec!["sw.js".to_string()];
    for line in sw.lines().filter(|l| l.ends_with(", false],")) {
        let name = line.split('"').nth(1).expect("a file's name");
        if !first_visit.iter().any(|(f, _)| f == name) {
            files.push(name.to_string());
        }
    }
    let sized: Vec<(String, (usize, usize, usize))> = files
        .into_iter()
        .map(|f| {
            let sizes = harness::compressed_sizes(&std::fs::read(dist.join(&f)).expect("kept"));
            (f, sizes)
        })
        .collect();
    assert!(
        sized.len() > 1,
        "sw.js lists no file kept at install: has its format changed?"
    );
    let sw = sized[0].1;
    let total = totals(&sized);
    println!(
        "\nAfter a first visit, in the background, for offline use (bytes)\n{:<48} {:>10} {:>10} {:>10}\n{:<48} {:>10} {:>10} {:>10}",
        "file", "raw", "gzip", "brotli", "sw.js", sw.0, sw.1, sw.2
    );
    println!(
        "{:<48} {:>10} {:>10} {:>10}",
        format!("sw.js and the {} files it keeps", sized.len() - 1),
        total.0,
        total.1,
        total.2
    );
    report.insert(
        "kept_at_install".into(),
        json!({"sw_js": {"raw": sw.0, "gzip": sw.1, "brotli": sw.2}, "files": sized.len() - 1,
               "total": {"raw": total.0, "gzip": total.1, "brotli": total.2}}),
    );
}

/// A Lighthouse category score or metric as printed: a layout shift with three decimals.
fn lighthouse_value(name: &str, v: f64) -> String {
    if name == "cls" {
        format!("{v:.3}")
    } else {
        format!("{v:.0}")
    }
}

/// Lighthouse, mobile settings, on the three kinds of page: medians of the scores and of the
/// metrics behind the performance score.
fn print_lighthouse(report: &mut serde_json::Map<String, Value>) {
    let lh = lighthouse_scores(harness::server());
    println!("\nLighthouse (mobile), median of {LIGHTHOUSE_RUNS}");
    for (page, cats) in lh.as_object().unwrap() {
        let line: Vec<String> = cats
            .as_object()
            .unwrap()
            .iter()
            .map(|(c, s)| format!("{c} {}", lighthouse_value(c, s["median"].as_f64().unwrap())))
            .collect();
        println!("  {page:<20} {}", line.join(", "));
    }
    report.insert("lighthouse".into(), lh);
}

#[tokio::main]
async fn main() {
    let mut report = serde_json::Map::new();
    // `cargo bench --bench tracker -- native`: the native measurements alone, no browser.
    // `cargo bench --bench tracker -- repeat`: repeat visits alone.
    if std::env::args().any(|a| a == "repeat") {
        let (paint, rendered) = repeat_visits(harness::server(), COLD_LOADS).await;
        print_repeat_visits(&mut report, paint, rendered);
        return;
    }
    if std::env::args().any(|a| a == "native") {
        print_share_links(&mut report);
        print_native_recompute(&mut report);
        print_native_commit(&mut report);
        return;
    }
    // `cargo bench --bench tracker -- lighthouse`: Lighthouse alone.
    if std::env::args().any(|a| a == "lighthouse") {
        print_lighthouse(&mut report);
        return;
    }
    // `cargo bench --bench tracker -- commit`: commits in the browser alone.
    if std::env::args().any(|a| a == "commit") {
        print_commits(&mut report, false).await;
        return;
    }

    // `cargo bench --bench tracker -- cold`: first-visit bytes and cold loads alone.
    let cold_only = std::env::args().any(|a| a == "cold");
    if !cold_only {
        print_share_links(&mut report);
    }

    // Bytes of a first visit.
    let b = Browser::start().await;
    let files = harness::first_visit(&b).await;
    b.close().await;
    let total = totals(&files);
    println!(
        "\nFirst visit (bytes)\n{:<48} {:>10} {:>10} {:>10}",
        "file", "raw", "gzip", "brotli"
    );
    for (f, s) in &files {
        println!("{f:<48} {:>10} {:>10} {:>10}", s.0, s.1, s.2);
    }
    println!(
        "{:<48} {:>10} {:>10} {:>10}",
        "total", total.0, total.1, total.2
    );
    println!("budget (gzip): {}", harness::gzip_budget());
    report.insert(
        "first_visit".into(),
        json!({"files": files.iter().map(|(f, s)| json!({"file": f, "raw": s.0, "gzip": s.1, "brotli": s.2})).collect::<Vec<_>>(),
               "total": {"raw": total.0, "gzip": total.1, "brotli": total.2}, "gzip_budget": harness::gzip_budget()}),
    );
    print_fetched_later(&mut report);
    print_kept_at_install(&mut report, &files);
    print_other_first_visits(&mut report).await;

    // Cold loads against the floor.
    let floor_url = harness::serve_dir(floor_page());
    let (app, started, floor, pairs) = cold_loads(harness::server(), &floor_url).await;
    println!(
        "\nNavigation to first contentful paint (ms), app and floor in turns\n  app:   {}\n  floor: {}\n  ratio app/floor, pair by pair: {}\nNavigation to the app answering input (tracker:rendered, ms)\n  app:   {}",
        fmt_stats(&app, "ms"),
        fmt_stats(&floor, "ms"),
        fmt_stats(&pairs, "×"),
        fmt_stats(&started, "ms")
    );
    report.insert(
        "cold_load_ms".into(),
        json!({"first_content": {"app": app, "floor_static_html": floor, "ratio_pairwise": pairs}, "app_answers_input": started}),
    );

    if cold_only {
        return;
    }
    let (paint, rendered) = repeat_visits(harness::server(), COLD_LOADS).await;
    print_repeat_visits(&mut report, paint, rendered);

    print_commits(&mut report, true).await;

    // The pure recomputation behind a commit, at 1×, 10× and 100× the report's size.
    print_native_recompute(&mut report);
    print_native_commit(&mut report);

    print_lighthouse(&mut report);

    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    std::fs::create_dir_all(&out).expect("target/bench");
    let path = out.join("tracker.json");
    std::fs::write(
        &path,
        serde_json::to_string_pretty(&Value::Object(report)).unwrap(),
    )
    .expect("write report");
    println!("\nWritten to {}", path.display());
}
