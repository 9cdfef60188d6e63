//! Charts, drawn once for any plotters backend and tested natively through SVG.
//!
//! Every chart is drawn at the width it is shown at (the page measures its container), so that
//! its text keeps its size on screen instead of being scaled down with the picture; its layout
//! follows the width (the main targets become one row per target on a phone).
//!
//! Text is escaped by plotters' SVG backend, so the SVG strings are safe to insert as markup.

use crate::model::dataset::Indicator;
use crate::model::figures::Figure;
use crate::model::progress::{growth_to_date, Assessment, Measure, Status};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Colours chosen for contrast on white and to be told apart without colour vision (each series
/// also differs in pattern or marker).
const INK: RGBColor = RGBColor(0x20, 0x20, 0x20);
const MUTED: RGBColor = RGBColor(0x59, 0x59, 0x59);
const BASE: RGBColor = RGBColor(0x8a, 0x8a, 0x8a);
const TARGET: RGBColor = RGBColor(0xb3, 0x26, 0x1e);
const ACTUAL: RGBColor = RGBColor(0x1f, 0x5f, 0xa8);
const GRID: RGBColor = RGBColor(0xf0, 0xf0, 0xf0);

/// plotters' SVG backend writes a text's `font-size` as the style's size ÷ 1.24, so a style of
/// `S` shows at `S / 1.24` CSS pixels. Sizes below are style sizes.
pub const SVG_FONT_SCALE: f64 = 1.24;
/// Axis labels, values and legends: 12.1 px on screen.
pub const TEXT: u32 = 15;
/// Row and group labels: 12.9 px on screen.
pub const LABEL: u32 = 16;
/// The title of a downloaded chart: 16.1 px on screen.
pub const TITLE: u32 = 20;
/// Every font size the charts use. In the browser plotters measures text with an element styled
/// inline, which the Content-Security-Policy allows only for these sizes (by hash); a test checks
/// that `index.html` lists the hash of each.
pub const FONT_SIZES: [u32; 3] = [TEXT, LABEL, TITLE];

/// The narrowest width a chart is drawn at, in CSS pixels (a 320 px screen less the page margins).
pub const MIN_WIDTH: u32 = 260;

/// The colour of each status, shared with the page's style sheet (`public/style.css` sets the same
/// values; a test checks both). Chosen so that every pair stays apart for readers with
/// deuteranopia or protanopia (a test simulates both) and each reads as text on white (contrast ≥
/// 4.5). A status is never told by colour alone: its name is written beside it.
pub const STATUS_COLOURS: [(Status, &str); 6] = [
    (Status::Achieved, "#1a7e48"),
    (Status::Ahead, "#0a517c"),
    (Status::OnPace, "#9c27b0"),
    (Status::Behind, "#b15c10"),
    (Status::FarBehind, "#8c341e"),
    (Status::NoData, "#6e6e6e"),
];

/// The colour of a status (cannot judge yet shares the colour of no data).
pub fn status_colour(s: Status) -> RGBColor {
    let hex = STATUS_COLOURS
        .iter()
        .find(|(k, _)| *k == s)
        .map_or("#6e6e6e", |(_, h)| *h);
    let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2).unwrap_or("6e"), 16).unwrap_or(0x6e);
    RGBColor(byte(1), byte(3), byte(5))
}

/// An estimate of the width of `text` at style size `size`: CJK characters are one em wide,
/// others about 0.6 em. Used to lay out labels before drawing.
pub fn text_width(text: &str, size: u32) -> u32 {
    let em = f64::from(size) / SVG_FONT_SCALE;
    let w: f64 = text
        .chars()
        .map(|c| if u32::from(c) >= 0x2E80 { em } else { em * 0.6 })
        .sum();
    w.ceil() as u32
}

fn font(size: u32) -> TextStyle<'static> {
    // The family is given as the enum, not the name: naming it by string pulls
    // Unicode lower-casing (and its tables) into the module for a constant.
    (FontFamily::SansSerif, size).into_font().color(&INK)
}

fn font_at(size: u32, h: HPos, v: VPos) -> TextStyle<'static> {
    font(size).pos(Pos::new(h, v))
}

