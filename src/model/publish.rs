//! Published figures: the file a keeper puts beside the app on the static host, which every
//! visitor sees, and how a visitor's own figures lie over it.
//!
//! The file is a JSON backup ([`saved`]'s document) named [`FILE`]; its `saved_at` is when it
//! was published. The app fetches it from its own origin at start. A visitor's own figures stay
//! in their browser, apart from it: each place shows the visitor's own figure if they have one,
//! the published one otherwise ([`crate::model::sync::Replica::shown`]). A new published file
//! changes only what shows where a visitor has no figure of their own.

use super::dataset::Dataset;
use super::figures::{Figure, Rev};
use super::saved::{self, Entries, Key, LoadError};
use serde::Deserialize;

/// Name of the published figures file, beside `index.html`.
pub const FILE: &str = "figures.json";

/// A published figures file, read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Published {
    /// The figures, without revisions or deletions.
    pub entries: Entries,
    /// When it was published (the document's `saved_at`, ISO 8601).
    pub at: String,
    /// Ids in the file that are not indicators of this version's report (left out).
    pub skipped: Vec<String>,
}

/// Reads a published file. A document this version cannot read (not JSON, another app's, a
/// newer schema, a figure that does not decode) is refused whole.
pub fn read(text: &str, data: &Dataset) -> Result<Published, LoadError> {
    #[derive(Deserialize)]
    struct When {
        #[serde(default)]
        saved_at: String,
    }
    let text = text.trim_start_matches('\u{feff}');
    let loaded = saved::decode(text)?;
    let at = serde_json::from_str::<When>(text)
        .map(|w| w.saved_at)
        .unwrap_or_default();
    let mut entries = figures_only(&loaded.entries);
    let skipped: Vec<String> = entries.unknown_ids(data).map(str::to_string).collect();
    for id in &skipped {
        entries.figures.remove(id);
    }
    Ok(Published {
        entries,
        at,
        skipped,
    })
}

/// The figures of `entries` as a published file would carry them: no revisions, no deletions.
pub fn figures_only(entries: &Entries) -> Entries {
    let mut out = entries.clone();
    out.removed.clear();
    for f in out.figures.values_mut().flatten() {
        f.rev = Rev::default();
    }
    out
}

/// The published file of a keeper's own figures, written at `now`.
pub fn file(own: &Entries, now: &str) -> String {
    saved::encode(&figures_only(own), now)
}

/// How a keeper's own figures compare with the file published now: what publishing them
/// would change.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Comparison {
    /// Figures the published file does not have.
    pub added: Vec<Key>,
    /// Figures the published file has with other numbers, source or note.
    pub changed: Vec<Key>,
    /// Published figures the keeper does not have: a new file leaves them out.
    pub left_out: Vec<Key>,
    /// Figures the same in both.
    pub same: usize,
}

impl Comparison {
    /// Whether publishing would change nothing.
    pub fn is_unchanged(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.left_out.is_empty()
    }
}

/// Compares a keeper's own figures with the published ones.
pub fn compare(own: &Entries, published: &Entries) -> Comparison {
    let mut c = Comparison::default();
    for (id, list) in &own.figures {
        for f in list {
            match published.figure(id, f.period) {
                None => c.added.push((id.clone(), f.period)),
                Some(p) if !p.same_content(f) => c.changed.push((id.clone(), f.period)),
                Some(_) => c.same += 1,
            }
        }
    }
    for (id, list) in &published.figures {
        for f in list {
            if own.figure(id, f.period).is_none() {
                c.left_out.push((id.clone(), f.period));
            }
        }
    }
    c
}

/// Where the figure shown at a place comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The published file (or the visitor's own figure says the same).
    Published,
    /// The visitor's own, differing from the published one or where none is published.
    Yours,
}

/// Where the figure shown at a place comes from, if one is shown. With nothing published every
/// figure is simply the visitor's, and `None` is returned for all: there is nothing to tell apart.
pub fn origin(own: &Entries, published: &Entries, id: &str, f: &Figure) -> Option<Origin> {
    if published.figures.is_empty() {
        return None;
    }
    let mine = own.figure(id, f.period);
    let theirs = published.figure(id, f.period);
    match (mine, theirs) {
        (Some(m), Some(p)) if m.same_content(p) => Some(Origin::Published),
        (Some(_), _) => Some(Origin::Yours),
        (None, Some(_)) => Some(Origin::Published),
        (None, None) => None,
    }
}

/// The visitor's own figures that differ from the published ones (or have no published
/// counterpart): what "drop all of mine" would take away from what is shown.
pub fn yours(own: &Entries, published: &Entries) -> Vec<Key> {
    own.figures
        .iter()
        .flat_map(|(id, list)| {
            list.iter()
                .filter(|f| origin(own, published, id, f) == Some(Origin::Yours))
                .map(|f| (id.clone(), f.period))
        })
        .collect()
}

/// The change that drops the visitor's own figures at `keys`, so the published ones show again:
/// one undoable operation.
pub fn drop_mine(keys: &[Key]) -> saved::Op {
    saved::Op::Batch(
        keys.iter()
            .map(|(id, period)| saved::Op::Delete {
                id: id.clone(),
                period: *period,
            })
            .collect(),
    )
}
