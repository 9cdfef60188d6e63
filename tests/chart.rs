//! Charts rendered to SVG at phone and desktop widths: readable text, the quantity each status is
//! judged on, downloads that say what they are, and status colours told apart without colour
//! vision.
// Tests stop at the first thing that is not as expected.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use xinyuan_tracker::chart::{
    growth_points, judged_on_growth, Caption, Chart, Compare, GrowthBar, GrowthLegend, GrowthSpec,
    ProgressSpec, RateSpec, STATUS_COLOURS,
};
use xinyuan_tracker::model::dataset::Dataset;
use xinyuan_tracker::model::figures::{Figure, Period};
use xinyuan_tracker::model::progress::{assess, Status};

const WIDTHS: [u32; 3] = [320, 390, 1280];

fn months() -> Vec<String> {
    (1..=12).map(|m| format!("{m}月")).collect()
}

fn growth() -> Chart {
    let names = [
        "地区生产总值",
        "Budget revenue",
        "固定资产投资",
        "社会消费品零售总额",
        "Urban income",
        "农村居民人均可支配收入",
        "招商引资到位资金",
    ];
    Chart::Growth(GrowthSpec {
        bars: names
            .iter()
            .enumerate()
            .map(|(i, n)| GrowthBar {
                label: n.to_string(),
                base: Some(3.0 - i as f64),
                target: 8.0 + i as f64,
                actual: (i % 2 == 0).then_some(6.5),
                status: (i % 3 != 0).then(|| (Status::Behind, "低于序时进度".to_string())),
            })
            .collect(),
        legend: GrowthLegend {
            base: "2022 growth".into(),
            target: "2023 target".into(),
            actual: "2023 growth to date".into(),
        },
    })
}

fn progress() -> Chart {
    Chart::Progress(ProgressSpec {
        points: vec![(3, 60.2), (6, 250.4)],
        target: Some(840.0),
        pace_from_zero: true,
        seasonal: vec![(6, 253.0)],
        projection: Some(700.0),
        labels: [
            "Cumulative / latest".into(),
            "Even pace".into(),
            "Seasonal pace".into(),
            "Projection".into(),
            "Target".into(),
        ],
        months: months(),
    })
}

fn rate() -> Chart {
    Chart::Rate(RateSpec {
        points: vec![(3, 9.5), (9, 12.0)],
        target: 16.0,
        labels: ["累计增速".into(), "目标增速 +16.0%".into()],
        months: months(),
    })
}

fn compare() -> Chart {
    Chart::Compare(Compare {
        bars: vec![
            ("2022 growth".into(), Some(163.9)),
            ("2023 target".into(), Some(180.1)),
            ("To date".into(), Some(171.2)),
        ],
        target: Some(1),
    })
}

/// Every `font-size` of the SVG's text, in CSS pixels.
fn font_sizes(svg: &str) -> Vec<f64> {
    svg.split("<text")
        .skip(1)
        .map(|t| {
            let start = t.find("font-size=\"").expect("a font size") + 11;
            let end = t[start..].find('"').expect("end") + start;
            t[start..end].parse().expect("a number")
        })
        .collect()
}

fn width_of(svg: &str) -> u32 {
    let start = svg.find("width=\"").expect("width") + 7;
    let end = svg[start..].find('"').expect("end") + start;
    svg[start..end].parse().expect("a number")
}

#[test]
fn every_chart_is_drawn_at_the_width_it_gets_with_text_of_at_least_12_px() {
    let caption = Caption {
        title: "新源县2023年主要预期目标：增速".into(),
        period: "截至1-9月".into(),
        source: "Source: Xinyuan County 2023 Government Work Report; figures for 2023: 统计局"
            .into(),
    };
    for chart in [growth(), progress(), rate(), compare()] {
        for w in WIDTHS {
            for svg in [chart.svg(w), chart.download_svg(w, &caption)] {
                assert_eq!(width_of(&svg), w, "drawn at {w} px, not scaled");
                let sizes = font_sizes(&svg);
                assert!(!sizes.is_empty());
                assert!(
                    sizes.iter().all(|s| *s >= 12.0),
                    "text under 12 px at {w} px: {sizes:?}"
                );
            }
        }
    }
}

#[test]
fn the_main_targets_are_one_row_each_on_a_phone() {
    let Chart::Growth(spec) = growth() else {
        unreachable!()
    };
    assert!(!spec.columns_fit(390) && !spec.columns_fit(320));
    assert!(spec.columns_fit(1280));
    let chart = growth();
    assert!(
        chart.height(390) > chart.height(1280),
        "rows stack the targets down the screen"
    );
}

