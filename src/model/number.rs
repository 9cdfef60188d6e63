//! Numbers as people type them or copy them from a statistics release: `1,234.5`, `12 345`,
//! `１２３４．５`, `12.5万`, `3000亩` (into a 万亩 field), `383967万元` (into an 亿元 field), `8.5%`,
//! `−3`, `同比增长7.6%`, `下降3.5%`.
//!
//! The rules, in one place:
//!
//! - **Digit grouping.** Commas (`,` `，`) and spaces (ordinary, no-break U+00A0, thin U+2009,
//!   narrow no-break U+202F, ideographic U+3000) may separate the integer part into groups of
//!   exactly three digits (the first group one to three), one kind of separator per number. Any
//!   other placement (`1,23`, `1 23`, `1234,5`) is refused: a comma or space inside a number is
//!   never silently dropped or joined. Spaces at the ends and before the unit are fine.
//! - **Units.** A value may be followed by a unit: the field's own (`133.61亿元`), the field's unit
//!   with another magnitude (`383967万元` into 亿元; 十/百/千 before 万/亿 or before the unit:
//!   `3千万元`, `5千亩`), the unit without magnitude (`3000亩` into 万亩, `8400000人次` into
//!   万人次, `头` or `只` into 万头（只）), or a bare magnitude (`12.5万`, `56.7亿`). 千米 is a unit
//!   of its own, not 千 × 米. Any other unit is refused with [`NumberError::WrongUnit`], which
//!   names the field's unit. Whenever a unit or magnitude was typed, [`Parsed::converted`] is set
//!   and [`Parsed::read_as`] says how the number will be saved.
//! - **Growth rates** may be written as released: `7.6`, `7.6%`, `+7.6%`, `-3.5`, optionally
//!   after 同比 / 比上年 / 较上年, and after a word of direction: 增长, 增加, 增, 上升, 提高
//!   (the number keeps its sign: `增长-8.7%` is −8.7) or 下降, 减少, 减, 降低, 下滑 (the number
//!   is made negative: `下降3.5%` is −3.5; `下降-3%` contradicts itself and is refused). 回落
//!   means growth slowed, not that it was negative, and is refused.
//! - **Values** take no words in front (`实现`, `完成`, `达到` are refused): the number, then
//!   its unit.
//!
//! [`scale_check`] then warns when a value is far from the scale of the report's figures for the
//! indicator, which is how a 万 or 亿 slip shows.

use super::dataset::{Goal, Indicator, Kind, Lang, Text};
use super::figures::Period;
use super::format;

/// What a field holds, which decides the units accepted and the plausible range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field<'a> {
    /// A value in the indicator's unit (such as 亿元, 万人次, %).
    Value {
        /// The indicator's unit as the report writes it.
        unit: &'a str,
    },
    /// A growth rate in percent; a trailing `%` is optional.
    Growth,
}

/// A typed number, understood.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// The value in the field's unit (percent for a growth rate).
    pub value: f64,
    /// Whether a unit, a magnitude or a word of direction was typed, so the UI shows how the
    /// number was read ([`Parsed::read_as`]) before it is saved.
    pub converted: bool,
    /// The unit or magnitude typed after the number (`亩`, `万元`, `万`), if any.
    pub typed_unit: Option<String>,
    /// What the typed number was multiplied by to give `value` (1 without a unit, 10⁻⁴ for `亩`
    /// into 万亩, 10⁴ for `亿` into 万元).
    pub factor: f64,
}

impl Parsed {
    /// How the number will be saved, when a unit, magnitude or word was typed: "按 0.3 万亩 保存" /
    /// "read as 3,000 mu", with every decimal the conversion gives. `unit` is the value field's
    /// unit; `None` for a growth rate.
    pub fn read_as(&self, unit: Option<&Text>, lang: Lang) -> Option<String> {
        if !self.converted {
            return None;
        }
        let shown = match unit {
            None => format::growth(self.value),
            Some(unit) => format::exact_quantity(self.value, unit, lang),
        };
        Some(match lang {
            Lang::Zh => format!("按 {shown} 保存"),
            Lang::En => format!("read as {shown}"),
        })
    }
}

/// A value with its unit and all the decimals a conversion may produce (38.3967 亿元, not 38.4).
fn exact_with_unit(x: f64, unit: &str) -> String {
    let n = format::number(x, 8);
    if unit == "%" {
        format!("{n}%")
    } else {
        format!("{n} {unit}")
    }
}

