//! The one place that talks to the browser: `localStorage`, storage events, the URL fragment,
//! downloads. Everything returns `Result`; nothing here panics on what a browser can refuse.

pub mod storage;

use wasm_bindgen::JsCast;

/// The current URL fragment, with its `#`.
pub fn hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// The published figures file the first view of `index.html` was rendered with (empty if the
/// site had none then), if the page has a first view.
pub fn first_published() -> Option<String> {
    let el = document().ok()?.get_element_by_id("first-published")?;
    Some(el.text_content().unwrap_or_default())
}

/// An element outside the document for the app to be built in before it takes over (see
/// [`take_over`]).
pub fn detached_root() -> Option<web_sys::HtmlElement> {
    document().ok()?.create_element("div").ok()?.dyn_into().ok()
}

/// Puts the app built in `root` in place of the loading shell of `index.html` (the first view,
/// or the title and loading line), in one step: nothing is painted in between.
pub fn take_over(root: &web_sys::HtmlElement) {
    let Ok(doc) = document() else { return };
    if let Some(shell) = doc.get_element_by_id("shell") {
        // The app's charts keep the room the first view's kept (set from their widths by the
        // page's script) until they measure themselves, after the first layout: otherwise that
        // layout would show them empty and move what is below them. Only where the first view
        // shown is of the same charts (the reader may have followed a link before the app came).
        let rooms = |el: &web_sys::Element| -> Vec<(String, web_sys::HtmlElement)> {
            el.query_selector_all("figure.chart[data-chart]")
                .map(|list| {
                    (0..list.length())
                        .filter_map(|k| list.get(k)?.dyn_into::<web_sys::HtmlElement>().ok())
                        .map(|f| (f.get_attribute("data-chart").unwrap_or_default(), f))
                        .collect()
                })
                .unwrap_or_default()
        };
        let (kept, built) = (rooms(&shell), rooms(root));
        let shown = doc
            .document_element()
            .is_some_and(|html| !html.class_list().contains("first-wait"));
        let same = kept.len() == built.len() && kept.iter().zip(&built).all(|(a, b)| a.0 == b.0);
        if shown && same {
            for ((_, from), (_, to)) in kept.iter().zip(&built) {
                if let Ok(h) = from.style().get_property_value("min-height") {
                    let _ = to.style().set_property("min-height", &h);
                }
            }
        }
        shell.remove();
    }
    if let Some(body) = doc.body() {
        let nodes = root.child_nodes();
        let moved: Vec<web_sys::Node> = (0..nodes.length()).filter_map(|k| nodes.get(k)).collect();
        for node in moved {
            let _ = body.append_child(&node);
        }
    }
}

/// Milliseconds since the page was opened (the Performance API's clock).
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Calls `f` with the new fragment whenever it changes (back, forward, links).
pub fn on_hash_change(f: impl Fn(String) + 'static) -> Option<gloo_events::EventListener> {
    let window = web_sys::window()?;
    Some(gloo_events::EventListener::new(
        &window,
        "hashchange",
        move |_| f(hash()),
    ))
}

/// Navigates to a fragment, adding a history entry.
pub fn set_hash(h: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(h);
    }
}

/// The browser's preferred language tag, such as `zh-CN` or `en-US`.
pub fn browser_language() -> Option<String> {
    web_sys::window().and_then(|w| w.navigator().language())
}

/// Scrolls to the element with this id and gives it the keyboard focus.
pub fn focus(id: &str) {
    if let Some(el) = document().ok().and_then(|d| d.get_element_by_id(id)) {
        el.scroll_into_view();
        if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}

/// Sets the `lang` attribute of the page, for screen readers and fonts.
pub fn set_document_lang(tag: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        // Unchanged (as the page's script set it), it is left alone: setting it again would
        // make the browser work out the whole page's style again.
        if el.get_attribute("lang").as_deref() != Some(tag) {
            let _ = el.set_attribute("lang", tag);
        }
    }
}

/// Offers `content` as a file download.
pub fn download(filename: &str, mime: &str, content: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(content));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(js_err)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(js_err)?;
    let result = download_url(filename, &url);
    let _ = web_sys::Url::revoke_object_url(&url);
    result
}

