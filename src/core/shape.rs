//! Projected shapes: regions projected once, SVG path strings made once per size, label anchors.
//!
//! [`Shapes::new`] projects every region (and the outline) with [`Albers`] once, when the
//! boundaries are loaded, and finds where each region's name goes. [`Shapes::paths`] turns the raw
//! rings into SVG `d` strings for one [`Fit`] — the only work a resize does. A date change does
//! none of this: it only changes fills.

use crate::core::geo::Region;
use crate::core::projection::{Albers, Bounds, Fit};

/// Rings in raw projected coordinates.
type RawPolygon = Vec<Vec<[f64; 2]>>;

/// A region in raw projected coordinates.
#[derive(Clone, Debug, PartialEq)]
pub struct Shape {
    /// The region key.
    pub code: String,
    /// Polygons: exterior ring first, then holes.
    pub polygons: Vec<RawPolygon>,
    /// Where the label goes (raw coordinates): the point inside the largest polygon farthest from
    /// its edges, so the name never sits outside a crescent-shaped prefecture. NaN when the map has
    /// too many regions to label ([`Shapes::MAX_LABELLED`]).
    pub label: [f64; 2],
    /// How far the label point is from the nearest edge of its polygon (raw units): the radius of
    /// a disc around it inside the region, within which a label may move. NaN with no label.
    pub room: f64,
}

/// All regions of a map, projected.
#[derive(Clone, Debug, PartialEq)]
pub struct Shapes {
    /// One per region, in the boundary file's order.
    pub regions: Vec<Shape>,
    /// The outer outline (e.g. the province), if one was given.
    pub outline: Vec<RawPolygon>,
    /// Bounds of everything.
    pub bounds: Bounds,
}

/// Path strings and label positions for one size.
#[derive(Clone, Debug, PartialEq)]
pub struct SizedPaths {
    /// Width in pixels.
    pub width: f64,
    /// Height in pixels.
    pub height: f64,
    /// `d` attribute per region, same order as [`Shapes::regions`].
    pub regions: Vec<String>,
    /// Label anchor per region, in pixels.
    pub labels: Vec<[f64; 2]>,
    /// Per region, the room round its label anchor inside the region, in pixels ([`Shape::room`]).
    pub rooms: Vec<f64>,
    /// `d` attribute of the outline.
    pub outline: String,
}

fn project_polygons(p: &Albers, polys: &[Vec<Vec<[f64; 2]>>], bounds: &mut Bounds) -> Vec<RawPolygon> {
    polys
        .iter()
        .map(|poly| {
            poly.iter()
                .map(|ring| {
                    ring.iter()
                        .map(|&q| {
                            let xy = p.project(q);
                            bounds.extend(xy);
                            xy
                        })
                        .collect()
                })
                .collect()
        })
        .collect()
}

/// Signed area of a ring (shoelace).
fn ring_area(r: &[[f64; 2]]) -> f64 {
    r.windows(2).map(|w| w[0][0] * w[1][1] - w[1][0] * w[0][1]).sum::<f64>() / 2.0
}

/// Even-odd point-in-polygon over all rings (holes included).
pub(crate) fn contains(poly: &RawPolygon, p: [f64; 2]) -> bool {
    let mut inside = false;
    for ring in poly {
        for w in ring.windows(2) {
            let (a, b) = (w[0], w[1]);
            if (a[1] > p[1]) != (b[1] > p[1]) && p[0] < (b[0] - a[0]) * (p[1] - a[1]) / (b[1] - a[1]) + a[0] {
                inside = !inside;
            }
        }
    }
    inside
}

/// Squared distance from `p` to the nearest edge of `poly`, or some value `<= floor` as soon as
/// an edge that close is found (the label search only needs to know that a point cannot beat its
/// best so far, and most points are ruled out after a few edges).
fn edge_distance2(poly: &RawPolygon, p: [f64; 2], floor: f64) -> f64 {
    let mut best = f64::INFINITY;
    for ring in poly {
        for w in ring.windows(2) {
            let (a, b) = (w[0], w[1]);
            let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
            let len2 = dx * dx + dy * dy;
            let t = if len2 > 0.0 { (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2).clamp(0.0, 1.0) } else { 0.0 };
            let (ex, ey) = (a[0] + t * dx - p[0], a[1] + t * dy - p[1]);
            best = best.min(ex * ex + ey * ey);
            if best <= floor {
                return best;
            }
        }
    }
    best
}