/// A point a chart gives in backend pixels (`backend_coord`), in the pixels of `area`, which
/// draws from its own corner (a download puts the chart under its title).
fn in_area<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, (x, y): (i32, i32)) -> (i32, i32) {
    let (ox, oy) = area.get_base_pixel();
    (x - ox, y - oy)
}

/// Line height of a text style, in pixels.
fn line(size: u32) -> i32 {
    (f64::from(size) / SVG_FONT_SCALE * 1.35).ceil() as i32
}

/// How a legend entry is drawn.
#[derive(Debug, Clone, Copy)]
enum Key {
    Fill(RGBColor),
    Outline(RGBColor),
    Line(RGBColor, u32),
    Dashed(RGBColor, u32),
}

/// Height of a legend laid out in lines across `width`.
fn legend_height(entries: &[(&str, Key)], width: u32) -> i32 {
    legend_layout(entries, width)
        .last()
        .map_or(0, |(_, y)| y + line(TEXT))
}

fn legend_layout(entries: &[(&str, Key)], width: u32) -> Vec<(i32, i32)> {
    let (mut x, mut y) = (0i32, 0i32);
    entries
        .iter()
        .map(|(label, _)| {
            let w = 22 + text_width(label, TEXT) as i32 + 14;
            if x > 0 && x + w > width as i32 {
                x = 0;
                y += line(TEXT) + 2;
            }
            let at = (x, y);
            x += w;
            at
        })
        .collect()
}

/// Draws a legend at the top left of `area`, wrapping across its width.
fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[(&str, Key)],
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let width = area.dim_in_pixel().0;
    for ((label, key), (x, y)) in entries.iter().zip(legend_layout(entries, width)) {
        let mid = y + line(TEXT) / 2;
        match *key {
            Key::Fill(c) => area.draw(&Rectangle::new(
                [(x, mid - 6), (x + 16, mid + 6)],
                c.filled(),
            ))?,
            Key::Outline(c) => area.draw(&Rectangle::new(
                [(x + 1, mid - 5), (x + 15, mid + 5)],
                c.stroke_width(2),
            ))?,
            Key::Line(c, w) => area.draw(&PathElement::new(
                [(x, mid), (x + 16, mid)],
                c.stroke_width(w),
            ))?,
            Key::Dashed(c, w) => {
                for k in 0..3 {
                    let x0 = x + k * 6;
                    area.draw(&PathElement::new(
                        [(x0, mid), (x0 + 4, mid)],
                        c.stroke_width(w),
                    ))?;
                }
            }
        }
        area.draw(&Text::new(
            label.to_string(),
            (x + 22, mid),
            font_at(TEXT, HPos::Left, VPos::Center),
        ))?;
    }
    Ok(())
}

/// Splits `text` into lines no wider than `width` at style size `size` (at spaces where there
/// are any, else between characters).
fn wrap(text: &str, size: u32, width: u32) -> Vec<String> {
    let mut lines = vec![String::new()];
    let words: Vec<String> = if text.contains(' ') {
        text.split(' ').map(|w| format!("{w} ")).collect()
    } else {
        text.chars().map(String::from).collect()
    };
    for w in words {
        let last = lines
            .last_mut()
            .map(|l| (text_width(&format!("{l}{w}"), size), l));
        match last {
            Some((fits, l)) if fits <= width || l.is_empty() => l.push_str(&w),
            _ => lines.push(w),
        }
    }
    lines
        .into_iter()
        .map(|l| l.trim_end().to_string())
        .collect()
}

/// One target of the main-targets chart.
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
    /// The status and its name, when there are figures.
    pub status: Option<(Status, String)>,
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

/// The main targets' growth: 2022, the 2023 target and growth to date, with each status.
#[derive(Debug, Clone, PartialEq)]
pub struct GrowthSpec {
    /// One entry per target.
    pub bars: Vec<GrowthBar>,
    /// Legend labels.
    pub legend: GrowthLegend,
}

fn signed(v: f64) -> String {
    if v > 0.0 {
        format!("+{v:.1}%")
    } else {
        format!("{v:.1}%")
    }
}

