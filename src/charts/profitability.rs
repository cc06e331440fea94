//! The profitability charts.

use super::backend::SvgChart;
use super::{BLUE, GREEN, GRID, INK, ORANGE, SIZE, VERMILLION};
use crate::domain::money::format_money_whole;
use crate::domain::profitability::analysis::NetRow;
use crate::domain::profitability::concentration::{thin_curve, CURVE_POINTS};
use crate::domain::profitability::tiers::TierRow;
use plotters::prelude::*;

type DrawResult = Result<(), Box<dyn std::error::Error>>;

fn render(draw: impl FnOnce(DrawingArea<SvgChart, plotters::coord::Shift>) -> DrawResult) -> String {
    let mut svg = String::new();
    {
        let root = SvgChart(SVGBackend::with_string(&mut svg, SIZE)).into_drawing_area();
        if let Err(e) = root.fill(&WHITE).map_err(|e| e.to_string()).and_then(|_| draw(root.clone()).map_err(|e| e.to_string())) {
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
    ("sans-serif", 12).into_font().color(&INK)
}

/// Writes category labels under the x axis, centred on each slot.
fn category_labels<DB: DrawingBackend>(
    chart: &ChartContext<DB, Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>>,
    root: &DrawingArea<DB, plotters::coord::Shift>,
    labels: &[String],
    y: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let style = label_style().pos(plotters::style::text_anchor::Pos::new(
        plotters::style::text_anchor::HPos::Center,
        plotters::style::text_anchor::VPos::Top,
    ));
    for (i, label) in labels.iter().enumerate() {
        let (px, py) = chart.backend_coord(&(i as f64 + 0.5, y));
        root.draw(&Text::new(label.clone(), (px, py + 6), style.clone()))?;
    }
    Ok(())
}

type CategoryChart<'a, 'b> = ChartContext<'a, SvgChart<'b>, Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>>;

/// A chart with `n` category slots along x (labelled by [`category_labels`])
/// and a value axis with light grid lines: the frame of the tier and net
/// charts.
fn category_chart<'a, 'b>(
    root: &'a DrawingArea<SvgChart<'b>, plotters::coord::Shift>,
    title: &str,
    n: usize,
    y: std::ops::Range<f64>,
    y_label_width: u32,
    y_desc: &str,
    y_format: &dyn Fn(&f64) -> String,
) -> Result<CategoryChart<'a, 'b>, Box<dyn std::error::Error>> {
    let mut chart = ChartBuilder::on(root)
        .caption(title, ("sans-serif", 16).into_font().color(&INK))
        .margin(12)
        .x_label_area_size(34)
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
        .draw()?;
    Ok(chart)
}

/// Grouped bars: each tier's share of revenue beside its share of clients.
pub fn tier_share_chart(title: &str, rows: &[TierRow]) -> String {
    render(|root| {
        let n = rows.len().max(1);
        let top = rows.iter().map(|r| r.revenue_pct.max(r.clients_pct)).fold(10.0, f64::max) * 1.12;
        let mut chart = category_chart(&root, title, n, 0.0..top, 48, "% of department", &|v| format!("{v:.0}%"))?;
        chart
            .draw_series(rows.iter().enumerate().map(|(i, r)| {
                Rectangle::new([(i as f64 + 0.12, 0.0), (i as f64 + 0.48, r.revenue_pct)], BLUE.filled())
            }))?
            .label("% of revenue")
            .legend(|(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], BLUE.filled()));
        chart
            .draw_series(rows.iter().enumerate().map(|(i, r)| {
                Rectangle::new([(i as f64 + 0.52, 0.0), (i as f64 + 0.88, r.clients_pct)], ORANGE.filled())
            }))?
            .label("% of clients")
            .legend(|(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], ORANGE.filled()));
        chart.configure_series_labels().border_style(GRID).background_style(WHITE).label_font(label_style()).draw()?;
        let labels: Vec<String> = rows.iter().map(|r| r.label.replace(" – ", "–")).collect();
        category_labels(&chart, &root, &labels, 0.0)?;
        Ok(())
    })
}

