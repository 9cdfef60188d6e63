//! The paste box: a statistics release's text in, its figures previewed, checked and saved as one
//! change. The reading is [`crate::model::release`]; this only shows it and sends the change.

use super::state::{use_store, Health};
use super::text::tr;
use crate::model::dataset::Dataset;
use crate::model::figures::{filed_period, Period};
use crate::model::number::{self, Field};
use crate::model::release::{self, Loose, Row, RowError, Why};
use crate::model::{format, Lang};
use leptos::prelude::*;

/// A preview row: a key that stays while the user edits it, and the row's own signal, so that
/// typing in a row redraws that row's reading only, never the list.
type Keyed = (usize, RwSignal<Row>);

/// A first line short enough to be the release's title, as the figures' source.
fn title_of(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .filter(|l| l.chars().count() <= 60 && !l.contains(['，', ',', '。']))
        .unwrap_or_default()
        .to_string()
}

fn why_text(why: &Why, data: &Dataset, lang: Lang) -> String {
    let name = |id: &str| {
        data.indicator(id)
            .map_or(id.to_string(), |i| i.name.get(lang).to_string())
    };
    match (why, lang) {
        (Why::NoIndicator, Lang::Zh) => "未对应任何指标".into(),
        (Why::NoIndicator, Lang::En) => "names none of the indicators".into(),
        (Why::OtherPeriod, Lang::Zh) => "属于其他时期".into(),
        (Why::OtherPeriod, Lang::En) => "of another period".into(),
        (Why::Part, Lang::Zh) => "是分项、限上或其他口径，不是全县总量".into(),
        (Why::Part, Lang::En) => {
            "a part, a subset or another measure, not the county's total".into()
        }
        (Why::Unit(id), Lang::Zh) => format!("单位与“{}”不符", name(id)),
        (Why::Unit(id), Lang::En) => format!("its unit does not fit “{}”", name(id)),
        (Why::Again(id), Lang::Zh) => format!("“{}”的第二个不同数字", name(id)),
        (Why::Again(id), Lang::En) => format!("a second, different figure for “{}”", name(id)),
    }
}

