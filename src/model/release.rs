//! Reading a statistics release: the figures a pasted text gives for the indicators the tracker
//! knows, and the period they cover.
//!
//! A release ("1-9月，全县实现地区生产总值98.5亿元，同比增长7.4%；…") names an indicator the way
//! statistics offices do ([`Indicator::aliases`], [`Dataset::release_groups`]), then its value and
//! its growth. What is taken is deliberately narrow, because a wrong figure is worse than a missing
//! one (the user sees every number left over and can assign it):
//!
//! - the name must be the subject of its clause: 全县/全区/该县 or a place name may precede it, so may
//!   a period, 其中, 实现, 完成 and the like; anything else (园区, 限上, 人均, 第一产业, a scenic
//!   spot) makes it a part or another quantity, and a clause that starts with a verb carries on the
//!   subject of the clause before it;
//! - the value must follow the name directly (after 实现, 完成, 达到, 为 …) in a unit the indicator
//!   can take, read by [`number::parse`], the same reading as a typed figure;
//! - the growth must follow the value in the same clause or in clauses that go on with it
//!   (同比…, 按可比价格计算…), compared with the same period of last year (同比, 比上年, 较上年同期);
//!   changes in 个百分点, growth against another period (比1-8月, 较一季度, 比年初), targets
//!   (…以上) and estimates are not growth rates of the figure;
//! - a sentence about another period (a comparison period, a single month, another year) gives
//!   nothing for the release's own period.

use super::dataset::{Dataset, Indicator};
use super::figures::Period;
use super::number::{self, Field, NumberError};

/// A number as the release wrote it and as it will be saved.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// The text as written: `383967万元`, `增长7.6%`.
    pub typed: String,
    /// In the indicator's unit (percent for growth).
    pub value: f64,
}

/// The figures a release gives for one indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// Indicator id.
    pub id: String,
    /// The cumulative value or level, if given in a unit the indicator takes.
    pub value: Option<Reading>,
    /// The growth over the same period of last year, percent, if given.
    pub growth: Option<Reading>,
    /// The sentence it came from, as pasted.
    pub sentence: String,
}

/// Why a number of the release was not taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// It names none of the tracker's indicators.
    NoIndicator,
    /// It is about another period than the release's own.
    OtherPeriod,
    /// It is a part, a subset or another measure of an indicator (限上, 园区, 人均 …).
    Part,
    /// Its unit does not fit the indicator it names.
    Unit(String),
    /// A second, different figure for an indicator already found.
    Again(String),
}

/// A number of the release that was not taken, for the user to assign or leave.
#[derive(Debug, Clone, PartialEq)]
pub struct Loose {
    /// The number with its unit as written.
    pub typed: String,
    /// Why it was not taken.
    pub why: Why,
    /// The sentence it stands in, as pasted.
    pub sentence: String,
}

/// What a pasted release gives.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Extraction {
    /// The release's own period, if the text says it.
    pub period: Option<Period>,
    /// The figures found, in the order of the text, one per indicator.
    pub found: Vec<Found>,
    /// The numbers left over.
    pub loose: Vec<Loose>,
}

/// What a name of the release stands for.
#[derive(Debug, Clone)]
enum Names {
    One(String),
    Group(Vec<String>),
}

/// A period as a release words it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Said {
    /// Cumulative from January (1-9月, 前三季度 …), or a stock at the end of it (9月末).
    Cumulative(Period),
    /// One month or quarter on its own (9月份, 当月, 下半年): never a release's cumulative figure.
    Single,
}

/// Reads a pasted release.
pub fn extract(text: &str, data: &Dataset) -> Extraction {
    let original: Vec<char> = text.chars().collect();
    let norm: Vec<char> = original.iter().map(|&c| normalize(c)).collect();
    let names = names(data);
    let periods = period_mentions(&norm);
    let period = release_period(&periods);
    let year = release_year(&norm);
    let mut out = Extraction {
        period,
        ..Extraction::default()
    };
    let mut consumed = vec![false; norm.len()];
    for (start, end) in sentences(&norm) {
        let sentence: String = original[start..end]
            .iter()
            .collect::<String>()
            .trim()
            .into();
        read_sentence(
            &norm,
            (start, end),
            &sentence,
            &names,
            data,
            period,
            year,
            &mut consumed,
            &mut out,
        );
    }
    out.loose.extend(leftovers(&norm, &original, &consumed));
    out
}

/// One character as the reader sees it: full-width forms as ASCII, the dashes and spaces of
/// releases as one each, a middle dot between digits as a decimal point.
fn normalize(c: char) -> char {
    match c {
        '—' | '–' | '―' | '－' | '~' | '～' | '〜' => '-',
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' | '\u{a0}' | '\u{2002}'..='\u{200a}' | '\t' | '\r' => ' ',
        '·' | '•' => '.',
        '㈠' => '(',
        _ => c,
    }
}

fn names(data: &Dataset) -> Vec<(Vec<char>, Names)> {
    let mut out: Vec<(Vec<char>, Names)> = Vec::new();
    for ind in &data.indicators {
        for a in &ind.aliases {
            out.push((
                a.chars().map(normalize).collect(),
                Names::One(ind.id.clone()),
            ));
        }
    }
    for g in &data.release_groups {
        out.push((
            g.name.chars().map(normalize).collect(),
            Names::Group(g.indicators.clone()),
        ));
    }
    // Longest first, so that 规模以上工业增加值 wins over 工业增加值 at the same place.
    out.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
    out
}

fn starts_with(text: &[char], at: usize, word: &str) -> bool {
    (at..)
        .zip(word.chars())
        .all(|(i, c)| text.get(i) == Some(&c))
}

/// The first of `words` at `at`, as its length in characters.
fn word_at(text: &[char], at: usize, words: &[&str]) -> Option<usize> {
    words
        .iter()
        .find(|w| starts_with(text, at, w))
        .map(|w| w.chars().count())
}

fn is_digit(c: Option<&char>) -> bool {
    c.is_some_and(char::is_ascii_digit)
}

