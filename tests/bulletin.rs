//! The bulletin drafted from a known set of figures, sentence by sentence (worked out by hand
//! from the report's targets: see each comment).

#![allow(clippy::expect_used, clippy::unwrap_used)]

use xinyuan_tracker::model::bulletin::{draft, Bulletin};
use xinyuan_tracker::model::figures::Figure;
use xinyuan_tracker::model::saved::{Entries, Op};
use xinyuan_tracker::model::{Dataset, Lang, Period};

#[path = "support/read_docx.rs"]
mod read_docx;
use read_docx::read_docx;

fn put(
    e: &mut Entries,
    id: &str,
    period: Period,
    value: Option<f64>,
    growth: Option<f64>,
    source: &str,
) {
    e.apply(Op::Put {
        id: id.into(),
        figure: Figure {
            value,
            growth,
            source: source.into(),
            ..Figure::empty(period)
        },
    });
}

/// Two releases: January–August and January–September.
fn fixture() -> Entries {
    use Period::{Month, Quarter};
    let mut e = Entries::default();
    let s8 = "县统计局1-8月快报";
    let s9 = "县统计局1-9月快报";
    put(&mut e, "revenue", Month(8), Some(5.0), Some(11.2), s8);
    put(&mut e, "tourists", Month(8), Some(540.0), None, s8);
    put(&mut e, "gdp", Quarter(2), Some(60.2), Some(7.2), "");
    put(&mut e, "gdp", Quarter(3), Some(98.5), Some(7.4), s9);
    put(&mut e, "revenue", Month(9), Some(6.2), Some(12.1), s9);
    put(&mut e, "tourists", Month(9), Some(610.0), None, s9);
    put(&mut e, "unemployment", Quarter(3), Some(5.2), None, s9);
    put(&mut e, "retail", Month(9), Some(4.0), Some(14.3), s9);
    e
}

fn bulletin(lang: Lang) -> Bulletin {
    draft(Dataset::embedded(), &fixture(), 9, "2023-10-20", lang)
}

#[test]
fn the_chinese_bulletin_says_exactly_what_the_figures_say() {
    let b = bulletin(Lang::Zh);
    assert_eq!(b.title, "新源县2023年主要目标任务完成情况通报（1-9月）");
    assert_eq!(b.covers, "数据截至1-9月 · 2023年10月20日生成");
    assert_eq!(b.previous, Some(8));
    // GDP: 7.4% against 8%: 0.6 points short, R = 0.925, behind. Revenue: 12.1% against 16%:
    // 3.9 short, R = 0.756, behind. Retail: 14.3% against 13%: 1.3 above, R = 1.1 exactly, ahead.
    // Unemployment: 5.2% within the 5.5% cap, R = 5.5/5.2 = 1.058, on pace. A growth rate or a
    // level says above or below its target without the words of 序时进度. The others have no
    // figure for the period, and say so.
    assert_eq!(
        b.headline,
        "1-9月，全县主要预期目标进展如下：\
         地区生产总值98.5亿元，增长7.4%，低于目标增速（8%）0.6个百分点；\
         一般公共预算收入6.2亿元，增长12.1%，低于目标增速（16%）3.9个百分点；\
         固定资产投资（不含农户）本期尚无数据；\
         规模以上工业增加值本期尚无数据；\
         招商引资到位资金本期尚无数据；\
         社会消费品零售总额4亿元，增长14.3%，高于目标增速（13%）1.3个百分点；\
         外贸进出口总额本期尚无数据；\
         城镇居民人均可支配收入本期尚无数据；\
         农村居民人均可支配收入本期尚无数据；\
         城镇调查失业率为5.2%，在目标上限（5.5%）以内。"
    );
    // Tourists: 610 of 840万人次 = 72.6%, pace 9/12 = 75%: 2.4 points short, R = 0.968, behind.
    assert_eq!(
        b.groups,
        [
            "已完成或超序时进度的目标1项：社会消费品零售总额（超1.3个百分点）。",
            "达到序时进度的目标1项：城镇调查失业率。",
            "低于序时进度的目标3项：地区生产总值（差0.6个百分点）、一般公共预算收入（差3.9个百分点）和接待游客（差2.4个百分点）。",
        ]
    );
    assert_eq!(
        b.areas,
        "分领域看：主要预期目标本期有数据的4项中2项落后于进度；文旅与服务业本期有数据的1项中1项落后于进度。"
    );
    // Since January–August: revenue's gap 4.8 → 3.9 points (11.2% → 12.1%); tourists' 540 of
    // 840 = 64.3% against 66.7% (−2.4) → 72.6% against 75% (−2.4): the same to 0.05 points, so
    // not a change. GDP was last judged on the second quarter (7.2%): 0.8 → 0.6 points short,
    // compared with 上半年, the figure it rests on, not with a January–August one it has none of.
    assert_eq!(
        b.changes.as_deref(),
        Some("与1-8月相比：地区生产总值差距比上半年收窄0.2个百分点；一般公共预算收入差距比1-8月收窄0.9个百分点。")
    );
    assert!(
        b.needs
            .as_deref()
            .unwrap_or_default()
            .contains("接待游客尚需完成 230万人次"),
        "{:?}",
        b.needs
    );
    assert_eq!(
        b.sources,
        "数据来源：县统计局1-9月快报。目标见政府工作报告——2023年1月30日在新源县第十八届人民代表大会第三次会议上。"
    );
    let ids: Vec<&str> = b.lines.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(
        ids,
        ["gdp", "revenue", "retail", "unemployment", "tourists"]
    );
    let tourists = &b.lines[4];
    assert_eq!(
        (
            tourists.measure.as_str(),
            tourists.pace.as_str(),
            tourists.gap.as_str(),
            tourists.status.as_str()
        ),
        ("72.62%", "75%", "−2.4 个百分点", "低于序时进度")
    );
    assert_eq!(b.lines[3].change, "本期新增");
}

