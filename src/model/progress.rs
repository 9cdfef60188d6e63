//! Judging progress against a target the way Chinese statistics offices do, and a little further.
//!
//! # The status scale
//!
//! Every target is reduced to a pace ratio `R` of observed to required progress, then:
//!
//! | status | rule |
//! | --- | --- |
//! | achieved | a total or count reached; a growth, level, floor or ceiling met in the year-end figure; a range's low end reached |
//! | ahead | `R ≥ 1.10` ([`AHEAD`]) |
//! | on pace | `1 ≤ R < 1.10`: at or above 序时进度 / the target rate |
//! | behind | `0.60 ≤ R < 1` ([`FAR_BEHIND`] is the Statistics Canada threshold for limited progress) |
//! | far behind | `R < 0.60`, including moving away (`R < 0`) |
//! | cannot judge yet | figures entered, but none carries what a target needs (a cumulative value for a growth target without the published growth or last year's same period); the assessment names what the figure has and what is missing |
//! | no data | no usable figure yet |
//!
//! `R` per kind: growth `r / g` (growth to date over target rate; for `g ≤ 0`, `1 + (r − g)/100`);
//! totals, counts and ranges `completion / elapsed` where completion = cumulative ÷ target and
//! elapsed = N/12 or Q/4 (序时进度); levels `latest / target` once reached, otherwise progress from
//! the 2022 level over the progress due by now; floors `latest / floor`; ceilings `cap / latest`.
//! Each target is judged on the latest figure that carries what it needs, and says which period
//! that is. Where an indicator has two targets both are judged and the worse of those judged
//! binds. A growth target to cut (better = lower) is the mirror image of one to rise: `R = r / g`
//! for `g < 0`, met when `r ≤ g`. A target level at or short of the 2022 level asks for no
//! progress and is judged like a floor (or ceiling).

use super::dataset::{Better, Dataset, Goal, Indicator, Kind};
use super::figures::{Figure, Period};
use super::saved::{Entries, List};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// `R` at or above this is ahead.
pub const AHEAD: f64 = 1.10;
/// `R` below this is far behind.
pub const FAR_BEHIND: f64 = 0.60;
/// Published and computed growth differing by more than this many points draw a warning.
pub const GROWTH_TOLERANCE_PP: f64 = 2.0;

/// Where an indicator stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// R < 0.60.
    FarBehind,
    /// 0.60 ≤ R < 1.
    Behind,
    /// 1 ≤ R < 1.10.
    OnPace,
    /// R ≥ 1.10.
    Ahead,
    /// Target met.
    Achieved,
    /// Figures entered, but none carries what any target needs (see [`Unjudged`]).
    NotJudged,
    /// Nothing entered yet.
    NoData,
}

impl Status {
    /// Every status, best first, as listed in summaries.
    pub const ALL: [Status; 7] = [
        Status::Achieved,
        Status::Ahead,
        Status::OnPace,
        Status::Behind,
        Status::FarBehind,
        Status::NotJudged,
        Status::NoData,
    ];

    /// Stable id for CSS classes and saved views.
    pub fn id(self) -> &'static str {
        match self {
            Status::Achieved => "achieved",
            Status::Ahead => "ahead",
            Status::OnPace => "on-pace",
            Status::Behind => "behind",
            Status::FarBehind => "far-behind",
            Status::NotJudged => "not-judged",
            Status::NoData => "no-data",
        }
    }

    /// Whether it is a judgement on the scale (not "cannot judge yet" or "no data").
    pub fn is_judged(self) -> bool {
        !matches!(self, Status::NotJudged | Status::NoData)
    }

    fn from_ratio(r: f64) -> Status {
        if r >= AHEAD {
            Status::Ahead
        } else if r >= 1.0 {
            Status::OnPace
        } else if r >= FAR_BEHIND {
            Status::Behind
        } else {
            Status::FarBehind
        }
    }
}

/// How the growth to date was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GrowthSource {
    /// The rate the statistics bureau published.
    Published,
    /// Computed from the cumulative value and last year's same-period value.
    Computed,
}

