use super::*;

fn tier(label: &str, revenue_pct: f64, clients_pct: f64) -> TierRow {
    TierRow {
        tier: 0,
        label: label.into(),
        min: None,
        max: None,
        revenue: 0,
        revenue_pct,
        clients: 0,
        clients_pct,
        average: 0,
        policies: 0,
        policies_per_account: 0.0,
    }
}

#[test]
fn tier_chart_names_every_tier_and_escapes_text() {
    let svg =
        tier_share_chart("CL <tiers> & more", &[tier("$10,000 and over", 70.0, 10.0), tier("Under $500", 5.0, 40.0)]);
    assert!(svg.starts_with("<svg"), "{svg}");
    assert!(svg.contains("$10,000+") && svg.contains("Under $500"), "tier labels, shortened to fit under their bars");
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

/// Every `font-size` the SVG writes, in SVG units.
fn font_sizes(svg: &str) -> Vec<f64> {
    svg.split("font-size=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().trim_end_matches("px").parse().unwrap())
        .collect()
}

/// (y, height) of every filled or outlined rectangle but the background.
fn rects(svg: &str) -> Vec<(f64, f64)> {
    svg.split("<rect")
        .skip(2)
        .map(|r| {
            let attr = |name: &str| {
                r.split(&format!(" {name}=\"")).nth(1).unwrap().split('"').next().unwrap().parse::<f64>().unwrap()
            };
            (attr("y"), attr("height"))
        })
        .collect()
}

#[test]
fn text_is_large_enough_to_read() {
    let rows = [tier("$10,000 and over", 70.0, 10.0), tier("Under $500", 5.0, 40.0)];
    let net = [NetRow { tier: 0, label: "Top".into(), clients: 1, revenue: 0, cost: 0, net: 500_000, losing: 0 }];
    for svg in [
        tier_share_chart("t", &rows),
        tier_share_compact_chart("t", &rows),
        net_by_tier_chart("n", &net),
        cumulative_share_chart("c", &[(0.0, 0.0), (100.0, 100.0)]),
        process_minutes_chart("p", &["Renewal".into()], &[("CL".into(), vec![240.0])]),
    ] {
        let sizes = font_sizes(&svg);
        assert!(!sizes.is_empty());
        // Shown at their own width or wider on the page (see the e2e check), 12.5 units stay above 12 px.
        assert!(sizes.iter().all(|s| *s >= 12.5), "{sizes:?}");
    }
}

#[test]
fn legends_sit_above_the_plot() {
    // The lowest tier's bars are tallest: where a legend inside the plot used to sit.
    let rows = [tier("$10,000 and over", 5.0, 2.0), tier("Under $500", 60.0, 90.0)];
    let svg = tier_share_chart("PL", &rows);
    let all = rects(&svg);
    // The legend swatches are the first two rectangles, both in the band above the plot.
    let band = (TITLE_BAND + LEGEND_BAND) as f64;
    assert!(all[..2].iter().all(|(y, h)| y + h <= band), "{all:?}");
    // Every bar starts below the band.
    assert!(all[2..].iter().all(|(y, _)| *y >= band), "{all:?}");
    assert!(svg.contains("% of revenue") && svg.contains("% of clients"));
}

#[test]
fn process_chart_has_a_bar_per_department_and_process() {
    let processes = ["Renewal".to_string(), "Claim".to_string()];
    let series = [("CL".to_string(), vec![240.0, 60.0]), ("PL".to_string(), vec![40.0, 30.0])];
    let svg = process_minutes_chart("Minutes", &processes, &series);
    assert!(svg.contains("Renewal") && svg.contains("Claim") && svg.contains(">CL<") || svg.contains("CL"));
    // Two legend swatches, then 2 × 2 bars.
    assert_eq!(rects(&svg).len(), 2 + 4, "{svg}");
    // The longest bar (CL renewal, 240) is six times the PL renewal one (40).
    let widths: Vec<f64> = svg
        .split("<rect")
        .skip(4)
        .map(|r| r.split(" width=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap())
        .collect();
    let (cl, pl) = (widths[0], widths[1]);
    assert!((cl / pl - 6.0).abs() < 0.2, "{widths:?}");
}

#[test]
fn empty_inputs_still_draw() {
    assert!(tier_share_chart("x", &[]).starts_with("<svg"));
    assert!(tier_share_compact_chart("x", &[]).starts_with("<svg"));
    assert!(process_minutes_chart("x", &[], &[]).starts_with("<svg"));
    assert!(net_by_tier_chart("x", &[]).starts_with("<svg"));
}