/// Vertices per ring kept for the label search (see [`thinned`]).
const LABEL_SEARCH_VERTICES: usize = 128;

/// `poly` with each ring thinned to at most about `max` vertices by keeping every k-th one (and
/// closing it again). The label search runs on this: a label needs a point well inside the
/// region, not the boundary's every bend, and the search costs vertices × samples.
fn thinned(poly: &RawPolygon, max: usize) -> RawPolygon {
    poly.iter()
        .map(|ring| {
            if ring.len() <= max {
                return ring.clone();
            }
            let step = ring.len().div_ceil(max);
            let mut r: Vec<[f64; 2]> = ring.iter().step_by(step).copied().collect();
            r.push(r[0]);
            r
        })
        .collect()
}

/// An approximate pole of inaccessibility: a grid search over the polygon's box, refined twice
/// around the best cell, on the polygon thinned to [`LABEL_SEARCH_VERTICES`] per ring. Precise to
/// about 1/16³ of the box, plenty for placing a label. If the thinned polygon's best point falls
/// outside the real one (a sliver the thinning cut across), the search runs again on the real one.
fn label_point(poly: &RawPolygon) -> [f64; 2] {
    let thin = thinned(poly, LABEL_SEARCH_VERTICES);
    let p = search_label(&thin);
    if thin.len() == poly.len() && thin.iter().zip(poly).all(|(a, b)| a.len() == b.len()) || contains(poly, p) {
        p
    } else {
        search_label(poly)
    }
}

/// The grid search of [`label_point`].
fn search_label(poly: &RawPolygon) -> [f64; 2] {
    let mut b = Bounds::empty();
    for p in poly.first().into_iter().flatten() {
        b.extend(*p);
    }
    if b.is_empty() {
        return [0.0, 0.0];
    }
    let mut best = [(b.min_x + b.max_x) / 2.0, (b.min_y + b.max_y) / 2.0];
    let mut best_d = if contains(poly, best) { edge_distance2(poly, best, -1.0) } else { -1.0 };
    let (mut cx, mut cy, mut w, mut h) = (best[0], best[1], b.width(), b.height());
    const N: usize = 16;
    for _ in 0..3 {
        for i in 0..N {
            for j in 0..N {
                let p =
                    [cx - w / 2.0 + w * (i as f64 + 0.5) / N as f64, cy - h / 2.0 + h * (j as f64 + 0.5) / N as f64];
                if contains(poly, p) {
                    let d = edge_distance2(poly, p, best_d);
                    if d > best_d {
                        best_d = d;
                        best = p;
                    }
                }
            }
        }
        (cx, cy) = (best[0], best[1]);
        w *= 2.0 / N as f64;
        h *= 2.0 / N as f64;
    }
    best
}

/// Appends a ring as `Mx yldx dy dx dy …Z`: the first point absolute, the others as relative
/// line-tos, with 0.1 px precision, skipping points that round onto the previous.
///
/// Every point is rounded to whole tenths *before* the differences are taken, so a reader adding
/// the differences up lands exactly on the rounded absolute points: no drift along a ring, and two
/// regions' shared border still meets point for point. Relative steps are short numbers, so a path
/// is about 40 % shorter than with absolute points (and half the bytes after gzip) — the
/// no-JavaScript page carries every path of the map in its HTML.
fn push_ring(d: &mut String, ring: &[[f64; 2]], fit: &Fit) {
    let mut last: Option<(i64, i64)> = None;
    // What precedes the next number: `None` a command letter, `Some(dotted)` a number.
    let mut prev: Option<bool> = None;
    let mut relative = false;
    // GeoJSON rings repeat the first point at the end; `Z` closes the path instead.
    let n = if ring.len() > 1 && ring.first() == ring.last() { ring.len() - 1 } else { ring.len() };
    for &p in &ring[..n] {
        let [x, y] = fit.apply(p);
        let q = ((x * 10.0).round() as i64, (y * 10.0).round() as i64);
        let (vx, vy) = match last {
            Some(l) if l == q => continue,
            Some(l) => {
                if !relative {
                    d.push('l');
                    prev = None;
                    relative = true;
                }
                (q.0.wrapping_sub(l.0), q.1.wrapping_sub(l.1))
            }
            None => {
                d.push('M');
                q
            }
        };
        let dot = push_tenths(d, vx, prev);
        prev = Some(push_tenths(d, vy, Some(dot)));
        last = Some(q);
    }
    if last.is_some() {
        d.push('Z');
    }
}

