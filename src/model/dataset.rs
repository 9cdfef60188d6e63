//! The report's indicators: 2022 results and 2023 targets, as shipped in `data/indicators.json`.
//!
//! The JSON schema is documented in `data/README.md`; this module is its typed form. The report's
//! words each figure was read from (the file's `quote` fields) are kept apart, in [`Quotes`]:
//! only the pages that show them need them (see `build.rs`).

use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The dataset file without its quotes (`build.rs`), embedded at build time so the app needs no
/// server.
pub const EMBEDDED_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/indicators.json"));

/// Interface and content language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Simplified Chinese, the report's language and the default.
    #[default]
    Zh,
    /// English, for outside readers.
    En,
}

impl Lang {
    /// BCP 47 tag for the `lang` attribute and number formatting.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }
}

/// A text in both languages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Text {
    /// Chinese, as the report words it.
    pub zh: String,
    /// English.
    pub en: String,
}

impl Text {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// Where the data comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// Title of the report.
    pub title: Text,
    /// Who delivered it.
    pub speaker: Text,
    /// Date delivered, ISO 8601.
    pub date: String,
    /// The year whose targets the report sets.
    pub year: u16,
    /// File name of the report's full text, published beside the app.
    pub file: String,
}

/// A part of the report: the 2022 review, the main targets, or one of the eleven work areas.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// Stable id used in URLs: `review`, `main`, `a1` … `a11`.
    pub id: String,
    /// Work-area number （一）…（十一）, if it is one.
    pub number: Option<u8>,
    /// Heading as the report gives it.
    pub name: Text,
    /// Short label for navigation.
    pub short: Text,
}

/// The kinds of target (see `DOMAIN.md` of the project's brief and `data/README.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Growth rate over last year, judged by cumulative year-on-year growth.
    Growth,
    /// Absolute annual total of a flow, judged against time elapsed.
    Total,
    /// Count of things to build or do, judged like a total.
    Count,
    /// Level at a point in time (a stock).
    Level,
    /// A cap the latest value must stay at or under.
    Ceiling,
    /// A floor the latest value must stay at or over.
    Floor,
    /// A range; inside (or, where more is better, above) it is met.
    Range,
}

impl Kind {
    /// Whether figures are cumulative to date (1-N月累计) rather than levels.
    pub fn is_flow(self) -> bool {
        matches!(self, Kind::Growth | Kind::Total | Kind::Count | Kind::Range)
    }
}

/// Which direction counts as better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Better {
    /// More is better.
    Higher,
    /// Less is better (unemployment).
    Lower,
}

/// How often figures are released.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// Every month (1-N月累计).
    Monthly,
    /// Every quarter (一季度, 上半年, 前三季度, 全年).
    Quarterly,
    /// Once a year; progress may still be entered by month.
    Annual,
}

/// A 2022 figure stated as a bound rather than exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    /// 超…, …余, …以上, 突破…: at least this.
    AtLeast,
    /// …以内: at most this.
    AtMost,
}

/// The 2022 result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Base {
    /// The 2022 value, in the indicator's unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// The 2022 growth over 2021, percent (negative for 下降/减少).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub growth: Option<f64>,
    /// Set when the report gives the value only as a bound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound: Option<Bound>,
}

/// What a target asks for.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Goal {
    /// Growth over 2022 of `rate` percent.
    Growth {
        /// Percent.
        rate: f64,
    },
    /// An annual total of a flow.
    Total {
        /// In the indicator's unit.
        value: f64,
    },
    /// A number of things to build or do.
    Count {
        /// In the indicator's unit.
        value: f64,
    },
    /// A level to reach.
    Level {
        /// In the indicator's unit.
        value: f64,
    },
    /// A cap.
    Ceiling {
        /// In the indicator's unit.
        value: f64,
    },
    /// A floor.
    Floor {
        /// In the indicator's unit.
        value: f64,
    },
    /// A range.
    Range {
        /// Low end.
        min: f64,
        /// High end.
        max: f64,
    },
}

/// How firmly the report commits to a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Firmness {
    /// 确保: ensure.
    Firm,
    /// 力争, 争取, 力促: strive for.
    Aspirational,
    /// Stated without either word.
    Plain,
}

/// One 2023 target of an indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "TargetFields")]
pub struct Target {
    /// What it asks for.
    #[serde(flatten)]
    pub goal: Goal,
    /// 确保 or 力争.
    pub firmness: Firmness,
}

