//! Charts, drawn once for any plotters backend and tested natively through SVG.
//!
//! Text is escaped by plotters' SVG backend, so the SVG strings are safe to insert as markup.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Colours chosen for contrast on white and to be told apart without colour vision (each series
/// also differs in pattern or marker).
const INK: RGBColor = RGBColor(0x20, 0x20, 0x20);
const BASE: RGBColor = RGBColor(0x8a, 0x8a, 0x8a);
const TARGET: RGBColor = RGBColor(0xb3, 0x26, 0x1e);
const ACTUAL: RGBColor = RGBColor(0x1f, 0x5f, 0xa8);

/// Font size of axis and group labels, in pixels.
pub const SMALL: u32 = 12;
/// Font size of legends, in pixels.
pub const LEGEND: u32 = 13;
/// Every font size the charts use. In the browser plotters measures text with an element styled
/// inline, which the Content-Security-Policy allows only for these sizes (by hash); a test checks
/// that `index.html` lists the hash of each.
pub const FONT_SIZES: [u32; 2] = [SMALL, LEGEND];

/// A bar series: legend label, colour, and how to read its value.
type Series<'a> = (&'a str, RGBColor, fn(&GrowthBar) -> Option<f64>);

/// One group of the growth chart.
#[derive(Debug, Clone, PartialEq)]
pub struct GrowthBar {
    /// Indicator label.
    pub label: String,
    /// 2022 growth, percent.
    pub base: Option<f64>,
    /// 2023 target growth, percent.
    pub target: f64,
    /// Growth to date, percent.
    pub actual: Option<f64>,
}

/// Labels of the growth chart's legend.
#[derive(Debug, Clone, PartialEq)]
pub struct GrowthLegend {
    /// "2022 growth".
    pub base: String,
    /// "2023 target".
    pub target: String,
    /// "Growth to date".
    pub actual: String,
}

/// Draws grouped bars: 2022 growth, 2023 target and growth to date for each indicator.
pub fn draw_growth<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    bars: &[GrowthBar],
    legend: &GrowthLegend,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&WHITE)?;
    let values = bars
        .iter()
        .flat_map(|b| [b.base, Some(b.target), b.actual])
        .flatten();
    let (lo, hi) = values.fold((0.0f64, 10.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let pad = (hi - lo) * 0.1;
    let n = bars.len().max(1);
    let mut chart = ChartBuilder::on(area)
        .margin(10)
        .x_label_area_size(70)
        .y_label_area_size(44)
        .build_cartesian_2d(0.0..n as f64, (lo - pad).min(0.0)..hi + pad)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(RGBColor(0xf0, 0xf0, 0xf0))
        .x_labels(0)
        .y_desc("%")
        .label_style(("sans-serif", LEGEND).into_font().color(&INK))
        .draw()?;
    let zero = [(0.0, 0.0), (n as f64, 0.0)];
    chart.draw_series(LineSeries::new(zero, INK.stroke_width(1)))?;
    let series: [Series<'_>; 3] = [
        (&legend.base, BASE, |b| b.base),
        (&legend.target, TARGET, |b| Some(b.target)),
        (&legend.actual, ACTUAL, |b| b.actual),
    ];
    for (k, (name, colour, get)) in series.into_iter().enumerate() {
        let offset = 0.15 + 0.23 * k as f64;
        let rects = bars.iter().enumerate().filter_map(move |(i, b)| {
            get(b).map(|v| {
                let x0 = i as f64 + offset;
                let style = if k == 1 {
                    colour.stroke_width(2)
                } else {
                    colour.filled()
                };
                Rectangle::new([(x0, 0.0), (x0 + 0.22, v)], style)
            })
        });
        chart
            .draw_series(rects)?
            .label(name)
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], colour.filled()));
    }
    // Group labels go under the plot, in the x-label area, at each group's centre.
    let y_min = (lo - pad).min(0.0);
    let style = ("sans-serif", SMALL)
        .into_font()
        .color(&INK)
        .pos(Pos::new(HPos::Center, VPos::Top));
    for (i, b) in bars.iter().enumerate() {
        let (px, py) = chart.backend_coord(&(i as f64 + 0.5, y_min));
        area.draw(&Text::new(b.label.clone(), (px, py + 8), style.clone()))?;
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .background_style(WHITE.mix(0.9))
        .border_style(BASE)
        .label_font(("sans-serif", LEGEND).into_font().color(&INK))
        .draw()?;
    area.present()
}

/// The growth chart as an SVG string.
pub fn growth_svg(bars: &[GrowthBar], legend: &GrowthLegend, size: (u32, u32)) -> String {
    svg(size, |root| draw_growth(root, bars, legend))
}

