//! Browser entry point: mounts the tracker.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    #[cfg(feature = "bench")]
    xinyuan_tracker::web::bench::apply_scale();
    leptos::mount::mount_to_body(xinyuan_tracker::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The tracker runs in a browser: build it with `trunk build --release` or run `trunk serve`.");
}