/// A target as written in the file: `{"type": …, <its numbers>, "firmness"}` (its quote apart,
/// in [`Quotes`]). Read
/// through this flat form rather than `#[serde(flatten)]` over the tagged [`Goal`]: same file,
/// far less deserializing code in the wasm.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TargetFields {
    #[serde(rename = "type")]
    kind: Kind,
    rate: Option<f64>,
    value: Option<f64>,
    min: Option<f64>,
    max: Option<f64>,
    firmness: Firmness,
    /// The target's quote, where the text read is `data/indicators.json` itself rather than the
    /// build's copy without quotes: accepted and left to [`Quotes`].
    #[serde(default, rename = "quote")]
    _quote: Option<serde::de::IgnoredAny>,
}

impl TryFrom<TargetFields> for Target {
    type Error = String;
    fn try_from(t: TargetFields) -> Result<Self, Self::Error> {
        let need = |x: Option<f64>, name: &str| {
            x.ok_or_else(|| format!("a {:?} target needs “{name}”", t.kind))
        };
        let goal = match t.kind {
            Kind::Growth => Goal::Growth {
                rate: need(t.rate, "rate")?,
            },
            Kind::Total => Goal::Total {
                value: need(t.value, "value")?,
            },
            Kind::Count => Goal::Count {
                value: need(t.value, "value")?,
            },
            Kind::Level => Goal::Level {
                value: need(t.value, "value")?,
            },
            Kind::Ceiling => Goal::Ceiling {
                value: need(t.value, "value")?,
            },
            Kind::Floor => Goal::Floor {
                value: need(t.value, "value")?,
            },
            Kind::Range => Goal::Range {
                min: need(t.min, "min")?,
                max: need(t.max, "max")?,
            },
        };
        Ok(Target {
            goal,
            firmness: t.firmness,
        })
    }
}

/// One quantity the report gives a 2022 result or a 2023 target for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    /// Stable id, used in URLs and saved data.
    pub id: String,
    /// Id of the [`Section`] it belongs to.
    pub section: String,
    /// Name as the report words it, and in English.
    pub name: Text,
    /// A short name for chart axes, where the name is long.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short: Option<Text>,
    /// Unit, such as 亿元 / 100 million yuan.
    pub unit: Text,
    /// The names statistics releases give it, besides the report's (生产总值 for 地区生产总值,
    /// 规上工业增加值 …): what [`crate::model::release`] looks for in a pasted release.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Kind of its main target (or, for a 2022-only result, how it would be judged).
    pub kind: Kind,
    /// Direction that counts as better.
    pub better: Better,
    /// Release frequency.
    pub frequency: Frequency,
    /// The 2022 result, if the report gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<Base>,
    /// The 2023 targets; empty for a 2022-only result; two where the report sets two.
    #[serde(default)]
    pub targets: Vec<Target>,
    /// The report's inconsistencies and other facts worth knowing.
    #[serde(default)]
    pub notes: Vec<Text>,
    /// Set where the level a growth target implies (2022 × (1 + g)) is not comparable with the
    /// figures of 2023: why, in both languages. Such a level is shown only with this caveat and
    /// never drawn as a target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level_caveat: Option<Text>,
}

impl Indicator {
    /// Whether a growth rate of it means something: not for a rate such as the unemployment rate
    /// or a coverage ratio (in %), whose change is a difference in percentage points.
    pub fn takes_growth(&self) -> bool {
        self.unit.zh != "%"
    }

    /// The 2022 value, if known.
    pub fn base_value(&self) -> Option<f64> {
        self.base.as_ref().and_then(|b| b.value)
    }

    /// The growth-rate target, if any (percent).
    pub fn growth_target(&self) -> Option<f64> {
        self.targets.iter().find_map(|t| match t.goal {
            Goal::Growth { rate } => Some(rate),
            _ => None,
        })
    }

    /// The absolute target of a flow (total, count or low end of a range), if any.
    pub fn absolute_target(&self) -> Option<f64> {
        self.targets.iter().find_map(|t| match t.goal {
            Goal::Total { value } | Goal::Count { value } => Some(value),
            Goal::Range { min, .. } => Some(min),
            _ => None,
        })
    }

    /// The 2023 level a growth target implies: 2022 value × (1 + g).
    pub fn implied_level(&self) -> Option<f64> {
        let base = self.base_value()?;
        let rate = self.growth_target()?;
        Some(base * (1.0 + rate / 100.0))
    }

    /// Whether the implied level can be compared with 2023 figures as a target level (no
    /// [`Indicator::level_caveat`]).
    pub fn implied_level_comparable(&self) -> bool {
        self.level_caveat.is_none()
    }

