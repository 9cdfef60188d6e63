//! The saving protocol (`model::sync`): named scenarios, then a model-based property test that
//! runs random sequences of actions in up to three simulated tabs over one in-memory storage,
//! interleaved with faults, and checks the protocol's promises after every step.
// Tests stop at the first thing that is not as expected.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use xinyuan_tracker::model::figures::{Figure, Period, Rev};
use xinyuan_tracker::model::saved::{self, Entries, Op};
use xinyuan_tracker::model::sync::{
    Event, Health, Notice, Replica, Storage, StorageError, BACKUP_KEY, KEY,
};

// ---------------------------------------------------------------------------------------------
// The simulated browser: one storage shared by tabs, `storage` events queued per tab.

/// What the simulated origin's storage holds, and the faults it is in.
#[derive(Debug, Clone)]
struct Origin {
    items: BTreeMap<String, String>,
    /// Characters (keys and values) the origin may hold.
    quota: usize,
    available: bool,
    /// Reads fail while writes still work.
    reads_fail: bool,
    /// Storage events not yet delivered, per tab.
    inbox: Vec<VecDeque<Option<String>>>,
    /// Broken promises found by the storage itself.
    violations: Vec<String>,
}

impl Origin {
    fn new() -> Origin {
        Origin {
            items: BTreeMap::new(),
            quota: usize::MAX,
            available: true,
            reads_fail: false,
            inbox: Vec::new(),
            violations: Vec::new(),
        }
    }

    fn used(&self) -> usize {
        self.items
            .iter()
            .map(|(k, v)| k.chars().count() + v.chars().count())
            .sum()
    }

    /// A write by tab `from` (or by something outside every tab, for `None`).
    fn write(&mut self, from: Option<usize>, key: &str, value: &str) -> Result<(), StorageError> {
        if !self.available {
            return Err(StorageError::Unavailable("SecurityError".into()));
        }
        let old = self.items.get(key).cloned();
        let grows = key.chars().count() + value.chars().count();
        let frees = old
            .as_ref()
            .map_or(0, |v| key.chars().count() + v.chars().count());
        if self.used() - frees + grows > self.quota {
            return Err(StorageError::Full);
        }
        if key == KEY && from.is_some() {
            if let Some(current) = &old {
                let decoded = saved::decode(current);
                let kept_as_is = decoded.as_ref().is_ok_and(|d| d.migrated_from.is_none());
                let copied = self.items.iter().any(|(k, v)| k != KEY && v == current);
                if !kept_as_is && current != value && !copied {
                    self.violations.push(format!(
                        "tab {from:?} wrote over an unreadable or older document of which no copy exists: {current:?}"
                    ));
                }
                // Fields this version does not know stay.
                let unknown = |t: &str| {
                    serde_json::from_str::<serde_json::Value>(t)
                        .ok()
                        .map(|v| (v["device"].clone(), v["data"]["comments"].clone()))
                };
                if kept_as_is && unknown(current) != unknown(value) {
                    self.violations.push(format!(
                        "tab {from:?} dropped fields it does not know: {current:?} -> {value:?}"
                    ));
                }
            }
        }
        self.items.insert(key.to_string(), value.to_string());
        if key == KEY && old.as_deref() != Some(value) {
            for (tab, inbox) in self.inbox.iter_mut().enumerate() {
                if Some(tab) != from {
                    inbox.push_back(Some(value.to_string()));
                }
            }
        }
        Ok(())
    }
}

/// One tab's view of the origin's storage.
struct View<'a> {
    origin: &'a mut Origin,
    tab: usize,
}

impl Storage for View<'_> {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        if !self.origin.available || self.origin.reads_fail {
            return Err(StorageError::Unavailable("SecurityError".into()));
        }
        Ok(self.origin.items.get(key).cloned())
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StorageError> {
        self.origin.write(Some(self.tab), key, value)
    }
}

/// Storage in memory for the named scenarios: one tab, faults set by hand.
#[derive(Default)]
struct Memory {
    items: BTreeMap<String, String>,
    /// Writes that need more room fail.
    full: bool,
    /// Reads fail (writes still work).
    reads_fail: bool,
    /// Writes to any key but the document's fail for want of room.
    no_room_for_copies: bool,
}

impl Storage for Memory {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        if self.reads_fail {
            return Err(StorageError::Unavailable("SecurityError".into()));
        }
        Ok(self.items.get(key).cloned())
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StorageError> {
        if self.full && self.items.get(key).is_none_or(|v| v.len() < value.len()) {
            return Err(StorageError::Full);
        }
        if self.no_room_for_copies && key != KEY {
            return Err(StorageError::Full);
        }
        self.items.insert(key.into(), value.into());
        Ok(())
    }
}

const NOW: &str = "2023-07-01T00:00:00.000Z";

fn put(id: &str, p: Period, v: f64) -> Op {
    Op::Put {
        id: id.into(),
        figure: Figure::value(p, v),
    }
}

fn stored_entries(items: &BTreeMap<String, String>) -> Option<Entries> {
    items
        .get(KEY)
        .and_then(|t| saved::decode(t).ok())
        .map(|l| l.entries)
}

