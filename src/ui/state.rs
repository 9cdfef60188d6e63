//! App state and the one save point: every committed change goes through [`Store::commit`].

use crate::model::saved::{self, Entries, LoadError, Op};
use crate::model::Lang;
use crate::web::{self, storage};
use leptos::prelude::*;

/// Whether what the user enters is being kept.
#[derive(Debug, Clone, PartialEq)]
pub enum Health {
    /// Saved in this browser.
    Saving,
    /// No storage: changes live in memory only.
    Unavailable(String),
    /// Storage is full: the last change is in memory only.
    Full,
    /// The saved document cannot be read; it is left untouched until the user decides.
    Unreadable {
        /// The document as stored.
        raw: String,
        /// Why it cannot be read.
        error: LoadError,
    },
}

/// Shared state, provided in context.
#[derive(Clone, Copy)]
pub struct Store {
    /// Entered figures.
    pub entries: RwSignal<Entries>,
    /// Storage state, shown in a banner when not [`Health::Saving`].
    pub health: RwSignal<Health>,
    /// Operations that undo the last changes, last on top.
    pub undo: RwSignal<Vec<Op>>,
    /// Operations that redo undone changes.
    pub redo: RwSignal<Vec<Op>>,
    /// Interface language.
    pub lang: RwSignal<Lang>,
    /// A migration happened at start (the old document is kept under the backup key).
    pub migrated: RwSignal<Option<u32>>,
    /// The stored document that `entries` reflects (read at start, written by this tab, or
    /// received from another tab). While storage still holds it, no other tab has saved since, so
    /// a commit builds on `entries` without decoding the document again.
    seen: StoredValue<Option<String>>,
    /// Changes applied here that storage does not hold (it was full or missing). When another
    /// tab's document comes in, they are applied again on top of it, so they are not lost.
    unsaved: StoredValue<Vec<Op>>,
}

impl Store {
    /// Reads the saved document once and the language preference.
    pub fn load() -> Store {
        let mut seen = None;
        let (entries, health, migrated) = match storage::read(storage::KEY) {
            Err(storage::StorageError::Unavailable(why)) => {
                (Entries::default(), Health::Unavailable(why), None)
            }
            Err(storage::StorageError::Full) => (Entries::default(), Health::Full, None),
            Ok(None) => (Entries::default(), Health::Saving, None),
            Ok(Some(raw)) => match saved::decode(&raw) {
                Ok(loaded) => {
                    if let Some(from) = loaded.migrated_from {
                        // Keep the pre-migration copy; write the migrated one only after that worked.
                        if storage::write(storage::BACKUP_KEY, &raw).is_ok() {
                            let _ = storage::write(
                                storage::KEY,
                                &saved::encode(&loaded.entries, &web::now_iso()),
                            );
                        }
                        (loaded.entries, Health::Saving, Some(from))
                    } else {
                        seen = Some(raw);
                        (loaded.entries, Health::Saving, None)
                    }
                }
                Err(error) => (Entries::default(), Health::Unreadable { raw, error }, None),
            },
        };
        #[cfg(feature = "bench")]
        let entries = if web::bench::fill() {
            Entries::full_year(crate::model::Dataset::embedded())
        } else {
            entries
        };
        let lang = match storage::read(storage::LANG_KEY).ok().flatten().as_deref() {
            Some("en") => Lang::En,
            Some("zh") => Lang::Zh,
            _ => match web::browser_language() {
                Some(l) if l.starts_with("en") => Lang::En,
                _ => Lang::Zh,
            },
        };
        Store {
            entries: RwSignal::new(entries),
            health: RwSignal::new(health),
            undo: RwSignal::new(Vec::new()),
            redo: RwSignal::new(Vec::new()),
            lang: RwSignal::new(lang),
            migrated: RwSignal::new(migrated),
            seen: StoredValue::new(seen),
            unsaved: StoredValue::new(Vec::new()),
        }
    }

