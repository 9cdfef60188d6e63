//! A chart with its text alternative and SVG/PNG downloads.

use super::state::use_store;
use super::text::tr;
use crate::web;
use leptos::prelude::*;

/// A chart (an SVG string from [`crate::chart`]), described for screen readers, with download
/// buttons.
#[component]
pub fn ChartFigure(
    /// The SVG markup, made by plotters (which escapes text, so it is safe to insert).
    svg: String,
    /// Text alternative.
    alt: String,
    /// File name without extension for downloads.
    name: String,
) -> impl IntoView {
    let lang = use_store().lang;
    let svg_for_svg = svg.clone();
    let svg_for_png = svg.clone();
    let name_svg = format!("{name}.svg");
    let name_png = format!("{name}.png");
    view! {
        <div class="chart-box">
            <figure class="chart" role="img" aria-label=alt inner_html=svg></figure>
            <p class="chart-actions">
                <button on:click=move |_| { let _ = web::download(&name_svg, "image/svg+xml", &svg_for_svg); }>
                    {move || tr(lang.get(), "下载 SVG", "Download SVG")}
                </button>
                <button on:click=move |_| {
                    let (svg, name) = (svg_for_png.clone(), name_png.clone());
                    leptos::task::spawn_local(async move { let _ = web::download_svg_as_png(&name, &svg, 2.0).await; });
                }>
                    {move || tr(lang.get(), "下载 PNG", "Download PNG")}
                </button>
            </p>
        </div>
    }
}