fn value_of(e: &Entries, id: &str, p: Period) -> Option<f64> {
    e.figure(id, p).and_then(|f| f.value)
}

const M1: Period = Period::Month(1);
const M2: Period = Period::Month(2);

/// A document written by a newer version of the tracker.
const NEWER: &str = r#"{"app":"xinyuan-tracker","schema":99,"saved_at":"2024-01-01T00:00:00Z","data":{"figures":{"gdp":[{"period":"Q1","growth":5.0,"confidence":"high"}]}}}"#;

// ---------------------------------------------------------------------------------------------
// Named scenarios: each defect of the issue on trust, as a sequence of events.

#[test]
fn a_newer_document_saved_by_another_tab_after_load_is_never_written_over() {
    let mut sim = Sim::with_tabs(2);
    sim.step(0, Event::Commit(put("tourists", M1, 10.0)));
    // Another tab, running a newer build, saves; this page has not heard of it yet.
    sim.origin.write(Some(1), KEY, NEWER).unwrap();
    sim.step(0, Event::Commit(put("tourists", M2, 20.0)));
    let a = &sim.tabs[0];
    assert_eq!(
        sim.origin.items.get(KEY).map(String::as_str),
        Some(NEWER),
        "byte for byte"
    );
    assert!(matches!(a.health(), Health::Unreadable { .. }));
    assert_eq!(a.unsaved(), 2, "both figures are counted as not saved");
    assert_eq!(
        value_of(&a.shown(), "tourists", M2),
        Some(20.0),
        "and still shown"
    );
    assert!(
        sim.origin.violations.is_empty(),
        "{:?}",
        sim.origin.violations
    );
}

#[test]
fn setting_aside_with_storage_full_keeps_the_only_copy() {
    let mut s = Memory::default();
    s.items
        .insert(KEY.into(), "{\"app\":\"xinyuan-tracker\",\"sch".into());
    let mut r = Replica::start("a", &mut s, NOW);
    r.step(Event::Commit(put("tourists", M1, 10.0)), &mut s, NOW);
    s.full = true;
    r.step(Event::SetAside, &mut s, NOW);
    assert_eq!(
        s.items.get(KEY).map(String::as_str),
        Some("{\"app\":\"xinyuan-tracker\",\"sch")
    );
    assert!(matches!(
        r.health(),
        Health::Unreadable {
            aside_failed: Some(StorageError::Full),
            ..
        }
    ));
    // A later change must not write over it either.
    s.full = false;
    r.step(Event::Commit(put("tourists", M2, 20.0)), &mut s, NOW);
    assert_eq!(
        s.items.get(KEY).map(String::as_str),
        Some("{\"app\":\"xinyuan-tracker\",\"sch")
    );
    // Once there is room, setting aside copies it first, then saves both figures.
    r.step(Event::SetAside, &mut s, NOW);
    assert_eq!(
        s.items.get(BACKUP_KEY).map(String::as_str),
        Some("{\"app\":\"xinyuan-tracker\",\"sch")
    );
    let e = stored_entries(&s.items).unwrap();
    assert_eq!(
        (value_of(&e, "tourists", M1), value_of(&e, "tourists", M2)),
        (Some(10.0), Some(20.0))
    );
    assert_eq!(r.notice(), Some(&Notice::SetAside(BACKUP_KEY.into())));
}

#[test]
fn a_second_document_set_aside_does_not_replace_the_first_backup() {
    let mut s = Memory::default();
    s.items.insert(BACKUP_KEY.into(), "first".into());
    s.items.insert(KEY.into(), "second".into());
    let mut r = Replica::start("a", &mut s, NOW);
    r.step(Event::SetAside, &mut s, NOW);
    assert_eq!(s.items.get(BACKUP_KEY).map(String::as_str), Some("first"));
    assert_eq!(
        s.items.get(&format!("{BACKUP_KEY}.2")).map(String::as_str),
        Some("second")
    );
}

#[test]
fn changes_made_while_the_document_is_unreadable_survive_another_tabs_save() {
    let mut sim = Sim::new();
    sim.origin.items.insert(KEY.into(), "garbage".into());
    sim.open();
    sim.open();
    sim.step(1, Event::Commit(put("tourists", M1, 10.0)));
    // Another tab sets the garbage aside and saves its own figure.
    sim.step(2, Event::Commit(put("gdp", Period::Quarter(1), 30.0)));
    sim.step(2, Event::SetAside);
    sim.step(1, Event::StorageChanged);
    let e = stored_entries(&sim.origin.items).unwrap();
    assert_eq!(
        value_of(&e, "tourists", M1),
        Some(10.0),
        "this tab's change was saved"
    );
    assert_eq!(value_of(&e, "gdp", Period::Quarter(1)), Some(30.0));
    assert_eq!(sim.tabs[1].unsaved(), 0);
}

