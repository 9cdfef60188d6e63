//! A grid to enter one statistics release: one period, many indicators, saved together.

use super::state::{use_store, Health};
use super::text::tr;
use crate::model::dataset::{Dataset, Indicator};
use crate::model::figures::{Figure, Period};
use crate::model::number::{self, Field};
use crate::model::saved::Op;
use crate::model::Lang;
use leptos::prelude::*;
use std::collections::HashMap;

use crate::model::figures::filed_period as period_for;

/// What a row's confirmation of a scale warning is tied to: the period and the value's text.
fn confirm_key(period: Period, value: &str) -> String {
    format!("{period}\u{1f}{value}")
}

/// What a row shows as the user types: how each number will be read (when a unit, magnitude or
/// word was typed) and the scale warning on its value, if any.
fn row_notes(
    ind: &Indicator,
    period: Period,
    value: &str,
    growth: &str,
    lang: Lang,
) -> (Vec<String>, Option<String>) {
    let field = Field::Value { unit: &ind.unit.zh };
    let parsed_value = number::parse(value, field).ok();
    let hints = [
        parsed_value
            .as_ref()
            .and_then(|p| p.read_as(Some(&ind.unit), lang)),
        number::parse(growth, Field::Growth)
            .ok()
            .and_then(|p| p.read_as(None, lang)),
    ]
    .into_iter()
    .flatten()
    .collect();
    let warning = parsed_value
        .and_then(|p| number::scale_check(&p, ind, period))
        .map(|w| w.message(lang));
    (hints, warning)
}

/// The cell of a row a message is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cell {
    Value,
    Growth,
}

/// Reads one row: `Ok(None)` when left empty. A value far from the report's scale is refused
/// with its warning unless the user `confirmed` it. An error names the cell that is wrong.
fn read_row(
    ind: &Indicator,
    period: Period,
    value: &str,
    growth: &str,
    confirmed: bool,
    lang: Lang,
) -> Result<Option<Figure>, (Cell, String)> {
    let field = Field::Value { unit: &ind.unit.zh };
    let read = |t: &str, f: Field<'_>, cell: Cell| {
        if t.trim().is_empty() {
            Ok(None)
        } else {
            number::parse(t, f)
                .map(Some)
                .map_err(|e| (cell, e.message(lang)))
        }
    };
    let parsed_value = read(value, field, Cell::Value)?;
    if !confirmed
        && parsed_value
            .as_ref()
            .is_some_and(|p| number::scale_check(p, ind, period).is_some())
    {
        return Err((
            Cell::Value,
            tr(
                lang,
                "数值与报告中的量级相差很大（见提示）；核对无误请勾选“已核对”。",
                "The value is far from the scale of the report's figures (see the message); if it is right, tick “Checked”.",
            )
            .to_string(),
        ));
    }
    let v = parsed_value.map(|p| p.value);
    let g = if ind.takes_growth() {
        read(growth, Field::Growth, Cell::Growth)?.map(|p| p.value)
    } else {
        None
    };
    Ok((v.is_some() || g.is_some()).then(|| Figure {
        value: v,
        growth: g,
        ..Figure::empty(period)
    }))
}

/// The choice of the section list that shows every indicator a release can hold.
const ALL: &str = "all";

