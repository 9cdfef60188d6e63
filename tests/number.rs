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

// Issue 11 (Trust), numbers: each test below pins one defect of the issue.

fn value(text: &str, unit: &str) -> Result<f64, xinyuan_tracker::model::number::NumberError> {
    parse(text, Field::Value { unit }).map(|p| p.value)
}

fn growth(text: &str) -> Result<f64, xinyuan_tracker::model::number::NumberError> {
    parse(text, Field::Growth).map(|p| p.value)
}

#[test]
fn a_base_unit_typed_into_a_magnitude_field_is_converted_and_shown() {
    assert_eq!(value("3000亩", "万亩"), Ok(0.3));
    assert_eq!(value("3000 亩", "万亩"), Ok(0.3));
    assert_eq!(value("8400000人次", "万人次"), Ok(840.0));
    assert_eq!(value("1290000吨", "万吨"), Ok(129.0));
    assert_eq!(value("5000000000元", "亿元"), Ok(50.0));
    assert_eq!(value("180100头", "万头（只）"), Ok(18.01));
    assert_eq!(value("180100只", "万头（只）"), Ok(18.01));
    assert_eq!(value("250000美元", "万美元"), Ok(25.0));
    assert!(parse("3000亩", Field::Value { unit: "万亩" }).is_ok_and(|p| p.converted));
}

#[test]
fn a_unit_the_field_cannot_take_is_refused_naming_the_fields_unit() {
    use xinyuan_tracker::model::Lang;
    for (text, unit) in [
        ("5吨", "亿元"),
        ("5亿元", "%"),
        ("12个", "亿元"),
        ("12吨", "千米"),
        ("3人", "万人次"),
    ] {
        let err = parse(text, Field::Value { unit }).expect_err(text);
        assert!(
            err.message(Lang::Zh).contains(unit) && err.message(Lang::En).contains(unit),
            "{text} into {unit}: {err:?}"
        );
    }
}

#[test]
fn spaces_inside_a_number_follow_the_same_grouping_rule_as_commas() {
    use xinyuan_tracker::model::number::NumberError::BadGrouping;
    assert_eq!(value("1 23", "亿元"), Err(BadGrouping));
    assert_eq!(value("1\u{a0}23", "亿元"), Err(BadGrouping));
    assert_eq!(value("12 34 567", "亿元"), Err(BadGrouping));
    assert_eq!(value("12 345", "亿元"), Ok(12345.0));
    assert_eq!(value("1\u{2009}234\u{2009}567.5", "亿元"), Ok(1_234_567.5));
    assert_eq!(value("1,234,567.5", "亿元"), Ok(1_234_567.5));
}

#[test]
fn growth_copied_from_a_statistics_release_is_read_with_its_sign() {
    assert_eq!(growth("同比增长7.6%"), Ok(7.6));
    assert_eq!(growth("增长7.6%"), Ok(7.6));
    assert_eq!(growth("增7.6%"), Ok(7.6));
    assert_eq!(growth("增加4.5%"), Ok(4.5));
    assert_eq!(growth("下降3.5%"), Ok(-3.5));
    assert_eq!(growth("同比下降3.5%"), Ok(-3.5));
    assert_eq!(growth("增长-8.7%"), Ok(-8.7));
    assert_eq!(growth("+7.6%"), Ok(7.6));
    assert!(growth("下降-3%").is_err(), "contradictory");
    assert!(growth("回落2%").is_err(), "a slowing of growth, not a rate");
}

#[test]
fn a_value_copied_with_a_magnitude_unit_is_converted() {
    assert_eq!(value("383967万元", "亿元"), Ok(38.3967));
    assert_eq!(value("56.7亿", "亿元"), Ok(56.7));
    assert_eq!(value("1257.2万人次", "万人次"), Ok(1257.2));
    assert_eq!(value("5千亩", "万亩"), Ok(0.5));
    assert_eq!(value("12千米", "千米"), Ok(12.0));
}

/// Inserts `sep` between groups of three digits of an integer's decimal digits.
fn grouped(digits: &str, sep: char) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

