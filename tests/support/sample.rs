//! A full year of every indicator with numbers that compress as released ones do: a figure at
//! every month (quarter for quarterly indicators) with a value of five significant digits, a
//! growth rate to one decimal and the release's title as source. Shared by the share-link tests
//! and the benchmark, which both report the length of its link.

use xinyuan_tracker::model::saved::Entries;
use xinyuan_tracker::model::Dataset;

/// The synthetic full year (deterministic).
pub fn full_year(data: &Dataset) -> Entries {
    let mut e = Entries::full_year(data);
    let mut x: u64 = 0x2023;
    for list in e.figures.values_mut() {
        for f in list {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            f.value = Some(((x >> 33) % 100_000) as f64 / 100.0);
            f.growth = Some((((x >> 20) % 300) as f64 - 100.0) / 10.0);
            f.source = format!(
                "新源县统计局：2023年1-{}月主要经济指标",
                f.period.end_month()
            );
        }
    }
    e
}
