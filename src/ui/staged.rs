//! The app takes over from the first view in short tasks rather than one long one, so that the
//! page keeps answering while it does: the app is built away from the document with the parts
//! marked [`Later`] left empty, then those parts are built one after another, as many per task
//! as fit in [`TASK_BUDGET_MS`], and the whole is put in place in one step (see [`super::start`]).
//! What the first view showed stays on screen, unchanged, until then.

use crate::web;
use leptos::either::Either;
use leptos::prelude::*;
use std::collections::VecDeque;

/// How long one task of the takeover builds parts before it lets the browser run other work.
/// Short enough that a phone four times slower than a desktop still stays under the 50 ms of a
/// long task with most parts.
pub const TASK_BUDGET_MS: f64 = 8.0;

/// The state of a takeover, in context while it runs (absent in the build's rendering to HTML,
/// where every part is rendered at once).
#[derive(Clone, Copy)]
pub struct Staging {
    /// The parts not built yet, in the order they were met (the page's order).
    waiting: StoredValue<VecDeque<RwSignal<bool>>>,
    /// Whether parts are still left for later (false once the app is in place).
    building: StoredValue<bool>,
    /// Whether the app is in the document.
    placed: RwSignal<bool>,
}

impl Staging {
    /// A takeover about to start.
    pub fn new() -> Self {
        Self {
            waiting: StoredValue::new(VecDeque::new()),
            building: StoredValue::new(true),
            placed: RwSignal::new(false),
        }
    }

    /// A part's turn, while parts are left for later.
    fn ticket(self) -> Option<RwSignal<bool>> {
        if !self.building.get_value() {
            return None;
        }
        let shown = RwSignal::new(false);
        self.waiting.update_value(|w| w.push_back(shown));
        Some(shown)
    }

    /// Builds every waiting part (and the parts within them), a task at a time, each task until
    /// the budget is spent.
    pub async fn build(self) {
        loop {
            web::next_task().await;
            let start = web::now_ms();
            loop {
                let Some(next) = self.waiting.try_update_value(VecDeque::pop_front).flatten()
                else {
                    self.building.set_value(false);
                    return;
                };
                // The part is built when its effect runs: in the executor's next turn.
                next.try_set(true);
                leptos::task::tick().await;
                if web::now_ms() - start >= TASK_BUDGET_MS {
                    break;
                }
            }
        }
    }

    /// Marks the app as in the document (after [`web::take_over`]).
    pub fn set_placed(self) {
        self.placed.set(true);
    }
}

impl Default for Staging {
    fn default() -> Self {
        Self::new()
    }
}

/// Whether the app is in the document: false while it is built away from it. Effects that look
/// the page up (focus, scroll) read this and wait for it. Tracked.
pub fn placed() -> bool {
    use_context::<Staging>().is_none_or(|s| s.placed.get())
}

/// A part of a page that the takeover may build in a later task than the rest. Outside a
/// takeover (the build's HTML, or a page opened later) it is built at once, as if it were not
/// marked. The children are built untracked, as a component's body is: a value they read while
/// they are built (rather than in a closure of theirs) is to be read in the view around the mark,
/// which then rebuilds the part when it changes.
#[component]
pub fn Later(children: Children) -> impl IntoView {
    match use_context::<Staging>().and_then(Staging::ticket) {
        None => Either::Left(children()),
        Some(ticket) => {
            // Changes once, from not yet to now: the part is built once and kept.
            let shown = Memo::new(move |_| ticket.get());
            let children = StoredValue::new_local(Some(children));
            Either::Right(move || {
                shown
                    .get()
                    .then(|| children.try_update_value(Option::take).flatten())
                    .flatten()
                    .map(untrack)
            })
        }
    }
}
