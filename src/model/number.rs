//! Numbers as people type them: `1,234.5`, `１２３４．５`, `12.5万`, `1.2亿`, `8.5%`, `−3`.

use super::dataset::Lang;

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
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Parsed {
    /// The value in the field's unit.
    pub value: f64,
    /// Whether a 万/亿 magnitude was converted (so the UI shows the interpreted value).
    pub converted: bool,
}

/// Why a typed number was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberError {
    /// Nothing typed.
    Empty,
    /// Not a number.
    NotANumber,
    /// Commas not in groups of three (`1,23`).
    BadGrouping,
    /// A percentage typed where a value in another unit is expected.
    PercentNotAllowed,
    /// Negative where only zero or more makes sense.
    Negative,
    /// Outside any plausible range.
    OutOfRange,
}

impl NumberError {
    /// A message for the user, in their language.
    pub fn message(&self, lang: Lang) -> &'static str {
        match (self, lang) {
            (NumberError::Empty, Lang::Zh) => "请输入数字。",
            (NumberError::Empty, Lang::En) => "Please type a number.",
            (NumberError::NotANumber, Lang::Zh) => {
                "无法识别为数字。可以这样写：1234.5、1,234.5、12.5万、1.2亿、8.5%。"
            }
            (NumberError::NotANumber, Lang::En) => {
                "Not a number. These work: 1234.5, 1,234.5, 12.5万, 1.2亿, 8.5%."
            }
            (NumberError::BadGrouping, Lang::Zh) => {
                "千位分隔符应每三位一个，例如 1,234.5；小数点请用“.”。"
            }
            (NumberError::BadGrouping, Lang::En) => {
                "Commas must separate groups of three digits, as in 1,234.5; use “.” for decimals."
            }
            (NumberError::PercentNotAllowed, Lang::Zh) => "此处填写该指标单位的数值，不是百分比。",
            (NumberError::PercentNotAllowed, Lang::En) => {
                "This field takes a value in the indicator's unit, not a percentage."
            }
            (NumberError::Negative, Lang::Zh) => "此处的数值不能为负数。",
            (NumberError::Negative, Lang::En) => "This value cannot be negative.",
            (NumberError::OutOfRange, Lang::Zh) => "数值超出合理范围，请检查位数和单位。",
            (NumberError::OutOfRange, Lang::En) => {
                "The number is outside any plausible range; check the digits and the unit."
            }
        }
    }
}

/// Largest magnitude accepted for a value, in any unit.
pub const MAX_VALUE: f64 = 1e12;
/// Growth rates accepted, percent.
pub const GROWTH_RANGE: (f64, f64) = (-100.0, 10_000.0);

fn magnitude(c: char) -> Option<f64> {
    match c {
        '万' => Some(1e4),
        '亿' => Some(1e8),
        _ => None,
    }
}

/// Parses what a user typed into a field.
pub fn parse(input: &str, field: Field<'_>) -> Result<Parsed, NumberError> {
    let mut s: String = input
        .trim_matches(|c: char| c.is_whitespace())
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(u32::from(c) - 0xFF10 + u32::from('0')).unwrap_or(c),
            '．' | '。' => '.',
            '，' => ',',
            '－' | '−' | '–' | '—' => '-',
            '＋' => '+',
            '％' => '%',
            c => c,
        })
        .filter(|c| !c.is_whitespace())
        .collect();
    if s.is_empty() {
        return Err(NumberError::Empty);
    }
    let unit = match field {
        Field::Value { unit } => unit,
        Field::Growth => "%",
    };
    // A unit typed after the number: the indicator's own, or with a 万/亿 magnitude in front.
    if unit != "%" && !unit.is_empty() {
        if let Some(stripped) = s.strip_suffix(unit) {
            s = stripped.to_string();
            if unit.starts_with(['万', '亿']) {
                s.push_str(&unit[..unit.char_indices().nth(1).map_or(unit.len(), |(i, _)| i)]);
            }
        } else if let Some(base_unit) = unit.strip_prefix(['万', '亿']) {
            if !base_unit.is_empty() {
                if let Some(stripped) = s.strip_suffix(base_unit) {
                    s = stripped.to_string();
                }
            }
        }
    }
    let percent = s.ends_with('%');
    if percent {
        s.pop();
        if unit != "%" {
            return Err(NumberError::PercentNotAllowed);
        }
    }
    let mut multiplier = 1.0;
    let mut converted = false;
    if let Some(m) = s.chars().last().and_then(magnitude) {
        if unit == "%" {
            return Err(NumberError::NotANumber);
        }
        s.pop();
        multiplier = m / unit.chars().next().and_then(magnitude).unwrap_or(1.0);
        converted = true;
    }
    let number = strict_number(&s)?;
    let value = number * multiplier;
    if !value.is_finite() {
        return Err(NumberError::OutOfRange);
    }
    match field {
        Field::Growth => {
            if !(GROWTH_RANGE.0..=GROWTH_RANGE.1).contains(&value) {
                return Err(NumberError::OutOfRange);
            }
        }
        Field::Value { .. } => {
            if value < 0.0 {
                return Err(NumberError::Negative);
            }
            if value > MAX_VALUE {
                return Err(NumberError::OutOfRange);
            }
        }
    }
    Ok(Parsed { value, converted })
}

