//! The charts' geometry. The time chart and the sparkline are drawn with `plotters`, generic over
//! its `DrawingBackend`: the same functions draw into an SVG string in native tests and in the
//! browser (where the string becomes the chart's markup). The ranking, which changes at every
//! date, is laid out as plain numbers and strings instead, for the view to keep as SVG elements.
//!
//! This module owns the charts' geometry and drawing; it knows the core's types but nothing of Yew
//! or the DOM. Every chart has a fixed [`Frame`] (margins and label areas), so the view can invert
//! pixel positions back to dates and bars for clicks without asking the drawing backend.
//!
//! - [`time`]: rate over time, one line per region, the province total, event marks, and a separate
//!   cursor layer (drawn once per size; the view moves it to the date), so a date change redraws
//!   nothing of this chart;
//! - [`ranking`]: horizontal bars for one date (or the change between two dates), sorted, placed
//!   by [`ranking::layout`];
//! - [`sparkline`]: a region's series in the tooltip.

pub mod ranking;
pub mod sparkline;
pub mod time;

use plotters::prelude::*;

/// Fixed margins of a chart, in pixels: the plot area is what is left inside them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    /// Total width.
    pub width: u32,
    /// Total height.
    pub height: u32,
    /// Space left of the plot area (the value axis labels live here).
    pub left: u32,
    /// Space right of the plot area.
    pub right: u32,
    /// Space above the plot area.
    pub top: u32,
    /// Space below the plot area (the date axis labels live here).
    pub bottom: u32,
}

impl Frame {
    /// Plot area left edge, in pixels.
    pub fn x0(&self) -> f64 {
        self.left as f64
    }

    /// Plot area right edge, in pixels.
    pub fn x1(&self) -> f64 {
        (self.width.saturating_sub(self.right)) as f64
    }

    /// Plot area top edge, in pixels.
    pub fn y0(&self) -> f64 {
        self.top as f64
    }

    /// Plot area bottom edge, in pixels.
    pub fn y1(&self) -> f64 {
        (self.height.saturating_sub(self.bottom)) as f64
    }
}

/// A `plotters` error from any backend, as text (drawing into a string cannot really fail; the
/// view shows the message in place of the chart if it ever does).
pub type ChartResult = Result<(), String>;

/// Runs `draw` on an SVG backend of `width × height` and returns the SVG text.
pub fn to_svg(
    width: u32,
    height: u32,
    draw: impl FnOnce(DrawingArea<SVGBackend<'_>, plotters::coord::Shift>) -> ChartResult,
) -> Result<String, String> {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (width.max(1), height.max(1))).into_drawing_area();
        draw(root)?;
    }
    Ok(out)
}

/// Converts a core colour into a plotters colour.
pub fn rgb(c: crate::core::scale::Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

/// Text colour of the charts on a light page (the page's ink).
pub const INK: RGBColor = RGBColor(0x1a, 0x1a, 0x1a);
/// Text colour of the charts on a dark page.
pub const INK_DARK: RGBColor = RGBColor(0xec, 0xef, 0xf1);

/// The ink for a light or dark page.
pub fn ink(dark: bool) -> RGBColor {
    if dark {
        INK_DARK
    } else {
        INK
    }
}
/// Grid lines and muted series.
pub const MUTED: RGBColor = RGBColor(0xbd, 0xbd, 0xbd);
/// The highlight colour for the selected region (not on the map's scale, so it stands out).
pub const ACCENT: RGBColor = RGBColor(0xd3, 0x54, 0x00);
/// Font family of chart text (the browser falls back to a CJK font for Chinese). The enum, not
/// the string `"sans-serif"`: plotters lower-cases a family given as a string, and that one call
/// brought Unicode's case tables (about 4 kB gzip) into the wasm.
pub const FONT: FontFamily<'static> = FontFamily::SansSerif;
/// Font size for labels. plotters writes `size / 1.24` px into SVG, so 16 gives ~13 px.
pub const LABEL: f64 = 16.0;
/// Font size for tick labels (~11 px).
pub const TICK: f64 = 14.0;

/// How a text label appears in plotters' SVG output (for tests).
#[cfg(test)]
pub(crate) fn svg_text(label: &str) -> String {
    format!(">\n{label}\n<")
}
