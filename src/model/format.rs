//! Numbers formatted for people, and the runs of Chinese in a text.
//!
//! A quantity is written the way each language writes it: Chinese keeps the report's own form
//! ("133.61亿元", "840万人次"); English turns the report's magnitudes (万, 亿) into words and digits
//! ("13.361 billion yuan", "8.4 million visits", "USD 24 million", "3,500 mu") and puts the unit,
//! in the right number, after every figure ("1 enterprise", "2 enterprises").

use super::dataset::{Lang, Text};

/// A number with thousands separators and at most `max_decimals` decimals, trailing zeros dropped.
/// Both languages group by thousands with commas, as Chinese statistical bulletins do.
pub fn number(x: f64, max_decimals: usize) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    let s = format!("{:.*}", max_decimals, x.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let frac = frac.trim_end_matches('0');
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let negative = x < 0.0 && (grouped.chars().any(|c| c != '0' && c != ',') || !frac.is_empty());
    let sign = if negative { "−" } else { "" };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

/// A value in an indicator's unit, as the language writes it: "133.61亿元" / "13.361 billion yuan",
/// "840万人次" / "8.4 million visits", "2,400万美元" / "USD 24 million", "0.35万亩" / "3,500 mu",
/// "1个" / "1 unit".
///
/// English reads the magnitude from the English unit of the data ("10,000 mu", "100 million
/// yuan"): the value is converted to the plain unit and written in digits below a million, in
/// millions or billions above (up to three decimals, so that 180.1万 and 180万 stay apart).
pub fn quantity(x: f64, unit: &Text, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}{}", number(x, 2), unit.zh),
        Lang::En => english(x, &unit.en),
    }
}

/// A range in an indicator's unit: "3–5个" / "3–5 projects".
pub fn range(min: f64, max: f64, unit: &Text, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}–{}", number(min, 2), quantity(max, unit, lang)),
        Lang::En => {
            let (scale, noun) = english_unit(&unit.en);
            if noun == "%" || (min.abs() * scale < 1e6 && max.abs() * scale < 1e6 && !is_usd(noun))
            {
                let n = |v: f64| plain(v, scale, noun);
                if noun == "%" {
                    format!("{}–{}%", n(min), n(max))
                } else {
                    format!("{}–{} {noun}", n(min), n(max))
                }
            } else {
                format!("{} to {}", english(min, &unit.en), english(max, &unit.en))
            }
        }
    }
}

/// The magnitude an English unit of the data starts with, and the rest: "10,000 mu" is (10⁴, "mu").
fn english_unit(unit: &str) -> (f64, &str) {
    for (prefix, scale) in [("100 million ", 1e8), ("10,000 ", 1e4)] {
        if let Some(rest) = unit.strip_prefix(prefix) {
            return (scale, rest);
        }
    }
    (1.0, unit)
}

/// The plain unit of an English unit of the data, times a magnitude, in words: (10⁴, "100 million
/// yuan") is "10,000 yuan", (1, "10,000 mu") is "mu", (10⁸, "people") is "100 million people".
pub fn unit_words(magnitude: f64, unit: &str) -> String {
    let (_, noun) = english_unit(unit);
    match magnitude {
        m if (m / 1e8 - 1.0).abs() < 1e-9 => format!("100 million {noun}"),
        m if (m / 1e4 - 1.0).abs() < 1e-9 => format!("10,000 {noun}"),
        _ => noun.to_string(),
    }
}

fn is_usd(noun: &str) -> bool {
    noun == "US dollars"
}

/// A value of the plain unit below a million in digits: whole units once it was given in 万 or 亿
/// and is at least 100, otherwise up to two decimals.
fn plain(x: f64, scale: f64, noun: &str) -> String {
    let v = x * scale;
    let decimals = if scale > 1.0 && v.abs() >= 100.0 && noun != "%" {
        0
    } else {
        2
    };
    number(v, decimals)
}

/// A value in an indicator's unit with every decimal a conversion gives (for showing how a typed
/// number will be saved): "38.3967 亿元" / "3.83967 billion yuan", "0.3 万亩" / "3,000 mu".
pub fn exact_quantity(x: f64, unit: &Text, lang: Lang) -> String {
    match lang {
        Lang::Zh if unit.zh == "%" => format!("{}%", number(x, 8)),
        Lang::Zh => format!("{} {}", number(x, 8), unit.zh),
        Lang::En => english_with(x, &unit.en, Some(8)),
    }
}

