//! Charts as SVG text, drawn with plotters from domain summaries. Pure: no
//! DOM; the page inserts the SVG. plotters escapes every text it writes.
//!
//! Colours are from the Okabe–Ito palette, which stays distinguishable for
//! the common forms of colour blindness; negative values are also drawn
//! with a different pattern (outlined, not filled) so they differ without colour.

mod backend;
mod profitability;

pub use profitability::{
    cumulative_share_chart, net_by_tier_chart, process_minutes_chart, tier_share_chart, tier_share_compact_chart,
};

use plotters::style::RGBColor;

pub(crate) const BLUE: RGBColor = RGBColor(0, 114, 178);
pub(crate) const ORANGE: RGBColor = RGBColor(230, 159, 0);
pub(crate) const VERMILLION: RGBColor = RGBColor(213, 94, 0);
pub(crate) const GREEN: RGBColor = RGBColor(0, 158, 115);
pub(crate) const INK: RGBColor = RGBColor(27, 36, 48);
pub(crate) const GRID: RGBColor = RGBColor(213, 218, 225);

/// Width and height of the charts, in SVG user units (they scale with CSS).
pub const SIZE: (u32, u32) = (720, 340);
/// Size of a chart for a narrow dashboard tile.
pub const COMPACT_SIZE: (u32, u32) = (360, 330);
