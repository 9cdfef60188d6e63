//! The progress bulletin (主要目标任务完成情况通报) of one release: drafted from the tracker's own
//! judgements, in the register of a county bulletin, in Chinese or English.
//!
//! Every sentence is built from the numbers of [`progress::assess`] on the figures to the end of
//! the release's month; nothing is said that the figures do not say. A target without a figure
//! for the period is named as such, and a judgement that rests on an earlier figure says which.

use super::dataset::{Dataset, Indicator, Kind};
use super::figures::{Figure, Period};
use super::format;
use super::progress::{self, Assessment, Judgement, Measure, Status};
use super::saved::Entries;
use super::words::{base_text, needed_text, pace_term, status_name, targets_text, tr};
use super::Lang;

/// One target's line in the bulletin's table.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Line {
    /// Indicator id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Unit.
    pub unit: String,
    /// The 2022 result in words.
    pub base: String,
    /// The 2023 target(s) in words.
    pub target: String,
    /// The figure to date (value and growth).
    pub to_date: String,
    /// Completion (a total) or growth to date (a growth target), or the latest level.
    pub measure: String,
    /// 序时进度 for a total, else empty.
    pub pace: String,
    /// The gap to the target rate or to 序时进度, in percentage points (or in the unit for a level).
    pub gap: String,
    /// Status in words, with the period it rests on when earlier than the release's.
    pub status: String,
    /// The status as a value, for styling.
    pub status_id: Status,
    /// What changed since the previous release, or empty.
    pub change: String,
    /// The numbers of the line, for a spreadsheet: value, growth, completion %, 序时进度 %, gap.
    pub numbers: [Option<f64>; 5],
}

/// A drafted bulletin. It travels as JSON to the worker that makes its Word document.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Bulletin {
    /// The last month the release covers.
    pub month: u8,
    /// The previous release's last month, if there is one.
    pub previous: Option<u8>,
    /// Title.
    pub title: String,
    /// What it covers and when it was made: "数据截至1-9月 · 2026年11月30日生成".
    pub covers: String,
    /// The main expected targets, in one paragraph.
    pub headline: String,
    /// The targets by status, each group a paragraph.
    pub groups: Vec<String>,
    /// By work area, one paragraph.
    pub areas: String,
    /// What changed since the previous release, if there was one.
    pub changes: Option<String>,
    /// What the rest of the year needs where a target is behind.
    pub needs: Option<String>,
    /// The table's column heads.
    pub head: Vec<String>,
    /// The table: every target with a figure for the period.
    pub lines: Vec<Line>,
    /// Where the figures come from.
    pub sources: String,
    /// How status is judged.
    pub method: String,
}

/// The months that have figures, earliest first: the bulletins there are.
pub fn months(entries: &Entries) -> Vec<u8> {
    let mut m: Vec<u8> = entries
        .figures
        .values()
        .flatten()
        .filter(|f| f.is_usable())
        .map(|f| f.period.end_month())
        .collect();
    m.sort_unstable();
    m.dedup();
    m
}

/// The figure of `ind` whose period ends in month `m`, if entered.
fn figure_at<'a>(entries: &'a Entries, ind: &Indicator, m: u8) -> Option<&'a Figure> {
    entries
        .of(&ind.id)
        .iter()
        .find(|f| f.period.end_month() == m && f.is_usable())
}

/// The judgement that stands for an indicator: the binding one.
fn main_judgement(a: &Assessment) -> Option<&Judgement> {
    a.judgements.get(a.binding.unwrap_or(0))
}

/// A date written `2026-11-30` as the language writes it.
fn date_text(iso: &str, lang: Lang) -> String {
    let parts: Vec<u32> = iso
        .split('-')
        .take(3)
        .filter_map(|p| p.parse().ok())
        .collect();
    match (parts.as_slice(), lang) {
        ([y, m, d], Lang::Zh) => format!("{y}年{m}月{d}日"),
        ([y, m, d], Lang::En) => {
            const MONTHS: [&str; 12] = [
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December",
            ];
            let name = MONTHS.get(*m as usize - 1).copied().unwrap_or("");
            format!("{d} {name} {y}")
        }
        _ => iso.to_string(),
    }
}