const SEPARATORS: [char; 7] = [',', '，', ' ', '\u{a0}', '\u{2009}', '\u{202f}', '\u{3000}'];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn a_base_unit_typed_into_any_field_of_the_dataset_is_divided_by_its_magnitude(
        x in 0.0..1e6f64, i in 0usize..1000,
    ) {
        use xinyuan_tracker::model::number::split_unit;
        let data = xinyuan_tracker::model::Dataset::embedded();
        let unit = data.indicators[i % data.indicators.len()].unit.zh.as_str();
        prop_assume!(unit != "%");
        let (magnitude, base) = split_unit(unit);
        let x = (x * 100.0).round() / 100.0;
        let p = parse(&format!("{x}{base}"), Field::Value { unit }).expect("a base unit");
        // The decimal typed, shifted by the magnitude and rounded once: within one rounding of
        // the quotient.
        let want = x / magnitude;
        prop_assert!((p.value - want).abs() <= want.abs() * 2.0 * f64::EPSILON, "{} vs {}", p.value, want);
        prop_assert!(p.converted);
        let p = parse(&format!("{x} {unit}"), Field::Value { unit }).expect("the field's unit");
        prop_assert_eq!(p.value, x);
    }

    #[test]
    fn a_number_grouped_by_threes_with_any_one_separator_reads_back(
        n in 0u64..1_000_000_000_000, frac in proptest::option::of(0u32..1000), s in 0usize..SEPARATORS.len(),
    ) {
        let digits = n.to_string();
        let text = match frac {
            Some(f) => format!("{}.{f:03}", grouped(&digits, SEPARATORS[s])),
            None => grouped(&digits, SEPARATORS[s]),
        };
        let plain = match frac {
            Some(f) => format!("{digits}.{f:03}"),
            None => digits.clone(),
        };
        let want: f64 = plain.parse().expect("f64");
        prop_assert_eq!(value(&text, "万元"), Ok(want), "{:?}", text);
    }

    #[test]
    fn a_number_grouped_otherwise_is_refused_as_bad_grouping(
        head in 1u32..1000, groups in proptest::collection::vec(0u32..1000, 1..4),
        bad in 0usize..4, short in proptest::bool::ANY, s in 0usize..SEPARATORS.len(),
    ) {
        use xinyuan_tracker::model::number::NumberError::BadGrouping;
        let sep = SEPARATORS[s].to_string();
        let mut parts: Vec<String> = std::iter::once(head.to_string())
            .chain(groups.iter().map(|g| format!("{g:03}")))
            .collect();
        // Spoil one group after the first: one digit short, or one too many.
        let k = 1 + bad % (parts.len() - 1);
        if short { parts[k].pop(); } else { parts[k].push('7'); }
        let text = parts.join(&sep);
        prop_assert_eq!(value(&text, "亿元"), Err(BadGrouping), "{:?}", text);
    }

    #[test]
    fn a_decrease_copied_from_a_release_is_a_negative_growth_rate(x in 0.0..100.0f64, word in 0usize..4) {
        let x = (x * 10.0).round() / 10.0;
        prop_assume!(x > 0.0);
        let phrase = ["下降", "同比下降", "减少", "比上年下降"][word];
        prop_assert_eq!(growth(&format!("{phrase}{x}%")), Ok(-x));
        prop_assert_eq!(growth(&format!("增长{x}%")), Ok(x));
    }
}

// The scale check: a 万 or 亿 slip is caught before saving, the report's own figures are not.

fn checked(
    id: &str,
    text: &str,
    period: xinyuan_tracker::model::Period,
) -> Option<xinyuan_tracker::model::number::ScaleWarning> {
    let data = xinyuan_tracker::model::Dataset::embedded();
    let ind = data.indicator(id).expect("indicator");
    let p = parse(text, Field::Value { unit: &ind.unit.zh }).expect("a number");
    xinyuan_tracker::model::number::scale_check(&p, ind, period)
}

#[test]
fn a_wan_yuan_figure_typed_into_an_yi_yuan_field_draws_a_warning_with_the_likely_reading() {
    use xinyuan_tracker::model::{Lang, Period};
    let w = checked("gdp", "1,052,000", Period::Quarter(4)).expect("a warning");
    assert!(w.too_large());
    let likely = w.likely.clone().expect("a likely reading");
    assert!((likely.value - 105.2).abs() < 1e-9);
    assert_eq!(likely.meant_unit.as_deref(), Some("万元"));
    assert_eq!(w.assumed, "亿元");
    let zh = w.message(Lang::Zh);
    let en = w.message(Lang::En);
    assert!(
        zh.contains("1,052,000 亿元") && zh.contains("万元") && zh.contains("105.2 亿元"),
        "{zh}"
    );
    // English writes quantities in words; a Chinese unit appears only as the one typed or meant.
    assert_eq!(
        en,
        "1,052,000, read in 100 million yuan (亿元), is 105,200 billion yuan: about 7,874 times \
         the 2022 figure (13.361 billion yuan). If it is a figure in 10,000 yuan (万元), it is \
         10.52 billion yuan."
    );
    for m in [&zh, &en] {
        // Compared with the 2022 figure: GDP's implied 2023 level is not comparable (a
        // current-price level times a real growth rate), so it is never quoted.
        assert!(
            m.contains("7,874") && !m.contains("144.2988") && !m.contains("14.43"),
            "how many times: {m}"
        );
    }
}