/// What one target's judgement measured.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "measure", rename_all = "snake_case")]
pub enum Measure {
    /// Growth to date against the target rate.
    Growth {
        /// Cumulative year-on-year growth to date, percent.
        to_date: f64,
        /// Published or computed.
        source: GrowthSource,
        /// Target rate, percent.
        target: f64,
        /// `to_date − target`, percentage points.
        gap_pp: f64,
    },
    /// Cumulative completion against time elapsed.
    Completion {
        /// Cumulative to date.
        done: f64,
        /// The annual target (low end for a range).
        target: f64,
        /// done ÷ target, percent.
        rate_pct: f64,
        /// 序时进度, percent.
        elapsed_pct: f64,
        /// `rate − elapsed`, percentage points (超/低于序时进度).
        gap_pp: f64,
        /// Expected to date on last year's seasonal profile: last year's same period × (1 + g).
        seasonal_expected: Option<f64>,
    },
    /// Latest level against a target level, floor or cap.
    Level {
        /// Latest level.
        latest: f64,
        /// Target level, floor or cap.
        target: f64,
        /// `latest − target`, in the unit.
        gap: f64,
    },
}

/// The judgement of one target.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Judgement {
    /// Index into the indicator's targets.
    pub target: usize,
    /// Status on the scale.
    pub status: Status,
    /// Pace ratio R (observed ÷ required progress).
    pub ratio: f64,
    /// What was measured.
    pub measure: Measure,
    /// The period of the figure judged: the latest that carries what this target needs, which
    /// may be earlier than the latest figure (a release with only a growth rate cannot judge a
    /// total).
    pub as_of: Period,
}

/// A number a figure can carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Datum {
    /// The cumulative value to date (flows) or the level (stocks, rates).
    Value,
    /// The published cumulative year-on-year growth.
    Growth,
    /// Last year's figure for the same period.
    Prev,
}

impl Datum {
    /// The numbers a figure carries, in this order: value, growth, last year's same period.
    pub fn of(f: &Figure) -> Vec<Datum> {
        [
            (f.value.is_some(), Datum::Value),
            (f.growth.is_some(), Datum::Growth),
            (f.prev.is_some(), Datum::Prev),
        ]
        .into_iter()
        .filter_map(|(present, d)| present.then_some(d))
        .collect()
    }
}

/// A target that no figure entered can judge yet: what the latest figure has and what it lacks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unjudged {
    /// Index into the indicator's targets.
    pub target: usize,
    /// The period of the latest usable figure, the one described.
    pub as_of: Period,
    /// What that figure carries.
    pub has: Vec<Datum>,
    /// What it lacks: any one of these would let the target be judged.
    pub missing: Vec<Datum>,
}

/// Year-end projection.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Projection {
    /// Projected year-end value (flows) or growth (growth-only data), in the indicator's unit or percent.
    pub value: f64,
    /// How it was projected.
    pub method: ProjectionMethod,
}

/// Projection methods, stated in the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectionMethod {
    /// Cumulative ÷ share of the year elapsed: the pace to date holds.
    PaceHolds,
    /// Cumulative × last year's total ÷ last year's same period: last year's seasonal profile holds.
    SeasonalProfile,
    /// Growth to date holds for the year: last year's total × (1 + r).
    GrowthHolds,
}

/// What the rest of the year must bring.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Needed {
    /// Growth needed over last year's remaining months, percent: `(T − C) / (A − C_prev) − 1`.
    Growth {
        /// Percent.
        rate: f64,
    },
    /// Amount still to do, and per remaining month.
    Amount {
        /// Target − cumulative.
        remaining: f64,
        /// Remaining ÷ months left.
        per_month: f64,
        /// Cumulative ÷ months elapsed, for comparison.
        per_month_so_far: f64,
    },
}

/// Something odd in the entered series.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "warning", rename_all = "snake_case")]
pub enum Warning {
    /// A cumulative figure lower than the one before it.
    CumulativeDecrease {
        /// The later period.
        period: Period,
        /// Its value.
        value: f64,
        /// The earlier, larger value.
        before: f64,
    },
    /// A quarterly indicator entered for a month that does not close a quarter.
    NotAQuarter {
        /// The period entered.
        period: Period,
    },
    /// Published growth and growth from the levels disagree.
    GrowthContradictsLevels {
        /// The period.
        period: Period,
        /// Published, percent.
        published: f64,
        /// From value ÷ last year's same period, percent.
        computed: f64,
    },
}