/// Sentences: up to 。；;！？ or a line break.
fn sentences(t: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in t.iter().enumerate() {
        if matches!(c, '。' | ';' | '\n' | '!' | '?') {
            if i > start {
                out.push((start, i));
            }
            start = i + 1;
        }
    }
    if start < t.len() {
        out.push((start, t.len()));
    }
    out
}

fn is_clause_break(c: char) -> bool {
    matches!(c, ',' | ':' | '、')
}

const CN_DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// A month number written in digits or in Chinese (九, 十一, 十二) at `at`: (number, length).
fn month_number(t: &[char], at: usize) -> Option<(u8, usize)> {
    let mut n = 0u32;
    let mut len = 0;
    while let Some(d) = t.get(at + len).and_then(|c| c.to_digit(10)) {
        n = n * 10 + d;
        len += 1;
    }
    if len == 0 {
        let digit = |c: Option<&char>| {
            c.and_then(|c| CN_DIGITS.iter().position(|d| d == c))
                .map(|p| p as u32)
        };
        if t.get(at) == Some(&'十') {
            n = 10 + digit(t.get(at + 1)).unwrap_or(0);
            len = if digit(t.get(at + 1)).is_some() { 2 } else { 1 };
        } else if let Some(d) = digit(t.get(at)) {
            n = d;
            len = 1;
        }
    }
    (len > 0 && (1..=12).contains(&n)).then_some((n as u8, len))
}

/// The period a release words at `at`, with its length.
fn period_at(t: &[char], at: usize) -> Option<(Said, usize)> {
    // Quarters and halves.
    let quarters: [(&str, Said); 25] = [
        ("前三季度", Said::Cumulative(Period::Quarter(3))),
        ("前两季度", Said::Cumulative(Period::Quarter(2))),
        ("前二季度", Said::Cumulative(Period::Quarter(2))),
        ("第一季度", Said::Cumulative(Period::Quarter(1))),
        ("第二季度", Said::Cumulative(Period::Quarter(2))),
        ("第三季度", Said::Cumulative(Period::Quarter(3))),
        ("第四季度", Said::Single),
        ("一季度", Said::Cumulative(Period::Quarter(1))),
        ("二季度", Said::Cumulative(Period::Quarter(2))),
        ("三季度", Said::Cumulative(Period::Quarter(3))),
        ("四季度", Said::Single),
        ("上半年", Said::Cumulative(Period::Quarter(2))),
        ("下半年", Said::Single),
        ("全年", Said::Cumulative(Period::Quarter(4))),
        ("当月", Said::Single),
        ("国庆", Said::Single),
        ("春节", Said::Single),
        ("五一", Said::Single),
        ("端午", Said::Single),
        ("中秋", Said::Single),
        ("元旦", Said::Single),
        ("清明", Said::Single),
        ("假期", Said::Single),
        ("黄金周", Said::Single),
        ("小长假", Said::Single),
    ];
    for (w, said) in quarters {
        if starts_with(t, at, w) {
            return Some((said, w.chars().count()));
        }
    }
    if starts_with(t, at, "首季") {
        return Some((Said::Cumulative(Period::Quarter(1)), 2));
    }
    // 1-9月, 1至9月, 元至九月, 一至九月, 1到9月 (份).
    let from = match t.get(at) {
        Some('1' | '元' | '一') if !is_digit(t.get(at + 1)) => 1,
        _ => 0,
    };
    if from == 1 && matches!(t.get(at + 1), Some('-' | '至' | '到')) {
        if let Some((m, len)) = month_number(t, at + 2) {
            if t.get(at + 2 + len) == Some(&'月') {
                let mut n = 3 + len;
                if t.get(at + n) == Some(&'份') {
                    n += 1;
                }
                return Some((Said::Cumulative(Period::Month(m)), n));
            }
        }
    }
    // 前9月, 前9个月, 前三个月.
    if t.get(at) == Some(&'前') {
        if let Some((m, len)) = month_number(t, at + 1) {
            let mut n = 1 + len;
            if t.get(at + n) == Some(&'个') {
                n += 1;
            }
            if t.get(at + n) == Some(&'月') {
                return Some((Said::Cumulative(Period::Month(m)), n + 1));
            }
        }
    }
    // 9月末, 9月底 (a stock at the end of September, or 截至9月底), 9月份 / 9月 (one month),
    // but not a date (10月27日).
    if !is_digit(t.get(at.wrapping_sub(1))) || at == 0 {
        if let Some((m, len)) = month_number(t, at) {
            // 1月至9月, 1月-9月, 1月份至9月份: January to September.
            if m == 1 && t.get(at + len) == Some(&'月') {
                let mut k = at + len + 1;
                if t.get(k) == Some(&'份') {
                    k += 1;
                }
                if matches!(t.get(k), Some('-' | '至' | '到')) {
                    if let Some((to, l2)) = month_number(t, k + 1) {
                        if t.get(k + 1 + l2) == Some(&'月') {
                            let mut n = k + 2 + l2 - at;
                            if t.get(at + n) == Some(&'份') {
                                n += 1;
                            }
                            return Some((Said::Cumulative(Period::Month(to)), n));
                        }
                    }
                }
            }
            if t.get(at + len) == Some(&'月') {
                let after = t.get(at + len + 1);
                return match after {
                    Some('末' | '底') => Some((Said::Cumulative(Period::Month(m)), len + 2)),
                    Some('份') if m == 1 => Some((Said::Cumulative(Period::Month(1)), len + 2)),
                    Some('份') => Some((Said::Single, len + 2)),
                    Some(c) if c.is_ascii_digit() => None,
                    _ if m == 1 => Some((Said::Cumulative(Period::Month(1)), len + 1)),
                    _ if t.get(at.wrapping_sub(1)).is_some_and(|c| {
                        matches!(c, '-' | '至' | '到') || CN_DIGITS.contains(c) || *c == '十'
                    }) =>
                    {
                        None
                    }
                    _ => Some((Said::Single, len + 1)),
                };
            }
        }
    }
    None
}

