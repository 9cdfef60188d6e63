//! The saving protocol: what a page holds, what storage holds, what could not be saved, another
//! tab's document, and undo, as one state machine over a small [`Storage`] trait.
//!
//! A page is a [`Replica`]. It changes only through [`Replica::step`], which takes an [`Event`]
//! (a user's change, undo, redo, another tab's save, "set the unreadable document aside") and the
//! storage to work on. The browser implements [`Storage`] over `localStorage`; tests implement it
//! in memory and make it full, missing, corrupt, or changed by another tab between any two steps.
//!
//! # What is guaranteed
//!
//! - **Every change is stamped.** A change writes each figure it touches with a new revision
//!   ([`Rev`]: a clock one above every clock the page has seen, and the page's id). Deletions keep
//!   their revision too.
//! - **Documents merge, never replace.** Before every write the page reads what storage holds
//!   and merges it into what it knows, figure by figure, keeping the later revision. A document
//!   another tab saved is merged the same way when its `storage` event arrives. So a page never
//!   writes a document that lacks a figure another tab saved and this page had read; and when
//!   another tab, working from a copy that was not yet up to date, writes a document without this
//!   page's change, this page puts its change back as soon as it sees that document.
//! - **What storage does not hold is counted.** [`Replica::unsaved`] is the number of figures
//!   the page holds at a revision storage does not have (storage full or missing, or the stored
//!   document unreadable). They are written with the next successful save.
//! - **An unreadable document is never written over.** A stored document that does not decode
//!   (not JSON, another app's, a newer schema) stops all writes to its key until the user sets it
//!   aside; setting it aside first copies it, byte for byte, to a backup key that was free, reads
//!   the copy back, and only then writes. If the copy cannot be made, nothing is written.
//! - **Undo takes back only this page's change.** Undo and redo restore a figure only while it
//!   still holds the revision this page's change gave it; a figure another tab changed since is
//!   left as it is, and [`Notice::KeptOthers`] says how many.
//!
//! Not guaranteed: two changes made to the *same figure* in two tabs that had not seen each other
//! both survive; the later revision wins in every tab. A change made in a tab that is closed
//! before storage took it (storage full, missing, or the document unreadable) is lost with the
//! tab; the page says how many changes are not saved while that is so.

use super::figures::{Extra, Figure, Rev};
use super::saved::{self, Entries, Key, LoadError, Op};

/// Key of the saved document.
pub const KEY: &str = "xinyuan-tracker";
/// First key tried for a backup copy (of a document set aside, or of one before a migration);
/// `.2`, `.3`, … are tried next, so an earlier backup is never written over.
pub const BACKUP_KEY: &str = "xinyuan-tracker.backup";
/// Key of the language preference.
pub const LANG_KEY: &str = "xinyuan-tracker.lang";

/// Why storage refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StorageError {
    /// No storage at all, or access denied.
    #[error("storage unavailable: {0}")]
    Unavailable(String),
    /// The quota is exhausted.
    #[error("storage full")]
    Full,
}

impl StorageError {
    /// What happened, for the user, in their language.
    pub fn message(&self, lang: super::Lang) -> String {
        match (self, lang) {
            (StorageError::Full, super::Lang::Zh) => "存储空间已满".into(),
            (StorageError::Full, super::Lang::En) => "storage is full".into(),
            (StorageError::Unavailable(why), super::Lang::Zh) => format!("无法使用存储：{why}"),
            (StorageError::Unavailable(why), super::Lang::En) => {
                format!("storage cannot be used: {why}")
            }
        }
    }
}

/// A key-value store of strings: `localStorage`, or one in memory for tests.
pub trait Storage {
    /// The value of `key`, if any.
    fn get(&self, key: &str) -> Result<Option<String>, StorageError>;
    /// Writes `value` under `key`.
    fn set(&mut self, key: &str, value: &str) -> Result<(), StorageError>;
    /// The value of `key`, unless it is exactly `known`. A storage that can tell so without
    /// copying the value out (the browser's, for the text it last read or wrote there) does.
    fn get_unless(&self, key: &str, known: &str) -> Result<Read, StorageError> {
        let value = self.get(key)?;
        Ok(if value.as_deref() == Some(known) {
            Read::Same
        } else {
            Read::Now(value)
        })
    }
}

/// What [`Storage::get_unless`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Read {
    /// The text that was known to be there.
    Same,
    /// Another value, or none.
    Now(Option<String>),
}

