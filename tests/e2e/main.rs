//! End-to-end tests: the release build in headless Chromium over WebDriver.
//!
//! They need Chromium, ChromeDriver and trunk, so they are `#[ignore]`d in a plain `cargo test`;
//! `.ci/test e2e` builds `dist/` and runs them with `--ignored`.
// Tests stop at the first thing that is not as expected.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod first;
mod harness;
mod reach;
#[path = "../support/read_docx.rs"]
mod read_docx;

use fantoccini::Locator;
use harness::Browser;
use std::time::Duration;

const KEY: &str = "xinyuan-tracker";

/// The figures table of the open indicator page: its text, then each value as saved (the table
/// shows values as the interface language writes them: "3.805 million visits" for 380.5 万人次).
async fn figures_text(b: &Browser) -> String {
    b.wait_for("[data-testid=figures]").await;
    let raw = b
        .js("return [...document.querySelectorAll('[data-testid=figures] [data-value]')].map(e => e.dataset.value).join(' ');")
        .await;
    format!(
        "{} {}",
        b.text("[data-testid=figures]").await,
        raw.as_str().unwrap_or_default()
    )
}

async fn saved_count(b: &Browser) -> String {
    b.text("[data-testid=saved-count]").await
}

async fn stored(b: &Browser) -> serde_json::Value {
    b.js(&format!("return localStorage.getItem('{KEY}');"))
        .await
}

/// The saved document, parsed.
async fn stored_doc(b: &Browser) -> serde_json::Value {
    serde_json::from_str(stored(b).await.as_str().expect("a saved document")).expect("json")
}

/// Clicks Undo in the footer.
async fn undo(b: &Browser) {
    b.click("footer .actions button:nth-child(2)").await;
}

/// Enters a figure on the open indicator page through the form, as a user would.
async fn enter(b: &Browser, period: &str, value: &str) {
    let select = b.wait_for("form.entry select[name=period]").await;
    select.select_by_value(period).await.expect("period");
    let input = b.wait_for("#f-value").await;
    input.clear().await.expect("clear");
    input.send_keys(value).await.expect("type");
    b.click("form.entry button[type=submit]").await;
}