    /// Listens for other tabs' saves, so their changes appear here without a reload.
    pub fn follow_other_tabs(self) {
        let listener = storage::on_change(storage::KEY, move |value| {
            match value.as_deref().map(saved::decode) {
                Some(Ok(loaded)) => {
                    self.entries.set(self.with_unsaved(loaded.entries));
                    self.seen.set_value(value);
                    if matches!(self.health.get_untracked(), Health::Unreadable { .. }) {
                        self.health.set(Health::Saving);
                    }
                }
                None => self.entries.set(self.with_unsaved(Entries::default())),
                Some(Err(_)) => {}
            }
        });
        // The listener lives as long as the page.
        std::mem::forget(listener);
    }

    /// Commits a change: applied to what is stored now (so another tab's saves are kept), saved,
    /// and its inverse pushed on the undo stack.
    pub fn commit(self, op: Op) {
        let inverse = self.apply_and_save(op);
        self.undo.update(|u| u.push(inverse));
        self.redo.update(Vec::clear);
    }

    /// Undoes the last change.
    pub fn undo(self) {
        if let Some(op) = self.undo.try_update(Vec::pop).flatten() {
            let inverse = self.apply_and_save(op);
            self.redo.update(|r| r.push(inverse));
        }
    }

    /// Redoes the last undone change.
    pub fn redo(self) {
        if let Some(op) = self.redo.try_update(Vec::pop).flatten() {
            let inverse = self.apply_and_save(op);
            self.undo.update(|u| u.push(inverse));
        }
    }

    fn apply_and_save(self, op: Op) -> Op {
        let health = self.health.get_untracked();
        let mut base = self.entries.get_untracked();
        if !matches!(health, Health::Unreadable { .. }) {
            if let Ok(Some(raw)) = storage::read(storage::KEY) {
                let unchanged = self.seen.with_value(|s| s.as_deref() == Some(raw.as_str()));
                if !unchanged {
                    if let Ok(stored) = saved::decode(&raw) {
                        base = self.with_unsaved(stored.entries);
                        self.seen.set_value(Some(raw));
                    }
                }
            }
        }
        let inverse = base.apply(op.clone());
        let new_health = match health {
            Health::Unreadable { .. } => health,
            _ => {
                let text = saved::encode(&base, &web::now_iso());
                match storage::write(storage::KEY, &text) {
                    Ok(()) => {
                        self.seen.set_value(Some(text));
                        self.unsaved.update_value(Vec::clear);
                        Health::Saving
                    }
                    Err(e) => {
                        self.unsaved.update_value(|u| u.push(op));
                        match e {
                            storage::StorageError::Full => Health::Full,
                            storage::StorageError::Unavailable(why) => Health::Unavailable(why),
                        }
                    }
                }
            }
        };
        if new_health != self.health.get_untracked() {
            self.health.set(new_health);
        }
        self.entries.set(base);
        inverse
    }

    /// `entries` with the changes storage does not hold yet applied on top.
    fn with_unsaved(self, mut entries: Entries) -> Entries {
        self.unsaved.with_value(|ops| {
            for op in ops {
                entries.apply(op.clone());
            }
        });
        entries
    }

    /// The user chose to set the unreadable document aside: it is copied to the backup key, then
    /// what is in memory is saved.
    pub fn discard_unreadable(self) {
        if let Health::Unreadable { raw, .. } = self.health.get_untracked() {
            if storage::write(storage::BACKUP_KEY, &raw).is_ok() {
                let text = saved::encode(&self.entries.get_untracked(), &web::now_iso());
                let saved = storage::write(storage::KEY, &text);
                self.health.set(if saved.is_ok() {
                    self.seen.set_value(Some(text));
                    self.unsaved.update_value(Vec::clear);
                    Health::Saving
                } else {
                    Health::Full
                });
            } else {
                self.health.set(Health::Full);
            }
        }
    }

    /// Switches language and remembers it.
    pub fn set_lang(self, lang: Lang) {
        self.lang.set(lang);
        let _ = storage::write(
            storage::LANG_KEY,
            if lang == Lang::En { "en" } else { "zh" },
        );
    }
}

/// The store from context.
pub fn use_store() -> Store {
    expect_context::<Store>()
}
