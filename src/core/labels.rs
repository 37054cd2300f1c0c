//! How large the map's labels can be at one size of the map: the largest font at which no two
//! labels overlap; on a map too small for that, the value under a name is left out where it
//! would collide (the name stays), and on the smallest maps the names stand alone.
//!
//! Label widths are estimated ([`crate::core::wrap::width_em`]; the core has no fonts). The sizing
//! is made per map size and language with the widest value text ("100.0 %") under every name, so
//! it holds on every date: the labels never change size while the timeline plays.

use crate::core::wrap::width_em;

/// The labels' font size, and which names have their value under them.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelFit {
    /// Font size of the names, in pixels (the values are 0.9 of it).
    pub font: f64,
    /// Per label (in the order given), whether its value line shows.
    pub values: Vec<bool>,
}

impl LabelFit {
    /// Whether label `k` shows its value.
    pub fn has_value(&self, k: usize) -> bool {
        self.values.get(k).copied().unwrap_or(false)
    }

    /// The first line's baseline for label `k` anchored at `y`: a name and a value sit around the
    /// anchor, a name alone on it.
    pub fn baseline(&self, k: usize, y: f64) -> f64 {
        if self.has_value(k) {
            y - 0.2 * self.font
        } else {
            y + 0.35 * self.font
        }
    }
}

/// Label `k`'s box around its anchor `[x, y]` at `font`, as `[x0, y0, x1, y1]`: the name (bold,
/// so a little wider than estimated) and, with `value`, the value line (0.9 em, one line below).
fn bounds(font: f64, value: bool, [x, y]: [f64; 2], name_em: f64, value_em: f64) -> [f64; 4] {
    let f = font;
    let half = 0.5 * f * if value { (name_em * 1.08).max(value_em * 0.9) } else { name_em * 1.08 };
    let (top, bottom) = if value { (y - 1.05 * f, y + 0.85 * f) } else { (y - 0.5 * f, y + 0.55 * f) };
    [x - half - PAD, top - PAD, x + half + PAD, bottom + PAD]
}

/// Room kept round each label, in pixels (its 3 px halo, half on each side).
const PAD: f64 = 1.5;
/// Smallest name with a value under it, and smallest name alone, in pixels.
const MIN_WITH_VALUES: f64 = 10.0;
const MIN_ALONE: f64 = 9.0;