/// Why a typed number was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberError {
    /// Nothing typed.
    Empty,
    /// Not a number.
    NotANumber,
    /// Commas or spaces not between groups of three digits (`1,23`, `1 23`).
    BadGrouping,
    /// A percentage typed where a value in another unit is expected.
    PercentNotAllowed,
    /// A unit (or magnitude) the field cannot take: `吨` into an 亿元 field, `亿元` into a % field.
    WrongUnit {
        /// The unit as typed.
        typed: String,
        /// The field's unit.
        expected: String,
    },
    /// A word of decrease with a negative number (`下降-3%`): which sign is meant is unclear.
    ContradictorySign,
    /// 回落 (growth slowed), which is not a growth rate.
    Slowdown,
    /// Negative where only zero or more makes sense.
    Negative,
    /// Outside any plausible range.
    OutOfRange,
}

impl NumberError {
    /// A message for the user, in their language.
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let s = |zh_text: &str, en_text: &str| if zh { zh_text } else { en_text }.to_string();
        match self {
            NumberError::Empty => s("请输入数字。", "Please type a number."),
            NumberError::NotANumber => s(
                "无法识别为数字。数值可以写 1234.5、1,234.5、12 345、12.5万、383967万元；\
                 增速可以写 7.6、-3.5%、同比增长7.6%、下降3.5%。数字前不要加“实现”“完成”等文字。",
                "Not a number. A value can be written 1234.5, 1,234.5, 12 345, 12.5万 or \
                 383967万元; a growth rate 7.6, -3.5%, 同比增长7.6% or 下降3.5%. No words such as \
                 实现 or 完成 before the number.",
            ),
            NumberError::BadGrouping => s(
                "逗号或空格只能每三位分隔一次，例如 1,234,567.5 或 1 234 567.5；小数点请用“.”。",
                "Commas or spaces may only separate groups of three digits, as in 1,234,567.5 or \
                 1 234 567.5; use “.” for decimals.",
            ),
            NumberError::PercentNotAllowed => s(
                "此处填写该指标单位的数值，不是百分比。",
                "This field takes a value in the indicator's unit, not a percentage.",
            ),
            NumberError::WrongUnit { typed, expected } => {
                let others = accepted_units(expected);
                if zh {
                    if others.is_empty() {
                        format!("“{typed}”不是本栏的单位：本栏单位是 {expected}。")
                    } else {
                        format!(
                            "“{typed}”不是本栏的单位：本栏单位是 {expected}，也可以写 {}。",
                            others.join("、")
                        )
                    }
                } else if others.is_empty() {
                    format!("“{typed}” is not a unit this field takes: it is in {expected}.")
                } else {
                    format!(
                        "“{typed}” is not a unit this field takes: it is in {expected}; {} also work.",
                        others.join(", ")
                    )
                }
            }
            NumberError::ContradictorySign => s(
                "“下降”“减少”后面的数字不能再带负号：下降3.5% 即 -3.5%。",
                "A word of decrease cannot be followed by a negative number: 下降3.5% means -3.5%.",
            ),
            NumberError::Slowdown => s(
                "“回落”指增速放缓，不是负增长。请填写公布的累计增速本身，如 5.2 或 下降3.5%。",
                "回落 means growth slowed, not that it was negative. Type the published growth \
                 rate itself, such as 5.2 or 下降3.5%.",
            ),
            NumberError::Negative => s("此处的数值不能为负数。", "This value cannot be negative."),
            NumberError::OutOfRange => s(
                "数值超出合理范围，请检查位数和单位。",
                "The number is outside any plausible range; check the digits and the unit.",
            ),
        }
    }
}

/// Largest magnitude accepted for a value, in any unit.
pub const MAX_VALUE: f64 = 1e12;
/// Growth rates accepted, percent.
pub const GROWTH_RANGE: (f64, f64) = (-100.0, 10_000.0);

/// A unit split into its magnitude and the unit without it: 万亩 → (10⁴, 亩), 亿元 → (10⁸, 元),
/// 千米 → (1, 千米), 个 → (1, 个).
pub fn split_unit(unit: &str) -> (f64, &str) {
    for (prefix, m) in [('万', 1e4), ('亿', 1e8)] {
        if let Some(rest) = unit.strip_prefix(prefix) {
            if !rest.is_empty() {
                return (m, rest);
            }
        }
    }
    (1.0, unit)
}

/// The ways the base of a unit may be typed: 头（只） also as 头只, 头 or 只; 元/人·月 also as 元.
fn base_aliases(base: &str) -> Vec<String> {
    let mut out = vec![base.to_string()];
    if let Some((before, inside)) = base.split_once('（') {
        let inside = inside.trim_end_matches('）');
        out.push(format!("{before}{inside}"));
        out.push(before.to_string());
        out.push(inside.to_string());
    }
    if let Some((numerator, _)) = base.split_once('/') {
        out.push(numerator.to_string());
    }
    out.retain(|a| !a.is_empty());
    out
}