#[test]
fn undoing_a_reset_does_not_erase_what_another_tab_saved_since() {
    let mut sim = Sim::new();
    sim.step(0, Event::Commit(put("tourists", M1, 10.0)));
    sim.step(0, Event::Commit(Op::ReplaceAll(Entries::default())));
    sim.open();
    sim.step(1, Event::Commit(put("gdp", Period::Quarter(1), 30.0)));
    sim.step(1, Event::Commit(put("tourists", M2, 22.0)));
    sim.step(0, Event::Undo);
    let e = stored_entries(&sim.origin.items).unwrap();
    assert_eq!(
        value_of(&e, "tourists", M1),
        Some(10.0),
        "the reset is undone"
    );
    assert_eq!(
        value_of(&e, "gdp", Period::Quarter(1)),
        Some(30.0),
        "the other tab's figure stays"
    );
    assert_eq!(value_of(&e, "tourists", M2), Some(22.0));
}

#[test]
fn undo_leaves_a_figure_another_tab_changed_since_and_says_so() {
    let mut sim = Sim::with_tabs(2);
    sim.step(0, Event::Commit(put("tourists", M1, 10.0)));
    sim.step(1, Event::Commit(put("tourists", M1, 11.0)));
    sim.step(0, Event::Undo);
    let e = stored_entries(&sim.origin.items).unwrap();
    assert_eq!(value_of(&e, "tourists", M1), Some(11.0));
    assert_eq!(sim.tabs[0].notice(), Some(&Notice::KeptOthers(1)));
}

#[test]
fn a_grid_update_keeps_the_note_source_and_last_years_figure() {
    let mut s = Memory::default();
    let mut r = Replica::start("a", &mut s, NOW);
    let figure = Figure {
        value: Some(100.0),
        prev: Some(90.0),
        note: "快报".into(),
        source: "统计局".into(),
        ..Figure::empty(M1)
    };
    r.step(
        Event::Commit(Op::Put {
            id: "tourists".into(),
            figure,
        }),
        &mut s,
        NOW,
    );
    // Only a growth rate is typed in the grid.
    r.step(
        Event::Commit(Op::Update {
            id: "tourists".into(),
            period: M1,
            value: None,
            growth: Some(5.5),
            source: None,
        }),
        &mut s,
        NOW,
    );
    let e = stored_entries(&s.items).unwrap();
    let f = e.figure("tourists", M1).unwrap();
    assert_eq!(
        (f.value, f.growth, f.prev),
        (Some(100.0), Some(5.5), Some(90.0))
    );
    assert_eq!((f.note.as_str(), f.source.as_str()), ("快报", "统计局"));
}

#[test]
fn fields_this_version_does_not_know_are_written_back() {
    let doc = r#"{"app":"xinyuan-tracker","schema":2,"saved_at":"2023-07-01T00:00:00Z","device":"office-pc","data":{"figures":{"tourists":[{"period":"M1","value":10.0,"rev":[1,"z"],"confidence":"high"}]},"comments":{"tourists":"ok"}}}"#;
    let mut s = Memory::default();
    s.items.insert(KEY.into(), doc.into());
    let mut r = Replica::start("a", &mut s, NOW);
    r.step(Event::Commit(put("tourists", M2, 20.0)), &mut s, NOW);
    let v: serde_json::Value = serde_json::from_str(s.items.get(KEY).unwrap()).unwrap();
    assert_eq!(v["device"], "office-pc");
    assert_eq!(v["data"]["comments"]["tourists"], "ok");
    assert_eq!(v["data"]["figures"]["tourists"][0]["confidence"], "high");
}

#[test]
fn a_schema_1_document_is_upgraded_and_the_original_kept_byte_for_byte() {
    const V1: &str = r#"{"app":"xinyuan-tracker","schema":1,"saved_at":"2023-07-15T08:00:00.000Z","data":{"figures":{"gdp":[{"period":"Q2","value":70.1,"growth":6.5,"prev":65.2,"note":"统计局快报"}],"tourists":[{"period":"M3","value":120.5},{"period":"M6","value":380}]}}}"#;
    let mut s = Memory::default();
    s.items.insert(KEY.into(), V1.into());
    let r = Replica::start("a", &mut s, NOW);
    assert_eq!(s.items.get(BACKUP_KEY).map(String::as_str), Some(V1));
    let upgraded = saved::decode(s.items.get(KEY).unwrap()).unwrap();
    assert_eq!(upgraded.migrated_from, None, "stored in the current schema");
    assert_eq!(upgraded.entries.len(), 3);
    assert_eq!(r.shown().len(), 3);
    assert_eq!(
        r.notice(),
        Some(&Notice::Migrated {
            from: 1,
            backup: BACKUP_KEY.into()
        })
    );
}

#[test]
fn a_figure_entered_while_storage_is_full_is_saved_once_there_is_room() {
    let mut s = Memory::default();
    let mut r = Replica::start("a", &mut s, NOW);
    r.step(Event::Commit(put("tourists", M1, 10.0)), &mut s, NOW);
    s.full = true;
    r.step(Event::Commit(put("tourists", M2, 20.0)), &mut s, NOW);
    assert_eq!(r.health(), &Health::Full);
    assert_eq!(r.unsaved(), 1);
    s.full = false;
    r.step(Event::Retry, &mut s, NOW);
    assert_eq!(r.unsaved(), 0);
    assert_eq!(
        value_of(&stored_entries(&s.items).unwrap(), "tourists", M2),
        Some(20.0)
    );
}

