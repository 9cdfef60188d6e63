//! Tracker of the 2023 targets set in the Government Work Report of Xinyuan County (新源县).
//!
//! Layers, from the inside out:
//! - [`model`]: the report's indicators and targets, entered figures and the progress arithmetic.
//!   Pure Rust, tested natively.
//! - [`chart`]: chart drawing on top of the model, generic over the plotters backend.
//! - [`web`]: the one place that touches `localStorage`, the URL and browser events.
//! - [`ui`]: the Leptos components. They run in the browser, and natively to render the first
//!   view to HTML at build time (`src/bin/prerender.rs`).

#![recursion_limit = "256"]

pub mod chart;
pub mod model;

pub mod ui;
pub mod web;
