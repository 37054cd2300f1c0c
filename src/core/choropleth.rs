//! What each region shows on a given date: its fill and its value text — the rate on the map's
//! sequential scale, or in compare mode the change between two dates on the diverging scale.
//!
//! One function for the live map, the exported SVG/PNG/video frames and the no-JavaScript page, so
//! they can never disagree.

use crate::core::dataset::Dataset;
use crate::core::format;
use crate::core::i18n::Lang;
use crate::core::scale::{Diverging, Rgb, Sequential, NO_VALUE};

/// The measure being mapped.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Mode {
    /// The rate on date index `index`.
    Rate { index: usize },
    /// The change from date index `from` to date index `to`, on `scale`.
    Change { from: usize, to: usize, scale: Diverging },
}

impl Mode {
    /// The mode for a date index and an optional compare date index (the diverging scale covers
    /// the largest change of that pair).
    pub fn new(ds: &Dataset, index: usize, compare: Option<usize>) -> Mode {
        match compare {
            Some(from) => Mode::Change { from, to: index, scale: Diverging::covering(ds.max_abs_change(from, index)) },
            None => Mode::Rate { index },
        }
    }
}

/// A region's appearance.
#[derive(Clone, Debug, PartialEq)]
pub struct Shown {
    /// Fill colour ([`NO_VALUE`] without a value).
    pub fill: Rgb,
    /// The value as text (`None` without a value).
    pub text: Option<String>,
    /// The value is known only as a lower bound ("more than 60 %"): drawn in the bound's colour,
    /// hatched.
    pub lower_bound: bool,
}

/// How region `code` looks in `mode`.
pub fn shown(ds: &Dataset, code: &str, mode: Mode, lang: Lang) -> Shown {
    match mode {
        Mode::Rate { index } => match ds.value(code, index) {
            Some(v) => Shown {
                fill: Sequential::rate().color(v.rate),
                text: Some(ds.value_text(&v, lang)),
                lower_bound: v.bound == crate::core::dataset::Bound::MoreThan,
            },
            None => Shown { fill: NO_VALUE, text: None, lower_bound: false },
        },
        Mode::Change { from, to, scale } => match ds.change_between(code, from, to) {
            // The number alone, as on the ranking's bars: the legend's caption names the unit
            // ("+66.7 个百分点" ran past its region in Chinese).
            Some(c) => Shown { fill: scale.color(c), text: Some(format::signed(c)), lower_bound: false },
            None => Shown { fill: NO_VALUE, text: None, lower_bound: false },
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::bundle::Bundle;

    #[test]
    fn rate_and_change() {
        let ds = Bundle::embedded().dataset;
        let s = shown(&ds, "520300", Mode::new(&ds, 9, None), Lang::En);
        assert_eq!(s.text.as_deref(), Some("57.5\u{a0}%"));
        assert_eq!(s.fill, Sequential::rate().color(ds.value("520300", 9).unwrap().rate));
        let m = Mode::new(&ds, 9, Some(2));
        let c = shown(&ds, "520300", m, Lang::En);
        assert!(c.text.unwrap().starts_with('+'));
        assert!(
            matches!(m, Mode::Change { scale, .. } if scale.extent == 30.0),
            "largest change 02-12 → 02-19 is under 30 points"
        );
        let mut ds2 = ds.clone();
        ds2.regions[2].values[9] = None;
        assert_eq!(
            shown(&ds2, "520300", Mode::new(&ds2, 9, None), Lang::En),
            Shown { fill: NO_VALUE, text: None, lower_bound: false }
        );
        let r2021 = crate::reported::snapshot_2021();
        let b = shown(&r2021, "520500", Mode::new(&r2021, 0, None), Lang::Zh);
        assert!(b.lower_bound);
        assert_eq!(b.text.as_deref(), Some("60%以上"));
        assert_eq!(b.fill, Sequential::rate().color(60.0), "drawn in the colour of the bound");
    }
}
