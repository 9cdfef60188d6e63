//! The saved document: every entered figure, versioned, and the operations that change it.
//!
//! Layout (schema 2):
//! ```json
//! {"app": "xinyuan-tracker", "schema": 2, "saved_at": "2023-07-15T08:00:00.000Z",
//!  "data": {"figures": {"gdp": [{"period": "Q2", "growth": 6.5, "rev": [3, "k2f9"]}]},
//!           "removed": {"gdp": {"Q1": [2, "k2f9"]}}}}
//! ```
//! `rev` is the revision of the change that last wrote a figure ([`Rev`]); `removed` keeps the
//! revision of each deletion, so that a tab that never saw a figure can be told apart from a tab
//! that deleted it. Schema 1 (the first release) had neither; it migrates by taking every figure
//! as never stamped.
//!
//! A document of another app, of a newer schema, or that does not decode completely is refused,
//! never repaired in place: the caller keeps it untouched. Fields this version does not know, at
//! any level, are kept as they are and written back.

use super::dataset::{Dataset, Frequency, Lang};
use super::figures::{Extra, Figure, Period, Rev};
use serde::{Deserialize, Serialize};
use serde_json::error::Category;
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The `app` field of every saved or exported document.
pub const APP: &str = "xinyuan-tracker";
/// The current schema version.
pub const SCHEMA: u32 = 2;

/// Entered figures by indicator id, each list sorted by period.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Entries {
    /// Figures of each indicator.
    pub figures: BTreeMap<String, List>,
    /// Deleted figures: the revision of each deletion, by indicator id and period.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub removed: BTreeMap<String, BTreeMap<Period, Rev>>,
    /// Fields this version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The figures of one indicator, sorted by period, shared by every copy of the [`Entries`] that
/// hold it until one of them changes it (copy on write). So a copy of all the figures costs one
/// pointer per indicator, two copies compare at a pointer where they share a list, and work done
/// for a list (its judgement, its saved text) holds while [`List::same`] says it is that list.
#[derive(Debug, Clone, Default)]
pub struct List(Arc<Vec<Figure>>);

impl List {
    /// Whether two lists are one (the same figures, not copied since): what is kept for one
    /// holds for the other. A list kept beside such work is never changed in place, since it is
    /// shared; a change makes a new list.
    pub fn same(a: &List, b: &List) -> bool {
        Arc::ptr_eq(&a.0, &b.0)
    }
}

impl std::ops::Deref for List {
    type Target = Vec<Figure>;
    fn deref(&self) -> &Vec<Figure> {
        &self.0
    }
}

impl std::ops::DerefMut for List {
    /// The list to change: this copy's own, copied first if another copy shares it.
    fn deref_mut(&mut self) -> &mut Vec<Figure> {
        Arc::make_mut(&mut self.0)
    }
}

impl PartialEq for List {
    fn eq(&self, other: &List) -> bool {
        List::same(self, other) || self.0 == other.0
    }
}

impl From<Vec<Figure>> for List {
    fn from(v: Vec<Figure>) -> List {
        List(Arc::new(v))
    }
}

impl FromIterator<Figure> for List {
    fn from_iter<I: IntoIterator<Item = Figure>>(iter: I) -> List {
        List::from(iter.into_iter().collect::<Vec<_>>())
    }
}

impl<'a> IntoIterator for &'a List {
    type Item = &'a Figure;
    type IntoIter = std::slice::Iter<'a, Figure>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<'a> IntoIterator for &'a mut List {
    type Item = &'a mut Figure;
    type IntoIter = std::slice::IterMut<'a, Figure>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter_mut()
    }
}

impl Serialize for List {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de> Deserialize<'de> for List {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<List, D::Error> {
        Vec::deserialize(d).map(List::from)
    }
}

/// One figure's place: an indicator id and a period.
pub type Key = (String, Period);