/// Whether what the user enters is being kept.
#[derive(Debug, Clone, PartialEq)]
pub enum Health {
    /// Saved in this browser.
    Saving,
    /// No storage: changes live in this page only.
    Unavailable(String),
    /// Storage is full: the latest changes live in this page only.
    Full,
    /// The saved document cannot be read; it is left untouched until the user sets it aside.
    Unreadable {
        /// The document as stored.
        raw: String,
        /// Why it cannot be read.
        error: LoadError,
        /// Why the last attempt to set it aside failed, if one did.
        aside_failed: Option<StorageError>,
    },
}

/// Something the page should tell the user once, after a step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// An undo or redo left this many figures as another tab had changed them.
    KeptOthers(usize),
    /// The unreadable document was copied to this key, and saving started again.
    SetAside(String),
    /// The document, written in this older schema, was upgraded; the original was first copied
    /// to the key.
    Migrated {
        /// The schema it was written in.
        from: u32,
        /// Where the original is kept.
        backup: String,
    },
    /// Undo or redo waits: storage or the saved document cannot be read just now, so other tabs'
    /// changes to the same figures cannot be known.
    UndoWaits,
}

/// What happens to a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// The user commits a change.
    Commit(Op),
    /// The user undoes their last change.
    Undo,
    /// The user redoes the last undone change.
    Redo,
    /// Another tab changed the saved document (the browser's `storage` event). The event's value
    /// is not used: events queue, and by the time one is handled storage may hold a later
    /// document, so storage is read again.
    StorageChanged,
    /// The user chose to set the unreadable document aside and save again.
    SetAside,
    /// Try to save again (after the user freed space).
    Retry,
    /// Figures from elsewhere (the published file), shown where this page has no figure of its
    /// own. Never written to storage.
    Published(Entries),
}

/// One committed change, as undo needs it: each figure it wrote, what was there before, and the
/// revision it wrote.
#[derive(Debug, Clone, PartialEq)]
struct Change(Vec<(Key, Option<Figure>, Rev)>);

/// One page's state of the saving protocol.
#[derive(Debug, Clone)]
pub struct Replica {
    /// This page's id in revisions.
    me: String,
    /// Lamport clock: the highest clock seen or stamped.
    clock: u64,
    /// Every figure this page knows: what storage held when last read, merged with this page's
    /// own changes.
    known: Entries,
    /// What storage holds, as far as this page knows, decoded; `None` when it is exactly `known`
    /// (after a write that succeeded). Not copied at every write: when a later write fails, it is
    /// decoded again from `stored`.
    confirmed: Option<Entries>,
    /// The text of the stored document, as last read or written.
    stored: Option<String>,
    /// Top-level fields of the stored document this version does not know.
    extra: Extra,
    /// Figures from elsewhere, shown where this page has none of its own.
    published: Entries,
    health: Health,
    undo: Vec<Change>,
    redo: Vec<Change>,
    notice: Option<Notice>,
    /// The schema of the stored document when it is older than this version's: it is replaced
    /// only after a byte-identical copy was made (an older build, in this browser or in another
    /// tab, wrote it).
    older: Option<u32>,
    /// Whether the last read of storage, earlier in this step, succeeded.
    read_ok: bool,
    /// The text of each indicator's figures as last written, kept while they are unchanged.
    encoder: saved::Encoder,
}

impl Replica {
    /// Starts a page: reads the saved document once. `me` is the page's id (unique per page
    /// load), `now` the time in ISO 8601.
    pub fn start(me: &str, storage: &mut impl Storage, now: &str) -> Replica {
        let mut r = Replica {
            me: me.to_string(),
            clock: 0,
            known: Entries::default(),
            confirmed: Some(Entries::default()),
            stored: None,
            extra: Extra::new(),
            published: Entries::default(),
            health: Health::Saving,
            undo: Vec::new(),
            redo: Vec::new(),
            notice: None,
            older: None,
            read_ok: false,
            encoder: saved::Encoder::default(),
        };
        r.absorb_storage(storage);
        if r.older.is_some() {
            // Upgrade at once: the original is copied aside first (see `save`).
            r.save(storage, now);
        }
        r
    }

    /// Applies one event. Every write to storage happens here.
    pub fn step(&mut self, event: Event, storage: &mut impl Storage, now: &str) {
        self.notice = None;
        self.read_ok = false;
        match event {
            Event::Commit(op) => {
                self.absorb_storage(storage);
                let change = self.apply_user(op);
                if !change.0.is_empty() {
                    self.undo.push(change);
                    self.redo.clear();
                }
                self.save(storage, now);
            }
            Event::Undo => self.take_back(true, storage, now),
            Event::Redo => self.take_back(false, storage, now),
            Event::StorageChanged => {
                self.absorb_storage(storage);
                if self.unsaved() > 0 {
                    self.save(storage, now);
                }
            }
            Event::SetAside => self.set_aside(storage, now),
            Event::Retry => {
                self.absorb_storage(storage);
                self.save(storage, now);
            }
            Event::Published(entries) => self.published = entries,
        }
    }