impl GrowthSpec {
    fn legend_entries(&self) -> [(&str, Key); 3] {
        [
            (self.legend.base.as_str(), Key::Fill(BASE)),
            (self.legend.target.as_str(), Key::Outline(TARGET)),
            (self.legend.actual.as_str(), Key::Fill(ACTUAL)),
        ]
    }

    fn label_line(b: &GrowthBar) -> String {
        match &b.status {
            Some((_, name)) => format!("{} · {}", b.label, name),
            None => b.label.clone(),
        }
    }

    /// Whether grouped columns fit at this width (each group's label and status on two lines under
    /// it); otherwise each target gets a horizontal row.
    pub fn columns_fit(&self, width: u32) -> bool {
        let n = self.bars.len().max(1) as u32;
        let group = width.saturating_sub(70) / n;
        width >= 600
            && self.bars.iter().all(|b| {
                let status = b
                    .status
                    .as_ref()
                    .map_or(0, |(_, s)| text_width(s, TEXT) + 14);
                text_width(&b.label, LABEL).max(status) + 8 <= group
            })
    }

    const ROW_HEAD: i32 = 22;
    const BAR: i32 = 12;
    const ROW_GAP: i32 = 14;

    fn height(&self, width: u32) -> u32 {
        if self.columns_fit(width) {
            400
        } else {
            let legend = legend_height(&self.legend_entries(), width.saturating_sub(16));
            let row = Self::ROW_HEAD + 3 * Self::BAR + 2 * 3 + Self::ROW_GAP;
            (16 + legend + 10 + row * self.bars.len() as i32).max(80) as u32
        }
    }

    fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        area.fill(&WHITE)?;
        if self.columns_fit(area.dim_in_pixel().0) {
            self.draw_columns(area)
        } else {
            self.draw_rows(area)
        }
    }

    fn range(&self) -> (f64, f64) {
        self.bars
            .iter()
            .flat_map(|b| [b.base, Some(b.target), b.actual])
            .flatten()
            .fold((0.0f64, 10.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)))
    }

    /// One row per target: its name and status above three horizontal bars with their values.
    fn draw_rows<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        let (w, _) = area.dim_in_pixel();
        let inner = area.margin(8, 8, 8, 8);
        let legend_h = legend_height(&self.legend_entries(), w.saturating_sub(16));
        let (legend, body) = inner.split_vertically(legend_h + 10);
        draw_legend(&legend, &self.legend_entries())?;
        let (lo, hi) = self.range();
        let value_room = text_width("+100.0%", TEXT) as i32 + 6;
        let plot_w = (w as i32 - 16 - value_room).max(40);
        let x_of = |v: f64| ((v - lo) / (hi - lo).max(1e-9) * f64::from(plot_w)).round() as i32;
        let zero = x_of(0.0);
        let mut y = 0;
        for b in &self.bars {
            let mut x = 0;
            if let Some((s, _)) = &b.status {
                body.draw(&Circle::new((5, y + 8), 5, status_colour(*s).filled()))?;
                x = 14;
            }
            body.draw(&Text::new(
                Self::label_line(b),
                (x, y),
                font_at(LABEL, HPos::Left, VPos::Top),
            ))?;
            y += Self::ROW_HEAD;
            let values = [
                (b.base, BASE.filled()),
                (Some(b.target), TARGET.stroke_width(2)),
                (b.actual, ACTUAL.filled()),
            ];
            for (v, style) in values {
                match v {
                    Some(v) => {
                        let x1 = x_of(v);
                        let (a, c) = (zero.min(x1), zero.max(x1).max(zero.min(x1) + 1));
                        body.draw(&Rectangle::new([(a, y), (c, y + Self::BAR)], style))?;
                        body.draw(&Text::new(
                            signed(v),
                            (zero.max(x1) + 4, y + Self::BAR / 2),
                            font_at(TEXT, HPos::Left, VPos::Center),
                        ))?;
                    }
                    None => body.draw(&Text::new(
                        "—",
                        (zero + 4, y + Self::BAR / 2),
                        font_at(TEXT, HPos::Left, VPos::Center).color(&MUTED),
                    ))?,
                }
                y += Self::BAR + 3;
            }
            body.draw(&PathElement::new(
                [(zero, y - 3 * (Self::BAR + 3) - 2), (zero, y - 1)],
                INK.stroke_width(1),
            ))?;
            y += Self::ROW_GAP - 3;
        }
        Ok(())
    }

    /// Grouped columns, one group per target, its name and status under it.
    fn draw_columns<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        let bars = &self.bars;
        let (lo, hi) = self.range();
        let pad = (hi - lo) * 0.1;
        let y_min = (lo - pad).min(0.0);
        let n = bars.len().max(1);
        // The legend above the plot, as in the rows layout.
        let entries = self.legend_entries();
        let width = area.dim_in_pixel().0;
        let legend_h = legend_height(&entries, width.saturating_sub(16));
        let (top, plot) = area.split_vertically(8 + legend_h + 2);
        draw_legend(&top.margin(8, 0, 8, 8), &entries)?;
        let mut chart = ChartBuilder::on(&plot)
            .margin(10)
            .x_label_area_size(2 * line(LABEL) + 16)
            .y_label_area_size(50)
            .build_cartesian_2d(0.0..n as f64, y_min..hi + pad)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(GRID)
            .x_labels(0)
            .y_label_formatter(&|v| format!("{v:.0}%"))
            .label_style(font(TEXT))
            .draw()?;
        let zero = [(0.0, 0.0), (n as f64, 0.0)];
        chart.draw_series(LineSeries::new(zero, INK.stroke_width(1)))?;
        type Get = fn(&GrowthBar) -> Option<f64>;
        let series: [(RGBColor, Get); 3] = [
            (BASE, |b| b.base),
            (TARGET, |b| Some(b.target)),
            (ACTUAL, |b| b.actual),
        ];
        for (k, (colour, get)) in series.into_iter().enumerate() {
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
            chart.draw_series(rects)?;
        }
        // Group labels and statuses go under the plot, at each group's centre.
        for (i, b) in bars.iter().enumerate() {
            let (px, py) = in_area(area, chart.backend_coord(&(i as f64 + 0.5, y_min)));
            area.draw(&Text::new(
                b.label.clone(),
                (px, py + 8),
                font_at(LABEL, HPos::Center, VPos::Top),
            ))?;
            if let Some((s, name)) = &b.status {
                let y = py + 8 + line(LABEL);
                let tw = text_width(name, TEXT) as i32;
                let x = px - (tw + 12) / 2;
                area.draw(&Circle::new((x + 4, y + 7), 5, status_colour(*s).filled()))?;
                area.draw(&Text::new(
                    name.clone(),
                    (x + 12, y),
                    font_at(TEXT, HPos::Left, VPos::Top),
                ))?;
            }
        }
        Ok(())
    }
}

/// Data of an indicator's progress chart: cumulative figures against the pace line (a total's
/// completion against 序时进度), or a level against its target.
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
    /// Legend labels: figures (with the unit of the axis), pace, seasonal, projection, target.
    pub labels: [String; 5],
    /// Axis labels for months 1..=12.
    pub months: Vec<String>,
}

/// Data of a growth target's chart: growth to date at each period against the target rate.
#[derive(Debug, Clone, PartialEq)]
pub struct RateSpec {
    /// (end month 1..=12, cumulative growth to date in percent).
    pub points: Vec<(u8, f64)>,
    /// The target rate, percent.
    pub target: f64,
    /// Legend labels: growth to date, target rate.
    pub labels: [String; 2],
    /// Axis labels for months 1..=12.
    pub months: Vec<String>,
}

/// The target rate an indicator's chart is drawn against, when its status is judged on growth:
/// the target that binds (or the first judged) is a growth rate or, before any judgement, growth is
/// its only target. `None`: the chart shows completion against 序时进度, or a level.
pub fn judged_on_growth(ind: &Indicator, a: Option<&Assessment>) -> Option<f64> {
    let judged = a.and_then(|a| {
        let k = a.binding.or((!a.judgements.is_empty()).then_some(0))?;
        Some(a.judgements.get(k)?.measure)
    });
    match judged {
        Some(Measure::Growth { target, .. }) => Some(target),
        Some(_) => None,
        None => ind
            .growth_target()
            .filter(|_| ind.absolute_target().is_none()),
    }
}

