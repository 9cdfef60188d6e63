//! Browser tests of the storage glue and of components, run with wasm-bindgen-test in headless
//! Chromium (`.ci/test browser`).
// Tests stop at the first thing that is not as expected.
#![allow(clippy::expect_used, clippy::unwrap_used)]
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;
use xinyuan_tracker::model::figures::{Figure, Period};
use xinyuan_tracker::model::saved::{self, Entries, Op};
use xinyuan_tracker::web::storage;

wasm_bindgen_test_configure!(run_in_browser);

fn clear() {
    let s = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect("storage");
    s.clear().expect("clear");
}

#[wasm_bindgen_test]
fn storage_round_trips_a_saved_document() {
    clear();
    let mut e = Entries::default();
    e.apply(Op::Put {
        id: "gdp".into(),
        figure: Figure::growth(Period::Quarter(1), 4.5),
    });
    storage::write(storage::KEY, &saved::encode(&e, "2023-04-20T00:00:00Z")).expect("write");
    let back = storage::read(storage::KEY).expect("read").expect("present");
    assert_eq!(saved::decode(&back).expect("decode").entries, e);
    assert_eq!(storage::read("missing-key"), Ok(None));
}

/// A read against the text last written or read finds it unchanged, and finds every other value:
/// another tab's write of the same length (here, one made past the glue), a removal, a text it
/// was not told of, and another key's value. (That the unchanged text is found without copying it
/// is what the benchmark's commit times show, not this test.)
#[wasm_bindgen_test]
fn a_read_against_the_known_text_sees_every_change() {
    use xinyuan_tracker::model::sync::{Read, Storage};
    clear();
    let raw = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect("storage");
    let mut local = storage::Local;
    let key = "known-text";
    local.set(key, "{\"a\":1}").expect("write");
    assert_eq!(local.get_unless(key, "{\"a\":1}"), Ok(Read::Same));
    // Not the text known: the value is read, whatever the glue kept.
    assert_eq!(
        local.get_unless(key, "{\"a\":2}"),
        Ok(Read::Now(Some("{\"a\":1}".into())))
    );
    // Another tab writes the same length, then something else, then removes it.
    raw.set_item(key, "{\"a\":3}").expect("outside write");
    assert_eq!(
        local.get_unless(key, "{\"a\":1}"),
        Ok(Read::Now(Some("{\"a\":3}".into())))
    );
    assert_eq!(local.get_unless(key, "{\"a\":3}"), Ok(Read::Same));
    raw.remove_item(key).expect("remove");
    assert_eq!(local.get_unless(key, "{\"a\":3}"), Ok(Read::Now(None)));
    // Another key with the same text is another value.
    local.set(key, "x").expect("write");
    raw.set_item("other-key", "y").expect("outside write");
    assert_eq!(
        local.get_unless("other-key", "x"),
        Ok(Read::Now(Some("y".into())))
    );
    assert_eq!(local.get_unless(key, "x"), Ok(Read::Same));
    clear();
}

#[wasm_bindgen_test]
fn a_full_storage_is_reported_as_full() {
    clear();
    let big = "x".repeat(6 * 1024 * 1024);
    assert_eq!(
        storage::write("too-big", &big),
        Err(storage::StorageError::Full)
    );
    clear();
}

/// A new element in the page, for a view to be mounted into.
fn page_host() -> web_sys::HtmlElement {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("document");
    let host = document.create_element("div").expect("div");
    document
        .body()
        .expect("body")
        .append_child(&host)
        .expect("append");
    wasm_bindgen::JsCast::dyn_into(host).expect("html element")
}

#[wasm_bindgen_test]
async fn the_app_mounts_and_renders_the_overview() {
    clear();
    let host = page_host();
    leptos::mount::mount_to(host.clone(), || {
        use leptos::prelude::*;
        let store = xinyuan_tracker::ui::state::Store::load();
        provide_context(store);
        provide_context(xinyuan_tracker::ui::judged::Judged::new(store));
        view! { <xinyuan_tracker::ui::App/> }
    })
    .forget();
    let cards = host
        .query_selector_all("ul.cards > li")
        .expect("query")
        .length();
    assert_eq!(cards, 10);
    // Charts are drawn once their box's width is known (a ResizeObserver reports it) and they are
    // near the screen (an IntersectionObserver), or at once before the page is printed.
    let window = web_sys::window().expect("window");
    let mut drawn = false;
    for _ in 0..100 {
        window
            .dispatch_event(&web_sys::Event::new("beforeprint").expect("event"))
            .expect("dispatch");
        if host
            .query_selector("figure.chart svg")
            .expect("query")
            .is_some()
        {
            drawn = true;
            break;
        }
        sleep_ms(50).await;
    }
    assert!(drawn, "a chart is drawn within 5 s");
}

async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .expect("window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .expect("timeout");
    });
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("sleep");
}

/// A part of a staged test page: takes longer to build than a task of the takeover may last,
/// and notes that it was built.
#[leptos::component]
fn SlowPart(
    k: usize,
    built: std::sync::Arc<std::sync::Mutex<Vec<usize>>>,
) -> impl leptos::IntoView {
    use leptos::prelude::*;
    let start = xinyuan_tracker::web::now_ms();
    while xinyuan_tracker::web::now_ms() - start < 2.0 * xinyuan_tracker::ui::staged::TASK_BUDGET_MS
    {
    }
    built.lock().unwrap().push(k);
    view! { <li>{k}</li> }
}

