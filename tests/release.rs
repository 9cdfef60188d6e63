//! Reading pasted statistics releases: real paragraphs of county releases (`tests/releases/`, each
//! with its address and the figures worked out by hand) must give every figure right and take
//! nothing else.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use serde::Deserialize;
use xinyuan_tracker::model::release::{extract, Extraction};
use xinyuan_tracker::model::Dataset;

#[derive(Debug, Deserialize)]
struct Case {
    id: String,
    url: String,
    text: String,
    period: String,
    expect: Vec<Expected>,
}

#[derive(Debug, Deserialize)]
struct Expected {
    indicator: String,
    value: Option<f64>,
    growth: Option<f64>,
}

fn cases(file: &str) -> Vec<Case> {
    let text = match file {
        "corpus" => include_str!("releases/corpus.json"),
        "unseen" => include_str!("releases/unseen.json"),
        "unseen2" => include_str!("releases/unseen2.json"),
        _ => include_str!("releases/holdout.json"),
    };
    serde_json::from_str(text).expect("a corpus file")
}

fn end_month(code: &str) -> u8 {
    let n: u8 = code[1..].parse().expect("a period code");
    if code.starts_with('Q') {
        n * 3
    } else {
        n
    }
}

/// Everything wrong about one case, as lines.
fn problems(case: &Case, got: &Extraction) -> Vec<String> {
    let mut out = Vec::new();
    let close = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(x), Some(y)) => (x - y).abs() <= 1e-9 * x.abs().max(1.0),
        (None, None) => true,
        _ => false,
    };
    match got.period {
        Some(p) if p.end_month() == end_month(&case.period) => {}
        other => out.push(format!("period {other:?}, expected {}", case.period)),
    }
    for e in &case.expect {
        match got.found.iter().find(|f| f.id == e.indicator) {
            None => out.push(format!("{} not found", e.indicator)),
            Some(f) => {
                let v = f.value.as_ref().map(|r| r.value);
                let g = f.growth.as_ref().map(|r| r.value);
                if !close(v, e.value) {
                    out.push(format!(
                        "{} value {v:?}, expected {:?}",
                        e.indicator, e.value
                    ));
                }
                if !close(g, e.growth) {
                    out.push(format!(
                        "{} growth {g:?}, expected {:?}",
                        e.indicator, e.growth
                    ));
                }
            }
        }
    }
    for f in &got.found {
        if !case.expect.iter().any(|e| e.indicator == f.id) {
            out.push(format!(
                "took {} = {:?} / {:?} from «{}»",
                f.id,
                f.value.as_ref().map(|r| &r.typed),
                f.growth.as_ref().map(|r| &r.typed),
                f.sentence
            ));
        }
    }
    out
}

/// Figures the reader is known to miss, with why: missing them is reported, not failed on; taking
/// anything wrong from these texts still fails.
const KNOWN_GAPS: &[(&str, &str, &str)] = &[
    (
        "fanchang-2021-h1",
        "industry_va",
        "规模以上工业产值同比增长30.3%，增加值增长18.7%: the name is split across clauses",
    ),
    (
        "dehua-q1-trad",
        "*",
        "written in traditional characters (地區生產總值)",
    ),
];

fn check(file: &str) {
    let data = Dataset::embedded();
    let mut report = Vec::new();
    let all = cases(file);
    assert!(all.len() >= 5, "{file}: {} cases", all.len());
    for case in &all {
        assert!(case.url.starts_with("http"), "{}: an address", case.id);
        for text in [case.text.clone(), full_width(&case.text)] {
            let got = extract(&text, data);
            for p in problems(case, &got) {
                let known = KNOWN_GAPS.iter().find(|(id, ind, _)| {
                    *id == case.id
                        && p.ends_with(" not found")
                        && (*ind == "*" || p.starts_with(&format!("{ind} ")))
                });
                match known {
                    Some((_, _, why)) => println!("known gap, {}: {p} ({why})", case.id),
                    None => report.push(format!("{} ({}): {p}", case.id, case.url)),
                }
            }
        }
    }
    assert!(
        report.is_empty(),
        "{} problems:\n{}",
        report.len(),
        report.join("\n")
    );
}

/// The same text with the punctuation a web page or Word document has: ，；：（） in place of the
/// ASCII forms some copies carry.
fn full_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            ',' => '，',
            ';' => '；',
            ':' => '：',
            '(' => '（',
            ')' => '）',
            c => c,
        })
        .collect()
}

#[test]
fn every_figure_of_the_release_corpus_is_read_right_and_nothing_else_is_taken() {
    check("corpus");
}

#[test]
fn releases_kept_apart_from_the_corpus_are_read_right_too() {
    check("holdout");
}

#[test]
fn releases_collected_after_the_reader_was_written_are_read_right() {
    check("unseen");
}