/// Other units a field in `unit` takes besides its own, for the messages: the unit without
/// magnitude and its short forms, the other magnitude of a 万/亿 unit, and the bare magnitudes.
fn accepted_units(unit: &str) -> Vec<String> {
    if unit == "%" || unit.is_empty() {
        return Vec::new();
    }
    let (mag, base) = split_unit(unit);
    let mut out: Vec<String> = base_aliases(base)
        .into_iter()
        .filter(|a| a != unit)
        .collect();
    if mag > 1.0 {
        out.extend(
            ["万", "亿"]
                .iter()
                .map(|p| format!("{p}{base}"))
                .filter(|u| u != unit),
        );
    }
    out.extend(["万".to_string(), "亿".to_string()]);
    out
}

/// Magnitude words that may precede a unit or stand alone: 十/百/千 then 万/亿, or one of them.
fn magnitude_prefix(s: &str) -> (f64, bool, &str) {
    let mut m = 1.0;
    let mut rest = s;
    let mut big = false;
    if let Some(c) = rest.chars().next() {
        let small = match c {
            '十' => Some(10.0),
            '百' => Some(100.0),
            '千' => Some(1000.0),
            _ => None,
        };
        if let Some(x) = small {
            m *= x;
            rest = &rest[c.len_utf8()..];
        }
    }
    if let Some(c) = rest.chars().next() {
        let large = match c {
            '万' => Some(1e4),
            '亿' => Some(1e8),
            _ => None,
        };
        if let Some(x) = large {
            m *= x;
            big = true;
            rest = &rest[c.len_utf8()..];
        }
    }
    (m, big, rest)
}

/// Whether text after a number reads as a unit (Chinese characters and unit punctuation) rather
/// than as a malformed number (`1e5`, `0x10`, `1.2.3`).
fn looks_like_unit(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| {
            (c.is_alphabetic() && !c.is_ascii()) || matches!(c, '（' | '）' | '/' | '·' | '²' | '³')
        })
}

/// Separators allowed between groups of three digits.
fn is_separator(c: char) -> bool {
    c == ',' || c.is_whitespace()
}

/// Words of direction a growth rate may follow, longest first: (word, is a decrease).
const DIRECTION_WORDS: [(&str, bool); 11] = [
    ("增长", false),
    ("增加", false),
    ("上升", false),
    ("提高", false),
    ("下降", true),
    ("减少", true),
    ("降低", true),
    ("下滑", true),
    ("增", false),
    ("减", true),
    ("降", true),
];

/// Words naming the comparison, allowed before the direction: 同比增长, 比上年下降.
const COMPARISON_WORDS: [&str; 9] = [
    "比上年同期",
    "较上年同期",
    "比去年同期",
    "比上年",
    "较上年",
    "比去年",
    "较去年",
    "同比",
    "较",
];

/// Parses what a user typed into a field.
pub fn parse(input: &str, field: Field<'_>) -> Result<Parsed, NumberError> {
    // Punctuation that ends a clause of a release (`增长7.6%，`, `增长7.6%。`) is not part of it.
    let input = input
        .trim_matches(char::is_whitespace)
        .trim_end_matches(['。', '，', '；', '、', ';']);
    let s: String = input
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(u32::from(c) - 0xFF10 + u32::from('0')).unwrap_or(c),
            '．' | '。' => '.',
            '，' => ',',
            '－' | '−' | '–' | '—' => '-',
            '＋' => '+',
            '％' => '%',
            '(' => '（',
            ')' => '）',
            c => c,
        })
        .collect();
    let s = s.trim_matches(char::is_whitespace);
    if s.is_empty() {
        return Err(NumberError::Empty);
    }
    match field {
        Field::Growth => parse_growth(s),
        Field::Value { unit } => parse_value(s, unit),
    }
}

fn parse_growth(s: &str) -> Result<Parsed, NumberError> {
    let mut rest = s;
    let mut worded = false;
    if let Some(r) = COMPARISON_WORDS.iter().find_map(|w| rest.strip_prefix(w)) {
        rest = r.trim_start_matches(char::is_whitespace);
        worded = true;
    }
    if rest.starts_with("回落") {
        return Err(NumberError::Slowdown);
    }
    let mut decrease = false;
    if let Some((r, dec)) = DIRECTION_WORDS
        .iter()
        .find_map(|(w, dec)| rest.strip_prefix(w).map(|r| (r, *dec)))
    {
        rest = r.trim_start_matches(char::is_whitespace);
        decrease = dec;
        worded = true;
    }
    let (number, negative, after) = scan_number(rest)?;
    if decrease && negative && number != 0.0 {
        return Err(NumberError::ContradictorySign);
    }
    let unit = after.trim_start_matches(char::is_whitespace);
    if !unit.is_empty() && unit != "%" {
        return Err(if looks_like_unit(unit) && !worded_prefix(unit) {
            NumberError::WrongUnit {
                typed: unit.to_string(),
                expected: "%".into(),
            }
        } else {
            NumberError::NotANumber
        });
    }
    let mut value = if negative != decrease {
        -number
    } else {
        number
    };
    if value == 0.0 {
        value = 0.0;
    }
    if !value.is_finite() || !(GROWTH_RANGE.0..=GROWTH_RANGE.1).contains(&value) {
        return Err(NumberError::OutOfRange);
    }
    Ok(Parsed {
        value,
        converted: worded,
        typed_unit: None,
        factor: 1.0,
    })
}