#[test]
fn the_english_bulletin_is_written_in_english() {
    let b = bulletin(Lang::En);
    assert_eq!(
        b.title,
        "Xinyuan County: progress on the 2023 targets, Jan–Sep"
    );
    assert_eq!(b.covers, "Figures to Jan–Sep · made on 20 October 2023");
    assert!(
        b.headline.starts_with(
            "As of Jan–Sep, the main expected targets stood as follows: Gross domestic product (GDP): 9.85 billion yuan, up 7.4%, 0.6 percentage points below the target rate of 8%;"
        ),
        "{}",
        b.headline
    );
    assert_eq!(
        b.needs.as_deref(),
        Some("To meet the year's targets: Tourist visits received: still to do: 2.3 million visits, or 766,667 visits a month (so far 677,778 visits a month).")
    );
    let text = b.plain_text(Lang::En);
    let cjk: Vec<char> = text
        .chars()
        .filter(|c| xinyuan_tracker::model::format::is_cjk(*c))
        .collect();
    // Chinese only in the report's title and the sources as the keepers wrote them.
    let allowed: String = [
        Dataset::embedded().source.title.zh.as_str(),
        "县统计局1-9月快报",
    ]
    .concat();
    assert!(cjk.iter().all(|c| allowed.contains(*c)), "{text}");
}

#[test]
fn a_bulletin_never_claims_more_than_the_figures_for_its_period() {
    // A growth target whose September figure lacks its growth is judged on the figure that has
    // it, and the bulletin says which.
    let mut e = fixture();
    put(&mut e, "revenue", Period::Month(9), Some(6.2), None, "");
    let b = draft(Dataset::embedded(), &e, 9, "2023-10-20", Lang::Zh);
    assert!(
        b.headline
            .contains("一般公共预算收入（截至1-8月）5亿元，增长11.2%"),
        "{}",
        b.headline
    );
    let line = b.lines.iter().find(|l| l.id == "revenue").expect("revenue");
    assert_eq!(line.status, "低于序时进度（截至1-8月）");
    // With no figures at all, every main target says it has none.
    let b = draft(
        Dataset::embedded(),
        &Entries::default(),
        9,
        "2023-10-20",
        Lang::Zh,
    );
    assert!(b.lines.is_empty() && b.changes.is_none());
    assert_eq!(b.headline.matches("本期尚无数据").count(), 10);
}

#[test]
fn the_table_exports_as_csv_with_its_numbers_in_columns() {
    let csv = bulletin(Lang::En).csv(Lang::En);
    assert!(csv.starts_with('\u{feff}'));
    let mut r = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let head: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(head[0], "Indicator");
    assert_eq!(head[10], "Value");
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let tourists = rows
        .iter()
        .find(|r| &r[0] == "Tourist visits received")
        .unwrap();
    assert_eq!(&tourists[10], "610");
    assert_eq!(&tourists[13], "75");
}

#[test]
fn the_word_document_opens_with_its_headings_paragraphs_and_table_intact() {
    use xinyuan_tracker::model::docx::bulletin_docx;
    let b = bulletin(Lang::Zh);
    let bytes = bulletin_docx(&b, Lang::Zh).expect("a document");
    let d = read_docx(&bytes);
    // A4: 210 × 297 mm in EMU (1 twip = 635 EMU).
    assert_eq!(d["page"], serde_json::json!([11906 * 635, 16838 * 635]));
    let paragraphs = d["paragraphs"].as_array().expect("paragraphs");
    let styled = |style: &str| -> Vec<String> {
        paragraphs
            .iter()
            .filter(|p| p[0] == style)
            .map(|p| p[1].as_str().unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(styled("Heading 1"), std::slice::from_ref(&b.title));
    assert_eq!(
        styled("Heading 2"),
        [
            "一、主要预期目标",
            "二、各项目标进展",
            "三、与上期相比",
            "四、需要加力的目标",
            "附表：目标完成情况"
        ]
    );
    let texts: Vec<&str> = paragraphs.iter().filter_map(|p| p[1].as_str()).collect();
    for p in [&b.covers, &b.headline, &b.areas, &b.sources, &b.method] {
        assert!(texts.contains(&p.as_str()), "{p}");
    }
    let table = &d["tables"][0];
    let rows = table.as_array().expect("a table");
    assert_eq!(rows.len(), 1 + b.lines.len());
    assert_eq!(rows[0], serde_json::json!(b.head));
    assert_eq!(rows[5][0], "接待游客");
    assert_eq!(rows[5][5], "72.62%");
    assert_eq!(rows[5][8], "低于序时进度");
    assert!(
        d["footer"][0].as_u64().unwrap_or(0) > 0,
        "a page number in the footer"
    );
}
