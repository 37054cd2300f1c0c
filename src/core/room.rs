//! Room on the map for overlaid controls: which corner of the map's box a small box (the zoom
//! buttons) can take without covering any region.
//!
//! A narrow map fills its box from side to side, so a fixed corner covers a region and takes its
//! taps (the zoom buttons once sat on 铜仁 on phones). Guizhou's outline leaves corners empty, a
//! loaded map may not: [`free_corner`] looks, for one size, at the shapes themselves. It runs
//! with the path strings (once per size), never on a date change.

use crate::core::projection::Fit;
use crate::core::shape::{contains, Shapes};

/// A corner of the map's box.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Corner {
    /// Top right (where the zoom buttons sit when there is room).
    TopRight,
    /// Top left.
    TopLeft,
    /// Bottom right.
    BottomRight,
    /// Bottom left.
    BottomLeft,
}

impl Corner {
    /// Every corner, in the order they are tried: top before bottom (the buttons are found where
    /// map controls usually are), right before left.
    pub const ALL: [Corner; 4] = [Corner::TopRight, Corner::TopLeft, Corner::BottomRight, Corner::BottomLeft];

    /// CSS declarations putting an absolutely positioned box `inset` pixels in from this corner.
    pub fn css(self, inset: f64) -> String {
        let (v, h) = match self {
            Corner::TopRight => ("top", "right"),
            Corner::TopLeft => ("top", "left"),
            Corner::BottomRight => ("bottom", "right"),
            Corner::BottomLeft => ("bottom", "left"),
        };
        format!("{v}:{inset}px;{h}:{inset}px")
    }
}

/// Where a strip of buttons goes: a column or a row in a free corner of the map; or, when only the
/// first button has room, that one in a corner with the others beside it only while they are of
/// use (the zoom-out and reset buttons on a zoomed map, where nothing is left uncovered anyway);
/// or a row under the map.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// Stacked, in this corner.
    Column(Corner),
    /// Side by side, in this corner.
    Row(Corner),
    /// The first button in this corner; the others below it (above it, in a bottom corner) only
    /// while they are of use.
    Collapsed(Corner),
    /// Side by side, under the map (outside its box).
    Under,
}

impl Placement {
    /// Where `count` square buttons of `size` pixels, `gap` apart, go on a map of
    /// `(width, height, padding)`: a column in the first free corner, else a row in the first free
    /// corner, else the first button alone in the first corner with room for it, else under the
    /// map. The buttons sit `inset` pixels in from the edges and keep `inset` pixels from every
    /// shape.
    pub fn of_buttons(
        shapes: &Shapes,
        map: (f64, f64, f64),
        count: usize,
        size: f64,
        gap: f64,
        inset: f64,
    ) -> Placement {
        let long = count as f64 * size + count.saturating_sub(1) as f64 * gap;
        free_corner(shapes, map, (size, long), inset, inset)
            .map(Placement::Column)
            .or_else(|| free_corner(shapes, map, (long, size), inset, inset).map(Placement::Row))
            .or_else(|| free_corner(shapes, map, (size, size), inset, inset).map(Placement::Collapsed))
            .unwrap_or(Placement::Under)
    }
}

/// An axis-aligned box in pixels (y down).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Rect {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

/// The first corner in [`Corner::ALL`] order where a `w × h` pixel box, set `inset` pixels in
/// from the edges of the `width × height` map (fitted with `padding`, as [`Shapes::paths`]
/// draws it), keeps at least `clearance` pixels from every region and the outline. `None` when
/// no corner has room (the caller then puts the box outside the map).
///
/// A box touches the map when an edge of a ring passes through it (clearance included), or when
/// it lies wholly inside a ring (its centre inside a polygon).
pub fn free_corner(
    shapes: &Shapes,
    (width, height, padding): (f64, f64, f64),
    (w, h): (f64, f64),
    inset: f64,
    clearance: f64,
) -> Option<Corner> {
    if w + 2.0 * inset > width || h + 2.0 * inset > height {
        return None;
    }
    let fit = Fit::new(&shapes.bounds, width, height, padding);
    Corner::ALL.into_iter().find(|&corner| {
        let (x0, y0) = match corner {
            Corner::TopRight => (width - inset - w, inset),
            Corner::TopLeft => (inset, inset),
            Corner::BottomRight => (width - inset - w, height - inset - h),
            Corner::BottomLeft => (inset, height - inset - h),
        };
        let px = Rect { x0: x0 - clearance, y0: y0 - clearance, x1: x0 + w + clearance, y1: y0 + h + clearance };
        // Into raw coordinates (y up) once, rather than every vertex into pixels.
        let raw = |x: f64, y: f64| [(x - fit.tx) / fit.scale, (fit.ty - y) / fit.scale];
        let ([ax, ay], [bx, by]) = (raw(px.x0, px.y0), raw(px.x1, px.y1));
        let r = Rect { x0: ax.min(bx), y0: ay.min(by), x1: ax.max(bx), y1: ay.max(by) };
        let centre = [(r.x0 + r.x1) / 2.0, (r.y0 + r.y1) / 2.0];
        let polygons = shapes.regions.iter().flat_map(|s| &s.polygons).chain(&shapes.outline);
        polygons.clone().flatten().all(|ring| ring.windows(2).all(|e| !segment_meets(e[0], e[1], &r)))
            && polygons.clone().all(|p| !contains(p, centre))
    })
}