#[test]
fn a_status_is_written_next_to_its_colour() {
    let svg = growth().svg(390);
    assert!(
        svg.contains("低于序时进度"),
        "the status's name, not only its colour"
    );
}

#[test]
fn a_growth_target_is_charted_as_growth_against_its_rate() {
    // Budget revenue, target +16%: a cumulative value right on the even-pace line, growing 9%.
    let data = Dataset::embedded();
    let ind = data.indicator("revenue").expect("budget revenue");
    let target = ind.growth_target().expect("a growth target");
    let mut fig = Figure::value(Period::Month(9), 10.0);
    fig.growth = Some(9.0);
    let figures = vec![fig];
    let a = assess(ind, &figures, None);
    assert_eq!(judged_on_growth(ind, Some(&a)), Some(target));
    assert_eq!(
        judged_on_growth(ind, None),
        Some(target),
        "before any figure too"
    );
    let points = growth_points(ind, &figures);
    assert_eq!(
        points,
        vec![(9, 9.0)],
        "growth to date, not the cumulative value"
    );
    let svg = Chart::Rate(RateSpec {
        points,
        target,
        labels: ["growth".into(), "target".into()],
        months: months(),
    })
    .svg(390);
    assert!(svg.contains("+9.0%") && svg.contains("+16.0%"), "{svg}");
    // A total is charted as completion against time elapsed, not as growth.
    let tourists = data.indicator("tourists").expect("tourists");
    let figures = vec![Figure::value(Period::Month(6), 250.4)];
    let a = assess(tourists, &figures, None);
    assert_eq!(judged_on_growth(tourists, Some(&a)), None);
}

#[test]
fn a_downloaded_chart_carries_its_title_period_and_source() {
    let caption = Caption {
        title: "Xinyuan County 2023 main targets: growth".into(),
        period: "to Jan–Sep".into(),
        source: "Source: Xinyuan County 2023 Government Work Report".into(),
    };
    for chart in [growth(), progress(), rate()] {
        let svg = chart.download_svg(720, &caption);
        for part in [
            "Xinyuan County 2023 main",
            "to Jan–Sep",
            "Government Work Report",
        ] {
            let words = part.split(' ').next().expect("a word");
            assert!(svg.contains(part) || svg.contains(words), "{part} missing");
        }
        assert!(svg.contains("to Jan–Sep"));
        assert_eq!(
            svg.matches("</svg>").count(),
            1,
            "one picture, its caption inside it (an image viewer refuses anything after </svg>)"
        );
        assert!(svg.trim_end().ends_with("</svg>"));
        assert!(
            !chart.svg(720).contains("to Jan–Sep"),
            "the page shows its own title"
        );
    }
}

/// Each `<text>` of an SVG: its words and its `y`, in order.
fn texts(svg: &str) -> Vec<(String, f64)> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| {
            let (attrs, rest) = t.split_once('>')?;
            let content = rest.split("</text>").next()?.trim().to_string();
            let y = attrs.split(" y=\"").nth(1)?.split('"').next()?;
            Some((content, y.parse().ok()?))
        })
        .collect()
}

#[test]
fn a_downloaded_chart_is_the_page_chart_moved_down_under_its_title() {
    let caption = Caption {
        title: "Main targets: growth".into(),
        period: "to Jan–Sep".into(),
        source: "Source: the report".into(),
    };
    for chart in [growth(), progress(), rate()] {
        for width in [1280, 390] {
            let screen = texts(&chart.svg(width));
            let download = texts(&chart.download_svg(width, &caption));
            // The title and the period first, the source last, the chart's own texts between.
            let (head, rest) = download.split_at(2);
            let (inside, source) = rest.split_at(rest.len() - 1);
            assert_eq!(source[0].0, "Source: the report");
            assert!(!screen.is_empty());
            assert_eq!(
                inside.iter().map(|t| &t.0).collect::<Vec<_>>(),
                screen.iter().map(|t| &t.0).collect::<Vec<_>>(),
                "{width} px"
            );
            let shift = inside[0].1 - screen[0].1;
            assert!(shift > head[1].1, "{width} px: the chart under its title");
            for ((words, a), (_, b)) in screen.iter().zip(inside) {
                assert_eq!(
                    b - a,
                    shift,
                    "{width} px: {words} at {b} in the download, {a} on screen"
                );
                assert!(
                    *b < source[0].1,
                    "{width} px: {words} under the source line"
                );
            }
        }
    }
}

