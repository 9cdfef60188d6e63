//! The dataset against the report's text: every figure traceable to the report's words.
// Tests stop at the first thing that is not as expected.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use xinyuan_tracker::model::dataset::{
    numbers_of, Dataset, Firmness, Goal, Indicator, Quotes, EMBEDDED_JSON,
};

const REPORT: &str = include_str!("../data/report.txt");

/// The report with its line breaks removed: the source breaks lines at page ends, even inside
/// sentences, so quotes are matched against the text joined up (documented in data/README.md).
fn report_text() -> String {
    REPORT.replace(['\n', '\r'], "")
}

/// Every number written in a text, with separators and spaces around it ignored.
fn numbers_in(text: &str) -> Vec<f64> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() || (c == '.' && !cur.is_empty()) {
            cur.push(c);
        } else if !cur.is_empty() {
            if let Ok(n) = cur.trim_end_matches('.').parse::<f64>() {
                out.push(n);
            }
            cur.clear();
        }
    }
    out
}

/// Whether `value` is written in `quote`, directly or after the unit conversions the dataset
/// documents (万 ↔ units: ×10⁴ or ×10⁻⁴).
fn written_in(value: f64, quote: &str) -> bool {
    numbers_in(quote).iter().any(|n| {
        [1.0, 1e4, 1e-4]
            .iter()
            .any(|k| ((n * k) - value.abs()).abs() <= 1e-9 * value.abs().max(1.0))
    })
}

#[test]
fn embedded_dataset_parses_and_is_consistent() {
    let data = Dataset::from_json(EMBEDDED_JSON).expect("dataset parses");
    assert!(
        data.indicators.len() >= 150,
        "only {} indicators",
        data.indicators.len()
    );
    assert_eq!(data.sections.len(), 13);
}

/// An indicator's quotes: its 2022 result's, where it has one, and one per target, in order.
fn quotes_of(ind: &Indicator) -> (Option<&'static str>, Vec<&'static str>) {
    let q = Quotes::of(&ind.id).unwrap_or_else(|| panic!("{}: no quotes", ind.id));
    assert_eq!(
        q.base.is_some(),
        ind.base.is_some(),
        "{}: a quote for its 2022 result, and only then",
        ind.id
    );
    assert_eq!(
        q.targets.len(),
        ind.targets.len(),
        "{}: a quote per target",
        ind.id
    );
    (
        q.base.as_deref(),
        q.targets.iter().map(String::as_str).collect(),
    )
}

#[test]
fn every_quote_occurs_verbatim_in_the_report() {
    let text = report_text();
    let data = Dataset::embedded();
    for ind in &data.indicators {
        let (base, targets) = quotes_of(ind);
        for q in base.into_iter().chain(targets) {
            assert!(!q.trim().is_empty(), "{}: empty quote", ind.id);
            assert!(text.contains(q), "{}: quote not in report: {q}", ind.id);
        }
    }
}

#[test]
fn every_number_occurs_in_its_quote() {
    let data = Dataset::embedded();
    for ind in &data.indicators {
        let (base, targets) = quotes_of(ind);
        if let (Some(b), Some(quote)) = (&ind.base, base) {
            for v in b.value.iter().chain(b.growth.iter()) {
                assert!(
                    written_in(*v, quote),
                    "{}: 2022 number {v} not in «{quote}»",
                    ind.id,
                );
            }
            if b.growth.is_some_and(|g| g < 0.0) {
                assert!(
                    quote.contains("下降") || quote.contains("减少"),
                    "{}: negative growth without 下降/减少",
                    ind.id
                );
            }
        }
        for (t, quote) in ind.targets.iter().zip(targets) {
            let nums: Vec<f64> = match t.goal {
                Goal::Growth { rate } => vec![rate],
                Goal::Range { min, max } => vec![min, max],
                Goal::Total { value }
                | Goal::Count { value }
                | Goal::Level { value }
                | Goal::Ceiling { value }
                | Goal::Floor { value } => vec![value],
            };
            for v in nums {
                assert!(
                    written_in(v, quote),
                    "{}: target {v} not in «{quote}»",
                    ind.id,
                );
            }
        }
    }
}

#[test]
fn the_number_finder_is_not_fooled() {
    assert!(written_in(133.61, "实现地区生产总值 133.61 亿元"));
    assert!(!written_in(133.6, "实现地区生产总值 133.61 亿元"));
    assert!(written_in(0.3, "完成人工造林 3000 亩"));
    assert!(written_in(2000.0, "新增林果面积 0.2 万亩"));
    assert!(!written_in(8.0, "增长 3%"));
}

