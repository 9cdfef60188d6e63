//! The Leptos components. They read derived values and render; user intent goes back to the
//! [`state::Store`] as plain calls.

mod bulletin;
mod chart_figure;
mod data;
pub mod first;
mod glossary;
mod grid;
mod indicator;
pub mod judged;
mod overview;
mod parts;
mod paste;
mod reach;
pub mod staged;
pub mod state;
mod table;
pub use crate::model::words as text;

use crate::model::route::Route;
use crate::model::saved;
use crate::model::{Dataset, Lang};
use crate::web;
use leptos::prelude::*;
use state::{use_store, Health, Notice, Store};
use text::tr;

/// Starts the app in steps, each a task of its own, so that no task holds the page for long while
/// the first view is read: the report's data; the saved figures, read and judged; then the app,
/// built away from the page over short tasks ([`staged`]) and put in place of the first view in
/// one step.
pub async fn start() {
    web::mark("tracker:start");
    // Whether the page was loaded under the service worker, read as the app starts (the worker a
    // first visit registers takes the page over only once it has kept every file).
    let _ = web::kept_offline();
    let _ = Dataset::embedded();
    web::next_task().await;
    // The page opened, if its code is a part of its own, is fetched before the app is built (in
    // a task of its own: asking for a part and its pieces is a few dozen fetches).
    parts::ready(&Route::parse(&web::hash())).await;
    web::next_task().await;
    let store = Store::load();
    if let Some(text) = web::first_published() {
        store.show_first_published(&text);
    }
    let judged = judged::Judged::new(store);
    judged.0.with_untracked(|_| ());
    web::next_task().await;
    let staging = staged::Staging::new();
    let app = move || {
        provide_context(store);
        provide_context(judged);
        provide_context(staging);
        view! { <App/> }
    };
    // No document, nothing to show.
    let Some(root) = web::detached_root() else {
        return;
    };
    let handle = leptos::mount::mount_to(root.clone(), app);
    staging.build().await;
    // What the first view showed, the app shows: it gives way in the same task, so nothing is
    // painted in between.
    web::take_over(&root);
    staging.set_placed();
    handle.forget();
}

/// The whole app, over the store and the judgements in context (see [`start`]).
#[component]
pub fn App() -> impl IntoView {
    let store = use_store();
    store.follow_other_tabs();
    web::request_persistence();
    store.fetch_published();
    std::mem::forget(web::on_update_ready(move || store.update_ready.set(true)));
    let route = RwSignal::new(Route::parse(&web::hash()));
    std::mem::forget(web::on_hash_change(move |h| route.set(Route::parse(&h))));
    // A shared link's figures are read once when its address is opened (by a part of the module
    // of its own, fetched then: `parts`).
    Effect::new(move |_| {
        if let Route::Shared(payload) = route.get() {
            leptos::task::spawn_local(async move {
                match parts::read_shared(payload).await {
                    Ok(shared) => {
                        store.shared_error.set(None);
                        store.shared_latest_only.set(shared.latest_only);
                        store.show_shared(Some(shared.figures));
                    }
                    // The link stays in the address: a reload reads it again.
                    Err(e @ crate::model::share::ShareError::NotFetched) => {
                        store.shared_error.set(Some(e));
                    }
                    Err(e) => {
                        store.shared_error.set(Some(e));
                        web::replace_hash(&Route::Overview.href());
                    }
                }
            });
        }
    });
    Effect::new(move |_| web::set_document_lang(store.lang.get().tag()));
    // Marked when the app is in place and after each change of page (read by the benchmark).
    Effect::new(move |_| {
        let _ = route.get();
        if staged::placed() {
            web::mark("tracker:rendered");
        }
    });
    view! { <Page route=route/> }
}

