//! The profitability charts.
//!
//! Every chart draws its title and legend in a band above the plot, so a
//! legend never covers a bar or a line, and writes its text at
//! [`LABEL_SIZE`], which stays at least 12 px on screen at the width the
//! page shows the chart.

use super::backend::SvgChart;
use super::{BLUE, COMPACT_SIZE, GREEN, GRID, INK, ORANGE, SIZE, VERMILLION};
use crate::domain::money::format_money_whole;
use crate::domain::profitability::analysis::NetRow;
use crate::domain::profitability::concentration::{CURVE_POINTS, thin_curve};
use crate::domain::profitability::tiers::TierRow;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

type DrawResult = Result<(), Box<dyn std::error::Error>>;
type Area<'b> = DrawingArea<SvgChart<'b>, plotters::coord::Shift>;

/// plotters' size of label and axis text. Its SVG output writes sizes as
/// `size / 1.24` units: 16 is about 12.9 units, 12.9 px or more wherever a
/// chart is shown at its own width or wider.
pub(crate) const LABEL_SIZE: f64 = 16.0;
/// plotters' size of a chart's title.
const TITLE_SIZE: f64 = 19.0;
/// Height of the band holding the title, and of the legend row below it.
const TITLE_BAND: i32 = 30;
const LEGEND_BAND: i32 = 24;

fn render(size: (u32, u32), draw: impl FnOnce(Area) -> DrawResult) -> String {
    let mut svg = String::new();
    {
        let root = SvgChart(SVGBackend::with_string(&mut svg, size)).into_drawing_area();
        if let Err(e) =
            root.fill(&WHITE).map_err(|e| e.to_string()).and_then(|_| draw(root.clone()).map_err(|e| e.to_string()))
        {
            return format!("<p class=\"chart-error\">The chart could not be drawn: {}</p>", escape(&e));
        }
        let _ = root.present();
    }
    svg
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn label_style() -> TextStyle<'static> {
    ("sans-serif", LABEL_SIZE).into_font().color(&INK)
}

fn anchored(h: HPos, v: VPos) -> TextStyle<'static> {
    label_style().pos(Pos::new(h, v))
}

/// How a series is marked in the legend.
#[derive(Clone, Copy)]
enum Swatch {
    Filled(RGBColor),
    Outlined(RGBColor),
    Line(RGBColor, u32),
}

/// Draws the title and, below it, a row of legend entries, then returns the
/// area left for the plot: the legend sits outside the plot by construction.
fn framed<'b>(root: &Area<'b>, title: &str, legend: &[(&str, Swatch)]) -> Result<Area<'b>, Box<dyn std::error::Error>> {
    let band = TITLE_BAND + if legend.is_empty() { 0 } else { LEGEND_BAND };
    let (head, body) = root.split_vertically(band);
    let (w, _) = head.dim_in_pixel();
    let title_style = ("sans-serif", TITLE_SIZE).into_font().color(&INK).pos(Pos::new(HPos::Center, VPos::Center));
    head.draw(&Text::new(title.to_string(), (w as i32 / 2, TITLE_BAND / 2 + 2), title_style))?;
    // Entries centred as a row: swatch, gap, label, space.
    let widths: Vec<i32> =
        legend.iter().map(|(l, _)| 14 + 6 + super::backend::text_size(l, LABEL_SIZE).0 as i32 + 18).collect();
    let mut x = (w as i32 - widths.iter().sum::<i32>()).max(0) / 2;
    let y = TITLE_BAND + LEGEND_BAND / 2;
    for ((label, swatch), width) in legend.iter().zip(widths) {
        match *swatch {
            Swatch::Filled(c) => head.draw(&Rectangle::new([(x, y - 6), (x + 14, y + 6)], c.filled()))?,
            Swatch::Outlined(c) => head.draw(&Rectangle::new([(x + 1, y - 5), (x + 13, y + 5)], c.stroke_width(2)))?,
            Swatch::Line(c, width) => head.draw(&PathElement::new([(x, y), (x + 14, y)], c.stroke_width(width)))?,
        }
        head.draw(&Text::new(label.to_string(), (x + 20, y), anchored(HPos::Left, VPos::Center)))?;
        x += width;
    }
    Ok(body)
}

