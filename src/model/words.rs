//! Interface words in both languages, kept beside each other: what the pages and the bulletin say.

use crate::model::dataset::{Firmness, Goal, Indicator, Kind};
use crate::model::format;
use crate::model::progress::{
    Assessment, Datum, Judgement, Measure, Needed, ProjectionMethod, Status, Unjudged, Warning,
};
use crate::model::{Lang, Text};

/// Picks the string of the language.
pub fn tr(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// Chinese punctuation in a composed sentence, turned into English punctuation for English.
pub fn punct(s: String, lang: Lang) -> String {
    match lang {
        Lang::Zh => s,
        Lang::En => s
            .replace('，', ", ")
            .replace('；', "; ")
            .replace('：', ": ")
            .replace('（', " (")
            .replace('）', ")"),
    }
}

/// The one name of 序时进度, the share of the year elapsed that a total should have reached.
pub fn pace_term(lang: Lang) -> &'static str {
    tr(lang, "序时进度", "time-elapsed pace")
}

/// A status in words (never by colour alone).
pub fn status_name(s: Status, lang: Lang) -> &'static str {
    match s {
        Status::Achieved => tr(lang, "已完成", "Achieved"),
        Status::Ahead => tr(lang, "超序时进度", "Ahead"),
        Status::OnPace => tr(lang, "达到序时进度", "On pace"),
        Status::Behind => tr(lang, "低于序时进度", "Behind"),
        Status::FarBehind => tr(lang, "严重滞后", "Far behind"),
        Status::NotJudged => tr(lang, "尚不能判断", "Cannot judge yet"),
        Status::NoData => tr(lang, "暂无数据", "No data yet"),
    }
}

/// A number a figure can carry, named for the indicator's kind.
pub fn datum_name(d: Datum, ind: &Indicator, lang: Lang) -> &'static str {
    match d {
        Datum::Value if ind.kind.is_flow() && ind.kind != Kind::Level => {
            tr(lang, "累计值", "the cumulative value")
        }
        Datum::Value => tr(lang, "该期水平", "the level"),
        Datum::Growth => tr(lang, "公布的累计增速", "the published growth to date"),
        Datum::Prev => tr(
            lang,
            "去年同期数",
            "the figure for the same period last year",
        ),
    }
}

/// Why a target cannot be judged yet: what the latest figure has and what it lacks.
pub fn unjudged_text(u: &Unjudged, ind: &Indicator, lang: Lang) -> String {
    let goal = ind
        .targets
        .get(u.target)
        .map(|t| goal_text(&t.goal, &ind.unit, lang))
        .unwrap_or_default();
    let names = |ds: &[Datum], joiner: &str| {
        ds.iter()
            .map(|d| datum_name(*d, ind, lang))
            .collect::<Vec<_>>()
            .join(joiner)
    };
    let has = names(&u.has, tr(lang, "、", ", "));
    let missing = names(&u.missing, tr(lang, "或", " or "));
    let either = if u.missing.len() > 1 {
        tr(lang, "（任一即可）", " (either will do)")
    } else {
        ""
    };
    match lang {
        Lang::Zh => format!(
            "目标 {goal}：{}已录入{has}，还需{missing}{either}才能判断",
            u.as_of.label(lang)
        ),
        Lang::En => format!(
            "Target {goal}: {} has {has}; to judge it, add {missing}{either}",
            u.as_of.label(lang)
        ),
    }
}

/// The period a judgement is as of: "截至1-6月" / "as of Jan–Jun".
pub fn as_of_text(j: &Judgement, lang: Lang) -> String {
    format!("{}{}", tr(lang, "截至", "as of "), j.as_of.label(lang))
}

/// A kind of target.
pub fn kind_name(k: Kind, lang: Lang) -> &'static str {
    match k {
        Kind::Growth => tr(lang, "增速", "Growth rate"),
        Kind::Total => tr(lang, "全年总量", "Annual total"),
        Kind::Count => tr(lang, "数量", "Count"),
        Kind::Level => tr(lang, "时点水平", "Level"),
        Kind::Ceiling => tr(lang, "上限", "Ceiling"),
        Kind::Floor => tr(lang, "下限", "Floor"),
        Kind::Range => tr(lang, "区间", "Range"),
    }
}

/// How firmly the report commits, as it says it: "确保" / "firm (确保)", "力争" / "aspirational
/// (力争)". The English keeps the report's word: show it through `ui::marked`.
pub fn firmness_name(f: Firmness, lang: Lang) -> &'static str {
    match f {
        Firmness::Firm => tr(lang, "确保", "firm (确保)"),
        Firmness::Aspirational => tr(lang, "力争", "aspirational (力争)"),
        Firmness::Plain => "",
    }
}

