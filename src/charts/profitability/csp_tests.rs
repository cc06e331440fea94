/// The page's Content-Security-Policy allows no inline style attributes.
#[test]
fn charts_use_no_style_attributes() {
    let rows = [super::NetRow { tier: 0, label: "T".into(), clients: 1, revenue: 0, cost: 0, net: -5, losing: 1 }];
    for svg in [
        super::net_by_tier_chart("n", &rows),
        super::cumulative_share_chart("c", &[(0.0, 0.0), (100.0, 100.0)]),
        super::process_minutes_chart("p", &["a".into()], &[("CL".into(), vec![1.0])]),
        super::tier_share_compact_chart("t", &[]),
    ] {
        assert!(!svg.contains("style="), "{}", &svg[..svg.len().min(600)]);
    }
}
