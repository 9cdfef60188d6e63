//! App state: the page's [`Replica`] of the saving protocol, and the signals the components read.
//!
//! Every change goes through [`Store::send`], which steps the replica over `localStorage` and
//! then publishes what changed to the signals. The protocol itself (merging tabs, what could not
//! be saved, undo, unreadable documents) is core logic in [`crate::model::sync`].

use crate::model::publish::{self, Published};
use crate::model::saved::{Entries, LoadError, Op};
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
    /// Changes whenever this page's own figures may have: read them with [`Store::own_with`].
    own_rev: RwSignal<u64>,
    /// The published figures file, as far as it is known.
    pub published: RwSignal<PublishedState>,
    /// Figures opened from a shared link, shown instead of the others until closed or kept.
    pub shared: RwSignal<Option<Entries>>,
    /// Whether the shared link carries only the latest figure of each indicator.
    pub shared_latest_only: RwSignal<bool>,
    /// Why a shared link could not be opened, if it could not.
    pub shared_error: RwSignal<Option<crate::model::share::ShareError>>,
    /// Whether the reader chose to add figures of their own while published ones are shown.
    pub adding: RwSignal<bool>,
    /// Figures to add to the user's, waiting for the user's look on the Import / export page
    /// ("keep these in my figures", "add the published figures to mine"). That page reads and
    /// checks them as an import ([`crate::model::transfer::plan_keep`]), in its own part of the
    /// module: the CSV reader is not in the part every visit fetches.
    pub pending_import: RwSignal<Option<Entries>>,
    /// Whether a new version of the app is installed and waits for a reload.
    pub update_ready: RwSignal<bool>,
    replica: StoredValue<Replica>,
}