/// A growth target as each language states it: "增长8%" / "growth of 8%", "下降5%" / "a fall of 5%".
fn growth_goal(rate: f64, lang: Lang) -> String {
    match (lang, rate < 0.0) {
        (Lang::Zh, false) => format!("增长{}", format::percent(rate)),
        (Lang::Zh, true) => format!("下降{}", format::percent(-rate)),
        (Lang::En, false) => format!("growth of {}", format::percent(rate)),
        (Lang::En, true) => format!("a fall of {}", format::percent(-rate)),
    }
}

/// A target as the report sets it, in the indicator's unit.
pub fn goal_text(goal: &Goal, unit: &Text, lang: Lang) -> String {
    match *goal {
        Goal::Growth { rate } => growth_goal(rate, lang),
        Goal::Total { value } | Goal::Count { value } | Goal::Level { value } => {
            format::quantity(value, unit, lang)
        }
        Goal::Ceiling { value } => format!("≤ {}", format::quantity(value, unit, lang)),
        Goal::Floor { value } => format!("≥ {}", format::quantity(value, unit, lang)),
        Goal::Range { min, max } => format::range(min, max, unit, lang),
    }
}

/// All targets of an indicator, with firmness: "增长16%（确保）" / "growth of 16%, firm (确保)".
/// The English keeps the report's word: show it through `ui::marked`.
pub fn targets_text(ind: &Indicator, lang: Lang) -> String {
    ind.targets
        .iter()
        .map(|t| {
            let f = firmness_name(t.firmness, lang);
            let g = goal_text(&t.goal, &ind.unit, lang);
            match (f.is_empty(), lang) {
                (true, _) => g,
                (false, Lang::Zh) => format!("{g}（{f}）"),
                (false, Lang::En) => format!("{g}, {f}"),
            }
        })
        .collect::<Vec<_>>()
        .join(tr(lang, "；", "; "))
}

/// The 2022 result in words.
pub fn base_text(ind: &Indicator, lang: Lang) -> String {
    let Some(b) = &ind.base else {
        return "—".into();
    };
    let mut parts = Vec::new();
    if let Some(v) = b.value {
        let bound = match b.bound {
            Some(crate::model::dataset::Bound::AtLeast) => tr(lang, "≥ ", "≥ "),
            Some(crate::model::dataset::Bound::AtMost) => tr(lang, "≤ ", "≤ "),
            None => "",
        };
        parts.push(format!("{bound}{}", format::quantity(v, &ind.unit, lang)));
    }
    if let Some(g) = b.growth {
        parts.push(match lang {
            Lang::Zh => format!("增长{}", format::percent(g)).replace("增长−", "下降"),
            Lang::En => format!("{} on 2021", format::growth(g)),
        });
    }
    parts.join(tr(lang, "，", ", "))
}

/// One line describing a judgement, in the indicator's unit.
pub fn measure_text(m: &Measure, unit: &Text, lang: Lang) -> String {
    let q = |x: f64| format::quantity(x, unit, lang);
    match *m {
        Measure::Growth {
            to_date,
            source,
            target,
            gap_pp,
        } => {
            let computed = source == crate::model::progress::GrowthSource::Computed;
            let src = match (lang, computed) {
                (Lang::Zh, true) => "由总量推算",
                (Lang::Zh, false) => "公布",
                (Lang::En, true) => "computed from levels",
                (Lang::En, false) => "published",
            };
            let (g, t) = (format::growth(to_date), format::growth(target));
            let gap = format::points(gap_pp, lang);
            match lang {
                Lang::Zh => format!("累计增长 {g}（{src}），目标 {t}，差距 {gap}"),
                Lang::En => format!("growth to date {g} ({src}), target {t}, gap {gap}"),
            }
        }
        Measure::Completion {
            done,
            target,
            rate_pct,
            elapsed_pct,
            gap_pp,
            seasonal_expected,
        } => {
            let (d, t) = (q(done), q(target));
            let (r, pace, e) = (
                format::percent(rate_pct),
                pace_term(lang),
                format::percent(elapsed_pct),
            );
            let gap = format::points(gap_pp, lang);
            let mut s = match lang {
                Lang::Zh => format!("累计完成 {d} / {t}，完成率 {r}，{pace} {e}，差距 {gap}"),
                Lang::En => format!("{d} done of {t} ({r} complete), {pace} {e}, gap {gap}"),
            };
            if let Some(e) = seasonal_expected {
                s.push_str(&match lang {
                    Lang::Zh => format!("；按去年同期季节进度应完成 {}", q(e)),
                    Lang::En => format!("; {} expected on last year's seasonal profile", q(e)),
                });
            }
            s
        }
        Measure::Level {
            latest,
            target,
            gap,
        } => match lang {
            Lang::Zh => format!(
                "最新 {}，目标 {}，差 {}",
                q(latest),
                q(target),
                format::signed_quantity(gap, unit, lang)
            ),
            Lang::En => format!(
                "latest {}, target {}, difference {}",
                q(latest),
                q(target),
                format::signed_quantity(gap, unit, lang)
            ),
        },
    }
}