/// A schema-1 document as an older build writes it, in another tab still open after an update.
const OLDER_TAB: &str = r#"{"app":"xinyuan-tracker","schema":1,"saved_at":"x","data":{"figures":{"tourists":[{"period":"M1","value":10.0}],"gdp":[{"period":"Q1","value":30.0}]}}}"#;

#[test]
fn a_document_an_older_build_writes_after_load_is_merged_and_kept_before_it_is_replaced() {
    let mut s = Memory::default();
    let mut r = Replica::start("a", &mut s, NOW);
    r.step(Event::Commit(put("tourists", M1, 10.0)), &mut s, NOW);
    s.items.insert(KEY.into(), OLDER_TAB.into());
    r.step(Event::StorageChanged, &mut s, NOW);
    assert_eq!(
        value_of(&r.shown(), "gdp", Period::Quarter(1)),
        Some(30.0),
        "its new figure is taken"
    );
    assert_eq!(
        s.items.get(BACKUP_KEY).map(String::as_str),
        Some(OLDER_TAB),
        "copied first"
    );
    let e = stored_entries(&s.items).unwrap();
    assert_eq!(value_of(&e, "gdp", Period::Quarter(1)), Some(30.0));
    assert_eq!(value_of(&e, "tourists", M1), Some(10.0));
}

#[test]
fn an_older_document_is_not_replaced_while_there_is_no_room_for_its_copy() {
    let mut s = Memory {
        no_room_for_copies: true,
        ..Memory::default()
    };
    s.items.insert(KEY.into(), OLDER_TAB.into());
    let mut r = Replica::start("a", &mut s, NOW);
    assert_eq!(s.items.get(KEY).map(String::as_str), Some(OLDER_TAB));
    assert_eq!(r.health(), &Health::Full);
    assert_eq!(r.shown().len(), 2, "its figures are shown");
    r.step(Event::Commit(put("tourists", M2, 20.0)), &mut s, NOW);
    assert_eq!(
        s.items.get(KEY).map(String::as_str),
        Some(OLDER_TAB),
        "still not replaced"
    );
    assert_eq!(r.unsaved(), 1);
    s.no_room_for_copies = false;
    r.step(Event::Retry, &mut s, NOW);
    assert_eq!(s.items.get(BACKUP_KEY).map(String::as_str), Some(OLDER_TAB));
    assert_eq!(stored_entries(&s.items).unwrap().len(), 3);
    assert_eq!(r.unsaved(), 0);
}

#[test]
fn unknown_fields_of_the_data_written_after_load_are_kept() {
    let mut s = Memory::default();
    let mut r = Replica::start("a", &mut s, NOW);
    r.step(Event::Commit(put("tourists", M1, 10.0)), &mut s, NOW);
    let doc = r#"{"app":"xinyuan-tracker","schema":2,"saved_at":"x","data":{"figures":{"tourists":[{"period":"M1","value":10.0,"rev":[1,"a"]}]},"comments":{"tourists":"ok"}}}"#;
    s.items.insert(KEY.into(), doc.into());
    r.step(Event::StorageChanged, &mut s, NOW);
    r.step(Event::Commit(put("tourists", M2, 20.0)), &mut s, NOW);
    let v: serde_json::Value = serde_json::from_str(s.items.get(KEY).unwrap()).unwrap();
    assert_eq!(v["data"]["comments"]["tourists"], "ok");
}

#[test]
fn nothing_is_written_after_a_read_that_failed() {
    let mut s = Memory::default();
    let mut r = Replica::start("a", &mut s, NOW);
    r.step(Event::Commit(put("tourists", M1, 10.0)), &mut s, NOW);
    s.items.insert(KEY.into(), "garbage".into());
    s.reads_fail = true;
    r.step(Event::Commit(put("tourists", M2, 20.0)), &mut s, NOW);
    assert_eq!(s.items.get(KEY).map(String::as_str), Some("garbage"));
    assert!(matches!(r.health(), Health::Unavailable(_)));
    assert_eq!(r.unsaved(), 1);
}

#[test]
fn undo_waits_while_the_saved_document_cannot_be_read() {
    let mut sim = Sim::with_tabs(2);
    sim.step(0, Event::Commit(put("x", M1, 10.0)));
    sim.step(1, Event::Commit(put("x", M1, 11.0)));
    // The document becomes unreadable before the first tab hears of the second's change.
    sim.origin.items.insert(KEY.into(), "garbage".into());
    for v in [1.0, 2.0, 3.0] {
        sim.step(0, Event::Commit(put("w", M2, v)));
    }
    sim.step(0, Event::Undo);
    assert_eq!(sim.tabs[0].notice(), Some(&Notice::UndoWaits));
    assert_eq!(
        sim.tabs[0].can_undo(),
        (true, false),
        "the change stays on the stack"
    );
    // Once it is set aside and the second tab has put its change back, undo takes back only
    // the first tab's own changes.
    sim.step(0, Event::SetAside);
    sim.step(1, Event::StorageChanged);
    for _ in 0..4 {
        sim.step(0, Event::Undo);
    }
    assert_eq!(sim.tabs[0].notice(), Some(&Notice::KeptOthers(1)));
    sim.step(1, Event::StorageChanged);
    let e = stored_entries(&sim.origin.items).unwrap();
    assert_eq!(
        value_of(&e, "x", M1),
        Some(11.0),
        "the other tab's change stays"
    );
    assert_eq!(value_of(&sim.tabs[1].shown(), "x", M1), Some(11.0));
}

