//! The Web Worker that makes the bulletin's Word document. It runs apart from the app so that
//! the document library (`docx-rs`) is fetched only when someone asks for a .docx, never on a
//! first visit. It takes `{"lang": "zh", "bulletin": {…}}` as JSON and answers with the file's
//! bytes, or with a message saying why it could not.

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use xinyuan_tracker::model::bulletin::Bulletin;
    use xinyuan_tracker::model::docx::bulletin_docx;
    use xinyuan_tracker::model::Lang;

    #[derive(serde::Deserialize)]
    struct Request {
        lang: Lang,
        bulletin: Bulletin,
    }

    console_error_panic_hook::set_once();
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let answer: JsValue = match ev
                .data()
                .as_string()
                .ok_or_else(|| "not a text".to_string())
                .and_then(|t| serde_json::from_str::<Request>(&t).map_err(|e| e.to_string()))
                .and_then(|r| bulletin_docx(&r.bulletin, r.lang))
            {
                Ok(bytes) => js_sys::Uint8Array::from(bytes.as_slice()).into(),
                Err(e) => JsValue::from_str(&e),
            };
            let _ = reply.post_message(&answer);
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // Tells the page the worker is ready for a request.
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The docx worker runs in a browser, started by the tracker.");
}