/// Whether the words just before `at` make a period a comparison (比1-8月, 较一季度, 由二季度的).
fn is_comparison(t: &[char], at: usize) -> bool {
    let before = |n: usize| -> String { t[at.saturating_sub(n)..at].iter().collect() };
    let b1 = before(1);
    let b2 = before(2);
    matches!(
        b1.as_str(),
        "比" | "较" | "与" | "同" | "由" | "从" | "于" | "的"
    ) || matches!(
        b2.as_str(),
        "低于" | "高于" | "快于" | "慢于" | "比上" | "超过"
    )
}

/// Every period mentioned, with where it stands and whether it is a comparison.
fn period_mentions(t: &[char]) -> Vec<(usize, Said, bool)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        if let Some((said, len)) = period_at(t, i) {
            out.push((i, said, is_comparison(t, i)));
            i += len;
        } else {
            i += 1;
        }
    }
    out
}

/// The release's own period: the cumulative period named most often other than in comparisons
/// (the first of equals); 全年 only where no shorter period is named.
fn release_period(mentions: &[(usize, Said, bool)]) -> Option<Period> {
    let own: Vec<Period> = mentions
        .iter()
        .filter(|(_, _, comparison)| !comparison)
        .filter_map(|(_, s, _)| match s {
            Said::Cumulative(p) => Some(*p),
            Said::Single => None,
        })
        .collect();
    let shorter: Vec<Period> = own.iter().copied().filter(|p| !p.is_year_end()).collect();
    let pool = if shorter.is_empty() { own } else { shorter };
    let mut best: Option<(usize, Period)> = None;
    for p in &pool {
        let n = pool
            .iter()
            .filter(|q| q.end_month() == p.end_month())
            .count();
        if best.is_none_or(|(m, _)| n > m) {
            best = Some((n, *p));
        }
    }
    best.map(|(_, p)| p)
}

/// A year written `2023年` at `at`, not part of a range (2019-2023年) or a longer number.
fn year_at(t: &[char], at: usize) -> Option<u32> {
    if is_digit(t.get(at.wrapping_sub(1))) && at > 0 {
        return None;
    }
    let digits: String = t.get(at..at + 4)?.iter().collect();
    let y: u32 = digits.parse().ok()?;
    ((1990..=2100).contains(&y) && t.get(at + 4) == Some(&'年') && t.get(at + 5) != Some(&'-'))
        .then_some(y)
}

/// The year of the release: the first year named outside a comparison, if any.
fn release_year(t: &[char]) -> Option<u32> {
    (0..t.len()).find_map(|i| year_at(t, i).filter(|_| !is_comparison(t, i)))
}

/// Words that say who or when before a name, and the verbs that may link a name to its subject.
const PREFIX_WORDS: &[&str] = &[
    "今年以来",
    "年内",
    "今年",
    "据统计",
    "经初步核算",
    "初步核算",
    "初步测算",
    "据了解",
    "其中",
    "全年",
    "年末",
    "实现",
    "完成",
    "累计",
    "共计",
    "共",
    "已",
    "全部",
    "总体",
    "均",
    "分别",
    "按常住地分",
    "规模以上工业中",
    "同时",
    "另外",
    "此外",
    "截至",
    "截止",
    "至",
    "到",
    "的",
    "在",
    "年",
];

/// Subjects that stand for the whole county (or the place the release is about).
const SUBJECTS: &[&str] = &[
    "全县",
    "全区",
    "全市",
    "全旗",
    "我县",
    "我区",
    "我市",
    "本县",
    "本区",
    "本市",
    "该县",
    "该区",
    "该市",
    "全县域",
    "县域",
];

/// Places that end like a county or district but are a part of one.
const PART_PLACES: &[&str] = &[
    "集聚区",
    "经开区",
    "高新区",
    "集中区",
    "综保区",
    "保税区",
    "合作区",
    "试验区",
    "功能区",
    "园区",
    "景区",
    "社区",
    "城区",
    "开发区",
    "工业区",
    "产业区",
    "片区",
    "辖区",
    "新区",
    "矿区",
];

/// Places above the county (or beside it): a figure of theirs is not the county's.
const OTHER_PLACES: &[&str] = &["全州", "全盟", "全省", "全地区", "全国", "州直", "全疆"];

/// What the words before a name in its clause make of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Subject {
    /// The county (or place) as a whole, said or implied by the name standing first.
    Whole,
    /// Only linking verbs: the subject of the clause before carries on.
    Carried,
    /// A part or another quantity: 园区, 限上, 人均, 第一产业, a scenic spot.
    Part,
    /// Another period or year than the release's.
    OtherTime,
}

fn subject(
    t: &[char],
    (from, to): (usize, usize),
    period: Option<Period>,
    year: Option<u32>,
) -> Subject {
    let mut i = from;
    let mut rest_start = from;
    let mut had_subject = false;
    // Scan for periods and years (which must be the release's) and the last subject word. A
    // clause that says its period starts a statement of its own.
    while i < to {
        if let Some((said, len)) = period_at(t, i) {
            if other_period(said, period) {
                return Subject::OtherTime;
            }
            had_subject = true;
            i += len;
            continue;
        }
        if let Some(y) = year_at(t, i) {
            if year.is_some_and(|r| r != y) {
                return Subject::OtherTime;
            }
            i += 5;
            continue;
        }
        if word_at(t, i, OTHER_PLACES).is_some() {
            return Subject::Part;
        }
        if let Some(len) = word_at(t, i, SUBJECTS) {
            had_subject = true;
            i += len;
            rest_start = i;
            continue;
        }
        if matches!(t[i], '县' | '市' | '旗' | '州' | '区') && i > from {
            let part = PART_PLACES.iter().any(|p| {
                let n = p.chars().count();
                i + 1 >= n && starts_with(t, i + 1 - n, p)
            });
            if !part {
                had_subject = true;
                rest_start = i + 1;
            }
        }
        i += 1;
    }
    // What stands between the subject and the name must be linking words, periods or punctuation.
    let mut j = rest_start;
    let mut linked = false;
    while j < to {
        let c = t[j];
        if c.is_whitespace() || c.is_ascii_punctuation() || "（）“”「」【】".contains(c) {
            j += 1;
        } else if let Some((_, len)) = period_at(t, j) {
            j += len;
        } else if year_at(t, j).is_some() {
            j += 5;
        } else if let Some(len) = word_at(t, j, PREFIX_WORDS) {
            linked = true;
            j += len;
        } else if let Some(len) = enumerator(t, j) {
            j += len;
        } else if let Some(len) = firms(t, j) {
            // 全市484家规上工业企业: the count of the firms the figure covers.
            j += len;
        } else {
            return Subject::Part;
        }
    }
    if had_subject || !linked {
        Subject::Whole
    } else {
        Subject::Carried
    }
}

