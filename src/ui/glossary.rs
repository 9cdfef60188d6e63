//! The glossary: the one name of each idea in each language, and how status is judged.

use leptos::prelude::*;

use super::state::use_store;
use super::text::{kind_name, pace_term, status_name, tr};
use crate::model::dataset::Kind;
use crate::model::format;
use crate::model::progress::{Status, AHEAD, FAR_BEHIND};
use crate::model::route::Route;
use crate::model::Lang;
use crate::web;

/// Where the explanation of the status scale is: `#/glossary#status`.
pub fn status_href() -> String {
    format!("{}#status", Route::Glossary.href())
}

/// A small "?" after a status, leading to how status is judged.
pub fn status_help(l: Lang) -> impl IntoView {
    let label = tr(l, "状态如何判断", "How status is judged");
    view! { <a class="help" href=status_href() aria-label=label title=label>"?"</a> }
}

/// What a status means, with the thresholds of `progress`.
fn status_rule(s: Status, l: Lang) -> String {
    let ahead = format::number(AHEAD, 2);
    let far = format::number(FAR_BEHIND, 2);
    match (s, l) {
        (Status::Achieved, Lang::Zh) => "全年目标已经达到（累计数达到总量目标，或全年增速达到目标增速）。".into(),
        (Status::Achieved, Lang::En) => "The year's target is met: the cumulative figure has reached the total, or the full-year growth has reached the target rate.".into(),
        (Status::Ahead, Lang::Zh) => format!("R ≥ {ahead}：明显快于{}。", pace_term(l)),
        (Status::Ahead, Lang::En) => format!("R ≥ {ahead}: clearly faster than the {}.", pace_term(l)),
        (Status::OnPace, Lang::Zh) => format!("1 ≤ R < {ahead}：达到{}。", pace_term(l)),
        (Status::OnPace, Lang::En) => format!("1 ≤ R < {ahead}: keeping up with the {}.", pace_term(l)),
        (Status::Behind, Lang::Zh) => format!("{far} ≤ R < 1：低于{}。", pace_term(l)),
        (Status::Behind, Lang::En) => format!("{far} ≤ R < 1: short of the {}.", pace_term(l)),
        (Status::FarBehind, Lang::Zh) => format!("R < {far}：远低于{}（{far} 是加拿大统计局判断“进展有限”的界线，联合国可持续发展目标数据平台也采用）。", pace_term(l)),
        (Status::FarBehind, Lang::En) => format!("R < {far}: far short of the {} ({far} is Statistics Canada's threshold for limited progress, used by the Open SDG platform).", pace_term(l)),
        (Status::NotJudged, Lang::Zh) => "已录入数据，但没有一期数据含有判断该目标所需的数（例如增速目标只录入了累计值，没有公布增速或去年同期数）。指标页会说明已有什么、还缺什么。".into(),
        (Status::NotJudged, Lang::En) => "Figures are entered, but none carries what the target needs (for a growth target, a cumulative value without the published growth or last year's figure for the same period). The indicator's page says what it has and what is missing.".into(),
        (Status::NoData, Lang::Zh) => "还没有录入数据。".into(),
        (Status::NoData, Lang::En) => "No figure has been entered yet.".into(),
    }
}

