//! The overview: status summary, the main targets' growth chart and a card per main target.

use super::chart_figure::{period_line, source_line, ChartFigure};
use super::judged::use_judged;
use super::state::use_store;
use super::text::{
    as_of_text, base_text, measure_text, punct, status_name, targets_text, tr, unjudged_text,
};
use crate::chart::{Caption, Chart, GrowthBar, GrowthLegend, GrowthSpec};
use crate::model::dataset::Dataset;
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
                all.summary(data.indicators.iter().filter(|i| i.has_target())),
            )];
            for s in data.sections.iter().filter(|s| s.id != "review") {
                let sum = all.summary(data.in_section(&s.id).filter(|i| i.has_target()));
                if sum.total() > 0 {
                    rows.push((super::section_label(s, l), sum));
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
        <p class="lede">{move || tr(lang.get(),
            "新源县2023年政府工作报告设定的目标、2022年实绩和今年以来的进度。录入统计部门发布的累计数后，按序时进度判断状态。",
            "The targets set by Xinyuan County's 2023 Government Work Report, the 2022 results, and progress this year. Enter the cumulative figures released by the statistics office; status is judged against time elapsed.")}</p>
        <section aria-labelledby="summary-h">
            <h2 id="summary-h">{move || tr(lang.get(), "状态汇总", "Status summary")}</h2>
            <div class="table-wrap">
            <table class="summary" data-testid="summary">
                <thead><tr>
                    <th scope="col">{move || tr(lang.get(), "部分", "Section")}</th>
                    {move || Status::ALL.iter().map(|s| view! { <th scope="col"><span class=format!("dot {}", s.id())></span>{status_name(*s, lang.get())}</th> }).collect_view()}
                    <th scope="col">{move || tr(lang.get(), "合计", "Total")}</th>
                </tr></thead>
                <tbody>
                    {move || summary_rows().into_iter().map(|(name, sum)| view! {
                        <tr>
                            <th scope="row">{name}</th>
                            {Status::ALL.iter().map(|s| view! { <td>{sum.count(*s)}</td> }).collect_view()}
                            <td>{sum.total()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        </section>
        <section aria-labelledby="growth-h">
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
        </section>
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
                                format!("{} {:.1}%, {} {:.1}%", tr(l, "完成率", "completion"), rate_pct, tr(l, "序时进度", "time elapsed"), elapsed_pct),
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
                                punct(format!("{}：{}", as_of_text(j, l), measure_text(&j.measure, i.unit.get(l), l)), l)
                            })
                            .or_else(|| a.unjudged.first().map(|u| unjudged_text(u, i, l)));
                        view! {
                            <li class=format!("card {}", a.status.id())>
                                <h3><a href=Route::Indicator(i.id.clone()).href()>{super::marked(i.name.get(l).to_string(), l)}</a></h3>
                                <dl>
                                    <dt>{tr(l, "2022年", "2022")}</dt><dd>{base_text(i, l)}</dd>
                                    <dt>{tr(l, "2023年目标", "2023 target")}</dt><dd>{targets_text(i, l)}</dd>
                                    <dt>{tr(l, "最新数据", "Latest")}</dt><dd>{latest}</dd>
                                </dl>
                                {bar.map(|(rate, elapsed, label)| view! {
                                    <div class="progress" role="img" aria-label=label>
                                        <div class="fill" style:width=format!("{:.1}%", rate.clamp(0.0, 100.0))></div>
                                        <div class="pace" style:left=format!("{:.1}%", elapsed.clamp(0.0, 100.0))></div>
                                    </div>
                                })}
                                <p class="status" data-status=a.status.id()><span class=format!("dot {}", a.status.id())></span>{status_name(a.status, l)}</p>
                                {detail.map(|d| view! { <p class="detail">{d}</p> })}
                            </li>
                        }
                    }).collect_view())
                }}
            </ul>
        </section>
    }
}
