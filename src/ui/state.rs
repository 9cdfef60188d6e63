//! App state: the page's [`Replica`] of the saving protocol, and the signals the components read.
//!
//! Every change goes through [`Store::send`], which steps the replica over `localStorage` and
//! then publishes what changed to the signals. The protocol itself (merging tabs, what could not
//! be saved, undo, unreadable documents) is core logic in [`crate::model::sync`].

use crate::model::saved::{Entries, Op};
use crate::model::sync::{Event, Replica};
pub use crate::model::sync::{Health, Notice};
use crate::model::Lang;
use crate::web::{self, storage};
use leptos::prelude::*;

/// Shared state, provided in context.
#[derive(Clone, Copy)]
pub struct Store {
    /// The figures shown.
    pub entries: RwSignal<Entries>,
    /// Storage state, shown in a banner when not [`Health::Saving`].
    pub health: RwSignal<Health>,
    /// How many figures this page holds that storage does not.
    pub unsaved: RwSignal<usize>,
    /// Whether there is a change to undo, and one to redo.
    pub can_undo: RwSignal<(bool, bool)>,
    /// What the last step has to tell the user.
    pub notice: RwSignal<Option<Notice>>,
    /// Interface language.
    pub lang: RwSignal<Lang>,
    replica: StoredValue<Replica>,
}

impl Store {
    /// Reads the saved document once and the language preference.
    pub fn load() -> Store {
        let mut local = storage::Local;
        #[allow(unused_mut)]
        let mut replica = Replica::start(&web::page_id(), &mut local, &web::now_iso());
        #[cfg(feature = "bench")]
        if web::bench::fill() {
            let full = Entries::full_year(crate::model::Dataset::embedded());
            replica.step(
                Event::Commit(Op::ReplaceAll(full)),
                &mut local,
                &web::now_iso(),
            );
        }
        let lang = match storage::read(storage::LANG_KEY).ok().flatten().as_deref() {
            Some("en") => Lang::En,
            Some("zh") => Lang::Zh,
            _ => match web::browser_language() {
                Some(l) if l.starts_with("en") => Lang::En,
                _ => Lang::Zh,
            },
        };
        Store {
            entries: RwSignal::new(replica.shown()),
            health: RwSignal::new(replica.health().clone()),
            unsaved: RwSignal::new(replica.unsaved()),
            can_undo: RwSignal::new(replica.can_undo()),
            notice: RwSignal::new(replica.notice().cloned()),
            lang: RwSignal::new(lang),
            replica: StoredValue::new(replica),
        }
    }

    /// Steps the protocol over `localStorage`, then publishes what changed to the signals.
    pub fn send(self, event: Event) {
        let mut local = storage::Local;
        let now = web::now_iso();
        self.replica
            .update_value(|r| r.step(event, &mut local, &now));
        self.replica.with_value(|r| {
            let shown = r.shown();
            set_if_changed(self.entries, shown);
            set_if_changed(self.health, r.health().clone());
            set_if_changed(self.unsaved, r.unsaved());
            set_if_changed(self.can_undo, r.can_undo());
            set_if_changed(self.notice, r.notice().cloned());
        });
    }

    /// Listens for other tabs' saves, so their changes appear here without a reload.
    pub fn follow_other_tabs(self) {
        let listener = storage::on_change(storage::KEY, move || self.send(Event::StorageChanged));
        // The listener lives as long as the page.
        std::mem::forget(listener);
    }

    /// Commits a change.
    pub fn commit(self, op: Op) {
        self.send(Event::Commit(op));
    }

    /// Undoes the last change.
    pub fn undo(self) {
        self.send(Event::Undo);
    }

    /// Redoes the last undone change.
    pub fn redo(self) {
        self.send(Event::Redo);
    }

    /// The user chose to set the unreadable document aside and save again.
    pub fn discard_unreadable(self) {
        self.send(Event::SetAside);
    }

    /// Tries to save again (after the user freed space).
    pub fn retry(self) {
        self.send(Event::Retry);
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

fn set_if_changed<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
    if signal.with_untracked(|v| *v != value) {
        signal.set(value);
    }
}

/// The store from context.
pub fn use_store() -> Store {
    expect_context::<Store>()
}
