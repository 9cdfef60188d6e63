//! The saved document: schema, refusal of what cannot be read, and merging of changes.
// Tests stop at the first thing that is not as expected.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use xinyuan_tracker::model::figures::{Figure, Period};
use xinyuan_tracker::model::saved::{decode, encode, Entries, LoadError, Op, SCHEMA};

fn put(id: &str, m: u8, v: f64) -> Op {
    Op::Put {
        id: id.into(),
        figure: Figure::value(Period::Month(m), v),
    }
}

/// A schema-1 document as the first release wrote it. Frozen: never edit this string.
const FROZEN_V1: &str = r#"{"app":"xinyuan-tracker","schema":1,"saved_at":"2023-07-15T08:00:00.000Z","data":{"figures":{"gdp":[{"period":"Q2","value":70.1,"growth":6.5,"prev":65.2,"note":"统计局快报"}],"tourists":[{"period":"M3","value":120.5},{"period":"M6","value":380}]}}}"#;

#[test]
fn frozen_schema_1_document_still_loads() {
    let loaded = decode(FROZEN_V1).expect("loads");
    assert_eq!(loaded.migrated_from, Some(1));
    assert_eq!(loaded.entries.len(), 3);
    let gdp = &loaded.entries.of("gdp")[0];
    assert_eq!(
        (gdp.period, gdp.value, gdp.growth, gdp.prev),
        (Period::Quarter(2), Some(70.1), Some(6.5), Some(65.2))
    );
    assert_eq!(gdp.note, "统计局快报");
}

#[test]
fn round_trip_keeps_every_figure() {
    let mut e = Entries::default();
    e.apply(put("tourists", 3, 120.5));
    e.apply(Op::Put {
        id: "gdp".into(),
        figure: Figure {
            growth: Some(-2.5),
            note: "x\"y".into(),
            source: "新源县统计局 2023年一季度统计快报".into(),
            ..Figure::empty(Period::Quarter(1))
        },
    });
    let text = encode(&e, "2023-04-20T00:00:00Z");
    assert!(text.contains(&format!("\"schema\":{SCHEMA}")));
    assert_eq!(decode(&text).expect("decodes").entries, e);
}

/// Numbers as releases write them, and as the number reader converts them (万元 → 亿元), come
/// back to the last bit.
#[test]
fn a_saved_number_reads_back_to_the_last_bit() {
    for v in [
        38.3967,
        962_526.617_8,
        0.1 + 0.2,
        1_052_000.0,
        -8.7,
        0.0003,
        123_456_789_012.0,
    ] {
        let mut e = Entries::default();
        e.apply(put("tourists", 3, v));
        let back = decode(&encode(&e, "x")).expect("decodes").entries;
        assert_eq!(
            back.figures["tourists"][0].value.map(f64::to_bits),
            Some(v.to_bits()),
            "{v}"
        );
    }
}