/// Everything the page shows for a route. The app renders it in the browser; the build renders
/// the overview's to HTML as the first view (`src/bin/prerender.rs`), with [`Store::first_view`]
/// and [`judged::provide_judged`] in context.
#[component]
pub fn Page(
    /// The page shown.
    route: RwSignal<Route>,
) -> impl IntoView {
    let store = use_store();
    view! {
        <a class="skip" href="#main">{move || tr(store.lang.get(), "跳到正文", "Skip to content")}</a>
        <staged::Later><Header/></staged::Later>
        <staged::Later><Banner/></staged::Later>
        <staged::Later><reach::ReachBars/></staged::Later>
        <main id="main" tabindex="-1">
            <staged::Later>{move || match route.get() {
                Route::Overview | Route::Shared(_) => overview::Overview().into_any(),
                Route::All { query, section, status } => parts::all(query, section, status),
                Route::Section(id) => parts::section(id),
                Route::Indicator(id) => parts::indicator(id),
                Route::Grid => (move || if store.shared.with(Option::is_some) {
                    view! {
                        <h1>{move || tr(store.lang.get(), "批量录入", "Enter a release")}</h1>
                        <p data-testid="reading-note">{move || tr(store.lang.get(), "正在查看通过链接分享的数据。要录入数据，请先关闭分享的数据（页面上方）。", "Figures shared by link are open. To enter figures, close them first (at the top of the page).")}</p>
                    }.into_any()
                } else if store.reading() {
                    view! {
                        <h1>{move || tr(store.lang.get(), "批量录入", "Enter a release")}</h1>
                        <p data-testid="reading-note">{move || tr(store.lang.get(), "本页显示的是已发布的数据。要在本浏览器中录入自己的数据（不会改动已发布的数据），请先选择“添加我自己的数据”。", "This page shows the published figures. To enter figures of your own in this browser (the published ones are not changed), choose “Add my own figures” first.")}</p>
                        <p class="actions"><reach::AddOwn/></p>
                    }.into_any()
                } else {
                    parts::grid()
                }).into_any(),
                Route::Data => parts::data(),
                Route::Glossary => parts::glossary(),
                Route::Bulletin(month) => parts::bulletin(month),
            }}</staged::Later>
        </main>
        <staged::Later><Footer/></staged::Later>
    }
}