fn english(x: f64, unit: &str) -> String {
    english_with(x, unit, None)
}

/// English words and digits; `exact` gives the decimals kept in place of the usual rounding.
fn english_with(x: f64, unit: &str, exact: Option<usize>) -> String {
    let (scale, noun) = english_unit(unit);
    if noun == "%" {
        return format!("{}%", number(x, exact.unwrap_or(2)));
    }
    let v = x * scale;
    let words = [(1e9, "billion"), (1e6, "million")]
        .into_iter()
        .find(|(w, _)| v.is_finite() && (v.abs() / w * 1000.0).round() / 1000.0 >= 1.0);
    let digits = match (words, exact) {
        (Some((w, word)), _) => format!("{} {word}", number(v / w, exact.unwrap_or(3))),
        (None, Some(d)) => number(v, d),
        (None, None) => plain(x, scale, noun),
    };
    if is_usd(noun) {
        return format!("USD {digits}");
    }
    let one = words.is_none() && digits == "1";
    format!(
        "{digits} {}",
        if one {
            singular(noun)
        } else {
            noun.to_string()
        }
    )
}

/// The unit after the number one: "enterprises" → "enterprise", "people" → "person"; units that
/// do not change (mu, yuan, head, km, m²) stay, as does a unit "per" something ("yuan per person").
fn singular(noun: &str) -> String {
    let (head, tail) = match noun.split_once(" per ") {
        Some((h, t)) => (h, format!(" per {t}")),
        None => (noun, String::new()),
    };
    let (before, last) = match head.rsplit_once(' ') {
        Some((b, l)) => (format!("{b} "), l),
        None => (String::new(), head),
    };
    let one = match last {
        "people" => "person".to_string(),
        l if l.ends_with("ies") => format!("{}y", &l[..l.len() - 3]),
        l if l.ends_with("ches") || l.ends_with("shes") => l[..l.len() - 2].to_string(),
        l if l.ends_with('s') && l.len() > 2 => l[..l.len() - 1].to_string(),
        l => l.to_string(),
    };
    format!("{before}{one}{tail}")
}

/// A change between two values of a unit, signed: "+0.1万亩" / "+1,000 mu".
pub fn signed_quantity(x: f64, unit: &Text, lang: Lang) -> String {
    let q = quantity(x, unit, lang);
    let shown_zero = number(x, 2) == "0";
    if x > 0.0 && !shown_zero {
        format!("+{q}")
    } else {
        q
    }
}

/// A count of things in English, singular or plural: "1 figure", "2 figures", "0 rows".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!(
        "{} {}",
        number(n as f64, 0),
        if n == 1 { one } else { many }
    )
}

/// A percentage: "8%", "−10.4%".
pub fn percent(x: f64) -> String {
    format!("{}%", number(x, 2))
}

/// A signed growth rate: "+8%", "−10.4%".
pub fn growth(x: f64) -> String {
    if x > 0.0 {
        format!("+{}", percent(x))
    } else {
        percent(x)
    }
}

/// A gap in percentage points, signed: "+2.5 个百分点", "−12.4 pp".
pub fn points(x: f64, lang: Lang) -> String {
    let n = number(x, 1);
    let n = if x > 0.0 && n != "0" {
        format!("+{n}")
    } else {
        n
    };
    match lang {
        Lang::Zh => format!("{n} 个百分点"),
        Lang::En => format!("{n} pp"),
    }
}

/// Whether a character is written Chinese: a Han character, kana, or CJK or full-width
/// punctuation (（，：“ are full-width; the curly quotes English uses are not).
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2e80}'..='\u{2fff}'
        | '\u{3000}'..='\u{303f}'
        | '\u{3040}'..='\u{30ff}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}'
        | '\u{fe30}'..='\u{fe4f}'
        | '\u{ff00}'..='\u{ffef}')
}

