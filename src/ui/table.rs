//! Every indicator in one table (search and section filter), and the page of one section.

use super::chart_figure::ChartFigure;
use super::judged::use_judged;
use super::staged::Later;
use super::state::use_store;
use super::text::{base_text, kind_name, status_name, targets_text, tr};
use crate::chart::{Caption, Chart, Compare};
use crate::model::dataset::{Dataset, Indicator, Quotes};
use crate::model::progress::{Assessment, Measure, Status};
use crate::model::route::Route;
use crate::model::{format, Lang};
use crate::web;
use leptos::prelude::*;

fn matches(ind: &Indicator, q: &str) -> bool {
    let q = q.trim().to_lowercase();
    q.is_empty()
        || [&ind.id, &ind.name.zh, &ind.name.en, &ind.unit.zh]
            .iter()
            .any(|s| s.to_lowercase().contains(&q))
        || Quotes::of(&ind.id).is_some_and(|quotes| quotes.all().any(|quote| quote.contains(&q)))
}

/// The choices of the status filter: every status alone, and behind and far behind together.
fn status_choices() -> Vec<Vec<Status>> {
    let mut choices = vec![vec![Status::Behind, Status::FarBehind]];
    choices.extend(Status::ALL.iter().map(|s| vec![*s]));
    choices
}

/// The name of a status filter's choice.
fn status_choice_name(choice: &[Status], l: Lang) -> String {
    match choice {
        [s] => status_name(*s, l).to_string(),
        _ => choice
            .iter()
            .map(|s| status_name(*s, l))
            .collect::<Vec<_>>()
            .join(tr(l, "或", " or ")),
    }
}

/// The value of a status filter's choice in the form: its ids, comma-separated.
fn status_choice_value(choice: &[Status]) -> String {
    choice.iter().map(|s| s.id()).collect::<Vec<_>>().join(",")
}

