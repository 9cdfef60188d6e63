//! `localStorage`, probed through `Result` at every call: it may be missing (disabled, sandboxed
//! iframe), full, or changed by another tab.

use wasm_bindgen::JsCast;

pub use crate::model::sync::{StorageError, BACKUP_KEY, KEY, LANG_KEY};

/// `localStorage` as the saving protocol's [`Storage`](crate::model::sync::Storage).
pub struct Local;

impl crate::model::sync::Storage for Local {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        read(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StorageError> {
        write(key, value)
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
    storage()?.set_item(key, value).map_err(|e| {
        let quota = e.dyn_ref::<web_sys::DomException>().is_some_and(|d| {
            matches!(
                d.name().as_str(),
                "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED"
            ) || d.code() == 22
        });
        if quota {
            StorageError::Full
        } else {
            StorageError::Unavailable(describe(&e))
        }
    })
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
