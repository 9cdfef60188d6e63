//! `localStorage`, probed through `Result` at every call: it may be missing (disabled, sandboxed
//! iframe), full, or changed by another tab.

use wasm_bindgen::JsCast;

/// Key of the saved document.
pub const KEY: &str = "xinyuan-tracker";
/// Key of the copy kept before a migration or before the user discards an unreadable document.
pub const BACKUP_KEY: &str = "xinyuan-tracker.backup";
/// Key of the language preference.
pub const LANG_KEY: &str = "xinyuan-tracker.lang";

/// Why storage refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageError {
    /// No storage at all, or access denied.
    Unavailable(String),
    /// The quota is exhausted.
    Full,
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

/// Calls `f` with the new value whenever another tab changes `key`.
pub fn on_change(
    key: &'static str,
    f: impl Fn(Option<String>) + 'static,
) -> Option<gloo_events::EventListener> {
    let window = web_sys::window()?;
    Some(gloo_events::EventListener::new(
        &window,
        "storage",
        move |ev| {
            if let Some(ev) = ev.dyn_ref::<web_sys::StorageEvent>() {
                if ev.key().as_deref() == Some(key) {
                    f(ev.new_value());
                }
            }
        },
    ))
}
