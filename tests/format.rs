//! How every unit of the dataset is written with a number, in each language: Chinese keeps the
//! report's form ("133.61亿元"); English writes magnitudes in words and digits and puts the unit,
//! singular or plural, after the number.

use xinyuan_tracker::model::format::{quantity, range, signed_quantity};
use xinyuan_tracker::model::{Dataset, Lang, Text};

fn unit(zh: &str) -> Text {
    let data = Dataset::embedded();
    data.indicators
        .iter()
        .find(|i| i.unit.zh == zh)
        .map(|i| i.unit.clone())
        .unwrap_or_else(|| panic!("no indicator in {zh}"))
}

/// (value, Chinese unit, Chinese, English). The Chinese unit picks the first indicator of the
/// dataset with that unit; its English unit is the data's.
const TABLE: &[(f64, &str, &str, &str)] = &[
    (133.61, "亿元", "133.61亿元", "13.361 billion yuan"),
    (100.0, "亿元", "100亿元", "10 billion yuan"),
    (5.0, "亿元", "5亿元", "500 million yuan"),
    (0.07, "亿元", "0.07亿元", "7 million yuan"),
    (0.005, "亿元", "0.01亿元", "500,000 yuan"),
    (383_967.0, "万元", "383,967万元", "3.84 billion yuan"),
    (12.5, "万元", "12.5万元", "125,000 yuan"),
    (36_835.0, "元", "36,835元", "36,835 yuan"),
    (1.0, "元", "1元", "1 yuan"),
    (840.0, "万人次", "840万人次", "8.4 million visits"),
    (380.5, "万人次", "380.5万人次", "3.805 million visits"),
    (73.333_333, "万人次", "73.33万人次", "733,333 visits"),
    (2400.0, "万美元", "2,400万美元", "USD 24 million"),
    (85.0, "万美元", "85万美元", "USD 850,000"),
    (125.0, "万亩", "125万亩", "1.25 million mu"),
    (1.25, "万亩", "1.25万亩", "12,500 mu"),
    (0.35, "万亩", "0.35万亩", "3,500 mu"),
    (29.9, "万亩", "29.9万亩", "299,000 mu"),
    (3000.0, "亩", "3,000亩", "3,000 mu"),
    (1.0, "亩", "1亩", "1 mu"),
    (180.1, "万头（只）", "180.1万头（只）", "1.801 million head"),
    (180.0, "万头（只）", "180万头（只）", "1.8 million head"),
    (15.6, "万吨", "15.6万吨", "156,000 tonnes"),
    (3.0, "万平方米", "3万平方米", "30,000 m²"),
    (120.0, "万平方米", "120万平方米", "1.2 million m²"),
    (44.54, "千米", "44.54千米", "44.54 km"),
    (1.0, "千米", "1千米", "1 km"),
    (8745.0, "个", "8,745个", "8,745 units"),
    (1.0, "个", "1个", "1 unit"),
    (1.0, "家", "1家", "1 enterprise"),
    (6.0, "家", "6家", "6 enterprises"),
    (1.0, "座", "1座", "1 facility"),
    (1.0, "人", "1人", "1 person"),
    (3500.0, "人", "3,500人", "3,500 people"),
    (2.0, "万人", "2万人", "20,000 people"),
    (5.5, "%", "5.5%", "5.5%"),
    (-3.5, "%", "−3.5%", "−3.5%"),
    (
        73.33,
        "元/人·月",
        "73.33元/人·月",
        "73.33 yuan per person per month",
    ),
    (1.0, "支", "1支", "1 team"),
    (1.0, "件", "1件", "1 item"),
    (1.0, "万件", "1万件", "10,000 items"),
    (999_999_999.0, "元", "999,999,999元", "1 billion yuan"),
];

#[test]
fn every_unit_reads_naturally_in_both_languages() {
    let mut wrong = Vec::new();
    for &(x, zh_unit, zh, en) in TABLE {
        let u = unit(zh_unit);
        for (lang, want) in [(Lang::Zh, zh), (Lang::En, en)] {
            let got = quantity(x, &u, lang);
            if got != want {
                wrong.push(format!("{x} {zh_unit} in {lang:?}: {got:?}, want {want:?}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn english_never_shows_a_magnitude_as_a_multiplier_or_chinese() {
    let data = Dataset::embedded();
    for ind in &data.indicators {
        let magnitude = ind.unit.en.starts_with(|c: char| c.is_ascii_digit());
        for x in [0.5, 1.0, 7.0, 133.61, 840.0, 12_345.0] {
            let en = quantity(x, &ind.unit, Lang::En);
            assert!(!en.contains('×'), "{}: {en}", ind.id);
            // "7 × 10,000 mu" is "70,000 mu", never the data's unit with the number in front.
            assert!(
                !(magnitude && x != 1.0 && en.contains(ind.unit.en.as_str())),
                "{}: {en}",
                ind.id
            );
            assert!(
                !en.chars().any(xinyuan_tracker::model::format::is_cjk),
                "{}: {en}",
                ind.id
            );
            let zh = quantity(x, &ind.unit, Lang::Zh);
            assert!(zh.ends_with(ind.unit.zh.as_str()), "{}: {zh}", ind.id);
        }
    }
}

#[test]
fn ranges_and_differences_carry_their_unit() {
    let count = unit("个");
    assert_eq!(range(3.0, 5.0, &count, Lang::Zh), "3–5个");
    assert_eq!(range(3.0, 5.0, &count, Lang::En), "3–5 units");
    let yuan = unit("亿元");
    assert_eq!(
        range(50.0, 60.0, &yuan, Lang::En),
        "5 billion yuan to 6 billion yuan"
    );
    let mu = unit("万亩");
    assert_eq!(signed_quantity(0.1, &mu, Lang::Zh), "+0.1万亩");
    assert_eq!(signed_quantity(0.1, &mu, Lang::En), "+1,000 mu");
    assert_eq!(signed_quantity(-0.1, &mu, Lang::En), "−1,000 mu");
    assert_eq!(signed_quantity(0.0, &mu, Lang::En), "0 mu");
}

#[test]
fn publication_times_read_as_beijing_time_across_days_months_and_years() {
    use xinyuan_tracker::model::format::beijing_time;
    let cases = [
        ("2023-10-20T02:00:00.000Z", Some("2023-10-20 10:00")),
        ("2023-10-20T15:59:59.999Z", Some("2023-10-20 23:59")),
        ("2023-10-20T16:00:00Z", Some("2023-10-21 00:00")),
        ("2023-12-31T16:30:00Z", Some("2024-01-01 00:30")),
        ("2024-02-28T20:00:00Z", Some("2024-02-29 04:00")),
        ("2023-02-28T20:00:00Z", Some("2023-03-01 04:00")),
        ("2023-10-20T10:00:00+08:00", Some("2023-10-20 10:00")),
        ("2023-10-20T10:00:00-05:00", Some("2023-10-20 23:00")),
        ("2023-10-20T01:00:00+09:30", Some("2023-10-19 23:30")),
        ("2023-10-20T02:00", Some("2023-10-20 10:00")),
        ("2023-10-20", None),
        ("yesterday", None),
        ("2023-13-01T00:00:00Z", None),
        ("2023-10-20T25:00:00Z", None),
        ("", None),
    ];
    for (iso, want) in cases {
        assert_eq!(beijing_time(iso).as_deref(), want, "{iso}");
    }
}