#[test]
fn unreadable_documents_are_refused_not_repaired() {
    assert!(matches!(
        decode("{\"app\":\"xinyuan-tracker\",\"sch"),
        Err(LoadError::NotJson(_))
    ));
    assert!(matches!(decode("[]"), Err(LoadError::WrongApp)));
    assert!(matches!(
        decode(r#"{"app":"other","schema":1}"#),
        Err(LoadError::WrongApp)
    ));
    assert_eq!(
        decode(r#"{"app":"xinyuan-tracker","schema":7,"saved_at":"","data":{"figures":{}}}"#),
        Err(LoadError::Newer(7))
    );
    assert!(matches!(
        decode(r#"{"app":"xinyuan-tracker","saved_at":"","data":{}}"#),
        Err(LoadError::Invalid(_))
    ));
    assert!(matches!(
        decode(r#"{"app":5,"schema":1}"#),
        Err(LoadError::WrongApp)
    ));
    assert!(matches!(
        decode("\"xinyuan-tracker\""),
        Err(LoadError::WrongApp)
    ));
    assert!(matches!(
        decode(r#"{"app":"xinyuan-tracker","schema":"1","saved_at":"","data":{"figures":{}}}"#),
        Err(LoadError::Invalid(_))
    ));
    assert!(matches!(
        decode(r#"{"app":"xinyuan-tracker","schema":1,"saved_at":"","data":{"figures":{}}} x"#),
        Err(LoadError::NotJson(_))
    ));
    // One bad figure fails the whole document: nothing is half-loaded.
    let bad_period = FROZEN_V1.replace("\"M6\"", "\"M13\"");
    assert!(matches!(decode(&bad_period), Err(LoadError::Invalid(_))));
    let no_number = FROZEN_V1.replace(r#"{"period":"M3","value":120.5}"#, r#"{"period":"M3"}"#);
    assert!(matches!(decode(&no_number), Err(LoadError::Invalid(_))));
    let null_value = FROZEN_V1.replace("120.5", "null");
    assert!(decode(&null_value).is_err());
}

#[test]
fn every_operation_is_undone_by_the_one_it_returns() {
    let mut e = Entries::default();
    let before = e.clone();
    let undo = e.apply(put("gdp", 3, 1.0));
    e.apply(undo);
    assert_eq!(e, before);
    e.apply(put("gdp", 3, 1.0));
    let snapshot = e.clone();
    let undo = e.apply(put("gdp", 3, 2.0));
    assert_eq!(e.of("gdp")[0].value, Some(2.0));
    e.apply(undo);
    assert_eq!(e, snapshot);
    let undo = e.apply(Op::Delete {
        id: "gdp".into(),
        period: Period::Month(3),
    });
    assert!(e.is_empty());
    e.apply(undo);
    assert_eq!(e, snapshot);
    let undo = e.apply(Op::Batch(vec![
        put("gdp", 3, 5.0),
        put("gdp", 6, 6.0),
        put("tourists", 1, 1.0),
    ]));
    assert_eq!(e.len(), 3);
    e.apply(undo);
    assert_eq!(e, snapshot, "a batch is undone as one");
    let undo = e.apply(Op::ReplaceAll(Entries::default()));
    assert!(e.is_empty());
    e.apply(undo);
    assert_eq!(e, snapshot);
}

#[test]
fn an_update_keeps_the_rest_of_the_figure_and_is_undone_by_what_it_returns() {
    let mut e = Entries::default();
    let full = Figure {
        value: Some(100.0),
        prev: Some(90.0),
        note: "快报".into(),
        ..Figure::empty(Period::Month(3))
    };
    e.apply(Op::Put {
        id: "tourists".into(),
        figure: full.clone(),
    });
    let snapshot = e.clone();
    let undo = e.apply(Op::Update {
        id: "tourists".into(),
        period: Period::Month(3),
        value: None,
        growth: Some(4.0),
        source: None,
    });
    let f = &e.of("tourists")[0];
    assert_eq!(
        (f.value, f.growth, f.prev, f.note.as_str()),
        (Some(100.0), Some(4.0), Some(90.0), "快报")
    );
    e.apply(undo);
    assert_eq!(e, snapshot);
    // On a period with no figure, an update creates one and its undo removes it.
    let undo = e.apply(Op::Update {
        id: "tourists".into(),
        period: Period::Month(4),
        value: Some(120.0),
        growth: None,
        source: None,
    });
    assert_eq!(e.len(), 2);
    e.apply(undo);
    assert_eq!(e, snapshot);
}

#[test]
fn figures_stay_sorted_by_period() {
    let mut e = Entries::default();
    for m in [9, 3, 6, 12, 1] {
        e.apply(put("tourists", m, f64::from(m)));
    }
    let months: Vec<u8> = e
        .of("tourists")
        .iter()
        .map(|f| f.period.end_month())
        .collect();
    assert_eq!(months, vec![1, 3, 6, 9, 12]);
}

#[test]
fn a_full_year_gives_every_indicator_every_month_or_quarter_in_order() {
    use xinyuan_tracker::model::dataset::{Dataset, Frequency};
    let data = Dataset::embedded();
    let full = Entries::full_year(data);
    for ind in &data.indicators {
        let periods: Vec<Period> = full.of(&ind.id).iter().map(|f| f.period).collect();
        let want: Vec<Period> = if ind.frequency == Frequency::Quarterly {
            (1..=4).map(Period::Quarter).collect()
        } else {
            (1..=12).map(Period::Month).collect()
        };
        assert_eq!(periods, want, "{}", ind.id);
    }
    // What the saved document holds reads back as the same entries.
    let loaded = decode(&encode(&full, "2023-12-31T00:00:00Z")).expect("loads");
    assert_eq!(loaded.entries, full);
}

mod kept_texts {
    use proptest::prelude::*;
    use xinyuan_tracker::model::figures::{Extra, Figure, Period, Rev};
    use xinyuan_tracker::model::saved::{decode, encode_with, Encoder, Entries, Op};

    /// A document with fields this version does not know, in a figure, in the data and at the
    /// top: they are written back, so they are part of what the encoder must write alike.
    const WITH_UNKNOWN: &str = r#"{"app":"xinyuan-tracker","schema":2,"saved_at":"2023-07-15T08:00:00.000Z","later":{"x":1},"data":{"figures":{"gdp":[{"period":"Q1","growth":4.5,"rev":[2,"t1"],"checked":true}],"grain":[{"period":"M6","value":60.5}]},"removed":{"revenue":{"M2":[3,"t2"]}},"tags":["a"]}}"#;

    #[derive(Debug, Clone)]
    enum Step {
        /// A change as a user commits it.
        Apply(Op),
        /// One place set at a revision, a deletion when there is no value (as merging does).
        Set(String, Period, Option<f64>, u64),
    }

    fn step() -> impl Strategy<Value = Step> {
        let ids = prop::sample::select(vec!["gdp", "revenue", "tourists", "grain", "新"]);
        let period = prop_oneof![
            (1u8..=12).prop_map(Period::Month),
            (1u8..=4).prop_map(Period::Quarter)
        ];
        // Up to 13 significant digits, which read back exactly (see above).
        let number = (-100_000_000_000i64..100_000_000_000).prop_map(|n| n as f64 / 100.0);
        let value = proptest::option::of(number.clone());
        prop_oneof![
            3 => (ids.clone(), period.clone(), number).prop_map(|(id, p, v)| Step::Apply(Op::Put {
                id: id.into(),
                figure: Figure { value: Some(v), note: "“引号”\n".into(), ..Figure::empty(p) },
            })),
            2 => (ids.clone(), period.clone()).prop_map(|(id, period)| Step::Apply(Op::Delete { id: id.into(), period })),
            3 => (ids, period, value, 1u64..50).prop_map(|(id, p, v, r)| Step::Set(id.into(), p, v, r)),
            1 => Just(Step::Apply(Op::ReplaceAll(Entries::default()))),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        /// Saving again and again with each indicator's text kept while its figures are
        /// unchanged writes, every time, exactly the document written afresh.
        #[test]
        fn kept_texts_write_the_document_written_afresh(steps in prop::collection::vec(step(), 1..40)) {
            let loaded = decode(WITH_UNKNOWN).expect("loads");
            let (mut entries, extra): (Entries, Extra) = (loaded.entries, loaded.extra);
            let mut encoder = Encoder::default();
            for (i, s) in steps.into_iter().enumerate() {
                let now = format!("2023-08-{:02}T00:00:00Z", 1 + i % 28);
                prop_assert_eq!(encoder.encode(&entries, &extra, &now), encode_with(&entries, &extra, &now));
                match s {
                    Step::Apply(op) => {
                        entries.apply(op);
                    }
                    Step::Set(id, p, v, r) => {
                        let figure = v.map(|v| Figure::value(p, v));
                        entries.set(&id, p, figure, Rev(r, "t3".into()));
                    }
                }
                let text = encoder.encode(&entries, &extra, &now);
                prop_assert_eq!(&text, &encode_with(&entries, &extra, &now));
                prop_assert_eq!(decode(&text).expect("reads back").entries, entries.clone());
            }
        }
    }
}