#[test]
fn editing_a_figure_keeps_the_fields_this_version_does_not_know() {
    let doc = r#"{"app":"xinyuan-tracker","schema":2,"saved_at":"x","data":{"figures":{"tourists":[{"period":"M1","value":10.0,"rev":[1,"z"],"confidence":"high"}]}}}"#;
    let mut s = Memory::default();
    s.items.insert(KEY.into(), doc.into());
    let mut r = Replica::start("a", &mut s, NOW);
    let figure = Figure {
        value: Some(12.0),
        note: "edited".into(),
        ..Figure::empty(M1)
    };
    r.step(
        Event::Commit(Op::Put {
            id: "tourists".into(),
            figure,
        }),
        &mut s,
        NOW,
    );
    let v: serde_json::Value = serde_json::from_str(s.items.get(KEY).unwrap()).unwrap();
    assert_eq!(v["data"]["figures"]["tourists"][0]["confidence"], "high");
    assert_eq!(v["data"]["figures"]["tourists"][0]["value"], 12.0);
}

#[test]
fn merging_is_order_independent() {
    let mut a = Entries::default();
    a.set("x", M1, Some(Figure::value(M1, 1.0)), Rev(2, "a".into()));
    a.set("x", M2, None, Rev(5, "a".into()));
    let mut b = Entries::default();
    b.set("x", M1, Some(Figure::value(M1, 2.0)), Rev(3, "b".into()));
    b.set("x", M2, Some(Figure::value(M2, 9.0)), Rev(4, "b".into()));
    let mut ab = a.clone();
    ab.merge(&b);
    let mut ba = b.clone();
    ba.merge(&a);
    assert_eq!(ab, ba);
    assert_eq!(value_of(&ab, "x", M1), Some(2.0));
    assert_eq!(ab.figure("x", M2), None, "the later deletion wins");
}

// ---------------------------------------------------------------------------------------------
// The model-based test.

/// A schema-1 document written from outside, with a figure at a place no tab changes.
const OLDER_OUTSIDE: &str = r#"{"app":"xinyuan-tracker","schema":1,"saved_at":"x","data":{"figures":{"a":[{"period":"M1","value":7777}],"d":[{"period":"M2","value":8888}]}}}"#;

/// Whether `e` holds the change of revision `rev` at a place: a never-stamped figure (revision
/// zero) must be there, not only its revision.
fn holds(e: &Entries, id: &str, p: Period, rev: &Rev) -> bool {
    e.rev_at(id, p) == rev && (!rev.is_zero() || e.figure(id, p).is_some())
}

#[derive(Debug, Clone)]
enum Action {
    Commit(usize, Op),
    Undo(usize),
    Redo(usize),
    /// The next storage event reaches the tab.
    Deliver(usize),
    /// The next storage event is lost.
    Lose(usize),
    SetAside(usize),
    Retry(usize),
    /// A new tab opens.
    Open,
    /// Something outside this version writes the document: 0 a hand edit that breaks it, 1 a
    /// newer version, 2 an older version (schema 1, with a figure no tab has), 3 a version of the
    /// same schema that adds fields this one does not know.
    Outside(u8),
    /// Reads start failing while writes still work, or work again.
    ReadsFail,
    ReadsWork,
    /// Storage fills up to what it holds now, or frees up.
    Fill,
    Free,
    /// Storage becomes unavailable, or available again.
    Block,
    Unblock,
    /// The tab fetches the published file: 0 nothing published, 1 and 2 two files that overlap
    /// the places tabs change, with other numbers.
    Publish(usize, u8),
}

/// A published file of the simulated site.
fn published(kind: u8) -> Entries {
    let mut e = Entries::default();
    match kind {
        0 => {}
        1 => {
            e.apply(put("a", M1, 5001.0));
            e.apply(put("b", M2, 5002.0));
        }
        _ => {
            e.apply(put("a", M1, 6001.0));
            e.apply(put("c", Period::Quarter(1), 6003.0));
            e.apply(put("d", M1, 6004.0));
        }
    }
    e
}