/// The "all indicators" view.
#[component]
pub fn AllIndicators(query: String, section: Option<String>, status: Vec<Status>) -> impl IntoView {
    let store = use_store();
    let lang = store.lang;
    let judged = use_judged();
    let data = Dataset::embedded();
    let q = query.clone();
    let sec = section.clone();
    let wanted = status.clone();
    let rows = move || {
        judged.0.with(|all| {
            data.sections
                .iter()
                .filter(|s| sec.as_deref().is_none_or(|x| x == s.id))
                .map(|s| {
                    (
                        s,
                        data.in_section(&s.id)
                            .filter(|i| matches(i, &q))
                            .filter(|i| {
                                wanted.is_empty()
                                    || (i.has_target() && wanted.contains(&all.status(&i.id)))
                            })
                            .collect::<Vec<_>>(),
                    )
                })
                .filter(|(_, list)| !list.is_empty())
                .collect::<Vec<_>>()
        })
    };
    let count = {
        let rows = rows.clone();
        move || rows().iter().map(|(_, l)| l.len()).sum::<usize>()
    };
    let empty = count.clone();
    let section_for_search = section.clone();
    let query_for_filter = query.clone();
    let (status_for_search, status_for_section) = (status.clone(), status.clone());
    let (query_for_status, section_for_status) = (query.clone(), section.clone());
    let chosen = status_choice_value(&status);
    view! {
        <h1>{move || tr(lang.get(), "全部指标", "All indicators")}</h1>
        <form class="filters" role="search" on:submit=|ev| ev.prevent_default()>
            <label>
                {move || tr(lang.get(), "搜索", "Search")}
                <input type="search" prop:value=query.clone()
                    on:change=move |ev| web::set_hash(&Route::All { query: event_target_value(&ev), section: section_for_search.clone(), status: status_for_search.clone() }.href())/>
            </label>
            <label>
                {move || tr(lang.get(), "部分", "Section")}
                <select on:change=move |ev| {
                    let v = event_target_value(&ev);
                    web::set_hash(&Route::All { query: query_for_filter.clone(), section: (!v.is_empty()).then_some(v), status: status_for_section.clone() }.href());
                }>
                    <option value="">{move || tr(lang.get(), "全部", "All")}</option>
                    {data.sections.iter().map(|s| {
                        let s2 = s.clone();
                        view! { <option value=s.id.clone() selected=section.as_deref() == Some(s.id.as_str())>{move || super::section_label(&s2, lang.get())}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label>
                {move || tr(lang.get(), "状态", "Status")}
                <select name="status" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    let status = Status::ALL.into_iter().filter(|s| v.split(',').any(|x| x == s.id())).collect();
                    web::set_hash(&Route::All { query: query_for_status.clone(), section: section_for_status.clone(), status }.href());
                }>
                    <option value="">{move || tr(lang.get(), "全部", "All")}</option>
                    {status_choices().into_iter().map(|c| {
                        let value = status_choice_value(&c);
                        let selected = value == chosen;
                        view! { <option value=value selected=selected>{move || status_choice_name(&c, lang.get())}</option> }
                    }).collect_view()}
                </select>
            </label>
            <p class="count" role="status">{move || {
                let (n, l) = (count(), lang.get());
                match l {
                    Lang::Zh => format!("{n} 个指标"),
                    Lang::En if n == 1 => "1 indicator".into(),
                    Lang::En => format!("{n} indicators"),
                }
            }}</p>
        </form>
        {move || (empty() == 0).then(|| view! { <p>{tr(lang.get(), "没有符合条件的指标。", "No indicator matches.")}</p> })}
        {move || rows().into_iter().map(|(s, list)| view! {
            <section>
                <h2><a href=Route::Section(s.id.clone()).href()>{super::section_label(s, lang.get())}</a></h2>
                <IndicatorTable list=list/>
            </section>
        }).collect_view()}
    }
}

/// The columns of the indicators table after the name, in both languages.
const COLUMNS: [(&str, &str); 8] = [
    ("单位", "Unit"),
    ("2022年", "2022"),
    ("2023年目标", "2023 target"),
    ("推算目标水平", "Implied level"),
    ("最新数据", "Latest figure"),
    ("类型", "Kind"),
    ("状态", "Status"),
    ("说明与原文", "Notes and source"),
];

/// A table of indicators with their report figures and status.
#[component]
pub fn IndicatorTable(list: Vec<&'static Indicator>) -> impl IntoView {
    let store = use_store();
    let lang = store.lang;
    let judged = use_judged();
    move || {
        let l = lang.get();
        // On a narrow screen each row is a card, each cell labelled with its column's name.
        let label = move |k: usize| COLUMNS.get(k).map_or("", |(zh, en)| tr(l, zh, en));
        view! {
            <div class="table-wrap">
            <table class="indicators stack">
                <thead><tr>
                    <th scope="col">{tr(l, "指标", "Indicator")}</th>
                    {COLUMNS.iter().map(|(zh, en)| view! { <th scope="col">{tr(l, zh, en)}</th> }).collect_view()}
                </tr></thead>
                <tbody>
                    {list.iter().map(|&i| {
                        let st = judged.0.with(|all| all.status(&i.id));
                        let status = if i.has_target() { status_name(st, l) } else { tr(l, "仅2022年", "2022 only") };
                        // Read here, not in the row: the row is built untracked (see `Later`).
                        let latest = store.entries.with(|e| latest_text(i, e.of(&i.id), l));
                        view! { <Later>
                            <tr id=format!("row-{}", i.id)>
                                <th scope="row"><a href=Route::Indicator(i.id.clone()).href()>{super::marked(i.name.get(l).to_string(), l)}</a></th>
                                <td data-label=label(0)>{i.unit.get(l).to_string()}</td>
                                <td data-label=label(1)>{base_text(i, l)}</td>
                                <td data-label=label(2)>{if i.has_target() { super::marked(targets_text(i, l), l) } else { "—".into_any() }}</td>
                                <td data-label=label(3)>{super::marked(implied(i, l), l)}</td>
                                <td data-label=label(4)>{latest}</td>
                                <td data-label=label(5)>{kind_name(i.kind, l)}</td>
                                <td data-label=label(6) class=format!("status {}", if i.has_target() { st.id() } else { "none" }) data-status=if i.has_target() { st.id() } else { "none" }>{status}{i.has_target().then(|| super::glossary::status_help(l))}</td>
                                <td data-label=label(7)><Quotes ind=i/></td>
                            </tr>
                        </Later> }
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        }
    }
}

/// The latest figure entered, in the indicator's unit: "1-9月：655.3万人次，+12%".
fn latest_text(i: &Indicator, figures: &[crate::model::figures::Figure], l: Lang) -> String {
    let Some(f) = figures.last() else {
        return "—".into();
    };
    let numbers: Vec<String> = [
        f.value.map(|v| format::quantity(v, &i.unit, l)),
        f.growth.map(format::growth),
    ]
    .into_iter()
    .flatten()
    .collect();
    format!(
        "{}{}{}",
        f.period.label(l),
        tr(l, "：", ": "),
        numbers.join(tr(l, "，", ", "))
    )
}

/// The level a growth target implies, with its caveat where the notes call it not comparable.
fn implied(i: &Indicator, l: Lang) -> String {
    match (i.implied_level(), i.implied_base()) {
        (Some(v), _) => match &i.level_caveat {
            None => format::quantity(v, &i.unit, l),
            Some(c) => format!(
                "{}{}{}",
                format::quantity(v, &i.unit, l),
                tr(l, "（仅供参考：", " (only indicative: "),
                super::text::punct(format!("{}）", c.get(l).trim_end_matches(['。', '.'])), l)
            ),
        },
        (None, Some(b)) => format!(
            "{} {}",
            tr(l, "2022年约", "2022 ≈"),
            format::quantity(b, &i.unit, l)
        ),
        _ => "—".into(),
    }
}

/// The report's sentences and the notes of an indicator, on demand.
#[component]
pub fn Quotes(ind: &'static Indicator) -> impl IntoView {
    let lang = use_store().lang;
    move || {
        let l = lang.get();
        let quotes = Quotes::of(&ind.id)
            .map(Quotes::distinct)
            .unwrap_or_default();
        view! {
            <details>
                <summary>{tr(l, "原文", "Report text")}{if ind.notes.is_empty() { String::new() } else { format!(" · {} {}", ind.notes.len(), if ind.notes.len() == 1 { tr(l, "条说明", "note") } else { tr(l, "条说明", "notes") }) }}</summary>
                {quotes.into_iter().map(|q| view! { <blockquote lang="zh-CN">{q}</blockquote> }).collect_view()}
                {ind.notes.iter().map(|n| view! { <p class="note">{super::marked(n.get(l).to_string(), l)}</p> }).collect_view()}
            </details>
        }
    }
}

/// The page of one section of the report.
#[component]
pub fn SectionPage(id: String) -> impl IntoView {
    let lang = use_store().lang;
    let data = Dataset::embedded();
    match data.section(&id) {
        None => view! { <h1>{move || tr(lang.get(), "没有这个部分", "No such section")}</h1> <p><a href="#/">{move || tr(lang.get(), "返回总览", "Back to the overview")}</a></p> }.into_any(),
        Some(s) => {
            let list: Vec<&'static Indicator> = data.in_section(&s.id).collect();
            let empty = list.is_empty();
            view! {
                <h1>{move || super::section_label(s, lang.get())}</h1>
                <p class="lede">{move || s.name.get(lang.get()).to_string()}</p>
                {if empty {
                    view! { <p>{move || tr(lang.get(), "报告在这一部分没有设定量化目标。", "The report sets no numeric target in this section.")}</p> }.into_any()
                } else {
                    view! { <h2>{move || tr(lang.get(), "2022年、2023年目标与今年进度", "2022, the 2023 target and progress")}</h2> <Multiples list=list.clone()/> <h2>{move || tr(lang.get(), "指标表", "Table")}</h2> <IndicatorTable list=list/> }.into_any()
                }}
            }
            .into_any()
        }
    }
}

/// Whether an indicator is charted as growth rates (it has a growth target and no absolute one).
fn growth_mode(ind: &Indicator) -> bool {
    ind.growth_target().is_some() && ind.absolute_target().is_none()
}

/// The small chart of one indicator: growth rates for a growth target, else levels in its unit.
fn compare_for(
    ind: &Indicator,
    figures: &[crate::model::figures::Figure],
    a: Option<&Assessment>,
    l: Lang,
) -> Option<Compare> {
    use crate::model::dataset::Goal;
    if let (Some(g), true) = (ind.growth_target(), growth_mode(ind)) {
        let to_date = a.and_then(|a| {
            a.judgements.iter().find_map(|j| match j.measure {
                Measure::Growth { to_date, .. } => Some(to_date),
                _ => None,
            })
        });
        return Some(Compare {
            bars: vec![
                (
                    tr(l, "2022年增速", "2022 growth").into(),
                    ind.base.as_ref().and_then(|b| b.growth),
                ),
                (tr(l, "目标增速", "Target").into(), Some(g)),
                (tr(l, "累计增速", "To date").into(), to_date),
            ],
            target: Some(1),
        });
    }
    let target = ind.absolute_target().or_else(|| {
        ind.targets.iter().find_map(|t| match t.goal {
            Goal::Level { value } | Goal::Floor { value } | Goal::Ceiling { value } => Some(value),
            _ => None,
        })
    })?;
    let latest = figures.iter().rev().find_map(|f| f.value);
    Some(Compare {
        bars: vec![
            (tr(l, "2022年", "2022").into(), ind.base_value()),
            (tr(l, "2023年目标", "2023 target").into(), Some(target)),
            (
                if ind.kind.is_flow() {
                    tr(l, "累计", "To date")
                } else {
                    tr(l, "最新", "Latest")
                }
                .into(),
                latest,
            ),
        ],
        target: Some(1),
    })
}

/// Small multiples: one chart per indicator, each in its own unit.
#[component]
fn Multiples(list: Vec<&'static Indicator>) -> impl IntoView {
    let store = use_store();
    let lang = store.lang;
    let judged = use_judged();
    move || {
        let l = lang.get();
        view! {
            <ul class="multiples">
                {list.iter().filter_map(|&ind| {
                    let (spec, status) = judged.with(&ind.id, |a| {
                        let spec = store.entries.with(|e| compare_for(ind, e.of(&ind.id), a, l))?;
                        Some((spec, a.map_or(Status::NoData, |a| a.status)))
                    })?;
                    let unit = if growth_mode(ind) { "%".to_string() } else { ind.unit.get(l).to_string() };
                    let shown = |x: f64| if growth_mode(ind) { format::growth(x) } else { format::quantity(x, &ind.unit, l) };
                    let alt = spec.bars.iter().map(|(k, v)| format!("{k} {}", v.map(shown).unwrap_or_else(|| "—".into()))).collect::<Vec<_>>().join(", ");
                    Some(view! { <Later>
                        <li>
                            <h3><a href=Route::Indicator(ind.id.clone()).href()>{super::marked(ind.name.get(l).to_string(), l)}</a></h3>
                            <p class="unit">{unit}</p>
                            <ChartFigure chart=Chart::Compare(spec) caption=Caption::default() alt=alt name=ind.id.clone() downloads=false/>
                            <p class=format!("status {}", status.id()) data-status=status.id()><span class=format!("dot {}", status.id())></span>{status_name(status, l)}{super::glossary::status_help(l)}</p>
                        </li>
                    </Later> })
                }).collect_view()}
            </ul>
        }
    }
}
