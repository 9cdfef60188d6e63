//! Reaching readers: the published figures (and the reader's own over them), links that carry
//! figures, the QR code of a printed page, and the notice of a new version.

use super::state::{use_store, PublishedState};
use super::text::tr;
use crate::model::publish;
use crate::model::route::Route;
use crate::model::share::Offer;
use crate::model::{format, Dataset, Lang};
use crate::web;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::cell::RefCell;
use std::rc::Rc;

/// The lines under the header: figures from a shared link, the published figures and the
/// reader's own, a published file that cannot be read, a new version waiting.
#[component]
pub fn ReachBars() -> impl IntoView {
    let store = use_store();
    let lang = store.lang;
    let shared = move || {
        let l = lang.get();
        let n = store.shared.with(|s| s.as_ref().map(|e| e.len()))?;
        let keep = move |_| {
            let Some(incoming) = store.shared.get_untracked() else {
                return;
            };
            store.pending_import.set(Some(incoming));
            store.show_shared(None);
            web::set_hash(&Route::Data.href());
        };
        let close = move |_| {
            store.show_shared(None);
            web::set_hash(&Route::Overview.href());
        };
        Some(view! {
            <div class="banner shared" role="status" data-testid="shared">
                <strong>{tr(l, "正在查看通过链接分享的数据", "Figures shared by link")}</strong>
                {match l {
                    Lang::Zh => format!("：{n} 个数据，只供查看，未保存到本浏览器。"),
                    Lang::En => format!(": {}, for reading only, not saved in this browser.", format::count(n, "figure", "figures")),
                }}
                {store.shared_latest_only.get().then(|| tr(l, "链接只带每个指标的最新一期数据。", " The link carries only the latest figure of each indicator."))}
                <div class="actions">
                    <button on:click=keep data-testid="keep-shared">{tr(l, "保留到我的数据…", "Keep these in my figures…")}</button>
                    <button on:click=close>{tr(l, "关闭，回到本浏览器的数据", "Close, back to this browser's figures")}</button>
                </div>
            </div>
        })
    };
    let shared_error = move || {
        let l = lang.get();
        let e = store.shared_error.get()?;
        Some(view! {
            <div class="banner warn" role="alert" data-testid="shared-error">
                <strong>{tr(l, "无法打开分享的链接：", "The shared link cannot be opened: ")}</strong>
                {e.message(l)} " "
                {tr(l, "本页显示的仍是原有数据，没有任何改动。", "Nothing was changed; the page shows the figures it had.")}
                <div class="actions"><button on:click=move |_| store.shared_error.set(None)>{tr(l, "知道了", "OK")}</button></div>
            </div>
        })
    };
    let published = move || {
        let l = lang.get();
        if store.shared.with(Option::is_some) {
            return None;
        }
        match store.published.get() {
            PublishedState::Shown { at, count, skipped } => {
                let when = format::beijing_time(&at).unwrap_or(at);
                let yours = store.own_with(|own| store.published_with(|p| publish::yours(own, p).len()));
                let own_count = store.own_with(|own| own.len());
                let reading = store.reading();
                let drop_all = move |_| {
                    let n = store.own_with_untracked(|own| own.len());
                    let question = match lang.get_untracked() {
                        Lang::Zh => format!("放弃你在本浏览器中录入的全部 {n} 个数据，只看已发布的数据？（可在页脚撤销）"),
                        Lang::En => format!("Drop all {} you entered in this browser and show only the published figures? (Undo is in the footer.)", format::count(n, "figure", "figures")),
                    };
                    if !web_sys::window().and_then(|w| w.confirm_with_message(&question).ok()).unwrap_or(false) {
                        return;
                    }
                    let keys: Vec<_> = store.own_with_untracked(|own| publish::figures_only(own).keys().into_iter().collect());
                    store.commit(publish::drop_mine(&keys));
                    store.adding.set(false);
                };
                Some(view! {
                    <div class="banner published" role="status" data-testid="published">
                        {match (l, when.is_empty()) {
                            (Lang::Zh, false) => format!("显示的是已发布的数据（{count} 个，发布于北京时间 {when}）。"),
                            (Lang::Zh, true) => format!("显示的是已发布的数据（{count} 个）。"),
                            (Lang::En, false) => format!("Showing the published figures ({count}, published {when} Beijing time)."),
                            (Lang::En, true) => format!("Showing the published figures ({count})."),
                        }}
                        {(yours > 0).then(|| match l {
                            Lang::Zh => format!(" 其中 {yours} 个是你在本浏览器中录入、与已发布数据不同的数据，标为“我的”。"),
                            Lang::En => format!(" {} you entered in this browser differ from the published ones and are marked “yours”.", format::count(yours, "figure", "figures")),
                        })}
                        {(!skipped.is_empty()).then(|| match l {
                            Lang::Zh => format!(" 文件中有本报告没有的指标（{}），未显示。", skipped.join("、")),
                            Lang::En => format!(" Indicators this report does not have ({}) are not shown.", skipped.join(", ")),
                        })}
                        <span class="actions">
                            {reading.then(|| view! {
                                <AddOwn/>
                            })}
                            {(own_count > 0).then(|| view! {
                                <button on:click=drop_all data-testid="drop-all">{tr(l, "放弃我的全部数据，只看已发布的", "Drop all of mine, show only the published figures")}</button>
                            })}
                        </span>
                    </div>
                })
                .map(IntoAny::into_any)
            }
            PublishedState::Unreadable(e) => Some(view! {
                <div class="banner warn" role="alert" data-testid="published-error">
                    <strong>{tr(l, "已发布的数据文件无法读取：", "The published figures file cannot be read: ")}</strong>
                    {e.message(l)} {tr(l, "。显示的是本浏览器中的数据，没有任何改动。", ". The page shows this browser's figures; nothing was changed.")}
                </div>
            }.into_any()),
            PublishedState::Pending | PublishedState::Nothing => None,
        }
    };
    let update = move || {
        let l = lang.get();
        store.update_ready.get().then(|| view! {
            <div class="banner info" role="status" data-testid="update">
                {tr(l, "本工具有新版本。", "A new version of the tracker is ready.")}
                <span class="actions"><button on:click=move |_| web::apply_update() data-testid="reload">{tr(l, "重新加载", "Reload")}</button></span>
            </div>
        })
    };
    view! { {update} {shared_error} {shared} {published} }
}

