//! One indicator: what the report says, progress, the chart, the figures entered and the form.

use super::chart_figure::{period_line, source_line, ChartFigure};
use super::judged::use_judged;
use super::staged::Later;
use super::state::use_store;
use super::table::Quotes;
use super::text::{
    as_of_text, base_text, kind_name, measure_text, needed_text, projection_text, status_name,
    targets_text, tr, unjudged_text, warning_text,
};
use crate::chart::{Caption, Chart, ProgressSpec, RateSpec};
use crate::model::dataset::{Dataset, Frequency, Indicator, Kind};
use crate::model::figures::{Figure, Period};
use crate::model::number::{self, Field};
use crate::model::progress::{Assessment, Status};
use crate::model::publish;
use crate::model::saved::Op;
use crate::model::{format, Lang};
use leptos::prelude::*;

/// The page of one indicator.
#[component]
pub fn IndicatorPage(id: String) -> impl IntoView {
    let lang = use_store().lang;
    match Dataset::embedded().indicator(&id) {
        None => view! {
            <h1>{move || tr(lang.get(), "没有这个指标", "No such indicator")}</h1>
            <p><a href="#/all">{move || tr(lang.get(), "查看全部指标", "See all indicators")}</a></p>
        }
        .into_any(),
        Some(ind) => view! { <Indicator ind=ind/> }.into_any(),
    }
}

#[component]
fn Indicator(ind: &'static Indicator) -> impl IntoView {
    let store = use_store();
    let lang = store.lang;
    let data = Dataset::embedded();
    let section = data.section(&ind.section);
    let judged = use_judged();
    let form = store.entries.with_untracked(|e| FormState::new(ind, e));
    view! {
        <p class="crumbs">{move || section.map(|s| view! { <a href=crate::model::route::Route::Section(s.id.clone()).href()>{super::section_label(s, lang.get())}</a> })}</p>
        <h1>{move || super::marked(ind.name.get(lang.get()).to_string(), lang.get())}</h1>
        <dl class="facts">
            <dt>{move || tr(lang.get(), "单位", "Unit")}</dt><dd>{move || ind.unit.get(lang.get()).to_string()}</dd>
            <dt>{move || tr(lang.get(), "2022年", "2022")}</dt><dd data-testid="base">{move || base_text(ind, lang.get())}</dd>
            <dt>{move || tr(lang.get(), "2023年目标", "2023 target")}</dt><dd data-testid="target">{move || if ind.has_target() { super::marked(targets_text(ind, lang.get()), lang.get()) } else { tr(lang.get(), "报告未设定", "none set").into_any() }}</dd>
            {move || ind.implied_level().map(|v| {
                let l = lang.get();
                view! {
                    <dt>{tr(l, "推算目标水平", "Implied 2023 level")}</dt>
                    <dd data-testid="implied-level">{format::quantity(v, &ind.unit, l)}{tr(l, "（2022年 × (1 + 目标增速)）", " (2022 × (1 + target growth))")}
                        {ind.level_caveat.as_ref().map(|c| view! { <p class="caveat" role="note"><strong>{tr(l, "仅供参考，不可直接比较：", "Only indicative, not directly comparable: ")}</strong>{super::marked(c.get(l).to_string(), l)}</p> })}
                    </dd>
                }
            })}
            <dt>{move || tr(lang.get(), "类型", "Kind")}</dt><dd>{move || kind_name(ind.kind, lang.get())}</dd>
            <dt>{move || tr(lang.get(), "发布频率", "Released")}</dt><dd>{move || frequency_name(ind.frequency, lang.get())}</dd>
        </dl>
        <Later><Quotes ind=ind/></Later>
        <Later>{move || ind.has_target().then(|| {
            let l = lang.get();
            let body = judged.with(&ind.id, |a| {
                let no_data = Assessment::default();
                let a = a.unwrap_or(&no_data);
                view! {
                    <p class=format!("status big {}", a.status.id()) data-testid="status" data-status=a.status.id()><span class=format!("dot {}", a.status.id())></span>{status_name(a.status, l)}{super::glossary::status_help(l)}
                        {a.latest.map(|p| format!(" · {} {}", tr(l, "最新数据", "latest figure"), p.label(l)))}</p>
                    <ul class="judgements">
                        {a.judgements.iter().enumerate().map(|(k, j)| view! {
                            <li data-testid="judgement" data-status=j.status.id()>
                                <span class=format!("dot {}", j.status.id())></span>{status_name(j.status, l)}{tr(l, "（", " (")}{as_of_text(j, l)}{tr(l, "）：", "): ")}
                                {measure_text(&j.measure, &ind.unit, l)}
                                {(a.binding == Some(k)).then(|| format!(" · {}", tr(l, "（起约束作用的目标）", "(the binding target)")))}
                            </li>
                        }).collect_view()}
                        {a.unjudged.iter().map(|u| view! {
                            <li data-testid="unjudged" data-status=Status::NotJudged.id()>
                                <span class=format!("dot {}", Status::NotJudged.id())></span>{status_name(Status::NotJudged, l)}{tr(l, "：", ": ")}
                                {unjudged_text(u, ind, l)}
                            </li>
                        }).collect_view()}
                    </ul>
                    {projection_text(a, ind, l).map(|t| view! { <p data-testid="projection">{t}</p> })}
                    {needed_text(a, ind, l).map(|t| view! { <p data-testid="needed">{t}</p> })}
                    {(!a.warnings.is_empty()).then(|| view! {
                        <ul class="warnings" role="note">{a.warnings.iter().map(|w| view! { <li>{warning_text(w, &ind.unit, l)}</li> }).collect_view()}</ul>
                    })}
                }
            });
            view! {
                <section aria-labelledby="progress-h">
                    <h2 id="progress-h">{tr(l, "进度", "Progress")}</h2>
                    {body}
                    <ProgressChart ind=ind/>
                </section>
            }
        })}</Later>
        <Later><Figures ind=ind form=form/></Later>
        <Later>{move || if store.reading() {
            // A reader of published (or shared) figures meets no form until they ask for one.
            (!store.shared.with(Option::is_some)).then(|| view! {
                <p class="actions"><super::reach::AddOwn/></p>
            }).into_any()
        } else {
            view! { <EntryForm ind=ind form=form/> }.into_any()
        }}</Later>
    }
}

