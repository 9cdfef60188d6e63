//! Numbers formatted for people, and the runs of Chinese in a text.

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