    /// The implied level where it is comparable: the one a chart may draw as a target.
    pub fn comparable_implied_level(&self) -> Option<f64> {
        self.implied_level()
            .filter(|_| self.implied_level_comparable())
    }

    /// Where the report gives a 2023 total and growth but no 2022 value, the 2022 value they imply:
    /// total ÷ (1 + g).
    pub fn implied_base(&self) -> Option<f64> {
        if self.base_value().is_some() {
            return None;
        }
        let rate = self.growth_target()?;
        let total = self.absolute_target()?;
        (rate > -100.0).then(|| total / (1.0 + rate / 100.0))
    }

    /// The 2022 value the progress engine compares against: the report's, else the implied one.
    pub fn effective_base(&self) -> Option<f64> {
        self.base_value().or_else(|| self.implied_base())
    }

    /// The short name if there is one, else the name.
    pub fn short_name(&self, lang: Lang) -> &str {
        self.short.as_ref().unwrap_or(&self.name).get(lang)
    }

    /// Whether the report sets a 2023 target for it.
    pub fn has_target(&self) -> bool {
        !self.targets.is_empty()
    }
}

/// The whole report as data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    /// Version of this file's layout.
    pub schema: u32,
    /// The report.
    pub source: Source,
    /// The report's parts, in order.
    pub sections: Vec<Section>,
    /// Names releases give several indicators at once, with their values listed in order after
    /// 分别 ("城乡居民人均可支配收入分别达到36835元、18915元").
    #[serde(default)]
    pub release_groups: Vec<ReleaseGroup>,
    /// Every indicator, grouped by section in report order.
    pub indicators: Vec<Indicator>,
}

/// A name a release gives several indicators at once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReleaseGroup {
    /// The name, as releases write it.
    pub name: String,
    /// The indicators, in the order their values follow.
    pub indicators: Vec<String>,
}

/// Why a dataset was refused.
#[derive(Debug, thiserror::Error)]
pub enum DatasetError {
    /// Not valid JSON of the expected shape.
    #[error("dataset is not valid: {0}")]
    Json(#[from] serde_json::Error),
    /// Two indicators share an id.
    #[error("duplicate indicator id {0}")]
    DuplicateId(String),
    /// An indicator names a section that does not exist.
    #[error("indicator {0} names unknown section {1}")]
    UnknownSection(String, String),
    /// A release group names an indicator that does not exist.
    #[error("release group {0} names unknown indicator {1}")]
    UnknownGroupMember(String, String),
    /// The same release name is given to two indicators.
    #[error("release name {0} is given to two indicators")]
    AmbiguousAlias(String),
    /// A number is NaN or infinite.
    #[error("indicator {0} has a non-finite number")]
    NonFinite(String),
}

impl Dataset {
    /// Parses and checks a dataset document.
    pub fn from_json(json: &str) -> Result<Self, DatasetError> {
        let data: Dataset = serde_json::from_str(json)?;
        data.check()?;
        Ok(data)
    }

    /// The report's dataset, parsed once.
    #[allow(clippy::expect_used)]
    pub fn embedded() -> &'static Dataset {
        static DATA: OnceLock<Dataset> = OnceLock::new();
        // The embedded file is part of the build and checked by the test suite; it cannot fail at
        // run time unless the build itself is broken.
        DATA.get_or_init(|| {
            let data = Dataset::from_json(EMBEDDED_JSON).expect("embedded dataset is valid");
            #[cfg(feature = "bench")]
            let data = match bench::SCALE.get() {
                Some(&k) if k > 1 => data.scaled(k),
                _ => data,
            };
            data
        })
    }

    /// The indicators repeated `k` times under the ids `<id>_0` … `<id>_<k-1>`: a synthetic
    /// dataset `k` times the report's size, for the benchmark.
    pub fn scaled(&self, k: usize) -> Dataset {
        let mut d = self.clone();
        d.indicators = (0..k)
            .flat_map(|i| self.indicators.iter().map(move |ind| (i, ind)))
            .map(|(i, ind)| Indicator {
                id: format!("{}_{i}", ind.id),
                // A release's names stand for the first copy only.
                aliases: if i == 0 {
                    ind.aliases.clone()
                } else {
                    Vec::new()
                },
                ..ind.clone()
            })
            .collect();
        for g in &mut d.release_groups {
            for id in &mut g.indicators {
                id.push_str("_0");
            }
        }
        d
    }