fn frequency_name(f: Frequency, l: Lang) -> &'static str {
    match f {
        Frequency::Monthly => tr(l, "按月", "monthly"),
        Frequency::Quarterly => tr(l, "按季度", "quarterly"),
        Frequency::Annual => tr(l, "按年", "yearly"),
    }
}

#[component]
fn ProgressChart(ind: &'static Indicator) -> impl IntoView {
    let store = use_store();
    let lang = store.lang;
    let judged = use_judged();
    move || {
        let l = lang.get();
        let figs = store.entries.with(|e| e.of(&ind.id).to_vec());
        let months: Vec<String> = Period::all_months().map(|p| p.short_label(l)).collect();
        let (rate, latest) = judged.with(&ind.id, |a| {
            (
                crate::chart::judged_on_growth(ind, a),
                a.and_then(|a| a.latest),
            )
        });
        let sources: Vec<String> = figs.iter().map(|f| f.source.clone()).collect();
        let name = ind.name.get(l);
        let (chart, alt, title) = if let Some(target) = rate {
            let points = crate::chart::growth_points(ind, &figs);
            if points.is_empty() {
                return None;
            }
            let alt = format!(
                "{}{}{}{}{}",
                tr(
                    l,
                    "折线图，累计增速与目标增速",
                    "Line chart of growth to date against the target rate"
                ),
                tr(l, "（", " ("),
                format::growth(target),
                tr(l, "）：", "): "),
                points
                    .iter()
                    .map(|(m, g)| format!(
                        "{} {}",
                        Period::Month(*m).short_label(l),
                        format::growth(*g)
                    ))
                    .collect::<Vec<_>>()
                    .join(tr(l, "，", ", "))
            );
            let chart = Chart::Rate(RateSpec {
                points,
                target,
                labels: [
                    tr(l, "累计增速", "Growth to date").into(),
                    format!(
                        "{} {}",
                        tr(l, "目标增速", "Target rate"),
                        format::growth(target)
                    ),
                ],
                months,
            });
            (
                chart,
                alt,
                format!(
                    "{name}{}",
                    tr(l, "：累计增速与目标", ": growth to date against the target")
                ),
            )
        } else {
            let points: Vec<(u8, f64)> = figs
                .iter()
                .filter_map(|f| f.value.map(|v| (f.period.end_month(), v)))
                .collect();
            if points.is_empty() {
                return None;
            }
            let projection =
                judged.with(&ind.id, |a| a.and_then(|a| a.projection).map(|p| p.value));
            let target = ind
                .absolute_target()
                .or(ind.comparable_implied_level())
                .or_else(|| {
                    ind.targets.iter().find_map(|t| match t.goal {
                        crate::model::dataset::Goal::Level { value }
                        | crate::model::dataset::Goal::Floor { value }
                        | crate::model::dataset::Goal::Ceiling { value } => Some(value),
                        _ => None,
                    })
                });
            let seasonal: Vec<(u8, f64)> = ind
                .growth_target()
                .map(|g| {
                    figs.iter()
                        .filter_map(|f| {
                            f.prev
                                .map(|p| (f.period.end_month(), p * (1.0 + g / 100.0)))
                        })
                        .collect()
                })
                .unwrap_or_default();
            let alt = format!(
                "{}{}{}",
                tr(l, "折线图，各期数值", "Line chart of the figures by period"),
                tr(l, "：", ": "),
                points
                    .iter()
                    .map(|(m, v)| format!(
                        "{} {}",
                        Period::Month(*m).short_label(l),
                        format::quantity(*v, &ind.unit, l)
                    ))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let flow = ind.kind.is_flow();
            let chart = Chart::Progress(ProgressSpec {
                points,
                target,
                pace_from_zero: flow,
                seasonal,
                projection,
                labels: [
                    match l {
                        Lang::Zh => format!("累计/最新（{}）", ind.unit.zh),
                        Lang::En => format!("Cumulative / latest ({})", ind.unit.en),
                    },
                    tr(l, "序时进度", "Time-elapsed pace").into(),
                    tr(l, "季节进度", "Seasonal pace").into(),
                    tr(l, "全年预计", "Projection").into(),
                    tr(l, "目标", "Target").into(),
                ],
                months,
            });
            let what = if flow {
                tr(
                    l,
                    "：完成情况与序时进度",
                    ": completion against the time-elapsed pace",
                )
            } else {
                tr(l, "：最新水平与目标", ": latest level against the target")
            };
            (chart, alt, format!("{name}{what}"))
        };
        let caption = Caption {
            title: format!(
                "{}{title}",
                tr(l, "新源县2023年 · ", "Xinyuan County 2023 · ")
            ),
            period: period_line(latest, l),
            source: source_line(&sources, l),
        };
        Some(view! {
            <ChartFigure chart=chart caption=caption alt=alt name=format!("xinyuan-2023-{}", ind.id)/>
        })
    }
}

#[component]
fn Figures(ind: &'static Indicator, form: FormState) -> impl IntoView {
    let store = use_store();
    let lang = store.lang;
    move || {
        let l = lang.get();
        let figs = store.entries.with(|e| e.of(&ind.id).to_vec());
        let reading = store.reading();
        let shared = store.shared.with(Option::is_some);
        let any_published = store.published_with(|p| !p.figures.is_empty());
        let origin = move |f: &Figure| -> Option<publish::Origin> {
            if shared {
                return None;
            }
            store.own_with(|own| store.published_with(|p| publish::origin(own, p, &ind.id, f)))
        };
        view! {
            <section aria-labelledby="figs-h">
                <h2 id="figs-h">{if !any_published { tr(l, "已录入的数据", "Figures entered") } else { tr(l, "各期数据", "Figures by period") }}</h2>
                {if figs.is_empty() {
                    view! { <p data-testid="no-figures">{tr(l, "还没有录入数据。", "No figures entered yet.")}</p> }.into_any()
                } else {
                    view! {
                        <div class="table-wrap">
                        <table class="stack" data-testid="figures">
                            <thead><tr>
                                <th scope="col">{tr(l, "时期", "Period")}</th>
                                <th scope="col">{if ind.kind.is_flow() { tr(l, "累计值", "Cumulative") } else { tr(l, "水平", "Level") }}</th>
                                <th scope="col">{tr(l, "累计增速", "Growth to date")}</th>
                                <th scope="col">{tr(l, "去年同期", "Same period last year")}</th>
                                <th scope="col">{tr(l, "来源与备注", "Source and note")}</th>
                                <th scope="col"><span class="visually-hidden">{tr(l, "操作", "Actions")}</span></th>
                            </tr></thead>
                            <tbody>{figs.into_iter().map(|f| {
                                let period = f.period;
                                let from = origin(&f);
                                let mine = store.own_with(|own| own.figure(&ind.id, period).is_some());
                                let over_published = from.is_some() && store.published_with(|p| p.figure(&ind.id, period).is_some());
                                view! {
                                    <tr data-origin=from.map(|o| match o { publish::Origin::Published => "published", publish::Origin::Yours => "yours" })>
                                        <th scope="row">{f.period.label(l)}
                                            {from.map(|o| match o {
                                                publish::Origin::Published => view! { <span class="tag published">{tr(l, "已发布", "published")}</span> },
                                                publish::Origin::Yours => view! { <span class="tag yours">{tr(l, "我的", "yours")}</span> },
                                            })}
                                        </th>
                                        <td data-value=f.value.map(|v| v.to_string()) data-label=if ind.kind.is_flow() { tr(l, "累计值", "Cumulative") } else { tr(l, "水平", "Level") }>{f.value.map(|v| format::exact_quantity(v, &ind.unit, l)).unwrap_or_else(|| "—".into())}</td>
                                        <td data-label=tr(l, "累计增速", "Growth to date")>{f.growth.map(format::growth).unwrap_or_else(|| "—".into())}</td>
                                        <td data-label=tr(l, "去年同期", "Same period last year")>{f.prev.map(|v| format::exact_quantity(v, &ind.unit, l)).unwrap_or_else(|| "—".into())}</td>
                                        <td data-label=tr(l, "来源与备注", "Source and note")>{[f.source.as_str(), f.note.as_str()].into_iter().filter(|t| !t.is_empty()).collect::<Vec<_>>().join(" · ")}</td>
                                        <td class="row-actions" data-label="">
                                            {(!reading).then(|| view! {
                                                <button class="edit" on:click={ let f = f.clone(); move |_| {
                                                    form.edit(&f);
                                                    crate::web::focus("f-value");
                                                } }
                                                    aria-label=format!("{} {}", tr(l, "修改", "Edit"), period.label(l))>{tr(l, "修改", "Edit")}</button>
                                            })}
                                            // Deleting one's own figure where one is published shows the published one again.
                                            {(!reading && mine).then(|| {
                                                let label = if over_published { tr(l, "放弃我的", "Drop mine") } else { tr(l, "删除", "Delete") };
                                                view! {
                                                    <button class="delete" on:click=move |_| store.commit(Op::Delete { id: ind.id.clone(), period })
                                                        aria-label=format!("{} {}", label, period.label(l))>{label}</button>
                                                }
                                            })}
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}</tbody>
                        </table>
                        </div>
                    }.into_any()
                }}
            </section>
        }
    }
}

/// Parses an optional numeric field: empty is `Ok(None)`.
fn optional(text: &str, field: Field<'_>) -> Result<Option<f64>, number::NumberError> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        number::parse(text, field).map(|p| Some(p.value))
    }
}

/// The entry form's fields, shared with the figures table so that "Edit" fills the form.
#[derive(Clone, Copy)]
struct FormState {
    period: RwSignal<Period>,
    value: RwSignal<String>,
    growth: RwSignal<String>,
    prev: RwSignal<String>,
    note: RwSignal<String>,
    source: RwSignal<String>,
}

impl FormState {
    fn new(ind: &Indicator, entries: &crate::model::saved::Entries) -> FormState {
        // Offer the period after the latest one entered.
        let periods = periods_of(ind);
        let latest = entries.of(&ind.id).last().map(|f| f.period.end_month());
        let next = periods
            .iter()
            .copied()
            .find(|p| latest.is_none_or(|m| p.end_month() > m))
            .unwrap_or(periods[0]);
        FormState {
            period: RwSignal::new(next),
            value: RwSignal::new(String::new()),
            growth: RwSignal::new(String::new()),
            prev: RwSignal::new(String::new()),
            note: RwSignal::new(String::new()),
            source: RwSignal::new(String::new()),
        }
    }

    /// Puts a saved figure into the form to be corrected.
    fn edit(self, f: &Figure) {
        let text = |x: Option<f64>| x.map(|v| v.to_string()).unwrap_or_default();
        self.period.set(f.period);
        self.value.set(text(f.value));
        self.growth.set(text(f.growth));
        self.prev.set(text(f.prev));
        self.note.set(f.note.clone());
        self.source.set(f.source.clone());
    }

    fn clear(self) {
        for s in [self.value, self.growth, self.prev, self.note, self.source] {
            s.set(String::new());
        }
    }
}

fn periods_of(ind: &Indicator) -> Vec<Period> {
    if ind.frequency == Frequency::Quarterly {
        Period::all_quarters().collect()
    } else {
        Period::all_months().collect()
    }
}

#[component]
fn EntryForm(ind: &'static Indicator, form: FormState) -> impl IntoView {
    let store = use_store();
    let lang = store.lang;
    let periods = periods_of(ind);
    let FormState {
        period,
        value,
        growth,
        prev,
        note,
        source,
    } = form;
    let error = RwSignal::new(None::<String>);
    let unit = ind.unit.zh.as_str();
    let value_field = Field::Value { unit };
    // How a number will be saved, shown as it is typed whenever a unit, magnitude or word was.
    let interpreted = move |text: String, field: Field<'static>| {
        number::parse(&text, field).ok().and_then(|p| {
            let unit = matches!(field, Field::Value { .. }).then_some(&ind.unit);
            p.read_as(unit, lang.get())
        })
    };
    let field_error = move |text: String, field: Field<'static>| {
        if text.trim().is_empty() {
            None
        } else {
            number::parse(&text, field)
                .err()
                .map(|e| e.message(lang.get()))
        }
    };
    // A value far from the report's scale (a 万 or 亿 slip) is saved only once confirmed, and the
    // confirmation holds for exactly the texts and period it was given for.
    let scale_warning = move |text: &str, p: Period| {
        number::parse(text, value_field)
            .ok()
            .and_then(|parsed| number::scale_check(&parsed, ind, p))
    };
    let warnings_now = move || {
        let p = period.get();
        [value.get(), prev.get()]
            .iter()
            .filter_map(|t| scale_warning(t, p))
            .count()
    };
    let confirm_key = move || format!("{}\u{1f}{}\u{1f}{}", period.get(), value.get(), prev.get());
    let confirmed_for = RwSignal::new(None::<String>);
    let confirmed = move || confirmed_for.get().is_some_and(|k| k == confirm_key());
    let scale_text =
        move |text: String| scale_warning(&text, period.get()).map(|w| w.message(lang.get()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let l = lang.get_untracked();
        if untrack(warnings_now) > 0 && !untrack(confirmed) {
            error.set(Some(
                tr(
                    l,
                    "数值与报告中的量级相差很大，未保存：请核对提示中的单位；确实无误请勾选“已核对”后再保存。",
                    "Not saved: the value is far from the scale of the report's figures. Check the unit in the message; if it is right, tick “Checked” and save again.",
                )
                .into(),
            ));
            return;
        }
        let parsed = (
            optional(&value.get_untracked(), value_field),
            optional(&growth.get_untracked(), Field::Growth),
            optional(&prev.get_untracked(), value_field),
        );
        match parsed {
            (Ok(v), Ok(g), Ok(p)) => {
                if v.is_none() && g.is_none() {
                    error.set(Some(
                        tr(
                            l,
                            "请至少填写数值或累计增速。",
                            "Enter at least a value or a growth rate.",
                        )
                        .into(),
                    ));
                    return;
                }
                let figure = Figure {
                    period: period.get_untracked(),
                    value: v,
                    growth: g,
                    prev: p,
                    note: note.get_untracked().trim().to_string(),
                    source: source.get_untracked().trim().to_string(),
                    ..Figure::empty(period.get_untracked())
                };
                store.commit(Op::Put {
                    id: ind.id.clone(),
                    figure,
                });
                error.set(None);
                form.clear();
            }
            _ => error.set(Some(
                tr(
                    l,
                    "有数字无法识别，请按提示修改。",
                    "A number could not be read; see the message beside it.",
                )
                .into(),
            )),
        }
    };
    let kind_hint = move || {
        let l = lang.get();
        if ind.kind.is_flow() && ind.kind != Kind::Level {
            tr(
                l,
                "累计值（1月至该期）",
                "Cumulative value (January to the period)",
            )
        } else {
            tr(l, "该期末的水平", "Level at the end of the period")
        }
    };
    view! {
        <section aria-labelledby="entry-h">
            <h2 id="entry-h">{move || tr(lang.get(), "录入数据", "Enter a figure")}</h2>
            <form class="entry" on:submit=submit novalidate>
                <label>{move || tr(lang.get(), "时期", "Period")}
                    <select name="period" on:change=move |ev| {
                        if let Ok(p) = event_target_value(&ev).parse::<Period>() { period.set(p); }
                    }>
                        {periods.iter().map(|p| { let p = *p; view! { <option value=p.to_string() selected=move || period.get() == p>{move || p.label(lang.get())}</option> } }).collect_view()}
                    </select>
                </label>
                <NumberInput label=Signal::derive(move || super::text::punct(format!("{}（{}）", kind_hint(), ind.unit.get(lang.get())), lang.get())) name="value" text=value
                    error=Signal::derive(move || field_error(value.get(), value_field)) hint=Signal::derive(move || interpreted(value.get(), value_field))
                    warning=Signal::derive(move || scale_text(value.get()))/>
                <NumberInput label=Signal::derive(move || tr(lang.get(), "公布的累计同比增速（%）", "Published growth to date (%)").to_string()) name="growth" text=growth
                    error=Signal::derive(move || field_error(growth.get(), Field::Growth)) hint=Signal::derive(move || interpreted(growth.get(), Field::Growth))
                    warning=Signal::derive(|| None)/>
                <NumberInput label=Signal::derive(move || super::text::punct(format!("{}（{}）", tr(lang.get(), "去年同期", "Same period last year"), ind.unit.get(lang.get())), lang.get())) name="prev" text=prev
                    error=Signal::derive(move || field_error(prev.get(), value_field)) hint=Signal::derive(move || interpreted(prev.get(), value_field))
                    warning=Signal::derive(move || scale_text(prev.get()))/>
                <label>{move || tr(lang.get(), "来源", "Source")}
                    <input type="text" name="source" maxlength="500" prop:value=move || source.get() on:input=move |ev| source.set(event_target_value(&ev))/>
                </label>
                <label>{move || tr(lang.get(), "备注", "Note")}
                    <input type="text" name="note" maxlength="500" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))/>
                </label>
                {move || (warnings_now() > 0).then(|| view! {
                    <label class="confirm">
                        <input type="checkbox" name="confirm-scale" prop:checked=confirmed
                            on:change=move |ev| confirmed_for.set(event_target_checked(&ev).then(|| untrack(confirm_key)))/>
                        {tr(lang.get(), "已核对：数值和单位无误", "Checked: the value and its unit are right")}
                    </label>
                })}
                <button type="submit">{move || if warnings_now() > 0 { tr(lang.get(), "仍然保存", "Save anyway") } else { tr(lang.get(), "保存", "Save") }}</button>
                {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            </form>
        </section>
    }
}

#[component]
fn NumberInput(
    label: Signal<String>,
    name: &'static str,
    text: RwSignal<String>,
    error: Signal<Option<String>>,
    hint: Signal<Option<String>>,
    warning: Signal<Option<String>>,
) -> impl IntoView {
    let lang = use_store().lang;
    let id = format!("f-{name}");
    let msg_id = format!("{id}-msg");
    let msg_id2 = msg_id.clone();
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input id=id type="text" inputmode="decimal" name=name autocomplete="off"
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=msg_id.clone()
                prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))/>
            <p id=msg_id2 class=move || if error.get().is_some() { "msg error" } else { "msg" } aria-live="polite">
                {move || error.get().or_else(|| hint.get()).map(|m| super::marked(m, lang.get()))}
            </p>
            {move || warning.get().filter(|_| error.with(Option::is_none)).map(|w| view! { <p class="msg warning" role="alert">{super::marked(w, lang.get())}</p> })}
        </div>
    }
}