fn op_strategy() -> impl Strategy<Value = Op> {
    let id = prop::sample::select(vec!["a", "b", "c"]);
    let period = prop::sample::select(vec![M1, M2, Period::Quarter(1)]);
    let value = 1u32..1000;
    let single = prop_oneof![
        4 => (id.clone(), period.clone(), value.clone()).prop_map(|(i, p, v)| put(i, p, f64::from(v))),
        2 => (id.clone(), period.clone()).prop_map(|(i, p)| Op::Delete { id: i.into(), period: p }),
        2 => (id.clone(), period.clone(), value.clone()).prop_map(|(i, p, v)| Op::Update {
            id: i.into(), period: p, value: None, growth: Some(f64::from(v)), source: None,
        }),
        1 => (id.clone(), period.clone(), value.clone()).prop_map(|(i, p, v)| {
            let mut e = Entries::default();
            e.apply(put(i, p, f64::from(v)));
            Op::ReplaceAll(e)
        }),
    ];
    prop_oneof![
        6 => single.clone(),
        1 => prop::collection::vec(single, 2..4).prop_map(Op::Batch),
    ]
}

fn action_strategy() -> impl Strategy<Value = Action> {
    let tab = 0usize..3;
    prop_oneof![
        10 => (tab.clone(), op_strategy()).prop_map(|(t, o)| Action::Commit(t, o)),
        3 => tab.clone().prop_map(Action::Undo),
        2 => tab.clone().prop_map(Action::Redo),
        6 => tab.clone().prop_map(Action::Deliver),
        1 => tab.clone().prop_map(Action::Lose),
        2 => tab.clone().prop_map(Action::SetAside),
        1 => tab.clone().prop_map(Action::Retry),
        1 => Just(Action::Open),
        2 => (0u8..4).prop_map(Action::Outside),
        1 => Just(Action::ReadsFail),
        2 => Just(Action::ReadsWork),
        1 => Just(Action::Fill),
        2 => Just(Action::Free),
        1 => Just(Action::Block),
        2 => Just(Action::Unblock),
        2 => (tab.clone(), 0u8..3).prop_map(|(t, k)| Action::Publish(t, k)),
    ]
}

struct Sim {
    origin: Origin,
    tabs: Vec<Replica>,
    /// Every revision ever held by a tab or storage, by place: the revisions of changes made.
    log: BTreeMap<(String, Period), BTreeSet<Rev>>,
    /// Every revision storage held at a place since it was last wiped from outside.
    ever_stored: BTreeMap<(String, Period), BTreeSet<Rev>>,
    /// States the sequence reached (see [`Sim::step`]).
    milestones: BTreeSet<&'static str>,
}

impl Sim {
    fn new() -> Sim {
        Sim::with_tabs(1)
    }

    fn with_tabs(n: usize) -> Sim {
        let mut s = Sim {
            origin: Origin::new(),
            tabs: Vec::new(),
            log: BTreeMap::new(),
            ever_stored: BTreeMap::new(),
            milestones: BTreeSet::new(),
        };
        for _ in 0..n {
            s.open();
        }
        s
    }

    fn open(&mut self) {
        let tab = self.tabs.len();
        self.origin.inbox.push(VecDeque::new());
        let me = format!("t{tab}");
        let r = Replica::start(
            &me,
            &mut View {
                origin: &mut self.origin,
                tab,
            },
            NOW,
        );
        self.tabs.push(r);
    }

    fn step(&mut self, tab: usize, ev: Event) {
        let before = (self.tabs[tab].health().clone(), self.tabs[tab].unsaved());
        let r = &mut self.tabs[tab];
        r.step(
            ev,
            &mut View {
                origin: &mut self.origin,
                tab,
            },
            NOW,
        );
        // Milestones, to show that the random sequences reach the states the promises are about.
        let after = r.health();
        match (&before.0, after) {
            (
                _,
                Health::Unreadable {
                    aside_failed: Some(_),
                    ..
                },
            ) => _ = self.milestones.insert("set-aside failed"),
            (_, Health::Unreadable { .. }) => _ = self.milestones.insert("unreadable"),
            (Health::Full, Health::Saving) => _ = self.milestones.insert("saved after full"),
            (Health::Unreadable { .. }, Health::Saving) => {
                _ = self.milestones.insert("readable again")
            }
            (_, Health::Full) => _ = self.milestones.insert("full"),
            _ => {}
        }
        let r = &self.tabs[tab];
        match r.notice() {
            Some(Notice::SetAside(_)) => _ = self.milestones.insert("set aside"),
            Some(Notice::KeptOthers(_)) => {
                _ = self.milestones.insert("undo kept another tab's figure")
            }
            _ => {}
        }
        if before.1 > 0 && r.unsaved() == 0 {
            self.milestones.insert("unsaved figures saved later");
        }
        if self.tabs.len() == 3 {
            self.milestones.insert("three tabs");
        }
    }

