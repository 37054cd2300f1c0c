//! The map projection: Albers equal-area conic, and fitting projected shapes into a box.
//!
//! Why Albers: a choropleth asks the eye to compare coloured areas, so areas must be true; a conic
//! projection with standard parallels inside the mapped band keeps shapes close to true as well.
//! Guizhou spans about 24.6°N–29.2°N and 103.6°E–109.6°E; we put the standard parallels at
//! 25.5°N and 28.5°N (near the usual one-sixth rules) and the central meridian at 106.8°E, so the
//! province stands upright with scale error well under 0.5 % everywhere on it. The same formulas
//! as d3-geo's `geoConicEqualArea` (Snyder, *Map Projections: A Working Manual*, p. 98).
//!
//! [`Albers::project`] returns "raw" coordinates on the unit sphere with y pointing north; [`Fit`]
//! then scales and translates them into SVG pixels (y down) for a given box. Projection happens
//! once per loaded geometry; a resize only computes a new `Fit`.

/// An Albers equal-area conic projection.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Albers {
    lambda0: f64,
    n: f64,
    c: f64,
    rho0: f64,
}

impl Albers {
    /// Albers with standard parallels `phi1`, `phi2` and central meridian `lon0` (all degrees).
    /// The origin latitude is the mean of the two parallels.
    pub fn new(lon0: f64, phi1: f64, phi2: f64) -> Albers {
        let (s1, s2) = (phi1.to_radians().sin(), phi2.to_radians().sin());
        let n = (s1 + s2) / 2.0;
        let c = 1.0 + s1 * (2.0 * n - s1);
        let phi0 = ((phi1 + phi2) / 2.0).to_radians();
        let rho0 = (c - 2.0 * n * phi0.sin()).sqrt() / n;
        Albers { lambda0: lon0.to_radians(), n, c, rho0 }
    }

    /// The projection used for Guizhou (see the module documentation).
    pub fn guizhou() -> Albers {
        Albers::new(106.8, 25.5, 28.5)
    }

    /// An Albers projection suited to any area: central meridian in the middle of the longitudes,
    /// standard parallels one sixth in from each edge of the latitudes (the usual rule), so loaded
    /// boundaries (another province, all of China) are drawn as faithfully as Guizhou.
    pub fn for_extent(min_lon: f64, min_lat: f64, max_lon: f64, max_lat: f64) -> Albers {
        let (lon0, dlat) = ((min_lon + max_lon) / 2.0, (max_lat - min_lat).max(0.5));
        let (p1, p2) = (min_lat + dlat / 6.0, max_lat - dlat / 6.0);
        // Parallels symmetric about the equator would make the cone a cylinder (n = 0).
        let (p1, p2) = if (p1 + p2).abs() < 1.0 { (p1 + 1.0, p2 + 1.0) } else { (p1, p2) };
        Albers::new(lon0, p1, p2)
    }

    /// Projects `[lon, lat]` (degrees) to raw `[x, y]` (unit sphere, y north).
    pub fn project(&self, p: [f64; 2]) -> [f64; 2] {
        let lambda = (p[0].to_radians() - self.lambda0) * self.n;
        let rho = (self.c - 2.0 * self.n * p[1].to_radians().sin()).max(0.0).sqrt() / self.n;
        [rho * lambda.sin(), self.rho0 - rho * lambda.cos()]
    }
}

/// An axis-aligned bounding box in raw projected coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds {
    /// Smallest x.
    pub min_x: f64,
    /// Smallest y (south).
    pub min_y: f64,
    /// Largest x.
    pub max_x: f64,
    /// Largest y (north).
    pub max_y: f64,
}

impl Bounds {
    /// The empty box (extending it with a point gives that point).
    pub fn empty() -> Bounds {
        Bounds { min_x: f64::INFINITY, min_y: f64::INFINITY, max_x: f64::NEG_INFINITY, max_y: f64::NEG_INFINITY }
    }

    /// Grows the box to contain `p`.
    pub fn extend(&mut self, p: [f64; 2]) {
        self.min_x = self.min_x.min(p[0]);
        self.min_y = self.min_y.min(p[1]);
        self.max_x = self.max_x.max(p[0]);
        self.max_y = self.max_y.max(p[1]);
    }

    /// Width (x extent).
    pub fn width(&self) -> f64 {
        self.max_x - self.min_x
    }

    /// Height (y extent).
    pub fn height(&self) -> f64 {
        self.max_y - self.min_y
    }