#[test]
fn releases_collected_after_the_review_are_read_right() {
    check("unseen2");
}

fn read(text: &str) -> Extraction {
    extract(text, Dataset::embedded())
}

fn figure(x: &Extraction, id: &str) -> (Option<f64>, Option<f64>) {
    let f = x
        .found
        .iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("{id} not found in {x:?}"));
    (
        f.value.as_ref().map(|r| r.value),
        f.growth.as_ref().map(|r| r.value),
    )
}

#[test]
fn the_periods_releases_name_are_read_and_comparison_periods_are_not_the_releases() {
    use xinyuan_tracker::model::Period::{Month, Quarter};
    for (text, period) in [
        (
            "1-9月，全县实现地区生产总值98.5亿元，同比增长7.4%。",
            Month(9),
        ),
        ("1至9月，全县实现地区生产总值98.5亿元。", Month(9)),
        ("1—9月份，全县实现地区生产总值98.5亿元。", Month(9)),
        ("元至九月，全县完成生产总值56.7亿，增长7.5%。", Month(9)),
        ("前三季度，全县实现地区生产总值98.5亿元。", Quarter(3)),
        ("上半年，全县实现地区生产总值60.2亿元。", Quarter(2)),
        ("一季度，全县实现地区生产总值30.1亿元。", Quarter(1)),
        (
            "1-11月，全县社会消费品零售总额383967万元，同比下降3.0%，降幅比1-10月收窄0.9个百分点。",
            Month(11),
        ),
        (
            "1-4月全县规模以上工业增加值完成12.58亿元、增长12.4%、比一季度回升2.4个百分点。",
            Month(4),
        ),
    ] {
        assert_eq!(read(text).period, Some(period), "{text}");
    }
    // A figure of another period in the same release is not the release's.
    let x = read(
        "一季度，全县实现地区生产总值56.82亿元，增长4.6%。1-2月，全县规上工业增加值增长3.1%。",
    );
    assert_eq!(x.period, Some(Quarter(1)));
    assert!(x.found.iter().all(|f| f.id != "industry_va"), "{x:?}");
    // 7月份 is one month, not January to July.
    let x = read("元至7月，全县生产总值达到16.84亿元。其中，7月份实现工业总产值4.22亿元。");
    assert!(x.found.iter().all(|f| f.id != "industry_output"), "{x:?}");
}

#[test]
fn values_are_converted_to_the_indicators_unit_and_growth_keeps_its_sign() {
    let x = read("1-11月，全县社会消费品零售总额383967万元，同比下降3.0%；一般公共预算收入97950万元，同比增长-3.5%；规模工业增加值同比增加4.5%。");
    assert_eq!(figure(&x, "retail"), (Some(38.3967), Some(-3.0)));
    assert_eq!(figure(&x, "revenue"), (Some(9.795), Some(-3.5)));
    assert_eq!(figure(&x, "industry_va"), (None, Some(4.5)));
    let x =
        read("元至九月，全县完成生产总值56.7亿，增长7.5%；接待游客1257.2万人次，同比增长21.3%。");
    assert_eq!(figure(&x, "gdp"), (Some(56.7), Some(7.5)));
    assert_eq!(figure(&x, "tourists"), (Some(1257.2), Some(21.3)));
    let typed = x.found[0].value.as_ref().map(|r| r.typed.as_str());
    assert_eq!(typed, Some("56.7亿"), "the value as the release wrote it");
}

#[test]
fn the_fenbie_form_gives_each_indicator_its_own_figures_in_order() {
    let x = read("城乡居民人均可支配收入分别达到 36835 元、18915 元，分别增长 8.5%、9.5%。");
    assert_eq!(figure(&x, "income_urban"), (Some(36835.0), Some(8.5)));
    assert_eq!(figure(&x, "income_rural"), (Some(18915.0), Some(9.5)));
    let x = read(
        "上半年，接待国内外游客359.57万人次，实现旅游总收入19.45亿元，同比分别增长21.11%和27.46%。",
    );
    assert_eq!(figure(&x, "tourists"), (Some(359.57), Some(21.11)));
    assert_eq!(figure(&x, "tourism_revenue"), (Some(19.45), Some(27.46)));
}

