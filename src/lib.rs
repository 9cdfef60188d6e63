//! Tracker of the 2023 targets set in the Government Work Report of Xinyuan County (新源县).
//!
//! Layers, from the inside out:
//! - [`model`]: the report's indicators and targets, entered figures and the progress arithmetic.
//!   Pure Rust, tested natively.
//! - [`chart`]: chart drawing on top of the model, generic over the plotters backend.
//! - `web` (browser only): the one place that touches `localStorage`, the URL and browser events.
//! - `ui` (browser only): the Leptos components.

pub mod chart;
pub mod model;

#[cfg(target_arch = "wasm32")]
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod web;