/// Growth to date at each figure that carries it (published, else computed as the judgement
/// does): the points of a growth target's chart.
pub fn growth_points(ind: &Indicator, figures: &[Figure]) -> Vec<(u8, f64)> {
    figures
        .iter()
        .filter_map(|f| growth_to_date(ind, f).map(|(g, _)| (f.period.end_month(), g)))
        .collect()
}

/// Months labelled on the axis: every month where there is room, else every quarter's end.
fn month_step(plot_width: i32) -> usize {
    if plot_width / 12 >= 34 {
        1
    } else {
        3
    }
}

fn month_formatter(months: Vec<String>, step: usize) -> impl Fn(&f64) -> String {
    move |x: &f64| {
        let m = x.round() as usize;
        if (1..=12).contains(&m) && (x - x.round()).abs() < 0.01 && m % step == 0 {
            months.get(m - 1).cloned().unwrap_or_default()
        } else {
            String::new()
        }
    }
}

/// Plot height of the time charts at a width.
fn time_plot_height(width: u32) -> i32 {
    (f64::from(width) * 0.5).clamp(220.0, 320.0) as i32
}

/// The height of a chart over time with its legend below it.
fn time_chart_height(entries: &[(&str, Key)], width: u32) -> u32 {
    (time_plot_height(width) + 10 + legend_height(entries, width - 20) + 10) as u32
}

/// Fills a chart over time's area, draws its legend below and returns the area left for the plot.
fn time_chart_frame<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[(&str, Key)],
) -> Result<DrawingArea<DB, Shift>, DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&WHITE)?;
    let (w, _) = area.dim_in_pixel();
    let (plot, legend) = area.split_vertically(time_plot_height(w));
    draw_legend(&legend.margin(10, 0, 10, 10), entries)?;
    Ok(plot)
}

impl ProgressSpec {
    fn legend_entries(&self) -> Vec<(&str, Key)> {
        let [l_fig, l_pace, l_seasonal, l_proj, l_target] = &self.labels;
        let mut e = vec![(l_fig.as_str(), Key::Line(ACTUAL, 3))];
        if self.target.is_some() {
            e.push((l_target.as_str(), Key::Line(TARGET, 1)));
            if self.pace_from_zero {
                e.push((l_pace.as_str(), Key::Dashed(TARGET, 2)));
            }
        }
        if !self.seasonal.is_empty() {
            e.push((l_seasonal.as_str(), Key::Dashed(BASE, 2)));
        }
        if self.projection.is_some() {
            e.push((l_proj.as_str(), Key::Dashed(ACTUAL, 1)));
        }
        e
    }

    fn height(&self, width: u32) -> u32 {
        time_chart_height(&self.legend_entries(), width)
    }

    fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        let plot = time_chart_frame(area, &self.legend_entries())?;
        let (w, _) = area.dim_in_pixel();
        let spec = self;
        let all = spec
            .points
            .iter()
            .chain(&spec.seasonal)
            .map(|p| p.1)
            .chain(spec.target)
            .chain(spec.projection);
        let hi = all.fold(0.0f64, f64::max).max(1e-9) * 1.1;
        let y_area = 64;
        let mut chart = ChartBuilder::on(&plot)
            .margin(10)
            .x_label_area_size(line(TEXT) + 8)
            .y_label_area_size(y_area)
            .build_cartesian_2d(0.0..12.5f64, 0.0..hi)?;
        let step = month_step(w as i32 - y_area - 20);
        let fmt = month_formatter(spec.months.clone(), step);
        chart
            .configure_mesh()
            .x_labels(12)
            .x_label_formatter(&fmt)
            .y_label_formatter(&|v| crate::model::format::number(*v, 2))
            .y_labels(if w < 400 { 5 } else { 8 })
            .label_style(font(TEXT))
            .light_line_style(GRID)
            .draw()?;
        if let Some(t) = spec.target {
            chart.draw_series(LineSeries::new(
                [(0.0, t), (12.0, t)],
                TARGET.stroke_width(1),
            ))?;
            if spec.pace_from_zero {
                chart.draw_series(DashedLineSeries::new(
                    [(0.0, 0.0), (12.0, t)],
                    6,
                    4,
                    TARGET.stroke_width(2),
                ))?;
            }
        }
        if !spec.seasonal.is_empty() {
            let pts: Vec<(f64, f64)> = spec
                .seasonal
                .iter()
                .map(|(m, v)| (f64::from(*m), *v))
                .collect();
            chart.draw_series(DashedLineSeries::new(pts, 2, 3, BASE.stroke_width(2)))?;
        }
        let pts: Vec<(f64, f64)> = spec
            .points
            .iter()
            .map(|(m, v)| (f64::from(*m), *v))
            .collect();
        if let (Some(p), Some(last)) = (spec.projection, pts.last()) {
            chart.draw_series(DashedLineSeries::new(
                [*last, (12.0, p)],
                3,
                3,
                ACTUAL.stroke_width(1),
            ))?;
        }
        chart.draw_series(LineSeries::new(pts.clone(), ACTUAL.stroke_width(3)))?;
        chart.draw_series(pts.iter().map(|p| Circle::new(*p, 4, ACTUAL.filled())))?;
        Ok(())
    }
}