#[test]
fn parts_shares_rankings_and_other_measures_are_not_taken() {
    for text in [
        "1-9月，全县限上社会消费品零售总额12.3亿元，增长7.4%。",
        "1-9月，全县限额以上单位消费品零售额20.56亿元，增长8.0%。",
        "1-9月，全县全体居民人均可支配收入7256元，增长5.8%。",
        "1-9月，园区规模工业增加值同比增加4.8%，占规模工业增加值比重为75.7%。",
        "1-9月，全县第一产业增加值5.32亿元，增长0.5%。",
        "1-9月，人均地区生产总值为19967元，比上年增长13.1%。",
        "1-9月，全县工业增加值增长6.0%。",
        "1-9月，武陵山大裂谷景区接待游客62614人次，实现旅游收入482.14万元，同比分别增长56.09%和30.47%。",
        "据介绍，力争接待游客125万人次，同比增长25%以上。",
        "1-9月，全县固定资产投资排名全市第四。",
        "1-9月，城镇登记失业率3.67%。",
        "1-9月，金融机构本外币各项存款余额达288.06亿元，比年初增长4.8%。",
        "上半年，城乡居民人均可支配收入19883元，同比增长4.0%。",
    ] {
        let x = read(text);
        assert!(x.found.is_empty(), "{text}: took {:?}", x.found);
    }
    // What was not taken is listed for the user, with its unit.
    let x = read("1-9月，全县限上社会消费品零售总额12.3亿元，增长7.4%。");
    assert!(
        x.loose.iter().any(|l| l.typed.contains("12.3亿元")),
        "{:?}",
        x.loose
    );
}

#[test]
fn lists_of_names_periods_written_out_holidays_and_other_places_are_read_as_they_mean() {
    use xinyuan_tracker::model::release::Why;
    use xinyuan_tracker::model::Period::Month;
    // 1月至9月 is January to September, not January.
    for text in [
        "1月至9月，全县实现地区生产总值98.5亿元，同比增长7.4%。",
        "1月-9月，全县实现地区生产总值98.5亿元，同比增长7.4%。",
        "1月份至9月份，全县实现地区生产总值98.5亿元，同比增长7.4%。",
    ] {
        let x = read(text);
        assert_eq!(x.period, Some(Month(9)), "{text}");
        assert_eq!(figure(&x, "gdp"), (Some(98.5), Some(7.4)), "{text}");
    }
    // Names listed together take the rates listed after them, in order, and nothing else does.
    let x = read("1-9月，全县实现地区生产总值98.5亿元，社会消费品零售总额38.4亿元，规上工业增加值、固定资产投资分别增长8.1%、9.0%。");
    assert_eq!(figure(&x, "gdp"), (Some(98.5), None));
    assert_eq!(figure(&x, "retail"), (Some(38.4), None));
    assert_eq!(figure(&x, "industry_va"), (None, Some(8.1)));
    assert_eq!(figure(&x, "fai"), (None, Some(9.0)));
    let x = read("城镇、农村居民人均可支配收入分别达到36835元、18915元，分别增长8.5%、9.5%。");
    assert_eq!(figure(&x, "income_urban"), (Some(36835.0), Some(8.5)));
    assert_eq!(figure(&x, "income_rural"), (Some(18915.0), Some(9.5)));
    // A holiday's figures are not the year's to date; another place's are not the county's.
    for text in [
        "国庆假期，全县共接待游客32.5万人次，同比增长35.2%，实现旅游综合收入1.86亿元。",
        "1-9月，全县产业集聚区规模以上工业增加值增长10.2%。",
        "1-9月，全州地区生产总值增长6.1%。",
        "1-9月，经开区完成固定资产投资35.6亿元，占全县的42.1%。",
    ] {
        let x = read(text);
        assert!(x.found.is_empty(), "{text}: took {:?}", x.found);
        assert!(!x.loose.is_empty(), "{text}: its numbers are listed");
    }
    // A number left over is offered alone, value apart from growth, so it can be assigned.
    let x = read("1-9月，全县限上社会消费品零售总额12.3亿元，增长7.4%。");
    let typed: Vec<(&str, &Why)> = x.loose.iter().map(|l| (l.typed.as_str(), &l.why)).collect();
    assert_eq!(typed, [("12.3亿元", &Why::Part), ("增长7.4%", &Why::Part)]);
}

#[test]
fn footnote_marks_rankings_and_shares_between_a_figure_and_its_growth_are_passed_over() {
    let x = read("全年全县实现生产总值[2](GDP)97.61亿元，按可比价格计算，比上年增长3.8%。");
    assert_eq!(figure(&x, "gdp"), (Some(97.61), Some(3.8)));
    let x = read("一季度正蓝旗地区生产总值(GDP)完成12.9亿元，全盟排位第5位(下同)按不变价格计算，同比增长9.1%，排位第2位。");
    assert_eq!(figure(&x, "gdp"), (Some(12.9), Some(9.1)));
    let x =
        read("1-9月，全县规模以上工业增加值增速为7.4%，固定资产投资增幅为-3.5%，增速全市第一。");
    assert_eq!(figure(&x, "industry_va"), (None, Some(7.4)));
    assert_eq!(figure(&x, "fai"), (None, Some(-3.5)));
    // A change in percentage points is neither taken nor offered as a number to assign.
    let x =
        read("1-9月，全县实现地区生产总值98.5亿元，同比增长7.4%，增速比上半年回落0.3个百分点。");
    assert!(x.loose.is_empty(), "{:?}", x.loose);
    let x = read("1-5月，一般预算财政收入完成12655万元，占年预算30820万元的41.06%，短收187万元，比上年同期增长3.84%。");
    assert_eq!(figure(&x, "revenue"), (Some(1.2655), Some(3.84)));
}