/// Percentage points, unsigned: "3.9个百分点" / "3.9 points".
fn pp(x: f64, lang: Lang) -> String {
    let n = format::number(x.abs(), 1);
    match lang {
        Lang::Zh => format!("{n}个百分点"),
        Lang::En => format!("{n} percentage points"),
    }
}

/// A status in lower case for the middle of an English sentence.
fn status_word(s: Status, lang: Lang) -> String {
    match lang {
        Lang::Zh => status_name(s, lang).to_string(),
        Lang::En => status_name(s, lang).to_lowercase(),
    }
}

/// How a judgement measured, in a clause: "98.5亿元，增长7.4%，低于目标增速（8%）0.6个百分点".
fn measure_clause(ind: &Indicator, j: &Judgement, fig: Option<&Figure>, lang: Lang) -> String {
    let q = |x: f64| format::quantity(x, &ind.unit, lang);
    match (j.measure, lang) {
        (
            Measure::Growth {
                to_date,
                target,
                gap_pp,
                source,
            },
            _,
        ) => {
            let computed = source == progress::GrowthSource::Computed;
            let value = fig.and_then(|f| f.value).map(q);
            let growth = match (lang, to_date >= 0.0) {
                (Lang::Zh, true) => format!("增长{}", format::percent(to_date)),
                (Lang::Zh, false) => format!("下降{}", format::percent(-to_date)),
                (Lang::En, true) => format!("up {}", format::percent(to_date)),
                (Lang::En, false) => format!("down {}", format::percent(-to_date)),
            };
            let growth = match (lang, computed) {
                (Lang::Zh, true) => format!("{growth}（由总量推算）"),
                (Lang::En, true) => format!("{growth} (computed from levels)"),
                (_, false) => growth,
            };
            let t = format::percent(target);
            let compare = match (lang, gap_pp.abs() < 0.05, gap_pp > 0.0) {
                (Lang::Zh, true, _) => format!("与目标增速（{t}）持平"),
                (Lang::Zh, false, true) => format!("高于目标增速（{t}）{}", pp(gap_pp, lang)),
                (Lang::Zh, false, false) => format!("低于目标增速（{t}）{}", pp(gap_pp, lang)),
                (Lang::En, true, _) => format!("level with the target rate of {t}"),
                (Lang::En, false, true) => {
                    format!("{} above the target rate of {t}", pp(gap_pp, lang))
                }
                (Lang::En, false, false) => {
                    format!("{} below the target rate of {t}", pp(gap_pp, lang))
                }
            };
            let sep = tr(lang, "，", ", ");
            [value, Some(growth), Some(compare)]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(sep)
        }
        (
            Measure::Completion {
                done,
                target,
                rate_pct,
                elapsed_pct,
                gap_pp,
                ..
            },
            _,
        ) => {
            let (rate, pace) = (format::percent(rate_pct), format::percent(elapsed_pct));
            let compare = match (lang, gap_pp.abs() < 0.05, gap_pp > 0.0) {
                (Lang::Zh, true, _) => format!("与{}（{pace}）持平", pace_term(lang)),
                (Lang::Zh, false, true) => {
                    format!("超{}（{pace}）{}", pace_term(lang), pp(gap_pp, lang))
                }
                (Lang::Zh, false, false) => {
                    format!("低于{}（{pace}）{}", pace_term(lang), pp(gap_pp, lang))
                }
                (Lang::En, true, _) => format!("level with the {} of {pace}", pace_term(lang)),
                (Lang::En, false, true) => format!(
                    "{} ahead of the {} of {pace}",
                    pp(gap_pp, lang),
                    pace_term(lang)
                ),
                (Lang::En, false, false) => format!(
                    "{} behind the {} of {pace}",
                    pp(gap_pp, lang),
                    pace_term(lang)
                ),
            };
            match lang {
                Lang::Zh => format!(
                    "完成{}，为年度目标（{}）的{rate}，{compare}",
                    q(done),
                    q(target)
                ),
                Lang::En => format!(
                    "{} done, {rate} of the year's target of {}, {compare}",
                    q(done),
                    q(target)
                ),
            }
        }
        (
            Measure::Level {
                latest,
                target,
                gap,
            },
            _,
        ) => {
            let diff = if ind.unit.zh == "%" {
                pp(gap, lang)
            } else {
                format::quantity(gap.abs(), &ind.unit, lang)
            };
            let (l, t) = (q(latest), q(target));
            match (ind.kind, lang, gap <= 0.0) {
                (Kind::Ceiling, Lang::Zh, true) => format!("为{l}，在目标上限（{t}）以内"),
                (Kind::Ceiling, Lang::Zh, false) => format!("为{l}，高于目标上限（{t}）{diff}"),
                (Kind::Ceiling, Lang::En, true) => format!("{l}, within the cap of {t}"),
                (Kind::Ceiling, Lang::En, false) => format!("{l}, {diff} over the cap of {t}"),
                (_, Lang::Zh, _) if gap >= 0.0 => format!("为{l}，达到目标（{t}）"),
                (_, Lang::Zh, _) => format!("为{l}，距目标（{t}）尚差{diff}"),
                (_, Lang::En, _) if gap >= 0.0 => format!("{l}, at or above the target of {t}"),
                (_, Lang::En, _) => format!("{l}, {diff} short of the target of {t}"),
            }
        }
    }
}