/// A plain decimal: optional sign, digits with optional comma groups of three, optional fraction.
/// No exponents, no `NaN` or `inf`.
fn strict_number(s: &str) -> Result<f64, NumberError> {
    let (sign, body) = match s.as_bytes().first() {
        Some(b'-') => (-1.0, &s[1..]),
        Some(b'+') => (1.0, &s[1..]),
        _ => (1.0, s),
    };
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    if int.is_empty() && frac.is_none_or(str::is_empty) {
        return Err(NumberError::NotANumber);
    }
    if let Some(f) = frac {
        if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
            return Err(NumberError::NotANumber);
        }
    }
    let digits: String = if int.contains(',') {
        let groups: Vec<&str> = int.split(',').collect();
        let ok_first = (1..=3).contains(&groups[0].len());
        let ok_rest = groups[1..].iter().all(|g| g.len() == 3);
        if !groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit())) {
            return Err(NumberError::NotANumber);
        }
        if !ok_first || !ok_rest {
            return Err(NumberError::BadGrouping);
        }
        groups.concat()
    } else {
        if !int.bytes().all(|b| b.is_ascii_digit()) {
            return Err(NumberError::NotANumber);
        }
        int.to_string()
    };
    let text = format!(
        "{}.{}",
        if digits.is_empty() { "0" } else { &digits },
        frac.unwrap_or("0")
    );
    text.parse::<f64>()
        .map(|v| sign * v)
        .map_err(|_| NumberError::NotANumber)
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
        assert_eq!(v("8.5%", "%"), Ok(8.5));
        assert_eq!(v(".5", "%"), Ok(0.5));
        let g = |s| parse(s, Field::Growth).map(|p| p.value);
        assert_eq!(g("-3"), Ok(-3.0));
        assert_eq!(g("−3.5%"), Ok(-3.5));
        assert_eq!(g("－3"), Ok(-3.0));
        assert_eq!(g("+8"), Ok(8.0));
        assert!(parse("12.5万", Field::Value { unit: "人" }).is_ok_and(|p| p.converted));
    }

    #[test]
    fn refuses_everything_else_with_a_reason() {
        use NumberError::*;
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
            ("1234,5", BadGrouping),
            ("12,", BadGrouping),
            (",123", BadGrouping),
            ("1..2", NotANumber),
            ("5%", PercentNotAllowed),
            ("-5", Negative),
            ("1e12", NotANumber),
            ("99999999999999", OutOfRange),
            ("1.5万万", NotANumber),
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
        // Spaces inside a number (thin-space grouping) are dropped.
        assert_eq!(v("12 345", "亿元"), Ok(12345.0));
        assert_eq!(
            parse("200", Field::Growth),
            Ok(Parsed {
                value: 200.0,
                converted: false
            })
        );
        assert_eq!(
            parse("-101", Field::Growth).map(|p| p.value),
            Err(OutOfRange)
        );
        assert_eq!(
            parse("3万", Field::Growth).map(|p| p.value),
            Err(NotANumber)
        );
        for e in [
            Empty,
            NotANumber,
            BadGrouping,
            PercentNotAllowed,
            Negative,
            OutOfRange,
        ] {
            assert!(!e.message(Lang::Zh).is_empty() && !e.message(Lang::En).is_empty());
        }
    }
}