/// "Add my own figures": opens the entry forms to a reader of published figures.
#[component]
pub fn AddOwn() -> impl IntoView {
    let store = use_store();
    view! {
        <button on:click=move |_| store.adding.set(true) data-testid="add-own">
            {move || tr(store.lang.get(), "添加我自己的数据", "Add my own figures")}
        </button>
    }
}

/// "Share": a link carrying the figures shown, with a way to copy it.
#[component]
pub fn SharePanel() -> impl IntoView {
    let store = use_store();
    let lang = store.lang;
    let offer = RwSignal::new(None::<Offer>);
    let copied = RwSignal::new(false);
    // The link is made by a part of the module of its own, fetched on the first click.
    let not_made = RwSignal::new(false);
    let make = move |_| {
        copied.set(false);
        let shown = store.entries.get_untracked();
        leptos::task::spawn_local(async move {
            let made = super::parts::share_offer(web::app_address(), shown).await;
            not_made.set(made.is_err());
            offer.set(made.ok());
        });
    };
    let copy = move |link: String| {
        leptos::task::spawn_local(async move {
            if web::copy_text(&link).await.is_ok() {
                copied.set(true);
            }
        });
    };
    view! {
        <button on:click=make data-testid="share">{move || tr(lang.get(), "分享链接", "Share a link")}</button>
        {move || not_made.get().then(|| view! {
            <p role="alert" data-testid="share-not-made">{tr(lang.get(), "未能生成链接，可能是网络中断了。请再试一次。", "The link could not be made; the connection may have dropped. Try again.")}</p>
        })}
        {move || offer.get().map(|o| {
            let l = lang.get();
            let (link, note) = match o {
                Offer::All(link) => (Some(link), None),
                Offer::Latest { link, figures, all } => (Some(link), Some(match l {
                    Lang::Zh => format!("全部数据的链接太长（{} 个字符），此链接只带每个指标的最新数据（{figures} 个）。要分享全部数据，请发布数据文件或发送备份。", all.length),
                    Lang::En => format!("A link with every figure would be too long ({} characters): this one carries the latest figure of each indicator ({figures}). To share every figure, publish the figures file or send the backup.", all.length),
                })),
                Offer::TooLong(e) => (None, Some(e.message(l))),
            };
            let n = link.as_ref().map(|k| k.chars().count());
            view! {
                <div class="share-panel" role="region" aria-label=tr(l, "分享链接", "Share a link") data-testid="share-panel">
                    {note.map(|t| view! { <p>{t}</p> })}
                    {link.map(|k| {
                        let k2 = k.clone();
                        view! {
                            <p>{match l {
                                Lang::Zh => format!("打开此链接即可查看这些数据（只读），无需服务器。链接长 {} 个字符。", n.unwrap_or(0)),
                                Lang::En => format!("Opening this link shows these figures (read-only); no server involved. It is {} characters long.", n.unwrap_or(0)),
                            }}</p>
                            <input class="share-link" readonly value=k aria-label=tr(l, "链接", "Link") data-testid="share-link"/>
                            <button on:click=move |_| copy(k2.clone())>{tr(l, "复制链接", "Copy the link")}</button>
                            {move || copied.get().then(|| view! { <span role="status">{tr(lang.get(), "已复制。", "Copied.")}</span> })}
                        }
                    })}
                </div>
            }
        })}
    }
}