/// Writes category labels under the x axis, centred on each slot.
fn category_labels<DB: DrawingBackend>(
    chart: &ChartContext<
        DB,
        Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
    >,
    root: &DrawingArea<DB, plotters::coord::Shift>,
    labels: &[String],
    y: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let style = anchored(HPos::Center, VPos::Top);
    for (i, label) in labels.iter().enumerate() {
        let (px, py) = chart.backend_coord(&(i as f64 + 0.5, y));
        root.draw(&Text::new(label.clone(), (px, py + 6), style.clone()))?;
    }
    Ok(())
}

type CategoryChart<'a, 'b> = ChartContext<
    'a,
    SvgChart<'b>,
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
>;

/// A chart with `n` category slots along x (labelled by [`category_labels`])
/// and a value axis with light grid lines: the frame of the tier and net
/// charts.
fn category_chart<'a, 'b>(
    body: &'a Area<'b>,
    n: usize,
    y: std::ops::Range<f64>,
    y_label_width: u32,
    y_desc: &str,
    y_format: &dyn Fn(&f64) -> String,
) -> Result<CategoryChart<'a, 'b>, Box<dyn std::error::Error>> {
    let mut chart = ChartBuilder::on(body)
        .margin(12)
        .margin_top(6)
        .x_label_area_size(38)
        .y_label_area_size(y_label_width)
        .build_cartesian_2d(0f64..n as f64, y)?;
    chart
        .configure_mesh()
        .max_light_lines(2)
        .disable_x_mesh()
        .x_labels(0)
        .light_line_style(GRID)
        .y_desc(y_desc)
        .y_label_formatter(y_format)
        .label_style(label_style())
        .axis_desc_style(label_style())
        .draw()?;
    Ok(chart)
}

/// Tier labels short enough to sit side by side under their bars.
fn short_labels(rows: &[TierRow]) -> Vec<String> {
    rows.iter().map(|r| r.label.replace(" – ", "–").replace(" and over", "+")).collect()
}

/// Grouped bars: each tier's share of revenue beside its share of clients.
pub fn tier_share_chart(title: &str, rows: &[TierRow]) -> String {
    render(SIZE, |root| {
        let body =
            framed(&root, title, &[("% of revenue", Swatch::Filled(BLUE)), ("% of clients", Swatch::Filled(ORANGE))])?;
        let n = rows.len().max(1);
        let top = rows.iter().map(|r| r.revenue_pct.max(r.clients_pct)).fold(10.0, f64::max) * 1.08;
        let mut chart = category_chart(&body, n, 0.0..top, 60, "% of department", &|v| format!("{v:.0}%"))?;
        chart.draw_series(
            rows.iter().enumerate().map(|(i, r)| {
                Rectangle::new([(i as f64 + 0.12, 0.0), (i as f64 + 0.48, r.revenue_pct)], BLUE.filled())
            }),
        )?;
        chart.draw_series(rows.iter().enumerate().map(|(i, r)| {
            Rectangle::new([(i as f64 + 0.52, 0.0), (i as f64 + 0.88, r.clients_pct)], ORANGE.filled())
        }))?;
        // backend_coord is in the whole chart's coordinates: draw on the root.
        category_labels(&chart, &root, &short_labels(rows), 0.0)?;
        Ok(())
    })
}

