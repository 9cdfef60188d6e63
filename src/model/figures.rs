//! Figures users enter: the actual results released so far in 2023.

use super::dataset::Lang;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// A reporting period of the target year: cumulative from January to the end of the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Period {
    /// Months 1..=N (1-N月累计), N in 1..=12.
    Month(u8),
    /// Quarters 1..=Q (一季度, 上半年, 前三季度, 全年), Q in 1..=4.
    Quarter(u8),
}

/// The period an indicator's figure to the end of month `m` is filed under, if it has one then:
/// a quarter for an indicator released quarterly (none at other months), else the month.
pub fn filed_period(ind: &super::dataset::Indicator, m: u8) -> Option<Period> {
    match ind.frequency {
        super::dataset::Frequency::Quarterly => (m % 3 == 0).then_some(Period::Quarter(m / 3)),
        _ => Some(Period::Month(m)),
    }
}

impl Period {
    /// The last month the period covers, 1..=12.
    pub fn end_month(self) -> u8 {
        match self {
            Period::Month(m) => m,
            Period::Quarter(q) => q * 3,
        }
    }

    /// Share of the year elapsed at the end of the period (序时进度): N/12 or Q/4.
    pub fn elapsed(self) -> f64 {
        f64::from(self.end_month()) / 12.0
    }

    /// Whether the period closes the year.
    pub fn is_year_end(self) -> bool {
        self.end_month() == 12
    }

    /// Whether the numbers are in range.
    pub fn is_valid(self) -> bool {
        match self {
            Period::Month(m) => (1..=12).contains(&m),
            Period::Quarter(q) => (1..=4).contains(&q),
        }
    }

    /// All months, then all quarters: the choices offered in forms.
    pub fn all_months() -> impl Iterator<Item = Period> {
        (1..=12).map(Period::Month)
    }

    /// All quarters.
    pub fn all_quarters() -> impl Iterator<Item = Period> {
        (1..=4).map(Period::Quarter)
    }

    /// The label statistics bulletins use.
    pub fn label(self, lang: Lang) -> String {
        match (self, lang) {
            (Period::Month(1), Lang::Zh) => "1月".into(),
            (Period::Month(m), Lang::Zh) => format!("1-{m}月"),
            (Period::Month(1), Lang::En) => "Jan".into(),
            (Period::Month(m), Lang::En) => {
                format!("Jan–{}", MONTHS_EN[usize::from(m.clamp(1, 12)) - 1])
            }
            (Period::Quarter(q), Lang::Zh) => {
                ["一季度", "上半年", "前三季度", "全年"][usize::from(q.clamp(1, 4)) - 1].into()
            }
            (Period::Quarter(q), Lang::En) => {
                ["Q1", "H1", "Q1–Q3", "Full year"][usize::from(q.clamp(1, 4)) - 1].into()
            }
        }
    }

    /// A short axis label: the end month or quarter.
    pub fn short_label(self, lang: Lang) -> String {
        match (self, lang) {
            (Period::Month(m), Lang::Zh) => format!("{m}月"),
            (Period::Month(m), Lang::En) => MONTHS_EN[usize::from(m.clamp(1, 12)) - 1].into(),
            (Period::Quarter(q), _) => format!("Q{q}"),
        }
    }
}

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Month(m) => write!(f, "M{m}"),
            Period::Quarter(q) => write!(f, "Q{q}"),
        }
    }
}

/// Why a period code was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a period of the year: {0:?} (expected M1…M12 or Q1…Q4)")]
pub struct PeriodError(pub String);

impl std::str::FromStr for Period {
    type Err = PeriodError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let err = || PeriodError(s.to_string());
        let (head, num) = t.split_at_checked(1).ok_or_else(err)?;
        let n: u8 = num.parse().map_err(|_| err())?;
        let p = match head {
            "M" | "m" => Period::Month(n),
            "Q" | "q" => Period::Quarter(n),
            _ => return Err(err()),
        };
        p.is_valid().then_some(p).ok_or_else(err)
    }
}

impl TryFrom<String> for Period {
    type Error = PeriodError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<Period> for String {
    fn from(p: Period) -> String {
        p.to_string()
    }
}

/// One released figure of one indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// The period it covers.
    pub period: Period,
    /// Cumulative value to date (flows) or level (stocks, rates), in the indicator's unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// The officially published cumulative year-on-year growth, percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub growth: Option<f64>,
    /// Last year's figure for the same period, in the indicator's unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prev: Option<f64>,
    /// A note on the figure.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Where the figure was published (a bulletin, a web page).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// Which change last wrote it (see [`Rev`]); zero for figures that never went through the
    /// saving protocol (typed in tests, imported, or saved before revisions existed).
    #[serde(default, skip_serializing_if = "Rev::is_zero")]
    pub rev: Rev,
    /// Fields this version of the tracker does not know, kept as they were so that a save by this
    /// version does not strip what a newer one wrote.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Fields of a saved object that this version of the tracker does not know.
pub type Extra = BTreeMap<String, serde_json::Value>;

/// The revision of a change: a Lamport clock and the id of the page (tab) that made it.
///
/// Revisions order every change to one figure across tabs: of two versions of a figure, the one
/// with the greater revision wins, whichever tab sees them and in whatever order. A page stamps
/// a change with a clock one above every clock it has seen, so a change made after seeing another
/// always wins over it; two changes made without seeing each other are ordered by clock, then by
/// page id, the same way in every tab.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Rev(pub u64, pub String);

impl Rev {
    /// Whether this is the revision of figures that were never stamped.
    pub fn is_zero(&self) -> bool {
        self.0 == 0 && self.1.is_empty()
    }
}

impl Figure {
    /// A figure with no numbers yet.
    pub fn empty(period: Period) -> Self {
        Figure {
            period,
            value: None,
            growth: None,
            prev: None,
            note: String::new(),
            source: String::new(),
            rev: Rev::default(),
            extra: Extra::new(),
        }
    }

    /// A figure with only a value.
    pub fn value(period: Period, value: f64) -> Self {
        Figure {
            value: Some(value),
            ..Figure::empty(period)
        }
    }

    /// A figure with only a published growth rate.
    pub fn growth(period: Period, growth: f64) -> Self {
        Figure {
            growth: Some(growth),
            ..Figure::empty(period)
        }
    }

    /// Whether two figures say the same, whichever change wrote them.
    pub fn same_content(&self, other: &Figure) -> bool {
        self.period == other.period
            && self.value == other.value
            && self.growth == other.growth
            && self.prev == other.prev
            && self.note == other.note
            && self.source == other.source
            && self.extra == other.extra
    }

    /// Whether it carries at least one number and all its numbers are finite.
    pub fn is_usable(&self) -> bool {
        let nums = [self.value, self.growth, self.prev];
        nums.iter().any(Option::is_some) && nums.iter().flatten().all(|n| n.is_finite())
    }
}