/// Puts a formatted text (HTML, which WPS and Word paste with its headings and table) and its
/// plain form (for a chat message) on the clipboard, as one item.
pub async fn copy_rich(html: &str, plain: &str) -> Result<(), String> {
    let blob = |text: &str, mime: &str| {
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
        let opts = web_sys::BlobPropertyBag::new();
        opts.set_type(mime);
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(js_err)
    };
    let record = js_sys::Object::new();
    let html: wasm_bindgen::JsValue = blob(html, "text/html")?.into();
    let plain: wasm_bindgen::JsValue = blob(plain, "text/plain")?.into();
    js_sys::Reflect::set(&record, &"text/html".into(), &html).map_err(js_err)?;
    js_sys::Reflect::set(&record, &"text/plain".into(), &plain).map_err(js_err)?;
    let item = web_sys::ClipboardItem::new_with_record_from_str_to_blob_promise(&record)
        .map_err(js_err)?;
    let clipboard = web_sys::window()
        .ok_or("no window")?
        .navigator()
        .clipboard();
    wasm_bindgen_futures::JsFuture::from(clipboard.write(&js_sys::Array::of1(&item)))
        .await
        .map(|_| ())
        .map_err(js_err)
}

/// Offers bytes as a file download.
pub fn download_bytes(filename: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob =
        web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts).map_err(js_err)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(js_err)?;
    let result = download_url(filename, &url);
    let _ = web_sys::Url::revoke_object_url(&url);
    result
}

/// Asks the docx worker (`src/bin/docx_worker.rs`, fetched only now) for the Word document of a
/// request (JSON), and ends the worker once it has answered.
pub async fn docx_from_worker(request: String) -> Result<Vec<u8>, String> {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsValue;
    let worker = web_sys::Worker::new("./docx_worker_loader.js").map_err(js_err)?;
    let w = worker.clone();
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let (w2, req, reject2) = (w.clone(), request.clone(), reject.clone());
        let on_message =
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
                let data = ev.data();
                if data.as_string().as_deref() == Some("ready") {
                    let _ = w2.post_message(&JsValue::from_str(&req));
                } else if data.is_instance_of::<js_sys::Uint8Array>() {
                    let _ = resolve.call1(&JsValue::NULL, &data);
                } else {
                    let _ = reject.call1(&JsValue::NULL, &data);
                }
            });
        w.set_onmessage(Some(on_message.into_js_value().unchecked_ref()));
        let on_error = Closure::<dyn Fn(JsValue)>::new(move |e: JsValue| {
            let _ = reject2.call1(&JsValue::NULL, &e);
        });
        w.set_onerror(Some(on_error.into_js_value().unchecked_ref()));
    });
    let result = wasm_bindgen_futures::JsFuture::from(promise).await;
    worker.terminate();
    let data = result.map_err(|e| e.as_string().unwrap_or_else(|| js_err(e)))?;
    Ok(js_sys::Uint8Array::new(&data).to_vec())
}

/// Today's date where the reader is (not in UTC), as `2026-11-30`.
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// Puts plain text on the clipboard.
pub async fn copy_text(plain: &str) -> Result<(), String> {
    let clipboard = web_sys::window()
        .ok_or("no window")?
        .navigator()
        .clipboard();
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(plain))
        .await
        .map(|_| ())
        .map_err(js_err)
}

/// The element's HTML as the browser serialises it.
pub fn outer_html(id: &str) -> Option<String> {
    document()
        .ok()?
        .get_element_by_id(id)
        .map(|e| e.outer_html())
}

/// Opens the browser's print dialogue.
pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// Calls `f` when the page is about to be printed (the `beforeprint` event), as long as the
/// listener is kept.
pub fn on_before_print(f: impl Fn() + 'static) -> Option<gloo_events::EventListener> {
    web_sys::window().map(|w| gloo_events::EventListener::new(&w, "beforeprint", move |_| f()))
}

/// Calls `f` when the print key is pressed (⌘P on a Mac, Ctrl+P elsewhere; the P key in any
/// keyboard layout), before the browser prints, as long as the listener is kept; where `f`
/// returns true the browser does not print (`f` prints when it is ready).
pub fn on_print_key(f: impl Fn() -> bool + 'static) -> Option<gloo_events::EventListener> {
    let window = web_sys::window()?;
    // On a Mac, Ctrl+P is not print (in a text field it moves the caret up a line).
    let mac = window
        .navigator()
        .platform()
        .is_ok_and(|p| p.starts_with("Mac") || p.starts_with("iP"));
    let options = gloo_events::EventListenerOptions::enable_prevent_default();
    Some(gloo_events::EventListener::new_with_options(
        &window,
        "keydown",
        options,
        move |e| {
            let Some(key) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                return;
            };
            let modifier = if mac { key.meta_key() } else { key.ctrl_key() };
            let print = modifier
                && !key.alt_key()
                && !key.shift_key()
                && (key.code() == "KeyP" || key.key().eq_ignore_ascii_case("p"));
            if print && f() {
                e.prevent_default();
            }
        },
    ))
}

