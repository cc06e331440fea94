//! The SVG backend with text measured from character widths.
//!
//! plotters lays out captions and axis labels by asking the backend how big
//! a text is. In the browser its font code answers by adding a `<span>` to
//! the page and reading its size, which forces the browser to lay out the
//! whole page for every label: most of the time a chart took to redraw.
//! [`SvgChart`] answers from typical Helvetica/Arial character widths
//! instead, so a chart is laid out the same in native tests and in the
//! browser, and without touching the page. Everything else is passed to
//! plotters' `SVGBackend` unchanged.

use plotters::prelude::SVGBackend;
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind};

/// Width of a character as a share of the font size, for a sans-serif face.
fn char_width(c: char) -> f64 {
    match c {
        'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' => 0.24,
        ' ' | 'f' | 't' | 'r' | 'I' | '(' | ')' | '[' | ']' | '-' | '/' => 0.33,
        'm' | 'w' | 'M' | 'W' | '%' | '@' => 0.86,
        'A'..='Z' | '$' | '&' => 0.67,
        '0'..='9' => 0.56,
        _ => 0.52,
    }
}

/// Estimated (width, height) in pixels of `text` at `size` (plotters' font
/// size, which its SVG output writes as `size / 1.24` px).
pub fn text_size(text: &str, size: f64) -> (u32, u32) {
    let px = size / 1.24;
    let width: f64 = text.chars().map(char_width).sum::<f64>() * px;
    (width.ceil() as u32, (px * 1.2).ceil() as u32)
}

/// plotters' SVG backend with text sizes from [`text_size`].
pub struct SvgChart<'a>(pub SVGBackend<'a>);

impl DrawingBackend for SvgChart<'_> {
    type ErrorType = <SVGBackend<'static> as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.0.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.present()
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.fill_polygon(vert, style)
    }

    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_text(text, style, pos)
    }

    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        Ok(text_size(text, style.size()))
    }

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.blit_bitmap(pos, size, src)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wider_text_measures_wider_and_sizes_scale() {
        let (w1, h1) = text_size("$1,000", 12.0);
        let (w2, _) = text_size("$1,000,000", 12.0);
        let (w3, h3) = text_size("$1,000", 24.0);
        assert!(w2 > w1);
        assert!(w3 >= 2 * w1 - 1 && h3 > h1);
        assert!(text_size("WWW", 12.0).0 > text_size("iii", 12.0).0);
        assert_eq!(text_size("", 12.0).0, 0);
    }
}