    /// `true` until a point has been added.
    pub fn is_empty(&self) -> bool {
        !(self.min_x <= self.max_x && self.min_y <= self.max_y)
    }
}

/// Maps raw projected coordinates into a `width × height` pixel box (y down), keeping the aspect
/// ratio and centring the shape: d3's `fitExtent` with a uniform `padding` on every side.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fit {
    /// Pixels per raw unit.
    pub scale: f64,
    /// Pixel x of raw x = 0.
    pub tx: f64,
    /// Pixel y of raw y = 0.
    pub ty: f64,
}

impl Fit {
    /// The fit of `bounds` into a `width × height` box with `padding` pixels on each side. Degenerate
    /// input (empty bounds, a box smaller than its padding) gives a fit that maps into the box's
    /// centre rather than NaNs.
    pub fn new(bounds: &Bounds, width: f64, height: f64, padding: f64) -> Fit {
        let (w, h) = ((width - 2.0 * padding).max(1.0), (height - 2.0 * padding).max(1.0));
        if bounds.is_empty() || bounds.width() <= 0.0 || bounds.height() <= 0.0 {
            return Fit { scale: 1.0, tx: width / 2.0, ty: height / 2.0 };
        }
        let scale = (w / bounds.width()).min(h / bounds.height());
        let cx = (bounds.min_x + bounds.max_x) / 2.0;
        let cy = (bounds.min_y + bounds.max_y) / 2.0;
        Fit { scale, tx: width / 2.0 - scale * cx, ty: height / 2.0 + scale * cy }
    }

    /// Raw → pixels.
    pub fn apply(&self, p: [f64; 2]) -> [f64; 2] {
        [self.tx + self.scale * p[0], self.ty - self.scale * p[1]]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Shoelace area of a ring.
    fn area(r: &[[f64; 2]]) -> f64 {
        r.windows(2).map(|w| w[0][0] * w[1][1] - w[1][0] * w[0][1]).sum::<f64>().abs() / 2.0
    }

    #[test]
    fn equal_area_across_guizhou() {
        // One-degree cells at the south and north edge of the province must keep their true area
        // ratio (cos φ) — the defining property of an equal-area projection.
        let p = Albers::guizhou();
        let cell = |lon: f64, lat: f64| {
            let ring: Vec<_> = [[lon, lat], [lon + 0.1, lat], [lon + 0.1, lat + 0.1], [lon, lat + 0.1], [lon, lat]]
                .iter()
                .map(|&q| p.project(q))
                .collect();
            area(&ring)
        };
        let (south, north) = (cell(104.0, 24.6), cell(109.0, 29.1));
        let truth = (29.15f64).to_radians().cos() / (24.65f64).to_radians().cos();
        assert!((north / south - truth).abs() < 1e-3, "{} vs {}", north / south, truth);
    }

    #[test]
    fn north_is_up_and_meridian_is_vertical() {
        let p = Albers::guizhou();
        let a = p.project([106.8, 25.0]);
        let b = p.project([106.8, 29.0]);
        assert!(a[0].abs() < 1e-12 && b[0].abs() < 1e-12);
        assert!(b[1] > a[1]);
        // East is to the right.
        assert!(p.project([108.0, 27.0])[0] > p.project([105.0, 27.0])[0]);
    }

    #[test]
    fn for_extent_matches_the_guizhou_choice_closely() {
        let a = Albers::for_extent(103.6, 24.6, 109.6, 29.2);
        let g = Albers::guizhou();
        let (p, q) = (a.project([107.0, 27.0]), g.project([107.0, 27.0]));
        assert!((p[0] - q[0]).abs() < 0.01 && (p[1] - q[1]).abs() < 0.01);
        let china = Albers::for_extent(73.5, 18.2, 135.1, 53.6);
        assert!(china.project([116.4, 39.9])[1] > china.project([113.3, 23.1])[1], "Beijing is north of Guangzhou");
    }

    #[test]
    fn fit_centres_and_keeps_aspect() {
        let mut b = Bounds::empty();
        b.extend([0.0, 0.0]);
        b.extend([2.0, 1.0]);
        let f = Fit::new(&b, 220.0, 220.0, 10.0);
        assert_eq!(f.apply([0.0, 1.0]), [10.0, 60.0]);
        assert_eq!(f.apply([2.0, 0.0]), [210.0, 160.0]);
        let degenerate = Fit::new(&Bounds::empty(), 100.0, 50.0, 10.0);
        assert_eq!(degenerate.apply([0.0, 0.0]), [50.0, 25.0]);
    }
}