/// Everything the tracker says about one indicator.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    /// Overall status: the binding target's; cannot judge yet when figures are entered but no
    /// target can be judged on them; else no data.
    pub status: Status,
    /// Period of the latest usable figure.
    pub latest: Option<Period>,
    /// One judgement per target that could be judged, each on its own latest usable figure.
    pub judgements: Vec<Judgement>,
    /// The targets that figures are entered for but none can judge yet.
    pub unjudged: Vec<Unjudged>,
    /// Index into `judgements` of the target that binds (the worse), when there are several.
    pub binding: Option<usize>,
    /// Year-end projection.
    pub projection: Option<Projection>,
    /// What the rest of the year needs.
    pub needed: Option<Needed>,
    /// Oddities in the series.
    pub warnings: Vec<Warning>,
}

impl Default for Assessment {
    /// Nothing entered: no data.
    fn default() -> Self {
        Assessment {
            status: Status::NoData,
            latest: None,
            judgements: Vec::new(),
            unjudged: Vec::new(),
            binding: None,
            projection: None,
            needed: None,
            warnings: Vec::new(),
        }
    }
}

/// Judges an indicator from the figures entered for it, using those up to `as_of` (end month,
/// 1..=12) if given. Figures may come in any order; unusable ones are ignored.
pub fn assess(ind: &Indicator, figures: &[Figure], as_of: Option<u8>) -> Assessment {
    let mut series: Vec<&Figure> = figures
        .iter()
        .filter(|f| f.is_usable() && f.period.is_valid())
        .filter(|f| as_of.is_none_or(|m| f.period.end_month() <= m))
        .collect();
    series.sort_by_key(|f| f.period.end_month());
    let warnings = warnings(ind, &series);
    let Some(latest) = series.last().copied() else {
        return Assessment {
            warnings,
            ..Assessment::default()
        };
    };
    // Each target on the latest figure that carries what it needs.
    let judgements: Vec<Judgement> = ind
        .targets
        .iter()
        .enumerate()
        .filter_map(|(i, t)| {
            series.iter().rev().find_map(|f| {
                judge(ind, &t.goal, f).map(|(status, ratio, measure)| Judgement {
                    target: i,
                    status,
                    ratio,
                    measure,
                    as_of: f.period,
                })
            })
        })
        .collect();
    let unjudged: Vec<Unjudged> = ind
        .targets
        .iter()
        .enumerate()
        .filter(|(i, _)| !judgements.iter().any(|j| j.target == *i))
        .map(|(i, t)| Unjudged {
            target: i,
            as_of: latest.period,
            has: Datum::of(latest),
            missing: missing_for(&t.goal, latest),
        })
        .collect();
    let binding = judgements
        .iter()
        .enumerate()
        .min_by(|(_, a), (_, b)| a.status.cmp(&b.status).then(a.ratio.total_cmp(&b.ratio)))
        .map(|(i, _)| i);
    let status = match binding {
        Some(i) => judgements[i].status,
        None if !unjudged.is_empty() => Status::NotJudged,
        None => Status::NoData,
    };
    Assessment {
        status,
        latest: Some(latest.period),
        binding: binding.filter(|_| judgements.len() > 1),
        judgements,
        unjudged,
        // Both from the latest figure only: they carry no period of their own.
        projection: project(ind, latest),
        needed: needed(ind, latest),
        warnings,
    }
}

/// What a figure lacks to judge `goal`: any one of the returned numbers would do.
fn missing_for(goal: &Goal, f: &Figure) -> Vec<Datum> {
    match goal {
        Goal::Growth { .. } => {
            let mut out = vec![Datum::Growth];
            match (f.value.is_some(), f.prev.is_some()) {
                (true, false) => out.push(Datum::Prev),
                (false, true) => out.push(Datum::Value),
                _ => {}
            }
            out
        }
        _ => vec![Datum::Value],
    }
}

/// Every indicator's assessment, looked up by id: judged once per change of the figures, read by
/// every page. [`Assessments::update`] judges again only the indicators whose figures changed.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Assessments {
    by_id: HashMap<String, Assessment>,
    /// The figures each assessment was judged on (none for an indicator without figures).
    #[serde(skip)]
    judged_on: HashMap<String, List>,
}