/// A change a user commits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Op {
    /// Add or replace the figure of one period.
    Put {
        /// Indicator id.
        id: String,
        /// The figure.
        figure: Figure,
    },
    /// Remove the figure of one period.
    Delete {
        /// Indicator id.
        id: String,
        /// Which period.
        period: Period,
    },
    /// Set the value, growth and source of one period's figure where given, keeping everything
    /// else of it (note, last year's same period): what a grid or a pasted release enters.
    Update {
        /// Indicator id.
        id: String,
        /// Which period.
        period: Period,
        /// The cumulative value or level, if entered.
        value: Option<f64>,
        /// The published growth, if entered.
        growth: Option<f64>,
        /// Where the figures come from (a release's title), if given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        source: Option<String>,
    },
    /// Replace everything (backup restore, reset).
    ReplaceAll(Entries),
    /// Several changes committed together (a grid of one period, a CSV import); undone together.
    Batch(Vec<Op>),
}

impl Entries {
    /// Every indicator of `data` with a figure for every month (quarter for quarterly ones) of the
    /// year: cumulative value `10 × month` and growth 5%. Synthetic figures for the benchmark.
    pub fn full_year(data: &Dataset) -> Entries {
        let mut e = Entries::default();
        for ind in &data.indicators {
            let periods: Vec<Period> = if ind.frequency == Frequency::Quarterly {
                (1..=4).map(Period::Quarter).collect()
            } else {
                (1..=12).map(Period::Month).collect()
            };
            let figures = periods
                .into_iter()
                .map(|period| Figure {
                    value: Some(f64::from(period.end_month()) * 10.0),
                    growth: Some(5.0),
                    ..Figure::empty(period)
                })
                .collect();
            e.figures.insert(ind.id.clone(), figures);
        }
        e
    }

    /// The last month any figure reaches, if there is one: where the next release starts.
    pub fn latest_month(&self) -> Option<u8> {
        self.figures
            .values()
            .flatten()
            .map(|f| f.period.end_month())
            .max()
    }

    /// The figures of one indicator, sorted by period.
    pub fn of(&self, id: &str) -> &[Figure] {
        self.figures.get(id).map_or(&[], |l| l.as_slice())
    }

    /// Number of figures in all.
    pub fn len(&self) -> usize {
        self.figures.values().map(|l| l.len()).sum()
    }

    /// Whether nothing is entered.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Applies an operation and returns the one that undoes it.
    pub fn apply(&mut self, op: Op) -> Op {
        match op {
            Op::Put { id, mut figure } => {
                let list = self.figures.entry(id.clone()).or_default();
                let old = list
                    .iter()
                    .position(|f| f.period == figure.period)
                    .map(|i| list.remove(i));
                // Fields this version does not know cannot be edited here: a figure put over
                // another keeps them.
                if figure.extra.is_empty() {
                    if let Some(o) = &old {
                        figure.extra.clone_from(&o.extra);
                    }
                }
                let period = figure.period;
                list.push(figure);
                sort(list);
                match old {
                    Some(figure) => Op::Put { id, figure },
                    None => Op::Delete { id, period },
                }
            }
            Op::Update {
                id,
                period,
                value,
                growth,
                source,
            } => {
                let old = self.figure(&id, period).cloned();
                let mut figure = old.clone().unwrap_or_else(|| Figure::empty(period));
                figure.value = value.or(figure.value);
                figure.growth = growth.or(figure.growth);
                if let Some(source) = source {
                    figure.source = source;
                }
                self.apply(Op::Put {
                    id: id.clone(),
                    figure,
                });
                match old {
                    Some(figure) => Op::Put { id, figure },
                    None => Op::Delete { id, period },
                }
            }
            Op::Delete { id, period } => {
                let removed = self.figures.get_mut(&id).and_then(|list| {
                    list.iter()
                        .position(|f| f.period == period)
                        .map(|i| list.remove(i))
                });
                if self.figures.get(&id).is_some_and(|l| l.is_empty()) {
                    self.figures.remove(&id);
                }
                match removed {
                    Some(figure) => Op::Put { id, figure },
                    None => Op::Delete { id, period },
                }
            }
            Op::ReplaceAll(new) => Op::ReplaceAll(std::mem::replace(self, new)),
            Op::Batch(ops) => {
                let mut inverses: Vec<Op> = ops.into_iter().map(|op| self.apply(op)).collect();
                inverses.reverse();
                Op::Batch(inverses)
            }
        }
    }