/// The paste box and its preview.
#[component]
pub fn PasteRelease() -> impl IntoView {
    let store = use_store();
    let lang = store.lang;
    let data = Dataset::embedded();
    let text = RwSignal::new(String::new());
    let rows = RwSignal::new(Vec::<Keyed>::new());
    let loose = RwSignal::new(Vec::<Loose>::new());
    let next_key = StoredValue::new(0usize);
    let month = RwSignal::new(None::<u8>);
    let source = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<(usize, RowError)>::new());
    let message = RwSignal::new(None::<String>);
    // The release just saved, whose bulletin the page then offers.
    let saved_month = RwSignal::new(None::<u8>);
    let keyed = move |r: Row| {
        let k = next_key.get_value();
        next_key.set_value(k + 1);
        (k, RwSignal::new(r))
    };
    let read = move |_| {
        let t = text.get_untracked();
        let x = release::extract(&t, data);
        rows.set(x.rows().into_iter().map(keyed).collect());
        loose.set(x.loose.clone());
        month.set(x.period.map(Period::end_month));
        source.set(title_of(&t));
        errors.set(Vec::new());
        message.set(None);
        saved_month.set(None);
    };
    let apply = move |_| {
        let l = lang.get_untracked();
        let Some(m) = month.get_untracked() else {
            message.set(Some(
                tr(
                    l,
                    "请先选择这期发布的时期。",
                    "Choose the release's period first.",
                )
                .into(),
            ));
            return;
        };
        let list: Vec<Row> =
            rows.with_untracked(|r| r.iter().map(|(_, r)| r.get_untracked()).collect());
        match release::change(&list, m, &source.get_untracked(), data) {
            Err(e) => {
                errors.set(e);
                message.set(Some(
                    tr(
                        l,
                        "有的行需要修改（见行内提示），均未保存。",
                        "Some rows need correcting (see their messages); nothing was saved.",
                    )
                    .into(),
                ));
            }
            Ok(op) => {
                let n = list.len();
                store.commit(op);
                errors.set(Vec::new());
                rows.set(Vec::new());
                loose.set(Vec::new());
                let saved = store.health.with_untracked(|h| *h == Health::Saving);
                let period = Period::Month(m).label(l);
                saved_month.set(Some(m));
                message.set(Some(match (l, saved) {
                    (Lang::Zh, true) => format!("已保存{period}的 {n} 个指标的数据；撤销可一次全部撤回。"),
                    (Lang::Zh, false) => format!("已录入{period}的 {n} 个指标的数据，但尚未保存，见页面顶部的提示。"),
                    (Lang::En, true) => format!(
                        "Saved the figures of {} for {period}; Undo takes them all back.",
                        format::count(n, "indicator", "indicators")
                    ),
                    (Lang::En, false) => format!(
                        "Entered the figures of {} for {period} but not saved; see the message at the top of the page.",
                        format::count(n, "indicator", "indicators")
                    ),
                }));
            }
        }
    };
    let row_error = move |key: usize| {
        let index = rows.with(|r| r.iter().position(|(k, _)| *k == key))?;
        errors.with(|e| e.iter().find(|(i, _)| *i == index).map(|(_, e)| e.clone()))
    };
    // How a row will be saved, in the interface's language: "1-9月：38.3967 亿元 / −3%".
    let reading = move |row: RwSignal<Row>| {
        let l = lang.get();
        let row = row.get();
        let ind = data.indicator(&row.id)?;
        let period = month.get().and_then(|m| filed_period(ind, m));
        let figure = crate::model::figures::Figure {
            value: number::parse(row.value.trim(), Field::Value { unit: &ind.unit.zh })
                .ok()
                .map(|p| p.value),
            growth: number::parse(row.growth.trim(), Field::Growth)
                .ok()
                .map(|p| p.value),
            ..crate::model::figures::Figure::empty(period.unwrap_or(Period::Month(12)))
        };
        let what = super::text::figure_brief(&figure, &ind.unit, l);
        Some(match (period, l) {
            (Some(p), Lang::Zh) => format!("{}：{what}", p.label(l)),
            (Some(p), Lang::En) => format!("{}: {what}", p.label(l)),
            (None, _) => what,
        })
    };
    // A value far from the scale of the report's figures (another place's, a 万 or 亿 slip).
    let warning = move |row: RwSignal<Row>| {
        let l = lang.get();
        let row = row.get();
        let ind = data.indicator(&row.id)?;
        let period = filed_period(ind, month.get()?)?;
        let parsed = number::parse(row.value.trim(), Field::Value { unit: &ind.unit.zh }).ok()?;
        number::scale_check(&parsed, ind, period).map(|w| w.message(l))
    };
    let indicator_options = move |selected: String| {
        let l = lang.get();
        data.indicators
            .iter()
            .map(|i| {
                let id = i.id.clone();
                let is = id == selected;
                view! { <option value=id selected=is>{super::text::punct(format!("{}（{}）", i.name.get(l), i.unit.get(l)), l)}</option> }
            })
            .collect_view()
    };
    view! {
        <section class="paste" aria-labelledby="paste-h">
            <h2 id="paste-h">{move || tr(lang.get(), "粘贴统计发布", "Paste a release")}</h2>
            <p>{move || tr(lang.get(),
                "把统计部门发布的全文（公众号文章、网页、Word 文档）粘贴到这里，点“识别”：识别出的指标、数值和增速先列出来供核对，可修改或删除，确认后一次保存。",
                "Paste the text of a statistics release (a WeChat article, a web page, a Word document) and press Read: the indicators, values and growth rates found are listed for checking, can be corrected or removed, and are saved together once confirmed.")}</p>
            <label for="paste-text" class="visually-hidden">{move || tr(lang.get(), "发布全文", "Release text")}</label>
            <textarea id="paste-text" rows="6" data-testid="paste-text"
                placeholder=move || tr(lang.get(), "例如：1-9月，全县实现地区生产总值…亿元，同比增长…%；…", "The release's text, as copied")
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            <button type="button" data-testid="paste-read" on:click=read>{move || tr(lang.get(), "识别", "Read")}</button>
            {move || message.get().map(|m| view! { <p role="status" data-testid="paste-message">{m}</p> })}
            {move || saved_month.get().map(|m| view! {
                <p><a href=crate::model::route::Route::Bulletin(Some(m)).href() data-testid="paste-bulletin">
                    {move || match lang.get() {
                        Lang::Zh => format!("查看{}进度通报", Period::Month(m).label(Lang::Zh)),
                        Lang::En => format!("See the bulletin of {}", Period::Month(m).label(Lang::En)),
                    }}
                </a></p>
            })}
            <Show when=move || rows.with(|r| !r.is_empty()) || loose.with(|l| !l.is_empty())>
                <div class="preview" data-testid="paste-preview">
                    <div class="filters">
                        <label>{move || tr(lang.get(), "这期发布的时期", "Period of the release")}
                            <select data-testid="paste-period" on:change=move |ev| month.set(event_target_value(&ev).parse().ok())>
                                <option value="" selected=move || month.get().is_none()>{move || tr(lang.get(), "请选择", "Choose")}</option>
                                {(1..=12u8).map(|m| view! { <option value=m.to_string() selected=move || month.get() == Some(m)>{move || Period::Month(m).label(lang.get())}</option> }).collect_view()}
                            </select>
                        </label>
                        <label>{move || tr(lang.get(), "来源", "Source")}
                            <input type="text" data-testid="paste-source" prop:value=move || source.get() on:input=move |ev| source.set(event_target_value(&ev))/>
                        </label>
                    </div>
                    <div class="table-wrap">
                    <table class="stack" data-testid="paste-rows">
                        <thead><tr>
                            <th scope="col">{move || tr(lang.get(), "指标", "Indicator")}</th>
                            <th scope="col">{move || tr(lang.get(), "数值（原文）", "Value (as written)")}</th>
                            <th scope="col">{move || tr(lang.get(), "增速（原文）", "Growth (as written)")}</th>
                            <th scope="col">{move || tr(lang.get(), "将保存为", "Will be saved as")}</th>
                            <th scope="col">{move || tr(lang.get(), "原句", "Sentence")}</th>
                            <th scope="col"><span class="visually-hidden">{move || tr(lang.get(), "操作", "Actions")}</span></th>
                        </tr></thead>
                        <tbody>
                            {move || rows.get().into_iter().map(|(key, row)| {
                                let sentence = row.with_untracked(|r| r.sentence.clone());
                                let id = row.with_untracked(|r| r.id.clone());
                                view! {
                                    <tr data-indicator=move || row.with(|r| r.id.clone())>
                                        <th scope="row">
                                            <select aria-label=move || tr(lang.get(), "指标", "Indicator")
                                                on:change=move |ev| row.update(|r| r.id = event_target_value(&ev))>
                                                {move || indicator_options(id.clone())}
                                            </select>
                                            {move || row_error(key).map(|e| view! { <p class="msg error">{super::marked(e.message(lang.get()), lang.get())}</p> })}
                                        </th>
                                        <td data-label=move || tr(lang.get(), "数值（原文）", "Value (as written)")>
                                            <input type="text" class="paste-value" aria-label=move || tr(lang.get(), "数值", "Value")
                                                prop:value=move || row.with(|r| r.value.clone())
                                                on:input=move |ev| row.update(|r| r.value = event_target_value(&ev))/>
                                        </td>
                                        <td data-label=move || tr(lang.get(), "增速（原文）", "Growth (as written)")>
                                            <input type="text" class="paste-growth" aria-label=move || tr(lang.get(), "增速", "Growth")
                                                prop:value=move || row.with(|r| r.growth.clone())
                                                on:input=move |ev| row.update(|r| r.growth = event_target_value(&ev))/>
                                        </td>
                                        <td class="paste-reading" data-label=move || tr(lang.get(), "将保存为", "Will be saved as")>{move || reading(row).unwrap_or_default()}</td>
                                        {move || warning(row).map(|w| view! {
                                            <td class="paste-warning" data-label="">
                                                <p class="msg warning" role="alert">{super::marked(w, lang.get())}</p>
                                                <label class="confirm"><input type="checkbox" prop:checked=move || row.with(|r| r.checked)
                                                    on:change=move |ev| row.update(|r| r.checked = event_target_checked(&ev))/>
                                                    {move || tr(lang.get(), "已核对：数值和单位无误", "Checked: the value and its unit are right")}</label>
                                            </td>
                                        })}
                                        <td data-label=move || tr(lang.get(), "原句", "Sentence")><small lang="zh-CN">{sentence}</small></td>
                                        <td class="row-actions" data-label="">
                                            <button type="button" class="remove" on:click=move |_| { rows.update(|r| r.retain(|(k, _)| *k != key)); errors.set(Vec::new()); }>
                                                {move || tr(lang.get(), "删除", "Remove")}
                                            </button>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    </div>
                    {move || {
                        let list = loose.get();
                        let l = lang.get();
                        (!list.is_empty()).then(|| view! {
                            <details class="loose" data-testid="paste-loose">
                                <summary>{match l {
                                    Lang::Zh => format!("未录入的数字（{} 个）：可指定给某个指标", list.len()),
                                    Lang::En => format!("Numbers not taken ({}): assign one to an indicator", list.len()),
                                }}</summary>
                                <ul>{list.into_iter().map(|n| {
                                    let why = why_text(&n.why, data, l);
                                    let typed = n.typed.clone();
                                    let sentence = n.sentence.clone();
                                    view! {
                                        <li>
                                            <strong lang="zh-CN">{typed}</strong>" · "{super::marked(why, l)}
                                            <select aria-label=tr(l, "指定给指标", "Assign to an indicator")
                                                on:change=move |ev| {
                                                    let id = event_target_value(&ev);
                                                    if !id.is_empty() {
                                                        rows.update(|r| r.push(keyed(Row::from_loose(&n, &id))));
                                                    }
                                                }>
                                                <option value="">{tr(l, "指定给…", "Assign to…")}</option>
                                                {indicator_options(String::new())}
                                            </select>
                                            <br/><small lang="zh-CN">{sentence}</small>
                                        </li>
                                    }
                                }).collect_view()}</ul>
                            </details>
                        })
                    }}
                    <button type="button" data-testid="paste-apply" on:click=apply>{move || tr(lang.get(), "确认并保存", "Confirm and save")}</button>
                </div>
            </Show>
        </section>
    }
}