impl PartialEq for Assessments {
    fn eq(&self, other: &Assessments) -> bool {
        self.by_id == other.by_id
    }
}

impl Assessments {
    /// The assessment of one indicator, if it is in the dataset.
    pub fn get(&self, id: &str) -> Option<&Assessment> {
        self.by_id.get(id)
    }

    /// The status of one indicator; no data for an id the dataset does not have.
    pub fn status(&self, id: &str) -> Status {
        self.get(id).map_or(Status::NoData, |a| a.status)
    }

    /// Counts by status of these indicators.
    pub fn summary<'a>(&self, indicators: impl IntoIterator<Item = &'a Indicator>) -> Summary {
        indicators.into_iter().map(|i| self.status(&i.id)).collect()
    }

    /// How many indicators are assessed.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    /// Brings these assessments up to date with `entries` (figures of the same dataset `data`):
    /// an indicator is judged again only when its figures are not the very list it was judged on
    /// ([`List::same`]), which a change to them never is. Returns whether any assessment changed.
    pub fn update(&mut self, data: &Dataset, entries: &Entries) -> bool {
        let mut changed = false;
        for ind in &data.indicators {
            let list = entries.figures.get(&ind.id);
            let fresh = match (list, self.judged_on.get(&ind.id)) {
                (Some(now), Some(then)) => List::same(now, then),
                (None, None) => self.by_id.contains_key(&ind.id),
                _ => false,
            };
            if fresh {
                continue;
            }
            match list {
                Some(l) => self.judged_on.insert(ind.id.clone(), l.clone()),
                None => self.judged_on.remove(&ind.id),
            };
            let assessment = assess(ind, entries.of(&ind.id), None);
            if self.by_id.get(&ind.id) != Some(&assessment) {
                self.by_id.insert(ind.id.clone(), assessment);
                changed = true;
            }
        }
        changed
    }
}

/// Judges every indicator of `data` on the figures entered for it.
pub fn assess_all(data: &Dataset, entries: &Entries) -> Assessments {
    let mut all = Assessments::default();
    all.update(data, entries);
    all
}

/// Growth to date of a figure: the published rate, else computed from the levels.
pub fn growth_to_date(ind: &Indicator, f: &Figure) -> Option<(f64, GrowthSource)> {
    if let Some(g) = f.growth {
        return Some((g, GrowthSource::Published));
    }
    computed_growth(ind, f).map(|g| (g, GrowthSource::Computed))
}

fn computed_growth(ind: &Indicator, f: &Figure) -> Option<f64> {
    let value = f.value?;
    let prev = f.prev.or_else(|| {
        if f.period.is_year_end() {
            comparable_base(ind)
        } else {
            None
        }
    })?;
    (prev > 0.0).then(|| bounded((value / prev - 1.0) * 100.0))
}

/// The 2022 value where 2023 figures can be set against it: not where the notes call the
/// implied level not comparable (a current-price level against a real growth rate, a sub-total's
/// base against a total's target). Growth, projections and what is still needed are then never
/// computed from it.
fn comparable_base(ind: &Indicator) -> Option<f64> {
    ind.effective_base()
        .filter(|_| ind.implied_level_comparable())
}

/// A ratio or rate made finite: ±infinity (a figure divided by a vanishing one) becomes a large
/// finite number of the same sign, so statuses and gaps stay comparable.
fn bounded(x: f64) -> f64 {
    const LARGE: f64 = 1e12;
    if x.is_nan() {
        0.0
    } else {
        x.clamp(-LARGE, LARGE)
    }
}