/// Splits text into its runs of Chinese (`true`) and of anything else (`false`), in order.
pub fn cjk_runs(text: &str) -> Vec<(bool, &str)> {
    let mut runs: Vec<(bool, &str)> = Vec::new();
    let mut start = 0;
    let mut current = None;
    for (i, c) in text.char_indices() {
        let zh = is_cjk(c);
        match current {
            Some(z) if z != zh => {
                runs.push((z, &text[start..i]));
                start = i;
                current = Some(zh);
            }
            None => current = Some(zh),
            _ => {}
        }
    }
    if let Some(z) = current {
        runs.push((z, &text[start..]));
    }
    runs
}

/// An ISO 8601 time (`2023-10-20T02:00:00.000Z`, or with an offset such as `+08:00`) as Beijing
/// time, the county's: `2023-10-20 10:00`. The same for every reader wherever they are, and for the
/// first view rendered when the site is built. `None` if it is not such a time.
pub fn beijing_time(iso: &str) -> Option<String> {
    let num = |s: &str| -> Option<i64> {
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
    };
    let (date, rest) = iso.trim().split_once(['T', ' '])?;
    let mut d = date.split('-');
    let (y, m, day) = (num(d.next()?)?, num(d.next()?)?, num(d.next()?)?);
    if d.next().is_some() || !(1..=12).contains(&m) || !(1..=31).contains(&day) {
        return None;
    }
    // The offset: `Z`, `+hh:mm`, `-hh:mm` (or none: taken as UTC).
    let (clock, offset) = match rest.find(['Z', 'z', '+', '-']) {
        None => (rest, 0),
        Some(k) => {
            let (clock, zone) = rest.split_at(k);
            let minutes = match zone {
                "Z" | "z" => 0,
                _ => {
                    let (h, mm) = zone[1..].split_once(':').unwrap_or((&zone[1..], "00"));
                    let total = num(h)? * 60 + num(mm)?;
                    if zone.starts_with('-') {
                        -total
                    } else {
                        total
                    }
                }
            };
            (clock, minutes)
        }
    };
    let mut c = clock.split(':');
    let (h, min) = (num(c.next()?)?, num(c.next()?)?);
    if h > 23 || min > 59 {
        return None;
    }
    // Days since 1970-01-01 (H. Hinnant's days_from_civil), then back after the shift.
    let (yy, mm) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
    let era = yy.div_euclid(400);
    let yoe = yy - era * 400;
    let doy = (153 * mm + 2) / 5 + day - 1;
    let days = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468;
    let t = days * 1440 + h * 60 + min - offset + 8 * 60;
    let (days, minute) = (t.div_euclid(1440), t.rem_euclid(1440));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Some(format!(
        "{year}-{month:02}-{day:02} {:02}:{:02}",
        minute / 60,
        minute % 60
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands_and_trims_zeros() {
        assert_eq!(number(36835.0, 2), "36,835");
        assert_eq!(number(1234567.891, 2), "1,234,567.89");
        assert_eq!(number(133.61, 2), "133.61");
        assert_eq!(number(-10.4, 2), "−10.4");
        assert_eq!(number(-0.0001, 2), "0");
        assert_eq!(number(f64::NAN, 2), "—");
    }

    #[test]
    fn signs_growth_and_points() {
        assert_eq!(growth(8.0), "+8%");
        assert_eq!(growth(-5.0), "−5%");
        assert_eq!(points(-12.4, Lang::Zh), "−12.4 个百分点");
        assert_eq!(points(2.0, Lang::En), "+2 pp");
        assert_eq!(singular("worker placements"), "worker placement");
        assert_eq!(
            singular("yuan per person per month"),
            "yuan per person per month"
        );
    }

    #[test]
    fn splits_text_into_runs_of_chinese_and_the_rest() {
        assert_eq!(
            cjk_runs("New certified agricultural brands (三品一标)"),
            [
                (false, "New certified agricultural brands ("),
                (true, "三品一标"),
                (false, ")")
            ]
        );
        // Full-width punctuation is Chinese; the curly quotes English uses are not.
        assert_eq!(
            cjk_runs("“（不含农户)”"),
            [(false, "“"), (true, "（不含农户"), (false, ")”")]
        );
        assert_eq!(cjk_runs("城镇、农村"), [(true, "城镇、农村")]);
        assert!(cjk_runs("").is_empty());
    }
}