/// The tier chart for a narrow tile: tiers down the side, each with its
/// share of revenue and of clients as bars across.
pub fn tier_share_compact_chart(title: &str, rows: &[TierRow]) -> String {
    render(COMPACT_SIZE, |root| {
        let body =
            framed(&root, title, &[("% of revenue", Swatch::Filled(BLUE)), ("% of clients", Swatch::Filled(ORANGE))])?;
        let n = rows.len().max(1);
        let top = rows.iter().map(|r| r.revenue_pct.max(r.clients_pct)).fold(10.0, f64::max) * 1.05;
        let labels = short_labels(rows);
        let label_width = labels.iter().map(|l| super::backend::text_size(l, LABEL_SIZE).0).max().unwrap_or(0) + 10;
        let (left, right) = body.split_horizontally(label_width);
        let mut chart = ChartBuilder::on(&right)
            .margin(8)
            .margin_right(14)
            .x_label_area_size(30)
            .build_cartesian_2d(0f64..top, 0f64..n as f64)?;
        chart
            .configure_mesh()
            .max_light_lines(1)
            .x_labels(4)
            .disable_y_mesh()
            .y_labels(0)
            .light_line_style(GRID)
            .x_label_formatter(&|v| format!("{v:.0}%"))
            .label_style(label_style())
            .draw()?;
        let style = anchored(HPos::Right, VPos::Center);
        for (i, r) in rows.iter().enumerate() {
            let y = (n - 1 - i) as f64;
            chart.draw_series([Rectangle::new([(0.0, y + 0.52), (r.revenue_pct, y + 0.9)], BLUE.filled())])?;
            chart.draw_series([Rectangle::new([(0.0, y + 0.1), (r.clients_pct, y + 0.48)], ORANGE.filled())])?;
            let (_, ly) = chart.backend_coord(&(0.0, y + 0.5));
            left.draw(&Text::new(
                labels[i].clone(),
                (label_width as i32 - 6, ly - body.get_base_pixel().1),
                style.clone(),
            ))?;
        }
        Ok(())
    })
}

/// The cumulative-share (Pareto) curve with the 50% and 80% lines.
pub fn cumulative_share_chart(title: &str, curve: &[(f64, f64)]) -> String {
    render(SIZE, |root| {
        let body = framed(
            &root,
            title,
            &[
                ("cumulative share", Swatch::Line(BLUE, 3)),
                ("50% of revenue", Swatch::Line(ORANGE, 2)),
                ("80% of revenue", Swatch::Line(GREEN, 2)),
            ],
        )?;
        let mut chart = ChartBuilder::on(&body)
            .margin(12)
            .margin_top(6)
            .margin_right(20)
            .x_label_area_size(44)
            .y_label_area_size(60)
            .build_cartesian_2d(0f64..100f64, 0f64..100f64)?;
        chart
            .configure_mesh()
            .max_light_lines(2)
            .light_line_style(GRID)
            .x_desc("largest accounts, % of accounts")
            .y_desc("% of revenue")
            .x_label_formatter(&|v| format!("{v:.0}%"))
            .y_label_formatter(&|v| format!("{v:.0}%"))
            .label_style(label_style())
            .axis_desc_style(label_style())
            .draw()?;
        for (level, color) in [(50.0, ORANGE), (80.0, GREEN)] {
            chart.draw_series(LineSeries::new([(0.0, level), (100.0, level)], color.stroke_width(2)))?;
        }
        chart.draw_series(LineSeries::new(thin_curve(curve, CURVE_POINTS), BLUE.stroke_width(3)))?;
        Ok(())
    })
}