    fn record(&mut self) {
        // Changes are what tabs hold, and the stamped figures storage holds; a never-stamped
        // figure written from outside counts once a tab has read it (another write from outside
        // may replace it before).
        for t in &self.tabs {
            let e = t.own();
            let dropped = e.keys().into_iter().any(|(id, p)| {
                e.figure(&id, p).is_none() && t.published().figure(&id, p).is_some()
            });
            if dropped {
                self.milestones
                    .insert("own figure dropped over a published one");
            }
            for (id, p) in e.keys() {
                let rev = e.rev_at(&id, p).clone();
                self.log.entry((id, p)).or_default().insert(rev);
            }
        }
        if let Some(stored) = stored_entries(&self.origin.items) {
            for (id, p) in stored.keys() {
                let rev = stored.rev_at(&id, p).clone();
                if !rev.is_zero() {
                    self.log
                        .entry((id.clone(), p))
                        .or_default()
                        .insert(rev.clone());
                }
                self.ever_stored.entry((id, p)).or_default().insert(rev);
            }
        }
    }

    fn run(&mut self, action: Action) -> Result<(), TestCaseError> {
        let n = self.tabs.len();
        match action {
            Action::Commit(t, op) => self.step(t % n, Event::Commit(op)),
            Action::Undo(t) => {
                let t = t % n;
                let own = self.tabs[t].own();
                self.step(t, Event::Undo);
                // Undo never removes what another tab did: it changes only figures where no
                // revision storage has held since it was last wiped from outside is later than
                // this tab's own.
                let after = self.tabs[t].own();
                let me = self.tabs[t].id();
                for (id, p) in own.keys().into_iter().chain(after.keys()) {
                    let mine = own.rev_at(&id, p);
                    let now = after.rev_at(&id, p);
                    if now == mine || now.1 != me {
                        continue; // unchanged, or another tab's change merged in
                    }
                    let later = self
                        .ever_stored
                        .get(&(id.clone(), p))
                        .and_then(|revs| revs.iter().next_back())
                        .filter(|r| *r > mine);
                    prop_assert!(
                        later.is_none(),
                        "undo in tab {} changed {} {} over {:?}",
                        t,
                        id,
                        p,
                        later
                    );
                }
            }
            Action::Redo(t) => self.step(t % n, Event::Redo),
            Action::Deliver(t) => {
                if self.origin.inbox[t % n].pop_front().is_some() {
                    self.step(t % n, Event::StorageChanged);
                }
            }
            Action::Lose(t) => {
                self.origin.inbox[t % n].pop_front();
            }
            Action::SetAside(t) => self.step(t % n, Event::SetAside),
            Action::Retry(t) => self.step(t % n, Event::Retry),
            Action::Open => {
                if n < 3 {
                    self.open();
                }
            }
            Action::Outside(kind) => {
                let text = match kind {
                    0 => "{\"app\":\"xinyuan-tracker\",\"data\":".to_string(),
                    1 => NEWER.to_string(),
                    2 => OLDER_OUTSIDE.to_string(),
                    _ => match self
                        .origin
                        .items
                        .get(KEY)
                        .map(|t| serde_json::from_str::<serde_json::Value>(t))
                    {
                        Some(Ok(mut v)) if v["schema"] == 2 => {
                            v["device"] = "office-pc".into();
                            v["data"]["comments"] = serde_json::json!({"a": "checked"});
                            v.to_string()
                        }
                        _ => return self.check_every_step(),
                    },
                };
                if self.origin.write(None, KEY, &text).is_ok() && kind < 3 {
                    // What storage held is gone: other tabs' changes live on in the tabs.
                    self.ever_stored.clear();
                }
            }
            Action::ReadsFail => self.origin.reads_fail = true,
            Action::ReadsWork => self.origin.reads_fail = false,
            Action::Fill => self.origin.quota = self.origin.used(),
            Action::Free => self.origin.quota = usize::MAX,
            Action::Block => self.origin.available = false,
            Action::Unblock => self.origin.available = true,
            Action::Publish(t, kind) => {
                let t = t % n;
                let own = self.tabs[t].own();
                let items = self.origin.items.clone();
                self.step(t, Event::Published(published(kind)));
                // A published file changes what shows, never a tab's own figures or storage.
                prop_assert_eq!(&self.tabs[t].own(), &own);
                prop_assert_eq!(&self.origin.items, &items);
                if kind > 0 {
                    self.milestones.insert("published figures shown");
                }
            }
        }
        self.record();
        self.check_every_step()
    }

    /// The latest change to each place: the greatest revision ever made there.
    fn latest(&self) -> BTreeMap<(String, Period), Rev> {
        self.log
            .iter()
            .filter_map(|(k, revs)| revs.iter().next_back().map(|r| (k.clone(), r.clone())))
            .collect()
    }