    /// The figures to show: at each place this page's own figure if it has one, the published
    /// one otherwise. A deletion is not a figure: deleting one's own figure ("drop mine") shows
    /// the published one again, and a new published file never hides or changes a figure of
    /// this page's own.
    pub fn shown(&self) -> Entries {
        if self.published.figures.is_empty() {
            return self.own();
        }
        let mut shown = self.published.clone();
        for (id, list) in &self.known.figures {
            shown.put_over(id, list);
        }
        shown.removed.clear();
        shown
    }

    /// The published figures this page shows under its own.
    pub fn published(&self) -> &Entries {
        &self.published
    }

    /// This page's own figures (with their revisions and deletions).
    pub fn own(&self) -> Entries {
        self.known.clone()
    }

    /// This page's own figures, borrowed.
    pub fn own_ref(&self) -> &Entries {
        &self.known
    }

    /// Whether figures are being saved.
    pub fn health(&self) -> &Health {
        &self.health
    }

    /// How many figures this page holds that storage does not.
    pub fn unsaved(&self) -> usize {
        let Some(confirmed) = &self.confirmed else {
            return 0;
        };
        // What this page knows always includes what storage held when last read (it was merged
        // in), so counting this page's places whose revision storage lacks is enough.
        // A figure never stamped (from a document of an older version) has the revision of an
        // empty place: it is unsaved where storage holds no figure there.
        let figures = self.known.figures.iter().flat_map(|(id, list)| {
            list.iter().filter(move |f| {
                confirmed.rev_at(id, f.period) != &f.rev
                    || (f.rev.is_zero() && confirmed.figure(id, f.period).is_none())
            })
        });
        let removed = self.known.removed.iter().flat_map(|(id, r)| {
            r.iter()
                .filter(move |(p, rev)| confirmed.rev_at(id, **p) != *rev)
        });
        figures.count() + removed.count()
    }

    /// Whether there is a change to undo, and one to redo.
    pub fn can_undo(&self) -> (bool, bool) {
        (!self.undo.is_empty(), !self.redo.is_empty())
    }

    /// What the last step has to tell the user, if anything.
    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    /// The text of the document storage held when this page last read or wrote it.
    pub fn stored(&self) -> Option<&str> {
        self.stored.as_deref()
    }

    /// This page's id in revisions.
    pub fn id(&self) -> &str {
        &self.me
    }

    fn tick(&mut self) -> Rev {
        self.clock += 1;
        Rev(self.clock, self.me.clone())
    }

    /// Reads storage and merges what it holds, unless it is the document already seen. Returns
    /// whether the read succeeded.
    fn absorb_storage(&mut self, storage: &impl Storage) -> bool {
        let read = match &self.stored {
            Some(known) => storage.get_unless(KEY, known),
            None => storage.get(KEY).map(Read::Now),
        };
        self.read_ok = match read {
            Ok(Read::Same) => true,
            Ok(Read::Now(value)) => {
                self.absorb(value);
                true
            }
            Err(e) => {
                if !matches!(self.health, Health::Unreadable { .. }) {
                    self.health = health_of(e);
                }
                false
            }
        };
        self.read_ok
    }

    /// Merges a stored document into what this page knows.
    fn absorb(&mut self, value: Option<String>) {
        if value.is_some() && value == self.stored {
            return;
        }
        match value {
            None => {
                self.confirmed = Some(Entries::default());
                self.stored = None;
                self.older = None;
                self.leave_unreadable();
            }
            Some(raw) => match saved::decode(&raw) {
                Ok(loaded) => {
                    self.clock = self.clock.max(loaded.entries.max_clock());
                    self.known.merge(&loaded.entries);
                    // Fields this version does not know follow the latest document.
                    self.known.extra.clone_from(&loaded.entries.extra);
                    self.confirmed = Some(loaded.entries);
                    self.extra = loaded.extra;
                    self.stored = Some(raw);
                    self.older = loaded.migrated_from;
                    self.leave_unreadable();
                }
                Err(error) => {
                    // Storage holds none of this page's figures in a form it can read.
                    self.confirmed = Some(Entries::default());
                    self.stored = None;
                    self.older = None;
                    self.health = Health::Unreadable {
                        raw,
                        error,
                        aside_failed: None,
                    };
                }
            },
        }
    }