async fn wait_until(b: &Browser, what: &str, mut check: impl AsyncFnMut(&Browser) -> bool) {
    let start = std::time::Instant::now();
    while !check(b).await {
        assert!(
            start.elapsed() < harness::WAIT,
            "timed out waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Draws every chart of the page now: charts are drawn as they come near the screen, and all at
/// once before the page is printed.
async fn draw_charts(b: &Browser) {
    b.js("window.dispatchEvent(new Event('beforeprint')); return null;")
        .await;
}

/// Fills the origin's storage quota with other keys.
async fn fill_storage(b: &Browser) {
    b.js(r#"
        let n = 0;
        for (const size of [262144, 16384, 1024, 64, 1]) {
          const chunk = 'x'.repeat(size);
          for (;;) { try { localStorage.setItem('f' + n++, chunk); } catch (e) { break; } }
        }
        return null;"#)
        .await;
}

/// Frees what [`fill_storage`] took, enters a September figure of tourists, waits for the warning
/// to go, and returns the periods of tourists in the saved document.
async fn free_storage_and_save_september(b: &Browser) -> Vec<String> {
    free_storage(b).await;
    enter(b, "M9", "500").await;
    wait_until(b, "the banner to go", async |b| {
        b.js("return document.querySelector('.banner.warn') === null;")
            .await
            .as_bool()
            == Some(true)
    })
    .await;
    stored_doc(b).await["data"]["figures"]["tourists"]
        .as_array()
        .expect("figures of tourists")
        .iter()
        .filter_map(|f| f["period"].as_str().map(String::from))
        .collect()
}

#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn release_build_loads_renders_the_app_and_logs_no_errors() {
    let b = Browser::start().await;
    b.open("").await;
    let title = b.client.title().await.expect("title");
    assert!(title.contains("新源县"), "{title}");
    // The app rendered, not just the HTML shell: the summary and one card per main target.
    b.wait_for("[data-testid=summary] tbody tr").await;
    let cards = b
        .client
        .find_all(Locator::Css("ul.cards > li"))
        .await
        .expect("cards");
    assert_eq!(cards.len(), 10, "one card per main target");
    assert_eq!(
        b.js("return document.getElementById('shell') === null;")
            .await,
        serde_json::json!(true),
        "the loading shell is gone once the app runs"
    );
    draw_charts(&b).await;
    let svg = b.wait_for("figure.chart svg").await;
    assert!(svg.html(false).await.expect("svg").contains("<rect"));
    for page in [
        "#/all",
        "#/section/a4",
        "#/indicator/gdp",
        "#/indicator/tourists",
    ] {
        b.open(page).await;
    }
    let problems = b.console("WARNING").await;
    assert!(problems.is_empty(), "console: {problems:#?}");
    b.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn every_page_has_its_own_url_that_survives_a_reload() {
    let b = Browser::start().await;
    b.open("#/indicator/crude_steel").await;
    b.reload().await;
    let target = b.text("[data-testid=target]").await;
    // 129万吨 in Chinese, 1.29 million tonnes in English.
    assert!(
        target.contains("129") || target.contains("1.29 million"),
        "{target}"
    );
    b.open("#/all?q=%E6%B8%B8%E5%AE%A2").await; // 游客
    let rows = b
        .client
        .find_all(Locator::Css("table.indicators tbody tr"))
        .await
        .expect("rows");
    assert!(
        !rows.is_empty() && rows.len() < 10,
        "search narrows the table: {} rows",
        rows.len()
    );
    b.open("#/all?section=main").await;
    let rows = b
        .client
        .find_all(Locator::Css("table.indicators tbody tr"))
        .await
        .expect("rows");
    assert_eq!(rows.len(), 10);
    b.close().await;
}

/// The texts of the report's words quoted on the page (in `<details>`, closed or not).
async fn quotes_shown(b: &Browser) -> Vec<String> {
    let v = b
        .js("return [...document.querySelectorAll('main blockquote')].map(q => q.textContent);")
        .await;
    serde_json::from_value(v).expect("quotes")
}

#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn the_reports_words_behind_each_figure_are_shown_and_searched() {
    // The quotes come in a part of the module of their own, fetched with the pages that show
    // them; a first visit to the overview does not fetch them.
    let base = "预计，实现地区生产总值 133.61 亿元、增长 3%；";
    let target = "2023年经济社会发展的主要预期目标是：地区生产总值同比增长8%；";
    let b = Browser::start().await;
    b.open("#/indicator/gdp").await;
    wait_until(&b, "the indicator's quotes", async |b| {
        !quotes_shown(b).await.is_empty()
    })
    .await;
    assert_eq!(quotes_shown(&b).await, [base, target]);
    b.open("#/section/main").await;
    // The section's own rows first: the indicator page showed the same target's quote.
    b.wait_for("#row-revenue").await;
    wait_until(&b, "the section's quotes", async |b| {
        quotes_shown(b).await.iter().any(|q| q == target)
    })
    .await;
    // Words found only in a quote find its indicator, and only it.
    b.open("#/all?q=%E5%90%8C%E6%AF%94%E5%A2%9E%E9%95%BF8%25")
        .await; // 同比增长8%
    wait_until(&b, "GDP alone, found by its target's words", async |b| {
        b.js("return [...document.querySelectorAll('table.indicators tbody tr')].map(r => r.id);")
            .await
            == serde_json::json!(["row-gdp"])
    })
    .await;
    b.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn a_figure_typed_survives_a_reload_and_a_new_browser_session() {
    let b = Browser::start().await;
    b.open("#/indicator/tourists").await;
    enter(&b, "M6", "３８０.5").await;
    b.wait_for("[data-testid=figures]").await;
    assert!(figures_text(&b).await.contains("380.5"));
    // 380.5 of 840 at mid-year is behind the even pace: exactly "behind", not "far behind".
    assert_eq!(status_id(&b).await.as_deref(), Some("behind"));
    b.reload().await;
    assert!(figures_text(&b).await.contains("380.5"));
    // Edit: the figure goes back into the form, is corrected and saved over the old one.
    b.click("[data-testid=figures] button.edit").await;
    let v = b.wait_for("#f-value").await;
    assert_eq!(
        v.prop("value").await.expect("value").as_deref(),
        Some("380.5")
    );
    v.clear().await.expect("clear");
    v.send_keys("390").await.expect("type");
    b.click("form.entry button[type=submit]").await;
    wait_until(&b, "the corrected figure", async |b| {
        let t = figures_text(b).await;
        t.contains("390") && !t.contains("380.5")
    })
    .await;
    let b = b.restart().await;
    b.open("#/indicator/tourists").await;
    let t = figures_text(&b).await;
    assert!(
        t.contains("390") && !t.contains("380.5"),
        "kept across browser sessions: {t}"
    );
    b.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn bad_input_is_refused_with_a_message_and_stays_in_the_box() {
    let b = Browser::start().await;
    b.open("#/indicator/tourists").await;
    for bad in ["abc", "NaN", "1e400", "1,23"] {
        enter(&b, "M3", bad).await;
        b.wait_for("form.entry .error").await;
        let kept = b
            .wait_for("#f-value")
            .await
            .prop("value")
            .await
            .expect("value");
        assert_eq!(kept.as_deref(), Some(bad), "the text stays to be corrected");
        assert_eq!(
            b.wait_for("#f-value")
                .await
                .attr("aria-invalid")
                .await
                .expect("attr")
                .as_deref(),
            Some("true")
        );
    }
    assert!(
        b.client
            .find(Locator::Css("[data-testid=figures]"))
            .await
            .is_err(),
        "nothing saved"
    );
    assert_eq!(stored(&b).await, serde_json::Value::Null);
    b.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn a_corrupt_saved_document_is_kept_byte_for_byte() {
    let b = Browser::start().await;
    b.open("").await;
    let corrupt = r#"{"app":"xinyuan-tracker","schema":1,"data":{"figures":{"gdp":[{"period":"Q9"#;
    b.js(&format!(
        "localStorage.setItem('{KEY}', {});",
        serde_json::json!(corrupt)
    ))
    .await;
    b.reload().await;
    b.wait_for(".banner.warn").await;
    assert_eq!(stored(&b).await, serde_json::json!(corrupt));
    // Entering a figure works in memory but does not overwrite the unreadable document.
    b.open("#/indicator/tourists").await;
    enter(&b, "M3", "100").await;
    b.wait_for("[data-testid=figures]").await;
    assert_eq!(
        stored(&b).await,
        serde_json::json!(corrupt),
        "not overwritten"
    );
    b.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn full_storage_is_reported_and_nothing_is_lost() {
    let b = Browser::start().await;
    b.open("#/indicator/tourists").await;
    enter(&b, "M3", "100").await;
    b.wait_for("[data-testid=figures]").await;
    let before = stored(&b).await;
    fill_storage(&b).await;
    enter(&b, "M6", "300").await;
    let banner = b.text(".banner.warn").await;
    assert!(
        banner.contains("full") || banner.contains("已满"),
        "{banner}"
    );
    assert!(
        figures_text(&b).await.contains("300"),
        "the new figure is kept in the page"
    );
    assert_eq!(stored(&b).await, before, "what was saved before is intact");
    // Space is freed: the next change saves everything, the figure kept in memory included.
    let periods = free_storage_and_save_september(&b).await;
    assert_eq!(periods, ["M3", "M6", "M9"]);
    b.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn a_figure_kept_in_memory_while_storage_is_full_survives_another_tabs_save() {
    let b = Browser::start().await;
    b.open("#/indicator/tourists").await;
    enter(&b, "M3", "100").await;
    b.wait_for("[data-testid=figures]").await;
    let first = b.client.window().await.expect("window");
    let second = b.client.new_window(true).await.expect("new tab").handle;
    b.client
        .switch_to_window(second.clone())
        .await
        .expect("switch");
    b.open("#/indicator/tourists").await;
    b.wait_for("[data-testid=figures]").await;
    fill_storage(&b).await;
    // The first tab enters a figure that storage cannot take.
    b.client
        .switch_to_window(first.clone())
        .await
        .expect("switch");
    enter(&b, "M6", "300").await;
    b.wait_for(".banner.warn").await;
    // The second tab deletes the March figure: a smaller document, which storage takes.
    b.client
        .switch_to_window(second.clone())
        .await
        .expect("switch");
    b.click("[data-testid=figures] button.delete").await;
    wait_until(&b, "the deletion to be saved", async |b| {
        stored_doc(b).await["data"]["figures"]["tourists"]
            .as_array()
            .is_none_or(Vec::is_empty)
    })
    .await;
    // The first tab takes the deletion in and still has its June figure.
    b.client
        .switch_to_window(first.clone())
        .await
        .expect("switch");
    wait_until(&b, "the first tab to drop March and keep June", async |b| {
        let t = figures_text(b).await;
        !t.contains("100") && t.contains("300")
    })
    .await;
    // Space is freed: the next change saves June with it.
    let periods = free_storage_and_save_september(&b).await;
    assert_eq!(periods, ["M6", "M9"]);
    b.close().await;
}

/// A document written by a newer version of the tracker, in another tab.
const NEWER: &str = r#"{"app":"xinyuan-tracker","schema":99,"saved_at":"2024-01-01T00:00:00Z","data":{"figures":{"tourists":[{"period":"M3","value":100,"confidence":"high"}]}}}"#;

/// A schema-1 document as the first release of the tracker wrote it. Frozen: never edit.
const FROZEN_V1: &str = r#"{"app":"xinyuan-tracker","schema":1,"saved_at":"2023-07-15T08:00:00.000Z","data":{"figures":{"gdp":[{"period":"Q2","value":70.1,"growth":6.5,"prev":65.2,"note":"统计局快报"}],"tourists":[{"period":"M3","value":120.5},{"period":"M6","value":380}]}}}"#;

async fn set_item(b: &Browser, key: &str, value: &str) {
    b.js(&format!(
        "localStorage.setItem({}, {}); return null;",
        serde_json::json!(key),
        serde_json::json!(value)
    ))
    .await;
}

async fn item(b: &Browser, key: &str) -> serde_json::Value {
    b.js(&format!(
        "return localStorage.getItem({});",
        serde_json::json!(key)
    ))
    .await
}

/// Opens the release grid at month `month` (of the main targets) and returns its inputs.
async fn grid_inputs(b: &Browser, month: &str) -> Vec<fantoccini::elements::Element> {
    b.open("#/entry").await;
    b.wait_for("select[name=month]")
        .await
        .select_by_value(month)
        .await
        .expect("month");
    b.client
        .find_all(Locator::Css("form.grid-entry tbody input"))
        .await
        .expect("inputs")
}

/// Removes what [`fill_storage`] took.
async fn free_storage(b: &Browser) {
    b.js(r#"
        for (const k of Object.keys(localStorage)) if (/^f[0-9]+$/.test(k)) localStorage.removeItem(k);
        return null;"#)
        .await;
}

#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn a_newer_versions_document_saved_in_another_tab_survives_this_pages_save_byte_for_byte() {
    let b = Browser::start().await;
    b.open("#/indicator/tourists").await;
    enter(&b, "M3", "100").await;
    b.wait_for("[data-testid=figures]").await;
    let first = b.client.window().await.expect("window");
    let second = b.client.new_window(true).await.expect("new tab").handle;
    b.client.switch_to_window(second).await.expect("switch");
    b.open("").await;
    // The other tab runs a newer version of the tracker and saves its document.
    set_item(&b, KEY, NEWER).await;
    b.client.switch_to_window(first).await.expect("switch");
    enter(&b, "M6", "300").await;
    let health = b.text("[data-testid=health]").await;
    assert!(
        health.contains("cannot be read") || health.contains("无法读取"),
        "{health}"
    );
    assert_eq!(stored(&b).await, serde_json::json!(NEWER), "byte for byte");
    assert!(
        figures_text(&b).await.contains("300"),
        "the figure is kept in the page"
    );
    b.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn setting_aside_with_storage_full_changes_nothing_and_works_once_there_is_room() {
    let b = Browser::start().await;
    b.open("").await;
    let corrupt = r#"{"app":"xinyuan-tracker","schema":2,"data":{"figures":{"gdp":[{"period":"Q9"#;
    set_item(&b, KEY, corrupt).await;
    b.reload().await;
    b.wait_for("[data-testid=health]").await;
    b.open("#/indicator/tourists").await;
    enter(&b, "M3", "100").await;
    b.wait_for("[data-testid=figures]").await;
    fill_storage(&b).await;
    b.click("[data-testid=health] .actions button:nth-child(2)")
        .await;
    b.client.accept_alert().await.expect("the user says yes");
    let why = b.text("[data-testid=aside-failed]").await;
    assert!(why.contains("room") || why.contains("空间"), "{why}");
    assert_eq!(stored(&b).await, serde_json::json!(corrupt), "untouched");
    free_storage(&b).await;
    b.click("[data-testid=health] .actions button:nth-child(2)")
        .await;
    b.client.accept_alert().await.expect("the user says yes");
    wait_until(&b, "saving to start again", async |b| {
        b.js("return document.querySelector('[data-testid=health]') === null;")
            .await
            .as_bool()
            == Some(true)
    })
    .await;
    assert_eq!(
        item(&b, "xinyuan-tracker.backup").await,
        serde_json::json!(corrupt),
        "the unreadable document is kept byte for byte"
    );
    assert_eq!(
        stored_doc(&b).await["data"]["figures"]["tourists"][0]["value"],
        100.0
    );
    assert!(b
        .text("[data-testid=notice]")
        .await
        .contains("xinyuan-tracker.backup"));
    b.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn a_grid_entry_keeps_a_figures_value_note_and_source() {
    let b = Browser::start().await;
    b.open("#/indicator/revenue").await;
    let select = b.wait_for("form.entry select[name=period]").await;
    select.select_by_value("M6").await.expect("period");
    b.wait_for("#f-value")
        .await
        .send_keys("3.55")
        .await
        .expect("value");
    b.wait_for("form.entry input[name=source]")
        .await
        .send_keys("县财政局6月快报")
        .await
        .expect("source");
    b.wait_for("form.entry input[name=note]")
        .await
        .send_keys("含一次性收入")
        .await
        .expect("note");
    b.click("form.entry button[type=submit]").await;
    b.wait_for("[data-testid=figures]").await;
    // A release in the grid brings only the growth rate of June.
    let inputs = grid_inputs(&b, "6").await;
    inputs[3].send_keys("12.5").await.expect("revenue growth");
    b.click("form.grid-entry button[type=submit]").await;
    wait_until(&b, "the growth to be saved", async |b| {
        !stored_doc(b).await["data"]["figures"]["revenue"][0]["growth"].is_null()
    })
    .await;
    let f = &stored_doc(&b).await["data"]["figures"]["revenue"][0];
    assert_eq!(f["period"], "M6");
    assert_eq!(f["growth"], 12.5);
    assert_eq!(f["value"], 3.55, "the value stays");
    assert_eq!(f["source"], "县财政局6月快报", "the source stays");
    assert_eq!(f["note"], "含一次性收入", "the note stays");
    b.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn a_document_of_the_first_release_is_upgraded_and_kept_as_it_was() {
    let b = Browser::start().await;
    b.open("").await;
    set_item(&b, KEY, FROZEN_V1).await;
    b.reload().await;
    let notice = b.text("[data-testid=notice]").await;
    assert!(notice.contains("xinyuan-tracker.backup"), "{notice}");
    assert!(saved_count(&b).await.starts_with('3'));
    assert_eq!(
        item(&b, "xinyuan-tracker.backup").await,
        serde_json::json!(FROZEN_V1),
        "the original, byte for byte"
    );
    let doc = stored_doc(&b).await;
    assert_eq!(doc["schema"], 2);
    assert_eq!(doc["data"]["figures"]["gdp"][0]["note"], "统计局快报");
    b.open("#/indicator/gdp").await;
    assert!(figures_text(&b).await.contains("70.1"));
    b.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn two_tabs_see_each_others_changes_and_neither_overwrites_the_other() {
    let b = Browser::start().await;
    b.open("#/indicator/tourists").await;
    let first = b.client.window().await.expect("window");
    let second = b.client.new_window(true).await.expect("new tab").handle;
    b.client
        .switch_to_window(second.clone())
        .await
        .expect("switch");
    b.open("#/indicator/tourists").await;
    enter(&b, "M3", "100").await;
    b.wait_for("[data-testid=figures]").await;
    b.client
        .switch_to_window(first.clone())
        .await
        .expect("switch");
    wait_until(
        &b,
        "the first tab to show the second tab's figure",
        async |b| {
            b.client
                .find(Locator::Css("[data-testid=figures]"))
                .await
                .is_ok()
        },
    )
    .await;
    // The first tab, which loaded before that change, now adds another one: both are kept.
    enter(&b, "M6", "300").await;
    wait_until(&b, "both figures", async |b| {
        let t = figures_text(b).await;
        t.contains("100") && t.contains("300")
    })
    .await;
    let doc = stored_doc(&b).await;
    assert_eq!(
        doc["data"]["figures"]["tourists"].as_array().map(Vec::len),
        Some(2)
    );
    b.client.switch_to_window(second).await.expect("switch");
    wait_until(&b, "the second tab to show both", async |b| {
        saved_count(b).await.starts_with('2')
    })
    .await;
    b.close().await;
}

/// Text in the wrong language on the open page, each as "where: «text»", after opening every
/// `<details>` so that the report's quotes and notes are read too.
///
/// What is read: every rendered text node (SVG chart text included, and the options of selects)
/// and the attributes a reader meets (`aria-label`, `title`, `placeholder`, `alt`).
///
/// In English (`lang` = "en"), any CJK character (Han, kana, CJK and full-width punctuation) is
/// wrong unless its nearest `lang` attribute says Chinese: the report's quotes and the Chinese
/// terms kept on purpose are marked `lang="zh-CN"`, as screen readers need them to be.
///
/// In Chinese, any run of three or more Latin letters is wrong unless its nearest `lang`
/// attribute says English (the "English" button), it is inside `<code>` (the CSV column names a
/// file must carry), it is one of [`LATIN_IN_CHINESE`], or it is a file name.
async fn wrong_language(b: &Browser, lang: &str) -> Vec<String> {
    let found = b
        .js(&format!(
            r#"
        const mode = '{lang}';
        const allowed = new Set({allowed});
        for (const d of document.querySelectorAll('details')) d.open = true;
        const cjk = /[\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/;
        const latin = /[A-Za-z0-9_.\-]*[A-Za-z]{{3,}}[A-Za-z0-9_.\-]*/g;
        const fileName = /^[A-Za-z0-9_\-]+\.(json|csv|txt|svg|png)$/;
        const langOf = el => (el.closest('[lang]')?.getAttribute('lang') || '').toLowerCase();
        const where = el => {{
          let s = el.tagName.toLowerCase();
          if (el.id) s += '#' + el.id;
          const c = el.getAttribute('class');
          if (c) s += '.' + c.trim().split(/\s+/).join('.');
          return s;
        }};
        const wrong = (text, el) => {{
          if (mode === 'en') return cjk.test(text) && !langOf(el).startsWith('zh');
          if (langOf(el).startsWith('en') || el.closest('code')) return false;
          return (text.match(latin) || []).some(w => !allowed.has(w) && !fileName.test(w));
        }};
        const out = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {{
          const el = n.parentElement;
          const text = n.nodeValue.trim();
          if (!el || !text || el.closest('script, style, template, noscript')) continue;
          if (!el.closest('option') && !el.checkVisibility()) continue;
          if (wrong(text, el)) out.push(`text in <${{where(el)}}>: «${{text}}»`);
        }}
        for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {{
          for (const a of ['aria-label', 'title', 'placeholder', 'alt']) {{
            const v = el.getAttribute(a);
            if (v && wrong(v, el)) out.push(`${{a}} of <${{where(el)}}>: «${{v}}»`);
          }}
        }}
        return out;"#,
            allowed = serde_json::json!(LATIN_IN_CHINESE),
        ))
        .await;
    found
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect()
}

/// Latin words the Chinese interface uses on purpose: abbreviations and format names.
const LATIN_IN_CHINESE: &[&str] = &["GDP", "CSV", "JSON", "PNG", "SVG", "Excel", "Word"];

/// Every kind of page, for checking the words of each: the overview, all indicators, every
/// section of `data/indicators.json`, indicators of every kind (with figures in [`SAMPLE`] and
/// without, with notes that keep Chinese terms, a missing one), the release grid and the data page.
fn every_page_kind() -> Vec<String> {
    let data: serde_json::Value =
        serde_json::from_str(include_str!("../../data/indicators.json")).expect("dataset");
    let mut pages: Vec<String> = vec!["".into(), "#/all".into()];
    for s in data["sections"].as_array().expect("sections") {
        pages.push(format!(
            "#/section/{}",
            s["id"].as_str().expect("section id")
        ));
    }
    for i in [
        "gdp",                   // growth, figures, a note with a Chinese term
        "investment_attracted",  // growth, figures
        "retail",                // growth with a caveat on the implied level
        "income_urban",          // a note quoting the report
        "tourists",              // total, figures with last year's
        "livestock_stock",       // level, figures
        "unemployment",          // ceiling, figures
        "kindergarten_coverage", // floor, figures
        "projects_over_1bn",     // range, no figures
        "projects_started",      // count, no figures
        "green_brands",          // a name that keeps a Chinese term
        "no_such",               // not in the report
    ] {
        pages.push(format!("#/indicator/{i}"));
    }
    pages.push("#/entry".into());
    pages.push("#/data".into());
    pages.push("#/glossary".into());
    pages.push("#/bulletin".into());
    pages
}

#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn language_toggle_switches_every_string_and_is_remembered() {
    let b = Browser::start().await;
    b.open("#/indicator/gdp").await;
    b.js(&format!(
        "localStorage.setItem('{KEY}', {}); localStorage.setItem('xinyuan-tracker.lang', 'zh'); return null;",
        serde_json::json!(SAMPLE)
    ))
    .await;
    b.reload().await;
    assert_eq!(b.text("body > main h1").await, "地区生产总值");
    assert_eq!(b.js("return document.documentElement.lang;").await, "zh-CN");
    b.click("button.lang").await;
    assert_eq!(
        b.text("body > main h1").await,
        "Gross domestic product (GDP)"
    );
    assert_eq!(b.js("return document.documentElement.lang;").await, "en");
    b.reload().await;
    assert_eq!(
        b.text("body > main h1").await,
        "Gross domestic product (GDP)"
    );
    assert!(
        saved_count(&b).await.starts_with("9 "),
        "the sample figures are loaded"
    );
    // Every page kind in each language: no word of the other language outside what is marked.
    let mut problems = Vec::new();
    for lang in ["en", "zh"] {
        b.js(&format!(
            "localStorage.setItem('xinyuan-tracker.lang', '{lang}'); return null;"
        ))
        .await;
        for page in every_page_kind() {
            b.open(&page).await;
            b.reload().await;
            assert_eq!(
                b.js("return document.documentElement.lang;").await,
                if lang == "en" { "en" } else { "zh-CN" }
            );
            for p in wrong_language(&b, lang).await {
                problems.push(format!("{lang} «{page}» {p}"));
            }
        }
        // The messages met while typing: a number that cannot be read, a value far from the
        // report's scale, a growth rate typed in words, and the grid's refusal.
        b.open("#/indicator/tourists").await;
        for (field, text) in [
            ("#f-value", "abc"),
            ("#f-prev", "2500000"),
            ("#f-growth", "同比增长7.6%"),
        ] {
            b.wait_for(field).await.send_keys(text).await.expect("type");
        }
        b.wait_for("#f-value-msg.error").await;
        b.wait_for(".field .msg.warning").await;
        for p in wrong_language(&b, lang).await {
            problems.push(format!("{lang} «#/indicator/tourists» while typing: {p}"));
        }
        if lang == "en" {
            // How a number was read and the scale warning are English sentences: a Chinese unit
            // appears only in brackets, as the unit typed or meant.
            let notes = b
                .js(r#"return [...document.querySelectorAll('.field .msg.warning, .field .msg:not(.error)')]
                        .map(e => e.textContent.trim()).filter(t => t);"#)
                .await;
            let cjk = |c: char| xinyuan_tracker::model::format::is_cjk(c);
            for note in notes
                .as_array()
                .expect("a list")
                .iter()
                .filter_map(|v| v.as_str())
            {
                let outside: String = note
                    .split('(')
                    .enumerate()
                    .map(|(i, part)| {
                        if i == 0 {
                            part
                        } else {
                            part.split_once(')').map_or("", |(_, r)| r)
                        }
                    })
                    .collect();
                if outside.chars().any(cjk) {
                    problems.push(format!(
                        "en «#/indicator/tourists» note not in English: {note}"
                    ));
                }
            }
        }
        b.open("#/entry").await;
        b.wait_for("form.grid-entry tbody input")
            .await
            .send_keys("abc")
            .await
            .expect("type");
        b.click("form.grid-entry button[type=submit]").await;
        b.wait_for("form.grid-entry .msg.error").await;
        for p in wrong_language(&b, lang).await {
            problems.push(format!("{lang} «#/entry» after a refused save: {p}"));
        }
    }
    assert!(
        problems.is_empty(),
        "{} strings in the wrong language:\n{}",
        problems.len(),
        problems.join("\n")
    );
    b.close().await;
}

/// Chooses a file with `contents` in the import box of the open data page and returns the
/// preview's error lines, one string each, in the order shown.
async fn import_preview_errors(b: &Browser, name: &str, contents: &str) -> Vec<String> {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join(name);
    std::fs::write(&file, contents).expect("write file");
    let input = b.wait_for("[data-testid=import-file]").await;
    input
        .send_keys(file.to_str().expect("path"))
        .await
        .expect("choose file");
    b.wait_for("[data-testid=import-preview]").await;
    let lines = b
        .js("return [...document.querySelectorAll('[data-testid=import-preview] ul.errors li')].map(li => li.innerText.trim());")
        .await;
    lines
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect()
}

/// Asserts that the preview reports exactly these problems, each on the line given (the whole
/// "Line n: " or "第 n 行：" that starts it) and naming what is wrong in that row.
fn assert_reported(errors: &[String], expected: &[(&str, &str)]) {
    assert_eq!(
        errors.len(),
        expected.len(),
        "one error line per bad row: {errors:#?}"
    );
    for (e, (line, what)) in errors.iter().zip(expected) {
        assert!(
            e.starts_with(line) && e.contains(what),
            "expected «{line}» next to «{what}», got «{e}» (all: {errors:#?})"
        );
    }
}

#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn csv_import_previews_reports_bad_rows_and_applies_as_one_undoable_change() {
    let b = Browser::start().await;
    b.open("#/data").await;
    b.js("localStorage.setItem('xinyuan-tracker.lang', 'zh'); return null;")
        .await;
    b.reload().await;
    // Line 1 is the header (after a byte-order mark, as Excel writes it).
    let csv = "\u{feff}indicator_id,period,value,growth_pct\ntourists,M6,250.4,\nghost,M6,1,\ngdp,Q2,,6.5\ntourists,M7,abc,\n";
    let errors = import_preview_errors(&b, "figures.csv", csv).await;
    assert_reported(&errors, &[("第 3 行：", "ghost"), ("第 5 行：", "abc")]);
    assert_eq!(
        stored(&b).await,
        serde_json::Value::Null,
        "nothing changes before the user confirms"
    );
    b.click("[data-testid=import-preview] .actions button")
        .await;
    wait_until(&b, "two figures saved", async |b| {
        saved_count(b).await.starts_with('2')
    })
    .await;
    let doc = stored_doc(&b).await;
    assert!(
        doc["data"]["figures"]["ghost"].is_null(),
        "unknown indicators are never created"
    );
    // Undo takes the whole import back.
    undo(&b).await;
    wait_until(&b, "undo", async |b| saved_count(b).await.starts_with('0')).await;
    // In English, and counted as an editor counts lines: a quoted note running over two lines
    // (2 and 3) and a blank line (4) come before the bad rows.
    b.js("localStorage.setItem('xinyuan-tracker.lang', 'en'); return null;")
        .await;
    b.reload().await;
    let csv = "indicator_id,period,value,growth_pct,note\ntourists,M6,250.4,,\"released in July,\nrevised in August\"\n\ngdp,Q9,,6.5,\ntourists,M7,abc,,\n";
    let errors = import_preview_errors(&b, "more.csv", csv).await;
    assert_reported(&errors, &[("Line 5: ", "Q9"), ("Line 6: ", "abc")]);
    let words = wrong_language(&b, "en").await;
    assert!(words.is_empty(), "the preview in English: {words:#?}");
    b.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn a_release_is_entered_in_the_grid_and_reset_asks_first_and_can_be_undone() {
    let b = Browser::start().await;
    let inputs = grid_inputs(&b, "6").await;
    assert!(
        inputs.len() >= 18,
        "value and growth for each main target: {}",
        inputs.len()
    );
    inputs[1].send_keys("7.2").await.expect("gdp growth"); // GDP growth to date, Q2
    inputs[2].send_keys("3.55亿").await.expect("revenue value"); // revenue, in 亿元
    b.click("form.grid-entry button[type=submit]").await;
    wait_until(&b, "two figures saved", async |b| {
        saved_count(b).await.starts_with('2')
    })
    .await;
    let doc = stored_doc(&b).await;
    assert_eq!(doc["data"]["figures"]["gdp"][0]["period"], "Q2");
    assert_eq!(doc["data"]["figures"]["revenue"][0]["value"], 3.55);
    b.open("#/data").await;
    b.click("button.danger").await;
    b.client.dismiss_alert().await.expect("the user says no");
    assert!(
        saved_count(&b).await.starts_with('2'),
        "nothing reset without confirmation"
    );
    b.click("button.danger").await;
    b.client.accept_alert().await.expect("the user says yes");
    wait_until(&b, "reset", async |b| saved_count(b).await.starts_with('0')).await;
    undo(&b).await;
    wait_until(&b, "undo of the reset", async |b| {
        saved_count(b).await.starts_with('2')
    })
    .await;
    b.close().await;
}

/// A saved document with figures for charts on every kind of page.
const SAMPLE: &str = r#"{"app":"xinyuan-tracker","schema":1,"saved_at":"2023-10-20T00:00:00Z","data":{"figures":{
"gdp":[{"period":"Q1","growth":6.1},{"period":"Q2","value":60.2,"growth":7.2,"prev":57.0}],
"investment_attracted":[{"period":"M9","value":71.3,"growth":16.0}],
"tourists":[{"period":"M3","value":60.2},{"period":"M6","value":250.4,"prev":230.0}],
"livestock_stock":[{"period":"Q2","value":171.2}],"unemployment":[{"period":"Q3","value":5.2}],
"kindergarten_coverage":[{"period":"M6","value":91}],"meat_output":[{"period":"Q3","value":5.1}]}}}"#;

#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn every_page_runs_under_the_content_security_policy_quietly_and_stays_on_its_origin() {
    let b = Browser::start().await;
    b.open("").await;
    let csp = b.js("return document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]').content;").await;
    assert!(
        csp.as_str()
            .is_some_and(|p| p.contains("default-src 'none'")),
        "{csp}"
    );
    b.js(&format!(
        "localStorage.setItem('{KEY}', {}); return null;",
        serde_json::json!(SAMPLE)
    ))
    .await;
    let mut pages: Vec<String> = ["", "#/all", "#/entry", "#/data"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    for s in [
        "review", "main", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10", "a11",
    ] {
        pages.push(format!("#/section/{s}"));
    }
    for i in [
        "gdp",
        "investment_attracted",
        "tourists",
        "livestock_stock",
        "unemployment",
        "meat_output",
        "no_such",
    ] {
        pages.push(format!("#/indicator/{i}"));
    }
    for lang in ["zh", "en"] {
        b.js(&format!(
            "localStorage.setItem('xinyuan-tracker.lang', '{lang}'); return null;"
        ))
        .await;
        for page in &pages {
            b.open(page).await;
            b.reload().await;
        }
    }
    let problems = b.console("WARNING").await;
    assert!(problems.is_empty(), "console: {problems:#?}");
    let resources = b
        .js("return performance.getEntriesByType('resource').map(e => e.name);")
        .await;
    for r in resources.as_array().expect("list") {
        let url = r.as_str().unwrap_or_default();
        assert!(url.starts_with(b.base), "request to another origin: {url}");
    }
    b.close().await;
}

/// Runs Lighthouse (mobile settings, its default) on one page of the served `dist/`.
fn lighthouse(url: &str) -> serde_json::Value {
    let out = tempfile::NamedTempFile::new().expect("temp file");
    let status = std::process::Command::new("lighthouse")
        .arg(url)
        .args(["--output=json", "--quiet", "--only-categories=accessibility,best-practices,seo"])
        .arg(format!("--output-path={}", out.path().display()))
        .arg(
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run \
             --disable-background-networking --disable-component-update --disable-sync",
        )
        .env("CHROME_PATH", std::env::var("CHROME_BINARY").unwrap_or_else(|_| "/usr/bin/chromium".into()))
        .status()
        .expect("lighthouse runs (.ci/test installs it into .tools/)");
    assert!(status.success(), "lighthouse failed on {url}");
    serde_json::from_slice(&std::fs::read(out.path()).expect("report")).expect("json report")
}

#[tokio::test]
#[ignore = "needs Chromium, Lighthouse and the release build: run .ci/test e2e"]
async fn lighthouse_scores_accessibility_best_practices_and_seo_at_100() {
    let base = harness::server();
    for page in ["", "#/section/a4", "#/indicator/gdp"] {
        let report = lighthouse(&format!("{base}{page}"));
        for cat in ["accessibility", "best-practices", "seo"] {
            let score = report["categories"][cat]["score"].as_f64();
            let failing: Vec<String> = report["categories"][cat]["auditRefs"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|r| r["weight"].as_f64().unwrap_or(0.0) > 0.0)
                .filter_map(|r| r["id"].as_str())
                .filter(|id| {
                    report["audits"][id]["score"]
                        .as_f64()
                        .is_some_and(|s| s < 1.0)
                })
                .map(str::to_string)
                .collect();
            assert_eq!(
                score,
                Some(1.0),
                "{cat} on «{page}»: failing audits {failing:?}"
            );
        }
    }
}

#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn a_first_visit_fits_the_size_budget() {
    let b = Browser::start().await;
    let files = harness::first_visit(&b).await;
    let total: usize = files.iter().map(|(_, s)| s.1).sum();
    let budget = harness::gzip_budget();
    assert!(files.iter().any(|(f, _)| f.ends_with(".wasm")), "{files:?}");
    // The pages split out of the module (src/ui/parts.rs) are not fetched for the overview.
    assert!(
        !files
            .iter()
            .any(|(f, _)| f.starts_with("parts-") && f.ends_with(".wasm")),
        "the overview fetched a part of another page: {files:?}"
    );
    assert!(
        total <= budget,
        "first visit is {total} gzip bytes, over the budget of {budget}: {files:#?}"
    );
    b.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn a_pages_part_is_asked_for_a_piece_per_task() {
    // Asking for a part's pieces all in one task would be the longest task of a section page's
    // start (public/split.sh). Counted here: the pieces asked for in each task, while the app
    // opens a section page whose part it has not fetched yet (the overview needs none).
    let b = Browser::start().await;
    b.open("").await;
    b.js(r##"
        window.piecesPerTask = [];
        let batch = 0;
        const fetch = window.fetch;
        window.fetch = function (resource, ...rest) {
          const url = String(resource instanceof Request ? resource.url : resource);
          if (url.includes("/parts-")) {
            // A message posted now is answered in a later task: the batch ends with this task.
            if (batch === 0) {
              const c = new MessageChannel();
              c.port1.onmessage = () => { window.piecesPerTask.push(batch); batch = 0; };
              c.port2.postMessage(null);
            }
            batch += 1;
          }
          return fetch.call(this, resource, ...rest);
        };
        location.hash = "#/section/a4";
        return true;"##)
        .await;
    b.wait_for("body > main ul.multiples").await;
    let counts: Vec<u64> =
        serde_json::from_value(b.js("return window.piecesPerTask;").await).expect("counts");
    let pieces: u64 = counts.iter().sum();
    assert!(
        pieces >= 5,
        "the section's part was fetched in {pieces} pieces: {counts:?}"
    );
    // One per task; two where another message's task comes between.
    assert!(
        counts.iter().all(|&n| n <= 2),
        "pieces asked for per task: {counts:?}"
    );
    b.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn without_storage_the_app_works_in_memory_and_says_so() {
    // The browser blocks site data for the page: reading localStorage throws.
    let b = Browser::start_without_site_data().await;
    b.open("#/indicator/tourists").await;
    let blocked = b
        .js("try { localStorage.length; return false; } catch (e) { return true; }")
        .await;
    assert_eq!(
        blocked,
        serde_json::Value::Bool(true),
        "storage is really unavailable"
    );
    let banner = b.text(".banner.warn").await;
    assert!(
        banner.contains("Not saving") || banner.contains("无法保存"),
        "{banner}"
    );
    enter(&b, "M3", "100").await;
    assert!(figures_text(&b).await.contains("100"), "kept in memory");
    assert!(
        b.text(".banner.warn").await.contains("Export backup")
            || b.text(".banner.warn").await.contains("导出备份"),
        "says how to keep them"
    );
    b.close().await;
}

/// Waits for a finished download whose name ends with `suffix`, and returns its bytes: the file
/// once it is not empty and two looks 100 ms apart find the same bytes (the browser may still be
/// writing it when its name appears).
async fn downloaded(b: &Browser, suffix: &str) -> Vec<u8> {
    let start = std::time::Instant::now();
    let mut last: Option<Vec<u8>> = None;
    loop {
        let found = std::fs::read_dir(b.downloads())
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.to_string_lossy().ends_with(suffix));
        if let Some(p) = found {
            let bytes = std::fs::read(p).expect("read download");
            if !bytes.is_empty() && last.as_ref() == Some(&bytes) {
                return bytes;
            }
            last = Some(bytes);
        }
        assert!(start.elapsed() < harness::WAIT, "no {suffix} downloaded");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn charts_download_as_svg_and_png() {
    let b = Browser::start().await;
    b.open("").await;
    let buttons = b
        .client
        .find_all(Locator::Css(".chart-actions button"))
        .await
        .expect("buttons");
    assert_eq!(buttons.len(), 2);
    buttons[0].click().await.expect("svg");
    let svg = downloaded(&b, ".svg").await;
    assert!(svg.starts_with(b"<svg"), "an SVG file");
    buttons[1].click().await.expect("png");
    let png = downloaded(&b, ".png").await;
    assert!(png.starts_with(b"\x89PNG"), "a PNG file");
    assert!(png.len() > 10_000, "a real picture: {} bytes", png.len());
    b.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn when_the_app_cannot_load_the_page_says_so_in_both_languages() {
    // The same site with its wasm module missing, as after a broken deployment or a dropped
    // connection: the loading line of the shell turns into an explanation.
    let root = tempfile::tempdir().expect("dir");
    harness::copy_dist(root.path(), |name| name.ends_with(".wasm"));
    let base = harness::serve_dir(root.path().to_path_buf());
    let b = Browser::start().await;
    b.client.goto(&base).await.expect("navigate");
    let status = b.wait_for("[data-shell-status][role=alert]").await;
    let text = status.text().await.expect("text");
    assert!(
        text.contains("无法启动") && text.contains("could not start"),
        "{text}"
    );
    b.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn the_same_build_works_under_a_sub_path() {
    let root = tempfile::tempdir().expect("dir");
    harness::copy_dist_under(root.path(), "tracker");
    let base = harness::serve_dir(root.path().to_path_buf());
    let b = Browser::start().await;
    b.client
        .goto(&format!("{base}tracker/#/indicator/gdp"))
        .await
        .expect("navigate");
    let h1 = b
        .wait_for("body > main h1")
        .await
        .text()
        .await
        .expect("text");
    assert!(h1.contains("GDP") || h1.contains("地区生产总值"), "{h1}");
    b.reload().await;
    b.wait_for("[data-testid=target]").await;
    let problems = b.console("WARNING").await;
    assert!(problems.is_empty(), "console: {problems:#?}");
    b.close().await;
}

/// The glossary: every status shown links to how status is judged, and the page says it in
/// both languages, with the report's terms marked as Chinese in English.
#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn statuses_link_to_the_glossary_which_explains_them_in_both_languages() {
    let b = Browser::start().await;
    b.open("#/").await;
    b.js(&format!(
        "localStorage.setItem('{KEY}', {}); localStorage.setItem('xinyuan-tracker.lang', 'zh'); return null;",
        serde_json::json!(SAMPLE)
    ))
    .await;
    b.reload().await;
    let help = b.wait_for(".card .status a.help").await;
    assert_eq!(
        help.attr("href").await.expect("href").as_deref(),
        Some("#/glossary#status")
    );
    assert!(
        b.wait_for("footer [data-testid=glossary-link]")
            .await
            .attr("href")
            .await
            .expect("href")
            .as_deref()
            == Some("#/glossary")
    );
    help.click().await.expect("click the status help");
    wait_until(&b, "the glossary in Chinese", async |b| {
        b.text("main h1").await == "术语与判断方法"
    })
    .await;
    // The status scale: one entry per status, its thresholds from the progress engine.
    let scale = b.text("#status + p + dl.terms").await;
    for word in [
        "已完成",
        "超序时进度",
        "达到序时进度",
        "低于序时进度",
        "严重滞后",
        "尚不能判断",
        "暂无数据",
        "1.1",
        "0.6",
    ] {
        assert!(scale.contains(word), "{word} in {scale}");
    }
    // The page's own words (the banner about the upgraded sample document is not the glossary's).
    let in_page = |found: Vec<String>| -> Vec<String> {
        found
            .into_iter()
            .filter(|p| !p.contains("banner"))
            .collect()
    };
    let problems = in_page(wrong_language(&b, "zh").await);
    assert!(problems.is_empty(), "{problems:#?}");
    b.click("button.lang").await;
    wait_until(&b, "the glossary in English", async |b| {
        b.text("main h1").await == "Glossary and how status is judged"
    })
    .await;
    let scale = b.text("#status + p + dl.terms").await;
    for word in [
        "Achieved",
        "Ahead",
        "On pace",
        "Behind",
        "Far behind",
        "Cannot judge yet",
        "time-elapsed pace",
        "1.1",
        "0.6",
    ] {
        assert!(scale.contains(word), "{word} in {scale}");
    }
    for part in ["#pace", "#kinds", "#firmness", "#projection"] {
        b.wait_for(part).await;
    }
    let problems = in_page(wrong_language(&b, "en").await);
    assert!(problems.is_empty(), "{problems:#?}");
    // English magnitudes are words and digits, and firmness keeps the report's word.
    b.open("#/").await;
    b.wait_for(".card").await;
    let cards = b.text("ul.cards").await;
    assert!(
        !cards.contains("× ") && !cards.contains("10,000 ") && !cards.contains("100 million"),
        "{cards}"
    );
    b.open("#/indicator/tourists").await;
    let target = b.text("[data-testid=target]").await;
    assert!(target.contains("8.4 million visits"), "{target}");
    let problems = b.console("WARNING").await;
    assert!(problems.is_empty(), "console: {problems:#?}");
    b.close().await;
}

/// The status id of the indicator page (`data-status`: achieved, ahead, on-pace, behind,
/// far-behind, not-judged, no-data), compared whole rather than searched in the status's words
/// ("behind" is also in "far behind").
async fn status_id(b: &Browser) -> Option<String> {
    b.wait_for("[data-testid=status]")
        .await
        .attr("data-status")
        .await
        .expect("data-status")
}

/// ChromeDriver's command that runs a Chrome DevTools command (not part of W3C WebDriver).
#[derive(Debug)]
struct DevTools(serde_json::Value);

impl fantoccini::wd::WebDriverCompatibleCommand for DevTools {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.0.to_string()))
    }
}

/// Shows the pages `width` CSS pixels wide and 800 high, a phone's screen below 800 px: a
/// window cannot be made narrower than 500 px, so the page's viewport is set as a phone's is.
async fn set_width(b: &Browser, width: u32) {
    b.client
        .issue_cmd(DevTools(serde_json::json!({
            "cmd": "Emulation.setDeviceMetricsOverride",
            "params": {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": width < 800},
        })))
        .await
        .expect("viewport size");
}

/// What is wrong with the layout of the open page: a page wider than the window (naming the
/// elements that stick out), a table cell whose text is stacked a character or two a line, a row
/// header narrower than 4 em.
async fn layout_problems(b: &Browser) -> Vec<String> {
    let found = b
        .js(r#"
        const out = [];
        const root = document.scrollingElement;
        if (root.scrollWidth > root.clientWidth) {
          const wide = [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > root.clientWidth + 1)
            .filter(e => !e.parentElement || e.parentElement.getBoundingClientRect().right <= root.clientWidth + 1)
            .slice(0, 5)
            .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} right=${Math.round(e.getBoundingClientRect().right)}`);
          out.push(`scrolls sideways: ${root.scrollWidth} > ${root.clientWidth} (${wide.join('; ')})`);
        }
        for (const cell of document.querySelectorAll('main th, main td')) {
          // Cells not shown (a header row only screen readers read, as in a table laid out as cards).
          if (!cell.checkVisibility()) continue;
          const head = cell.closest('thead');
          if (head && getComputedStyle(head).position === 'absolute') continue;
          const fs = parseFloat(getComputedStyle(cell).fontSize);
          const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
          const tops = [];
          let chars = 0;
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            if (n.parentElement.closest('button, select, option, .visually-hidden')) continue;
            if (!n.parentElement.checkVisibility()) continue;
            const text = n.textContent.replace(/\s+/g, '');
            if (!text) continue;
            const range = document.createRange();
            range.selectNodeContents(n);
            const rects = [...range.getClientRects()].filter(r => r.width > 0);
            if (rects.length === 0) continue;
            chars += [...text].length;
            for (const r of rects) if (!tops.some(t => Math.abs(t - r.top) < fs / 2)) tops.push(r.top);
          }
          const name = cell.innerText.trim().slice(0, 24);
          if (tops.length >= 2 && chars / tops.length < 3) {
            out.push(`«${name}» stacked ${chars} characters on ${tops.length} lines`);
          }
          if (cell.matches('th[scope=row]') && cell.getBoundingClientRect().width < 4 * fs) {
            out.push(`row header «${name}» ${Math.round(cell.getBoundingClientRect().width)} px wide`);
          }
        }
        return out;"#)
        .await;
    found
        .as_array()
        .expect("list")
        .iter()
        .map(|p| p.as_str().unwrap_or_default().to_string())
        .collect()
}

#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn no_page_scrolls_sideways_or_stacks_a_name_in_a_narrow_column_on_a_phone_or_a_desktop() {
    let b = Browser::start().await;
    b.open("").await;
    b.js(&format!(
        "localStorage.setItem('{KEY}', {}); return null;",
        serde_json::json!(SAMPLE)
    ))
    .await;
    let pages = [
        "",
        "#/all",
        "#/all?status=behind,far-behind",
        "#/section/main",
        "#/section/a4",
        "#/indicator/gdp",
        "#/indicator/tourists",
        "#/indicator/retail",
        "#/indicator/projects_over_1bn",
        "#/entry",
        "#/data",
        "#/glossary",
        "#/bulletin",
    ];
    let mut problems = Vec::new();
    for width in [360, 1280] {
        set_width(&b, width).await;
        for lang in ["zh", "en"] {
            b.js(&format!(
                "localStorage.setItem('xinyuan-tracker.lang', '{lang}'); return null;"
            ))
            .await;
            for page in pages {
                b.open(page).await;
                b.reload().await;
                let shown = b.js("return window.innerWidth;").await;
                assert!(
                    shown
                        .as_u64()
                        .is_some_and(|w| w.abs_diff(width.into()) <= 20),
                    "the window is {shown} px wide, not about {width}"
                );
                for p in layout_problems(&b).await {
                    problems.push(format!("{width} px {lang} «{page}» {p}"));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} layout problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    b.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn what_is_behind_leads_a_phones_overview_and_a_status_count_leads_to_its_indicators() {
    let b = Browser::start().await;
    b.open("").await;
    set_width(&b, 360).await;
    b.js(&format!(
        "localStorage.setItem('{KEY}', {}); localStorage.setItem('xinyuan-tracker.lang', 'en'); return null;",
        serde_json::json!(SAMPLE)
    ))
    .await;
    b.reload().await;
    // The targets behind come first, within the first screen, the largest shortfall first.
    b.wait_for("[data-testid=lagging] li a").await;
    let order = b
        .js(r#"
        const first = document.querySelector('[data-testid=lagging] li');
        const summary = document.querySelector('[data-testid=summary]');
        return {
          top: first.getBoundingClientRect().top,
          before_summary: first.getBoundingClientRect().top < summary.getBoundingClientRect().top,
          statuses: [...document.querySelectorAll('[data-testid=lagging] li [data-status]')].map(e => e.dataset.status),
        };"#)
        .await;
    assert!(order["top"].as_f64().is_some_and(|t| t < 800.0), "{order}");
    assert_eq!(order["before_summary"], true, "{order}");
    let statuses: Vec<&str> = order["statuses"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|s| s.as_str())
        .collect();
    assert!(!statuses.is_empty(), "{order}");
    assert!(
        statuses
            .iter()
            .all(|s| *s == "behind" || *s == "far-behind"),
        "{order}"
    );
    assert!(
        statuses
            .windows(2)
            .all(|w| !(w[0] == "behind" && w[1] == "far-behind")),
        "far behind comes first: {order}"
    );
    // The overall row's count of targets behind leads to exactly those, filtered in the URL.
    let link = b
        .wait_for("[data-testid=summary] tbody tr:first-child a[href$='status=behind']")
        .await;
    let n: usize = link.text().await.expect("text").parse().expect("a count");
    link.click().await.expect("click");
    let rows = async |b: &Browser| {
        b.js("return [...document.querySelectorAll('table.indicators tbody tr td[data-status]')].map(e => e.dataset.status);")
            .await
    };
    wait_until(&b, "the filtered list", async |b| {
        b.js("return location.hash;").await == "#/all?status=behind"
            && rows(b).await.as_array().map(Vec::len) == Some(n)
    })
    .await;
    b.reload().await;
    b.wait_for("table.indicators").await;
    assert_eq!(b.js("return location.hash;").await, "#/all?status=behind");
    let after = rows(&b).await;
    assert_eq!(after.as_array().map(Vec::len), Some(n), "{after}");
    assert!(
        after
            .as_array()
            .expect("list")
            .iter()
            .all(|s| s == "behind"),
        "{after}"
    );
    assert_eq!(
        b.js("return document.querySelector('select[name=status]').value;")
            .await,
        "behind"
    );
    // A section's count leads to that section's indicators of that status.
    b.open("").await;
    let href = b
        .js("return [...document.querySelectorAll('[data-testid=summary] tbody tr:not(:first-child) a')].map(a => a.getAttribute('href'))[0];")
        .await;
    let href = href.as_str().expect("a section's count links somewhere");
    assert!(
        href.starts_with("#/all?section=") && href.contains("&status="),
        "{href}"
    );
    b.close().await;
}

// Charts drawn for the space they get (issue 14, item 1).

/// The smallest chart text on the page, in CSS pixels as shown (computed font size × the scale
/// the SVG is drawn at), with the number of charts and of their text elements.
async fn smallest_chart_text(b: &Browser) -> (f64, u64, u64) {
    let v = b
        .js(
            "const svgs = [...document.querySelectorAll('figure.chart svg')];
             let min = 1e9, n = 0;
             for (const svg of svgs) {
               const scale = svg.getBoundingClientRect().width / svg.width.baseVal.value;
               for (const t of svg.querySelectorAll('text')) {
                 if (!t.textContent.trim()) continue;
                 n += 1;
                 min = Math.min(min, parseFloat(getComputedStyle(t).fontSize) * scale);
               }
             }
             return [min, svgs.length, n];",
        )
        .await;
    let a = v.as_array().expect("a list");
    (
        a[0].as_f64().expect("a size"),
        a[1].as_u64().expect("charts"),
        a[2].as_u64().expect("texts"),
    )
}

#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn chart_text_is_at_least_12_px_on_screen_on_a_phone_and_a_desktop_in_both_languages() {
    let b = Browser::start().await;
    b.open("").await;
    b.js(&format!(
        "localStorage.setItem('{KEY}', {}); return null;",
        serde_json::json!(SAMPLE)
    ))
    .await;
    for (w, h) in [(360, 800), (1280, 900)] {
        b.client.set_window_size(w, h).await.expect("window size");
        for lang in ["zh", "en"] {
            b.js(&format!(
                "localStorage.setItem('xinyuan-tracker.lang', '{lang}'); return null;"
            ))
            .await;
            for page in [
                "",
                "#/section/main",
                "#/indicator/gdp",
                "#/indicator/tourists",
            ] {
                b.open(page).await;
                b.reload().await;
                draw_charts(&b).await;
                b.wait_for("figure.chart svg text").await;
                // Charts are redrawn once their box's width has held for a moment.
                tokio::time::sleep(std::time::Duration::from_millis(600)).await;
                let (min, charts, texts) = smallest_chart_text(&b).await;
                assert!(
                    charts > 0 && texts > 0,
                    "{page} at {w} px ({lang}): no chart text"
                );
                assert!(
                    min >= 12.0,
                    "{page} at {w} px ({lang}): chart text {min:.2} px on screen"
                );
            }
        }
    }
    b.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn a_downloaded_chart_says_what_it_shows_for_when_and_from_where() {
    let b = Browser::start().await;
    b.open("").await;
    b.js(&format!(
        "localStorage.setItem('{KEY}', {}); localStorage.setItem('xinyuan-tracker.lang', 'en'); return null;",
        serde_json::json!(SAMPLE)
    ))
    .await;
    b.open("#/indicator/gdp").await;
    b.reload().await;
    draw_charts(&b).await;
    b.wait_for("figure.chart svg text").await;
    b.click(".chart-actions button").await;
    let svg = String::from_utf8(downloaded(&b, ".svg").await).expect("text");
    for part in [
        "Xinyuan County 2023",
        "to Jan–Jun",
        "Government Work Report",
        "+8.0%",
    ] {
        assert!(svg.contains(part), "{part} missing from the download");
    }
    b.close().await;
}

/// A real release from the corpus of `tests/releases/`.
fn corpus_text(id: &str) -> String {
    let all: serde_json::Value =
        serde_json::from_str(include_str!("../releases/corpus.json")).expect("corpus");
    all.as_array()
        .expect("a list")
        .iter()
        .find(|c| c["id"] == id)
        .and_then(|c| c["text"].as_str())
        .expect("the release")
        .to_string()
}

/// A browser on the page to enter a release, in Chinese.
async fn entry_page_in_chinese() -> Browser {
    let b = Browser::start().await;
    b.open("#/entry").await;
    b.js("localStorage.setItem('xinyuan-tracker.lang', 'zh'); return null;")
        .await;
    b.reload().await;
    b
}

/// Pastes `text` into the paste box of the open page and presses Read.
async fn paste(b: &Browser, text: &str) {
    let area = b.wait_for("[data-testid=paste-text]").await;
    area.clear().await.expect("clear");
    // As a paste does: the whole text arrives at once.
    b.js(&format!(
        "const t = document.querySelector('[data-testid=paste-text]'); t.value = {}; t.dispatchEvent(new Event('input', {{bubbles: true}})); return null;",
        serde_json::json!(text)
    ))
    .await;
    b.click("[data-testid=paste-read]").await;
    b.wait_for("[data-testid=paste-preview]").await;
}

/// The preview's rows: indicator id and what each will be saved as.
async fn preview_rows(b: &Browser) -> Vec<(String, String)> {
    let rows = b
        .js("return [...document.querySelectorAll('[data-testid=paste-rows] tbody tr')].map(r => [r.dataset.indicator, r.querySelector('.paste-reading').textContent]);")
        .await;
    rows.as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            (
                r[0].as_str().unwrap_or_default().to_string(),
                r[1].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn a_pasted_release_is_previewed_corrected_and_saved_as_one_change_that_one_undo_takes_back()
{
    let b = entry_page_in_chinese().await;
    let started = std::time::Instant::now();
    // A real January–November release: 383967万元 of retail sales, 97950万元 of revenue, growth
    // rates with words of decrease, a 园区 sub-total, 限上 sales, rankings and shares.
    paste(&b, &corpus_text("lwx-m11")).await;
    assert_eq!(
        b.js("return document.querySelector('[data-testid=paste-period]').value;")
            .await,
        "11"
    );
    let rows = preview_rows(&b).await;
    assert_eq!(
        rows,
        [
            ("industry_va".to_string(), "1-11月：+4.5%".to_string()),
            ("fai".to_string(), "1-11月：+9%".to_string()),
            (
                "retail".to_string(),
                "1-11月：38.3967 亿元 / −3%".to_string()
            ),
            (
                "revenue".to_string(),
                "1-11月：9.795 亿元 / −3.5%".to_string()
            ),
        ]
    );
    // What was not taken is listed, the 限上 sales among it.
    let loose = b.text("[data-testid=paste-loose]").await;
    assert!(loose.contains("未录入的数字"), "{loose}");
    // The user corrects a value (read again as typed) and removes a row.
    let value = b
        .wait_for("[data-testid=paste-rows] tbody tr[data-indicator=revenue] .paste-value")
        .await;
    value.clear().await.expect("clear");
    value.send_keys("98000万元").await.expect("type");
    wait_until(&b, "the corrected reading", async |b| {
        preview_rows(b).await[3].1 == "1-11月：9.8 亿元 / −3.5%"
    })
    .await;
    b.click("[data-testid=paste-rows] tbody tr[data-indicator=fai] button.remove")
        .await;
    b.wait_for("[data-testid=paste-source]")
        .await
        .send_keys("县统计局 1-11月经济运行")
        .await
        .expect("source");
    b.click("[data-testid=paste-apply]").await;
    wait_until(&b, "three figures saved", async |b| {
        saved_count(b).await.starts_with('3')
    })
    .await;
    println!("paste to saved: {:.1} s", started.elapsed().as_secs_f64());
    let doc = stored_doc(&b).await;
    let f = &doc["data"]["figures"];
    assert_eq!(f["retail"][0]["period"], "M11");
    assert_eq!(f["retail"][0]["value"], 38.3967);
    assert_eq!(f["retail"][0]["growth"], -3.0);
    assert_eq!(f["revenue"][0]["value"], 9.8);
    assert_eq!(f["revenue"][0]["source"], "县统计局 1-11月经济运行");
    assert_eq!(f["industry_va"][0]["growth"], 4.5);
    assert!(f["fai"].is_null(), "the removed row is not saved");
    // One undo takes the whole release back.
    undo(&b).await;
    wait_until(&b, "the release undone", async |b| {
        saved_count(b).await.starts_with('0')
    })
    .await;
    b.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn the_grid_starts_after_the_latest_release_lists_every_indicator_and_marks_the_wrong_cell() {
    let b = Browser::start().await;
    b.open("").await;
    set_item(
        &b,
        KEY,
        r#"{"app":"xinyuan-tracker","schema":1,"saved_at":"2023-10-20T00:00:00Z","data":{"figures":{"retail":[{"period":"M9","value":13.0}]}}}"#,
    )
    .await;
    b.open("#/entry").await;
    b.reload().await;
    b.wait_for("select[name=month]").await;
    // The period after the latest entered (January–September): January–October.
    assert_eq!(
        b.js("return document.querySelector('select[name=month]').value;")
            .await,
        "10"
    );
    b.wait_for("select[name=month]")
        .await
        .select_by_value("9")
        .await
        .expect("month");
    // One list across sections, the entered figure marked, no growth cell for a rate.
    let rows = b
        .js("return [...document.querySelectorAll('form.grid-entry tbody tr')].map(r => [r.querySelector('th').textContent, r.classList.contains('entered'), r.querySelectorAll('input').length]);")
        .await;
    let rows = rows.as_array().expect("rows");
    let row = |name: &str| {
        rows.iter()
            .find(|r| r[0].as_str().unwrap_or_default().contains(name))
            .unwrap_or_else(|| panic!("{name} in {rows:?}"))
            .clone()
    };
    assert_eq!(row("Total retail sales")[1], true, "entered for the period");
    assert_eq!(row("Tourist visits")[1], false);
    assert_eq!(
        row("Surveyed urban unemployment")[2],
        1,
        "a rate has no growth cell"
    );
    assert_eq!(row("Fixed-asset investment")[2], 2);
    // An error stands under the cell that is wrong, and that cell is marked.
    b.js("const r = [...document.querySelectorAll('form.grid-entry tbody tr')].find(r => r.querySelector('th').textContent.includes('Tourist visits')); r.querySelector('input').setAttribute('data-pick', '1'); return null;")
        .await;
    b.wait_for("input[data-pick]")
        .await
        .send_keys("abc")
        .await
        .expect("type");
    b.click("form.grid-entry button[type=submit]").await;
    b.wait_for("form.grid-entry .msg.error").await;
    let marked = b
        .js("const i = document.querySelector('input[data-pick]'); return [i.getAttribute('aria-invalid'), i.parentElement.querySelector('.msg.error') !== null];")
        .await;
    assert_eq!(marked, serde_json::json!(["true", true]));
    b.close().await;
}

/// Runs a Chrome DevTools command and returns its result.
async fn devtools(b: &Browser, cmd: &str, params: serde_json::Value) -> serde_json::Value {
    b.client
        .issue_cmd(DevTools(serde_json::json!({"cmd": cmd, "params": params})))
        .await
        .unwrap_or_else(|e| panic!("{cmd}: {e}"))
}

#[tokio::test]
#[ignore = "needs Chromium and the release build: run .ci/test e2e"]
async fn a_pasted_release_reaches_a_printed_and_copied_bulletin_in_under_a_minute() {
    let b = entry_page_in_chinese().await;
    let started = std::time::Instant::now();
    // A real release of January–September (元至九月), figures of seven main targets.
    paste(&b, &corpus_text("fangxian-2018-m9")).await;
    // What the preview shows is what the release says: 56.7亿 read in 亿元, the 分别 incomes.
    let rows = preview_rows(&b).await;
    for (id, reading) in [
        ("gdp", "前三季度：56.7 亿元 / +7.5%"),
        ("revenue", "1-9月：4.47 亿元 / +31.2%"),
        ("income_rural", "前三季度：5,634 元 / +9.2%"),
    ] {
        assert!(
            rows.contains(&(id.to_string(), reading.to_string())),
            "{id} {reading} in {rows:?}"
        );
    }
    assert_eq!(rows.len(), 7, "{rows:?}");
    b.click("[data-testid=paste-apply]").await;
    wait_until(&b, "seven figures saved", async |b| {
        saved_count(b).await.starts_with('7')
    })
    .await;
    // The saved release leads to its bulletin.
    b.click("[data-testid=paste-bulletin]").await;
    b.wait_for("[data-testid=bulletin]").await;
    assert!(b
        .js("return location.hash;")
        .await
        .as_str()
        .unwrap_or_default()
        .ends_with("#/bulletin/M9"));
    assert_eq!(
        b.text("[data-testid=bulletin] h1").await,
        "新源县2023年主要目标任务完成情况通报（1-9月）"
    );
    assert!(b
        .text("[data-testid=bulletin-covers]")
        .await
        .starts_with("数据截至1-9月"));
    // GDP 7.5% against 8%: 0.5 short, R = 0.94, behind; revenue 31.2% against 16%: 15.2 above,
    // R = 1.95, ahead; urban income 7.8% against 8.5%: 0.7 short, behind; foreign trade has no
    // figure and the bulletin says so.
    let headline = b.text("[data-testid=bulletin-headline]").await;
    for sentence in [
        "地区生产总值56.7亿元，增长7.5%，低于目标增速（8%）0.5个百分点；",
        "一般公共预算收入4.47亿元，增长31.2%，高于目标增速（16%）15.2个百分点；",
        "城镇居民人均可支配收入18,687元，增长7.8%，低于目标增速（8.5%）0.7个百分点；",
        "外贸进出口总额本期尚无数据",
    ] {
        assert!(headline.contains(sentence), "{sentence} in {headline}");
    }
    let statuses = b
        .js("return [...document.querySelectorAll('[data-testid=bulletin-table] tbody tr')].map(r => r.dataset.indicator + ' ' + r.className);")
        .await;
    assert_eq!(
        statuses,
        serde_json::json!([
            "gdp status-behind",
            "revenue status-ahead",
            "fai status-behind",
            "industry_va status-behind",
            "retail status-behind",
            "income_urban status-behind",
            "income_rural status-behind"
        ])
    );
    // Copy: the bulletin goes on the clipboard as formatted text with its table, and as plain text.
    let origin = b
        .js("return location.origin;")
        .await
        .as_str()
        .expect("origin")
        .to_string();
    devtools(
        &b,
        "Browser.grantPermissions",
        serde_json::json!({"origin": origin, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]}),
    )
    .await;
    b.click("[data-testid=bulletin-copy]").await;
    b.wait_for("[data-testid=bulletin-message]").await;
    let copied = b
        .client
        .execute_async(
            r#"const done = arguments[0];
            navigator.clipboard.read().then(async items => {
              const out = {};
              for (const t of items[0].types) out[t] = await (await items[0].getType(t)).text();
              done(out);
            }, e => done({error: String(e)}));"#,
            vec![],
        )
        .await
        .expect("clipboard");
    let html = copied["text/html"].as_str().unwrap_or_default();
    let plain = copied["text/plain"].as_str().unwrap_or_default();
    assert!(
        html.contains("<table") && html.contains("<h2>") && html.contains("地区生产总值56.7亿元"),
        "{copied}"
    );
    assert!(
        plain.starts_with("新源县2023年主要目标任务完成情况通报（1-9月）")
            && plain.contains("外贸进出口总额本期尚无数据"),
        "{plain}"
    );
    // Word: the document is made in a worker fetched only now, and python-docx reads it back.
    b.click("[data-testid=bulletin-docx]").await;
    let docx = downloaded(&b, ".docx").await;
    let doc = read_docx::read_docx(&docx);
    assert_eq!(
        doc["paragraphs"][0],
        serde_json::json!(["Heading 1", "新源县2023年主要目标任务完成情况通报（1-9月）"])
    );
    assert_eq!(
        doc["tables"][0].as_array().map(Vec::len),
        Some(8),
        "a head row and seven targets"
    );
    assert_eq!(doc["tables"][0][1][0], "地区生产总值");
    // The table as CSV for Excel.
    b.click("[data-testid=bulletin-csv]").await;
    let csv = String::from_utf8(downloaded(&b, ".csv").await).expect("UTF-8");
    assert!(
        csv.starts_with("\u{feff}指标,单位,2022年,2023年目标"),
        "{csv}"
    );
    // Print: an A4 document without the app's navigation, its table head repeated on each page.
    devtools(
        &b,
        "Emulation.setEmulatedMedia",
        serde_json::json!({"media": "print"}),
    )
    .await;
    let print = b
        .js("return [getComputedStyle(document.querySelector('header.top')).display, getComputedStyle(document.querySelector('.bulletin-tools')).display, getComputedStyle(document.querySelector('[data-testid=bulletin-table] thead')).display, getComputedStyle(document.querySelector('[data-testid=bulletin-table] tbody tr')).breakInside];")
        .await;
    assert_eq!(
        print,
        serde_json::json!(["none", "none", "table-header-group", "avoid"])
    );
    let pdf = devtools(
        &b,
        "Page.printToPDF",
        serde_json::json!({"preferCSSPageSize": true}),
    )
    .await;
    let pdf = base64::Engine::decode(
        &base64::engine::general_purpose::STANDARD,
        pdf["data"].as_str().expect("a PDF"),
    )
    .expect("base64");
    assert!(pdf.starts_with(b"%PDF"));
    let elapsed = started.elapsed().as_secs_f64();
    println!("release pasted to bulletin printed and copied: {elapsed:.1} s");
    assert!(elapsed < 60.0, "{elapsed:.1} s");
    b.close().await;
}
