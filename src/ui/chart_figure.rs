//! A chart drawn at the width of its box (redrawn when that changes), with its text alternative
//! and SVG/PNG downloads that carry its title, period and source.

use super::state::use_store;
use super::text::tr;
use crate::chart::{Caption, Chart};
use crate::web;
use leptos::prelude::*;

/// A chart, drawn for the space it gets, described for screen readers, with download buttons.
#[component]
pub fn ChartFigure(
    /// What to draw.
    chart: Chart,
    /// Title, period and source, written on downloads.
    caption: Caption,
    /// Text alternative.
    alt: String,
    /// File name without extension for downloads.
    name: String,
    /// Whether to offer downloads (the small charts of a section page do not).
    #[prop(default = true)]
    downloads: bool,
) -> impl IntoView {
    let lang = use_store().lang;
    let width = RwSignal::new(None::<u32>);
    // Drawn when it comes near the screen (or the page is printed), so that a page of many charts
    // draws only those in view at first; until then it keeps the room it will take.
    let near = RwSignal::new(false);
    let node = NodeRef::<leptos::html::Figure>::new();
    let watch =
        StoredValue::new_local(None::<(Option<web::WidthWatch>, Option<web::VisibleWatch>)>);
    // Rendered to HTML (the first view), where the chart is not drawn yet: the heights it will
    // take, so that its room is kept at the width the page gives it (see `ui::first`).
    let heights = cfg!(not(target_arch = "wasm32")).then(|| crate::chart::height_runs(&chart));
    let chart = StoredValue::new(chart);
    Effect::new(move |_| {
        if let Some(el) = node.get() {
            let sized = el.clone();
            let on_width = move |w| {
                web::set_min_height(&sized, chart.with_value(|c| c.height(w)));
                width.set(Some(w));
            };
            watch.set_value(Some((
                web::watch_width(&el, on_width),
                web::when_visible(&el, move || near.set(true)),
            )));
        }
    });
    let caption = StoredValue::new(caption);
    // plotters escapes text, so its markup is safe to insert.
    let svg = move || {
        width
            .get()
            .filter(|_| near.get())
            .map(|w| chart.with_value(|c| c.svg(w)))
            .unwrap_or_default()
    };
    let file = move || {
        let w = width.get_untracked().unwrap_or(720).max(640);
        chart.with_value(|c| caption.with_value(|cap| c.download_svg(w, cap)))
    };
    let name_svg = format!("{name}.svg");
    let name_png = format!("{name}.png");
    view! {
        <div class="chart-box">
            <figure class="chart" node_ref=node role="img" aria-label=alt data-chart=name.clone() data-heights=heights inner_html=svg></figure>
            {downloads.then(|| view! {
                <p class="chart-actions">
                    <button on:click=move |_| { let _ = web::download(&name_svg, "image/svg+xml", &file()); }>
                        {move || tr(lang.get(), "下载 SVG", "Download SVG")}
                    </button>
                    <button on:click=move |_| {
                        let (svg, name) = (file(), name_png.clone());
                        leptos::task::spawn_local(async move { let _ = web::download_svg_as_png(&name, &svg, 2.0).await; });
                    }>
                        {move || tr(lang.get(), "下载 PNG", "Download PNG")}
                    </button>
                </p>
            })}
        </div>
    }
}

/// The source line of a downloaded chart: the report, and where this year's figures come from.
pub fn source_line(figure_sources: &[String], l: crate::model::Lang) -> String {
    let mut sources: Vec<&str> = figure_sources
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    sources.dedup();
    let figures = if sources.is_empty() {
        tr(l, "用户录入", "as entered by the user").to_string()
    } else {
        sources.join(tr(l, "；", "; "))
    };
    format!(
        "{}{}",
        tr(
            l,
            "来源：新源县2023年政府工作报告（目标与2022年实绩）；今年数据：",
            "Source: Xinyuan County 2023 Government Work Report (targets and 2022 results); figures for 2023: "
        ),
        figures
    )
}

/// The period a chart covers: "截至1-9月", "to Jan–Sep".
pub fn period_line(latest: Option<crate::model::figures::Period>, l: crate::model::Lang) -> String {
    match latest {
        Some(p) => format!(
            "{}{}",
            tr(l, "截至", "to "),
            crate::model::figures::Period::Month(p.end_month()).label(l)
        ),
        None => tr(
            l,
            "2023年（暂无今年数据）",
            "2023 (no figures for this year yet)",
        )
        .to_string(),
    }
}