/// Whether a text is a growth word rather than a unit (text after a number such as `7.6增长`).
fn worded_prefix(s: &str) -> bool {
    DIRECTION_WORDS.iter().any(|(w, _)| s.starts_with(w))
        || COMPARISON_WORDS.iter().any(|w| s.starts_with(w))
}

fn parse_value(s: &str, unit: &str) -> Result<Parsed, NumberError> {
    let (text, negative, after) = scan_decimal(s)?;
    let typed = after.trim_start_matches(char::is_whitespace);
    // Other ways of writing a unit: 公里 for 千米, ㎡ for 平方米.
    let typed_norm = typed.replace("公里", "千米").replace('㎡', "平方米");
    let typed = typed_norm.as_str();
    let (field_mag, base) = split_unit(unit);
    let wrong = || NumberError::WrongUnit {
        typed: typed.to_string(),
        expected: unit.to_string(),
    };
    let typed_mag = if typed.is_empty() {
        None
    } else if typed == "%" {
        if unit != "%" {
            return Err(NumberError::PercentNotAllowed);
        }
        None
    } else if !looks_like_unit(typed) {
        return Err(NumberError::NotANumber);
    } else if typed == unit {
        Some(field_mag)
    } else if unit == "千米" && typed == "米" {
        // 千米 is a unit of its own, but metres are the same measure.
        Some(1e-3)
    } else if unit == "%" || unit.is_empty() {
        return Err(wrong());
    } else {
        let (m, big, rest) = magnitude_prefix(typed);
        if rest.is_empty() {
            // A bare magnitude (12.5万) is understood; a bare 千 (12千) is not a magnitude alone.
            if !big {
                return Err(wrong());
            }
            Some(m)
        } else if base_aliases(base).iter().any(|a| a == rest) {
            Some(m)
        } else {
            return Err(wrong());
        }
    };
    let factor = typed_mag.map_or(1.0, |m| m / field_mag);
    // Shift the decimal point rather than multiply by an inexact power of ten: 3000 亩 is exactly
    // 0.3 万亩 and 0.07 亿元 exactly 700 万元. Factors are powers of ten.
    let value = decimal(&text, factor.log10().round() as i32)?;
    if negative && value != 0.0 {
        return Err(NumberError::Negative);
    }
    if !value.is_finite() || value > MAX_VALUE {
        return Err(NumberError::OutOfRange);
    }
    Ok(Parsed {
        value: value.abs(),
        converted: typed_mag.is_some(),
        typed_unit: typed_mag.map(|_| typed.to_string()),
        factor,
    })
}

/// Reads a plain decimal at the start of `s`: optional sign, digits with optional separators in
/// groups of three, optional fraction. Returns its absolute value, whether it was negative, and
/// the text after it. No exponents, no `NaN` or `inf`.
fn scan_number(s: &str) -> Result<(f64, bool, &str), NumberError> {
    let (text, negative, rest) = scan_decimal(s)?;
    Ok((decimal(&text, 0)?, negative, rest))
}

/// The value of a plain decimal text times 10^`exp`, rounded once (so that `0.07` 亿 is exactly
/// the same number as `700` 万); out of range when it is not finite.
fn decimal(text: &str, exp: i32) -> Result<f64, NumberError> {
    let value = format!("{text}e{exp}")
        .parse::<f64>()
        .map_err(|_| NumberError::NotANumber)?;
    if value.is_finite() {
        Ok(value)
    } else {
        Err(NumberError::OutOfRange)
    }
}