#[test]
fn slips_of_the_afforestation_and_tourist_examples_are_caught() {
    use xinyuan_tracker::model::Period;
    let w = checked("afforestation", "3000", Period::Month(6)).expect("3000 in 万亩");
    let likely = w.likely.expect("likely");
    assert_eq!(likely.value, 0.3);
    assert_eq!(likely.meant_unit.as_deref(), Some("亩"));
    assert!(checked("afforestation", "3000亩", Period::Month(6)).is_none());
    let w = checked("tourists", "8400000", Period::Month(12)).expect("人次 in 万人次");
    assert_eq!(w.likely.and_then(|l| l.meant_unit).as_deref(), Some("人次"));
    // A typed unit is the one assumed: 1052000亿元 was read in 亿元 as typed.
    let w = checked("gdp", "1052000亿元", Period::Quarter(4)).expect("a warning");
    assert_eq!(w.assumed, "亿元");
    // Too small: an 亿元 figure typed into a 万元 field.
    let data = xinyuan_tracker::model::Dataset::embedded();
    let wan = data
        .indicators
        .iter()
        .find(|i| i.unit.zh == "万元" && i.base_value().is_some());
    if let Some(ind) = wan {
        let tiny = ind.base_value().unwrap_or(1.0) / 1e4;
        let w = checked(&ind.id, &format!("{tiny:.8}"), Period::Month(12)).expect("too small");
        assert!(!w.too_large());
        assert_eq!(w.likely.and_then(|l| l.meant_unit).as_deref(), Some("亿元"));
    }
}

#[test]
fn the_reports_own_figures_draw_no_scale_warning_in_any_period() {
    use xinyuan_tracker::model::number::scale_check;
    use xinyuan_tracker::model::Period;
    let data = xinyuan_tracker::model::Dataset::embedded();
    for ind in &data.indicators {
        let refs = [ind.base_value(), ind.absolute_target(), ind.implied_level()];
        for r in refs.into_iter().flatten() {
            for period in Period::all_months().chain(Period::all_quarters()) {
                let share = if ind.kind.is_flow() {
                    period.elapsed()
                } else {
                    1.0
                };
                for v in [r, r * share, r * share / 10.0, r * 3.0] {
                    let p = parse(&format!("{v}"), Field::Value { unit: &ind.unit.zh });
                    if let Ok(p) = p {
                        assert!(
                            scale_check(&p, ind, period).is_none(),
                            "{} {v} {period}",
                            ind.id
                        );
                    }
                }
            }
        }
    }
}

/// Converted values are the decimal typed, shifted: not a product with an inexact power of ten.
#[test]
fn a_converted_value_is_exactly_the_decimal_typed() {
    use xinyuan_tracker::model::number::{parse, Field};
    let v = |s: &str, unit: &str| parse(s, Field::Value { unit }).map(|p| p.value);
    assert_eq!(v("0.07亿元", "万元"), Ok(700.0));
    assert_eq!(v("2.3千万元", "亿元"), Ok(0.23));
    assert_eq!(v("383967万元", "亿元"), Ok(38.3967));
    assert_eq!(v("3000亩", "万亩"), Ok(0.3));
}

/// What a release's sentence carries around a figure, and other ways of writing a unit.
#[test]
fn clause_punctuation_and_other_spellings_of_units_are_understood() {
    use xinyuan_tracker::model::number::{parse, Field};
    let g = |s: &str| parse(s, Field::Growth).map(|p| p.value);
    assert_eq!(g("增长7.6%。"), Ok(7.6));
    assert_eq!(g("增长7.6%，"), Ok(7.6));
    assert_eq!(g("同比增长7.6%；"), Ok(7.6));
    assert_eq!(g("降3.5%"), Ok(-3.5));
    let v = |s: &str, unit: &str| parse(s, Field::Value { unit }).map(|p| p.value);
    assert_eq!(v("1.6万㎡", "万平方米"), Ok(1.6));
    assert_eq!(v("12公里", "千米"), Ok(12.0));
    assert_eq!(v("3000米", "千米"), Ok(3.0));
    assert_eq!(
        v("12,", "亿元"),
        Err(xinyuan_tracker::model::number::NumberError::BadGrouping),
        "a comma after digits is still a grouping error"
    );
}

#[test]
fn yuan_is_not_taken_for_us_dollars() {
    use xinyuan_tracker::model::number::NumberError;
    for typed in ["5.6亿元", "56000万元", "3元"] {
        assert!(
            matches!(
                parse(typed, Field::Value { unit: "万美元" }),
                Err(NumberError::WrongUnit { .. })
            ),
            "{typed}: {:?}",
            parse(typed, Field::Value { unit: "万美元" })
        );
    }
    assert_eq!(value("2400万美元", "万美元"), Ok(2400.0));
    assert_eq!(value("0.24亿美元", "万美元"), Ok(2400.0));
}