/// A count of firms at `at` (484家): its length.
fn firms(t: &[char], at: usize) -> Option<usize> {
    let digits = (at..t.len()).take_while(|&k| t[k].is_ascii_digit()).count();
    (digits > 0 && t.get(at + digits) == Some(&'家')).then_some(digits + 1)
}

/// An item number at `at`: 一、 (一) 1. 2、.
fn enumerator(t: &[char], at: usize) -> Option<usize> {
    let c = *t.get(at)?;
    let next = t.get(at + 1).copied();
    if (CN_DIGITS.contains(&c) || c == '十' || c.is_ascii_digit())
        && matches!(next, Some('、' | '.'))
    {
        return Some(2);
    }
    None
}

fn other_period(said: Said, period: Option<Period>) -> bool {
    match (said, period) {
        (Said::Single, _) => true,
        (Said::Cumulative(p), Some(r)) => p.end_month() != r.end_month(),
        (Said::Cumulative(_), None) => false,
    }
}

/// Words that may stand between a name and its value.
const LINKS: &[&str] = &[
    "累计完成",
    "实现",
    "完成",
    "达到",
    "突破",
    "累计",
    "共计",
    "总计",
    "总额",
    "总量",
    "额",
    "达",
    "为",
    "是",
    "约",
    "了",
    "人员",
    "人数",
    "共",
    "分别",
    "总头数",
    "总数",
    "数",
];

/// Words that may stand before a growth rate.
const GROWTH_LEADS: &[&str] = &[
    "按可比价格计算",
    "按可比价计算",
    "按不变价格计算",
    "按同口径可比价计算",
    "按可比口径计算",
    "比上年同期",
    "较上年同期",
    "比去年同期",
    "较去年同期",
    "与上年同期相比",
    "比上年",
    "较上年",
    "比去年",
    "较去年",
    "同口径",
    "同比",
    "分别",
    "均",
    "可比价",
    "现价",
    "下同",
];

/// Growth verbs: (word, decrease). 增速为 and 增幅 say neither: the number's sign does.
const GROWTH_VERBS: &[(&str, bool)] = &[
    ("增速为", false),
    ("增幅为", false),
    ("增速", false),
    ("增幅", false),
    ("增长", false),
    ("增加", false),
    ("上升", false),
    ("下降", true),
    ("减少", true),
    ("降低", true),
    ("下滑", true),
];

/// Skips spaces, linking words and a bracket that holds no number (GDP, 现价, 不含农户).
fn skip(t: &[char], mut i: usize, end: usize, words: &[&str]) -> usize {
    loop {
        let before = i;
        while i < end && t[i].is_whitespace() {
            i += 1;
        }
        if let Some(len) = word_at(t, i, words) {
            i += len;
        }
        if i < end && t[i] == '(' {
            if let Some(close) = (i..end).find(|&k| t[k] == ')') {
                if !t[i..close].iter().any(char::is_ascii_digit) {
                    i = close + 1;
                }
            }
        }
        // A footnote mark: 生产总值[2].
        if i < end && t[i] == '[' {
            let digits = (i + 1..end).take_while(|&k| t[k].is_ascii_digit()).count();
            if digits > 0 && t.get(i + 1 + digits) == Some(&']') {
                i += digits + 2;
            }
        }
        if i == before || i >= end {
            return i.min(end);
        }
    }
}

/// A number at `at`: digits, a decimal point, a leading minus; commas only between groups of
/// three. Returns its end.
fn number_end(t: &[char], at: usize, end: usize) -> Option<usize> {
    let mut i = at;
    if i < end && t[i] == '-' {
        i += 1;
    }
    let digits_from = i;
    while i < end && (t[i].is_ascii_digit() || t[i] == '.' || t[i] == ' ') {
        if t[i] == ' ' && !(is_digit(t.get(i + 1)) && i > digits_from) {
            break;
        }
        i += 1;
    }
    // 1,234,567: a comma followed by exactly three digits.
    while i < end
        && t[i] == ','
        && (1..=3).all(|k| is_digit(t.get(i + k)))
        && !is_digit(t.get(i + 4))
    {
        i += 4;
        while i < end && (t[i].is_ascii_digit() || t[i] == '.') {
            i += 1;
        }
    }
    (i > digits_from && t[digits_from].is_ascii_digit()).then_some(i)
}

/// The unit after a number: unit characters (万元, 万人次, 万头(只)), at most six.
fn unit_end(t: &[char], at: usize, end: usize) -> usize {
    let mut i = at;
    while i < end && t[i] == ' ' {
        i += 1;
    }
    let start = i;
    while i < end && i - start < 6 {
        if unit_word(t[i]) || t[i] == '%' {
            i += 1;
        } else if t[i] == '(' && i + 2 < end && unit_word(t[i + 1]) && t[i + 2] == ')' {
            i += 3;
        } else {
            break;
        }
    }
    if i == start {
        at
    } else {
        i
    }
}

