//! Export, import (with a preview) and reset.

use super::state::use_store;
use super::text::tr;
use crate::model::dataset::Dataset;
use crate::model::saved::{self, Entries, Op};
use crate::model::transfer::{
    plan_import, plan_keep, to_csv, whole_file, Plan, RowProblem, MAX_IMPORT_BYTES,
};
use crate::model::{format, Lang};
use crate::web;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The data page.
#[component]
pub fn DataPage() -> impl IntoView {
    let store = use_store();
    let lang = store.lang;
    let data = Dataset::embedded();
    // An import handed over ("keep these in my figures", "add the published figures to mine")
    // waits here for the user's look.
    let plan = RwSignal::new(None::<Plan>);
    Effect::new(move |_| {
        if !super::staged::placed() {
            return;
        }
        if let Some(incoming) = store.pending_import.get() {
            store.pending_import.set(None);
            plan.set(Some(plan_keep(&incoming, &store.own_untracked(), data)));
            web::focus("import-h");
        }
    });
    let done = RwSignal::new(None::<&'static str>);
    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        done.set(None);
        leptos::task::spawn_local(async move {
            let p = match web::read_chosen_file(&input, MAX_IMPORT_BYTES).await {
                Ok(Some(text)) => plan_import(&text, &store.own_untracked(), data),
                Ok(None) => whole_file(RowProblem::TooLarge),
                Err(why) => whole_file(RowProblem::Unreadable(why)),
            };
            input.set_value("");
            plan.set(Some(p));
        });
    };
    let apply = move |_| {
        if let Some(p) = plan.get_untracked() {
            store.commit(p.operation());
            plan.set(None);
            done.set(Some(tr(
                lang.get_untracked(),
                "已导入。可在页脚撤销。",
                "Imported. Undo is in the footer.",
            )));
        }
    };
    let reset = move |_| {
        let l = lang.get_untracked();
        let ok = web_sys::window()
            .and_then(|w| {
                w.confirm_with_message(tr(l, "删除所有已录入的数据，恢复为报告的默认数据？（可撤销）", "Delete every figure entered and go back to the report's defaults? (This can be undone.)"))
                    .ok()
            })
            .unwrap_or(false);
        if ok {
            store.commit(Op::ReplaceAll(Entries::default()));
            done.set(Some(tr(
                l,
                "已恢复为报告的默认数据。可在页脚撤销。",
                "Back to the report's defaults. Undo is in the footer.",
            )));
        }
    };
    view! {
        <h1>{move || tr(lang.get(), "导出、导入与重置", "Export, import and reset")}</h1>
        <section aria-labelledby="export-h">
            <h2 id="export-h">{move || tr(lang.get(), "导出", "Export")}</h2>
            <p>{move || tr(lang.get(), "备份（JSON）可以原样导入恢复；CSV 可用 Excel 打开。", "The backup (JSON) can be imported to restore everything; the CSV opens in Excel.")}</p>
            <p class="actions">
                <button on:click=move |_| { let _ = web::download("xinyuan-tracker-backup.json", "application/json", &saved::encode(&store.own_untracked(), &web::now_iso())); }>
                    {move || tr(lang.get(), "导出备份（JSON）", "Export backup (JSON)")}
                </button>
                <button on:click=move |_| { let _ = web::download("xinyuan-tracker-figures.csv", "text/csv;charset=utf-8", &to_csv(&store.entries.get_untracked(), data, lang.get_untracked())); }>
                    {move || tr(lang.get(), "导出数据（CSV）", "Export figures (CSV)")}
                </button>
            </p>
        </section>
        <super::reach::PublishSection/>
        <section aria-labelledby="import-h">
            <h2 id="import-h">{move || tr(lang.get(), "导入", "Import")}</h2>
            // The column names are the file's own words, the same in both languages.
            <p>{move || tr(lang.get(), "选择备份文件（JSON，恢复全部数据）或 CSV（列：", "Choose a backup (JSON: restores everything) or a CSV (columns ")}
                <code>"indicator_id, period, value, growth_pct, prev, source, note"</code>
                {move || tr(lang.get(), "；只增改所列数据）。导入前先预览。", ": adds or changes the rows it lists). You see a preview first.")}</p>
            <label class="file">
                {move || tr(lang.get(), "选择文件（最大2 MB）", "Choose a file (2 MB at most)")}
                <input type="file" accept=".json,.csv,application/json,text/csv" on:change=on_file data-testid="import-file"/>
            </label>
            {move || plan.get().map(|p| view! { <Preview plan=p on_apply=apply on_cancel=move |_| plan.set(None)/> })}
            {move || done.get().map(|m| view! { <p role="status" class="done">{m}</p> })}
        </section>
        <section aria-labelledby="reset-h">
            <h2 id="reset-h">{move || tr(lang.get(), "重置", "Reset")}</h2>
            <p>{move || {
                let n = store.own_with(|e| e.len());
                match lang.get() {
                    Lang::Zh => format!("{n} 个已录入数据。"),
                    Lang::En => format!("{} entered.", format::count(n, "figure", "figures")),
                }
            }}</p>
            <button class="danger" on:click=reset>{move || tr(lang.get(), "恢复为报告的默认数据", "Reset to the report's defaults")}</button>
        </section>
    }
}

