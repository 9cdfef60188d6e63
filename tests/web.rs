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

#[wasm_bindgen_test]
async fn the_app_mounts_and_renders_the_overview() {
    clear();
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("document");
    let host = document.create_element("div").expect("div");
    document
        .body()
        .expect("body")
        .append_child(&host)
        .expect("append");
    let host: web_sys::HtmlElement = wasm_bindgen::JsCast::dyn_into(host).expect("html element");
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