/// [`scan_number`], keeping the number as decimal text (`"1234.5"`).
fn scan_decimal(s: &str) -> Result<(String, bool, &str), NumberError> {
    let mut rest = s;
    let mut negative = false;
    if let Some(r) = rest.strip_prefix('-') {
        negative = true;
        rest = r;
    } else if let Some(r) = rest.strip_prefix('+') {
        rest = r;
    }
    rest = rest.trim_start_matches(char::is_whitespace);
    if rest.starts_with(',') {
        return Err(NumberError::BadGrouping);
    }
    let digits_end = |t: &str| t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let mut groups: Vec<&str> = Vec::new();
    let mut separator: Option<char> = None;
    let end = digits_end(rest);
    groups.push(&rest[..end]);
    rest = &rest[end..];
    while !groups[groups.len() - 1].is_empty() {
        let Some(c) = rest.chars().next().filter(|&c| is_separator(c)) else {
            break;
        };
        let run_end = rest.find(|c: char| !is_separator(c)).unwrap_or(rest.len());
        let run = &rest[..run_end];
        let after = &rest[run_end..];
        if after.starts_with(|c: char| c.is_ascii_digit()) {
            if run.chars().count() != 1 || separator.is_some_and(|s| s != c) {
                return Err(NumberError::BadGrouping);
            }
            separator = Some(c);
            let end = digits_end(after);
            groups.push(&after[..end]);
            rest = &after[end..];
        } else {
            if run.contains(',') {
                return Err(NumberError::BadGrouping);
            }
            break;
        }
    }
    if separator.is_some() {
        let first_ok = (1..=3).contains(&groups[0].len());
        if !first_ok || groups[1..].iter().any(|g| g.len() != 3) {
            return Err(NumberError::BadGrouping);
        }
    }
    let int: String = groups.concat();
    let mut frac = None;
    if let Some(r) = rest.strip_prefix('.') {
        let end = digits_end(r);
        if end == 0 {
            return Err(NumberError::NotANumber);
        }
        frac = Some(&r[..end]);
        rest = &r[end..];
        // Separators are not allowed in the fraction: 1.234 567 is refused, not read as 1.234.
        let run_end = rest.find(|c: char| !is_separator(c)).unwrap_or(rest.len());
        if run_end > 0 && rest[run_end..].starts_with(|c: char| c.is_ascii_digit()) {
            return Err(NumberError::BadGrouping);
        }
        if rest.starts_with(',') {
            return Err(NumberError::BadGrouping);
        }
    }
    if int.is_empty() && frac.is_none() {
        return Err(NumberError::NotANumber);
    }
    let text = format!(
        "{}.{}",
        if int.is_empty() { "0" } else { &int },
        frac.unwrap_or("0")
    );
    Ok((text, negative, rest))
}

/// A value this many times above the larger of the report's figures for the indicator draws a
/// [`ScaleWarning`]. A real figure rarely exceeds last year's or the target by more than a few
/// times; a 万 slip is 10⁴ and an 亿 slip 10⁸, so 300 catches every such slip on a figure up to
/// 30 times below its reference while leaving room for any real outcome.
pub const SCALE_ABOVE: f64 = 300.0;
/// A value below this fraction of the report's smaller figure, after allowing for the share of
/// the year elapsed for a cumulative flow (January's total is about 1/12 of the year's, less in
/// an off season), draws a [`ScaleWarning`]. 1/3000 leaves a factor of 100 or more for a slow
/// start and still catches a 万 slip (10⁴) on a figure at a third of its pace.
pub const SCALE_BELOW: f64 = 1.0 / 3000.0;

/// Which of the report's figures a value was compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reference {
    /// The 2022 value.
    Base,
    /// The 2023 target value.
    Target,
    /// The 2023 level a growth target implies.
    ImpliedLevel,
}

impl Reference {
    fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Reference::Base, Lang::Zh) => "2022年数",
            (Reference::Base, Lang::En) => "the 2022 figure",
            (Reference::Target, Lang::Zh) => "2023年目标",
            (Reference::Target, Lang::En) => "the 2023 target",
            (Reference::ImpliedLevel, Lang::Zh) => "目标隐含的2023年水平",
            (Reference::ImpliedLevel, Lang::En) => "the 2023 level the target implies",
        }
    }
}

/// The reading the user most likely meant, when a value is off by a usual slip.
#[derive(Debug, Clone, PartialEq)]
pub struct Likely {
    /// The value in the field's unit.
    pub value: f64,
    /// The power of ten the typed value is off by (10⁴ for a 万 slip, 10⁸ for an 亿 slip).
    pub factor: f64,
    /// The unit the typed number was probably in (万元 when 亿元 was assumed), when it has a name.
    pub meant_unit: Option<String>,
    /// The same in English words ("10,000 yuan").
    pub meant_unit_en: Option<String>,
}

/// A value far from the scale of the report's figures for its indicator: probably a unit slip.
#[derive(Debug, Clone, PartialEq)]
pub struct ScaleWarning {
    /// The value as it would be saved, in the field's unit.
    pub value: f64,
    /// The field's unit.
    pub unit: Text,
    /// The unit the typed number was read in: the one typed, else the field's.
    pub assumed: String,
    /// The same in English words ("100 million yuan").
    pub assumed_en: String,
    /// The number as typed, in `assumed`.
    pub typed: f64,
    /// The figure of the report it was compared with, in the field's unit.
    pub reference: f64,
    /// Which figure that is.
    pub reference_is: Reference,
    /// value ÷ reference: above 1 when too large, below 1 when too small.
    pub ratio: f64,
    /// The likely intended reading, if a 10⁴ or 10⁸ slip brings the value into scale.
    pub likely: Option<Likely>,
}