/// How a kind of target is judged: what R is.
fn kind_rule(k: Kind, l: Lang) -> &'static str {
    match k {
        Kind::Growth => tr(l, "R = 累计增速 ÷ 目标增速（优先用公布的累计增速；没有时由累计值和去年同期数推算并注明）。目标为下降时反过来算。", "R = growth to date ÷ target rate (the published growth to date first; computed from the cumulative value and last year's same period only when it is missing, and then marked as computed). A target to cut is the mirror image."),
        Kind::Total => tr(l, "R = 完成率 ÷ 序时进度；差距为完成率减序时进度的百分点。", "R = completion ÷ time-elapsed pace; the gap is completion minus the time-elapsed pace, in percentage points."),
        Kind::Count => tr(l, "要建成或完成的数量，按全年总量判断。", "A number of things to build or do, judged as an annual total."),
        Kind::Level => tr(l, "R = 较2022年的进展 ÷ 按序时应有的进展；目标不高于2022年时为保持水平，按 最新 ÷ 目标 判断。", "R = progress from the 2022 level ÷ progress due by now; a target at or below the 2022 level is a level to hold, judged as latest ÷ target."),
        Kind::Ceiling => tr(l, "R = 上限 ÷ 最新值；全年不超过上限即完成。", "R = cap ÷ latest; met when the year-end figure is within the cap."),
        Kind::Floor => tr(l, "R = 最新值 ÷ 下限；全年不低于下限即完成。", "R = latest ÷ floor; met when the year-end figure is at or above the floor."),
        Kind::Range => tr(l, "按全年总量判断，以区间下限为目标。", "Judged as an annual total against the low end."),
    }
}