    fn leave_unreadable(&mut self) {
        if matches!(self.health, Health::Unreadable { .. }) {
            self.health = Health::Saving;
        }
    }

    /// Applies a user's change to what this page knows, stamping every figure it changes.
    fn apply_user(&mut self, op: Op) -> Change {
        // Work on a copy of only the indicators the change touches (all of them for a reset or a
        // restore), then stamp every figure whose content changed.
        let scope = touched(&op);
        let next = match &scope {
            Some(ids) => {
                let mut part = Entries::default();
                for id in ids {
                    if let Some(list) = self.known.figures.get(id) {
                        part.figures.insert(id.clone(), list.clone());
                    }
                }
                self.seed_published(&op, &mut part);
                part.apply(op);
                part
            }
            None => {
                let mut all = self.known.clone();
                self.seed_published(&op, &mut all);
                all.apply(op);
                all
            }
        };
        let in_scope = |id: &String| scope.as_ref().is_none_or(|ids| ids.contains(id));
        let keys: std::collections::BTreeSet<Key> = self
            .known
            .figures
            .iter()
            .filter(|(id, _)| in_scope(id))
            .chain(next.figures.iter())
            .flat_map(|(id, list)| list.iter().map(move |f| (id.clone(), f.period)))
            .collect();
        let mut change = Vec::new();
        for (id, period) in keys {
            let before = self.known.figure(&id, period);
            let after = next.figure(&id, period);
            let same = match (before, after) {
                (Some(a), Some(b)) => a.same_content(b),
                (None, None) => true,
                // An update that leaves a published figure as it is makes no figure of this
                // page's own (see `seed_published`).
                (None, Some(b)) => self
                    .published
                    .figure(&id, period)
                    .is_some_and(|p| p.same_content(b)),
                _ => false,
            };
            if !same {
                let before = before.cloned();
                let after = after.cloned();
                let rev = self.tick();
                self.known.set(&id, period, after, rev.clone());
                change.push(((id, period), before, rev));
            }
        }
        Change(change)
    }

    /// An update (a grid, a pasted release) sets some fields of a figure and keeps the others:
    /// where this page has no figure of its own but a published one shows, it starts from the
    /// published figure, so that what it does not set (the value, last year's figure, the note)
    /// stays in view. The figure becomes this page's own only if the update changes it.
    fn seed_published(&self, op: &Op, into: &mut Entries) {
        match op {
            Op::Update { id, period, .. } => {
                if self.known.figure(id, *period).is_none() && into.figure(id, *period).is_none() {
                    if let Some(f) = self.published.figure(id, *period) {
                        into.set(id, *period, Some(f.clone()), f.rev.clone());
                    }
                }
            }
            Op::Batch(ops) => ops.iter().for_each(|o| self.seed_published(o, into)),
            Op::Put { .. } | Op::Delete { .. } | Op::ReplaceAll(_) => {}
        }
    }

    /// Puts back what a change replaced, where the figure still holds the change's revision.
    /// Returns the change that takes this back.
    fn revert(&mut self, change: Change) -> Change {
        let mut inverse = Vec::new();
        let mut kept = 0;
        for ((id, period), before, rev) in change.0 {
            if *self.known.rev_at(&id, period) != rev {
                kept += 1;
                continue;
            }
            let now = self.known.figure(&id, period).cloned();
            let new_rev = self.tick();
            self.known.set(&id, period, before, new_rev.clone());
            inverse.push(((id, period), now, new_rev));
        }
        if kept > 0 {
            self.notice = Some(Notice::KeptOthers(kept));
        }
        Change(inverse)
    }

    /// Writes what this page knows, merged with what storage holds now, unless the stored
    /// document is unreadable.
    fn save(&mut self, storage: &mut impl Storage, now: &str) {
        // Every caller read storage earlier in the same step (nothing else runs in between: a
        // step is synchronous); a write never follows a read that failed.
        if !self.read_ok || matches!(self.health, Health::Unreadable { .. }) {
            self.pin_confirmed();
            return;
        }
        if let (Some(from), Some(raw)) = (self.older, self.stored.clone()) {
            match copy_aside(storage, &raw) {
                Ok(key) => {
                    self.notice = Some(Notice::Migrated { from, backup: key });
                }
                Err(e) => {
                    self.pin_confirmed();
                    self.health = health_of(e);
                    return;
                }
            }
        }
        self.write(storage, now);
    }