#[test]
fn ids_are_unique_and_url_safe() {
    let data = Dataset::embedded();
    let mut ids: Vec<&str> = data.indicators.iter().map(|i| i.id.as_str()).collect();
    for id in &ids {
        assert!(
            id.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
            "{id}"
        );
    }
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicate ids");
    let dup = EMBEDDED_JSON.replacen("\"id\":\"revenue\"", "\"id\":\"gdp\"", 1);
    assert!(
        Dataset::from_json(&dup).is_err(),
        "a duplicate id must be refused"
    );
}

#[test]
fn every_target_in_the_file_is_typed() {
    let raw: serde_json::Value = serde_json::from_str(EMBEDDED_JSON).expect("json");
    let raw_targets: usize = raw["indicators"]
        .as_array()
        .expect("indicators")
        .iter()
        .map(|i| i["targets"].as_array().map_or(0, Vec::len))
        .sum();
    let typed: usize = Dataset::embedded()
        .indicators
        .iter()
        .map(|i| i.targets.len())
        .sum();
    assert_eq!(raw_targets, typed);
    assert!(typed >= 90, "only {typed} targets");
    for ind in &Dataset::embedded().indicators {
        assert!(numbers_of(ind).iter().all(|n| n.is_finite()));
        assert!(
            ind.base.is_some() || ind.has_target(),
            "{} has neither a 2022 result nor a target",
            ind.id
        );
    }
}

#[test]
fn firmness_matches_the_reports_wording() {
    for ind in &Dataset::embedded().indicators {
        for (t, quote) in ind.targets.iter().zip(quotes_of(ind).1) {
            match t.firmness {
                Firmness::Firm => {
                    assert!(quote.contains("确保"), "{}: firm without 确保", ind.id)
                }
                Firmness::Aspirational => assert!(
                    ["力争", "争取", "力促"].iter().any(|w| quote.contains(w)),
                    "{}: aspirational without 力争/争取/力促",
                    ind.id
                ),
                Firmness::Plain => {}
            }
        }
    }
}

#[test]
fn main_expected_targets_are_all_there_with_exact_values() {
    let data = Dataset::embedded();
    let expect = [
        ("gdp", 8.0),
        ("revenue", 16.0),
        ("fai", 17.0),
        ("industry_va", 13.0),
        ("investment_attracted", 15.0),
        ("retail", 13.0),
        ("foreign_trade", 25.0),
        ("income_urban", 8.5),
        ("income_rural", 11.0),
    ];
    for (id, g) in expect {
        let ind = data.indicator(id).unwrap_or_else(|| panic!("{id} missing"));
        assert_eq!(ind.section, "main");
        assert_eq!(ind.growth_target(), Some(g), "{id}");
    }
    let unemployment = data.indicator("unemployment").expect("unemployment");
    assert!(matches!(unemployment.targets[0].goal, Goal::Ceiling { value } if value == 5.5));
    assert_eq!(data.in_section("main").count(), 10);
}

#[test]
fn headline_2022_results_are_exact() {
    let data = Dataset::embedded();
    let expect = [
        ("gdp", 133.61, Some(3.0)),
        ("industry_output", 132.63, Some(11.0)),
        ("industry_va", 26.18, Some(-10.4)),
        ("revenue", 7.06, Some(-5.0)),
        ("revenue_incl_refund", 8.04, Some(8.17)),
        ("fai", 65.99, Some(23.24)),
        ("retail", 5.04, Some(9.6)),
        ("foreign_trade", 1920.0, Some(24.19)),
        ("income_urban", 36835.0, Some(8.5)),
        ("income_rural", 18915.0, Some(9.5)),
        ("investment_attracted", 90.69, Some(25.96)),
    ];
    for (id, v, g) in expect {
        let b = data
            .indicator(id)
            .and_then(|i| i.base.clone())
            .unwrap_or_else(|| panic!("{id}"));
        assert_eq!(b.value, Some(v), "{id}");
        assert_eq!(b.growth, g, "{id}");
    }
}

#[test]
fn implied_levels_are_computed_by_the_model() {
    let data = Dataset::embedded();
    let gdp = data
        .indicator("gdp")
        .expect("gdp")
        .implied_level()
        .expect("implied");
    assert!((gdp - 133.61 * 1.08).abs() < 1e-9);
    let meat = data.indicator("meat_output").expect("meat");
    assert_eq!(meat.implied_level(), None, "no 2022 value in the report");
    let base = meat.implied_base().expect("implied base");
    assert!((base * 1.0694 - 7.54).abs() < 1e-9);
    let json = EMBEDDED_JSON;
    assert!(
        !json.contains("\"implied"),
        "implied levels are derived, never stored as a field"
    );
}

