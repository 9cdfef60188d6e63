//! Interface words in both languages, kept beside each other.

use crate::model::dataset::{Firmness, Goal, Indicator, Kind};
use crate::model::format;
use crate::model::progress::{
    Assessment, Datum, Judgement, Measure, Needed, ProjectionMethod, Status, Unjudged, Warning,
};
use crate::model::Lang;

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
        .map(|t| goal_text(&t.goal, ind.unit.get(lang), lang))
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

/// 确保 / 力争.
pub fn firmness_name(f: Firmness, lang: Lang) -> &'static str {
    match f {
        Firmness::Firm => tr(lang, "确保", "firm"),
        Firmness::Aspirational => tr(lang, "力争", "aspirational"),
        Firmness::Plain => "",
    }
}

/// A target as the report sets it, in the indicator's unit.
pub fn goal_text(goal: &Goal, unit: &str, lang: Lang) -> String {
    match *goal {
        Goal::Growth { rate } => format!("{} {}", tr(lang, "增长", "growth"), format::growth(rate)),
        Goal::Total { value } | Goal::Count { value } | Goal::Level { value } => {
            format::with_unit(value, unit)
        }
        Goal::Ceiling { value } => format!("≤ {}", format::with_unit(value, unit)),
        Goal::Floor { value } => format!("≥ {}", format::with_unit(value, unit)),
        Goal::Range { min, max } => format!(
            "{}–{}",
            format::number(min, 2),
            format::with_unit(max, unit)
        ),
    }
}

