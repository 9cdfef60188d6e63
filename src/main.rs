//! Browser entry point: mounts the tracker.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    #[cfg(feature = "bench")]
    xinyuan_tracker::web::bench::apply_scale();
    wasm_bindgen_futures::spawn_local(xinyuan_tracker::ui::start());
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "The tracker runs in a browser: build it with `bash .ci/release` or run `trunk serve`."
    );
}
