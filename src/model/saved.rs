//! The saved document: every entered figure, versioned, and the operations that change it.
//!
//! Layout (schema 1):
//! ```json
//! {"app": "xinyuan-tracker", "schema": 1, "saved_at": "2023-07-15T08:00:00.000Z",
//!  "data": {"figures": {"gdp": [{"period": "Q2", "growth": 6.5}]}}}
//! ```
//! A document of another app, of a newer schema, or that does not decode completely is refused,
//! never repaired in place: the caller keeps it untouched.

use super::dataset::{Dataset, Frequency};
use super::figures::{Figure, Period};
use serde::{Deserialize, Serialize};
use serde_json::error::Category;
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The `app` field of every saved or exported document.
pub const APP: &str = "xinyuan-tracker";
/// The current schema version.
pub const SCHEMA: u32 = 1;

/// Entered figures by indicator id, each list sorted by period.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Entries {
    /// Figures of each indicator.
    pub figures: BTreeMap<String, Vec<Figure>>,
}

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

    /// The figures of one indicator, sorted by period.
    pub fn of(&self, id: &str) -> &[Figure] {
        self.figures.get(id).map_or(&[], Vec::as_slice)
    }

    /// Number of figures in all.
    pub fn len(&self) -> usize {
        self.figures.values().map(Vec::len).sum()
    }

    /// Whether nothing is entered.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Applies an operation and returns the one that undoes it.
    pub fn apply(&mut self, op: Op) -> Op {
        match op {
            Op::Put { id, figure } => {
                let list = self.figures.entry(id.clone()).or_default();
                let old = list
                    .iter()
                    .position(|f| f.period == figure.period)
                    .map(|i| list.remove(i));
                let period = figure.period;
                list.push(figure);
                list.sort_by_key(|f| {
                    (f.period.end_month(), matches!(f.period, Period::Quarter(_)))
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
                if self.figures.get(&id).is_some_and(Vec::is_empty) {
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

    /// Ids that are not indicators of the dataset.
    pub fn unknown_ids<'a>(&'a self, data: &'a Dataset) -> impl Iterator<Item = &'a str> + 'a {
        self.figures
            .keys()
            .map(String::as_str)
            .filter(|id| data.indicator(id).is_none())
    }
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

/// A decoded document.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// The entries.
    pub entries: Entries,
    /// The schema it was written in, when older than [`SCHEMA`] (it was migrated).
    pub migrated_from: Option<u32>,
}

/// Writes a document.
pub fn encode(entries: &Entries, saved_at: &str) -> String {
    let doc = Document {
        app: APP.into(),
        schema: SCHEMA,
        saved_at: saved_at.into(),
        data: entries.clone(),
    };
    // Serialising plain data with finite numbers cannot fail.
    serde_json::to_string(&doc).unwrap_or_default()
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
    })
}

/// Brings a document of `schema` up to [`SCHEMA`], one version at a time. Schema 1 is the first;
/// each later schema adds one step here (parse the text as a `serde_json::Value`, reshape it,
/// write it out), with a frozen document of the old version in the tests.
fn migrate(text: &str, schema: u32) -> Result<Cow<'_, str>, LoadError> {
    match schema {
        SCHEMA => Ok(Cow::Borrowed(text)),
        other => Err(LoadError::Invalid(format!("unknown schema {other}"))),
    }
}