impl RateSpec {
    fn legend_entries(&self) -> [(&str, Key); 2] {
        [
            (self.labels[0].as_str(), Key::Line(ACTUAL, 3)),
            (self.labels[1].as_str(), Key::Dashed(TARGET, 2)),
        ]
    }

    fn height(&self, width: u32) -> u32 {
        time_chart_height(&self.legend_entries(), width)
    }

    fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        let plot = time_chart_frame(area, &self.legend_entries())?;
        let (w, _) = area.dim_in_pixel();
        let values = self.points.iter().map(|p| p.1).chain([self.target, 0.0]);
        let (lo, hi) = values.fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
        let pad = (hi - lo).max(1.0) * 0.15;
        let y_area = 56;
        let mut chart = ChartBuilder::on(&plot)
            .margin(10)
            .x_label_area_size(line(TEXT) + 8)
            .y_label_area_size(y_area)
            .build_cartesian_2d(0.0..12.5f64, (lo - pad)..(hi + pad))?;
        let fmt = month_formatter(self.months.clone(), month_step(w as i32 - y_area - 20));
        chart
            .configure_mesh()
            .x_labels(12)
            .x_label_formatter(&fmt)
            .y_labels(if w < 400 { 5 } else { 8 })
            .y_label_formatter(&|v| format!("{v:.0}%"))
            .label_style(font(TEXT))
            .light_line_style(GRID)
            .draw()?;
        chart.draw_series(LineSeries::new(
            [(0.0, 0.0), (12.5, 0.0)],
            INK.stroke_width(1),
        ))?;
        chart.draw_series(DashedLineSeries::new(
            [(0.0, self.target), (12.5, self.target)],
            6,
            4,
            TARGET.stroke_width(2),
        ))?;
        let (tx, ty) = in_area(&plot, chart.backend_coord(&(12.4, self.target)));
        plot.draw(&Text::new(
            signed(self.target),
            (tx, ty - 3),
            font_at(TEXT, HPos::Right, VPos::Bottom).color(&TARGET),
        ))?;
        let pts: Vec<(f64, f64)> = self
            .points
            .iter()
            .map(|(m, v)| (f64::from(*m), *v))
            .collect();
        chart.draw_series(LineSeries::new(pts.clone(), ACTUAL.stroke_width(3)))?;
        chart.draw_series(pts.iter().map(|p| Circle::new(*p, 4, ACTUAL.filled())))?;
        if let Some(last) = pts.last() {
            let (x, y) = in_area(&plot, chart.backend_coord(last));
            let below = last.1 < self.target;
            plot.draw(&Text::new(
                signed(last.1),
                (x, if below { y + 8 } else { y - 8 }),
                font_at(
                    TEXT,
                    HPos::Center,
                    if below { VPos::Top } else { VPos::Bottom },
                )
                .color(&ACTUAL),
            ))?;
        }
        Ok(())
    }
}