/// Calls `f` once, after `ms` milliseconds (at once where the browser refuses a timer).
pub fn after(ms: i32, f: impl FnOnce() + 'static) {
    let f = wasm_bindgen::closure::Closure::once_into_js(f);
    let queued = web_sys::window().is_some_and(|w| {
        w.set_timeout_with_callback_and_timeout_and_arguments_0(f.unchecked_ref(), ms)
            .is_ok()
    });
    if !queued {
        let _ = f
            .unchecked_ref::<js_sys::Function>()
            .call0(&wasm_bindgen::JsValue::NULL);
    }
}

/// Whether this page was loaded under the service worker, which keeps the site's files for
/// offline use (a part of the module fetched then comes from that copy). Read once, as the app
/// starts ([`crate::ui::start`]): a first visit's worker, installed later, takes the page over.
pub fn kept_offline() -> bool {
    thread_local! {
        // `navigator.serviceWorker` is missing where service workers are not offered (a page
        // served over http from another host than this machine, some private windows).
        static KEPT: bool = web_sys::window().is_some_and(|w| {
            let workers = w.navigator().service_worker();
            !workers.is_undefined() && workers.controller().is_some()
        });
    }
    KEPT.with(|k| *k)
}

fn js_err(e: wasm_bindgen::JsValue) -> String {
    format!("{e:?}")
}

fn document() -> Result<web_sys::Document, String> {
    web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| "no document".into())
}

fn download_url(filename: &str, url: &str) -> Result<(), String> {
    let a: web_sys::HtmlAnchorElement = document()?
        .create_element("a")
        .map_err(js_err)?
        .dyn_into()
        .map_err(|_| "not an anchor")?;
    a.set_href(url);
    a.set_download(filename);
    a.click();
    Ok(())
}

/// Renders an SVG string to PNG at `scale` × its size and offers it as a download.
pub async fn download_svg_as_png(filename: &str, svg: &str, scale: f64) -> Result<(), String> {
    let doc = document()?;
    let img: web_sys::HtmlImageElement = doc
        .create_element("img")
        .map_err(js_err)?
        .dyn_into()
        .map_err(|_| "not an image")?;
    let src = format!(
        "data:image/svg+xml;charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(svg))
    );
    img.set_src(&src);
    wasm_bindgen_futures::JsFuture::from(img.decode())
        .await
        .map_err(js_err)?;
    let canvas: web_sys::HtmlCanvasElement = doc
        .create_element("canvas")
        .map_err(js_err)?
        .dyn_into()
        .map_err(|_| "not a canvas")?;
    let (w, h) = (
        f64::from(img.natural_width()),
        f64::from(img.natural_height()),
    );
    canvas.set_width((w * scale).round() as u32);
    canvas.set_height((h * scale).round() as u32);
    let ctx: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .map_err(js_err)?
        .ok_or("no 2d context")?
        .dyn_into()
        .map_err(|_| "not a 2d context")?;
    ctx.scale(scale, scale).map_err(js_err)?;
    ctx.draw_image_with_html_image_element(&img, 0.0, 0.0)
        .map_err(js_err)?;
    let url = canvas.to_data_url_with_type("image/png").map_err(js_err)?;
    download_url(filename, &url)
}

/// Asks the browser to keep this origin's storage under pressure (`navigator.storage.persist()`).
pub fn request_persistence() {
    if let Some(w) = web_sys::window() {
        let _ = w.navigator().storage().persist();
    }
}

/// An id for this page load, unique enough to tell tabs apart in revisions.
pub fn page_id() -> String {
    let n = (js_sys::Math::random() * 2f64.powi(48)) as u64;
    let mut s = String::new();
    let mut n = n.max(1);
    while n > 0 {
        let d = (n % 36) as u32;
        s.push(char::from_digit(d, 36).unwrap_or('0'));
        n /= 36;
    }
    s
}