/// Runs a drawing function on an SVG backend of `size` and returns the markup.
fn svg<'a, F>(size: (u32, u32), draw: F) -> String
where
    F: FnOnce(
            &DrawingArea<SVGBackend<'_>, Shift>,
        ) -> Result<(), DrawingAreaErrorKind<std::io::Error>>
        + 'a,
{
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
        // Drawing into a string cannot fail for lack of space or I/O.
        let _ = draw(&root);
    }
    out
}

/// Data of an indicator's progress chart: cumulative figures against the pace line.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgressSpec {
    /// (end month 1..=12, cumulative value or level).
    pub points: Vec<(u8, f64)>,
    /// Annual target (flows) or target level, if any.
    pub target: Option<f64>,
    /// Whether the target is reached evenly through the year (序时进度 line from 0).
    pub pace_from_zero: bool,
    /// Last year's same-period figures grown by the target rate: the seasonal pace.
    pub seasonal: Vec<(u8, f64)>,
    /// Year-end projection.
    pub projection: Option<f64>,
    /// Legend labels: figures, pace, seasonal, projection, target.
    pub labels: [String; 5],
    /// Axis labels for months 1..=12.
    pub months: Vec<String>,
}

/// Draws the progress chart.
pub fn draw_progress<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &ProgressSpec,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&WHITE)?;
    let all = spec
        .points
        .iter()
        .chain(&spec.seasonal)
        .map(|p| p.1)
        .chain(spec.target)
        .chain(spec.projection);
    let hi = all.fold(0.0f64, f64::max).max(1e-9) * 1.1;
    let mut chart = ChartBuilder::on(area)
        .margin(10)
        .x_label_area_size(30)
        .y_label_area_size(60)
        .build_cartesian_2d(0.0..12.5f64, 0.0..hi)?;
    let months = spec.months.clone();
    chart
        .configure_mesh()
        .x_labels(12)
        .x_label_formatter(&move |x| {
            let m = x.round() as usize;
            if (1..=12).contains(&m) && (x - x.round()).abs() < 0.01 {
                months.get(m - 1).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .label_style(("sans-serif", SMALL).into_font().color(&INK))
        .light_line_style(RGBColor(0xf0, 0xf0, 0xf0))
        .draw()?;
    let [l_fig, l_pace, l_seasonal, l_proj, l_target] = &spec.labels;
    if let Some(t) = spec.target {
        chart
            .draw_series(LineSeries::new(
                [(0.0, t), (12.0, t)],
                TARGET.stroke_width(1),
            ))?
            .label(l_target)
            .legend(|(x, y)| PathElement::new([(x, y), (x + 14, y)], TARGET.stroke_width(1)));
        if spec.pace_from_zero {
            chart
                .draw_series(DashedLineSeries::new(
                    [(0.0, 0.0), (12.0, t)],
                    6,
                    4,
                    TARGET.stroke_width(2),
                ))?
                .label(l_pace)
                .legend(|(x, y)| PathElement::new([(x, y), (x + 14, y)], TARGET.stroke_width(2)));
        }
    }
    if !spec.seasonal.is_empty() {
        let pts: Vec<(f64, f64)> = spec
            .seasonal
            .iter()
            .map(|(m, v)| (f64::from(*m), *v))
            .collect();
        chart
            .draw_series(DashedLineSeries::new(pts, 2, 3, BASE.stroke_width(2)))?
            .label(l_seasonal)
            .legend(|(x, y)| PathElement::new([(x, y), (x + 14, y)], BASE.stroke_width(2)));
    }
    let pts: Vec<(f64, f64)> = spec
        .points
        .iter()
        .map(|(m, v)| (f64::from(*m), *v))
        .collect();
    if let (Some(p), Some(last)) = (spec.projection, pts.last()) {
        chart
            .draw_series(DashedLineSeries::new(
                [*last, (12.0, p)],
                3,
                3,
                ACTUAL.stroke_width(1),
            ))?
            .label(l_proj)
            .legend(|(x, y)| PathElement::new([(x, y), (x + 14, y)], ACTUAL.stroke_width(1)));
    }
    chart
        .draw_series(LineSeries::new(pts.clone(), ACTUAL.stroke_width(3)))?
        .label(l_fig)
        .legend(|(x, y)| PathElement::new([(x, y), (x + 14, y)], ACTUAL.stroke_width(3)));
    chart.draw_series(pts.iter().map(|p| Circle::new(*p, 4, ACTUAL.filled())))?;
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.9))
        .border_style(BASE)
        .label_font(("sans-serif", SMALL).into_font().color(&INK))
        .draw()?;
    area.present()
}

/// The progress chart as an SVG string.
pub fn progress_svg(spec: &ProgressSpec, size: (u32, u32)) -> String {
    svg(size, |root| draw_progress(root, spec))
}

/// One small chart of a section page: 2022, the 2023 target and the figure to date, in one unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Compare {
    /// (label, value) for each bar; a missing value leaves a gap.
    pub bars: Vec<(String, Option<f64>)>,
    /// Index of the bar that is the target (drawn as an outline).
    pub target: Option<usize>,
}