    /// The figure of one period, if there is one.
    pub fn figure(&self, id: &str, period: Period) -> Option<&Figure> {
        self.of(id).iter().find(|f| f.period == period)
    }

    /// The revision of what one place holds: its figure's, its deletion's, or zero.
    pub fn rev_at(&self, id: &str, period: Period) -> &Rev {
        static ZERO: Rev = Rev(0, String::new());
        match self.figure(id, period) {
            Some(f) => &f.rev,
            None => self
                .removed
                .get(id)
                .and_then(|r| r.get(&period))
                .unwrap_or(&ZERO),
        }
    }

    /// Every place that holds a figure or a deletion.
    pub fn keys(&self) -> std::collections::BTreeSet<Key> {
        let figures = self
            .figures
            .iter()
            .flat_map(|(id, list)| list.iter().map(move |f| (id.clone(), f.period)));
        let removed = self
            .removed
            .iter()
            .flat_map(|(id, r)| r.keys().map(move |p| (id.clone(), *p)));
        figures.chain(removed).collect()
    }

    /// Makes one place hold `figure` (or its deletion, for `None`) at revision `rev`.
    pub fn set(&mut self, id: &str, period: Period, figure: Option<Figure>, rev: Rev) {
        if let Some(list) = self.figures.get_mut(id) {
            list.retain(|f| f.period != period);
            if list.is_empty() {
                self.figures.remove(id);
            }
        }
        if let Some(r) = self.removed.get_mut(id) {
            r.remove(&period);
            if r.is_empty() {
                self.removed.remove(id);
            }
        }
        match figure {
            Some(mut f) => {
                f.period = period;
                f.rev = rev;
                let list = self.figures.entry(id.to_string()).or_default();
                list.push(f);
                sort(list);
            }
            None if rev.is_zero() => {}
            None => {
                self.removed
                    .entry(id.to_string())
                    .or_default()
                    .insert(period, rev);
            }
        }
    }

    /// Puts `figures` of `id` over this side's, period by period: each of them replaces the figure
    /// of its period, the others stay. Where this side has no figures of `id`, the list is shared,
    /// not copied.
    pub fn put_over(&mut self, id: &str, figures: &List) {
        match self.figures.get_mut(id) {
            None => {
                self.figures.insert(id.to_string(), figures.clone());
            }
            Some(list) => {
                list.retain(|f| !figures.iter().any(|o| o.period == f.period));
                list.extend(figures.iter().cloned());
                sort(list);
            }
        }
    }

    /// Takes from `other` every place where it holds a later revision, and every never-stamped
    /// figure at a place where this side holds nothing. Returns whether anything changed. For
    /// stamped figures merging is commutative, associative and idempotent: tabs that have seen
    /// the same documents hold the same figures, in whatever order they saw them. (Two
    /// never-stamped versions of one figure keep the one held first; a document of an older
    /// version is copied aside before it is replaced, so the other is kept there.)
    pub fn merge(&mut self, other: &Entries) -> bool {
        let mut changed = false;
        for (id, period) in other.keys() {
            let theirs = other.rev_at(&id, period);
            let ours = self.rev_at(&id, period);
            // A figure never stamped (written before revisions existed, by an older version) is
            // taken where this side holds nothing at all.
            let unstamped_news = theirs.is_zero()
                && self.figure(&id, period).is_none()
                && ours.is_zero()
                && other.figure(&id, period).is_some();
            if theirs > ours || unstamped_news {
                let rev = theirs.clone();
                self.set(&id, period, other.figure(&id, period).cloned(), rev);
                changed = true;
            }
        }
        changed
    }

    /// The highest clock of any revision held.
    pub fn max_clock(&self) -> u64 {
        let figures = self.figures.values().flatten().map(|f| f.rev.0);
        let removed = self.removed.values().flat_map(|r| r.values().map(|v| v.0));
        figures.chain(removed).max().unwrap_or(0)
    }

