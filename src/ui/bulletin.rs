//! The bulletin page, `#/bulletin/M9`: the progress bulletin of one release, drafted by
//! [`crate::model::bulletin`], with ways out: print (A4), copy (formatted and plain), CSV.

use super::state::use_store;
use super::text::tr;
use crate::model::bulletin::{self, Bulletin};
use crate::model::dataset::Dataset;
use crate::model::figures::Period;
use crate::model::route::Route;
use crate::model::Lang;
use crate::web;
use leptos::prelude::*;

/// The bulletin page of the release ending in `month`, or of the latest release.
#[component]
pub fn BulletinPage(month: Option<u8>) -> impl IntoView {
    let store = use_store();
    let lang = store.lang;
    let data = Dataset::embedded();
    let today = web::today();
    let message = RwSignal::new(None::<String>);
    move || {
        let l = lang.get();
        let entries = store.entries.get();
        let months = bulletin::months(&entries);
        let chosen = month.or(months.last().copied());
        let Some(m) = chosen.filter(|m| months.contains(m)) else {
            return view! {
                <h1>{tr(l, "进度通报", "Progress bulletin")}</h1>
                <p data-testid="no-bulletin">{match (l, chosen) {
                    (Lang::Zh, Some(m)) => format!("{}还没有录入数据，无法生成通报。", Period::Month(m).label(l)),
                    (Lang::En, Some(m)) => format!("No figures are entered for {} yet, so there is no bulletin.", Period::Month(m).label(l)),
                    (Lang::Zh, None) => "还没有录入数据。录入一期统计发布后，这里会生成该期的进度通报。".into(),
                    (Lang::En, None) => "No figures are entered yet. Once a release is entered, its progress bulletin is drafted here.".into(),
                }}</p>
                <p><a href=Route::Grid.href()>{tr(l, "录入一期统计发布", "Enter a release")}</a></p>
            }
            .into_any();
        };
        let b = bulletin::draft(data, &entries, m, &today, l);
        let plain = b.plain_text(l);
        let csv = b.csv(l);
        let copy = move |rich: bool| {
            let plain = plain.clone();
            leptos::task::spawn_local(async move {
                let html = web::outer_html("bulletin").unwrap_or_default();
                let done = if rich {
                    web::copy_rich(&html, &plain).await
                } else {
                    web::copy_text(&plain).await
                };
                message.set(Some(
                    match (done.is_ok(), l) {
                        (true, Lang::Zh) => "已复制，可粘贴到 WPS、Word 或微信。",
                        (true, Lang::En) => "Copied: paste it into WPS, Word or a chat message.",
                        (false, Lang::Zh) => "浏览器不允许复制；请选中通报文字后按 Ctrl+C。",
                        (false, Lang::En) => "The browser did not allow copying; select the bulletin's text and press Ctrl+C.",
                    }
                    .to_string(),
                ));
            });
        };
        let copy_plain = copy.clone();
        let csv_name = format!("bulletin-M{m}.csv");
        let docx_name = format!("bulletin-M{m}.docx");
        let request = serde_json::json!({"lang": l, "bulletin": &b}).to_string();
        let word = move |_| {
            let (request, name) = (request.clone(), docx_name.clone());
            message.set(Some(
                tr(l, "正在生成 Word 文档…", "Making the Word document…").into(),
            ));
            leptos::task::spawn_local(async move {
                let done = match web::docx_from_worker(request).await {
                    Ok(bytes) => web::download_bytes(
                        &name,
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        &bytes,
                    ),
                    Err(e) => Err(e),
                };
                message.set(Some(match (done, l) {
                    (Ok(()), Lang::Zh) => "已下载 Word 文档（.docx），可用 Word、WPS 或 LibreOffice 打开。".into(),
                    (Ok(()), Lang::En) => "The Word document (.docx) is downloaded; Word, WPS and LibreOffice open it.".into(),
                    (Err(e), Lang::Zh) => format!("无法生成 Word 文档：{e}"),
                    (Err(e), Lang::En) => format!("The Word document could not be made: {e}"),
                }));
            });
        };
        view! {
            <div class="bulletin-tools no-print">
                <label>{tr(l, "期次", "Release")}
                    <select data-testid="bulletin-month" on:change=move |ev| {
                        if let Ok(m) = event_target_value(&ev).parse::<u8>() { web::set_hash(&Route::Bulletin(Some(m)).href()); }
                    }>
                        {months.iter().map(|&x| view! { <option value=x.to_string() selected=x == m>{Period::Month(x).label(l)}</option> }).collect_view()}
                    </select>
                </label>
                <button type="button" data-testid="bulletin-print" on:click=move |_| super::reach::print_page()>{tr(l, "打印", "Print")}</button>
                <button type="button" data-testid="bulletin-copy" on:click=move |_| copy(true)>{tr(l, "复制（带格式）", "Copy (formatted)")}</button>
                <button type="button" data-testid="bulletin-copy-plain" on:click=move |_| copy_plain(false)>{tr(l, "复制为纯文本", "Copy as plain text")}</button>
                <button type="button" data-testid="bulletin-docx" on:click=word>{tr(l, "下载 Word 文档", "Download as Word (.docx)")}</button>
                <button type="button" data-testid="bulletin-csv" on:click=move |_| {
                    if web::download(&csv_name, "text/csv;charset=utf-8", &csv).is_err() {
                        message.set(Some(tr(l, "无法下载文件。", "The file could not be downloaded.").into()));
                    }
                }>{tr(l, "下载表格（CSV）", "Download the table (CSV)")}</button>
                {move || message.get().map(|t| view! { <p role="status" data-testid="bulletin-message">{t}</p> })}
            </div>
            {article(&b, l)}
        }
        .into_any()
    }
}