/// What is known of the published figures file.
#[derive(Debug, Clone, PartialEq)]
pub enum PublishedState {
    /// Not fetched yet.
    Pending,
    /// The site publishes no figures (no file, an empty one, or none reachable).
    Nothing,
    /// Figures published, shown under the reader's own.
    Shown {
        /// When they were published, ISO 8601.
        at: String,
        /// How many figures.
        count: usize,
        /// Ids in the file this report does not have.
        skipped: Vec<String>,
    },
    /// The file cannot be read (not a figures file, or of a newer version): nothing else changes.
    Unreadable(LoadError),
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
        Store::with(replica, lang)
    }

    /// The store of the first view, rendered to HTML when the site is built
    /// (`src/bin/prerender.rs`): no saved figures, the published ones if the site has them.
    pub fn first_view(lang: Lang, published: Option<Published>) -> Store {
        let mut nothing = NothingSaved;
        let mut replica = Replica::start("first-view", &mut nothing, "");
        let state = match published {
            Some(p) if !p.entries.is_empty() => {
                let count = p.entries.len();
                replica.step(Event::Published(p.entries), &mut nothing, "");
                PublishedState::Shown {
                    at: p.at,
                    count,
                    skipped: p.skipped,
                }
            }
            _ => PublishedState::Nothing,
        };
        let store = Store::with(replica, lang);
        store.published.set(state);
        store
    }

    fn with(replica: Replica, lang: Lang) -> Store {
        Store {
            entries: RwSignal::new(replica.shown()),
            health: RwSignal::new(replica.health().clone()),
            unsaved: RwSignal::new(replica.unsaved()),
            can_undo: RwSignal::new(replica.can_undo()),
            notice: RwSignal::new(replica.notice().cloned()),
            lang: RwSignal::new(lang),
            own_rev: RwSignal::new(0),
            published: RwSignal::new(PublishedState::Pending),
            shared: RwSignal::new(None),
            shared_latest_only: RwSignal::new(false),
            shared_error: RwSignal::new(None),
            adding: RwSignal::new(false),
            pending_import: RwSignal::new(None),
            update_ready: RwSignal::new(false),
            replica: StoredValue::new(replica),
        }
    }

    /// Steps the protocol over `localStorage`, then publishes what changed to the signals.
    pub fn send(self, event: Event) {
        let mut local = storage::Local;
        let now = web::now_iso();
        self.replica
            .update_value(|r| r.step(event, &mut local, &now));
        self.refresh();
    }

    /// Publishes the replica's state to the signals.
    fn refresh(self) {
        self.replica.with_value(|r| {
            let shown = self
                .shared
                .with_untracked(|s| s.clone())
                .unwrap_or_else(|| r.shown());
            set_if_changed(self.entries, shown);
            // Not copied or compared (that is the size of the saved document at every commit):
            // readers of the page's own figures read them from the replica.
            self.own_rev.update(|n| *n += 1);
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

    /// Reads this page's own figures (the reader's, kept in this browser), tracked.
    pub fn own_with<T>(self, f: impl FnOnce(&Entries) -> T) -> T {
        self.own_rev.track();
        self.replica.with_value(|r| f(r.own_ref()))
    }

    /// Reads this page's own figures, untracked.
    pub fn own_with_untracked<T>(self, f: impl FnOnce(&Entries) -> T) -> T {
        self.replica.with_value(|r| f(r.own_ref()))
    }

    /// A copy of this page's own figures, without revisions or deletions, untracked.
    pub fn own_untracked(self) -> Entries {
        self.replica
            .with_value(|r| publish::figures_only(r.own_ref()))
    }

    /// Reads the published figures this page shows under its own (they change only with
    /// [`Store::published`]).
    pub fn published_with<T>(self, f: impl FnOnce(&Entries) -> T) -> T {
        self.replica.with_value(|r| f(r.published()))
    }

    /// Fetches the published figures file and shows its figures under the reader's own. A slow
    /// file delays nothing: the page is already rendered from the report's data.
    pub fn fetch_published(self) {
        leptos::task::spawn_local(async move {
            let state = match web::fetch_text(publish::FILE).await {
                Ok(Some(text)) => match publish::read(&text, crate::model::Dataset::embedded()) {
                    Ok(p) => self.show_published(p),
                    Err(e) => PublishedState::Unreadable(e),
                },
                // No file, or none reachable (offline before the first visit cached it).
                Ok(None) | Err(_) => PublishedState::Nothing,
            };
            self.published.set(state);
        });
    }

    /// Shows the published figures the page was built with (`index.html` carries them beside its
    /// first view), so that the app starts with what the first view showed; the file is fetched
    /// after, in case it changed since.
    /// Empty when the build had none: the app then starts as a site without published figures
    /// (entry forms shown), as the first view did.
    pub fn show_first_published(self, text: &str) {
        if text.trim().is_empty() {
            self.published.set(PublishedState::Nothing);
        } else if let Ok(p) = publish::read(text, crate::model::Dataset::embedded()) {
            let state = self.show_published(p);
            self.published.set(state);
        }
    }

    fn show_published(self, p: Published) -> PublishedState {
        if p.entries.is_empty() {
            return PublishedState::Nothing;
        }
        let count = p.entries.len();
        self.send(Event::Published(p.entries));
        PublishedState::Shown {
            at: p.at,
            count,
            skipped: p.skipped,
        }
    }

    /// Whether the page is for reading: figures from a shared link are open, or published
    /// figures are shown and the reader has none of their own and has not chosen to add any.
    /// Entry forms and edit buttons then stay folded.
    ///
    /// Until the published file is known (it is being fetched), a page with no figures of its own
    /// reads too, so that a reader on a slow connection does not see a form appear and vanish.
    pub fn reading(self) -> bool {
        self.shared.with(Option::is_some)
            || (matches!(
                self.published.get(),
                PublishedState::Shown { .. } | PublishedState::Pending
            ) && self.own_with(Entries::is_empty)
                && !self.adding.get())
    }

    /// Opens figures from a shared link (`None` closes them and shows the page's own again).
    pub fn show_shared(self, figures: Option<Entries>) {
        self.shared.set(figures);
        self.refresh();
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

/// The storage of the first view: nothing saved, nothing kept.
struct NothingSaved;

impl crate::model::sync::Storage for NothingSaved {
    fn get(&self, _: &str) -> Result<Option<String>, crate::model::sync::StorageError> {
        Ok(None)
    }
    fn set(&mut self, _: &str, _: &str) -> Result<(), crate::model::sync::StorageError> {
        Ok(())
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