/// Net by tier: positive bars filled green, negative bars outlined in
/// vermillion below the zero line, each with its amount.
pub fn net_by_tier_chart(title: &str, rows: &[NetRow]) -> String {
    render(SIZE, |root| {
        let body =
            framed(&root, title, &[("net gain", Swatch::Filled(GREEN)), ("net loss", Swatch::Outlined(VERMILLION))])?;
        let n = rows.len().max(1);
        let hi = rows.iter().map(|r| r.net).max().unwrap_or(0).max(0) as f64 / 100.0;
        let lo = rows.iter().map(|r| r.net).min().unwrap_or(0).min(0) as f64 / 100.0;
        let pad = ((hi - lo) * 0.15).max(1.0);
        let mut chart = category_chart(&body, n, (lo - pad)..(hi + pad), 86, "net per year", &|v| {
            format_money_whole((*v * 100.0).round() as i64)
        })?;
        chart.draw_series(LineSeries::new([(0.0, 0.0), (n as f64, 0.0)], INK.stroke_width(1)))?;
        for (i, r) in rows.iter().enumerate() {
            let v = r.net as f64 / 100.0;
            let rect = [(i as f64 + 0.2, 0.0), (i as f64 + 0.8, v)];
            if r.net < 0 {
                chart.draw_series([Rectangle::new(rect, VERMILLION.stroke_width(3))])?;
            } else {
                chart.draw_series([Rectangle::new(rect, GREEN.filled())])?;
            }
            let style = anchored(HPos::Center, if r.net < 0 { VPos::Top } else { VPos::Bottom });
            let (px, py) = chart.backend_coord(&(i as f64 + 0.5, v));
            // backend_coord is in the whole chart's coordinates: draw on the root.
            root.draw(&Text::new(format_money_whole(r.net), (px, if r.net < 0 { py + 3 } else { py - 3 }), style))?;
        }
        let labels: Vec<String> = rows.iter().map(|r| r.label.replace(" – ", "–").replace(" and over", "+")).collect();
        category_labels(&chart, &root, &labels, lo - pad)?;
        Ok(())
    })
}

/// Minutes of one run of each process, one bar per department, as
/// horizontal bars grouped by process. `series` is (department code,
/// minutes per process in the order of `processes`).
pub fn process_minutes_chart(title: &str, processes: &[String], series: &[(String, Vec<f64>)]) -> String {
    const COLOURS: [RGBColor; 4] = [BLUE, ORANGE, GREEN, VERMILLION];
    let n = processes.len().max(1);
    let size = (SIZE.0, (TITLE_BAND + LEGEND_BAND + 50) as u32 + 34 * n as u32);
    render(size, |root| {
        let legend: Vec<(&str, Swatch)> = series
            .iter()
            .enumerate()
            .map(|(i, (code, _))| (code.as_str(), Swatch::Filled(COLOURS[i % COLOURS.len()])))
            .collect();
        let body = framed(&root, title, &legend)?;
        let top = series.iter().flat_map(|(_, m)| m.iter().copied()).fold(10.0, f64::max) * 1.12;
        let label_width = processes.iter().map(|l| super::backend::text_size(l, LABEL_SIZE).0).max().unwrap_or(0) + 12;
        let (left, right) = body.split_horizontally(label_width);
        let mut chart = ChartBuilder::on(&right)
            .margin(10)
            .margin_right(24)
            .x_label_area_size(40)
            .build_cartesian_2d(0f64..top, 0f64..n as f64)?;
        chart
            .configure_mesh()
            .max_light_lines(2)
            .disable_y_mesh()
            .y_labels(0)
            .light_line_style(GRID)
            .x_desc("minutes per run")
            .x_label_formatter(&|v| format!("{v:.0}"))
            .label_style(label_style())
            .axis_desc_style(label_style())
            .draw()?;
        let style = anchored(HPos::Right, VPos::Center);
        let k = series.len().max(1) as f64;
        let slot = 0.8 / k;
        for (i, name) in processes.iter().enumerate() {
            let y = (n - 1 - i) as f64;
            for (s, (_, minutes)) in series.iter().enumerate() {
                let v = minutes.get(i).copied().unwrap_or(0.0);
                let y0 = y + 0.9 - slot * (s as f64 + 1.0);
                chart.draw_series([Rectangle::new(
                    [(0.0, y0), (v, y0 + slot * 0.9)],
                    COLOURS[s % COLOURS.len()].filled(),
                )])?;
            }
            let (_, ly) = chart.backend_coord(&(0.0, y + 0.5));
            left.draw(&Text::new(name.clone(), (label_width as i32 - 6, ly - body.get_base_pixel().1), style.clone()))?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod csp_tests;
#[cfg(test)]
mod tests;
