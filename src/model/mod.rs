//! The pure core: the report as data, the figures users enter, and how progress is judged.
//! Nothing here names leptos, web-sys or gloo.

pub mod bulletin;
pub mod dataset;
pub mod docx;
pub mod figures;
pub mod format;
pub mod lagging;
pub mod number;
pub mod progress;
pub mod publish;
pub mod release;
pub mod route;
pub mod saved;
pub mod share;
pub mod sync;
pub mod transfer;
pub mod words;

pub use dataset::{Dataset, Indicator, Lang, Text};
pub use figures::{Figure, Period};
pub use progress::{Assessment, Status};