fn judge(ind: &Indicator, goal: &Goal, f: &Figure) -> Option<(Status, f64, Measure)> {
    let year_end = f.period.is_year_end();
    let elapsed = f.period.elapsed();
    match *goal {
        Goal::Growth { rate } => {
            let (to_date, source) = growth_to_date(ind, f)?;
            let lower = ind.better == Better::Lower;
            // A cut (better = lower) is the mirror image of a rise.
            let ratio = match (lower, rate) {
                (false, g) if g > 0.0 => to_date / g,
                (false, g) => 1.0 + (to_date - g) / 100.0,
                (true, g) if g < 0.0 => to_date / g,
                (true, g) => 1.0 + (g - to_date) / 100.0,
            };
            let met = if lower {
                to_date <= rate
            } else {
                to_date >= rate
            };
            let status = if year_end && met {
                Status::Achieved
            } else {
                Status::from_ratio(ratio)
            };
            Some((
                status,
                ratio,
                Measure::Growth {
                    to_date,
                    source,
                    target: rate,
                    gap_pp: to_date - rate,
                },
            ))
        }
        Goal::Total { value: target }
        | Goal::Count { value: target }
        | Goal::Range { min: target, .. } => {
            let done = f.value?;
            let rate = bounded(if target > 0.0 {
                done / target
            } else if done >= 0.0 {
                1.0
            } else {
                0.0
            });
            let ratio = bounded(rate / elapsed);
            let status = if done >= target {
                Status::Achieved
            } else {
                Status::from_ratio(ratio)
            };
            let seasonal_expected = match (f.prev, ind.growth_target()) {
                (Some(prev), Some(g)) => Some(prev * (1.0 + g / 100.0)),
                (Some(prev), None) => ind
                    .effective_base()
                    .filter(|b| *b > 0.0)
                    .map(|b| prev / b * target),
                _ => None,
            }
            .filter(|x| x.is_finite());
            Some((
                status,
                ratio,
                Measure::Completion {
                    done,
                    target,
                    rate_pct: rate * 100.0,
                    elapsed_pct: elapsed * 100.0,
                    gap_pp: (rate - elapsed) * 100.0,
                    seasonal_expected,
                },
            ))
        }
        Goal::Level { value: target } | Goal::Floor { value: target } => {
            let latest = f.value?;
            let lower_better = ind.better == Better::Lower;
            let met = if lower_better {
                latest <= target
            } else {
                latest >= target
            };
            // On the way from the 2022 level to a target level beyond it, progress is measured
            // from the 2022 level against the progress due by now. A target level at or short of
            // the 2022 level (specialty crops: 29.9 → 29.8) asks for no progress: it is a level
            // to hold, judged like a floor.
            let path_base = ind.base_value().filter(|base| {
                matches!(goal, Goal::Level { .. })
                    && if lower_better {
                        target < *base
                    } else {
                        target > *base
                    }
            });
            let (ratio, status) = match path_base {
                Some(base) => {
                    let ratio = bounded((latest - base) / ((target - base) * elapsed));
                    let status = if met && year_end {
                        Status::Achieved
                    } else {
                        Status::from_ratio(ratio)
                    };
                    (ratio, status)
                }
                None => {
                    let ratio = if lower_better {
                        safe_div(target, latest)
                    } else {
                        safe_div(latest, target)
                    };
                    (ratio, level_status(met, year_end, ratio))
                }
            };
            Some((
                status,
                ratio,
                Measure::Level {
                    latest,
                    target,
                    gap: latest - target,
                },
            ))
        }
        Goal::Ceiling { value: cap } => {
            let latest = f.value?;
            let met = latest <= cap;
            let ratio = safe_div(cap, latest);
            let status = level_status(met, year_end, ratio);
            Some((
                status,
                ratio,
                Measure::Level {
                    latest,
                    target: cap,
                    gap: latest - cap,
                },
            ))
        }
    }
}

fn level_status(met: bool, year_end: bool, ratio: f64) -> Status {
    match (met, year_end) {
        (true, true) => Status::Achieved,
        (true, false) => Status::from_ratio(ratio.max(1.0)),
        (false, _) => Status::from_ratio(ratio.min(0.999_999)),
    }
}

/// `a / b`, or 1 when both are zero, or a large finite ratio when only `b` is.
fn safe_div(a: f64, b: f64) -> f64 {
    if b.abs() > f64::EPSILON {
        a / b
    } else if a.abs() <= f64::EPSILON {
        1.0
    } else {
        f64::MAX.sqrt().copysign(a)
    }
}

