//! How large the map's labels can be at one size of the map: the largest font at which no two
//! labels overlap, and, on a map too small for that, names without their values.
//!
//! Label widths are estimated ([`crate::core::wrap::width_em`]; the core has no fonts). The sizing
//! is made per map size and language with the widest value text ("100.0 %") under every name, so
//! it holds on every date: the labels never change size while the timeline plays.

use crate::core::wrap::width_em;

/// The labels' font size, and whether each name has its value under it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabelFit {
    /// Font size of the names, in pixels (the values are 0.9 of it).
    pub font: f64,
    /// The value line shows.
    pub values: bool,
}

impl LabelFit {
    /// The first line's baseline for a label anchored at `y`: a name and a value sit around the
    /// anchor, a name alone on it.
    pub fn baseline(&self, y: f64) -> f64 {
        if self.values {
            y - 0.2 * self.font
        } else {
            y + 0.35 * self.font
        }
    }

    /// The label's box around its anchor `[x, y]`, as `[x0, y0, x1, y1]`: the name (bold, so a
    /// little wider than estimated) and the value line (0.9 em, one line of 1.15 em below).
    fn bounds(&self, [x, y]: [f64; 2], name_em: f64, value_em: f64) -> [f64; 4] {
        let f = self.font;
        let half = 0.5 * f * if self.values { (name_em * 1.08).max(value_em * 0.9) } else { name_em * 1.08 };
        let (top, bottom) = if self.values { (y - 1.05 * f, y + 0.85 * f) } else { (y - 0.5 * f, y + 0.55 * f) };
        [x - half - PAD, top - PAD, x + half + PAD, bottom + PAD]
    }
}

/// Room kept round each label, in pixels (its 3 px halo, half on each side).
const PAD: f64 = 1.5;
/// Smallest name with a value under it, and smallest name alone, in pixels.
const MIN_WITH_VALUES: f64 = 10.0;
const MIN_ALONE: f64 = 9.0;

/// The largest font from `max` down (in half pixels) at which the labels `names` at `anchors`
/// (pixels; NaN anchors carry no label) do not overlap with `widest_value` under each; failing that
/// at [`MIN_WITH_VALUES`] px, the largest at which the names alone do not (down to [`MIN_ALONE`] px,
/// where they are drawn even if they touch).
pub fn largest(anchors: &[[f64; 2]], names: &[String], widest_value: &str, max: f64) -> LabelFit {
    let value_em = width_em(widest_value);
    let labels: Vec<([f64; 2], f64)> = anchors
        .iter()
        .zip(names)
        .filter(|(a, _)| a[0].is_finite() && a[1].is_finite())
        .map(|(&a, n)| (a, width_em(n)))
        .collect();
    let clear = |fit: LabelFit| {
        let boxes: Vec<[f64; 4]> = labels.iter().map(|&(a, em)| fit.bounds(a, em, value_em)).collect();
        boxes
            .iter()
            .enumerate()
            .all(|(i, a)| boxes[i + 1..].iter().all(|b| a[2] <= b[0] || b[2] <= a[0] || a[3] <= b[1] || b[3] <= a[1]))
    };
    for (values, min) in [(true, MIN_WITH_VALUES), (false, MIN_ALONE)] {
        let mut font = max.max(min);
        loop {
            if clear(LabelFit { font, values }) {
                return LabelFit { font, values };
            }
            if font <= min {
                break;
            }
            font = (font - 0.5).max(min);
        }
    }
    LabelFit { font: MIN_ALONE, values: false }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(n: &[&str]) -> Vec<String> {
        n.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn labels_far_apart_keep_the_largest_font_and_their_values() {
        let fit = largest(&[[50.0, 50.0], [300.0, 300.0]], &names(&["Zunyi", "Anshun"]), "100.0 %", 16.0);
        assert_eq!(fit, LabelFit { font: 16.0, values: true });
    }

    #[test]
    fn close_labels_shrink_until_they_part() {
        // Side by side, 85 px apart: "Qiandongnan" and "Qiannan" at 16 px are about 116 and 73 px wide.
        let fit = largest(&[[100.0, 100.0], [185.0, 100.0]], &names(&["Qiandongnan", "Qiannan"]), "100.0 %", 16.0);
        assert!(fit.values && fit.font < 16.0 && fit.font >= MIN_WITH_VALUES, "{fit:?}");
        let bigger = LabelFit { font: fit.font + 0.5, ..fit };
        let (a, b) = (
            bigger.bounds([100.0, 100.0], width_em("Qiandongnan"), 3.6),
            bigger.bounds([185.0, 100.0], width_em("Qiannan"), 3.6),
        );
        assert!(a[2] > b[0], "half a pixel larger would overlap");
    }

    #[test]
    fn too_close_for_values_the_names_stand_alone() {
        // One above the other, 16 px apart: two lines do not fit at 10 px, one does.
        let fit = largest(&[[100.0, 100.0], [100.0, 116.0]], &names(&["贵阳", "安顺"]), "100.0 %", 12.0);
        assert!(!fit.values);
        assert!(fit.font >= MIN_ALONE, "{fit:?}");
        assert_eq!(fit.baseline(100.0), 100.0 + 0.35 * fit.font, "a name alone sits on its anchor");
        // On top of each other nothing fits: the smallest names are drawn anyway.
        assert_eq!(
            largest(&[[1.0, 1.0], [1.0, 1.0]], &names(&["a", "b"]), "1 %", 12.0),
            LabelFit { font: MIN_ALONE, values: false }
        );
    }

    #[test]
    fn guizhou_drops_its_values_only_on_the_smallest_maps() {
        use crate::core::bundle::Bundle;
        use crate::core::i18n::Lang;
        let b = Bundle::embedded();
        let names: Vec<String> = b.shapes.regions.iter().map(|r| b.label(&r.code, Lang::En)).collect();
        let at = |w: f64| {
            let p = b.shapes.paths(w, (w - 12.0) * b.shapes.aspect() + 12.0, 6.0);
            largest(&p.labels, &names, "100.0 %", (w / 48.0).clamp(10.0, 18.0))
        };
        assert_eq!(
            at(740.0),
            LabelFit { font: 740.0 / 48.0, values: true },
            "a desktop's map: as large as its width allows"
        );
        assert_eq!(at(358.0), LabelFit { font: 10.0, values: true }, "a 390 px phone");
        assert_eq!(at(240.0), LabelFit { font: 10.0, values: false }, "a narrow embed: names alone");
    }

    #[test]
    fn unlabelled_regions_are_ignored() {
        let fit = largest(&[[f64::NAN, f64::NAN], [1.0, 1.0], [f64::NAN, 1.0]], &names(&["a", "b", "c"]), "1 %", 14.0);
        assert_eq!(fit, LabelFit { font: 14.0, values: true });
    }
}
