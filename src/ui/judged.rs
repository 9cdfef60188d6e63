//! The assessments of every indicator, judged once per change of the figures and read by every
//! page (overview, tables, section pages, indicator page, chart) with `.with()`.

use super::state::use_store;
use crate::model::progress::{assess_all, Assessment, Assessments};
use crate::model::Dataset;
use leptos::prelude::*;

/// The assessments in context: a memo of [`assess_all`] over the figures shown.
#[derive(Clone, Copy)]
pub struct Judged(pub Memo<Assessments>);

impl Judged {
    /// Reads one indicator's assessment without cloning the others (tracked).
    pub fn with<R>(self, id: &str, f: impl FnOnce(Option<&Assessment>) -> R) -> R {
        self.0.with(|all| f(all.get(id)))
    }
}

impl Judged {
    /// The assessments of the figures `store` shows.
    pub fn new(store: super::state::Store) -> Judged {
        // Each change judges again only the indicators whose figures it changed.
        Judged(Memo::new_owning(move |before: Option<Assessments>| {
            store.entries.with(|e| match before {
                Some(mut all) => {
                    let changed = all.update(Dataset::embedded(), e);
                    (all, changed)
                }
                None => (assess_all(Dataset::embedded(), e), true),
            })
        }))
    }
}

/// Puts the assessments in context; call once, after the store is provided.
pub fn provide_judged() {
    provide_context(Judged::new(use_store()));
}

/// The assessments from context.
pub fn use_judged() -> Judged {
    expect_context::<Judged>()
}