/// Appends an integer count of tenths as the shortest SVG path number (`123` → `12.3`, `120` →
/// `12`, `5` → `.5`, `-5` → `-.5`) and returns whether it wrote a decimal point.
///
/// `prev` says what precedes it: `None` a command letter (no separator needed), `Some(dotted)` a
/// number, which had a decimal point if `dotted`. A separating space is written only where the
/// path grammar needs one: not before `-`, and not before `.` when the previous number already has
/// its decimal point (`2.9.3` reads as `2.9`, `.3`). Digit by digit rather than through
/// `std::fmt`: a map's paths hold thousands of coordinates, made again at every size, and `fmt`
/// was most of that time.
fn push_tenths(d: &mut String, tenths: i64, prev: Option<bool>) -> bool {
    let v = tenths.unsigned_abs();
    let (mut whole, frac) = (v / 10, (v % 10) as u8);
    let starts_with_dot = whole == 0 && frac != 0;
    match prev {
        Some(_) if tenths < 0 => {}
        Some(true) if starts_with_dot => {}
        Some(_) => d.push(' '),
        None => {}
    }
    if tenths < 0 {
        d.push('-');
    }
    if !starts_with_dot {
        let mut digits = [0u8; 20];
        let mut k = digits.len();
        loop {
            k -= 1;
            digits[k] = b'0' + (whole % 10) as u8;
            whole /= 10;
            if whole == 0 {
                break;
            }
        }
        d.extend(digits[k..].iter().map(|&b| b as char));
    }
    if frac != 0 {
        d.push('.');
        d.push((b'0' + frac) as char);
    }
    frac != 0
}

fn polygons_d(polys: &[RawPolygon], fit: &Fit) -> String {
    let mut d = String::new();
    for poly in polys {
        for ring in poly {
            push_ring(&mut d, ring, fit);
        }
    }
    d
}

impl Shapes {
    /// Regions above which labels are not placed (nor drawn): a map of hundreds of regions is read
    /// through its tooltip, and placing hundreds of labels would only cost time.
    pub const MAX_LABELLED: usize = 40;

    /// Projects `regions` and the optional `outline` (e.g. the province) with `projection`.
    pub fn new(projection: &Albers, regions: &[Region], outline: &[Region]) -> Shapes {
        let labelled = regions.len() <= Self::MAX_LABELLED;
        let mut bounds = Bounds::empty();
        let regions = regions
            .iter()
            .map(|r| {
                let polygons = project_polygons(projection, &r.polygons, &mut bounds);
                let largest = polygons
                    .iter()
                    .max_by(|a, b| {
                        let area = |p: &RawPolygon| p.first().map(|r| ring_area(r).abs()).unwrap_or(0.0);
                        area(a).total_cmp(&area(b))
                    })
                    .cloned()
                    .unwrap_or_default();
                let label = if labelled { label_point(&largest) } else { [f64::NAN, f64::NAN] };
                let room = if labelled { edge_distance2(&largest, label, -1.0).max(0.0).sqrt() } else { f64::NAN };
                Shape { code: r.code.clone(), label, room, polygons }
            })
            .collect();
        let outline = outline.iter().flat_map(|r| project_polygons(projection, &r.polygons, &mut bounds)).collect();
        Shapes { regions, outline, bounds }
    }