/// One small chart of a section page: 2022, the 2023 target and the figure to date, in one unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Compare {
    /// (label, value) for each bar; a missing value leaves a gap.
    pub bars: Vec<(String, Option<f64>)>,
    /// Index of the bar that is the target (drawn as an outline).
    pub target: Option<usize>,
}

impl Compare {
    fn height(&self, _width: u32) -> u32 {
        (self.bars.len() as i32 * 28 + line(TEXT) + 20) as u32
    }

    fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        area.fill(&WHITE)?;
        let spec = self;
        let values = spec.bars.iter().filter_map(|b| b.1);
        let (lo, hi) = values.fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
        let span = (hi - lo).max(1e-9);
        let n = spec.bars.len().max(1);
        let label_w = spec
            .bars
            .iter()
            .map(|b| text_width(&b.0, TEXT))
            .max()
            .unwrap_or(0)
            + 10;
        let (w, _) = area.dim_in_pixel();
        let mut chart = ChartBuilder::on(area)
            .margin(6)
            .margin_right(14)
            .y_label_area_size(label_w)
            .x_label_area_size(line(TEXT) + 6)
            .build_cartesian_2d(lo - span * 0.05..hi + span * 0.15, 0.0..n as f64)?;
        let labels: Vec<String> = spec.bars.iter().map(|b| b.0.clone()).collect();
        chart
            .configure_mesh()
            .disable_y_mesh()
            .light_line_style(GRID)
            .x_labels(if w < 300 { 3 } else { 4 })
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
            .label_style(font(TEXT))
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
        Ok(())
    }
}

/// Any chart of the tracker, drawn at the width it is shown at.
#[derive(Debug, Clone, PartialEq)]
pub enum Chart {
    /// The main targets' growth (overview).
    Growth(GrowthSpec),
    /// A total's or a level's figures against its pace and target (indicator page).
    Progress(ProgressSpec),
    /// A growth target's growth to date against its rate (indicator page).
    Rate(RateSpec),
    /// A small comparison of 2022, the target and the latest figure (section page).
    Compare(Compare),
}

/// What a downloaded chart says about itself: its title, the period it covers and the source.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Caption {
    /// What the chart shows.
    pub title: String,
    /// The period it covers ("截至1-9月", "to Jan–Sep").
    pub period: String,
    /// Where its figures come from.
    pub source: String,
}

impl Chart {
    /// The height the chart needs at `width` CSS pixels.
    pub fn height(&self, width: u32) -> u32 {
        let width = width.max(MIN_WIDTH);
        match self {
            Chart::Growth(s) => s.height(width),
            Chart::Progress(s) => s.height(width),
            Chart::Rate(s) => s.height(width),
            Chart::Compare(s) => s.height(width),
        }
    }

    /// Draws the chart on any plotters backend, filling `area`.
    pub fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        self.draw_body(area)?;
        area.present()
    }

    /// Draws the chart without finishing the picture (a download adds its caption around it).
    fn draw_body<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        match self {
            Chart::Growth(s) => s.draw(area),
            Chart::Progress(s) => s.draw(area),
            Chart::Rate(s) => s.draw(area),
            Chart::Compare(s) => s.draw(area),
        }
    }

    /// The chart as SVG markup, `width` CSS pixels wide (at least [`MIN_WIDTH`]).
    pub fn svg(&self, width: u32) -> String {
        let width = width.max(MIN_WIDTH);
        svg((width, self.height(width)), |root| self.draw(root))
    }

    /// The chart as a file to download: the title and the period above it, the source under it.
    pub fn download_svg(&self, width: u32, caption: &Caption) -> String {
        let width = width.max(MIN_WIDTH);
        let text_w = width - 20;
        let title = wrap(&caption.title, TITLE, text_w);
        let period = wrap(&caption.period, LABEL, text_w);
        let source = wrap(&caption.source, TEXT, text_w);
        let head = 10 + line(TITLE) * title.len() as i32 + line(LABEL) * period.len() as i32 + 8;
        let foot = 8 + line(TEXT) * source.len() as i32 + 8;
        let body = self.height(width) as i32;
        let height = (head + body + foot) as u32;
        svg((width, height), |root| {
            root.fill(&WHITE)?;
            let (top, rest) = root.split_vertically(head);
            let (chart, bottom) = rest.split_vertically(body);
            let mut y = 10;
            for l in &title {
                top.draw(&Text::new(
                    l.clone(),
                    (10, y),
                    font_at(TITLE, HPos::Left, VPos::Top),
                ))?;
                y += line(TITLE);
            }
            for l in &period {
                let style = font_at(LABEL, HPos::Left, VPos::Top).color(&MUTED);
                top.draw(&Text::new(l.clone(), (10, y), style))?;
                y += line(LABEL);
            }
            self.draw_body(&chart)?;
            let mut y = 8;
            for l in &source {
                let style = font_at(TEXT, HPos::Left, VPos::Top).color(&MUTED);
                bottom.draw(&Text::new(l.clone(), (10, y), style))?;
                y += line(TEXT);
            }
            root.present()
        })
    }
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