#[component]
fn Header() -> impl IntoView {
    let store = use_store();
    let lang = store.lang;
    let data = Dataset::embedded();
    view! {
        <header class="top">
            <div class="brand">
                <a href="#/">{move || tr(lang.get(), "新源县2023年政府工作报告目标进度", "Xinyuan County 2023 targets tracker")}</a>
            </div>
            <nav aria-label=move || tr(lang.get(), "主导航", "Main navigation")>
                <a href="#/">{move || tr(lang.get(), "总览", "Overview")}</a>
                <a href="#/all">{move || tr(lang.get(), "全部指标", "All indicators")}</a>
                <a href="#/entry">{move || tr(lang.get(), "批量录入", "Enter a release")}</a>
                <a href="#/bulletin">{move || tr(lang.get(), "进度通报", "Bulletin")}</a>
                <a href="#/data">{move || tr(lang.get(), "导入导出", "Import / export")}</a>
                <label class="section-jump">
                    <span class="visually-hidden">{move || tr(lang.get(), "按部分查看", "Go to a section")}</span>
                    <select on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if !v.is_empty() { web::set_hash(&Route::Section(v).href()); }
                    }>
                        <option value="">{move || tr(lang.get(), "按部分查看…", "Sections…")}</option>
                        {data.sections.iter().map(|s| {
                            let s2 = s.clone();
                            view! { <option value=s.id.clone()>{move || section_label(&s2, lang.get())}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <button class="lang" on:click=move |_| store.set_lang(if lang.get() == Lang::Zh { Lang::En } else { Lang::Zh })
                    lang=move || if lang.get() == Lang::Zh { "en" } else { "zh-CN" }>
                    {move || tr(lang.get(), "English", "中文")}
                </button>
            </nav>
        </header>
    }
}

/// Text of the report's data in the language shown. In English, the Chinese terms the data keeps
/// on purpose (预计, 限上, 三品一标…) are each put in a `<span lang="zh-CN">`, so that screen
/// readers read them as Chinese; Chinese text is shown as it is.
pub fn marked(text: String, lang: Lang) -> AnyView {
    if lang == Lang::Zh || !text.chars().any(crate::model::format::is_cjk) {
        return text.into_any();
    }
    crate::model::format::cjk_runs(&text)
        .into_iter()
        .map(|(zh, run)| {
            let run = run.to_string();
            if zh {
                view! { <span lang="zh-CN">{run}</span> }.into_any()
            } else {
                run.into_any()
            }
        })
        .collect_view()
        .into_any()
}

/// "（一）Projects and investment".
pub fn section_label(s: &crate::model::dataset::Section, lang: Lang) -> String {
    const NUMS: [&str; 11] = [
        "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一",
    ];
    match s.number {
        Some(n) => match lang {
            Lang::Zh => format!(
                "（{}）{}",
                NUMS.get(usize::from(n).saturating_sub(1)).unwrap_or(&""),
                s.short.zh
            ),
            Lang::En => format!("({n}) {}", s.short.en),
        },
        None => s.short.get(lang).to_string(),
    }
}

#[component]
fn Banner() -> impl IntoView {
    let store = use_store();
    let lang = store.lang;
    let notice = move || {
        let l = lang.get();
        let text = match store.notice.get()? {
            Notice::Migrated { from, backup: key } => match l {
                Lang::Zh => format!("已将旧版本（第 {from} 版格式）的数据升级；原数据原样保存在本浏览器的“{key}”中。"),
                Lang::En => format!("Saved data of schema {from} was upgraded; the original is kept as it was under “{key}” in this browser."),
            },
            Notice::UndoWaits => tr(l, "浏览器存储或已保存的数据现在无法读取，无法确定其他标签页是否改动过这些数据，因此暂不撤销或重做。", "Browser storage or the saved data cannot be read just now, so changes other tabs may have made to these figures cannot be known: undo and redo wait until it can.").to_string(),
            Notice::SetAside(key) => match l {
                Lang::Zh => format!("无法读取的数据已原样另存在本浏览器的“{key}”中，已重新开始保存。"),
                Lang::En => format!("The unreadable data is kept as it was under “{key}” in this browser; saving again."),
            },
            Notice::KeptOthers(n) => match l {
                Lang::Zh => format!("撤销时保留了 {n} 个已在其他标签页中修改过的数据。"),
                Lang::En => format!("Undo left {n} {} as another tab had changed {} since.", if n == 1 { "figure" } else { "figures" }, if n == 1 { "it" } else { "them" }),
            },
        };
        Some(view! { <div class="banner info" role="status" data-testid="notice">{text}</div> })
    };
    let unsaved = move |l: Lang| {
        let n = store.unsaved.get();
        (n > 0).then(|| match l {
            Lang::Zh => format!("本页面有 {n} 个数据尚未保存。"),
            Lang::En => format!(
                "{n} {} on this page {} not saved.",
                if n == 1 { "figure" } else { "figures" },
                if n == 1 { "is" } else { "are" }
            ),
        })
    };
    let health = move || {
        let l = lang.get();
        match store.health.get() {
            Health::Saving => None,
            Health::Unavailable(why) => Some(view! {
                <div class="banner warn" role="alert" data-testid="health">
                    <strong>{tr(l, "无法保存：", "Not saving: ")}</strong>
                    {tr(l, "此浏览器不允许本地存储，输入的数字只保留在本页面，关闭后会丢失。请用页脚的“导出备份”保存。", "this browser does not allow local storage; figures stay in this page only and are lost when it closes. Use “Export backup” in the footer to keep them.")}
                    " " {unsaved(l)}
                    <small>" (" {why} ")"</small>
                </div>
            }.into_any()),
            Health::Full => Some(view! {
                <div class="banner warn" role="alert" data-testid="health">
                    <strong>{tr(l, "无法保存：", "Not saving: ")}</strong>
                    {tr(l, "浏览器存储已满，最近的修改只保留在本页面。请导出备份，清理空间后再试。", "browser storage is full; the latest changes are kept in this page only. Export a backup, free space, then try again.")}
                    " " {unsaved(l)}
                    <div class="actions">
                        <button on:click=move |_| export_backup()>{tr(l, "导出备份", "Export backup")}</button>
                        <button on:click=move |_| store.retry()>{tr(l, "再试一次", "Try again")}</button>
                    </div>
                </div>
            }.into_any()),
            Health::Unreadable { raw, error, aside_failed } => {
                let raw2 = raw.clone();
                Some(view! {
                    <div class="banner warn" role="alert" data-testid="health">
                        <strong>{tr(l, "已保存的数据无法读取，", "The saved data cannot be read, ")}</strong>
                        {tr(l, "因此原样保留、不会被覆盖；本页面的修改暂不保存。", "so it is kept as it is and not overwritten; changes made on this page are not saved for now.")}
                        " " {unsaved(l)}
                        <small>" (" {error.message(l)} ")"</small>
                        {aside_failed.map(|e| view! {
                            <p data-testid="aside-failed"><strong>{tr(l, "未能另存：", "Could not set it aside: ")}</strong>
                            {if e == crate::model::sync::StorageError::Full {
                                tr(l, "存储空间不足，无法先保存一份原样的副本，因此什么也没有改动。请先下载原数据，清理空间后再试。", "storage has no room for a copy of it as it is, so nothing was changed. Download it first, free space, then try again.")
                            } else {
                                tr(l, "无法先保存一份原样的副本，因此什么也没有改动。请先下载原数据，稍后再试。", "a copy of it as it is could not be made, so nothing was changed. Download it first, then try again later.")
                            }}
                            <small>" (" {e.message(l)} ")"</small></p>
                        })}
                        <div class="actions">
                            <button on:click=move |_| { let _ = web::download("xinyuan-tracker-unreadable.json", "application/json", &raw2); }>
                                {tr(l, "下载原数据", "Download it as it is")}
                            </button>
                            <button on:click=move |_| {
                                let ok = web_sys::window().and_then(|w| w.confirm_with_message(tr(l, "将无法读取的数据原样另存为备份，并开始保存本页面的数据？", "Keep the unreadable data as a backup, as it is, and start saving the figures on this page?")).ok()).unwrap_or(false);
                                if ok { store.discard_unreadable(); }
                            }>{tr(l, "另存为备份并重新开始保存", "Set it aside and save again")}</button>
                        </div>
                    </div>
                })
                .map(IntoAny::into_any)
            }
        }
    };
    view! { {notice} {health} }
}

fn export_backup() {
    let store = use_store();
    let text = saved::encode(&store.own_untracked(), &web::now_iso());
    let _ = web::download("xinyuan-tracker-backup.json", "application/json", &text);
}

#[component]
fn Footer() -> impl IntoView {
    let store = use_store();
    let lang = store.lang;
    let data = Dataset::embedded();
    view! {
        <footer>
            <p>
                {move || tr(lang.get(), "数据来源：", "Source: ")}
                {move || data.source.title.get(lang.get()).to_string()}
                " · " <a href="report.txt" download="xinyuan-2023-report.txt">{move || tr(lang.get(), "报告全文", "Full text of the report")}</a>
                " · " <a href="indicators.json" download="xinyuan-2023-indicators.json">{move || tr(lang.get(), "指标数据（JSON）", "Indicator data (JSON)")}</a>
                " · " <a href=Route::Glossary.href() data-testid="glossary-link">{move || tr(lang.get(), "术语与判断方法", "Glossary and how status is judged")}</a>
            </p>
            <p class="actions">
                <button on:click=move |_| export_backup()>{move || tr(lang.get(), "导出备份", "Export backup")}</button>
                <button disabled=move || !store.can_undo.get().0 on:click=move |_| store.undo()>{move || tr(lang.get(), "撤销", "Undo")}</button>
                <button disabled=move || !store.can_undo.get().1 on:click=move |_| store.redo()>{move || tr(lang.get(), "重做", "Redo")}</button>
                <span class="saved-count" data-testid="saved-count">
                    {move || {
                        let n = store.entries.with(|e| e.len());
                        let published = matches!(store.published.get(), state::PublishedState::Shown { .. });
                        let own = store.own_with(|e| e.len());
                        match (lang.get(), published || store.shared.with(Option::is_some)) {
                            (Lang::Zh, false) => format!("{n} 个已录入数据"),
                            (Lang::En, false) => format!("{} entered", crate::model::format::count(n, "figure", "figures")),
                            (Lang::Zh, true) => format!("显示 {n} 个数据，其中 {own} 个录入于本浏览器"),
                            (Lang::En, true) => format!("{} shown, {own} entered in this browser", crate::model::format::count(n, "figure", "figures")),
                        }
                    }}
                </span>
            </p>
            <div class="actions share"><reach::SharePanel/></div>
        </footer>
    }
}