/// A value for `ind` at `at`: the longest number-and-unit that reads in its unit.
fn value_at(
    t: &[char],
    at: usize,
    end: usize,
    ind: &Indicator,
) -> Option<(Result<Reading, String>, usize)> {
    let n_end = number_end(t, at, end)?;
    let u_end = unit_end(t, n_end, end);
    let field = Field::Value { unit: &ind.unit.zh };
    // The longest reading that takes the whole unit; a unit the indicator cannot take is not
    // cut short to one it can (5.6亿元 is not 5.6亿 of a 万美元 figure).
    for stop in (n_end..=u_end).rev() {
        let typed: String = t[at..stop].iter().collect::<String>().trim().to_string();
        let has_unit = stop > n_end && t[n_end..stop].iter().any(|c| !c.is_whitespace());
        let as_typed: String = typed
            .chars()
            .map(|c| match c {
                '(' => '（',
                ')' => '）',
                c => c,
            })
            .collect();
        match number::parse(&as_typed, field) {
            Ok(p) if has_unit || ind.unit.zh == "%" => {
                return Some((
                    Ok(Reading {
                        typed,
                        value: p.value,
                    }),
                    stop,
                ));
            }
            Ok(_) => return None,
            Err(NumberError::WrongUnit { typed: u, .. }) => return Some((Err(u), stop)),
            Err(_) => {}
        }
    }
    None
}

/// A growth rate at `at`: leads (同比, 比上年 …), a verb, a number and % or 倍; a list of them
/// after 分别 or joined by 、和 and 与. Returns the rates and the end.
fn growth_at(t: &[char], at: usize, end: usize) -> Option<(Vec<Reading>, usize)> {
    let i = skip(t, at, end, GROWTH_LEADS);
    let (verb_len, down) = GROWTH_VERBS
        .iter()
        .find(|(w, _)| starts_with(t, i, w))
        .map(|(w, d)| (w.chars().count(), *d))?;
    let mut j = i + verb_len;
    if t.get(j) == Some(&'了') {
        j += 1;
    }
    let j = skip(t, j, end, &["分别为", "分别", "为"]);
    let mut rates = Vec::new();
    let mut k = j;
    loop {
        let n_end = number_end(t, k, end)?;
        let mut u = n_end;
        while u < end && t[u] == ' ' {
            u += 1;
        }
        let number: String = t[k..n_end].iter().filter(|c| !c.is_whitespace()).collect();
        let verb: String = t[i..i + verb_len].iter().collect();
        // 增速为7.4%: the number carries its own sign.
        let verb = if verb.starts_with("增速") || verb.starts_with("增幅") {
            String::new()
        } else {
            verb
        };
        let (reading, after) = match t.get(u) {
            Some('%') => {
                let typed = format!("{verb}{number}%");
                let p = number::parse(&typed, Field::Growth).ok()?;
                (
                    Reading {
                        typed,
                        value: p.value,
                    },
                    u + 1,
                )
            }
            Some('倍') => {
                let x: f64 = number.parse().ok()?;
                let typed = format!("{verb}{number}倍");
                let value = if down { -x * 100.0 } else { x * 100.0 };
                (Reading { typed, value }, u + 1)
            }
            _ => return None,
        };
        // A target or a bound (增长8%以上, 左右, 以内) is not a figure.
        if word_at(t, after, &["以上", "左右", "以内", "以下"]).is_some() {
            return None;
        }
        rates.push(reading);
        k = after;
        let joined = word_at(t, k, &["、", "和", "与", "及", ","]);
        match joined {
            Some(len) if number_end(t, k + len, end).is_some() && rates.len() < 8 => k += len,
            _ => break,
        }
        // A list joined by a comma only after 分别.
        if t[k - 1] == ','
            && !t[at..i].iter().collect::<String>().contains("分别")
            && rates.len() == 1
        {
            return Some((rates, k - 1));
        }
    }
    Some((rates, k))
}

/// The end of the clause that contains `at`.
fn clause_end(t: &[char], at: usize, end: usize) -> usize {
    (at..end).find(|&k| is_clause_break(t[k])).unwrap_or(end)
}

/// Whether a clause that starts at `at` goes on with the figure before it (同比增长…, 按可比价格
/// 计算…) rather than starting another subject.
fn continues(t: &[char], at: usize) -> bool {
    let i = skip(t, at, t.len(), &[]);
    // A remark on the same figure: its share of a plan or of the prefecture, its ranking.
    let remark = skip(
        t,
        i,
        t.len(),
        &["全盟", "全市", "全州", "全省", "全地区", "增幅", "增速"],
    );
    word_at(t, i, GROWTH_LEADS).is_some()
        || GROWTH_VERBS.iter().any(|(w, _)| starts_with(t, i, w))
        || t.get(i) == Some(&'(')
        || word_at(
            t,
            remark,
            &[
                "排位",
                "排名",
                "位居",
                "位列",
                "居",
                "占",
                "短收",
                "超收",
                "完成年度",
                "完成全年",
            ],
        )
        .is_some()
}

struct Match {
    at: usize,
    len: usize,
    names: Names,
}

fn matches_in(
    t: &[char],
    (start, end): (usize, usize),
    names: &[(Vec<char>, Names)],
) -> Vec<Match> {
    let mut out = Vec::new();
    let mut i = start;
    while i < end {
        match names
            .iter()
            .find(|(n, _)| i + n.len() <= end && t[i..i + n.len()] == n[..])
        {
            Some((n, names)) => {
                out.push(Match {
                    at: i,
                    len: n.len(),
                    names: names.clone(),
                });
                i += n.len();
            }
            None => i += 1,
        }
    }
    out
}

/// The matches from `n` on that are single names joined only by 、和与及 and spaces
/// ("规上工业增加值、固定资产投资分别增长8.1%、9.0%"): a list of names whose figures follow together.
fn chain(t: &[char], found: &[Match], n: usize) -> usize {
    let mut k = n;
    while let (Some(a), Some(b)) = (found.get(k), found.get(k + 1)) {
        let joined = t[a.at + a.len..b.at]
            .iter()
            .all(|c| matches!(c, '、' | '和' | '与' | '及' | ' '));
        let single = matches!((&a.names, &b.names), (Names::One(_), Names::One(_)));
        if !joined || !single || a.at + a.len == b.at {
            break;
        }
        k += 1;
    }
    k - n + 1
}