#[test]
fn known_inconsistencies_are_recorded_as_notes() {
    let data = Dataset::embedded();
    let has_note = |id: &str, needle: &str| {
        data.indicator(id)
            .is_some_and(|i| i.notes.iter().any(|n| n.zh.contains(needle)))
    };
    assert!(has_note("revenue", "8.04"));
    assert!(has_note("retail", "限上"));
    assert!(has_note("fai", "不含农户"));
    assert!(has_note("new_energy_share", "56.92"));
    assert!(has_note("specialty_crops", "低于"));
    assert!(has_note("orchard_area_new", "单位"));
    assert!(has_note("afforestation", "单位"));
}

#[test]
fn a_scaled_dataset_repeats_every_indicator_under_new_unique_ids() {
    let data = Dataset::embedded();
    let big = data.scaled(3);
    assert_eq!(big.indicators.len(), 3 * data.indicators.len());
    assert_eq!(big.indicators[0].id, format!("{}_0", data.indicators[0].id));
    let last = &big.indicators[big.indicators.len() - 1];
    assert_eq!(
        last.id,
        format!("{}_2", data.indicators[data.indicators.len() - 1].id)
    );
    assert_eq!(
        last.targets,
        data.indicators[data.indicators.len() - 1].targets
    );
    // It is a valid dataset: ids unique, sections known.
    let json = serde_json::to_string(&big).expect("serialises");
    assert!(Dataset::from_json(&json).is_ok());
}

#[test]
fn every_note_and_caveat_says_the_same_in_both_languages() {
    // Present in pairs, and every number of the Chinese text is in the English one (directly or
    // after a 万 or 百万 conversion: 9777万元 is 97.77 million yuan).
    let data = Dataset::embedded();
    for ind in &data.indicators {
        for t in ind.notes.iter().chain(ind.level_caveat.as_ref()) {
            assert!(
                !t.zh.trim().is_empty() && !t.en.trim().is_empty(),
                "{}: a note or caveat without both languages: {t:?}",
                ind.id
            );
            let en = numbers_in(&t.en.replace(',', ""));
            for n in numbers_in(&t.zh) {
                assert!(
                    en.iter().any(|e| [1.0, 1e4, 1e-4, 1e-2, 1e2]
                        .iter()
                        .any(|k| { (n * k - e).abs() <= 1e-9 * e.abs().max(1.0) })),
                    "{}: {n} of the Chinese text is not in the English: {t:?}",
                    ind.id
                );
            }
        }
    }
}

#[test]
fn implied_levels_the_notes_call_not_comparable_carry_a_caveat() {
    let data = Dataset::embedded();
    // GDP and industry: a current-price level times a real growth rate; retail: a 限上 2022 figure
    // against a target on all retail sales; investment and revenue: the 2022 base is uncertain.
    for id in ["gdp", "industry_va", "retail", "fai", "revenue"] {
        let ind = data.indicator(id).expect(id);
        assert!(ind.implied_level().is_some(), "{id}");
        assert!(!ind.implied_level_comparable(), "{id}");
        assert_eq!(ind.comparable_implied_level(), None, "{id}");
        assert!(ind.level_caveat.is_some(), "{id}");
    }
    let income = data.indicator("income_urban").expect("income");
    assert!(income.implied_level_comparable());
    assert!(income.comparable_implied_level().is_some());
    // Any indicator with an implied level whose notes speak of constant prices or of coverage
    // (可比价, 口径) carries a caveat.
    for ind in &data.indicators {
        let doubtful = ind
            .notes
            .iter()
            .any(|n| ["可比价", "口径"].iter().any(|w| n.zh.contains(w)));
        if ind.implied_level().is_some() && doubtful {
            assert!(ind.level_caveat.is_some(), "{} has no caveat", ind.id);
        }
    }
}

#[test]
fn the_file_itself_reads_as_the_embedded_data_its_quotes_apart() {
    let file = include_str!("../data/indicators.json");
    assert!(file.contains("\"quote\""));
    assert!(!EMBEDDED_JSON.contains("\"quote\""));
    assert_eq!(
        &Dataset::from_json(file).expect("the file parses"),
        Dataset::embedded()
    );
}