// Colour-vision simulation: Machado, Oliveira & Fernandes (2009), severity 1, on linear RGB;
// distances in CIELAB (ΔE 1976).
const PROTANOPIA: [[f64; 3]; 3] = [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
];
const DEUTERANOPIA: [[f64; 3]; 3] = [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.011820, 0.042940, 0.968881],
];
const NORMAL: [[f64; 3]; 3] = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]];

fn linear(hex: &str) -> [f64; 3] {
    let c = |i: usize| {
        let v = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).expect("hex")) / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    [c(1), c(3), c(5)]
}

fn lab(rgb: [f64; 3]) -> [f64; 3] {
    let [r, g, b] = rgb;
    let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    let f = |t: f64| {
        if t > 0.008856 {
            t.cbrt()
        } else {
            7.787 * t + 16.0 / 116.0
        }
    };
    [
        116.0 * f(y) - 16.0,
        500.0 * (f(x) - f(y)),
        200.0 * (f(y) - f(z)),
    ]
}

fn seen(hex: &str, m: &[[f64; 3]; 3]) -> [f64; 3] {
    let c = linear(hex);
    let s = |r: usize| (0..3).map(|k| m[r][k] * c[k]).sum::<f64>().clamp(0.0, 1.0);
    lab([s(0), s(1), s(2)])
}

fn contrast_on_white(hex: &str) -> f64 {
    let [r, g, b] = linear(hex);
    1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)
}

/// Every pair of status colours at least ΔE 15 apart under normal vision, protanopia and
/// deuteranopia.
fn assert_apart(theme: &str, colours: &[(String, String)]) {
    for (name, m) in [
        ("normal vision", NORMAL),
        ("protanopia", PROTANOPIA),
        ("deuteranopia", DEUTERANOPIA),
    ] {
        for (i, (s1, c1)) in colours.iter().enumerate() {
            for (s2, c2) in &colours[i + 1..] {
                let (a, b) = (seen(c1, &m), seen(c2, &m));
                let d = (0..3).map(|k| (a[k] - b[k]).powi(2)).sum::<f64>().sqrt();
                assert!(
                    d >= 15.0,
                    "{theme}, {name}: {s1} and {s2} only ΔE {d:.1} apart"
                );
            }
        }
    }
}

#[test]
fn status_colours_stay_apart_for_deuteranopia_and_protanopia_and_read_on_white() {
    let colours: Vec<(String, String)> = STATUS_COLOURS
        .iter()
        .map(|(s, c)| (s.id().to_string(), c.to_string()))
        .collect();
    assert_apart("light", &colours);
    for (s, c) in STATUS_COLOURS {
        assert!(contrast_on_white(c) >= 4.5, "{s:?} {c} as text on white");
    }
}

#[test]
fn the_style_sheet_uses_the_status_colours_the_charts_use() {
    let css = include_str!("../public/style.css");
    let root = &css[..css.find("@media").expect("the light theme first")];
    for (s, c) in STATUS_COLOURS {
        let var = format!("--{}: {c};", s.id());
        assert!(root.contains(&var), "style.css: {var}");
    }
}

/// The status colours of the style sheet's dark theme, by status id.
fn dark_status_colours() -> Vec<(String, String)> {
    let css = include_str!("../public/style.css");
    let dark = &css[css
        .find("@media (prefers-color-scheme: dark)")
        .expect("a dark theme")..];
    let dark = &dark[..dark.find('}').expect("the dark theme's variables end")];
    STATUS_COLOURS
        .iter()
        .map(|(s, _)| {
            let var = format!("--{}: ", s.id());
            let at = dark
                .find(&var)
                .unwrap_or_else(|| panic!("dark theme sets {var}"))
                + var.len();
            (s.id().to_string(), dark[at..at + 7].to_string())
        })
        .collect()
}

#[test]
fn dark_theme_status_colours_stay_apart_for_colour_blind_readers_and_read_on_its_background() {
    let colours = dark_status_colours();
    assert_apart("dark", &colours);
    // Contrast as text on the dark theme's card background (the lighter of its two).
    let bg = {
        let [r, g, b] = linear("#1e1e22");
        0.2126 * r + 0.7152 * g + 0.0722 * b
    };
    for (s, c) in &colours {
        let [r, g, b] = linear(c);
        let l = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        let contrast = (l.max(bg) + 0.05) / (l.min(bg) + 0.05);
        assert!(contrast >= 4.5, "dark {s} {c} on #1e1e22: {contrast:.2}");
    }
}