/// The projection, with its method stated.
pub fn projection_text(a: &Assessment, ind: &Indicator, lang: Lang) -> Option<String> {
    let p = a.projection?;
    let value = format::quantity(p.value, &ind.unit, lang);
    Some(match lang {
        Lang::Zh => {
            let method = match p.method {
                ProjectionMethod::PaceHolds => "按目前进度（累计 ÷ 序时进度）",
                ProjectionMethod::SeasonalProfile => "按去年季节分布（累计 × 去年全年 ÷ 去年同期）",
                ProjectionMethod::GrowthHolds => "按目前增速（2022年 × (1 + 累计增速)）",
            };
            format!("全年预计 {value}，{method}")
        }
        Lang::En => {
            let method = match p.method {
                ProjectionMethod::PaceHolds => {
                    "if the pace to date holds (cumulative ÷ time-elapsed pace)"
                }
                ProjectionMethod::SeasonalProfile => "on last year's seasonal profile (cumulative × last year's total ÷ last year's same period)",
                ProjectionMethod::GrowthHolds => {
                    "if growth to date holds (2022 × (1 + growth to date))"
                }
            };
            format!("Year-end projection: {value}, {method}.")
        }
    })
}

/// What the rest of the year needs, in the indicator's unit.
pub fn needed_text(a: &Assessment, ind: &Indicator, lang: Lang) -> Option<String> {
    let q = |x: f64| format::quantity(x, &ind.unit, lang);
    Some(match (a.needed?, lang) {
        (Needed::Growth { rate }, Lang::Zh) => {
            format!("余下月份需同比增长 {}", format::growth(rate))
        }
        (Needed::Growth { rate }, Lang::En) => {
            format!(
                "The rest of the year needs growth of {}.",
                format::growth(rate)
            )
        }
        (
            Needed::Amount {
                remaining,
                per_month,
                per_month_so_far,
            },
            Lang::Zh,
        ) => format!(
            "尚需完成 {}，每月 {}（此前每月 {}）",
            q(remaining),
            q(per_month),
            q(per_month_so_far)
        ),
        (
            Needed::Amount {
                remaining,
                per_month,
                per_month_so_far,
            },
            Lang::En,
        ) => format!(
            "Still to do: {}, or {} a month (so far {} a month).",
            q(remaining),
            q(per_month),
            q(per_month_so_far)
        ),
    })
}

/// A warning in words, values in the indicator's unit.
pub fn warning_text(w: &Warning, unit: &Text, lang: Lang) -> String {
    let q = |x: f64| format::quantity(x, unit, lang);
    match (w, lang) {
        (
            Warning::CumulativeDecrease {
                period,
                value,
                before,
            },
            Lang::Zh,
        ) => format!(
            "{}：累计数 {} 低于上期的 {}",
            period.label(lang),
            q(*value),
            q(*before)
        ),
        (
            Warning::CumulativeDecrease {
                period,
                value,
                before,
            },
            Lang::En,
        ) => format!(
            "{}: the cumulative figure, {}, is lower than the period before ({}).",
            period.label(lang),
            q(*value),
            q(*before)
        ),
        (Warning::NotAQuarter { period }, Lang::Zh) => {
            format!("{}：该指标按季度发布，此月份不是季末", period.label(lang))
        }
        (Warning::NotAQuarter { period }, Lang::En) => format!(
            "{}: this indicator is released quarterly, and the month does not close a quarter.",
            period.label(lang)
        ),
        (
            Warning::GrowthContradictsLevels {
                period,
                published,
                computed,
            },
            Lang::Zh,
        ) => format!(
            "{}：公布增速 {}，由总量推算为 {}（地区生产总值增速按可比价，差异可能来自价格因素）",
            period.label(lang),
            format::growth(*published),
            format::growth(*computed)
        ),
        (
            Warning::GrowthContradictsLevels {
                period,
                published,
                computed,
            },
            Lang::En,
        ) => format!(
            "{}: published growth {}, while the levels give {} (GDP growth is at constant prices; price changes can explain a gap).",
            period.label(lang),
            format::growth(*published),
            format::growth(*computed)
        ),
    }
}

/// A figure in one line, its value with the unit and its growth: "38.3967 亿元 / +7.6%".
pub fn figure_brief(f: &crate::model::figures::Figure, unit: &Text, lang: Lang) -> String {
    [
        f.value.map(|v| format::exact_quantity(v, unit, lang)),
        f.growth.map(format::growth),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" / ")
}