fn project(ind: &Indicator, f: &Figure) -> Option<Projection> {
    if !ind.kind.is_flow() {
        return None;
    }
    if let (Some(value), Some(prev), Some(base)) = (f.value, f.prev, comparable_base(ind)) {
        let projected = value * base / prev;
        if prev > 0.0 && projected.is_finite() {
            return Some(Projection {
                value: projected,
                method: ProjectionMethod::SeasonalProfile,
            });
        }
    }
    if let Some(value) = f.value {
        if ind.absolute_target().is_some() || ind.growth_target().is_none() {
            return Some(Projection {
                value: value / f.period.elapsed(),
                method: ProjectionMethod::PaceHolds,
            });
        }
    }
    let (r, _) = growth_to_date(ind, f)?;
    let base = comparable_base(ind)?;
    Some(Projection {
        value: base * (1.0 + r / 100.0),
        method: ProjectionMethod::GrowthHolds,
    })
    .filter(|p| p.value.is_finite())
}

/// What the rest of the year needs after figure `f`; `None` once the target is reached, for a
/// target to cut, and where the 2022 base is not comparable.
fn needed(ind: &Indicator, f: &Figure) -> Option<Needed> {
    // What a target to cut still allows is a ceiling, not an amount still to do: not stated.
    if f.period.is_year_end() || !ind.kind.is_flow() || ind.better == Better::Lower {
        return None;
    }
    if let (Some(g), Some(annual), Some(done)) =
        (ind.growth_target(), comparable_base(ind), f.value)
    {
        let prev = f.prev.or_else(|| {
            f.growth
                .filter(|r| *r > -100.0)
                .map(|r| done / (1.0 + r / 100.0))
        });
        if let Some(prev) = prev {
            let rest_last_year = annual - prev;
            if rest_last_year > 0.0 {
                let target = annual * (1.0 + g / 100.0);
                if done >= target {
                    return None;
                }
                let rate = ((target - done) / rest_last_year - 1.0) * 100.0;
                if rate.is_finite() {
                    return Some(Needed::Growth { rate });
                }
            }
        }
    }
    let target = ind.absolute_target()?;
    let done = f.value?;
    if done >= target {
        return None;
    }
    let months = f64::from(f.period.end_month());
    Some(Needed::Amount {
        remaining: target - done,
        per_month: (target - done) / (12.0 - months),
        per_month_so_far: done / months,
    })
}

/// The growth the rest of the year needs, from shares: `((1 + g) − s (1 + r)) / (1 − s) − 1`, where
/// `s` is last year's same-period share of last year's total, `g` the target and `r` growth to date
/// (all as fractions). `None` when `s ≥ 1`.
pub fn needed_growth_from_share(g: f64, s: f64, r: f64) -> Option<f64> {
    (s < 1.0).then(|| ((1.0 + g) - s * (1.0 + r)) / (1.0 - s) - 1.0)
}

fn warnings(ind: &Indicator, series: &[&Figure]) -> Vec<Warning> {
    let mut out = Vec::new();
    if ind.frequency == super::dataset::Frequency::Quarterly {
        for f in series {
            if let Period::Month(m) = f.period {
                if m % 3 != 0 {
                    out.push(Warning::NotAQuarter { period: f.period });
                }
            }
        }
    }
    if ind.kind.is_flow() && ind.kind != Kind::Level {
        for pair in series.windows(2) {
            if let (Some(before), Some(value)) = (pair[0].value, pair[1].value) {
                if value < before {
                    out.push(Warning::CumulativeDecrease {
                        period: pair[1].period,
                        value,
                        before,
                    });
                }
            }
        }
    }
    for f in series {
        if let (Some(published), Some(computed)) = (f.growth, computed_growth(ind, f)) {
            if (published - computed).abs() > GROWTH_TOLERANCE_PP {
                out.push(Warning::GrowthContradictsLevels {
                    period: f.period,
                    published,
                    computed,
                });
            }
        }
    }
    out
}

/// Counts of indicators by status.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    counts: [usize; 7],
}

impl Summary {
    /// Adds one indicator's status.
    pub fn add(&mut self, s: Status) {
        self.counts[Status::ALL.iter().position(|x| *x == s).unwrap_or(6)] += 1;
    }

    /// How many have this status.
    pub fn count(&self, s: Status) -> usize {
        Status::ALL
            .iter()
            .position(|x| *x == s)
            .map_or(0, |i| self.counts[i])
    }

    /// How many in all.
    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }
}

impl FromIterator<Status> for Summary {
    fn from_iter<I: IntoIterator<Item = Status>>(iter: I) -> Self {
        let mut s = Summary::default();
        iter.into_iter().for_each(|x| s.add(x));
        s
    }
}