/// How long printing waits for a page's QR code before it prints without it (ms).
const PRINT_WAIT_MS: i32 = 3000;

thread_local! {
    /// The QR code of the page on screen, while it is not made yet: asked to print, it makes the
    /// code, prints once it is on the page and says so (true); false where it is there already.
    static WAITING: RefCell<Option<Rc<dyn Fn() -> bool>>> = const { RefCell::new(None) };
}

/// Prints the page: at once, or where its QR code is being made, once it is on the page (at most
/// [`PRINT_WAIT_MS`] later).
pub fn print_page() {
    let waiting = WAITING.with(|w| w.borrow().clone());
    if !waiting.is_some_and(|wait| wait()) {
        web::print();
    }
}

/// On paper, a QR code of the page's own address, so a printed page leads back to the live
/// tracker, with the address written under it. Shown only in print.
///
/// The code is made by a part of the module of its own ([`super::parts::qr_svg`]), fetched when
/// the page is about to be printed rather than with the page: at once where `at_once` is set (the
/// bulletin, a page opened to be printed), or where the page was loaded under the service worker
/// (the part then comes from its offline copy); otherwise when printing is asked for. The print
/// key and the app's Print buttons ([`print_page`]) wait until the code is on the page (or could
/// not be made, or [`PRINT_WAIT_MS`] have passed), then print; the browser's own Print menu starts
/// making it (`beforeprint`), and a page printed from that menu before it came carries the address
/// alone.
#[component]
#[allow(unused_variables)] // `route` is read; the lint does not see through the component macro.
pub fn PrintQr(route: Route, #[prop(optional)] at_once: bool) -> impl IntoView {
    let lang = use_store().lang;
    // Where the address is not known (the first view, rendered when the site is built), the code
    // comes with the app: it is seen only in print.
    let base = web::app_address();
    (!base.is_empty()).then(|| {
        let address = format!("{base}{}", route.href());
        let svg = RwSignal::new(None::<String>);
        let asked = StoredValue::new(false);
        let print_asked = StoredValue::new(false);
        // Prints once for each time printing was asked for, when the code came or the wait ran
        // out, whichever is first; not once the page has gone.
        let print_if_asked = move || {
            if print_asked.try_get_value() == Some(true) {
                print_asked.set_value(false);
                web::print();
            }
        };
        let make = {
            let address = address.clone();
            move || {
                if asked.get_value() {
                    return;
                }
                asked.set_value(true);
                let address = address.clone();
                leptos::task::spawn_local(async move {
                    let made = super::parts::qr_svg(address).await;
                    if made.is_none() {
                        // Another try at the next print.
                        asked.try_set_value(false);
                    }
                    svg.try_set(made);
                    // The page is redrawn on the executor's next turn.
                    leptos::task::tick().await;
                    print_if_asked();
                });
            }
        };
        if at_once || web::kept_offline() {
            make();
        }
        let wait: Rc<dyn Fn() -> bool> = Rc::new({
            let make = make.clone();
            move || {
                if svg.try_with_untracked(Option::is_none) != Some(true) {
                    return false;
                }
                if print_asked.try_get_value() == Some(false) {
                    print_asked.set_value(true);
                    web::after(PRINT_WAIT_MS, print_if_asked);
                }
                make();
                true
            }
        });
        WAITING.with(|w| *w.borrow_mut() = Some(wait.clone()));
        let on_key = web::on_print_key({
            let wait = wait.clone();
            move || wait()
        });
        let on_print = web::on_before_print(make);
        let kept = SendWrapper::new((wait, on_key, on_print));
        on_cleanup(move || {
            let (wait, _, _) = kept.take();
            WAITING.with(|w| {
                let mut w = w.borrow_mut();
                if w.as_ref().is_some_and(|now| Rc::ptr_eq(now, &wait)) {
                    *w = None;
                }
            });
        });
        let a2 = address.clone();
        view! {
            <figure class="print-qr" data-testid="print-qr">
                {move || svg.get().map(|svg| view! { <div class="qr" inner_html=svg></div> })}
                <figcaption>{move || tr(lang.get(), "扫码查看最新进度：", "Scan for the live tracker: ")}<br/><span class="qr-address">{a2.clone()}</span></figcaption>
            </figure>
        }
    })
}