#[wasm_bindgen_test]
async fn a_staged_page_is_built_over_several_tasks_in_its_order_then_placed() {
    use leptos::prelude::*;
    use std::sync::{Arc, Mutex};
    use xinyuan_tracker::ui::staged::{Later, Staging};
    let host: web_sys::HtmlElement = wasm_bindgen::JsCast::dyn_into(
        web_sys::window()
            .and_then(|w| w.document())
            .expect("document")
            .create_element("div")
            .expect("div"),
    )
    .expect("html element");
    let built = Arc::new(Mutex::new(Vec::new()));
    let staging = Staging::new();
    let more = RwSignal::new(false);
    let (log, log0) = (built.clone(), built.clone());
    leptos::mount::mount_to(host.clone(), move || {
        provide_context(staging);
        let part = move |k: usize| {
            let log = log.clone();
            view! { <Later><SlowPart k=k built=log.clone()/></Later> }
        };
        let inner = part.clone();
        view! {
            <ol>
                <li>"first"</li>
                <Later><SlowPart k=0 built=log0/>{inner(9)}</Later>
                {(1..5).map(part).collect_view()}
                {move || more.get().then(|| view! { <Later><li>"late"</li></Later> })}
            </ol>
        }
    })
    .forget();
    let items = |host: &web_sys::HtmlElement| {
        let list = host.query_selector_all("li").expect("query");
        (0..list.length())
            .map(|k| {
                list.get(k)
                    .and_then(|n| n.text_content())
                    .unwrap_or_default()
            })
            .collect::<Vec<_>>()
    };
    // Built away from the page: nothing marked for later is there yet.
    assert_eq!(items(&host), ["first"]);
    // Another task watches how far the building has come each time it gets a turn.
    let seen = Arc::new(Mutex::new(Vec::new()));
    let done = Arc::new(Mutex::new(false));
    {
        let (seen, done, built) = (seen.clone(), done.clone(), built.clone());
        wasm_bindgen_futures::spawn_local(async move {
            while !*done.lock().unwrap() {
                seen.lock().unwrap().push(built.lock().unwrap().len());
                xinyuan_tracker::web::next_task().await;
            }
        });
    }
    staging.build().await;
    *done.lock().unwrap() = true;
    assert_eq!(items(&host), ["first", "0", "9", "1", "2", "3", "4"]);
    // Parts were built in the order they were met, the one inside a part after the others.
    assert_eq!(*built.lock().unwrap(), [0, 1, 2, 3, 4, 9]);
    let seen = seen.lock().unwrap().clone();
    assert!(
        seen.iter().any(|&n| n > 0 && n < 6),
        "the building let other tasks run between its parts: {seen:?}"
    );
    // Placed: a part met from now on is built at once.
    staging.set_placed();
    more.set(true);
    leptos::task::tick().await;
    assert_eq!(items(&host).last().map(String::as_str), Some("late"));
}

/// A table row shows the latest figure entered even when the change judges nothing anew (a level
/// without a target, replaced in the same period): the row, built later as the app starts, reads
/// the figures through the table, not while it is built (see `ui::staged::Later`).
#[wasm_bindgen_test]
async fn a_table_row_shows_a_changed_figure_that_changes_no_judgement() {
    use leptos::prelude::*;
    crate::clear();
    let window = web_sys::window().expect("window");
    // In Chinese, where the figure is written as entered (亿元).
    window
        .local_storage()
        .ok()
        .flatten()
        .expect("storage")
        .set_item("xinyuan-tracker.lang", "zh")
        .expect("language");
    window.location().set_hash("#/all").expect("address");
    let host = page_host();
    // Built as the app starts, its parts later (see `ui::staged`).
    let store = xinyuan_tracker::ui::state::Store::load();
    let put = move |value: f64| {
        store.commit(Op::Put {
            id: "revenue_incl_refund".into(),
            figure: Figure::value(Period::Quarter(4), value),
        });
    };
    // A figure already there when the row is built.
    put(123.4);
    let staging = xinyuan_tracker::ui::staged::Staging::new();
    leptos::mount::mount_to(host.clone(), move || {
        provide_context(store);
        provide_context(xinyuan_tracker::ui::judged::Judged::new(store));
        provide_context(staging);
        view! { <xinyuan_tracker::ui::App/> }
    })
    .forget();
    staging.build().await;
    staging.set_placed();
    let row = async |host: &web_sys::HtmlElement, value: &str| {
        for _ in 0..40 {
            let text = host
                .query_selector("#row-revenue_incl_refund")
                .expect("query")
                .and_then(|r| r.text_content())
                .unwrap_or_default();
            if text.contains(value) {
                return text;
            }
            sleep_ms(25).await;
        }
        panic!("row without {value}");
    };
    row(&host, "123.4").await;
    // Replaced in the same period: the same judgement (no target, latest period unchanged).
    put(567.8);
    row(&host, "567.8").await;
    window.location().set_hash("").expect("address");
    host.remove();
    crate::clear();
}
