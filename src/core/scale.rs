//! Colour scales: rate → colour.
//!
//! [`Sequential`] maps a value in a fixed domain to a colour by linear interpolation between
//! evenly spaced stops in sRGB (what d3-scale's `scaleSequential` with a piecewise interpolator
//! does). The map's scale, [`Sequential::rate`], is ColorBrewer's YlGnBu over **0–100 % for every
//! date**: a fixed domain, so a colour means the same rate on every day of the timeline.
//! YlGnBu is a multi-hue, light-to-dark scheme that ColorBrewer marks colour-blind safe; lightness
//! falls monotonically, so it also reads in greyscale. Values outside the domain are clamped.
//!
//! "No value" is not on the scale: [`NO_VALUE`] is a neutral grey the view also hatches.

use std::fmt;

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Parses `#rrggbb`.
    pub const fn from_hex(hex: u32) -> Rgb {
        Rgb((hex >> 16) as u8, (hex >> 8) as u8, hex as u8)
    }

    /// WCAG relative luminance (0 = black, 1 = white).
    pub fn luminance(self) -> f64 {
        let lin = |c: u8| {
            let c = c as f64 / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.0) + 0.7152 * lin(self.1) + 0.0722 * lin(self.2)
    }

    /// WCAG contrast ratio between two colours (1–21).
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// Black or white, whichever contrasts more with `self`: the colour of text drawn on it.
    pub fn text_on(self) -> Rgb {
        let (black, white) = (Rgb(0x1a, 0x1a, 0x1a), Rgb(0xff, 0xff, 0xff));
        if self.contrast(black) >= self.contrast(white) {
            black
        } else {
            white
        }
    }
}

impl fmt::Display for Rgb {
    /// `#rrggbb`, lower case.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// The fill of a region with no value on the chosen date (the view adds a hatch over it).
pub const NO_VALUE: Rgb = Rgb::from_hex(0xd4d4d4);

/// ColorBrewer YlGnBu, 9 classes (Cynthia Brewer, colorbrewer2.org; Apache-2.0).
const YLGNBU: [Rgb; 9] = [
    Rgb::from_hex(0xffffd9),
    Rgb::from_hex(0xedf8b1),
    Rgb::from_hex(0xc7e9b4),
    Rgb::from_hex(0x7fcdbb),
    Rgb::from_hex(0x41b6c4),
    Rgb::from_hex(0x1d91c0),
    Rgb::from_hex(0x225ea8),
    Rgb::from_hex(0x253494),
    Rgb::from_hex(0x081d58),
];

/// A sequential scale over a fixed domain.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sequential {
    /// Domain start (maps to the first stop).
    pub min: f64,
    /// Domain end (maps to the last stop).
    pub max: f64,
    stops: &'static [Rgb],
}

impl Sequential {
    /// The map's rate scale: YlGnBu over 0–100 %.
    pub const fn rate() -> Sequential {
        Sequential { min: 0.0, max: 100.0, stops: &YLGNBU }
    }

    /// The colour of `v`. Values outside the domain are clamped; NaN gets [`NO_VALUE`].
    pub fn color(&self, v: f64) -> Rgb {
        if v.is_nan() {
            return NO_VALUE;
        }
        let t = ((v - self.min) / (self.max - self.min)).clamp(0.0, 1.0);
        let pos = t * (self.stops.len() - 1) as f64;
        let i = (pos.floor() as usize).min(self.stops.len() - 2);
        let f = pos - i as f64;
        let (a, b) = (self.stops[i], self.stops[i + 1]);
        let mix = |x: u8, y: u8| (x as f64 + (y as f64 - x as f64) * f).round() as u8;
        Rgb(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
    }

    /// `n` evenly spaced (value, colour) pairs from min to max, for a legend gradient.
    pub fn ramp(&self, n: usize) -> Vec<(f64, Rgb)> {
        let n = n.max(2);
        (0..n)
            .map(|i| {
                let v = self.min + (self.max - self.min) * i as f64 / (n - 1) as f64;
                (v, self.color(v))
            })
            .collect()
    }
}

/// ColorBrewer RdBu, 11 classes, from red (fall) through white to blue (rise); colour-blind safe.
const RDBU: [Rgb; 11] = [
    Rgb::from_hex(0x67001f),
    Rgb::from_hex(0xb2182b),
    Rgb::from_hex(0xd6604d),
    Rgb::from_hex(0xf4a582),
    Rgb::from_hex(0xfddbc7),
    Rgb::from_hex(0xf7f7f7),
    Rgb::from_hex(0xd1e5f0),
    Rgb::from_hex(0x92c5de),
    Rgb::from_hex(0x4393c3),
    Rgb::from_hex(0x2166ac),
    Rgb::from_hex(0x053061),
];

/// A diverging scale for changes in percentage points: `-extent` red, 0 white, `+extent` blue.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Diverging {
    /// Half-width of the domain (> 0).
    pub extent: f64,
}

