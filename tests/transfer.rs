//! Export and import: CSV and JSON backups round-trip, bad rows are reported one by one, and no
//! input makes the importer panic.
// Tests stop at the first thing that is not as expected.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use proptest::prelude::*;
use xinyuan_tracker::model::dataset::{Dataset, Lang};
use xinyuan_tracker::model::figures::{Figure, Period};
use xinyuan_tracker::model::saved::{encode, Entries, Op};
use xinyuan_tracker::model::transfer::{plan_import, to_csv, RowProblem, MAX_IMPORT_BYTES};

fn sample() -> Entries {
    let mut e = Entries::default();
    e.apply(Op::Put {
        id: "tourists".into(),
        figure: Figure::value(Period::Month(6), 250.4),
    });
    e.apply(Op::Put {
        id: "gdp".into(),
        figure: Figure {
            growth: Some(-1.5),
            note: "=HYPERLINK(\"http://x\")".into(),
            source: "统计局, \"快报\"".into(),
            ..Figure::empty(Period::Quarter(2))
        },
    });
    e
}

#[test]
fn csv_round_trips_and_opens_in_excel() {
    let data = Dataset::embedded();
    let csv = to_csv(&sample(), data, Lang::Zh);
    assert!(csv.starts_with('\u{feff}'), "a BOM so Excel reads UTF-8");
    assert!(csv.contains("地区生产总值"));
    assert!(
        csv.contains("'=HYPERLINK"),
        "formulas are neutralised: {csv}"
    );
    let plan = plan_import(&csv, &Entries::default(), data);
    assert!(plan.errors.is_empty(), "{:?}", plan.errors);
    assert_eq!(plan.result, sample());
    assert_eq!(plan.changes.len(), 2);
    let mut applied = Entries::default();
    applied.apply(plan.operation());
    assert_eq!(
        applied,
        sample(),
        "the plan's operation does what the preview says"
    );
}

#[test]
fn csv_names_follow_the_interface_language_and_both_import_the_same() {
    let data = Dataset::embedded();
    let zh = to_csv(&sample(), data, Lang::Zh);
    let en = to_csv(&sample(), data, Lang::En);
    assert!(zh.contains("地区生产总值") && zh.contains("亿元"), "{zh}");
    assert!(
        en.contains("Gross domestic product (GDP)") && en.contains("100 million yuan"),
        "{en}"
    );
    assert!(!en.contains("地区生产总值"), "{en}");
    let from_zh = plan_import(&zh, &Entries::default(), data);
    let from_en = plan_import(&en, &Entries::default(), data);
    assert!(from_en.errors.is_empty(), "{:?}", from_en.errors);
    assert_eq!(from_en.result, from_zh.result);
    assert_eq!(from_en.result, sample());
}

#[test]
fn csv_import_reports_each_bad_row_and_keeps_the_good_ones() {
    let data = Dataset::embedded();
    let csv = "indicator_id,period,value,growth_pct\n\
               tourists,M3,\"1,200.5\",\n\
               no_such_thing,M3,1,\n\
               tourists,M13,1,\n\
               tourists,M4,abc,\n\
               tourists,M5,,\n\
               gdp,Q1,,６.１%\n\
               tourists,M3,5,\n";
    let mut current = Entries::default();
    current.apply(Op::Put {
        id: "crude_steel".into(),
        figure: Figure::value(Period::Month(1), 9.0),
    });
    let plan = plan_import(csv, &current, data);
    let lines: Vec<(usize, &RowProblem)> =
        plan.errors.iter().map(|e| (e.line, &e.problem)).collect();
    assert!(matches!(lines[0], (3, RowProblem::UnknownIndicator(_))));
    assert!(matches!(lines[1], (4, RowProblem::BadPeriod(_))));
    assert!(matches!(lines[2], (5, RowProblem::BadNumber { .. })));
    assert!(matches!(lines[3], (6, RowProblem::NoNumber)));
    assert!(matches!(lines[4], (8, RowProblem::Duplicate)));
    assert_eq!(plan.errors.len(), 5);
    assert_eq!(plan.result.of("tourists")[0].value, Some(1200.5));
    assert_eq!(plan.result.of("gdp")[0].growth, Some(6.1));
    assert_eq!(
        plan.result.of("crude_steel").len(),
        1,
        "CSV keeps what it does not list"
    );
    assert!(
        !plan.result.figures.contains_key("no_such_thing"),
        "unknown indicators are never created"
    );
    for e in &plan.errors {
        assert!(!e
            .problem
            .message(xinyuan_tracker::model::Lang::Zh)
            .is_empty());
    }
}

