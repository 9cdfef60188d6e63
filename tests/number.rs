//! The number parser never panics and never lets a non-finite or implausible number through.
// Tests stop at the first thing that is not as expected.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use proptest::prelude::*;
use xinyuan_tracker::model::number::{parse, Field, GROWTH_RANGE, MAX_VALUE};

const UNITS: [&str; 8] = [
    "亿元",
    "万元",
    "元",
    "%",
    "万人次",
    "个",
    "万头（只）",
    "千米",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn any_text_is_parsed_or_refused_without_panicking(text in "\\PC{0,24}", unit in 0usize..UNITS.len()) {
        for field in [Field::Value { unit: UNITS[unit] }, Field::Growth] {
            if let Ok(p) = parse(&text, field) {
                prop_assert!(p.value.is_finite());
                match field {
                    Field::Growth => prop_assert!((GROWTH_RANGE.0..=GROWTH_RANGE.1).contains(&p.value)),
                    Field::Value { .. } => prop_assert!((0.0..=MAX_VALUE).contains(&p.value)),
                }
            }
        }
    }

    #[test]
    fn number_like_text_is_parsed_or_refused_without_panicking(
        text in "[-+−－ 0-9０-９.．,，万亿%％eE]{0,16}", unit in 0usize..UNITS.len(),
    ) {
        let _ = parse(&text, Field::Value { unit: UNITS[unit] });
        let _ = parse(&text, Field::Growth);
    }

    #[test]
    fn every_plain_decimal_reads_back_as_itself(x in 0.0..1e9f64) {
        let text = format!("{x:.4}");
        let p = parse(&text, Field::Value { unit: "亿元" }).expect("a plain decimal");
        prop_assert!((p.value - text.parse::<f64>().expect("f64")).abs() < 1e-9);
    }
}