/// The status a headline clause adds in words: 序时进度 is what a total is judged against, so its
/// status says how it stands; a growth rate or a level already says above or below its target,
/// and adds only that it is far behind or achieved.
fn headline_status(j: &Judgement) -> Option<Status> {
    match (j.measure, j.status) {
        (Measure::Completion { .. }, s) => Some(s),
        (_, s @ (Status::FarBehind | Status::Achieved)) => Some(s),
        _ => None,
    }
}

/// The name of an indicator with the period its judgement rests on, when earlier than `m`.
fn named(ind: &Indicator, j: Option<&Judgement>, m: u8, lang: Lang) -> String {
    let name = ind.name.get(lang).to_string();
    match j.map(|j| j.as_of) {
        Some(p) if p.end_month() != m => match lang {
            Lang::Zh => format!("{name}（截至{}）", p.label(lang)),
            Lang::En => format!("{name} (to {})", p.label(lang)),
        },
        _ => name,
    }
}

/// The gap of a judgement in percentage points, where it is one (growth and completion; a level
/// in %).
fn gap_pp(ind: &Indicator, j: &Judgement) -> Option<f64> {
    match j.measure {
        Measure::Growth { gap_pp, .. } | Measure::Completion { gap_pp, .. } => Some(gap_pp),
        Measure::Level { gap, .. } if ind.unit.zh == "%" => Some(gap),
        Measure::Level { .. } => None,
    }
}