impl Diverging {
    /// A scale whose domain covers `max_abs`, rounded up to a multiple of 10 points (at least 10),
    /// so the legend shows round numbers and small changes are not blown up.
    pub fn covering(max_abs: f64) -> Diverging {
        let m = if max_abs.is_finite() { max_abs.abs() } else { 0.0 };
        Diverging { extent: ((m / 10.0).ceil() * 10.0).clamp(10.0, 100.0) }
    }

    /// The colour of a change `v` (clamped to the domain; NaN gets [`NO_VALUE`]).
    pub fn color(&self, v: f64) -> Rgb {
        Sequential { min: -self.extent, max: self.extent, stops: &RDBU }.color(v)
    }

    /// `n` evenly spaced (value, colour) pairs across the domain.
    pub fn ramp(&self, n: usize) -> Vec<(f64, Rgb)> {
        Sequential { min: -self.extent, max: self.extent, stops: &RDBU }.ramp(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_and_clamping() {
        let s = Sequential::rate();
        assert_eq!(s.color(0.0).to_string(), "#ffffd9");
        assert_eq!(s.color(100.0).to_string(), "#081d58");
        assert_eq!(s.color(-5.0), s.color(0.0));
        assert_eq!(s.color(250.0), s.color(100.0));
        assert_eq!(s.color(50.0), YLGNBU[4]);
        assert_eq!(s.color(f64::NAN), NO_VALUE);
    }

    #[test]
    fn lightness_falls_monotonically() {
        // Readable in greyscale and by colour-blind readers: darker always means higher.
        let s = Sequential::rate();
        let lum: Vec<f64> = (0..=100).map(|v| s.color(v as f64).luminance()).collect();
        assert!(lum.windows(2).all(|w| w[1] <= w[0] + 1e-9));
    }

    #[test]
    fn diverging_is_white_at_zero_and_symmetric() {
        let d = Diverging::covering(37.0);
        assert_eq!(d.extent, 40.0);
        assert_eq!(d.color(0.0).to_string(), "#f7f7f7");
        assert_eq!(d.color(40.0).to_string(), "#053061");
        assert_eq!(d.color(-40.0).to_string(), "#67001f");
        assert_eq!(d.color(99.0), d.color(40.0), "clamped");
        assert_eq!(Diverging::covering(0.0).extent, 10.0);
        assert_eq!(Diverging::covering(f64::NAN).extent, 10.0);
        // Equal distances from zero are equally light.
        for v in [5.0, 15.0, 30.0] {
            assert!((d.color(v).luminance() - d.color(-v).luminance()).abs() < 0.08, "{v}");
        }
    }

    #[test]
    fn no_value_is_off_the_scale() {
        let s = Sequential::rate();
        assert!((0..=100).all(|v| s.color(v as f64) != NO_VALUE));
    }

    #[test]
    fn label_text_contrasts() {
        // The better of black and white never falls below 4.17:1 on any colour (the worst case is a
        // fill of luminance ≈ 0.20); the view also draws a halo of the opposite colour round labels.
        let s = Sequential::rate();
        for v in 0..=100 {
            let c = s.color(v as f64);
            let t = c.text_on();
            assert!(c.contrast(t) >= 4.1, "{v}: {c}");
            assert!(
                c.contrast(t)
                    >= c.contrast(if t == Rgb(255, 255, 255) { Rgb(0x1a, 0x1a, 0x1a) } else { Rgb(255, 255, 255) })
            );
        }
        assert!(NO_VALUE.contrast(NO_VALUE.text_on()) >= 4.5);
    }
}
