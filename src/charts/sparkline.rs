//! A sparkline: one region's series, small, with a dot on the date shown (for the tooltip).

use super::{ChartResult, ACCENT};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Sparkline size, in pixels.
pub const SIZE: (u32, u32) = (180, 40);

/// Draws `values` (rates, `None` = gap) over 0–100 %, with a dot at index `current`.
pub fn draw<DB: DrawingBackend>(
    root: DrawingArea<DB, Shift>,
    values: &[Option<f64>],
    current: usize,
    dark: bool,
) -> ChartResult {
    #[allow(non_snake_case)]
    let INK = super::ink(dark);
    let n = values.len();
    let x_range = if n < 2 { -0.5..0.5 } else { 0.0..(n - 1) as f64 };
    let mut c =
        ChartBuilder::on(&root).margin(4).build_cartesian_2d(x_range, 0f64..100f64).map_err(|e| e.to_string())?;
    // A faint baseline at 0 % and a top line at 100 % give the scale without labels.
    for y in [0.0, 100.0] {
        c.draw_series(LineSeries::new(vec![(c.x_range().start, y), (c.x_range().end, y)], INK.mix(0.15)))
            .map_err(|e| e.to_string())?;
    }
    let mut run = vec![];
    for (i, v) in values.iter().enumerate() {
        match v {
            Some(r) => run.push((i as f64, *r)),
            None if !run.is_empty() => {
                c.draw_series(LineSeries::new(std::mem::take(&mut run), INK.stroke_width(2)))
                    .map_err(|e| e.to_string())?;
            }
            None => {}
        }
    }
    if !run.is_empty() {
        c.draw_series(LineSeries::new(run, INK.stroke_width(2))).map_err(|e| e.to_string())?;
    }
    if let Some(Some(v)) = values.get(current) {
        c.draw_series(std::iter::once(Circle::new((current as f64, *v), 4, ACCENT.filled())))
            .map_err(|e| e.to_string())?;
    }
    root.present().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::to_svg;

    #[test]
    fn draws_the_series_and_the_current_dot() {
        let values = [Some(10.0), Some(40.0), None, Some(80.0), Some(100.0)];
        let svg = to_svg(SIZE.0, SIZE.1, |root| draw(root, &values, 3, false)).unwrap();
        assert_eq!(svg.matches("<circle").count(), 1);
        assert_eq!(svg.matches("<polyline").count(), 2 + 2, "two guide lines and two runs around the gap");
        let none = to_svg(SIZE.0, SIZE.1, |root| draw(root, &values, 2, false)).unwrap();
        assert_eq!(none.matches("<circle").count(), 0, "no dot on a gap");
    }
}