/// What changed for one indicator between the previous release and this one.
fn change_clause(
    ind: &Indicator,
    now: &Judgement,
    before: &Judgement,
    lang: Lang,
) -> Option<String> {
    // Compared with the figure the earlier judgement rests on, named by its own period.
    if now.as_of == before.as_of {
        return None;
    }
    let prev_label = before.as_of.label(lang);
    let mut parts = Vec::new();
    if now.status != before.status {
        // Statuses on the scale are ordered worst first (`Status`'s own order).
        let up = now.status.is_judged() && before.status.is_judged() && now.status > before.status;
        let (from, to) = (
            status_word(before.status, lang),
            status_word(now.status, lang),
        );
        parts.push(match (lang, up) {
            (Lang::Zh, true) => format!("由“{from}”升至“{to}”"),
            (Lang::Zh, false) => format!("由“{from}”降至“{to}”"),
            (Lang::En, true) => format!("up from “{from}” to “{to}”"),
            (Lang::En, false) => format!("down from “{from}” to “{to}”"),
        });
    }
    let same_kind = std::mem::discriminant(&now.measure) == std::mem::discriminant(&before.measure);
    if let (true, Some(g1), Some(g0)) = (same_kind, gap_pp(ind, now), gap_pp(ind, before)) {
        let d = g1 - g0;
        if d.abs() >= 0.05 {
            let x = pp(d, lang);
            parts.push(
                match (lang, g1 < 0.0 && g0 < 0.0, g1 >= 0.0 && g0 >= 0.0, d > 0.0) {
                    (Lang::Zh, true, _, true) => format!("差距比{prev_label}收窄{x}"),
                    (Lang::Zh, true, _, false) => format!("差距比{prev_label}扩大{x}"),
                    (Lang::Zh, _, true, true) => format!("领先幅度比{prev_label}扩大{x}"),
                    (Lang::Zh, _, true, false) => format!("领先幅度比{prev_label}缩小{x}"),
                    (Lang::Zh, _, _, _) => format!(
                        "由{}{}变为{}{}",
                        if g0 < 0.0 { "落后" } else { "领先" },
                        pp(g0, lang),
                        if g1 < 0.0 { "落后" } else { "领先" },
                        pp(g1, lang)
                    ),
                    (Lang::En, true, _, true) => {
                        format!("the gap narrowed by {x} since {prev_label}")
                    }
                    (Lang::En, true, _, false) => {
                        format!("the gap widened by {x} since {prev_label}")
                    }
                    (Lang::En, _, true, true) => format!("the lead grew by {x} since {prev_label}"),
                    (Lang::En, _, true, false) => {
                        format!("the lead shrank by {x} since {prev_label}")
                    }
                    (Lang::En, _, _, _) => format!(
                        "from {} {} to {} {}",
                        pp(g0, lang),
                        if g0 < 0.0 { "behind" } else { "ahead" },
                        pp(g1, lang),
                        if g1 < 0.0 { "behind" } else { "ahead" }
                    ),
                },
            );
        }
    }
    (!parts.is_empty()).then(|| parts.join(tr(lang, "，", ", ")))
}

/// A short gap after a name in a list: "（差3.9个百分点）" / " (3.9 points short)".
fn gap_note(ind: &Indicator, j: &Judgement, lang: Lang) -> String {
    match gap_pp(ind, j) {
        Some(g) if g < 0.0 => match lang {
            Lang::Zh => format!("（差{}）", pp(g, lang)),
            Lang::En => format!(" ({} short)", pp(g, lang)),
        },
        Some(g) if g > 0.0 => match lang {
            Lang::Zh => format!("（超{}）", pp(g, lang)),
            Lang::En => format!(" ({} ahead)", pp(g, lang)),
        },
        _ => String::new(),
    }
}

/// Joins a list the way the language does: "A、B和C" / "A, B and C".
fn list(items: &[String], lang: Lang) -> String {
    match (items, lang) {
        ([], _) => String::new(),
        ([one], _) => one.clone(),
        ([rest @ .., last], Lang::Zh) => format!("{}和{last}", rest.join("、")),
        ([rest @ .., last], Lang::En) => format!("{} and {last}", rest.join(", ")),
    }
}