/// The glossary page, `#/glossary`.
#[component]
pub fn GlossaryPage() -> impl IntoView {
    let lang = use_store().lang;
    // A link to a part (`#/glossary#status`) scrolls to it once the page is drawn.
    Effect::new(move |_| {
        if !super::staged::placed() {
            return;
        }
        let hash = web::hash();
        if let Some((_, part)) = hash.trim_start_matches('#').split_once('#') {
            web::focus(part);
        }
    });
    move || {
        let l = lang.get();
        let m = |s: String| super::marked(s, l);
        view! {
            <h1>{tr(l, "术语与判断方法", "Glossary and how status is judged")}</h1>
            <p class="lede">{m(tr(l,
                "本页列出本站使用的术语（每个概念只用一个名称），并说明各项目标的状态如何判断。",
                "The terms this tracker uses, one name for each idea, and how the status of each target is judged.").into())}</p>
            <section class="glossary" aria-labelledby="pace">
                <h2 id="pace" tabindex="-1">{m(tr(l, "序时进度", "Time-elapsed pace (序时进度)").into())}</h2>
                <p>{m(tr(l,
                    "到某期为止全年时间已过去的比例：1-N月为 N/12，第Q季度末为 Q/4。统计部门用它衡量全年总量目标的完成是否跟上时间：1-6月累计完成全年目标的50%，即达到序时进度。",
                    "The share of the year elapsed by a period: N/12 for January to month N, Q/4 at the end of quarter Q. Statistics offices judge an annual total against it: half the target done by the end of June is on pace.").into())}</p>
            </section>
            <section class="glossary" aria-labelledby="status">
                <h2 id="status" tabindex="-1">{tr(l, "状态如何判断", "How status is judged")}</h2>
                <p>{m(tr(l,
                    "每个目标都化为一个进度比 R：实际进展 ÷ 按序时进度应有的进展（各类目标的 R 见下）。一个指标有两个目标时，两个都判断，以已判断中较差的为准。每个目标按含有其所需数字的最新一期判断，并注明截至哪一期。",
                    "Every target is reduced to a pace ratio R: progress made ÷ progress due by the time-elapsed pace (R for each kind of target is below). Where an indicator has two targets, both are judged and the worse of those judged counts. Each target is judged on the latest figure that carries what it needs, and the page says which period that is.").into())}</p>
                <dl class="terms">
                    {Status::ALL.iter().map(|s| view! {
                        <dt><span class=format!("dot {}", s.id())></span>{status_name(*s, l)}
                            {(l == Lang::En).then(|| view! { " (" <span lang="zh-CN">{status_name(*s, Lang::Zh)}</span> ")" })}</dt>
                        <dd>{m(status_rule(*s, l))}</dd>
                    }).collect_view()}
                </dl>
            </section>
            <section class="glossary" aria-labelledby="kinds">
                <h2 id="kinds" tabindex="-1">{tr(l, "目标的类型", "Kinds of target")}</h2>
                <dl class="terms">
                    {[Kind::Growth, Kind::Total, Kind::Count, Kind::Level, Kind::Range, Kind::Floor, Kind::Ceiling].into_iter().map(|k| view! {
                        <dt>{kind_name(k, l)}
                            {(l == Lang::En).then(|| view! { " (" <span lang="zh-CN">{kind_name(k, Lang::Zh)}</span> ")" })}</dt>
                        <dd>{m(kind_rule(k, l).into())}</dd>
                    }).collect_view()}
                </dl>
            </section>
            <section class="glossary" aria-labelledby="firmness">
                <h2 id="firmness" tabindex="-1">{tr(l, "确保与力争", "Firm and aspirational targets")}</h2>
                <dl class="terms">
                    <dt>{m(super::text::firmness_name(crate::model::dataset::Firmness::Firm, l).into())}</dt>
                    <dd>{m(tr(l, "报告用“确保”设定的目标：必须完成。", "The report sets the target with 确保, “ensure”: it must be met.").into())}</dd>
                    <dt>{m(super::text::firmness_name(crate::model::dataset::Firmness::Aspirational, l).into())}</dt>
                    <dd>{m(tr(l, "报告用“力争”“争取”或“力促”设定的目标：努力争取。", "The report sets the target with 力争, 争取 or 力促, “strive for”.").into())}</dd>
                </dl>
                <p>{tr(l, "两者的判断方法相同；页面照报告的用词注明。", "Both are judged the same way; the pages show the report's word.")}</p>
            </section>
            <section class="glossary" aria-labelledby="projection">
                <h2 id="projection" tabindex="-1">{tr(l, "全年预计与尚需完成", "Year-end projection and what is still needed")}</h2>
                <dl class="terms">
                    <dt>{tr(l, "按目前进度", "If the pace to date holds")}</dt>
                    <dd>{m(tr(l, "全年预计 = 累计 ÷ 序时进度。", "Projection = cumulative ÷ time-elapsed pace.").into())}</dd>
                    <dt>{tr(l, "按去年季节分布", "On last year's seasonal profile")}</dt>
                    <dd>{tr(l, "录入去年同期数时：全年预计 = 累计 × 去年全年 ÷ 去年同期。", "When last year's figure for the same period is entered: projection = cumulative × last year's total ÷ last year's same period.")}</dd>
                    <dt>{tr(l, "按目前增速", "If growth to date holds")}</dt>
                    <dd>{tr(l, "增速目标：全年预计 = 2022年 × (1 + 累计增速)。", "For a growth target: projection = 2022 × (1 + growth to date).")}</dd>
                    <dt>{tr(l, "尚需完成", "Still to do")}</dt>
                    <dd>{m(tr(l, "目标减去累计，以及余下每月平均需完成多少；增速目标则为余下月份需要的同比增速 (T − C) / (A − C去年同期) − 1。达到目标后不再显示。", "The target minus the cumulative figure, and what each remaining month needs on average; for a growth target, the growth the rest of the year needs, (T − C) / (A − C last year) − 1. Shown only until the target is reached.").into())}</dd>
                </dl>
            </section>
            <section class="glossary" aria-labelledby="terms">
                <h2 id="terms" tabindex="-1">{tr(l, "其他用语", "Other terms")}</h2>
                <dl class="terms">
                    <dt>{tr(l, "累计", "Cumulative")}</dt>
                    <dd>{tr(l, "从1月到该期的合计，统计部门按此发布（1-N月累计）。", "The total from January to the period, as statistics offices release it.")}</dd>
                    <dt>{tr(l, "累计增速", "Growth to date")}</dt>
                    <dd>{tr(l, "累计数比去年同期增长的百分比。", "The cumulative figure's growth over the same period last year, in percent.")}</dd>
                    <dt>{tr(l, "完成率", "Completion")}</dt>
                    <dd>{tr(l, "累计数 ÷ 全年目标。", "The cumulative figure ÷ the year's target.")}</dd>
                    <dt>{tr(l, "个百分点", "pp (percentage points)")}</dt>
                    <dd>{tr(l, "两个百分比之差。", "The difference between two percentages.")}</dd>
                </dl>
            </section>
        }
    }
}