    fn check(&self) -> Result<(), DatasetError> {
        let mut seen = std::collections::HashSet::new();
        for ind in &self.indicators {
            if !seen.insert(ind.id.as_str()) {
                return Err(DatasetError::DuplicateId(ind.id.clone()));
            }
            if self.section(&ind.section).is_none() {
                return Err(DatasetError::UnknownSection(
                    ind.id.clone(),
                    ind.section.clone(),
                ));
            }
            if !numbers_of(ind).iter().all(|n| n.is_finite()) {
                return Err(DatasetError::NonFinite(ind.id.clone()));
            }
        }
        let mut names = std::collections::HashSet::new();
        let all_names = self
            .indicators
            .iter()
            .flat_map(|i| i.aliases.iter())
            .chain(self.release_groups.iter().map(|g| &g.name));
        for name in all_names {
            if !names.insert(name.as_str()) {
                return Err(DatasetError::AmbiguousAlias(name.clone()));
            }
        }
        for g in &self.release_groups {
            if let Some(id) = g.indicators.iter().find(|id| self.indicator(id).is_none()) {
                return Err(DatasetError::UnknownGroupMember(g.name.clone(), id.clone()));
            }
        }
        Ok(())
    }

    /// The section with this id.
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// The indicator with this id.
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    /// The indicators of one section, in report order.
    pub fn in_section<'a>(&'a self, section: &str) -> impl Iterator<Item = &'a Indicator> + 'a {
        let section = section.to_string();
        self.indicators.iter().filter(move |i| i.section == section)
    }
}

/// Every number an indicator carries from the report (2022 value and growth, target values).
pub fn numbers_of(ind: &Indicator) -> Vec<f64> {
    let mut out = Vec::new();
    if let Some(b) = &ind.base {
        out.extend(b.value);
        out.extend(b.growth);
    }
    for t in &ind.targets {
        match t.goal {
            Goal::Growth { rate } => out.push(rate),
            Goal::Total { value }
            | Goal::Count { value }
            | Goal::Level { value }
            | Goal::Ceiling { value }
            | Goal::Floor { value } => out.push(value),
            Goal::Range { min, max } => out.extend([min, max]),
        }
    }
    out
}

/// Benchmark builds only (`--features bench`): the app can run on a synthetic dataset.
#[cfg(feature = "bench")]
pub mod bench {
    use std::sync::OnceLock;

    pub(super) static SCALE: OnceLock<usize> = OnceLock::new();

    /// Makes [`super::Dataset::embedded`] return the report's dataset scaled `k` times. Takes
    /// effect only before the first call of `embedded`.
    pub fn set_scale(k: usize) {
        let _ = SCALE.set(k);
    }
}

/// The report's words an indicator's 2022 result and targets were read from, copied exactly
/// (the `quote` fields of `data/indicators.json`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Quotes {
    /// The 2022 result's, where the indicator has one.
    #[serde(default)]
    pub base: Option<String>,
    /// Each target's, in the order of [`Indicator::targets`].
    pub targets: Vec<String>,
}

impl Quotes {
    /// The quotes of the indicator `id` of the report (none for an id it does not have). They
    /// are embedded apart from the [`Dataset`] and read the first time one is asked for: only
    /// the pages that show them call this, and they come in parts of the module fetched when
    /// first opened, so the quotes are not in the part every visit fetches.
    #[allow(clippy::expect_used)]
    pub fn of(id: &str) -> Option<&'static Quotes> {
        static QUOTES: OnceLock<std::collections::BTreeMap<String, Quotes>> = OnceLock::new();
        // Written by build.rs from the same file as the dataset; checked by the test suite.
        let quotes = QUOTES.get_or_init(|| {
            serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/quotes.json")))
                .expect("embedded quotes are valid")
        });
        let found = quotes.get(id);
        // The benchmark's larger data repeat the report's indicators as `<id>_<k>`
        // ([`Dataset::scaled`]), with their quotes.
        #[cfg(feature = "bench")]
        let found = found.or_else(|| quotes.get(id.rsplit_once('_')?.0));
        found
    }

    /// Every quote, the 2022 result's first (two targets may share one sentence).
    pub fn all(&self) -> impl Iterator<Item = &str> {
        self.base.iter().chain(&self.targets).map(String::as_str)
    }

    /// Every quote, the 2022 result's first, each once.
    pub fn distinct(&self) -> Vec<&str> {
        let mut distinct: Vec<&str> = Vec::new();
        for q in self.all() {
            if !distinct.contains(&q) {
                distinct.push(q);
            }
        }
        distinct
    }
}