/// The heights `chart` takes across the widths a page can give it, as `width:height` runs
/// (`"240:812,331:790,560:400"`: from 240 px wide 812 high, from 331 px 790…), for the first view
/// to keep room for a chart the app draws later (`ui::first`).
pub fn height_runs(chart: &Chart) -> String {
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for w in 200..=1400 {
        let h = chart.height(w);
        if runs.last().is_none_or(|&(_, last)| last != h) {
            runs.push((w, h));
        }
    }
    runs.iter()
        .map(|(w, h)| format!("{w}:{h}"))
        .collect::<Vec<_>>()
        .join(",")
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

    fn bar(label: &str, base: Option<f64>, target: f64, actual: Option<f64>) -> GrowthBar {
        GrowthBar {
            label: label.into(),
            base,
            target,
            actual,
            status: None,
        }
    }

    #[test]
    fn growth_chart_draws_a_bar_per_value_and_escapes_text() {
        let bars = vec![
            bar("地区生产总值", Some(3.0), 8.0, Some(6.5)),
            bar("A&B", Some(-10.4), 13.0, None),
        ];
        for width in [320, 1000] {
            let chart = |bars: &[GrowthBar]| {
                Chart::Growth(GrowthSpec {
                    bars: bars.to_vec(),
                    legend: legend(),
                })
                .svg(width)
            };
            let svg = chart(&bars);
            assert!(svg.starts_with("<svg"));
            assert!(svg.contains("地区生产总值"));
            assert!(!svg.contains("<script>"), "legend text must be escaped");
            assert!(svg.contains("A&amp;B"));
            let rects = svg.matches("<rect").count();
            let fewer = chart(&bars[..1]).matches("<rect").count();
            assert_eq!(
                rects - fewer,
                2,
                "the second group adds exactly two bars at {width}"
            );
        }
    }

    #[test]
    fn the_main_targets_are_rows_on_a_phone_and_columns_on_a_wide_screen() {
        let spec = GrowthSpec {
            bars: (0..8)
                .map(|i| bar(&format!("指标{i}"), Some(3.0), 8.0, Some(6.5)))
                .collect(),
            legend: legend(),
        };
        assert!(!spec.columns_fit(390));
        assert!(spec.columns_fit(900));
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
        let svg = Chart::Compare(spec.clone()).svg(300);
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
            Chart::Compare(spec3).svg(300).matches("<rect").count(),
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
        let svg = Chart::Progress(spec.clone()).svg(640);
        assert_eq!(svg.matches("<circle").count(), 2);
        assert!(svg.contains("序时进度") && svg.contains("预测") && svg.contains("6月"));
        let no_proj = Chart::Progress(ProgressSpec {
            projection: None,
            ..spec
        })
        .svg(640);
        assert!(!no_proj.contains("预测"));
    }

    #[test]
    fn long_captions_wrap_within_the_width() {
        let lines = wrap(
            "Source: Xinyuan County 2023 Government Work Report",
            TEXT,
            200,
        );
        assert!(lines.len() > 1);
        assert!(
            lines.iter().all(|l| text_width(l, TEXT) <= 200),
            "{lines:?}"
        );
        assert_eq!(wrap("新源县", TEXT, 200), vec!["新源县".to_string()]);
    }
}