    /// Ids that are not indicators of the dataset.
    pub fn unknown_ids<'a>(&'a self, data: &'a Dataset) -> impl Iterator<Item = &'a str> + 'a {
        self.figures
            .keys()
            .map(String::as_str)
            .filter(|id| data.indicator(id).is_none())
    }
}

/// Figures in the order a list keeps them: by end month, months before the quarter ending then.
fn sort(list: &mut [Figure]) {
    list.sort_by_key(|f| (f.period.end_month(), matches!(f.period, Period::Quarter(_))));
}

/// A saved or exported document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Always [`APP`].
    pub app: String,
    /// Schema version.
    pub schema: u32,
    /// When it was written, ISO 8601.
    pub saved_at: String,
    /// The entries.
    pub data: Entries,
    /// Fields this version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Why a saved document cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    /// Not JSON at all (truncated, hand-edited).
    #[error("not JSON: {0}")]
    NotJson(String),
    /// JSON of another application.
    #[error("not a document of this tracker")]
    WrongApp,
    /// Written by a newer version of the tracker.
    #[error("written by a newer version (schema {0})")]
    Newer(u32),
    /// JSON of the right app whose content does not decode completely.
    #[error("content does not decode: {0}")]
    Invalid(String),
}

impl LoadError {
    /// Why the document cannot be used, for the user, in their language.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (LoadError::NotJson(_), Lang::Zh) => "不是完整的 JSON 数据（可能被截断或手工改动过）".into(),
            (LoadError::NotJson(_), Lang::En) => {
                "it is not complete JSON (cut off, or edited by hand)".into()
            }
            (LoadError::WrongApp, Lang::Zh) => "不是本工具的数据".into(),
            (LoadError::WrongApp, Lang::En) => "it is not data of this tracker".into(),
            (LoadError::Newer(n), Lang::Zh) => {
                format!("由更新版本的本工具写入（数据格式第 {n} 版）；请刷新页面以使用新版本")
            }
            (LoadError::Newer(n), Lang::En) => format!(
                "a newer version of the tracker wrote it (schema {n}); reload the page to use the newer version"
            ),
            (LoadError::Invalid(why), Lang::Zh) => format!("内容无法完整读取：{why}"),
            (LoadError::Invalid(why), Lang::En) => format!("its content does not read completely: {why}"),
        }
    }
}

/// A decoded document.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// The entries.
    pub entries: Entries,
    /// The schema it was written in, when older than [`SCHEMA`] (it was migrated).
    pub migrated_from: Option<u32>,
    /// Top-level fields this version does not know.
    pub extra: Extra,
}

/// Writes a document.
pub fn encode(entries: &Entries, saved_at: &str) -> String {
    encode_with(entries, &Extra::new(), saved_at)
}

/// Writes a document, with top-level fields this version does not know kept from the one read.
pub fn encode_with(entries: &Entries, extra: &Extra, saved_at: &str) -> String {
    document(entries, extra, saved_at)
}

/// The document around its data.
fn document(data: &impl Serialize, extra: &Extra, saved_at: &str) -> String {
    #[derive(Serialize)]
    struct Out<'a, D> {
        app: &'a str,
        schema: u32,
        saved_at: &'a str,
        data: &'a D,
        #[serde(flatten)]
        extra: &'a Extra,
    }
    let doc = Out {
        app: APP,
        schema: SCHEMA,
        saved_at,
        data,
        extra,
    };
    // Serialising plain data with finite numbers cannot fail.
    serde_json::to_string(&doc).unwrap_or_default()
}

/// Writes documents again and again as figures change, keeping each indicator's text while its
/// figures are the same list ([`List::same`]): a save encodes only what changed since the last,
/// and writes exactly what [`encode_with`] writes.
#[derive(Debug, Clone, Default)]
pub struct Encoder {
    texts: BTreeMap<String, (List, Box<RawValue>)>,
}

