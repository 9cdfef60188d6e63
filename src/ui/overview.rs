//! The overview: status summary, the main targets' growth chart and a card per main target.

use super::chart_figure::{period_line, source_line, ChartFigure};
use super::judged::use_judged;
use super::staged::Later;
use super::state::use_store;
use super::text::{
    as_of_text, base_text, measure_text, punct, status_name, targets_text, tr, unjudged_text,
};
use crate::chart::{Caption, Chart, GrowthBar, GrowthLegend, GrowthSpec};
use crate::model::dataset::Dataset;
use crate::model::lagging::lagging;
use crate::model::progress::{Assessment, Measure, Status};
use crate::model::route::Route;
use leptos::prelude::*;

/// The overview page.
#[component]
pub fn Overview() -> impl IntoView {
    let store = use_store();
    let lang = store.lang;
    let data = Dataset::embedded();
    let judged = use_judged();
    let summary_rows = move || {
        let l = lang.get();
        judged.0.with(|all| {
            let mut rows = vec![(
                tr(l, "全部", "All").to_string(),
                None,
                all.summary(data.indicators.iter().filter(|i| i.has_target())),
            )];
            for s in data.sections.iter().filter(|s| s.id != "review") {
                let sum = all.summary(data.in_section(&s.id).filter(|i| i.has_target()));
                if sum.total() > 0 {
                    rows.push((super::section_label(s, l), Some(s.id.clone()), sum));
                }
            }
            rows
        })
    };
    let chart = move || {
        let l = lang.get();
        let mut latest = None;
        let mut sources = Vec::new();
        let bars: Vec<GrowthBar> = data
            .in_section("main")
            .filter_map(|i| {
                let target = i.growth_target()?;
                let (actual, status, as_of) = judged
                    .with(&i.id, |a| {
                        let a = a?;
                        let to_date = a.judgements.iter().find_map(|j| match j.measure {
                            Measure::Growth { to_date, .. } => Some((to_date, j.as_of)),
                            _ => None,
                        });
                        Some((to_date.map(|t| t.0), a.status, to_date.map(|t| t.1)))
                    })
                    .unwrap_or((None, Status::NoData, None));
                if let Some(p) = as_of {
                    latest = latest.max(Some(p.end_month()));
                }
                store.entries.with(|e| {
                    sources.extend(e.of(&i.id).iter().map(|f| f.source.clone()));
                });
                Some(GrowthBar {
                    label: i.short_name(l).to_string(),
                    base: i.base.as_ref().and_then(|b| b.growth),
                    target,
                    actual,
                    status: (status != Status::NoData)
                        .then(|| (status, status_name(status, l).to_string())),
                })
            })
            .collect();
        let legend = GrowthLegend {
            base: tr(l, "2022年增速", "2022 growth").into(),
            target: tr(l, "2023年目标", "2023 target").into(),
            actual: tr(l, "2023年累计增速", "2023 growth to date").into(),
        };
        let caption = Caption {
            title: tr(
                l,
                "新源县2023年主要预期目标：增速",
                "Xinyuan County 2023 main targets: growth",
            )
            .into(),
            period: period_line(latest.map(crate::model::figures::Period::Month), l),
            source: source_line(&sources, l),
        };
        (
            Chart::Growth(GrowthSpec {
                bars: bars.clone(),
                legend,
            }),
            caption,
            bars,
        )
    };
    view! {
        <h1>{move || tr(lang.get(), "2023年目标进度总览", "2023 targets at a glance")}</h1>
        <p class="lede">{move || super::marked(tr(lang.get(),
            "新源县2023年政府工作报告设定的目标、2022年实绩和今年以来的进度。录入统计部门发布的累计数后，按序时进度判断状态。",
            "The targets set by Xinyuan County's 2023 Government Work Report, the 2022 results, and progress this year. Enter the cumulative figures released by the statistics office; status is judged against the time-elapsed pace (序时进度).").to_string(), lang.get())}</p>
        <Later><Lagging/></Later>
        <Later><section aria-labelledby="summary-h">
            <h2 id="summary-h">{move || tr(lang.get(), "状态汇总", "Status summary")}{move || super::glossary::status_help(lang.get())}</h2>
            <div class="table-wrap">
            <table class="summary" data-testid="summary">
                <thead><tr>
                    <th scope="col">{move || tr(lang.get(), "部分", "Section")}</th>
                    {move || Status::ALL.iter().map(|s| view! { <th scope="col"><span class=format!("dot {}", s.id())></span>{status_name(*s, lang.get())}</th> }).collect_view()}
                    <th scope="col">{move || tr(lang.get(), "合计", "Total")}</th>
                </tr></thead>
                <tbody>
                    {move || summary_rows().into_iter().map(|(name, section, sum)| view! {
                        <tr>
                            <th scope="row">{name}</th>
                            // Each count leads to its indicators: the list filtered by status and section.
                            {Status::ALL.iter().map(|s| {
                                let n = sum.count(*s);
                                let href = Route::All { query: String::new(), section: section.clone(), status: vec![*s] }.href();
                                view! { <td>{if n > 0 { view! { <a href=href>{n}</a> }.into_any() } else { n.into_any() }}</td> }
                            }).collect_view()}
                            <td>{sum.total()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        </section></Later>
        <Later><section aria-labelledby="growth-h">
            <h2 id="growth-h">{move || tr(lang.get(), "主要预期目标：增速", "Main targets: growth")}</h2>
            {move || {
                let (chart, caption, bars) = chart();
                let l = lang.get();
                let alt = tr(l, "柱状图：各主要指标的2022年增速、2023年目标增速和2023年累计增速，数值见右表。", "Bar chart of each main indicator's 2022 growth, 2023 target growth and 2023 growth to date; the numbers are in the table beside it.");
                view! {
                    <div class="chart-and-table">
                        <ChartFigure chart=chart caption=caption alt=alt.to_string() name="xinyuan-2023-main-targets-growth".to_string()/>
                        <div class="table-wrap">
                        <table>
                            <thead><tr>
                                <th scope="col">{tr(l, "指标", "Indicator")}</th>
                                <th scope="col">{tr(l, "2022年", "2022")}</th>
                                <th scope="col">{tr(l, "目标", "Target")}</th>
                                <th scope="col">{tr(l, "累计", "To date")}</th>
                            </tr></thead>
                            <tbody>{bars.into_iter().map(|b| view! {
                                <tr><th scope="row">{b.label}</th>
                                <td>{b.base.map(crate::model::format::growth).unwrap_or_else(|| "—".into())}</td>
                                <td>{crate::model::format::growth(b.target)}</td>
                                <td>{b.actual.map(crate::model::format::growth).unwrap_or_else(|| "—".into())}</td></tr>
                            }).collect_view()}</tbody>
                        </table>
                        </div>
                    </div>
                }
            }}
        </section></Later>
        <section aria-labelledby="cards-h">
            <h2 id="cards-h">{move || tr(lang.get(), "主要预期目标", "Main expected targets")}</h2>
            <ul class="cards">
                {move || {
                    let l = lang.get();
                    judged.0.with(|all| data.in_section("main").map(|i| {
                        let no_data = Assessment::default();
                        let a = all.get(&i.id).unwrap_or(&no_data);
                        // The binding judgement's bar: completion against 序时进度, or growth to date
                        // against the target rate (both scaled so that the larger fits).
                        let shown = a.binding.or((!a.judgements.is_empty()).then_some(0)).map(|k| a.judgements[k].measure);
                        let bar = match shown {
                            Some(Measure::Completion { rate_pct, elapsed_pct, .. }) => Some((
                                rate_pct,
                                elapsed_pct,
                                format!("{} {:.1}%, {} {:.1}%", tr(l, "完成率", "completion"), rate_pct, super::text::pace_term(l), elapsed_pct),
                            )),
                            Some(Measure::Growth { to_date, target, .. }) if target > 0.0 => {
                                let scale = to_date.max(target) * 1.25 / 100.0;
                                Some((
                                    to_date / scale,
                                    target / scale,
                                    format!("{} {:.1}%, {} {:.1}%", tr(l, "累计增长", "growth to date"), to_date, tr(l, "目标", "target"), target),
                                ))
                            }
                            _ => None,
                        };
                        let latest = a.latest.map(|p| p.label(l)).unwrap_or_else(|| "—".into());
                        let detail = a.binding.or(if a.judgements.is_empty() { None } else { Some(0) })
                            .map(|k| {
                                let j = &a.judgements[k];
                                punct(format!("{}：{}", as_of_text(j, l), measure_text(&j.measure, &i.unit, l)), l)
                            })
                            .or_else(|| a.unjudged.first().map(|u| unjudged_text(u, i, l)));
                        let status = a.status;
                        view! { <Later>
                            <li class=format!("card {}", status.id())>
                                <h3><a href=Route::Indicator(i.id.clone()).href()>{super::marked(i.name.get(l).to_string(), l)}</a></h3>
                                <dl>
                                    <dt>{tr(l, "2022年", "2022")}</dt><dd>{base_text(i, l)}</dd>
                                    <dt>{tr(l, "2023年目标", "2023 target")}</dt><dd>{super::marked(targets_text(i, l), l)}</dd>
                                    <dt>{tr(l, "最新数据", "Latest")}</dt><dd>{latest}</dd>
                                </dl>
                                {bar.map(|(rate, elapsed, label)| view! {
                                    // Lengths as SVG attributes, not inline styles: the page's policy
                                    // allows no style attribute, and the first view is markup.
                                    <svg class="progress" role="img" aria-label=label>
                                        <rect class="track" y="4" width="100%" height="12" rx="6"></rect>
                                        <rect class="fill" y="4" width=format!("{:.1}%", rate.clamp(0.0, 100.0)) height="12" rx="6"></rect>
                                        <rect class="pace" x=format!("{:.1}%", elapsed.clamp(0.0, 100.0)) width="3" height="20"></rect>
                                    </svg>
                                })}
                                <p class="status" data-status=status.id()><span class=format!("dot {}", status.id())></span>{status_name(status, l)}{super::glossary::status_help(l)}</p>
                                {detail.map(|d| view! { <p class="detail">{d}</p> })}
                            </li>
                        </Later> }
                    }).collect_view())
                }}
            </ul>
        </section>
        <Later><super::reach::PrintQr route=crate::model::route::Route::Overview/></Later>
    }
}

/// How many targets behind the overview lists before pointing to the full list.
const LAGGING_SHOWN: usize = 6;

/// What is behind: the targets behind or far behind, the largest shortfall first, each linking to
/// its page, so that a phone shows them before the summary and the chart.
#[component]
fn Lagging() -> impl IntoView {
    let store = use_store();
    let lang = store.lang;
    let data = Dataset::embedded();
    let judged = use_judged();
    let all_behind = Route::All {
        query: String::new(),
        section: None,
        status: vec![Status::Behind, Status::FarBehind],
    }
    .href();
    view! {
        <section class="lagging" aria-labelledby="lagging-h" data-testid="lagging">
            <h2 id="lagging-h">{move || tr(lang.get(), "落后于进度的目标", "Targets behind their pace")}</h2>
            {move || {
                let l = lang.get();
                judged.0.with(|all| {
                    let list = lagging(data, all);
                    if list.is_empty() {
                        let judged_any = data.indicators.iter().any(|i| all.status(&i.id).is_judged());
                        return view! { <p class="none">{if judged_any {
                            tr(l, "目前没有低于序时进度或严重滞后的目标。", "No target is behind or far behind its pace at the moment.")
                        } else {
                            tr(l, "尚无可判断的数据：录入数据后，这里先列出落后最多的目标。", "Nothing can be judged yet: once figures are entered, the targets furthest behind are listed here first.")
                        }}</p> }.into_any();
                    }
                    let n = list.len();
                    view! {
                        <ol>
                            {list.into_iter().take(LAGGING_SHOWN).map(|g| {
                                let i = g.indicator;
                                let detail = punct(format!("{}：{}", as_of_text(&g.judgement, l), measure_text(&g.judgement.measure, &i.unit, l)), l);
                                view! {
                                    <li class=format!("lag {}", g.status.id())>
                                        <a href=Route::Indicator(i.id.clone()).href()>{super::marked(i.name.get(l).to_string(), l)}</a>
                                        " "
                                        <span class=format!("status {}", g.status.id()) data-status=g.status.id()><span class=format!("dot {}", g.status.id())></span>{status_name(g.status, l)}</span>
                                        <span class="detail">{super::marked(detail, l)}</span>
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                        <p class="more"><a href=all_behind.clone()>{match l {
                            crate::model::Lang::Zh => format!("全部 {n} 个落后的指标"),
                            crate::model::Lang::En if n == 1 => "The one indicator behind, in the table".to_string(),
                            crate::model::Lang::En => format!("All {n} indicators behind, in the table"),
                        }}</a></p>
                    }.into_any()
                })
            }}
        </section>
    }
}