    /// Undoes (or redoes) the last change, if it is safe: only after storage was read and
    /// decoded just now, so that every other tab's saved change to the same figures is known.
    /// While it cannot be read (missing, or unreadable), the change stays on its stack and the
    /// page says why: a reversal made blind could be stamped later than a change another tab
    /// saved meanwhile, and take it away.
    fn take_back(&mut self, undo: bool, storage: &mut impl Storage, now: &str) {
        let stack = if undo { &self.undo } else { &self.redo };
        if stack.is_empty() {
            return;
        }
        let read = self.absorb_storage(storage);
        let blind = !read || matches!(self.health, Health::Unreadable { .. });
        if blind {
            self.notice = Some(Notice::UndoWaits);
            return;
        }
        let stack = if undo { &mut self.undo } else { &mut self.redo };
        let Some(change) = stack.pop() else {
            return;
        };
        let inverse = self.revert(change);
        if undo {
            self.redo.push(inverse);
        } else {
            self.undo.push(inverse);
        }
        self.save(storage, now);
    }

    /// Makes `confirmed` say what storage holds when a change is not written: the document this
    /// page last wrote, read back from its text.
    fn pin_confirmed(&mut self) {
        if self.confirmed.is_none() {
            self.confirmed = Some(
                self.stored
                    .as_deref()
                    .and_then(|t| saved::decode(t).ok())
                    .map(|l| l.entries)
                    .unwrap_or_default(),
            );
        }
    }

    /// Writes what this page knows, as it is.
    fn write(&mut self, storage: &mut impl Storage, now: &str) {
        let text = self.encoder.encode(&self.known, &self.extra, now);
        match storage.set(KEY, &text) {
            Ok(()) => {
                self.confirmed = None;
                self.stored = Some(text);
                self.older = None;
                self.health = Health::Saving;
            }
            Err(e) => {
                self.pin_confirmed();
                self.health = health_of(e);
            }
        }
    }

    fn set_aside(&mut self, storage: &mut impl Storage, now: &str) {
        let Health::Unreadable { raw, .. } = &self.health else {
            return;
        };
        // Storage may have changed since the document was found unreadable: set aside only the
        // document that is there now, after the user saw it was unreadable.
        let raw = raw.clone();
        match storage.get(KEY) {
            Ok(Some(current)) if current == raw => {}
            Ok(value) => {
                self.read_ok = true;
                self.absorb(value);
                if !matches!(self.health, Health::Unreadable { .. }) {
                    self.save(storage, now);
                }
                return;
            }
            Err(e) => {
                self.set_aside_failed(e);
                return;
            }
        }
        match copy_aside(storage, &raw) {
            Ok(key) => {
                self.health = Health::Saving;
                self.write(storage, now);
                if self.health == Health::Saving {
                    self.notice = Some(Notice::SetAside(key));
                }
            }
            Err(e) => self.set_aside_failed(e),
        }
    }

    fn set_aside_failed(&mut self, e: StorageError) {
        if let Health::Unreadable { aside_failed, .. } = &mut self.health {
            *aside_failed = Some(e);
        }
    }
}

/// The indicators a change touches, or `None` for one that may touch any (a reset, a restore).
fn touched(op: &Op) -> Option<std::collections::BTreeSet<String>> {
    match op {
        Op::Put { id, .. } | Op::Delete { id, .. } | Op::Update { id, .. } => {
            Some(std::iter::once(id.clone()).collect())
        }
        Op::ReplaceAll(_) => None,
        Op::Batch(ops) => ops
            .iter()
            .try_fold(std::collections::BTreeSet::new(), |mut all, op| {
                all.extend(touched(op)?);
                Some(all)
            }),
    }
}

fn health_of(e: StorageError) -> Health {
    match e {
        StorageError::Full => Health::Full,
        StorageError::Unavailable(why) => Health::Unavailable(why),
    }
}

/// Copies `raw` to the first free backup key and reads it back. Returns the key.
fn copy_aside(storage: &mut impl Storage, raw: &str) -> Result<String, StorageError> {
    for n in 1..=1000u32 {
        let key = if n == 1 {
            BACKUP_KEY.to_string()
        } else {
            format!("{BACKUP_KEY}.{n}")
        };
        match storage.get(&key)? {
            Some(existing) if existing == raw => return Ok(key),
            Some(_) => continue,
            None => {
                storage.set(&key, raw)?;
                return match storage.get(&key)? {
                    Some(back) if back == raw => Ok(key),
                    _ => Err(StorageError::Unavailable(
                        "the backup copy did not read back".into(),
                    )),
                };
            }
        }
    }
    Err(StorageError::Full)
}