impl ScaleWarning {
    /// Whether the value is too large (rather than too small).
    pub fn too_large(&self) -> bool {
        self.ratio > 1.0
    }

    /// The warning for the user: how many times larger or smaller, which unit was assumed, and the
    /// likely intended reading. Chinese writes the units as the report does; English writes the
    /// quantities in words and digits and gives a Chinese unit only as what the user typed.
    pub fn message(&self, lang: Lang) -> String {
        let label = self.reference_is.label(lang);
        let times = |r: f64| format::number(r, if r >= 10.0 { 0 } else { 1 });
        let how_far = if self.too_large() {
            times(self.ratio)
        } else {
            times(1.0 / self.ratio)
        };
        let mut out = match lang {
            Lang::Zh => {
                let typed = exact_with_unit(self.typed, &self.assumed);
                let reference = exact_with_unit(self.reference, &self.unit.zh);
                let assumed = &self.assumed;
                if self.too_large() {
                    format!("{typed} 约是{label}（{reference}）的 {how_far} 倍，按单位 {assumed} 理解。")
                } else {
                    format!("{typed} 只有{label}（{reference}）的约 1/{how_far}，按单位 {assumed} 理解。")
                }
            }
            Lang::En => {
                let typed = format::number(self.typed, 8);
                let read = format::exact_quantity(self.value, &self.unit, lang);
                let reference = format::quantity(self.reference, &self.unit, lang);
                let assumed = format!("{} ({})", self.assumed_en, self.assumed);
                let size = if self.too_large() {
                    format!("about {how_far} times")
                } else {
                    format!("only about 1/{how_far} of")
                };
                format!("{typed}, read in {assumed}, is {read}: {size} {label} ({reference}).")
            }
        };
        match &self.likely {
            Some(l) => {
                let meant = match lang {
                    Lang::Zh => exact_with_unit(l.value, &self.unit.zh),
                    Lang::En => format::exact_quantity(l.value, &self.unit, lang),
                };
                let power = if l.factor >= 1e8 { "10⁸" } else { "10⁴" };
                let way = |zh: bool| match (zh, self.too_large()) {
                    (true, true) => "大",
                    (true, false) => "小",
                    (false, true) => "large",
                    (false, false) => "small",
                };
                out.push_str(&match (lang, &l.meant_unit, &l.meant_unit_en) {
                    (Lang::Zh, Some(u), _) => format!("如果这是以 {u} 计的数，应为 {meant}。"),
                    (Lang::En, Some(u), Some(en)) => {
                        format!(" If it is a figure in {en} ({u}), it is {meant}.")
                    }
                    (Lang::Zh, None, _) => {
                        format!("如果位数{}了 {power} 倍，应为 {meant}。", way(true))
                    }
                    (Lang::En, _, _) => {
                        format!(" If it is {power} times too {}, it is {meant}.", way(false))
                    }
                });
            }
            None => out.push_str(match lang {
                Lang::Zh => "请检查位数和单位。",
                Lang::En => " Check the digits and the unit.",
            }),
        }
        out
    }
}

/// The report's figures a value of `ind` can be compared with, in its unit (positive ones).
fn references(ind: &Indicator) -> Vec<(f64, Reference)> {
    let mut out = Vec::new();
    out.extend(ind.effective_base().map(|v| (v, Reference::Base)));
    // An implied level the notes call not comparable (current-price level × real growth, or a
    // sub-total's base) is not quoted to the user as a yardstick.
    out.extend(
        ind.comparable_implied_level()
            .map(|v| (v, Reference::ImpliedLevel)),
    );
    for t in &ind.targets {
        match t.goal {
            Goal::Growth { .. } => {}
            Goal::Total { value }
            | Goal::Count { value }
            | Goal::Level { value }
            | Goal::Ceiling { value }
            | Goal::Floor { value } => out.push((value, Reference::Target)),
            Goal::Range { min, max } => {
                out.push((min, Reference::Target));
                out.push((max, Reference::Target));
            }
        }
    }
    out.retain(|(v, _)| v.is_finite() && *v > 0.0);
    out
}