    fn check_every_step(&self) -> Result<(), TestCaseError> {
        prop_assert!(
            self.origin.violations.is_empty(),
            "{:?}",
            self.origin.violations
        );
        let stored = stored_entries(&self.origin.items);
        let global = self.origin.items.get(KEY).cloned();
        for ((id, p), rev) in self.latest() {
            // Nothing lost: the latest change to a place is in storage or in a tab that holds it.
            let in_storage = stored.as_ref().is_some_and(|e| holds(e, &id, p, &rev));
            let in_a_tab = self.tabs.iter().any(|t| holds(&t.own(), &id, p, &rev));
            prop_assert!(in_storage || in_a_tab, "{} {} at {:?} is lost", id, p, rev);
        }
        for (i, t) in self.tabs.iter().enumerate() {
            // Each place shows the tab's own figure where it has one, the published one
            // otherwise: a deletion of its own shows the published figure again.
            let (own, public, shown) = (t.own(), t.published().clone(), t.shown());
            let places: BTreeSet<_> = own.keys().into_iter().chain(public.keys()).collect();
            for (id, p) in &places {
                let expected = own.figure(id, *p).or_else(|| public.figure(id, *p));
                let got = shown.figure(id, *p);
                prop_assert!(
                    match (expected, got) {
                        (Some(e), Some(g)) => e.same_content(g),
                        (None, None) => true,
                        _ => false,
                    },
                    "tab {} shows {:?} at {} {}, not {:?}",
                    i,
                    got,
                    id,
                    p,
                    expected
                );
            }
            prop_assert_eq!(
                shown.len(),
                places
                    .iter()
                    .filter(|(id, p)| own
                        .figure(id, *p)
                        .or_else(|| public.figure(id, *p))
                        .is_some())
                    .count()
            );
            // A tab that has seen the document storage holds counts exactly the figures storage
            // lacks as not saved.
            let up_to_date = match t.health() {
                Health::Unreadable { raw, .. } => global.as_deref() == Some(raw.as_str()),
                _ => t.stored() == global.as_deref() && global.is_some(),
            };
            if up_to_date && self.origin.available {
                let storage = stored.clone().unwrap_or_default();
                let own = t.own();
                let keys: BTreeSet<_> = own.keys().into_iter().chain(storage.keys()).collect();
                // A figure never stamped has the revision of an empty place: storage lacks it
                // where it holds no figure there.
                let lacking = keys
                    .iter()
                    .filter(|(id, p)| {
                        own.rev_at(id, *p) != storage.rev_at(id, *p)
                            || (own.figure(id, *p).is_some() && storage.figure(id, *p).is_none())
                    })
                    .count();
                prop_assert_eq!(t.unsaved(), lacking, "tab {}", i);
            }
        }
        Ok(())
    }

    /// Storage works again, every event reaches its tab, every tab that finds the document
    /// unreadable sets it aside, and each tab saves once more: all tabs and storage then hold the
    /// latest change to every place.
    fn settle(&mut self) -> Result<(), TestCaseError> {
        self.origin.available = true;
        self.origin.reads_fail = false;
        self.origin.quota = usize::MAX;
        for round in 0..4 {
            for t in 0..self.tabs.len() {
                while self.origin.inbox[t].pop_front().is_some() {
                    self.step(t, Event::StorageChanged);
                }
                if matches!(self.tabs[t].health(), Health::Unreadable { .. }) {
                    self.step(t, Event::SetAside);
                }
                if round == 0 {
                    self.step(t, Event::Retry);
                }
            }
            self.record();
            self.check_every_step()?;
        }
        let stored = stored_entries(&self.origin.items);
        prop_assert!(stored.is_some(), "storage ends readable");
        let stored = stored.unwrap_or_default();
        for ((id, p), rev) in self.latest() {
            prop_assert!(
                holds(&stored, &id, p, &rev),
                "storage lacks {} {} at {:?}",
                id,
                p,
                rev
            );
        }
        for (i, t) in self.tabs.iter().enumerate() {
            prop_assert_eq!(&t.own(), &stored, "tab {} differs from storage", i);
            prop_assert_eq!(t.unsaved(), 0);
            prop_assert_eq!(t.health(), &Health::Saving);
        }
        Ok(())
    }
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3000)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    /// Random sequences of user actions in up to three tabs, interleaved with a full or missing
    /// storage, corrupt and newer-version documents written from outside, and lost events.
    #[test]
    fn tabs_and_faults_never_lose_a_change(actions in prop::collection::vec(action_strategy(), 1..60)) {
        let mut sim = Sim::new();
        for a in actions {
            sim.run(a)?;
        }
        sim.settle()?;
    }
}

/// The random sequences are not vacuous: a good share of them reach each state the promises are
/// about (an unreadable document, a failed and a successful set-aside, full storage that frees
/// up, figures not saved that are saved later, an undo that leaves another tab's figure).
#[test]
fn the_random_sequences_reach_the_states_that_matter() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = prop::collection::vec(action_strategy(), 1..60);
    let runs = 500;
    let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    for _ in 0..runs {
        let actions = strategy.new_tree(&mut runner).unwrap().current();
        let mut sim = Sim::new();
        for a in actions {
            sim.run(a).unwrap();
        }
        sim.settle().unwrap();
        for m in sim.milestones {
            *counts.entry(m).or_default() += 1;
        }
    }
    eprintln!("{counts:#?}");
    for m in [
        "unreadable",
        "readable again",
        "set aside",
        "set-aside failed",
        "full",
        "saved after full",
        "unsaved figures saved later",
        "undo kept another tab's figure",
        "three tabs",
        "published figures shown",
        "own figure dropped over a published one",
    ] {
        let n = counts.get(m).copied().unwrap_or(0);
        assert!(n * 50 >= runs, "only {n} of {runs} sequences reach {m:?}");
    }
}