impl Encoder {
    /// The document of `entries`, as [`encode_with`] writes it.
    pub fn encode(&mut self, entries: &Entries, extra: &Extra, saved_at: &str) -> String {
        /// [`Entries`] with each list's text in place of the list (the same fields, named and
        /// skipped alike).
        #[derive(Serialize)]
        struct Texts<'a> {
            figures: BTreeMap<&'a str, &'a RawValue>,
            #[serde(skip_serializing_if = "BTreeMap::is_empty")]
            removed: &'a BTreeMap<String, BTreeMap<Period, Rev>>,
            #[serde(flatten)]
            extra: &'a Extra,
        }
        self.texts.retain(|id, _| entries.figures.contains_key(id));
        for (id, list) in &entries.figures {
            if self
                .texts
                .get(id)
                .is_some_and(|(then, _)| List::same(then, list))
            {
                continue;
            }
            match serde_json::value::to_raw_value(&**list) {
                Ok(text) => {
                    self.texts.insert(id.clone(), (list.clone(), text));
                }
                // Plain data with finite numbers always encodes; were it not to, the plain way
                // says the same.
                Err(_) => return encode_with(entries, extra, saved_at),
            }
        }
        let data = Texts {
            figures: self
                .texts
                .iter()
                .map(|(id, (_, text))| (id.as_str(), &**text))
                .collect(),
            removed: &entries.removed,
            extra: &entries.extra,
        };
        document(&data, extra, saved_at)
    }
}

/// The fields read before the document itself: whose it is and which schema.
#[derive(Deserialize)]
struct Header<'a> {
    #[serde(borrow, default)]
    app: Option<&'a RawValue>,
    #[serde(borrow, default)]
    schema: Option<&'a RawValue>,
}

/// Reads a document, migrating an older schema. Never returns partial data: any figure that does
/// not decode, or is not finite, fails the whole document.
pub fn decode(text: &str) -> Result<Loaded, LoadError> {
    let header: Header = serde_json::from_str(text).map_err(|e| match e.classify() {
        Category::Data => LoadError::WrongApp,
        _ => LoadError::NotJson(e.to_string()),
    })?;
    let app = header
        .app
        .and_then(|a| serde_json::from_str::<String>(a.get()).ok());
    if app.as_deref() != Some(APP) {
        return Err(LoadError::WrongApp);
    }
    let schema = header
        .schema
        .and_then(|s| serde_json::from_str::<u32>(s.get()).ok())
        .ok_or_else(|| LoadError::Invalid("no schema version".into()))?;
    if schema > SCHEMA {
        return Err(LoadError::Newer(schema));
    }
    let text = migrate(text, schema)?;
    let doc: Document =
        serde_json::from_str(&text).map_err(|e| LoadError::Invalid(e.to_string()))?;
    for (id, list) in &doc.data.figures {
        if let Some(f) = list.iter().find(|f| !f.is_usable()) {
            return Err(LoadError::Invalid(format!(
                "{id} {}: no finite number",
                f.period
            )));
        }
    }
    Ok(Loaded {
        entries: doc.data,
        migrated_from: (schema < SCHEMA).then_some(schema),
        extra: doc.extra,
    })
}

/// Brings a document of `schema` up to [`SCHEMA`], one version at a time, each step with a frozen
/// document of the old version in the tests.
///
/// - 1 → 2: revisions and deletions were added. A schema-1 figure has neither, which schema 2
///   reads as "never stamped", so only the version number changes.
fn migrate(text: &str, schema: u32) -> Result<Cow<'_, str>, LoadError> {
    match schema {
        SCHEMA => Ok(Cow::Borrowed(text)),
        1 => {
            let mut doc: serde_json::Value =
                serde_json::from_str(text).map_err(|e| LoadError::Invalid(e.to_string()))?;
            let obj = doc
                .as_object_mut()
                .ok_or_else(|| LoadError::Invalid("not an object".into()))?;
            obj.insert("schema".into(), serde_json::Value::from(2));
            let text =
                serde_json::to_string(&doc).map_err(|e| LoadError::Invalid(e.to_string()))?;
            Ok(Cow::Owned(text))
        }
        other => Err(LoadError::Invalid(format!("unknown schema {other}"))),
    }
}