#[test]
fn json_backup_restores_everything_it_holds() {
    let data = Dataset::embedded();
    let backup = encode(&sample(), "2023-07-01T00:00:00Z");
    let mut current = Entries::default();
    current.apply(Op::Put {
        id: "crude_steel".into(),
        figure: Figure::value(Period::Month(1), 9.0),
    });
    let plan = plan_import(&backup, &current, data);
    assert!(plan.errors.is_empty());
    assert_eq!(plan.result, sample());
    assert_eq!(plan.removed, 1, "the preview says what a restore removes");
    let with_unknown = backup.replace("\"tourists\"", "\"ghost\"");
    let plan = plan_import(&with_unknown, &current, data);
    assert!(matches!(&plan.errors[0].problem, RowProblem::UnknownIndicator(id) if id == "ghost"));
    assert!(!plan.result.figures.contains_key("ghost"));
}

#[test]
fn unreadable_and_oversized_files_are_refused_whole() {
    let data = Dataset::embedded();
    let empty = Entries::default();
    assert!(matches!(
        plan_import("{not json", &empty, data).errors[0].problem,
        RowProblem::Unreadable(_)
    ));
    assert!(matches!(
        plan_import("a,b\n1,2\n", &empty, data).errors[0].problem,
        RowProblem::MissingColumn(_)
    ));
    let big = "x".repeat(MAX_IMPORT_BYTES + 1);
    assert_eq!(
        plan_import(&big, &empty, data).errors[0].problem,
        RowProblem::TooLarge
    );
}

proptest! {
    #[test]
    fn no_input_makes_the_importer_panic(text in "\\PC{0,300}") {
        let _ = plan_import(&text, &sample(), Dataset::embedded());
    }

    #[test]
    fn csv_shaped_input_does_not_panic_either(
        rows in proptest::collection::vec(("[a-z_]{0,12}", "[MQ]?[0-9]{0,2}", "[-0-9.,万亿%]{0,8}", "[-0-9.,%]{0,6}"), 0..20)
    ) {
        let mut text = String::from("indicator_id,period,value,growth_pct\n");
        for (a, b, c, d) in rows {
            text.push_str(&format!("{a},{b},\"{c}\",{d}\n"));
        }
        let plan = plan_import(&text, &Entries::default(), Dataset::embedded());
        for (id, figs) in &plan.result.figures {
            prop_assert!(Dataset::embedded().indicator(id).is_some());
            prop_assert!(figs.iter().all(Figure::is_usable));
        }
    }
}

#[test]
fn csv_errors_carry_the_line_of_the_file_across_blank_lines_and_quoted_line_breaks() {
    let data = Dataset::embedded();
    // Line 1 the header; the note of line 2 runs on to line 3; line 4 is blank.
    let csv = "\u{feff}indicator_id,period,value,growth_pct,note\n\
               tourists,M6,250.4,,\"released in July,\nrevised in August\"\n\
               \n\
               gdp,Q9,,6.5,\n\
               tourists,M7,abc,,\n";
    let plan = plan_import(csv, &Entries::default(), data);
    let lines: Vec<(usize, &RowProblem)> =
        plan.errors.iter().map(|e| (e.line, &e.problem)).collect();
    assert_eq!(plan.errors.len(), 2, "{:?}", plan.errors);
    assert!(
        matches!(lines[0], (5, RowProblem::BadPeriod(_))),
        "{lines:?}"
    );
    assert!(
        matches!(lines[1], (6, RowProblem::BadNumber { .. })),
        "{lines:?}"
    );
    assert_eq!(
        plan.result.of("tourists")[0].note,
        "released in July,\nrevised in August"
    );
    // The same with Windows line ends.
    let plan = plan_import(&csv.replace('\n', "\r\n"), &Entries::default(), data);
    let lines: Vec<usize> = plan.errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, [5, 6]);
}

#[test]
fn csv_import_refuses_a_value_far_from_the_scale_of_the_report() {
    let data = Dataset::embedded();
    // 1,052,000 is GDP in 万元 typed into the 亿元 column.
    let csv = "indicator_id,period,value,growth_pct\n\
               gdp,Q1,1052000,\n\
               gdp,Q2,58.2,\n";
    let plan = plan_import(csv, &Entries::default(), data);
    assert_eq!(plan.errors.len(), 1, "{:?}", plan.errors);
    assert_eq!(plan.errors[0].line, 2);
    assert_eq!(plan.result.of("gdp").len(), 1);
}