/// "Publish": the figures file to put beside the app, with what it changes.
#[component]
pub fn PublishSection() -> impl IntoView {
    let store = use_store();
    let lang = store.lang;
    let data = Dataset::embedded();
    let name = |id: &str, l: Lang| {
        data.indicator(id)
            .map(|i| i.name.get(l).to_string())
            .unwrap_or_else(|| id.to_string())
    };
    // The published figures not in this browser, added to it through the import preview.
    let take_left_out = move |_| {
        let own = store.own_untracked();
        let mut missing = crate::model::saved::Entries::default();
        store.published_with(|published| {
            for (id, period) in publish::compare(&own, published).left_out {
                if let Some(f) = published.figure(&id, period) {
                    missing.apply(crate::model::saved::Op::Put {
                        id,
                        figure: f.clone(),
                    });
                }
            }
        });
        store.pending_import.set(Some(missing));
    };
    let summary = move || {
        let l = lang.get();
        let published = matches!(store.published.get(), PublishedState::Shown { .. });
        let own = store.own_with(publish::figures_only);
        let c = store.published_with(|p| publish::compare(&own, p));
        let mut lines = vec![match l {
            Lang::Zh => format!("文件将包含本浏览器中的 {} 个数据。", own.len()),
            Lang::En => format!(
                "The file will hold the {} in this browser.",
                format::count(own.len(), "figure", "figures")
            ),
        }];
        if published {
            lines.push(match l {
                Lang::Zh => format!(
                    "与现在发布的相比：新增 {}，修改 {}，不再包含 {}。",
                    c.added.len(),
                    c.changed.len(),
                    c.left_out.len()
                ),
                Lang::En => format!(
                    "Compared with the file published now: {} added, {} changed, {} left out.",
                    c.added.len(),
                    c.changed.len(),
                    c.left_out.len()
                ),
            });
        }
        let left_out: Vec<String> = c
            .left_out
            .iter()
            .take(12)
            .map(|(id, p)| format!("{} {}", name(id, l), p.label(l)))
            .collect();
        view! {
            {lines.into_iter().map(|t| view! { <p>{t}</p> }).collect_view()}
            {(!left_out.is_empty()).then(|| view! {
                <p class="warning" role="note" data-testid="left-out">
                    {tr(l, "这些已发布的数据不在本浏览器中，新文件将不再包含它们：", "These published figures are not in this browser, so the new file leaves them out: ")}
                    {left_out.join(if l == Lang::Zh { "、" } else { "; " })}
                    {(c.left_out.len() > 12).then(|| match l { Lang::Zh => format!(" 等 {} 个", c.left_out.len()), Lang::En => format!(" and more ({} in all)", c.left_out.len()) })}
                </p>
                <p class="actions"><button on:click=take_left_out data-testid="take-left-out">{tr(l, "把这些已发布的数据加入我的数据…", "Add these published figures to mine…")}</button></p>
            })}
        }
    };
    let publish = move |_| {
        let own = store.own_untracked();
        let c = store.published_with(|p| publish::compare(&own, p));
        let l = lang.get_untracked();
        // A file that would take figures away from every reader is made only when confirmed.
        let question = if own.is_empty() {
            Some(tr(l, "本浏览器中没有数据，发布的文件将不含任何数据：上传后，访问者将看不到已发布的数据。仍然发布？", "There are no figures in this browser: the file would hold none, and once uploaded readers would see no published figures. Publish anyway?").to_string())
        } else if !c.left_out.is_empty() {
            Some(match l {
                Lang::Zh => format!(
                    "新文件将不再包含 {} 个现在已发布的数据（见上方）。仍然发布？",
                    c.left_out.len()
                ),
                Lang::En => format!(
                    "The new file leaves out {} published now (listed above). Publish anyway?",
                    format::count(c.left_out.len(), "figure", "figures")
                ),
            })
        } else {
            None
        };
        if let Some(q) = question {
            if !web_sys::window()
                .and_then(|w| w.confirm_with_message(&q).ok())
                .unwrap_or(false)
            {
                return;
            }
        }
        let text = publish::file(&own, &web::now_iso());
        let _ = web::download(publish::FILE, "application/json", &text);
    };
    view! {
        <section aria-labelledby="publish-h">
            <h2 id="publish-h">{move || tr(lang.get(), "发布", "Publish")}</h2>
            <p>{move || tr(lang.get(), "把本浏览器中的数据写成发布文件 ", "Writes the figures in this browser to the published file, ")}<code>"figures.json"</code>
                {move || tr(lang.get(), "。把它上传到网站上 ", ". Upload it to the site's folder that holds ")}<code>"index.html"</code>
                {move || tr(lang.get(), " 所在的文件夹（替换原有的同名文件），每位访问者打开本工具时就会看到这些数据，不需要服务器。", " (replacing the file of that name): every visitor then sees these figures when opening the tracker. No server involved.")}</p>
            {summary}
            <p class="actions"><button on:click=publish data-testid="publish">{move || tr(lang.get(), "发布（下载 figures.json）", "Publish (download figures.json)")}</button></p>
        </section>
    }
}