#[component]
fn Preview(
    plan: Plan,
    on_apply: impl Fn(leptos::ev::MouseEvent) + 'static,
    on_cancel: impl Fn(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    let lang = use_store().lang;
    let data = Dataset::embedded();
    let l = lang.get_untracked();
    let nothing = plan.changes.is_empty() && plan.removed == 0;
    let summary = match l {
        Lang::Zh => format!(
            "将新增或修改 {} 个数据{}；{} 行有问题，不导入。",
            plan.changes.len(),
            if plan.replaces_all {
                format!("，删除 {} 个", plan.removed)
            } else {
                String::new()
            },
            plan.errors.len()
        ),
        Lang::En => format!(
            "{} will be added or changed{}; {} not imported.",
            format::count(plan.changes.len(), "figure", "figures"),
            if plan.replaces_all {
                format!(", {} removed", plan.removed)
            } else {
                String::new()
            },
            match plan.errors.len() {
                1 => "1 row has a problem and is".to_string(),
                n => format!("{} have problems and are", format::count(n, "row", "rows")),
            }
        ),
    };
    let fmt = |id: &str, f: &crate::model::figures::Figure| match data.indicator(id) {
        Some(ind) => super::text::figure_brief(f, &ind.unit, l),
        None => {
            let none = crate::model::Text {
                zh: String::new(),
                en: String::new(),
            };
            super::text::figure_brief(f, &none, l).replace("  ", " ")
        }
    };
    view! {
        <div class="preview" role="region" aria-label=tr(l, "导入预览", "Import preview") data-testid="import-preview">
            <p><strong>{summary}</strong></p>
            {(!plan.errors.is_empty()).then(|| view! {
                <ul class="errors">{plan.errors.iter().map(|e| view! {
                    <li>{(e.line > 0).then(|| match l {
                        Lang::Zh => format!("第 {} 行：", e.line),
                        Lang::En => format!("Line {}: ", e.line),
                    })}{super::marked(e.problem.message(l), l)}</li>
                }).collect_view()}</ul>
            })}
            {(!plan.changes.is_empty()).then(|| view! {
                <div class="table-wrap"><table>
                    <thead><tr>
                        <th scope="col">{tr(l, "指标", "Indicator")}</th>
                        <th scope="col">{tr(l, "时期", "Period")}</th>
                        <th scope="col">{tr(l, "现有", "Now")}</th>
                        <th scope="col">{tr(l, "导入后", "After")}</th>
                    </tr></thead>
                    <tbody>{plan.changes.iter().take(200).map(|c| view! {
                        <tr>
                            <th scope="row">{super::marked(data.indicator(&c.id).map(|i| i.name.get(l).to_string()).unwrap_or_else(|| c.id.clone()), l)}</th>
                            <td>{c.new.period.label(l)}</td>
                            <td>{c.old.as_ref().map(|f| fmt(&c.id, f)).unwrap_or_else(|| "—".into())}</td>
                            <td>{fmt(&c.id, &c.new)}</td>
                        </tr>
                    }).collect_view()}</tbody>
                </table></div>
            })}
            <p class="actions">
                <button on:click=on_apply disabled=nothing>{tr(l, "导入", "Import")}</button>
                <button on:click=on_cancel>{tr(l, "取消", "Cancel")}</button>
            </p>
        </div>
    }
}
