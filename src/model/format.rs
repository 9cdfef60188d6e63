//! Numbers formatted for people.

use super::dataset::Lang;

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

/// A value in its unit: "133.61 亿元", "8,745 个", "133.61 × 100 million yuan".
pub fn with_unit(x: f64, unit: &str) -> String {
    if unit == "%" {
        format!("{}%", number(x, 2))
    } else if unit.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{} × {unit}", number(x, 2))
    } else {
        format!("{} {unit}", number(x, 2))
    }
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
        assert_eq!(with_unit(133.61, "亿元"), "133.61 亿元");
        assert_eq!(
            with_unit(133.61, "100 million yuan"),
            "133.61 × 100 million yuan"
        );
        assert_eq!(with_unit(5.5, "%"), "5.5%");
    }
}