    /// Height ÷ width of the projected shape (what a container of a given width should be tall).
    pub fn aspect(&self) -> f64 {
        if self.bounds.is_empty() || self.bounds.width() <= 0.0 {
            1.0
        } else {
            self.bounds.height() / self.bounds.width()
        }
    }

    /// SVG paths and label positions fitted into `width × height` with `padding`.
    pub fn paths(&self, width: f64, height: f64, padding: f64) -> SizedPaths {
        let fit = Fit::new(&self.bounds, width, height, padding);
        SizedPaths {
            width,
            height,
            regions: self.regions.iter().map(|s| polygons_d(&s.polygons, &fit)).collect(),
            labels: self.regions.iter().map(|s| fit.apply(s.label)).collect(),
            rooms: self.regions.iter().map(|s| s.room * fit.scale).collect(),
            outline: polygons_d(&self.outline, &fit),
        }
    }

    /// `true` when the regions carry labels.
    pub fn labelled(&self) -> bool {
        self.regions.iter().all(|r| r.label[0].is_finite())
    }

    /// Index of the region `code`.
    pub fn index_of(&self, code: &str) -> Option<usize> {
        self.regions.iter().position(|s| s.code == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::geo::parse_regions;

    fn guizhou() -> Shapes {
        let regions = parse_regions(include_str!("../../static/geo/guizhou-prefectures.geojson"), "adcode").unwrap();
        let outline = parse_regions(include_str!("../../static/geo/guizhou-province.geojson"), "adcode").unwrap();
        Shapes::new(&Albers::guizhou(), &regions, &outline)
    }

    /// Reads a path made by [`push_ring`] back into absolute rings of tenths, by the SVG path
    /// grammar: a number ends where a `-`, a second `.`, a space or a letter begins.
    fn decode(d: &str) -> Vec<Vec<(i64, i64)>> {
        let mut tokens: Vec<String> = Vec::new();
        let mut cur = String::new();
        let flush = |cur: &mut String, tokens: &mut Vec<String>| {
            if !cur.is_empty() {
                tokens.push(std::mem::take(cur));
            }
        };
        for c in d.chars() {
            match c {
                'M' | 'l' | 'Z' | ' ' => {
                    flush(&mut cur, &mut tokens);
                    if c != ' ' {
                        tokens.push(c.to_string());
                    }
                }
                '-' => {
                    flush(&mut cur, &mut tokens);
                    cur.push(c);
                }
                '.' if cur.contains('.') => {
                    flush(&mut cur, &mut tokens);
                    cur.push(c);
                }
                '0'..='9' | '.' => cur.push(c),
                other => panic!("unexpected {other:?} in {d}"),
            }
        }
        flush(&mut cur, &mut tokens);
        let tenths = |t: &str| (t.parse::<f64>().unwrap_or_else(|_| panic!("bad number {t:?}")) * 10.0).round() as i64;
        let (mut rings, mut relative, mut nums) = (Vec::new(), false, Vec::new());
        let mut ring: Vec<(i64, i64)> = Vec::new();
        for t in tokens {
            match t.as_str() {
                "M" => relative = false,
                "l" => relative = true,
                "Z" => rings.push(std::mem::take(&mut ring)),
                n => {
                    nums.push(tenths(n));
                    if let [x, y] = nums[..] {
                        let base = if relative { *ring.last().unwrap() } else { (0, 0) };
                        ring.push((base.0 + x, base.1 + y));
                        nums.clear();
                    }
                }
            }
        }
        assert!(ring.is_empty() && nums.is_empty(), "unterminated ring in {d}");
        rings
    }

    #[test]
    fn paths_fit_the_box() {
        let s = guizhou();
        let p = s.paths(600.0, 600.0 * s.aspect(), 8.0);
        assert_eq!(p.regions.len(), 9);
        for d in p.regions.iter().chain([&p.outline]) {
            assert!(d.starts_with('M') && d.ends_with('Z'));
            for (x, y) in decode(d).into_iter().flatten() {
                assert!((0..=6000).contains(&x) && (0..=6000).contains(&y), "{x} {y} (tenths) outside the box");
            }
        }
        // Guizhou is a little wider than tall in this projection.
        assert!((0.7..1.0).contains(&s.aspect()), "{}", s.aspect());
    }

    #[test]
    fn relative_steps_add_up_to_the_rounded_points_exactly() {
        // The shared borders of neighbouring regions must meet point for point (the map tiles
        // exactly): summing the relative steps must give each point rounded on its own, not a
        // running sum of rounded differences that drifts.
        let s = guizhou();
        let (w, h) = (733.0, 733.0 * s.aspect());
        let p = s.paths(w, h, 8.0);
        let fit = Fit::new(&s.bounds, w, h, 8.0);
        for (shape, d) in s.regions.iter().zip(&p.regions) {
            let expected: Vec<Vec<(i64, i64)>> = shape
                .polygons
                .iter()
                .flatten()
                .map(|ring| {
                    let mut pts: Vec<(i64, i64)> = Vec::new();
                    let n = if ring.first() == ring.last() { ring.len() - 1 } else { ring.len() };
                    for &pt in &ring[..n] {
                        let [x, y] = fit.apply(pt);
                        let q = ((x * 10.0).round() as i64, (y * 10.0).round() as i64);
                        if pts.last() != Some(&q) {
                            pts.push(q);
                        }
                    }
                    pts
                })
                .collect();
            assert_eq!(decode(d), expected, "{}", shape.code);
        }
        // And the encoding is the short one: about 9 characters a point here, where absolute
        // points took about 13.
        let points: usize = p.regions.iter().map(|d| decode(d).iter().map(Vec::len).sum::<usize>()).sum();
        let chars: usize = p.regions.iter().map(String::len).sum();
        assert!((chars as f64) < 10.0 * points as f64, "{chars} characters for {points} points");
    }

    #[test]
    fn rings_of_one_point_and_hand_made_rings_read_back() {
        let fit = Fit { scale: 1.0, tx: 0.0, ty: 0.0 };
        let ring = |pts: &[[f64; 2]]| {
            let mut d = String::new();
            push_ring(&mut d, pts, &fit);
            d
        };
        assert_eq!(ring(&[]), "");
        assert_eq!(ring(&[[1.0, -2.0]]), "M1 2Z", "y grows downwards on screen");
        assert_eq!(ring(&[[0.0, 0.0], [0.5, 0.0], [0.5, -0.25], [10.0, -3.0], [0.0, 0.0]]), "M0 0l.5 0 0 .3 9.5 2.7Z");
        assert_eq!(
            ring(&[[3.0, 0.0], [2.0, -1.0], [2.04, -1.01], [3.0, 0.0]]),
            "M3 0l-1 1Z",
            "repeated points dropped"
        );
        let odd = ring(&[[10.0, -10.0], [9.5, -10.1], [9.0, -9.0], [10.0, -10.0]]);
        assert_eq!(decode(&odd), vec![vec![(100, 100), (95, 101), (90, 90)]], "{odd}");
    }

    #[test]
    fn labels_fall_inside_their_region() {
        let s = guizhou();
        for shape in &s.regions {
            assert!(shape.polygons.iter().any(|p| contains(p, shape.label)), "{} label outside", shape.code);
        }
    }

    #[test]
    fn labels_sit_about_as_deep_inside_as_a_search_on_the_full_boundary_finds() {
        let s = guizhou();
        for shape in &s.regions {
            let largest =
                shape.polygons.iter().max_by(|a, b| ring_area(&a[0]).abs().total_cmp(&ring_area(&b[0]).abs())).unwrap();
            assert!(largest[0].len() > LABEL_SEARCH_VERTICES, "{}: the thinning is exercised", shape.code);
            let depth = |p| edge_distance2(largest, p, -1.0).sqrt();
            let full = depth(search_label(largest));
            assert!(depth(shape.label) >= 0.95 * full, "{}: {} vs {full}", shape.code, depth(shape.label));
        }
    }

    #[test]
    fn a_thinned_ring_with_a_hole_still_puts_the_label_in_the_band() {
        let circle = |r: f64, n: usize| -> Vec<[f64; 2]> {
            (0..=n)
                .map(|k| {
                    let a = k as f64 / n as f64 * std::f64::consts::TAU;
                    [r * a.cos(), r * a.sin()]
                })
                .collect()
        };
        // An annulus between radius 4 and 10: the deepest points are 3 from both edges.
        let annulus = vec![circle(10.0, 1000), circle(4.0, 1000)];
        let l = label_point(&annulus);
        assert!(contains(&annulus, l), "{l:?} in the hole or outside");
        let depth = edge_distance2(&annulus, l, -1.0).sqrt();
        assert!(depth >= 0.95 * 3.0, "{l:?} only {depth} deep");
    }

    #[test]
    fn the_early_exit_never_reports_a_point_deeper_than_it_is() {
        let square = vec![vec![[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0], [0.0, 0.0]]];
        assert_eq!(edge_distance2(&square, [5.0, 5.0], -1.0), 25.0);
        assert_eq!(edge_distance2(&square, [2.0, 5.0], -1.0), 4.0);
        assert!(edge_distance2(&square, [2.0, 5.0], 20.0) <= 20.0, "cut short, but still not above the floor");
        assert_eq!(thinned(&square, 128), square, "small rings are kept whole");
        let ring: Vec<[f64; 2]> = (0..=1000)
            .map(|k| {
                let a = k as f64 / 1000.0 * std::f64::consts::TAU;
                [a.cos(), a.sin()]
            })
            .collect();
        let thin = thinned(&vec![ring], 128);
        assert!(thin[0].len() <= 129 && thin[0].first() == thin[0].last(), "{}", thin[0].len());
    }

    #[test]
    fn tenths_format() {
        let t = |v: i64, prev: Option<bool>| {
            let mut s = String::new();
            let dot = push_tenths(&mut s, v, prev);
            assert_eq!(dot, s.contains('.'), "{s}");
            s
        };
        assert_eq!(t(123, None), "12.3");
        assert_eq!(t(120, None), "12");
        assert_eq!(t(5, None), ".5");
        assert_eq!(t(-5, None), "-.5");
        assert_eq!(t(0, None), "0");
        assert_eq!(t(-120, None), "-12");
        assert_eq!(t(i64::MIN, None), "-922337203685477580.8", "no overflow at the extreme");
        for v in [-10_001i64, -999, -1, 1, 9, 10, 99, 101, 6_543, 1_000_000] {
            let expected = if v % 10 == 0 { format!("{}", v / 10) } else { format!("{:.1}", v as f64 / 10.0) };
            let expected = expected.replacen("0.", ".", usize::from(v.abs() < 10));
            assert_eq!(t(v, None), expected, "{v}");
        }
        // Separators only where the grammar needs them.
        assert_eq!(t(12, Some(false)), " 1.2", "after 3: `31.2` would be one number");
        assert_eq!(t(12, Some(true)), " 1.2");
        assert_eq!(t(-12, Some(false)), "-1.2", "a minus sign starts a number");
        assert_eq!(t(3, Some(true)), ".3", "after 2.9: `2.9.3` reads as 2.9 and .3");
        assert_eq!(t(3, Some(false)), " .3", "after 2: `2.3` would be one number");
    }

    #[test]
    fn point_in_polygon_respects_holes() {
        let outer = vec![[0.0, 0.0], [4.0, 0.0], [4.0, 4.0], [0.0, 4.0], [0.0, 0.0]];
        let hole = vec![[1.0, 1.0], [1.0, 3.0], [3.0, 3.0], [3.0, 1.0], [1.0, 1.0]];
        let poly = vec![outer, hole];
        assert!(contains(&poly, [0.5, 0.5]));
        assert!(!contains(&poly, [2.0, 2.0]));
        let l = label_point(&poly);
        assert!(contains(&poly, l));
    }
}
