//! The first view: the overview rendered to HTML when the site is built, by the same components
//! the app runs, so that a visitor reads the targets before the app has downloaded, and the app
//! takes over a page that already looks as it will.
//!
//! `index.html` carries the overview in Chinese, the overview in English in a `<template>`, the
//! published figures it was rendered with, and a small inline script (in its `<head>`) that picks
//! what to show before anything is painted: the overview in the visitor's language; for a section
//! or an indicator in the address, the title and a loading line until that page's own first view
//! (a file of [`FOLDER`], see [`pages`]) has arrived; the title and the loading line alone where
//! the app would show something else (another page, figures saved in this browser).
//!
//! What lies below the overview's first screen is marked [`BELOW`] and kept out of the first frame:
//! the script shows it a frame after the view is in, so that the browser lays out and paints the
//! first screen alone first. Without scripts nothing is kept out.

use super::state::Store;
use super::{judged, Page};
use crate::model::publish::Published;
use crate::model::route::Route;
use crate::model::Lang;
use leptos::prelude::*;

/// The overview as the app renders it for a visitor with nothing saved, in `lang`, showing the
/// published figures if there are any, its parts below the first screen marked [`BELOW`].
pub fn overview_html(lang: Lang, published: Option<Published>) -> String {
    mark_below(page_html(Route::Overview, lang, published))
}

/// A page as the app renders it for a visitor with nothing saved.
pub fn page_html(route: Route, lang: Lang, published: Option<Published>) -> String {
    let owner = Owner::new();
    owner.with(|| {
        provide_context(Store::first_view(lang, published));
        judged::provide_judged();
        let route = RwSignal::new(route);
        view! { <Page route=route/> }.to_html()
    })
}

/// The attribute that marks a part of a first view below its first screen: hidden while `<html>`
/// has the class `first-painting` (public/style.css), which the script in `index.html` sets
/// before the page is painted and takes off a frame after the view is in.
pub const BELOW: &str = "data-below";

/// The overview's parts below its first screen, on a phone as on a desktop: the growth chart and
/// the cards (from 818 px down at 1280 × 900 px, from 932 px down at 390 × 844) and the footer.
/// Each is the start of an opening tag as the components render it.
pub const BELOW_FIRST_SCREEN: [&str; 3] = [
    "<section aria-labelledby=\"growth-h\"",
    "<section aria-labelledby=\"cards-h\"",
    "<footer",
];

/// `html` with the first element that each of [`BELOW_FIRST_SCREEN`] opens marked [`BELOW`]. The
/// mark is put in here, not by the components: the app, which never shows it, carries no code
/// for it.
fn mark_below(mut html: String) -> String {
    for start in BELOW_FIRST_SCREEN {
        if let Some(at) = html.find(start) {
            html.insert_str(at + start.len(), &format!(" {BELOW}"));
        }
    }
    html
}

/// The folder of the built site that holds the first views of the section and indicator pages.
pub const FOLDER: &str = "first";

/// The pages that have a first view of their own besides the overview: every section and every
/// indicator, each with its file under [`FOLDER`] (`first/en/indicator/gdp.html` for
/// `#/indicator/gdp`: the fragment without its `#/`, as the script in `index.html` finds it).
pub fn pages(data: &crate::model::Dataset) -> Vec<(Route, String)> {
    let routes = data
        .sections
        .iter()
        .map(|s| Route::Section(s.id.clone()))
        .chain(
            data.indicators
                .iter()
                .map(|i| Route::Indicator(i.id.clone())),
        );
    routes
        .map(|r| {
            let path = r.href().trim_start_matches("#/").to_string();
            (r, path)
        })
        .collect()
}

/// Where the first view goes in `index.html`: between these markers, inside the shell the app
/// removes when it starts. What is between them is replaced, so a site can be rendered again.
pub const MARKERS: (&str, &str) = ("<!-- first view -->", "<!-- /first view -->");

/// What [`insert`] puts on the page's `<html>`: the page carries its first views, so its loading
/// line stays hidden while the page streams in (a development build, without them, shows it).
pub const HAS_FIRST_VIEWS: &str = " data-first-views";

/// `index.html` with the first view between [`MARKERS`]: `zh` shown, `en` in a template, and
/// the published figures file they show (`figures_json`, if there are figures), its `<html>`
/// marked [`HAS_FIRST_VIEWS`]. `None` if the page has no markers.
pub fn insert(index: &str, zh: &str, en: &str, figures_json: Option<&str>) -> Option<String> {
    let start = index.find(MARKERS.0)? + MARKERS.0.len();
    let end = start + index[start..].find(MARKERS.1)?;
    let mut view = String::with_capacity(zh.len() + en.len() + 200);
    view.push_str("<div class=\"first-view\" data-first=\"zh\">");
    view.push_str(zh);
    view.push_str("</div><template data-first=\"en\"><div class=\"first-view\" data-first=\"en\">");
    view.push_str(en);
    view.push_str("</div></template>");
    // The file the views show, empty if none: the app starts from the same (`Store`). Inside a
    // <script> element only `</script` (any case) would end it early; JSON escapes `/` as `\/`
    // without changing what it means.
    let safe = figures_json.unwrap_or_default().replace("</", "<\\/");
    view.push_str("<script type=\"application/json\" id=\"first-published\">");
    view.push_str(&safe);
    view.push_str("</script>");
    let page = format!("{}{view}{}", &index[..start], &index[end..]);
    let marked = format!("<html{HAS_FIRST_VIEWS}");
    Some(match page.find("<html") {
        Some(at) if !page[at..].starts_with(&marked) => {
            format!("{}{marked}{}", &page[..at], &page[at + "<html".len()..])
        }
        _ => page,
    })
}