/// The rows of the grid: the indicators with a target of a section, or, for [`ALL`], of every
/// section that have a figure at the end of month `m` (quarterly ones only at a quarter's end).
fn grid_rows(data: &'static Dataset, section: &str, m: u8) -> Vec<&'static Indicator> {
    data.indicators
        .iter()
        .filter(|i| i.has_target())
        .filter(|i| match section {
            ALL => period_for(i, m).is_some(),
            s => i.section == s,
        })
        .collect()
}

/// The grid page.
#[component]
pub fn GridPage() -> impl IntoView {
    let store = use_store();
    let lang = store.lang;
    let data = Dataset::embedded();
    // The release after the latest one entered.
    let next = store
        .entries
        .with_untracked(|e| e.latest_month())
        .map_or(1, |m| (m + 1).min(12));
    let month = RwSignal::new(next);
    let section = RwSignal::new(ALL.to_string());
    let texts = RwSignal::new(HashMap::<String, (String, String)>::new());
    let errors = RwSignal::new(HashMap::<String, (Cell, String)>::new());
    // Rows whose scale warning the user confirmed: id → the period and value text confirmed.
    let confirmed = RwSignal::new(HashMap::<String, String>::new());
    let saved_msg = RwSignal::new(None::<String>);
    let rows = move || grid_rows(data, &section.get(), month.get());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let l = lang.get_untracked();
        let m = month.get_untracked();
        let t = texts.get_untracked();
        let conf = confirmed.get_untracked();
        let mut ops = Vec::new();
        let mut errs = HashMap::new();
        for ind in grid_rows(data, &section.get_untracked(), m) {
            let (Some(period), Some((v, g))) = (period_for(ind, m), t.get(&ind.id)) else {
                continue;
            };
            let ok = conf.get(&ind.id) == Some(&confirm_key(period, v));
            match read_row(ind, period, v, g, ok, l) {
                // Only the numbers typed change: the figure's note, source and last year's
                // same-period figure stay, and so does a value when only a growth is typed.
                Ok(Some(figure)) => ops.push(Op::Update {
                    id: ind.id.clone(),
                    period: figure.period,
                    value: figure.value,
                    growth: figure.growth,
                    source: None,
                }),
                Ok(None) => {}
                Err(e) => {
                    errs.insert(ind.id.clone(), e);
                }
            }
        }
        if !errs.is_empty() {
            errors.set(errs);
            saved_msg.set(Some(
                tr(
                    l,
                    "有数字无法识别或需要核对，均未保存；请按提示修改或勾选“已核对”。",
                    "Some numbers could not be read or need checking, so nothing was saved; see the messages.",
                )
                .into(),
            ));
            return;
        }
        errors.set(HashMap::new());
        let n = ops.len();
        if n > 0 {
            store.commit(Op::Batch(ops));
            texts.set(HashMap::new());
        }
        let saved = store.health.with_untracked(|h| *h == Health::Saving);
        saved_msg.set(Some(match (l, saved) {
            (Lang::Zh, true) => format!("已保存 {n} 个数据。"),
            (Lang::Zh, false) => format!("已录入 {n} 个数据，但尚未保存，见页面顶部的提示。"),
            (Lang::En, true) => format!(
                "{} saved.",
                crate::model::format::count(n, "figure", "figures")
            ),
            (Lang::En, false) => format!(
                "{} entered but not saved; see the message at the top of the page.",
                crate::model::format::count(n, "figure", "figures")
            ),
        }));
    };
    view! {
        <h1>{move || tr(lang.get(), "批量录入", "Enter a release")}</h1>
        <p class="lede">{move || tr(lang.get(),
            "统计部门的一期发布涉及许多指标：可以粘贴发布全文，由系统识别后核对保存；也可以选择时期和部分，逐项填写累计值或累计增速。每次保存都可一次撤销。按季度发布的指标只在3、6、9、12月可填。",
            "A statistics release covers many indicators: paste its text to have them read and check them before saving, or choose the period and a section and fill in cumulative values or growth rates by hand. Each save is undone at once. Quarterly indicators take figures in March, June, September and December only.")}</p>
        <super::paste::PasteRelease/>
        <h2>{move || tr(lang.get(), "逐项填写", "Fill in by hand")}</h2>
        <form class="grid-entry" on:submit=save novalidate>
            <div class="filters">
                <label>{move || tr(lang.get(), "时期", "Period")}
                    <select name="month" on:change=move |ev| { if let Ok(m) = event_target_value(&ev).parse() { month.set(m); } }>
                        {(1..=12u8).map(|m| view! { <option value=m.to_string() selected=move || month.get() == m>{move || Period::Month(m).label(lang.get())}</option> }).collect_view()}
                    </select>
                </label>
                <label>{move || tr(lang.get(), "部分", "Section")}
                    <select name="section" on:change=move |ev| { section.set(event_target_value(&ev)); errors.set(HashMap::new()); }>
                        <option value=ALL selected=move || section.get() == ALL>{move || tr(lang.get(), "本期可发布的全部指标", "Every indicator of this release")}</option>
                        {data.sections.iter().filter(|s| data.in_section(&s.id).any(Indicator::has_target)).map(|s| {
                            let id = s.id.clone();
                            let id2 = s.id.clone();
                            view! { <option value=id selected=move || section.get() == id2>{move || super::section_label(s, lang.get())}</option> }
                        }).collect_view()}
                    </select>
                </label>
            </div>
            <div class="table-wrap">
            <table class="stack">
                <thead><tr>
                    <th scope="col">{move || tr(lang.get(), "指标", "Indicator")}</th>
                    <th scope="col" id="gh-value">{move || tr(lang.get(), "累计值或水平", "Cumulative value or level")}</th>
                    <th scope="col" id="gh-growth">{move || tr(lang.get(), "累计增速（%）", "Growth to date (%)")}</th>
                    <th scope="col">{move || tr(lang.get(), "已录入", "Entered")}</th>
                </tr></thead>
                <tbody>
                    {move || {
                        let l = lang.get();
                        let m = month.get();
                        let entries = store.entries.get();
                        rows().into_iter().map(|ind| {
                            let id = ind.id.clone();
                            let period = period_for(ind, m);
                            let existing = period.and_then(|p| entries.of(&id).iter().find(|f| f.period == p).cloned());
                            let (id_v, id_g, id_g2) = (id.clone(), id.clone(), id.clone());
                            let id_s = StoredValue::new(id.clone());
                            let error_in = move |cell: Cell| {
                                errors.with(|e| id_s.with_value(|id| e.get(id).filter(|(c, _)| *c == cell).map(|(_, m)| m.clone())))
                            };
                            let name = super::text::punct(format!("{}（{}）", ind.name.get(l), ind.unit.get(l)), l);
                            let name = super::text::punct(name, l);
                            let entered = existing.is_some();
                            view! {
                                <tr class:entered=entered>
                                    <th scope="row" id=format!("g-{}", ind.id)>{super::marked(name.clone(), l)}{entered.then(|| view! { <span class="entered-mark">{tr(l, "（本期已录入）", " (entered for this period)")}</span> })}</th>
                                    {match period {
                                        None => view! { <td colspan="2" data-label="">{tr(l, "按季度发布", "Released quarterly")}</td> }.into_any(),
                                        Some(_) => view! {
                                            <td data-label=tr(l, "累计值或水平", "Cumulative value or level")><input type="text" inputmode="decimal" aria-labelledby=format!("g-{} gh-value", ind.id)
                                                class:invalid=move || error_in(Cell::Value).is_some()
                                                aria-invalid=move || error_in(Cell::Value).is_some().then_some("true")
                                                prop:value=move || texts.with(|t| t.get(&id_v).map(|x| x.0.clone()).unwrap_or_default())
                                                on:input=move |ev| { let v = event_target_value(&ev); texts.update(|t| t.entry(id.clone()).or_default().0 = v); }/>
                                                {move || error_in(Cell::Value).map(|e| view! { <p class="msg error">{super::marked(e, l)}</p> })}
                                                {let id = id_g2.clone(); move || {
                                                    let p = period?;
                                                    let (v, g) = texts.with(|t| t.get(&id).cloned()).unwrap_or_default();
                                                    let (hints, warning) = row_notes(ind, p, &v, &g, l);
                                                    let key = confirm_key(p, &v);
                                                    let checked = confirmed.with(|c| c.get(&id) == Some(&key));
                                                    let id = id.clone();
                                                    Some(view! {
                                                        {hints.into_iter().map(|h| view! { <p class="msg">{super::marked(h, l)}</p> }).collect_view()}
                                                        {warning.map(|w| view! {
                                                            <p class="msg warning" role="alert">{super::marked(w, l)}</p>
                                                            <label class="confirm"><input type="checkbox" prop:checked=checked
                                                                on:change=move |ev| { let on = event_target_checked(&ev); let key = key.clone(); confirmed.update(|c| { if on { c.insert(id.clone(), key); } else { c.remove(&id); } }); }/>
                                                                {tr(l, "已核对：数值和单位无误", "Checked: the value and its unit are right")}</label>
                                                        })}
                                                    })
                                                }}
                                            </td>
                                            {if ind.takes_growth() { view! {
                                            <td data-label=tr(l, "累计增速（%）", "Growth to date (%)")><input type="text" inputmode="decimal" aria-labelledby=format!("g-{} gh-growth", ind.id)
                                                class:invalid=move || error_in(Cell::Growth).is_some()
                                                aria-invalid=move || error_in(Cell::Growth).is_some().then_some("true")
                                                prop:value=move || texts.with(|t| t.get(&id_g).map(|x| x.1.clone()).unwrap_or_default())
                                                on:input={ let id = id_g2.clone(); move |ev| { let v = event_target_value(&ev); texts.update(|t| t.entry(id.clone()).or_default().1 = v); } }/>
                                                {move || error_in(Cell::Growth).map(|e| view! { <p class="msg error">{super::marked(e, l)}</p> })}
                                            </td> }.into_any() } else { view! {
                                            <td class="no-growth" data-label=tr(l, "累计增速（%）", "Growth to date (%)")>{tr(l, "不适用（比率指标）", "not applicable (a rate)")}</td> }.into_any() }}
                                        }.into_any(),
                                    }}
                                    <td data-label=tr(l, "已录入", "Entered")>{existing.map(|f| super::text::figure_brief(&f, &ind.unit, l)).unwrap_or_else(|| "—".into())}</td>
                                </tr>
                            }
                        }).collect_view()
                    }}
                </tbody>
            </table>
            </div>
            <button type="submit">{move || tr(lang.get(), "全部保存", "Save all")}</button>
            {move || saved_msg.get().map(|m| view! { <p role="status">{m}</p> })}
        </form>
    }
}