/// All targets of an indicator, with firmness.
pub fn targets_text(ind: &Indicator, lang: Lang) -> String {
    let unit = ind.unit.get(lang);
    ind.targets
        .iter()
        .map(|t| {
            let f = firmness_name(t.firmness, lang);
            let g = goal_text(&t.goal, unit, lang);
            if f.is_empty() {
                g
            } else {
                punct(format!("{g}（{f}）"), lang)
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
    let unit = ind.unit.get(lang);
    let mut parts = Vec::new();
    if let Some(v) = b.value {
        let bound = match b.bound {
            Some(crate::model::dataset::Bound::AtLeast) => tr(lang, "≥ ", "≥ "),
            Some(crate::model::dataset::Bound::AtMost) => tr(lang, "≤ ", "≤ "),
            None => "",
        };
        parts.push(format!("{bound}{}", format::with_unit(v, unit)));
    }
    if let Some(g) = b.growth {
        parts.push(format::growth(g));
    }
    parts.join(tr(lang, "，", ", "))
}

/// One line describing a judgement.
pub fn measure_text(m: &Measure, unit: &str, lang: Lang) -> String {
    punct(measure_text_zh_punct(m, unit, lang), lang)
}

fn measure_text_zh_punct(m: &Measure, unit: &str, lang: Lang) -> String {
    match *m {
        Measure::Growth {
            to_date,
            source,
            target,
            gap_pp,
        } => {
            let src = match source {
                crate::model::progress::GrowthSource::Published => tr(lang, "公布", "published"),
                crate::model::progress::GrowthSource::Computed => {
                    tr(lang, "由总量推算", "computed from levels")
                }
            };
            format!(
                "{} {}（{src}），{} {}，{} {}",
                tr(lang, "累计增长", "Growth to date"),
                format::growth(to_date),
                tr(lang, "目标", "target"),
                format::growth(target),
                tr(lang, "差距", "gap"),
                format::points(gap_pp, lang)
            )
        }
        Measure::Completion {
            done,
            target,
            rate_pct,
            elapsed_pct,
            gap_pp,
            seasonal_expected,
        } => {
            let mut s = format!(
                "{} {} / {}，{} {}，{} {}，{} {}",
                tr(lang, "累计完成", "Done"),
                format::number(done, 2),
                format::with_unit(target, unit),
                tr(lang, "完成率", "completion"),
                format::percent(rate_pct),
                tr(lang, "序时进度", "time elapsed"),
                format::percent(elapsed_pct),
                tr(lang, "差距", "gap"),
                format::points(gap_pp, lang)
            );
            if let Some(e) = seasonal_expected {
                s.push_str(&format!(
                    "；{} {}",
                    tr(
                        lang,
                        "按去年同期季节进度应完成",
                        "expected on last year's seasonal profile"
                    ),
                    format::with_unit(e, unit)
                ));
            }
            s
        }
        Measure::Level {
            latest,
            target,
            gap,
        } => format!(
            "{} {}，{} {}，{} {}",
            tr(lang, "最新", "Latest"),
            format::with_unit(latest, unit),
            tr(lang, "目标", "target"),
            format::with_unit(target, unit),
            tr(lang, "差", "difference"),
            format::number(gap, 2)
        ),
    }
}

/// The projection, with its method stated.
pub fn projection_text(a: &Assessment, ind: &Indicator, lang: Lang) -> Option<String> {
    let p = a.projection?;
    let method = match p.method {
        ProjectionMethod::PaceHolds => tr(lang, "按目前进度（累计 ÷ 序时进度）", "if the pace to date holds (cumulative ÷ time elapsed)"),
        ProjectionMethod::SeasonalProfile => tr(lang, "按去年季节分布（累计 × 去年全年 ÷ 去年同期）", "on last year's seasonal profile (cumulative × last year's total ÷ last year's same period)"),
        ProjectionMethod::GrowthHolds => tr(lang, "按目前增速（2022年 × (1 + 累计增速)）", "if growth to date holds (2022 × (1 + growth to date))"),
    };
    Some(punct(
        format!(
            "{} {}，{method}",
            tr(lang, "全年预计", "Year-end projection"),
            format::with_unit(p.value, ind.unit.get(lang))
        ),
        lang,
    ))
}

/// What the rest of the year needs.
pub fn needed_text(a: &Assessment, ind: &Indicator, lang: Lang) -> Option<String> {
    Some(punct(needed_text_zh_punct(a, ind, lang)?, lang))
}

fn needed_text_zh_punct(a: &Assessment, ind: &Indicator, lang: Lang) -> Option<String> {
    Some(match a.needed? {
        Needed::Growth { rate } => format!(
            "{} {}",
            tr(
                lang,
                "余下月份需同比增长",
                "The rest of the year needs growth of"
            ),
            format::growth(rate)
        ),
        Needed::Amount {
            remaining,
            per_month,
            per_month_so_far,
        } => format!(
            "{} {}，{} {}（{} {}）",
            tr(lang, "尚需完成", "Still to do"),
            format::with_unit(remaining, ind.unit.get(lang)),
            tr(lang, "每月", "per month"),
            format::number(per_month, 2),
            tr(lang, "此前每月", "so far per month"),
            format::number(per_month_so_far, 2)
        ),
    })
}

/// A warning in words.
pub fn warning_text(w: &Warning, lang: Lang) -> String {
    punct(warning_text_zh_punct(w, lang), lang)
}

fn warning_text_zh_punct(w: &Warning, lang: Lang) -> String {
    match w {
        Warning::CumulativeDecrease {
            period,
            value,
            before,
        } => format!(
            "{}：{} {} {} {}",
            period.label(lang),
            tr(lang, "累计数", "cumulative figure"),
            format::number(*value, 2),
            tr(lang, "低于上期的", "is lower than the period before,"),
            format::number(*before, 2)
        ),
        Warning::NotAQuarter { period } => format!(
            "{}：{}",
            period.label(lang),
            tr(
                lang,
                "该指标按季度发布，此月份不是季末",
                "this indicator is released quarterly; the month does not close a quarter"
            )
        ),
        Warning::GrowthContradictsLevels {
            period,
            published,
            computed,
        } => format!(
            "{}：{} {}，{} {}{}",
            period.label(lang),
            tr(lang, "公布增速", "published growth"),
            format::growth(*published),
            tr(lang, "由总量推算为", "the levels give"),
            format::growth(*computed),
            tr(
                lang,
                "（地区生产总值增速按可比价，差异可能来自价格因素）",
                " (GDP growth is at constant prices; price changes can explain a gap)"
            )
        ),
    }
}