/// Warns when a value typed for `ind` and `period` is far from the scale of the report's figures
/// for it: more than [`SCALE_ABOVE`] times the larger of the 2022 figure and the target, or below
/// [`SCALE_BELOW`] of the smaller one (times the share of the year elapsed, for a cumulative
/// flow). Zero, percentages and indicators without a figure to compare with draw no warning.
/// Holds for a value and for last year's same-period figure alike.
pub fn scale_check(parsed: &Parsed, ind: &Indicator, period: Period) -> Option<ScaleWarning> {
    let unit = ind.unit.zh.as_str();
    let value = parsed.value;
    if unit == "%" || !value.is_finite() || value <= 0.0 {
        return None;
    }
    let refs = references(ind);
    let (hi, hi_is) = refs.iter().copied().max_by(|a, b| a.0.total_cmp(&b.0))?;
    let (lo, lo_is) = refs.iter().copied().min_by(|a, b| a.0.total_cmp(&b.0))?;
    let share = if ind.kind.is_flow() && ind.kind != Kind::Level {
        period.elapsed()
    } else {
        1.0
    };
    let in_band = |v: f64| v <= hi * SCALE_ABOVE && v >= lo * share * SCALE_BELOW;
    if in_band(value) {
        return None;
    }
    let too_large = value > hi * SCALE_ABOVE;
    let (reference, reference_is) = if too_large { (hi, hi_is) } else { (lo, lo_is) };
    let (field_mag, base) = split_unit(unit);
    let typed_mag = parsed.factor * field_mag;
    let named = |mag: f64| {
        [(1.0, ""), (1e4, "万"), (1e8, "亿")]
            .into_iter()
            .find(|(m, _)| (mag / m - 1.0).abs() < 1e-9)
    };
    let name = |mag: f64| named(mag).map(|(_, p)| format!("{p}{base}"));
    let name_en = |mag: f64| named(mag).map(|(m, _)| format::unit_words(m, &ind.unit.en));
    let assumed = parsed
        .typed_unit
        .clone()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| unit.to_string());
    let assumed_en = name_en(typed_mag).unwrap_or_else(|| ind.unit.en.clone());
    let expected = (hi * lo * share).sqrt();
    let likely = [1e4, 1e8]
        .iter()
        .map(|&k| {
            let v = if too_large { value / k } else { value * k };
            (k, v)
        })
        .filter(|&(_, v)| in_band(v))
        .min_by(|a, b| {
            (a.1 / expected)
                .ln()
                .abs()
                .total_cmp(&(b.1 / expected).ln().abs())
        })
        .map(|(k, v)| {
            let meant = if too_large {
                typed_mag / k
            } else {
                typed_mag * k
            };
            Likely {
                value: v,
                factor: k,
                meant_unit: name(meant),
                meant_unit_en: name_en(meant),
            }
        });
    Some(ScaleWarning {
        value,
        unit: ind.unit.clone(),
        assumed,
        assumed_en,
        typed: value / parsed.factor,
        reference,
        reference_is,
        ratio: value / reference,
        likely,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str, unit: &str) -> Result<f64, NumberError> {
        parse(s, Field::Value { unit }).map(|p| p.value)
    }

    #[test]
    fn accepts_the_forms_people_type() {
        assert_eq!(v("1234.5", "亿元"), Ok(1234.5));
        assert_eq!(v("1,234.5", "亿元"), Ok(1234.5));
        assert_eq!(v("１２３４．５", "亿元"), Ok(1234.5));
        assert_eq!(v("  42 ", "个"), Ok(42.0));
        assert_eq!(v("\u{3000}42\u{3000}", "个"), Ok(42.0));
        assert_eq!(v("12.5万", "万人次"), Ok(12.5));
        assert_eq!(v("12.5万", "人"), Ok(125_000.0));
        assert_eq!(v("1.2亿", "万元"), Ok(12_000.0));
        assert_eq!(v("1.2亿", "亿元"), Ok(1.2));
        assert_eq!(v("133.61亿元", "亿元"), Ok(133.61));
        assert_eq!(v("9777万元", "亿元"), Ok(0.9777));
        assert_eq!(v("3千万元", "亿元"), Ok(0.3));
        assert_eq!(v("2100元", "元/人·月"), Ok(2100.0));
        assert_eq!(v("180.1万头(只)", "万头（只）"), Ok(180.1));
        assert_eq!(v("8.5%", "%"), Ok(8.5));
        assert_eq!(v(".5", "%"), Ok(0.5));
        let g = |s| parse(s, Field::Growth).map(|p| p.value);
        assert_eq!(g("-3"), Ok(-3.0));
        assert_eq!(g("−3.5%"), Ok(-3.5));
        assert_eq!(g("－3"), Ok(-3.0));
        assert_eq!(g("+8"), Ok(8.0));
        assert_eq!(g("比上年下降 2.1 %"), Ok(-2.1));
        assert_eq!(g("下降0%"), Ok(0.0));
        assert!(parse("12.5万", Field::Value { unit: "人" }).is_ok_and(|p| p.converted));
        assert!(parse("12.5", Field::Value { unit: "人" }).is_ok_and(|p| !p.converted));
        assert!(parse("7.6%", Field::Growth).is_ok_and(|p| !p.converted));
    }

    #[test]
    fn refuses_everything_else_with_a_reason() {
        use NumberError::*;
        let wrong = |t: &str| WrongUnit {
            typed: t.into(),
            expected: "亿元".into(),
        };
        let cases = [
            ("", Empty),
            ("   ", Empty),
            ("abc", NotANumber),
            ("NaN", NotANumber),
            ("nan", NotANumber),
            ("inf", NotANumber),
            ("-inf", NotANumber),
            ("infinity", NotANumber),
            ("1e5", NotANumber),
            ("1e400", NotANumber),
            ("1.2.3", NotANumber),
            ("1,23", BadGrouping),
            ("1 23", BadGrouping),
            ("1234,5", BadGrouping),
            ("12,", BadGrouping),
            (",123", BadGrouping),
            ("1,234 567", BadGrouping),
            ("12  345", BadGrouping),
            ("1.234 567", BadGrouping),
            ("1..2", NotANumber),
            ("5%", PercentNotAllowed),
            ("-5", Negative),
            ("1e12", NotANumber),
            ("99999999999999", OutOfRange),
            ("1.5万万", wrong("万万")),
            ("12千", wrong("千")),
            ("5吨", wrong("吨")),
            ("实现133.61亿元", NotANumber),
            ("增长7.6%", NotANumber),
            (".", NotANumber),
            ("-", NotANumber),
            ("+", NotANumber),
            ("12abc", NotANumber),
            ("0x10", NotANumber),
            ("½", NotANumber),
            ("١٢", NotANumber),
        ];
        for (input, want) in cases {
            assert_eq!(v(input, "亿元"), Err(want), "input {input:?}");
        }
        assert_eq!(
            parse("200", Field::Growth),
            Ok(Parsed {
                value: 200.0,
                converted: false,
                typed_unit: None,
                factor: 1.0,
            })
        );
        let g = |s| parse(s, Field::Growth).map(|p| p.value);
        assert_eq!(g("-101"), Err(OutOfRange));
        assert_eq!(
            g("3万"),
            Err(WrongUnit {
                typed: "万".into(),
                expected: "%".into()
            })
        );
        assert_eq!(g("下降-3%"), Err(ContradictorySign));
        assert_eq!(g("回落2个百分点"), Err(Slowdown));
        assert_eq!(g("增速回落"), Err(NotANumber));
        assert_eq!(g("7.6增长"), Err(NotANumber));
        for e in [
            Empty,
            NotANumber,
            BadGrouping,
            PercentNotAllowed,
            wrong("吨"),
            ContradictorySign,
            Slowdown,
            Negative,
            OutOfRange,
        ] {
            assert!(!e.message(Lang::Zh).is_empty() && !e.message(Lang::En).is_empty());
        }
    }

    #[test]
    fn wrong_unit_message_lists_what_the_field_takes() {
        let e = NumberError::WrongUnit {
            typed: "吨".into(),
            expected: "亿元".into(),
        };
        assert_eq!(
            e.message(Lang::Zh),
            "“吨”不是本栏的单位：本栏单位是 亿元，也可以写 元、万元、万、亿。"
        );
        assert_eq!(
            e.message(Lang::En),
            "“吨” is not a unit this field takes: it is in 亿元; 元, 万元, 万, 亿 also work."
        );
        let e = NumberError::WrongUnit {
            typed: "吨".into(),
            expected: "元/人·月".into(),
        };
        assert_eq!(
            e.message(Lang::Zh),
            "“吨”不是本栏的单位：本栏单位是 元/人·月，也可以写 元、万、亿。"
        );
    }

    #[test]
    fn read_as_shows_the_value_with_every_decimal_a_conversion_gives() {
        let yi = Text {
            zh: "亿元".into(),
            en: "100 million yuan".into(),
        };
        let p = parse("383967万元", Field::Value { unit: &yi.zh }).ok();
        let read = |lang| p.as_ref().and_then(|p| p.read_as(Some(&yi), lang));
        assert_eq!(read(Lang::Zh).as_deref(), Some("按 38.3967 亿元 保存"));
        assert_eq!(
            read(Lang::En).as_deref(),
            Some("read as 3.83967 billion yuan")
        );
        let mu = Text {
            zh: "万亩".into(),
            en: "10,000 mu".into(),
        };
        let p = parse("3000亩", Field::Value { unit: &mu.zh }).ok();
        assert_eq!(
            p.and_then(|p| p.read_as(Some(&mu), Lang::En)).as_deref(),
            Some("read as 3,000 mu")
        );
        let p = parse("下降3.5%", Field::Growth).ok();
        assert_eq!(
            p.and_then(|p| p.read_as(None, Lang::En)).as_deref(),
            Some("read as −3.5%")
        );
    }
}