/// The bulletin itself: what is printed and copied.
fn article(b: &Bulletin, l: Lang) -> impl IntoView {
    let m = |s: &str| super::marked(s.to_string(), l);
    let heading = |zh: &'static str, en: &'static str| view! { <h2>{tr(l, zh, en)}</h2> };
    view! {
        <article id="bulletin" class="bulletin" data-testid="bulletin">
            <h1>{m(&b.title)}</h1>
            <p class="covers" data-testid="bulletin-covers">{m(&b.covers)}</p>
            {heading("一、主要预期目标", "1. The main expected targets")}
            <p data-testid="bulletin-headline">{m(&b.headline)}</p>
            {heading("二、各项目标进展", "2. Progress by status and work area")}
            {b.groups.iter().map(|g| view! { <p class="group">{m(g)}</p> }).collect_view()}
            <p>{m(&b.areas)}</p>
            {b.changes.as_ref().map(|c| view! {
                {heading("三、与上期相比", "3. Since the previous release")}
                <p data-testid="bulletin-changes">{m(c)}</p>
            })}
            {b.needs.as_ref().map(|n| view! {
                {heading("四、需要加力的目标", "4. What the rest of the year needs")}
                <p>{m(n)}</p>
            })}
            {heading("附表：目标完成情况", "Table: every target with a figure for the period")}
            <div class="table-wrap">
            <table class="stack bulletin-table" data-testid="bulletin-table">
                <thead><tr>{b.head.iter().map(|h| view! { <th scope="col">{h.clone()}</th> }).collect_view()}</tr></thead>
                <tbody>{b.lines.iter().map(|line| {
                    let cells = [&line.unit, &line.base, &line.target, &line.to_date, &line.measure, &line.pace, &line.gap, &line.status, &line.change];
                    let heads = b.head.clone();
                    view! {
                        <tr data-indicator=line.id.clone() class=format!("status-{}", line.status_id.id())>
                            <th scope="row">{m(&line.name)}</th>
                            {cells.into_iter().enumerate().map(|(i, c)| view! {
                                <td data-label=heads.get(i + 1).cloned().unwrap_or_default()>{m(c)}</td>
                            }).collect_view()}
                        </tr>
                    }
                }).collect_view()}</tbody>
            </table>
            </div>
            <p class="sources">{m(&b.sources)}</p>
            <p class="method">{m(&b.method)}</p>
        </article>
        <super::reach::PrintQr route=crate::model::route::Route::Bulletin(Some(b.month)) at_once=true/>
    }
}