/// Drafts the bulletin of the release that ends in month `m`, compared with the previous release
/// (the latest earlier month with figures), made on `today` (ISO date).
pub fn draft(data: &Dataset, entries: &Entries, m: u8, today: &str, lang: Lang) -> Bulletin {
    let period = Period::Month(m);
    let label = period.label(lang);
    let previous = months(entries).into_iter().filter(|p| *p < m).max();
    let prev_label = previous.map(|p| Period::Month(p).label(lang));
    let county = tr(lang, "新源县", "Xinyuan County");
    let sep = tr(lang, "；", "; ");
    let stop = tr(lang, "。", ".");

    // Every target with a figure for the period, judged on the figures to its end.
    struct Row<'a> {
        ind: &'a Indicator,
        now: Assessment,
        before: Option<Assessment>,
        fig: &'a Figure,
    }
    let rows: Vec<Row<'_>> = data
        .indicators
        .iter()
        .filter(|i| i.has_target())
        .filter_map(|ind| {
            let fig = figure_at(entries, ind, m)?;
            let figures = entries.of(&ind.id);
            Some(Row {
                ind,
                now: progress::assess(ind, figures, Some(m)),
                before: previous.map(|p| progress::assess(ind, figures, Some(p))),
                fig,
            })
        })
        .collect();

    // The headline: each main expected target, with its figure or the lack of one.
    let main: Vec<String> = data
        .in_section("main")
        .filter(|i| i.has_target())
        .map(|ind| {
            let row = rows.iter().find(|r| r.ind.id == ind.id);
            let j = row.and_then(|r| main_judgement(&r.now));
            match (row, j) {
                (Some(r), Some(j)) => {
                    let fig = entries.of(&ind.id).iter().find(|f| f.period == j.as_of);
                    let clause = measure_clause(ind, j, fig.or(Some(r.fig)), lang);
                    let name = named(ind, Some(j), m, lang);
                    match (lang, headline_status(j)) {
                        (Lang::Zh, Some(s)) => {
                            format!("{name}{clause}（{}）", status_word(s, lang))
                        }
                        (Lang::Zh, None) => format!("{name}{clause}"),
                        (Lang::En, Some(s)) => {
                            format!("{name}: {clause} ({})", status_word(s, lang))
                        }
                        (Lang::En, None) => format!("{name}: {clause}"),
                    }
                }
                (Some(_), None) => match lang {
                    Lang::Zh => format!("{}已有数据，但尚不能判断", ind.name.get(lang)),
                    Lang::En => format!(
                        "{}: figures entered, but not enough to judge",
                        ind.name.get(lang)
                    ),
                },
                (None, _) => match lang {
                    Lang::Zh => format!("{}本期尚无数据", ind.name.get(lang)),
                    Lang::En => format!("{}: no figure for this period", ind.name.get(lang)),
                },
            }
        })
        .collect();
    let headline = match lang {
        Lang::Zh => format!(
            "{label}，全县主要预期目标进展如下：{}{stop}",
            main.join(sep)
        ),
        Lang::En => format!(
            "As of {label}, the main expected targets stood as follows: {}{stop}",
            main.join(sep)
        ),
    };

    // By status.
    let judged: Vec<(&Row<'_>, &Judgement)> = rows
        .iter()
        .filter_map(|r| main_judgement(&r.now).map(|j| (r, j)))
        .collect();
    let group = |statuses: &[Status], zh: &str, en: &str, with_gap: bool| -> Option<String> {
        let names: Vec<String> = judged
            .iter()
            .filter(|(_, j)| statuses.contains(&j.status))
            .map(|(r, j)| {
                let gap = if with_gap {
                    gap_note(r.ind, j, lang)
                } else {
                    String::new()
                };
                format!("{}{gap}", named(r.ind, Some(j), m, lang))
            })
            .collect();
        (!names.is_empty()).then(|| match lang {
            Lang::Zh => format!("{zh}{}项：{}。", names.len(), list(&names, lang)),
            Lang::En => format!("{en} ({}): {}.", names.len(), list(&names, lang)),
        })
    };
    let not_judged: Vec<String> = rows
        .iter()
        .filter(|r| main_judgement(&r.now).is_none())
        .map(|r| r.ind.name.get(lang).to_string())
        .collect();
    let groups: Vec<String> = [
        group(
            &[Status::Achieved, Status::Ahead],
            "已完成或超序时进度的目标",
            "Targets achieved or ahead of pace",
            true,
        ),
        group(
            &[Status::OnPace],
            "达到序时进度的目标",
            "Targets on pace",
            false,
        ),
        group(
            &[Status::Behind],
            "低于序时进度的目标",
            "Targets behind pace",
            true,
        ),
        group(
            &[Status::FarBehind],
            "严重滞后的目标",
            "Targets far behind",
            true,
        ),
        (!not_judged.is_empty()).then(|| match lang {
            Lang::Zh => format!(
                "已有数据但尚不能判断的目标{}项：{}。",
                not_judged.len(),
                list(&not_judged, lang)
            ),
            Lang::En => format!(
                "Targets with figures but not enough to judge ({}): {}.",
                not_judged.len(),
                list(&not_judged, lang)
            ),
        }),
    ]
    .into_iter()
    .flatten()
    .collect();

    // By work area.
    let areas: Vec<String> = data
        .sections
        .iter()
        .filter_map(|s| {
            let here: Vec<&(&Row<'_>, &Judgement)> = judged
                .iter()
                .filter(|(r, _)| r.ind.section == s.id)
                .collect();
            if here.is_empty() {
                return None;
            }
            let behind = here
                .iter()
                .filter(|(_, j)| matches!(j.status, Status::Behind | Status::FarBehind))
                .count();
            let name = s.short.get(lang);
            let n = here.len();
            Some(match (lang, behind) {
                (Lang::Zh, 0) => format!("{name}本期有数据的{n}项均达到或超过进度"),
                (Lang::Zh, b) => format!("{name}本期有数据的{n}项中{b}项落后于进度"),
                (Lang::En, 0) => format!("{name}: all {n} with figures on or ahead of pace"),
                (Lang::En, b) => format!("{name}: {b} of the {n} with figures behind pace"),
            })
        })
        .collect();
    let areas = match lang {
        Lang::Zh => format!("分领域看：{}。", areas.join("；")),
        Lang::En => format!("By work area: {}.", areas.join("; ")),
    };

    // Since the previous release.
    let changes = prev_label.as_ref().map(|pl| {
        let items: Vec<String> = rows
            .iter()
            .filter_map(|r| {
                let now = main_judgement(&r.now)?;
                let before = r.before.as_ref().and_then(main_judgement)?;
                let c = change_clause(r.ind, now, before, lang)?;
                Some(match lang {
                    Lang::Zh => format!("{}{c}", r.ind.name.get(lang)),
                    Lang::En => format!("{}: {c}", r.ind.name.get(lang)),
                })
            })
            .collect();
        match (lang, items.is_empty()) {
            (Lang::Zh, true) => format!("与{pl}相比，各项目标的状态和差距没有变化。"),
            (Lang::Zh, false) => format!("与{pl}相比：{}。", items.join("；")),
            (Lang::En, true) => format!("Since {pl}, no target changed its status or gap."),
            (Lang::En, false) => format!("Since {pl}: {}.", items.join("; ")),
        }
    });

    // What the rest of the year needs, where a target is behind.
    let needs: Vec<String> = rows
        .iter()
        .filter(|r| matches!(r.now.status, Status::Behind | Status::FarBehind))
        .filter_map(|r| {
            let n = needed_text(&r.now, r.ind, lang)?;
            Some(match lang {
                Lang::Zh => format!("{}{}", r.ind.name.get(lang), n),
                Lang::En => {
                    // A sentence of the indicator page, set inside this one.
                    let n = n.trim_end_matches('.');
                    let mut c = n.chars();
                    let n = c
                        .next()
                        .map(|f| f.to_lowercase().chain(c).collect::<String>())
                        .unwrap_or_default();
                    format!("{}: {n}", r.ind.name.get(lang))
                }
            })
        })
        .collect();
    let needs = (!needs.is_empty()).then(|| match lang {
        Lang::Zh => format!("完成全年目标，{}。", needs.join("；")),
        Lang::En => format!("To meet the year's targets: {}.", needs.join("; ")),
    });

    // The table.
    let lines: Vec<Line> = rows
        .iter()
        .map(|r| {
            let ind = r.ind;
            let j = main_judgement(&r.now);
            let (measure, pace, gap, numbers) = match j.map(|j| j.measure) {
                Some(Measure::Growth {
                    to_date, gap_pp, ..
                }) => (
                    format::growth(to_date),
                    String::new(),
                    format::points(gap_pp, lang),
                    [r.fig.value, Some(to_date), None, None, Some(gap_pp)],
                ),
                Some(Measure::Completion {
                    rate_pct,
                    elapsed_pct,
                    gap_pp,
                    ..
                }) => (
                    format::percent(rate_pct),
                    format::percent(elapsed_pct),
                    format::points(gap_pp, lang),
                    [
                        r.fig.value,
                        r.fig.growth,
                        Some(rate_pct),
                        Some(elapsed_pct),
                        Some(gap_pp),
                    ],
                ),
                Some(Measure::Level { latest, gap, .. }) => (
                    format::quantity(latest, &ind.unit, lang),
                    String::new(),
                    if ind.unit.zh == "%" {
                        format::points(gap, lang)
                    } else {
                        format::signed_quantity(gap, &ind.unit, lang)
                    },
                    [Some(latest), r.fig.growth, None, None, Some(gap)],
                ),
                None => (
                    String::new(),
                    String::new(),
                    String::new(),
                    [r.fig.value, r.fig.growth, None, None, None],
                ),
            };
            let status = r.now.status;
            let status_text = match j.map(|j| j.as_of) {
                Some(p) if p.end_month() != m => match lang {
                    Lang::Zh => format!("{}（截至{}）", status_name(status, lang), p.label(lang)),
                    Lang::En => format!("{} (to {})", status_name(status, lang), p.label(lang)),
                },
                _ => status_name(status, lang).to_string(),
            };
            let change = match (j, r.before.as_ref().and_then(main_judgement), &prev_label) {
                (Some(now), Some(before), Some(_)) => {
                    change_clause(ind, now, before, lang).unwrap_or_default()
                }
                (Some(_), None, Some(_)) => tr(lang, "本期新增", "new this period").to_string(),
                _ => String::new(),
            };
            Line {
                id: ind.id.clone(),
                name: ind.name.get(lang).to_string(),
                unit: ind.unit.get(lang).to_string(),
                base: base_text(ind, lang),
                target: targets_text(ind, lang),
                to_date: super::words::figure_brief(r.fig, &ind.unit, lang),
                measure,
                pace,
                gap,
                status: status_text,
                status_id: status,
                change,
                numbers,
            }
        })
        .collect();
    let head = [
        ("指标", "Indicator"),
        ("单位", "Unit"),
        ("2022年", "2022"),
        ("2023年目标", "2023 target"),
        ("截至本期", "To date"),
        ("完成率或增速", "Completion or growth"),
        ("序时进度", "Time-elapsed pace"),
        ("差距", "Gap"),
        ("状态", "Status"),
        ("较上期", "Since last release"),
    ]
    .iter()
    .map(|(zh, en)| tr(lang, zh, en).to_string())
    .collect();

    // Sources.
    let mut named_sources: Vec<String> = rows
        .iter()
        .map(|r| r.fig.source.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    named_sources.sort();
    named_sources.dedup();
    let unsourced = rows
        .iter()
        .filter(|r| r.fig.source.trim().is_empty())
        .count();
    let sources = match (lang, named_sources.is_empty(), unsourced) {
        (Lang::Zh, true, _) => "数据来源：由使用者录入，未注明来源。".to_string(),
        (Lang::Zh, false, 0) => format!("数据来源：{}。", named_sources.join("；")),
        (Lang::Zh, false, n) => format!(
            "数据来源：{}；另有{n}项未注明来源。",
            named_sources.join("；")
        ),
        (Lang::En, true, _) => {
            "Sources: entered by the tracker's keepers, no source given.".to_string()
        }
        (Lang::En, false, 0) => format!("Sources: {}.", named_sources.join("; ")),
        (Lang::En, false, n) => format!(
            "Sources: {}; {n} without a source given.",
            named_sources.join("; ")
        ),
    };
    let targets_source = match lang {
        Lang::Zh => format!("目标见{}。", data.source.title.zh),
        Lang::En => format!("Targets from the {}.", data.source.title.en),
    };

    let ahead = format::number(progress::AHEAD * 100.0, 0);
    let far = format::number(progress::FAR_BEHIND * 100.0, 0);
    let method = match lang {
        Lang::Zh => format!(
            "判断方法：总量目标以累计完成率对照序时进度（已过月数÷12）；增速目标以累计增速对照目标增速；水平、上限和下限目标以最新值对照目标。二者之比不低于{ahead}%为超序时进度，100%至{ahead}%为达到序时进度，{far}%至100%为低于序时进度，低于{far}%为严重滞后。"
        ),
        Lang::En => format!(
            "Method: a total is judged by its cumulative completion against the time-elapsed pace (months elapsed ÷ 12); a growth target by the growth to date against the target rate; a level, cap or floor by the latest figure against it. A ratio of {ahead}% or more is ahead, 100% to {ahead}% on pace, {far}% to 100% behind, below {far}% far behind."
        ),
    };

    Bulletin {
        month: m,
        previous,
        title: match lang {
            Lang::Zh => format!("{county}2023年主要目标任务完成情况通报（{label}）"),
            Lang::En => format!("{county}: progress on the 2023 targets, {label}"),
        },
        covers: match lang {
            Lang::Zh => format!("数据截至{label} · {}生成", date_text(today, lang)),
            Lang::En => format!("Figures to {label} · made on {}", date_text(today, lang)),
        },
        headline,
        groups,
        areas,
        changes,
        needs,
        head,
        lines,
        sources: format!("{sources}{}{targets_source}", tr(lang, "", " ")),
        method,
    }
}

impl Bulletin {
    /// The bulletin as plain text, for a chat message: paragraphs, then the table as one line per
    /// target.
    pub fn plain_text(&self, lang: Lang) -> String {
        let mut out = vec![
            self.title.clone(),
            self.covers.clone(),
            self.headline.clone(),
        ];
        out.extend(self.groups.iter().cloned());
        out.push(self.areas.clone());
        out.extend(self.changes.iter().cloned());
        out.extend(self.needs.iter().cloned());
        let sep = tr(lang, "，", ", ");
        for l in &self.lines {
            let parts: Vec<&str> = [
                l.to_date.as_str(),
                l.measure.as_str(),
                l.gap.as_str(),
                l.status.as_str(),
            ]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
            out.push(format!(
                "· {}{}{}",
                l.name,
                tr(lang, "：", ": "),
                parts.join(sep)
            ));
        }
        out.push(self.sources.clone());
        out.push(self.method.clone());
        out.join("\n\n")
    }

    /// The table as CSV that Excel opens (UTF-8 with a byte-order mark): the words of the table
    /// and its numbers in columns of their own.
    pub fn csv(&self, lang: Lang) -> String {
        let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
        let mut head: Vec<String> = self.head.clone();
        head.extend(
            [
                ("数值", "Value"),
                ("累计增速（%）", "Growth to date (%)"),
                ("完成率（%）", "Completion (%)"),
                ("序时进度（%）", "Time-elapsed pace (%)"),
                ("差距", "Gap"),
            ]
            .iter()
            .map(|(zh, en)| tr(lang, zh, en).to_string()),
        );
        let _ = w.write_record(&head);
        for l in &self.lines {
            let mut rec: Vec<String> = [
                &l.name, &l.unit, &l.base, &l.target, &l.to_date, &l.measure, &l.pace, &l.gap,
                &l.status, &l.change,
            ]
            .iter()
            .map(|s| super::transfer::safe_cell(s))
            .collect();
            rec.extend(
                l.numbers
                    .iter()
                    .map(|n| n.map(|x| format!("{x}")).unwrap_or_default()),
            );
            let _ = w.write_record(&rec);
        }
        let body = w
            .into_inner()
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default();
        format!("\u{feff}{body}")
    }
}