/// The labels' size for `names` at `anchors` (pixels; NaN anchors carry no label), each with
/// `widest_value` under it:
/// 1. the largest font from `max` down (in half pixels) at which no two overlap;
/// 2. failing that at [`MIN_WITH_VALUES`] px, that size with the values left out one at a time
///    (the label in the most collisions first) until none overlap;
/// 3. failing that (names touching names), names alone at the largest font at which they do not
///    overlap, down to [`MIN_ALONE`] px, where they are drawn even if they touch.
pub fn largest(anchors: &[[f64; 2]], names: &[String], widest_value: &str, max: f64) -> LabelFit {
    let value_em = width_em(widest_value);
    let placed: Vec<bool> = anchors.iter().map(|a| a[0].is_finite() && a[1].is_finite()).collect();
    let ems: Vec<f64> = names.iter().map(|n| width_em(n)).collect();
    // For each label, the labels it overlaps.
    let collisions = |font: f64, values: &[bool]| -> Vec<Vec<usize>> {
        let boxes: Vec<Option<[f64; 4]>> = (0..anchors.len())
            .map(|k| {
                placed[k].then(|| bounds(font, values[k], anchors[k], ems.get(k).copied().unwrap_or(0.0), value_em))
            })
            .collect();
        let meet = |a: &[f64; 4], b: &[f64; 4]| !(a[2] <= b[0] || b[2] <= a[0] || a[3] <= b[1] || b[3] <= a[1]);
        (0..boxes.len())
            .map(|i| {
                (0..boxes.len())
                    .filter(|&j| j != i && matches!((&boxes[i], &boxes[j]), (Some(a), Some(b)) if meet(a, b)))
                    .collect()
            })
            .collect()
    };
    let clear = |font: f64, values: &[bool]| collisions(font, values).iter().all(Vec::is_empty);
    let all = vec![true; anchors.len()];
    let mut font = max.max(MIN_WITH_VALUES);
    loop {
        if clear(font, &all) {
            return LabelFit { font, values: all };
        }
        if font <= MIN_WITH_VALUES {
            break;
        }
        font = (font - 0.5).max(MIN_WITH_VALUES);
    }
    let mut values = all;
    loop {
        let hits = collisions(font, &values);
        // The label with a value in the most collisions (the later on a tie) gives its value up.
        let worst = (0..hits.len()).filter(|&k| values[k] && !hits[k].is_empty()).max_by_key(|&k| (hits[k].len(), k));
        match worst {
            Some(k) => values[k] = false,
            None if hits.iter().all(Vec::is_empty) => return LabelFit { font, values },
            None => break,
        }
    }
    let none = vec![false; anchors.len()];
    let mut font = max.max(MIN_ALONE);
    while font > MIN_ALONE && !clear(font, &none) {
        font = (font - 0.5).max(MIN_ALONE);
    }
    LabelFit { font, values: none }
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
        assert_eq!(fit, LabelFit { font: 16.0, values: vec![true, true] });
    }

    #[test]
    fn close_labels_shrink_until_they_part() {
        // Side by side, 85 px apart: "Qiandongnan" and "Qiannan" at 16 px are about 116 and 73 px wide.
        let fit = largest(&[[100.0, 100.0], [185.0, 100.0]], &names(&["Qiandongnan", "Qiannan"]), "100.0 %", 16.0);
        assert!(fit.values == [true, true] && fit.font < 16.0 && fit.font >= MIN_WITH_VALUES, "{fit:?}");
        let bigger = fit.font + 0.5;
        let a = bounds(bigger, true, [100.0, 100.0], width_em("Qiandongnan"), 3.6);
        let b = bounds(bigger, true, [185.0, 100.0], width_em("Qiannan"), 3.6);
        assert!(a[2] > b[0], "half a pixel larger would overlap");
    }

    #[test]
    fn where_values_would_collide_they_are_left_out_one_label_at_a_time() {
        // The second close under the first, the third far off: of the two that collide (once
        // each), the later gives its value up; the others keep theirs.
        let anchors = [[100.0, 100.0], [100.0, 118.0], [300.0, 100.0]];
        let fit = largest(&anchors, &names(&["贵阳", "安顺", "遵义"]), "100.0 %", 12.0);
        assert_eq!(fit.font, MIN_WITH_VALUES, "shrunk as far as values go first");
        assert_eq!(fit.values, [true, false, true], "{fit:?}");
        assert_eq!(fit.baseline(1, 118.0), 118.0 + 0.35 * fit.font, "a name alone sits on its anchor");
        assert_eq!(fit.baseline(0, 100.0), 100.0 - 0.2 * fit.font);
        // A label between two others, colliding with both, gives its value up first.
        let stack = [[100.0, 100.0], [100.0, 118.0], [100.0, 138.0]];
        assert_eq!(largest(&stack, &names(&["贵阳", "安顺", "遵义"]), "100.0 %", 12.0).values, [true, false, true]);
    }

    #[test]
    fn names_touching_names_stand_alone_and_shrink() {
        // One above the other, 14 px apart: even one value does not fit; names alone do at 10 px.
        let fit = largest(&[[100.0, 100.0], [100.0, 114.0]], &names(&["贵阳", "安顺"]), "100.0 %", 12.0);
        assert_eq!(fit.values, [false, false], "{fit:?}");
        // On top of each other nothing fits: the smallest names are drawn anyway.
        let fit = largest(&[[1.0, 1.0], [1.0, 1.0]], &names(&["a", "b"]), "1 %", 12.0);
        assert_eq!(fit, LabelFit { font: MIN_ALONE, values: vec![false, false] });
    }

    #[test]
    fn guizhou_drops_its_values_only_on_the_smallest_maps() {
        use crate::core::bundle::Bundle;
        use crate::core::i18n::Lang;
        let b = Bundle::embedded();
        let at = |w: f64, lang: Lang| {
            let names: Vec<String> = b.shapes.regions.iter().map(|r| b.label(&r.code, lang)).collect();
            let p = b.shapes.paths(w, (w - 12.0) * b.shapes.aspect() + 12.0, 6.0);
            largest(&p.labels, &names, "100.0 %", (w / 48.0).clamp(13.0, 18.0))
        };
        let kept = |fit: &LabelFit| fit.values.iter().filter(|v| **v).count();
        let desktop = at(740.0, Lang::En);
        assert_eq!((desktop.font, kept(&desktop)), (740.0 / 48.0, 9), "a desktop's map: as large as its width allows");
        let phone = at(358.0, Lang::Zh);
        assert_eq!((phone.font, kept(&phone)), (13.0, 9), "a 390 px phone, in Chinese");
        let phone = at(358.0, Lang::En);
        assert!(phone.font >= 12.0 && kept(&phone) == 9, "in English: {phone:?}");
        // A narrow embed: the smallest size with values, and only where they collide, names alone.
        let embed = at(240.0, Lang::En);
        assert_eq!(embed.font, MIN_WITH_VALUES);
        assert!((4..9).contains(&kept(&embed)), "{embed:?}");
        assert!(embed.values[2] && embed.values[7], "遵义 and 黔东南, with room round them, keep theirs");
    }

    #[test]
    fn unlabelled_regions_are_ignored() {
        let fit = largest(&[[f64::NAN, f64::NAN], [1.0, 1.0], [f64::NAN, 1.0]], &names(&["a", "b", "c"]), "1 %", 14.0);
        assert_eq!(fit, LabelFit { font: 14.0, values: vec![true; 3] });
    }
}