/// The cumulative-share (Pareto) curve with the 50% and 80% lines.
pub fn cumulative_share_chart(title: &str, curve: &[(f64, f64)]) -> String {
    render(|root| {
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 16).into_font().color(&INK))
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(48)
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
            .draw()?;
        for (level, color) in [(50.0, ORANGE), (80.0, GREEN)] {
            chart
                .draw_series(LineSeries::new([(0.0, level), (100.0, level)], color.stroke_width(1)))?
                .label(format!("{level:.0}% of revenue"))
                .legend(move |(x, y)| PathElement::new([(x, y), (x + 14, y)], color.stroke_width(2)));
        }
        chart
            .draw_series(LineSeries::new(thin_curve(curve, CURVE_POINTS), BLUE.stroke_width(3)))?
            .label("cumulative share")
            .legend(|(x, y)| PathElement::new([(x, y), (x + 14, y)], BLUE.stroke_width(3)));
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerRight)
            .border_style(GRID)
            .background_style(WHITE)
            .label_font(label_style())
            .draw()?;
        Ok(())
    })
}

/// Net by tier: positive bars filled green, negative bars outlined in
/// vermillion below the zero line, each with its amount.
pub fn net_by_tier_chart(title: &str, rows: &[NetRow]) -> String {
    render(|root| {
        let n = rows.len().max(1);
        let hi = rows.iter().map(|r| r.net).max().unwrap_or(0).max(0) as f64 / 100.0;
        let lo = rows.iter().map(|r| r.net).min().unwrap_or(0).min(0) as f64 / 100.0;
        let pad = ((hi - lo) * 0.15).max(1.0);
        let mut chart = category_chart(&root, title, n, (lo - pad)..(hi + pad), 70, "net per year", &|v| format_money_whole((*v * 100.0).round() as i64))?;
        chart.draw_series(LineSeries::new([(0.0, 0.0), (n as f64, 0.0)], INK.stroke_width(1)))?;
        for (i, r) in rows.iter().enumerate() {
            let v = r.net as f64 / 100.0;
            let rect = [(i as f64 + 0.2, 0.0), (i as f64 + 0.8, v)];
            if r.net < 0 {
                chart.draw_series([Rectangle::new(rect, VERMILLION.stroke_width(3))])?;
            } else {
                chart.draw_series([Rectangle::new(rect, GREEN.filled())])?;
            }
            let anchor = if r.net < 0 { plotters::style::text_anchor::VPos::Top } else { plotters::style::text_anchor::VPos::Bottom };
            let style = label_style().pos(plotters::style::text_anchor::Pos::new(plotters::style::text_anchor::HPos::Center, anchor));
            let (px, py) = chart.backend_coord(&(i as f64 + 0.5, v));
            root.draw(&Text::new(format_money_whole(r.net), (px, if r.net < 0 { py + 3 } else { py - 3 }), style))?;
        }
        let labels: Vec<String> = rows.iter().map(|r| r.label.replace(" – ", "–")).collect();
        category_labels(&chart, &root, &labels, lo - pad)?;
        Ok(())
    })
}

