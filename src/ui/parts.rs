//! Every page but the overview, and reading and making share links, come in parts of the module
//! of their own, fetched the first time one of them is needed (split out of the build's module by
//! `public/split.sh`; each function below is a split point, with the `split` feature, on by
//! default); the app fetches the part of the page in the address before it starts ([`ready`]).
//! Natively (the build's rendering to HTML), and without the feature, they are plain calls.

use super::state::use_store;
use super::text::tr;
use crate::model::progress::Status;
use crate::model::route::Route;
use crate::model::saved::Entries;
use crate::model::share::{self, Offer, ShareError, Shared};
use crate::model::Dataset;
use crate::ui;
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use send_wrapper::SendWrapper;
use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

/// A part of the module that could not be fetched (the network is down and the part was not kept
/// for offline use yet, or the site was replaced by a newer version in the meantime).
#[derive(Debug)]
pub struct NotLoaded;

impl From<SplitLoaderError> for NotLoaded {
    fn from(_: SplitLoaderError) -> Self {
        NotLoaded
    }
}

/// The split points: each part has one function, a split point with the `split` feature (an
/// async function at hand without it), and `ready`, which fetches the part without calling anything in
/// it (see [`ready`]).
macro_rules! split {
    ($($part:ident: fn $name:ident($($arg:ident: $ty:ty),*) -> $ret:ty $body:block)*) => {
        $(
            mod $part {
                #[allow(unused_imports)]
                use super::*;

                #[cfg(feature = "split")]
                #[leptos::wasm_split::wasm_split($part, wasm_split_path = ::leptos::wasm_split, fallible, preload(ready))]
                pub fn $name($($arg: $ty),*) -> $ret $body

                #[cfg(not(feature = "split"))]
                pub async fn $name($($arg: $ty),*) -> $ret $body

                #[cfg(not(feature = "split"))]
                #[allow(dead_code)] // The parts of shared links are not pages.
                pub async fn ready() -> Result<(), NotLoaded> {
                    Ok(())
                }
            }
        )*
    };
}

split! {
    entry: fn page() -> Result<AnyView, NotLoaded> {
        Ok(ui::grid::GridPage().into_any())
    }
    data: fn page() -> Result<AnyView, NotLoaded> {
        Ok(ui::data::DataPage().into_any())
    }
    bulletin: fn page(month: Option<u8>) -> Result<AnyView, NotLoaded> {
        Ok(view! { <ui::bulletin::BulletinPage month=month/> }.into_any())
    }
    glossary: fn page() -> Result<AnyView, NotLoaded> {
        Ok(ui::glossary::GlossaryPage().into_any())
    }
    all: fn page(query: String, section: Option<String>, status: Vec<Status>) -> Result<AnyView, NotLoaded> {
        Ok(view! { <ui::table::AllIndicators query=query section=section status=status/> }.into_any())
    }
    section: fn page(id: String) -> Result<AnyView, NotLoaded> {
        Ok(view! { <ui::table::SectionPage id=id/> }.into_any())
    }
    indicator: fn page(id: String) -> Result<AnyView, NotLoaded> {
        Ok(view! { <ui::indicator::IndicatorPage id=id/> }.into_any())
    }
    share_read: fn read(payload: String) -> Result<Result<Shared, ShareError>, NotLoaded> {
        Ok(share::decode(&payload, Dataset::embedded()))
    }
    share_make: fn make(base: String, shown: Entries) -> Result<Offer, NotLoaded> {
        Ok(share::offer(&base, &shown, Dataset::embedded()))
    }
    qr: fn svg(text: String) -> Result<Option<String>, NotLoaded> {
        Ok(share::qr_svg(&text))
    }
}

/// The page of the entry grid and the paste box.
pub fn grid() -> AnyView {
    in_part(entry::page)
}

/// The import / export page.
pub fn data() -> AnyView {
    in_part(data::page)
}

/// The bulletin of a month (or of the latest release).
pub fn bulletin(month: Option<u8>) -> AnyView {
    in_part(move || bulletin::page(month))
}

/// The glossary.
pub fn glossary() -> AnyView {
    in_part(glossary::page)
}

/// Every indicator, filtered.
pub fn all(query: String, section: Option<String>, status: Vec<Status>) -> AnyView {
    in_part(move || all::page(query.clone(), section.clone(), status.clone()))
}

/// A section's page.
pub fn section(id: String) -> AnyView {
    in_part(move || section::page(id.clone()))
}

/// An indicator's page.
pub fn indicator(id: String) -> AnyView {
    in_part(move || indicator::page(id.clone()))
}

/// The figures of a shared link's payload ([`share::decode`]); [`ShareError::NotFetched`] when
/// the part that reads links could not be fetched.
pub async fn read_shared(payload: String) -> Result<Shared, ShareError> {
    share_read::read(payload)
        .await
        .unwrap_or(Err(ShareError::NotFetched))
}

/// A link carrying `shown` ([`share::offer`]).
pub async fn share_offer(base: String, shown: Entries) -> Result<Offer, NotLoaded> {
    share_make::make(base, shown).await
}

/// The QR code of a printed page's address ([`share::qr_svg`]); `None` when the part that makes
/// it could not be fetched (or the address is too long for one). The QR encoder is a part of its
/// own: only printing needs it, and a first visit need not fetch it.
pub async fn qr_svg(address: String) -> Option<String> {
    qr::svg(address).await.ok().flatten()
}

/// Fetches the part of the page `route` opens, if it has one, and waits until it is in (or could
/// not be fetched: the page then says so). The app starts with it, so that it takes over from the
/// first view with the page itself rather than a loading line.
pub async fn ready(route: &Route) {
    let _ = match route {
        Route::Grid => entry::ready().await,
        Route::Data => data::ready().await,
        Route::Bulletin(_) => bulletin::ready().await,
        Route::Glossary => glossary::ready().await,
        Route::All { .. } => all::ready().await,
        Route::Section(_) => section::ready().await,
        Route::Indicator(_) => indicator::ready().await,
        Route::Overview | Route::Shared(_) => Ok(()),
    };
}

/// Shows the page: at once if its part is in (always so natively, where nothing is split: the
/// build's HTML of a page is the page, not a loading line); otherwise once it is, with a loading
/// line meanwhile, and if the part cannot be fetched, says so, with a way to try again.
fn in_part<F, Fut>(load: F) -> AnyView
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<AnyView, NotLoaded>> + 'static,
{
    let mut asked: Pin<Box<dyn Future<Output = Result<AnyView, NotLoaded>>>> = Box::pin(load());
    match asked.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(Ok(page)) => return page,
        Poll::Ready(Err(NotLoaded)) => asked = Box::pin(std::future::ready(Err(NotLoaded))),
        // The same future goes on below: the part is fetched once.
        Poll::Pending => {}
    }
    let asked = SendWrapper::new(Cell::new(Some(asked)));
    let store = use_store();
    let lang = store.lang;
    let attempt = RwSignal::new(0u32);
    let page = move || {
        attempt.track();
        let page = SendWrapper::new(Cell::take(&asked).unwrap_or_else(|| Box::pin(load())));
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