/// Draws a small horizontal bar chart.
pub fn draw_compare<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &Compare,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&WHITE)?;
    let values = spec.bars.iter().filter_map(|b| b.1);
    let (lo, hi) = values.fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let span = (hi - lo).max(1e-9);
    let n = spec.bars.len().max(1);
    let mut chart = ChartBuilder::on(area)
        .margin(6)
        .y_label_area_size(92)
        .x_label_area_size(22)
        .build_cartesian_2d(lo - span * 0.05..hi + span * 0.25, 0.0..n as f64)?;
    let labels: Vec<String> = spec.bars.iter().map(|b| b.0.clone()).collect();
    chart
        .configure_mesh()
        .disable_y_mesh()
        .light_line_style(RGBColor(0xf0, 0xf0, 0xf0))
        .x_labels(4)
        .y_labels(n * 2 + 1)
        .y_label_formatter(&move |y| {
            let k = (y - 0.5).round();
            let i = n as f64 - 1.0 - k;
            if (y - 0.5 - k).abs() < 0.01 && i >= 0.0 {
                labels.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .label_style(("sans-serif", SMALL).into_font().color(&INK))
        .draw()?;
    let colours = [BASE, TARGET, ACTUAL, ACTUAL];
    for (i, (_, v)) in spec.bars.iter().enumerate() {
        let Some(v) = v else { continue };
        let y = (n - 1 - i) as f64;
        let colour = colours[i.min(3)];
        let style = if spec.target == Some(i) {
            colour.stroke_width(2)
        } else {
            colour.filled()
        };
        chart.draw_series(std::iter::once(Rectangle::new(
            [(0.0, y + 0.2), (*v, y + 0.8)],
            style,
        )))?;
    }
    area.present()
}

/// A small comparison chart as SVG.
pub fn compare_svg(spec: &Compare, size: (u32, u32)) -> String {
    svg(size, |root| draw_compare(root, spec))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn legend() -> GrowthLegend {
        GrowthLegend {
            base: "2022".into(),
            target: "目标".into(),
            actual: "<script>".into(),
        }
    }

    #[test]
    fn growth_chart_draws_a_bar_per_value_and_escapes_text() {
        let bars = vec![
            GrowthBar {
                label: "地区生产总值".into(),
                base: Some(3.0),
                target: 8.0,
                actual: Some(6.5),
            },
            GrowthBar {
                label: "A&B".into(),
                base: Some(-10.4),
                target: 13.0,
                actual: None,
            },
        ];
        let svg = growth_svg(&bars, &legend(), (640, 360));
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("地区生产总值"));
        assert!(!svg.contains("<script>"), "legend text must be escaped");
        assert!(svg.contains("A&amp;B"));
        // 5 bars + 3 legend swatches + background and legend box rects.
        let rects = svg.matches("<rect").count();
        assert!(rects >= 8, "{rects} rects");
        let fewer = growth_svg(&bars[..1], &legend(), (640, 360))
            .matches("<rect")
            .count();
        assert_eq!(rects - fewer, 2, "the second group adds exactly two bars");
    }

    #[test]
    fn compare_chart_draws_a_bar_per_known_value() {
        let spec = Compare {
            bars: vec![
                ("2022".into(), Some(163.9)),
                ("目标".into(), Some(180.1)),
                ("最新".into(), None),
            ],
            target: Some(1),
        };
        let svg = compare_svg(&spec, (300, 120));
        let with_two = svg.matches("<rect").count();
        let spec3 = Compare {
            bars: vec![
                spec.bars[0].clone(),
                spec.bars[1].clone(),
                ("最新".into(), Some(170.0)),
            ],
            ..spec
        };
        assert_eq!(
            compare_svg(&spec3, (300, 120)).matches("<rect").count(),
            with_two + 1
        );
        assert!(svg.contains("目标"));
    }

    #[test]
    fn progress_chart_draws_points_pace_and_projection() {
        let spec = ProgressSpec {
            points: vec![(3, 100.0), (6, 380.0)],
            target: Some(840.0),
            pace_from_zero: true,
            seasonal: vec![],
            projection: Some(760.0),
            labels: [
                "累计".into(),
                "序时进度".into(),
                "季节".into(),
                "预测".into(),
                "目标".into(),
            ],
            months: (1..=12).map(|m| format!("{m}月")).collect(),
        };
        let svg = progress_svg(&spec, (640, 360));
        assert_eq!(svg.matches("<circle").count(), 2);
        assert!(svg.contains("序时进度") && svg.contains("预测") && svg.contains("6月"));
        let no_proj = progress_svg(
            &ProgressSpec {
                projection: None,
                ..spec.clone()
            },
            (640, 360),
        );
        assert!(!no_proj.contains("预测"));
    }
}