/// Now, ISO 8601.
pub fn now_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// Waits for a task of its own, letting the browser paint and answer input: a message posted
/// to itself (a zero timeout would be held back 4 ms once timeouts nest five deep).
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let posted = web_sys::MessageChannel::new().ok().is_some_and(|channel| {
            channel.port1().set_onmessage(Some(resolve.unchecked_ref()));
            channel
                .port2()
                .post_message(&wasm_bindgen::JsValue::NULL)
                .is_ok()
        });
        if !posted {
            let queued = web_sys::window()
                .map(|w| w.set_timeout_with_callback(&resolve).is_ok())
                .unwrap_or(false);
            if !queued {
                let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
            }
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Marks a moment for the Performance API (read by the benchmark).
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// The text of the first file chosen in a file input (`None` when it is larger than `max_bytes`,
/// which is then not read), or why it cannot be read.
pub async fn read_chosen_file(
    input: &web_sys::HtmlInputElement,
    max_bytes: usize,
) -> Result<Option<String>, String> {
    let file = input
        .files()
        .and_then(|l| l.get(0))
        .ok_or_else(|| "no file".to_string())?;
    if file.size() > max_bytes as f64 {
        return Ok(None);
    }
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .map_err(|e| format!("{e:?}"))?;
    Ok(Some(text.as_string().unwrap_or_default()))
}

/// Benchmark builds only (`--features bench`): the query string `?scale=K&fill` runs the app on
/// the report's dataset scaled `K` times (see `Dataset::scaled`) and, with `fill`, starts from
/// every indicator holding a figure for every month, in memory.
#[cfg(feature = "bench")]
pub mod bench {
    fn param(name: &str) -> Option<String> {
        let search = web_sys::window()?.location().search().ok()?;
        web_sys::UrlSearchParams::new_with_str(&search)
            .ok()?
            .get(name)
    }

    /// Applies `?scale=K` before anything reads the dataset.
    pub fn apply_scale() {
        if let Some(k) = param("scale").and_then(|v| v.parse().ok()) {
            crate::model::dataset::bench::set_scale(k);
        }
    }

    /// Whether `?fill` asks for every indicator to start with a full year of figures.
    pub fn fill() -> bool {
        param("fill").is_some()
    }
}

/// Watches the width of an element and reports it (CSS pixels, rounded as `clientWidth` is): the
/// first width as soon as the element is laid out (before it is painted), each later one once it
/// has not changed for a moment; dropping the watch stops it.
pub struct WidthWatch {
    observer: web_sys::ResizeObserver,
    timer: std::rc::Rc<std::cell::Cell<Option<i32>>>,
    _on_resize: wasm_bindgen::closure::Closure<dyn FnMut(js_sys::Array)>,
    _settled: std::rc::Rc<wasm_bindgen::closure::Closure<dyn FnMut()>>,
}

impl Drop for WidthWatch {
    fn drop(&mut self) {
        self.observer.disconnect();
        // A redraw still waiting would call a closure that is gone.
        if let (Some(t), Some(w)) = (self.timer.take(), web_sys::window()) {
            w.clear_timeout_with_handle(t);
        }
    }
}

/// Calls `f` once, when `el` comes within a quarter of a screen of the viewport, or when the page is
/// about to be printed, as long as the returned watch is kept.
pub struct VisibleWatch {
    observer: web_sys::IntersectionObserver,
    _on_visible: wasm_bindgen::closure::Closure<dyn FnMut(js_sys::Array)>,
    _on_print: Option<gloo_events::EventListener>,
}

impl Drop for VisibleWatch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// See [`VisibleWatch`]. Where the browser cannot tell, `f` is called at once.
pub fn when_visible(el: &web_sys::Element, f: impl Fn() + 'static) -> Option<VisibleWatch> {
    use wasm_bindgen::closure::Closure;
    let f = std::rc::Rc::new(f);
    let seen = std::rc::Rc::new(std::cell::Cell::new(false));
    let call = {
        let (f, seen) = (f.clone(), seen.clone());
        move || {
            if !seen.replace(true) {
                f();
            }
        }
    };
    let on_visible: Closure<dyn FnMut(js_sys::Array)> = Closure::new({
        let call = call.clone();
        move |entries: js_sys::Array| {
            let near = entries.iter().any(|e| {
                e.dyn_into::<web_sys::IntersectionObserverEntry>()
                    .is_ok_and(|e| e.is_intersecting())
            });
            if near {
                call();
            }
        }
    });
    let options = web_sys::IntersectionObserverInit::new();
    options.set_root_margin("25% 0px");
    let observer = match web_sys::IntersectionObserver::new_with_options(
        on_visible.as_ref().unchecked_ref(),
        &options,
    ) {
        Ok(o) => o,
        Err(_) => {
            call();
            return None;
        }
    };
    observer.observe(el);
    let on_print = on_before_print(call);
    Some(VisibleWatch {
        observer,
        _on_visible: on_visible,
        _on_print: on_print,
    })
}

/// Sets the least height of an element, in CSS pixels (through its style object, which the
/// page's policy allows, unlike a style attribute).
pub fn set_min_height(el: &web_sys::HtmlElement, px: u32) {
    let _ = el.style().set_property("min-height", &format!("{px}px"));
}

/// How long a width must hold before charts are redrawn for it, in milliseconds.
const SETTLE_MS: i32 = 120;

/// See [`WidthWatch`]. The first width comes from the observer's first report, which every
/// watched element of a page gets in one pass after layout: nothing here makes the browser lay
/// the page out again to answer it.
pub fn watch_width(el: &web_sys::Element, f: impl Fn(u32) + 'static) -> Option<WidthWatch> {
    use std::cell::Cell;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    let window = web_sys::window()?;
    let target = el.clone();
    let last = Rc::new(Cell::new(0u32));
    let f = Rc::new(f);
    let report = {
        let (last, f) = (last.clone(), f.clone());
        move |w: u32| {
            if w > 0 && w != last.get() {
                last.set(w);
                f(w);
            }
        }
    };
    let settled: Rc<Closure<dyn FnMut()>> = Rc::new(Closure::new({
        let report = report.clone();
        move || report(u32::try_from(target.client_width()).unwrap_or(0))
    }));
    let timer = Rc::new(Cell::new(None::<i32>));
    let pending = Rc::clone(&settled);
    let timer_for_drop = Rc::clone(&timer);
    let on_resize: Closure<dyn FnMut(js_sys::Array)> =
        Closure::new(move |entries: js_sys::Array| {
            if last.get() == 0 {
                let width = entries
                    .iter()
                    .filter_map(|e| e.dyn_into::<web_sys::ResizeObserverEntry>().ok())
                    .next_back()
                    .map(|e| e.content_rect().width().round() as u32);
                report(width.unwrap_or(0));
                return;
            }
            if let Some(t) = timer.take() {
                window.clear_timeout_with_handle(t);
            }
            timer.set(
                window
                    .set_timeout_with_callback_and_timeout_and_arguments_0(
                        pending.as_ref().as_ref().unchecked_ref(),
                        SETTLE_MS,
                    )
                    .ok(),
            );
        });
    let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok()?;
    observer.observe(el);
    Some(WidthWatch {
        observer,
        timer: timer_for_drop,
        _on_resize: on_resize,
        _settled: settled,
    })
}

/// Fetches a file of the app's own origin, revalidated with the server (or, offline, from the
/// service worker's cache): its text, `None` when there is no such file (404), or why it could
/// not be had.
pub async fn fetch_text(url: &str) -> Result<Option<String>, String> {
    use wasm_bindgen_futures::JsFuture;
    let window = web_sys::window().ok_or_else(|| "no window".to_string())?;
    let init = web_sys::RequestInit::new();
    init.set_cache(web_sys::RequestCache::NoCache);
    let response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(js_err)?;
    let response: web_sys::Response = response.dyn_into().map_err(js_err)?;
    if response.status() == 404 {
        return Ok(None);
    }
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(js_err)?)
        .await
        .map_err(js_err)?;
    Ok(text.as_string())
}

/// The address of the app, without its fragment: what a link to a page of it starts with.
pub fn app_address() -> String {
    if cfg!(not(target_arch = "wasm32")) {
        return String::new();
    }
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|h| h.split('#').next().unwrap_or_default().to_string())
        .unwrap_or_default()
}

/// Replaces the fragment without a history entry or a `hashchange` event.
pub fn replace_hash(h: &str) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(h));
    }
}

/// Calls `f` once a new version of the app is installed and waiting (see `public/boot.js`, which
/// registers the service worker and sends `tracker-update`).
pub fn on_update_ready(f: impl Fn() + 'static) -> Option<gloo_events::EventListener> {
    let window = web_sys::window()?;
    if js_sys::Reflect::get(&window, &"trackerUpdateReady".into())
        .ok()
        .is_some_and(|v| v.is_truthy())
    {
        f();
    }
    Some(gloo_events::EventListener::new(
        &window,
        "tracker-update",
        move |_| f(),
    ))
}

/// Asks `public/boot.js` to switch to the waiting version and reload.
pub fn apply_update() {
    if let Some(w) = web_sys::window() {
        if let Ok(ev) = web_sys::Event::new("tracker-apply-update") {
            let _ = w.dispatch_event(&ev);
        }
    }
}
