//! `localStorage`, probed through `Result` at every call: it may be missing (disabled, sandboxed
//! iframe), full, or changed by another tab.

use crate::model::sync::Read;
use std::cell::RefCell;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

pub use crate::model::sync::{StorageError, BACKUP_KEY, KEY, LANG_KEY};

/// `localStorage` as the saving protocol's [`Storage`](crate::model::sync::Storage).
///
/// It keeps the last text it read or wrote, as a JavaScript string and as text, so that a read
/// that finds that text again ([`Storage::get_unless`](crate::model::sync::Storage::get_unless),
/// at every commit) compares strings in JavaScript instead of copying the document into the
/// module (a large document takes milliseconds to copy).
pub struct Local;

/// The text last read or written at a key, on both sides.
struct Last {
    key: String,
    js: JsValue,
    text: String,
}

thread_local! {
    static LAST: RefCell<Option<Last>> = const { RefCell::new(None) };
}

#[wasm_bindgen]
extern "C" {
    /// `localStorage`, with values left JavaScript strings.
    type JsStorage;
    /// `getItem`: a string, or `null`.
    #[wasm_bindgen(method, catch, js_name = getItem)]
    fn get_item_js(this: &JsStorage, key: &str) -> Result<JsValue, JsValue>;
    /// `setItem` with a JavaScript string.
    #[wasm_bindgen(method, catch, js_name = setItem)]
    fn set_item_js(this: &JsStorage, key: &str, value: &JsValue) -> Result<(), JsValue>;
}

fn remember(key: &str, js: JsValue, text: String) {
    LAST.with_borrow_mut(|last| {
        *last = Some(Last {
            key: key.to_string(),
            js,
            text,
        });
    });
}

impl crate::model::sync::Storage for Local {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        read(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StorageError> {
        let js = JsValue::from_str(value);
        storage()?
            .unchecked_ref::<JsStorage>()
            .set_item_js(key, &js)
            .map_err(|e| write_error(&e))?;
        remember(key, js, value.to_string());
        Ok(())
    }
    fn get_unless(&self, key: &str, known: &str) -> Result<Read, StorageError> {
        let now = storage()?
            .unchecked_ref::<JsStorage>()
            .get_item_js(key)
            .map_err(|e| StorageError::Unavailable(describe(&e)))?;
        // `===` on two strings compares their text.
        let same = LAST.with_borrow(|last| {
            last.as_ref()
                .is_some_and(|l| l.key == key && l.text == known && l.js == now)
        });
        if same {
            return Ok(Read::Same);
        }
        let text = now.as_string();
        if let Some(t) = &text {
            remember(key, now, t.clone());
        }
        Ok(if text.as_deref() == Some(known) {
            Read::Same
        } else {
            Read::Now(text)
        })
    }
}

fn storage() -> Result<web_sys::Storage, StorageError> {
    let window = web_sys::window().ok_or_else(|| StorageError::Unavailable("no window".into()))?;
    match window.local_storage() {
        Ok(Some(s)) => Ok(s),
        Ok(None) => Err(StorageError::Unavailable(
            "localStorage is not available".into(),
        )),
        Err(e) => Err(StorageError::Unavailable(describe(&e))),
    }
}

fn describe(e: &wasm_bindgen::JsValue) -> String {
    e.dyn_ref::<web_sys::DomException>()
        .map(|d| format!("{}: {}", d.name(), d.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "storage error".into())
}

/// Reads a key.
pub fn read(key: &str) -> Result<Option<String>, StorageError> {
    storage()?
        .get_item(key)
        .map_err(|e| StorageError::Unavailable(describe(&e)))
}

/// Writes a key.
pub fn write(key: &str, value: &str) -> Result<(), StorageError> {
    storage()?.set_item(key, value).map_err(|e| write_error(&e))
}

/// Why a write failed: storage full, or not available.
fn write_error(e: &JsValue) -> StorageError {
    let quota = e.dyn_ref::<web_sys::DomException>().is_some_and(|d| {
        matches!(
            d.name().as_str(),
            "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED"
        ) || d.code() == 22
    });
    if quota {
        StorageError::Full
    } else {
        StorageError::Unavailable(describe(e))
    }
}

/// Calls `f` whenever another tab changes `key` (or clears storage).
pub fn on_change(key: &'static str, f: impl Fn() + 'static) -> Option<gloo_events::EventListener> {
    let window = web_sys::window()?;
    Some(gloo_events::EventListener::new(
        &window,
        "storage",
        move |ev| {
            if let Some(ev) = ev.dyn_ref::<web_sys::StorageEvent>() {
                // A `null` key means the whole storage was cleared.
                if ev.key().is_none_or(|k| k == key) {
                    f();
                }
            }
        },
    ))
}
