//! Pages whose code is not needed for the first view come in parts of the module of their own,
//! fetched the first time one of them is opened (split out of the build's module by
//! `public/split.sh`; each function below is a split point, with the `split` feature, on by
//! default). Natively (the build's rendering to HTML), and without the feature, they are plain
//! calls.

use super::state::use_store;
use super::text::tr;
use super::{bulletin, data, glossary, grid, table};
use crate::model::progress::Status;
use crate::model::saved::Entries;
use crate::model::share::{self, Offer, ShareError, Shared};
use crate::model::Dataset;
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use send_wrapper::SendWrapper;
use std::future::Future;

/// A part of the module that could not be fetched (the network is down and the part was not kept
/// for offline use yet, or the site was replaced by a newer version in the meantime).
#[derive(Debug)]
pub struct NotLoaded;

impl From<SplitLoaderError> for NotLoaded {
    fn from(_: SplitLoaderError) -> Self {
        NotLoaded
    }
}

#[cfg_attr(feature = "split", leptos::wasm_split::wasm_split(entry, wasm_split_path = ::leptos::wasm_split, fallible))]
fn grid_page() -> Result<AnyView, NotLoaded> {
    Ok(grid::GridPage().into_any())
}

#[cfg_attr(feature = "split", leptos::wasm_split::wasm_split(data, wasm_split_path = ::leptos::wasm_split, fallible))]
fn data_page() -> Result<AnyView, NotLoaded> {
    Ok(data::DataPage().into_any())
}

#[cfg_attr(feature = "split", leptos::wasm_split::wasm_split(bulletin, wasm_split_path = ::leptos::wasm_split, fallible))]
fn bulletin_page(month: Option<u8>) -> Result<AnyView, NotLoaded> {
    Ok(view! { <bulletin::BulletinPage month=month/> }.into_any())
}

#[cfg_attr(feature = "split", leptos::wasm_split::wasm_split(glossary, wasm_split_path = ::leptos::wasm_split, fallible))]
fn glossary_page() -> Result<AnyView, NotLoaded> {
    Ok(glossary::GlossaryPage().into_any())
}

#[cfg_attr(feature = "split", leptos::wasm_split::wasm_split(all, wasm_split_path = ::leptos::wasm_split, fallible))]
fn all_indicators(
    query: String,
    section: Option<String>,
    status: Vec<Status>,
) -> Result<AnyView, NotLoaded> {
    Ok(view! { <table::AllIndicators query=query section=section status=status/> }.into_any())
}

#[cfg_attr(feature = "split", leptos::wasm_split::wasm_split(share_read, wasm_split_path = ::leptos::wasm_split, fallible))]
fn read_link(payload: String) -> Result<Result<Shared, ShareError>, NotLoaded> {
    Ok(share::decode(&payload, Dataset::embedded()))
}

#[cfg_attr(feature = "split", leptos::wasm_split::wasm_split(share_make, wasm_split_path = ::leptos::wasm_split, fallible))]
fn make_link(base: String, shown: Entries) -> Result<Offer, NotLoaded> {
    Ok(share::offer(&base, &shown, Dataset::embedded()))
}

/// A split point's result: it is fetched with the `split` feature, at hand without.
#[cfg(feature = "split")]
macro_rules! fetched {
    ($call:expr) => {
        $call
    };
}
#[cfg(not(feature = "split"))]
macro_rules! fetched {
    ($call:expr) => {
        std::future::ready($call)
    };
}

/// The page of the entry grid and the paste box.
#[allow(clippy::redundant_closure)] // Not redundant without the `split` feature.
pub fn grid() -> AnyView {
    in_part(|| fetched!(grid_page()))
}

/// The import / export page.
#[allow(clippy::redundant_closure)] // Not redundant without the `split` feature.
pub fn data() -> AnyView {
    in_part(|| fetched!(data_page()))
}

/// The bulletin of a month (or of the latest release).
pub fn bulletin(month: Option<u8>) -> AnyView {
    in_part(move || fetched!(bulletin_page(month)))
}

/// The glossary.
#[allow(clippy::redundant_closure)] // Not redundant without the `split` feature.
pub fn glossary() -> AnyView {
    in_part(|| fetched!(glossary_page()))
}

/// Every indicator, filtered.
pub fn all(query: String, section: Option<String>, status: Vec<Status>) -> AnyView {
    in_part(move || {
        fetched!(all_indicators(
            query.clone(),
            section.clone(),
            status.clone()
        ))
    })
}

/// The figures of a shared link's payload ([`share::decode`]); [`ShareError::NotFetched`] when
/// the part that reads links could not be fetched.
pub async fn read_shared(payload: String) -> Result<Shared, ShareError> {
    fetched!(read_link(payload))
        .await
        .unwrap_or(Err(ShareError::NotFetched))
}

/// A link carrying `shown` ([`share::offer`]).
pub async fn share_offer(base: String, shown: Entries) -> Result<Offer, NotLoaded> {
    fetched!(make_link(base, shown)).await
}

/// Shows the page once its part is in (a loading line meanwhile); if the part cannot be fetched,
/// says so, with a way to try again.
fn in_part<F, Fut>(load: F) -> AnyView
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<AnyView, NotLoaded>> + 'static,
{
    let store = use_store();
    let lang = store.lang;
    let attempt = RwSignal::new(0u32);
    let page = move || {
        attempt.track();
        let page = SendWrapper::new(load());
        Suspend::new(async move {
            match page.await {
                Ok(page) => page,
                Err(NotLoaded) => view! {
                    <p class="banner error" role="alert" data-testid="part-not-loaded">
                        // A new version has taken over: this version's parts are gone.
                        {move || if store.update_ready.get() {
                            tr(lang.get(), "这一页未能加载：本工具已有新版本，请刷新页面（已保存的数据不会丢失）。", "This page could not be loaded: a new version of the tracker is in; reload the page (saved figures are kept).")
                        } else {
                            tr(lang.get(), "这一页未能加载，可能是网络中断了。", "This page could not be loaded; the connection may have dropped.")
                        }}
                        " "
                        <button on:click=move |_| {
                            attempt.update(|a| *a += 1);
                            // The button is replaced: keyboard focus goes to the page's content.
                            crate::web::focus("main");
                        }>{move || tr(lang.get(), "重试", "Try again")}</button>
                    </p>
                }
                .into_any(),
            }
        })
    };
    view! {
        <Suspense fallback=move || view! {
            <p class="loading" role="status">{move || tr(lang.get(), "正在加载…", "Loading…")}</p>
        }>{page}</Suspense>
    }
    .into_any()
}