/// The numbers a name's figures were read from, each as the user could assign it.
fn loose_of(values: &Values, growths: &[Reading], why: &Why, sentence: &str) -> Vec<Loose> {
    values
        .iter()
        .flatten()
        .map(|v| match v {
            Ok(r) => r.typed.clone(),
            Err(u) => u.clone(),
        })
        .chain(growths.iter().map(growth_text))
        .map(|typed| Loose {
            typed,
            why: why.clone(),
            sentence: sentence.to_string(),
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn read_sentence(
    t: &[char],
    (start, end): (usize, usize),
    sentence: &str,
    names: &[(Vec<char>, Names)],
    data: &Dataset,
    period: Option<Period>,
    year: Option<u32>,
    consumed: &mut [bool],
    out: &mut Extraction,
) {
    let found = matches_in(t, (start, end), names);
    let mut whole = true;
    // The finding each name gave, if any, by index into `found`: for 分别 lists of growth rates.
    let mut gave: Vec<Option<usize>> = vec![None; found.len()];
    let mut n = 0;
    while n < found.len() {
        let m = &found[n];
        // A list of names joined by 、 and 和 stands together for the figures after its last name.
        let listed = chain(t, &found, n);
        let last = &found[n + listed - 1];
        let clause_start = (start..m.at)
            .rev()
            .find(|&k| is_clause_break(t[k]))
            .map_or(start, |k| k + 1);
        let verdict = subject(t, (clause_start, m.at), period, year);
        // A name after a list of words that are no name and carry no figure (城镇、农村居民…) is
        // one of several things named together, not a figure of its own.
        let qualified = clause_start > start && t[clause_start - 1] == '、' && {
            let before = (start..clause_start - 1)
                .rev()
                .find(|&k| is_clause_break(t[k]))
                .map_or(start, |k| k + 1);
            !t[before..clause_start - 1].iter().any(char::is_ascii_digit)
                && !found.iter().any(|o| o.at >= before && o.at < clause_start)
        };
        // Everything said before the name in the sentence counts for its period too.
        let sentence_time = subject_time(t, (start, clause_start), period, year);
        let verdict = if qualified {
            Subject::Part
        } else if sentence_time && verdict != Subject::Part {
            Subject::OtherTime
        } else {
            verdict
        };
        let taken = match verdict {
            Subject::Whole => true,
            Subject::Carried => whole,
            Subject::Part | Subject::OtherTime => false,
        };
        // The figures of these names run to the next name of another indicator.
        let next = found
            .iter()
            .skip(n + listed)
            .find(|o| !same_names(&o.names, &last.names))
            .map_or(end, |o| o.at);
        let ids: Vec<String> = found[n..n + listed]
            .iter()
            .flat_map(|o| match &o.names {
                Names::One(id) => vec![id.clone()],
                Names::Group(ids) => ids.clone(),
            })
            .collect();
        let this = n;
        n += listed;
        let Some(inds) = ids
            .iter()
            .map(|id| data.indicator(id))
            .collect::<Option<Vec<_>>>()
        else {
            continue;
        };
        let (values, growths, used) = figures_after(t, last.at + last.len, next, &inds);
        if values.iter().all(Option::is_none) && growths.is_empty() {
            continue;
        }
        for k in used.clone() {
            consumed[k] = true;
        }
        // The subject a clause of figures sets carries on to clauses that start with a verb.
        match verdict {
            Subject::Whole => whole = true,
            Subject::Part => whole = false,
            Subject::Carried | Subject::OtherTime => {}
        }
        if !taken {
            let why = if verdict == Subject::OtherTime {
                Why::OtherPeriod
            } else {
                Why::Part
            };
            out.loose
                .extend(loose_of(&values, &growths, &why, sentence));
            continue;
        }
        // Several names stand for their figures only when one is given for each, in order
        // (分别达到36835元、18915元); one value after them is a figure of them together
        // (城乡居民人均可支配收入19883元: all residents), which none of them is.
        let several = inds.len() > 1;
        if several
            && ((!values.is_empty() && values.len() != inds.len())
                || (!growths.is_empty() && growths.len() != inds.len())
                || (values.is_empty() && growths.is_empty()))
        {
            out.loose
                .extend(loose_of(&values, &growths, &Why::Part, sentence));
            continue;
        }
        let mut given = None;
        for (g, ind) in inds.iter().enumerate() {
            let value = match values.get(g).cloned().flatten() {
                Some(Ok(r)) => Some(r),
                Some(Err(unit)) => {
                    out.loose.push(Loose {
                        typed: unit,
                        why: Why::Unit(ind.id.clone()),
                        sentence: sentence.to_string(),
                    });
                    None
                }
                None => None,
            };
            let growth = if several || growths.len() == 1 {
                growths.get(g).cloned()
            } else {
                None
            };
            given = record(out, &ind.id, value, growth, sentence).or(given);
        }
        gave[this] = given;
        // 接待游客…万人次，实现旅游收入…亿元，同比分别增长21.1%和27.5%: one rate to each of the
        // figures just before, in order, when each of those names gave a value and no rate.
        if !several && growths.len() > 1 {
            let k = growths.len();
            let before: Option<Vec<usize>> = (this + 1 >= k)
                .then(|| gave[this + 1 - k..=this].iter().copied().collect())
                .flatten();
            match before {
                Some(list)
                    if list[..k - 1].iter().all(|&i| {
                        out.found[i].value.is_some() && out.found[i].growth.is_none()
                    }) =>
                {
                    for (i, g) in list.into_iter().zip(growths) {
                        if out.found[i].growth.is_none() {
                            out.found[i].growth = Some(g);
                        }
                    }
                }
                _ => out
                    .loose
                    .extend(loose_of(&Vec::new(), &growths, &Why::NoIndicator, sentence)),
            }
        }
    }
}

/// Whether a period or year said at the start of a sentence (before the clause of a name) is
/// another than the release's: "1-2月，全县…" in a first-quarter release.
fn subject_time(
    t: &[char],
    (from, to): (usize, usize),
    period: Option<Period>,
    year: Option<u32>,
) -> bool {
    let mut i = from;
    while i < to {
        if let Some((said, len)) = period_at(t, i) {
            if !is_comparison(t, i) && other_period(said, period) {
                return true;
            }
            i += len;
        } else if let Some(y) = year_at(t, i) {
            if !is_comparison(t, i) && year.is_some_and(|r| r != y) {
                return true;
            }
            i += 5;
        } else {
            i += 1;
        }
    }
    false
}

fn same_names(a: &Names, b: &Names) -> bool {
    match (a, b) {
        (Names::One(x), Names::One(y)) => x == y,
        (Names::Group(x), Names::Group(y)) => x == y,
        _ => false,
    }
}

type Values = Vec<Option<Result<Reading, String>>>;

/// The values and growth rates after a name at `from`, up to `to`: one value per indicator (a
/// list after 分别 for a group), then growth in the same clause or in clauses that go on.
fn figures_after(
    t: &[char],
    from: usize,
    to: usize,
    inds: &[&Indicator],
) -> (Values, Vec<Reading>, std::ops::Range<usize>) {
    let mut values: Values = Vec::new();
    let mut i = skip(t, from, to, LINKS);
    let mut last = from;
    for (k, ind) in inds.iter().enumerate() {
        if k > 0 {
            match word_at(t, i, &["、", "和", "与", "及", ","]) {
                Some(len) => i = skip(t, i + len, to, LINKS),
                None => break,
            }
        }
        match value_at(t, i, to, ind) {
            Some((v, stop)) => {
                values.push(Some(v));
                last = stop;
                i = skip(t, stop, to, &[]);
            }
            None => break,
        }
    }
    // Growth: in this clause right after the value, or in the clauses that go on with it.
    let mut growths = Vec::new();
    let mut at = if values.is_empty() {
        skip(t, from, to, LINKS)
    } else {
        i
    };
    loop {
        at = skip(t, at, to, LINKS);
        // Comparisons in brackets after the value (全国5963元、全省4881元) are not its figures.
        if !values.is_empty() && t.get(at) == Some(&'(') {
            if let Some(close) = (at..to).find(|&k| t[k] == ')') {
                at = skip(t, close + 1, to, LINKS);
            }
        }
        if let Some((rates, stop)) = growth_at(t, at, to) {
            growths = rates;
            last = stop;
            break;
        }
        // Move on to the next clause only if it goes on with this figure.
        let end = clause_end(t, at, to);
        if end >= to || !continues(t, end + 1) {
            break;
        }
        at = end + 1;
    }
    (values, growths, from..last.max(from))
}

/// Adds a finding, or fills in what an earlier one of the same indicator lacks. A different
/// figure for the same indicator is left over for the user. Returns the finding's index.
fn record(
    out: &mut Extraction,
    id: &str,
    value: Option<Reading>,
    growth: Option<Reading>,
    sentence: &str,
) -> Option<usize> {
    if let Some(i) = out.found.iter().position(|f| f.id == id) {
        let f = &mut out.found[i];
        let clash = |a: &Option<Reading>, b: &Option<Reading>| match (a, b) {
            (Some(x), Some(y)) => (x.value - y.value).abs() > 1e-9,
            _ => false,
        };
        if clash(&f.value, &value) || clash(&f.growth, &growth) {
            let typed = [value, growth]
                .into_iter()
                .flatten()
                .map(|r| r.typed)
                .collect::<Vec<_>>()
                .join(" ");
            out.loose.push(Loose {
                typed,
                why: Why::Again(id.to_string()),
                sentence: sentence.to_string(),
            });
            return None;
        }
        if f.value.is_none() {
            f.value = value;
        }
        if f.growth.is_none() {
            f.growth = growth;
        }
        return Some(i);
    }
    if value.is_none() && growth.is_none() {
        return None;
    }
    out.found.push(Found {
        id: id.to_string(),
        value,
        growth,
        sentence: sentence.to_string(),
    });
    Some(out.found.len() - 1)
}

/// Numbers with a unit or a percent sign that nothing took: everything a user may want to assign.
/// Years, periods, dates, rankings, changes in 个百分点 and ratios (5.6:56.6:37.8) are not figures.
fn leftovers(t: &[char], original: &[char], consumed: &[bool]) -> Vec<Loose> {
    let mut out = Vec::new();
    for (start, end) in sentences(t) {
        let sentence: String = original[start..end]
            .iter()
            .collect::<String>()
            .trim()
            .into();
        let mut i = start;
        while i < end {
            let starts_number = t[i].is_ascii_digit()
                && !(i > start && (t[i - 1].is_ascii_digit() || t[i - 1] == '.'));
            if !starts_number || consumed[i] {
                i += 1;
                continue;
            }
            if let Some((_, len)) = period_at(t, i) {
                i += len;
                continue;
            }
            if year_at(t, i).is_some() {
                i += 5;
                continue;
            }
            let Some(n_end) = number_end(t, i, end) else {
                i += 1;
                continue;
            };
            let u_end = unit_end(t, n_end, end);
            let unit: String = t[n_end..u_end].iter().collect::<String>().trim().into();
            let before: String = t[i.saturating_sub(1)..i].iter().collect();
            let after: String = t[n_end..end.min(n_end + 5)].iter().collect();
            let not_a_figure = unit.is_empty()
                || after.trim_start().starts_with("个百分点")
                || unit.starts_with('位')
                || unit.starts_with('名')
                || unit.starts_with('日')
                || unit.starts_with('号')
                || before == "第"
                || before == ":"
                || t.get(n_end) == Some(&':');
            if !not_a_figure {
                let unit_only: String = unit
                    .chars()
                    .take_while(|c| *c == '%' || unit_word(*c))
                    .collect();
                let typed: String = format!(
                    "{}{}",
                    t[i..n_end].iter().collect::<String>().trim(),
                    if unit.starts_with('%') {
                        "%".to_string()
                    } else {
                        unit_only
                    }
                );
                out.push(Loose {
                    typed,
                    why: Why::NoIndicator,
                    sentence: sentence.clone(),
                });
            }
            i = u_end.max(n_end).max(i + 1);
        }
    }
    out
}

/// Characters that make up units in releases.
fn unit_word(c: char) -> bool {
    "万亿千百元美人次吨头只户亩公顷平方米千米公里个座家辆套条盏所项台件".contains(c)
}

/// One row of the preview: what will be saved for one indicator, as text the user may correct
/// (read again, on saving, by the same number reader as a typed figure).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Indicator id.
    pub id: String,
    /// The value as the release wrote it (`383967万元`), or empty.
    pub value: String,
    /// The growth as the release wrote it (`下降3.5%`), or empty.
    pub growth: String,
    /// The sentence it came from.
    pub sentence: String,
    /// Whether the user checked a value far from the scale of the report's figures.
    pub checked: bool,
}

impl Extraction {
    /// The preview's rows: one per indicator found.
    pub fn rows(&self) -> Vec<Row> {
        self.found
            .iter()
            .map(|f| Row {
                id: f.id.clone(),
                value: f
                    .value
                    .as_ref()
                    .map(|r| r.typed.clone())
                    .unwrap_or_default(),
                growth: f.growth.as_ref().map(growth_text).unwrap_or_default(),
                sentence: f.sentence.clone(),
                checked: false,
            })
            .collect()
    }
}

/// A growth rate as text the number reader takes back: as written, except 增长3.94倍 (as 394%).
fn growth_text(r: &Reading) -> String {
    if r.typed.ends_with('倍') {
        format!("{}%", super::format::number(r.value, 4).replace(',', ""))
    } else {
        r.typed.clone()
    }
}

impl Row {
    /// A row for a number the reader left over, which the user assigns to indicator `id`: a
    /// percentage becomes its growth, anything else its value.
    pub fn from_loose(l: &Loose, id: &str) -> Row {
        let percent = l.typed.ends_with('%');
        Row {
            id: id.to_string(),
            value: if percent {
                String::new()
            } else {
                l.typed.clone()
            },
            growth: if percent {
                l.typed.clone()
            } else {
                String::new()
            },
            sentence: l.sentence.clone(),
            checked: false,
        }
    }
}

/// Why a row of the preview cannot be saved.
#[derive(Debug, Clone, PartialEq)]
pub enum RowError {
    /// No indicator chosen, or one the tracker does not know.
    NoIndicator,
    /// The indicator has no figure at the end of that month (a quarterly one in August).
    NotReleased,
    /// Neither a value nor a growth rate.
    Empty,
    /// The value cannot be read.
    Value(NumberError),
    /// The growth rate cannot be read.
    Growth(NumberError),
    /// Another row is for the same indicator.
    Twice,
    /// The value is far from the scale of the report's figures (another place's figure, a 万 or
    /// 亿 slip) and the user has not checked it.
    Scale(number::ScaleWarning),
}

impl RowError {
    /// A message for the user, in their language.
    pub fn message(&self, lang: super::Lang) -> String {
        use super::Lang::{En, Zh};
        match (self, lang) {
            (RowError::NoIndicator, Zh) => "请选择指标。".into(),
            (RowError::NoIndicator, En) => "Choose an indicator.".into(),
            (RowError::NotReleased, Zh) => "该指标按季度发布，这一时期没有数据；请删除此行或改选时期。".into(),
            (RowError::NotReleased, En) => {
                "This indicator is released quarterly and has no figure for this period; remove the row or choose another period.".into()
            }
            (RowError::Empty, Zh) => "没有数值也没有增速；请填写或删除此行。".into(),
            (RowError::Empty, En) => "Neither a value nor a growth rate; fill one in or remove the row.".into(),
            (RowError::Value(e), Zh) => format!("数值：{}", e.message(lang)),
            (RowError::Value(e), En) => format!("Value: {}", e.message(lang)),
            (RowError::Growth(e), Zh) => format!("增速：{}", e.message(lang)),
            (RowError::Growth(e), En) => format!("Growth: {}", e.message(lang)),
            (RowError::Twice, Zh) => "另一行也是这个指标；请删除其中一行。".into(),
            (RowError::Twice, En) => "Another row is for the same indicator; remove one of them.".into(),
            (RowError::Scale(w), Zh) => format!("{}核对无误请勾选“已核对”。", w.message(lang)),
            (RowError::Scale(w), En) => format!("{} If it is right, tick “Checked”.", w.message(lang)),
        }
    }
}

/// The change that saves the preview: for each row, the value and growth of its indicator's
/// figure to the end of `month` (filed under the quarter for a quarterly indicator), with
/// `source` where given, keeping the rest of the figure; all rows as one change, undone at once.
/// Nothing is saved while any row has an error.
pub fn change(
    rows: &[Row],
    month: u8,
    source: &str,
    data: &Dataset,
) -> Result<super::saved::Op, Vec<(usize, RowError)>> {
    use super::figures::filed_period;
    use super::saved::Op;
    let mut ops = Vec::new();
    let mut errors = Vec::new();
    let source = source.trim();
    for (i, row) in rows.iter().enumerate() {
        let Some(ind) = data.indicator(&row.id) else {
            errors.push((i, RowError::NoIndicator));
            continue;
        };
        if rows[..i].iter().any(|r| r.id == row.id) {
            errors.push((i, RowError::Twice));
            continue;
        }
        let Some(period) = filed_period(ind, month) else {
            errors.push((i, RowError::NotReleased));
            continue;
        };
        let read = |text: &str, field: Field<'_>| {
            let text = text.trim();
            (!text.is_empty())
                .then(|| number::parse(text, field).map(|p| p.value))
                .transpose()
        };
        let field = Field::Value { unit: &ind.unit.zh };
        if !row.checked {
            let warning = number::parse(row.value.trim(), field)
                .ok()
                .and_then(|p| number::scale_check(&p, ind, period));
            if let Some(w) = warning {
                errors.push((i, RowError::Scale(w)));
                continue;
            }
        }
        let value = read(&row.value, field);
        let growth = read(&row.growth, Field::Growth);
        match (value, growth) {
            (Err(e), _) => errors.push((i, RowError::Value(e))),
            (_, Err(e)) => errors.push((i, RowError::Growth(e))),
            (Ok(None), Ok(None)) => errors.push((i, RowError::Empty)),
            (Ok(value), Ok(growth)) => ops.push(Op::Update {
                id: ind.id.clone(),
                period,
                value,
                growth,
                source: (!source.is_empty()).then(|| source.to_string()),
            }),
        }
    }
    if errors.is_empty() {
        Ok(Op::Batch(ops))
    } else {
        Err(errors)
    }
}