#[test]
fn a_value_in_a_unit_the_indicator_cannot_take_is_left_for_the_user_but_its_growth_is_taken() {
    use xinyuan_tracker::model::release::Why;
    let x = read("1-9月，全县外贸进出口总额5.6亿元，同比增长18.7%。");
    assert_eq!(figure(&x, "foreign_trade"), (None, Some(18.7)));
    assert!(
        x.loose
            .iter()
            .any(|l| l.why == Why::Unit("foreign_trade".into())),
        "{:?}",
        x.loose
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
    /// Any text, and any cut of a real release, is read without a panic, and whatever is taken
    /// is a finite number in the indicator's unit.
    #[test]
    fn any_text_is_read_without_a_panic(text in "[0-9一二三九十月年季度上半前至元，。；：、（）%万亿元人次增长下降同比全县地区生产总值规上工业增加值社会消费品零售总额 .,;:()-]{0,120}",
                                         case in 0usize..29, cut in 0usize..1000) {
        let all = cases("corpus");
        let release = &all[case % all.len()].text;
        let chars: Vec<char> = release.chars().collect();
        let cut = cut % (chars.len() + 1);
        for t in [text, chars[..cut].iter().collect::<String>(), chars[cut..].iter().collect::<String>()] {
            let x = read(&t);
            for f in &x.found {
                for r in f.value.iter().chain(&f.growth) {
                    proptest::prop_assert!(r.value.is_finite(), "{t}: {r:?}");
                }
            }
        }
    }
}

#[test]
fn the_preview_is_saved_as_one_change_that_one_undo_takes_back() {
    use xinyuan_tracker::model::figures::Figure;
    use xinyuan_tracker::model::release::{change, RowError};
    use xinyuan_tracker::model::saved::{Entries, Op};
    use xinyuan_tracker::model::Period;
    let data = Dataset::embedded();
    let x = read("1-9月，全县实现地区生产总值98.5亿元，同比增长7.4%；社会消费品零售总额383967万元，同比下降3.0%；规模以上工业增加值增长3.94倍。");
    let rows = x.rows();
    assert_eq!(rows.len(), 3, "{rows:?}");
    // The growth in 倍 goes to the preview as the percentage it is.
    assert_eq!(rows[2].growth, "394%");
    let mut entries = Entries::default();
    entries.apply(Op::Put {
        id: "retail".into(),
        figure: Figure {
            note: "kept".into(),
            prev: Some(40.0),
            ..Figure::empty(Period::Month(9))
        },
    });
    let before = entries.clone();
    let op = change(&rows, 9, "县统计局 1-9月经济运行", data).expect("a change");
    let undo = entries.apply(op);
    // GDP is quarterly: filed under the third quarter; retail monthly, under January–September.
    let gdp = entries.figure("gdp", Period::Quarter(3)).expect("gdp");
    assert_eq!((gdp.value, gdp.growth), (Some(98.5), Some(7.4)));
    assert_eq!(gdp.source, "县统计局 1-9月经济运行");
    let retail = entries.figure("retail", Period::Month(9)).expect("retail");
    assert_eq!((retail.value, retail.growth), (Some(38.3967), Some(-3.0)));
    assert_eq!((retail.note.as_str(), retail.prev), ("kept", Some(40.0)));
    entries.apply(undo);
    assert_eq!(entries, before, "one undo takes the whole release back");
    // In August a quarterly indicator has no figure; a row the user broke is refused; nothing
    // is saved while any row is wrong.
    let errors = change(&rows, 8, "", data).expect_err("GDP in August");
    assert_eq!(errors, vec![(0, RowError::NotReleased)]);
    let mut broken = rows.clone();
    broken[1].value = "3839６7万吨".into();
    broken.push(broken[0].clone());
    let errors = change(&broken, 9, "", data).expect_err("errors");
    assert!(matches!(errors[0], (1, RowError::Value(_))), "{errors:?}");
    assert_eq!(errors[1], (3, RowError::Twice));
    // A value far from the report's scale (98.5万元 of GDP: a 万 for an 亿) waits for the user to
    // check it.
    let mut far = rows.clone();
    far[0].value = "98.5万元".into();
    let errors = change(&far, 9, "", data).expect_err("a warning");
    assert!(matches!(errors[0], (0, RowError::Scale(_))), "{errors:?}");
    far[0].checked = true;
    assert!(change(&far, 9, "", data).is_ok());
}