/// Whether the segment `a`–`b` meets the box `r` (Liang–Barsky clipping).
fn segment_meets(a: [f64; 2], b: [f64; 2], r: &Rect) -> bool {
    // Most edges are far away: a box test first.
    if a[0].max(b[0]) < r.x0 || a[0].min(b[0]) > r.x1 || a[1].max(b[1]) < r.y0 || a[1].min(b[1]) > r.y1 {
        return false;
    }
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [(-dx, a[0] - r.x0), (dx, r.x1 - a[0]), (-dy, a[1] - r.y0), (dy, r.y1 - a[1])] {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
            if t0 > t1 {
                return false;
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::geo::Region;
    use crate::core::projection::Albers;

    fn guizhou() -> Shapes {
        crate::core::bundle::Bundle::embedded().shapes
    }

    /// A map of one square region filling its box.
    fn square() -> Shapes {
        let ring = vec![[106.0, 26.0], [107.0, 26.0], [107.0, 27.0], [106.0, 27.0], [106.0, 26.0]];
        let region = Region { code: "1".into(), name: Default::default(), polygons: vec![vec![ring]] };
        Shapes::new(&Albers::guizhou(), &[region], &[])
    }

    #[test]
    fn segments_meet_a_box_when_they_cross_or_enter_it() {
        let r = Rect { x0: 0.0, y0: 0.0, x1: 10.0, y1: 10.0 };
        assert!(segment_meets([-5.0, 5.0], [15.0, 5.0], &r), "straight through");
        assert!(segment_meets([5.0, 5.0], [6.0, 6.0], &r), "wholly inside");
        assert!(segment_meets([-1.0, 5.0], [1.0, 5.0], &r), "one end inside");
        assert!(!segment_meets([-5.0, 5.0], [-1.0, 5.0], &r), "short of it");
        assert!(!segment_meets([8.0, -5.0], [15.0, 2.0], &r), "past the corner, inside the bounding box test");
        assert!(segment_meets([5.0, -5.0], [15.0, 5.0], &r), "clips the corner");
        assert!(!segment_meets([11.0, -5.0], [11.0, 15.0], &r), "vertical, beside it");
    }

    #[test]
    fn a_desktop_map_has_room_at_the_top_right() {
        // 1280 × 800 desktop: the map is 740 × 530, wider than Guizhou; the column of buttons fits
        // in the top right as it always has.
        assert_eq!(free_corner(&guizhou(), (740.0, 530.0, 6.0), (44.0, 140.0), 4.0, 4.0), Some(Corner::TopRight));
    }

    #[test]
    fn a_map_filling_its_box_has_no_room() {
        let s = square();
        let aspect = s.aspect();
        assert_eq!(free_corner(&s, (300.0, 300.0 * aspect, 0.0), (40.0, 40.0), 4.0, 4.0), None);
        // With padding wider than the box, every corner is free; the top right is chosen.
        assert_eq!(free_corner(&s, (300.0, 300.0 * aspect, 60.0), (40.0, 40.0), 4.0, 4.0), Some(Corner::TopRight));
    }

    #[test]
    fn a_box_wholly_inside_a_region_is_not_free() {
        // The square fills the map; a 10 px box 20 px in from a corner crosses no edge of it but
        // lies inside it.
        let s = square();
        let aspect = s.aspect();
        assert_eq!(free_corner(&s, (300.0, 300.0 * aspect, 0.0), (10.0, 10.0), 20.0, 0.0), None);
    }

    #[test]
    fn a_box_larger_than_the_map_is_refused() {
        let s = square();
        assert_eq!(free_corner(&s, (100.0, 100.0, 60.0), (200.0, 20.0), 4.0, 0.0), None);
    }

    #[test]
    fn buttons_go_in_a_column_a_row_or_under_the_map() {
        let g = guizhou();
        // A map as tall as its shape (a phone, a narrow column).
        let on = |w: f64| {
            let map = (w, (w - 12.0) * g.aspect() + 12.0, 6.0);
            Placement::of_buttons(&g, map, 3, 44.0, 4.0, 4.0)
        };
        let desktop = Placement::of_buttons(&g, (740.0, 530.0, 6.0), 3, 44.0, 4.0, 4.0);
        assert_eq!(
            desktop,
            Placement::Column(Corner::TopRight),
            "a desktop's map, bounded by the window's height: as always"
        );
        assert_eq!(on(500.0), Placement::Column(Corner::TopLeft), "a narrow column: the empty north-west");
        // A phone: no corner has room for three 44 px buttons; one fits the empty north-west.
        assert_eq!(on(358.0), Placement::Collapsed(Corner::TopLeft));
        assert_eq!(on(288.0), Placement::Collapsed(Corner::TopLeft), "a 320 px phone");
        let s = square();
        let full = (300.0, 300.0 * s.aspect(), 0.0);
        assert_eq!(Placement::of_buttons(&s, full, 3, 44.0, 4.0, 4.0), Placement::Under, "a map filling its box");
    }

    #[test]
    fn corners_write_their_css() {
        assert_eq!(Corner::TopLeft.css(4.0), "top:4px;left:4px");
        assert_eq!(Corner::BottomRight.css(4.0), "bottom:4px;right:4px");
    }
}