/// Cost of one run of each process, as horizontal bars.
pub fn cost_per_process_chart(title: &str, processes: &[(String, f64)]) -> String {
    render(|root| {
        let n = processes.len().max(1);
        let top = processes.iter().map(|(_, c)| *c / 100.0).fold(1.0, f64::max) * 1.2;
        let (left, right) = root.split_horizontally(170);
        let mut chart = ChartBuilder::on(&right)
            .caption(title, ("sans-serif", 16).into_font().color(&INK))
            .margin(12)
            .x_label_area_size(30)
            .build_cartesian_2d(0f64..top, 0f64..n as f64)?;
        chart
            .configure_mesh()
            .max_light_lines(2)
            .disable_y_mesh()
            .y_labels(0)
            .light_line_style(GRID)
            .x_label_formatter(&|v| format_money_whole((*v * 100.0).round() as i64))
            .label_style(label_style())
            .draw()?;
        let style = label_style().pos(plotters::style::text_anchor::Pos::new(
            plotters::style::text_anchor::HPos::Right,
            plotters::style::text_anchor::VPos::Center,
        ));
        let value_style = label_style().pos(plotters::style::text_anchor::Pos::new(
            plotters::style::text_anchor::HPos::Left,
            plotters::style::text_anchor::VPos::Center,
        ));
        for (i, (name, cents)) in processes.iter().enumerate() {
            let y = (n - 1 - i) as f64;
            let v = cents / 100.0;
            chart.draw_series([Rectangle::new([(0.0, y + 0.2), (v, y + 0.8)], BLUE.filled())])?;
            let (px, py) = chart.backend_coord(&(v, y + 0.5));
            // backend_coord is in the whole chart's coordinates: draw on the root.
            root.draw(&Text::new(format_money_whole(cents.round() as i64), (px + 4, py), value_style.clone()))?;
            let (_, ly) = chart.backend_coord(&(0.0, y + 0.5));
            left.draw(&Text::new(name.clone(), (164, ly), style.clone()))?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tier(label: &str, revenue_pct: f64, clients_pct: f64) -> TierRow {
        TierRow { tier: 0, label: label.into(), min: None, max: None, revenue: 0, revenue_pct, clients: 0, clients_pct, average: 0, policies: 0, policies_per_account: 0.0 }
    }

    #[test]
    fn tier_chart_names_every_tier_and_escapes_text() {
        let svg = tier_share_chart("CL <tiers> & more", &[tier("$10,000 and over", 70.0, 10.0), tier("Under $500", 5.0, 40.0)]);
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(svg.contains("$10,000 and over") && svg.contains("Under $500"));
        assert!(svg.contains("CL &lt;tiers&gt; &amp; more"));
        assert!(!svg.contains("<tiers>"));
        assert!(svg.contains("% of revenue") && svg.contains("% of clients"));
    }

    #[test]
    fn negative_net_bars_are_outlined_in_a_different_colour() {
        let rows = [
            NetRow { tier: 0, label: "Top".into(), clients: 1, revenue: 0, cost: 0, net: 500_000, losing: 0 },
            NetRow { tier: 1, label: "Low".into(), clients: 1, revenue: 0, cost: 0, net: -120_000, losing: 1 },
        ];
        let svg = net_by_tier_chart("Net", &rows);
        assert!(svg.contains("-$1,200"), "negative amount is labelled");
        assert!(svg.contains("$5,000"));
        assert!(svg.to_uppercase().contains("#D55E00"), "vermillion outline for losses");
        assert!(svg.to_uppercase().contains("#009E73"), "green fill for gains");
    }

    #[test]
    fn process_values_sit_at_the_end_of_their_bars() {
        // Values that are not also axis ticks.
        let svg = cost_per_process_chart("t", &[("Big".into(), 17_300.0), ("Small".into(), 1_100.0)]);
        // The x of the text holding a value label.
        let x_of = |label: &str| -> f64 {
            let end = svg.find(&format!(">{label}<")).or_else(|| svg.find(&format!(">\n{label}\n<"))).unwrap_or_else(|| panic!("no {label} in {svg}"));
            let start = svg[..end].rfind("<text").unwrap();
            let tag = &svg[start..end];
            let x = tag.split("x=\"").nth(1).unwrap().split('"').next().unwrap();
            x.parse().unwrap()
        };
        let (big, small) = (x_of("$173"), x_of("$11"));
        assert!(big < SIZE.0 as f64 - 30.0, "the largest value stays inside the chart: {big}");
        assert!(small > 170.0 && small < big, "a small bar's value sits left of a large one's: {small} {big}");
    }

    #[test]
    fn curve_and_process_charts_draw() {
        let svg = cumulative_share_chart("Pareto", &[(0.0, 0.0), (50.0, 80.0), (100.0, 100.0)]);
        assert!(svg.contains("50% of revenue") && svg.contains("80% of revenue"));
        let svg = cost_per_process_chart("Cost", &[("Renewal".into(), 15_600.0), ("Claim".into(), 3_900.0)]);
        assert!(svg.contains("Renewal") && svg.contains("$156") && svg.contains("$39"));
    }

    #[test]
    fn empty_inputs_still_draw() {
        assert!(tier_share_chart("x", &[]).starts_with("<svg"));
        assert!(net_by_tier_chart("x", &[]).starts_with("<svg"));
    }
}
#[cfg(test)]
mod csp_tests {
    /// The page's Content-Security-Policy allows no inline style attributes.
    #[test]
    fn charts_use_no_style_attributes() {
        let rows = [super::NetRow { tier: 0, label: "T".into(), clients: 1, revenue: 0, cost: 0, net: -5, losing: 1 }];
        for svg in [
            super::net_by_tier_chart("n", &rows),
            super::cumulative_share_chart("c", &[(0.0, 0.0), (100.0, 100.0)]),
            super::cost_per_process_chart("p", &[("a".into(), 1.0)]),
        ] {
            assert!(!svg.contains("style="), "{}", &svg[..svg.len().min(600)]);
        }
    }
}
