//! How large the map's labels can be at one size of the map: the largest font at which no two
//! labels overlap; on a map too small for that, a label whose value would collide moves within its
//! region (as far as the region's room round its anchor allows) to where it collides with none,
//! else its value is left out (the name stays); on the smallest maps the names stand alone.
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
    /// Per label, where it is drawn: its anchor, or the place it moved to.
    pub at: Vec<[f64; 2]>,
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

/// [`largest_within`] for labels that may not move.
pub fn largest(anchors: &[[f64; 2]], names: &[String], widest_value: &str, max: f64) -> LabelFit {
    largest_within(anchors, &[], names, widest_value, max)
}

/// The labels' size for `names` at `anchors` (pixels; NaN anchors carry no label), each with
/// `widest_value` under it, each free to move up to 0.8 of its `rooms` entry (pixels; missing or
/// NaN: 0) from its anchor:
/// 1. the largest font from `max` down (in half pixels) at which no two overlap;
/// 2. failing that at [`MIN_WITH_VALUES`] px, that size, taking the label in the most collisions
///    first: moved, it or else one it collides with, to the nearest place (in steps of a quarter
///    of the font) where it collides with none; failing that, without its value; until none
///    overlap;
/// 3. failing that (names touching names), names alone at their anchors, at the largest font at
///    which they do not overlap, down to [`MIN_ALONE`] px, where they are drawn even if they touch.
pub fn largest_within(anchors: &[[f64; 2]], rooms: &[f64], names: &[String], widest_value: &str, max: f64) -> LabelFit {
    let value_em = width_em(widest_value);
    let placed: Vec<bool> = anchors.iter().map(|a| a[0].is_finite() && a[1].is_finite()).collect();
    let ems: Vec<f64> = names.iter().map(|n| width_em(n)).collect();
    let em = |k: usize| ems.get(k).copied().unwrap_or(0.0);
    let meet = |a: &[f64; 4], b: &[f64; 4]| !(a[2] <= b[0] || b[2] <= a[0] || a[3] <= b[1] || b[3] <= a[1]);
    // For each label, the labels it overlaps, the labels drawn at `at`.
    let collisions_at = |font: f64, values: &[bool], at: &[[f64; 2]]| -> Vec<Vec<usize>> {
        let boxes: Vec<Option<[f64; 4]>> =
            (0..anchors.len()).map(|k| placed[k].then(|| bounds(font, values[k], at[k], em(k), value_em))).collect();
        (0..boxes.len())
            .map(|i| {
                (0..boxes.len())
                    .filter(|&j| j != i && matches!((&boxes[i], &boxes[j]), (Some(a), Some(b)) if meet(a, b)))
                    .collect()
            })
            .collect()
    };
    let clear = |font: f64, values: &[bool]| collisions_at(font, values, anchors).iter().all(Vec::is_empty);
    let all = vec![true; anchors.len()];
    let mut font = max.max(MIN_WITH_VALUES);
    loop {
        if clear(font, &all) {
            return LabelFit { font, values: all, at: anchors.to_vec() };
        }
        if font <= MIN_WITH_VALUES {
            break;
        }
        font = (font - 0.5).max(MIN_WITH_VALUES);
    }
    // Where label `k` (with or without its value) could go, nearest first: within its room, and
    // meeting no other label where they are now.
    let free_place = |k: usize, values: &[bool], at: &[[f64; 2]]| -> Option<[f64; 2]> {
        let reach = 0.8 * rooms.get(k).copied().filter(|r| r.is_finite()).unwrap_or(0.0);
        let step = font / 4.0;
        let n = (reach / step).floor() as i32;
        let mut offsets: Vec<[f64; 2]> = (-n..=n)
            .flat_map(|i| (-n..=n).map(move |j| [i as f64 * step, j as f64 * step]))
            .filter(|[dx, dy]| (dx * dx + dy * dy).sqrt() <= reach && (*dx, *dy) != (0.0, 0.0))
            .collect();
        crate::core::sort::sort_by(&mut offsets, |a, b| {
            (a[0].hypot(a[1])).total_cmp(&b[0].hypot(b[1])).then(a[1].abs().total_cmp(&b[1].abs()))
        });
        offsets.into_iter().map(|[dx, dy]| [anchors[k][0] + dx, anchors[k][1] + dy]).find(|&p| {
            let mine = bounds(font, values[k], p, em(k), value_em);
            (0..anchors.len())
                .filter(|&j| j != k && placed[j])
                .all(|j| !meet(&mine, &bounds(font, values[j], at[j], em(j), value_em)))
        })
    };
    let mut values = all;
    let mut at = anchors.to_vec();
    loop {
        let hits = collisions_at(font, &values, &at);
        // The label with a value in the most collisions (the later on a tie): moved, it or a label
        // it meets, to a place that meets none (so every move parts at least one pair, and the
        // loop ends); else it gives its value up.
        let worst = (0..hits.len()).filter(|&k| values[k] && !hits[k].is_empty()).max_by_key(|&k| (hits[k].len(), k));
        match worst {
            Some(k) => {
                let moved = std::iter::once(k)
                    .chain(hits[k].iter().copied())
                    .find_map(|j| free_place(j, &values, &at).map(|p| (j, p)));
                match moved {
                    Some((j, p)) => at[j] = p,
                    None => values[k] = false,
                }
            }
            None if hits.iter().all(Vec::is_empty) => return LabelFit { font, values, at },
            None => break,
        }
    }
    let none = vec![false; anchors.len()];
    let mut font = max.max(MIN_ALONE);
    while font > MIN_ALONE && !clear(font, &none) {
        font = (font - 0.5).max(MIN_ALONE);
    }
    LabelFit { font, values: none, at: anchors.to_vec() }
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
        assert_eq!(fit, LabelFit { font: 16.0, values: vec![true, true], at: vec![[50.0, 50.0], [300.0, 300.0]] });
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

    /// Whether any two labels of `fit` overlap, as [`bounds`] draws them.
    fn overlapping(fit: &LabelFit, names: &[String], widest: &str) -> bool {
        let b: Vec<[f64; 4]> = (0..names.len())
            .map(|k| bounds(fit.font, fit.values[k], fit.at[k], width_em(&names[k]), width_em(widest)))
            .collect();
        (0..b.len()).any(|i| {
            (i + 1..b.len())
                .any(|j| !(b[i][2] <= b[j][0] || b[j][2] <= b[i][0] || b[i][3] <= b[j][1] || b[j][3] <= b[i][1]))
        })
    }

    #[test]
    fn a_label_with_room_moves_within_it_and_keeps_its_value() {
        // As in the test above, the second under the first: with room round it, it moves off.
        let anchors = [[100.0, 100.0], [100.0, 118.0], [300.0, 100.0]];
        let n = names(&["贵阳", "安顺", "遵义"]);
        let fit = largest_within(&anchors, &[0.0, 40.0, 0.0], &n, "100.0 %", 12.0);
        assert_eq!(fit.values, [true, true, true], "{fit:?}");
        assert!(!overlapping(&fit, &n, "100.0 %"), "{fit:?}");
        let moved = (fit.at[1][0] - 100.0).hypot(fit.at[1][1] - 118.0);
        assert!(moved > 0.0 && moved <= 0.8 * 40.0, "moved {moved} px, within its room");
        assert_eq!((fit.at[0], fit.at[2]), (anchors[0], anchors[2]), "the others stay");
        // Too little room to part them: the value goes, as before, and nothing moves.
        let fit = largest_within(&anchors, &[0.0, 3.0, 0.0], &n, "100.0 %", 12.0);
        assert_eq!((fit.values, fit.at), (vec![true, false, true], anchors.to_vec()));
        // When the worst label has no room, one it meets may move instead.
        let fit = largest_within(&anchors, &[40.0, 0.0, 0.0], &n, "100.0 %", 12.0);
        assert_eq!(fit.values, [true, true, true], "{fit:?}");
        assert!(fit.at[0] != anchors[0] && !overlapping(&fit, &n, "100.0 %"));
    }

    #[test]
    fn names_touching_names_stand_alone_and_shrink() {
        // One above the other, 14 px apart: even one value does not fit; names alone do at 10 px.
        let fit = largest(&[[100.0, 100.0], [100.0, 114.0]], &names(&["贵阳", "安顺"]), "100.0 %", 12.0);
        assert_eq!(fit.values, [false, false], "{fit:?}");
        // On top of each other nothing fits: the smallest names are drawn anyway.
        let fit = largest(&[[1.0, 1.0], [1.0, 1.0]], &names(&["a", "b"]), "1 %", 12.0);
        assert_eq!(fit, LabelFit { font: MIN_ALONE, values: vec![false, false], at: vec![[1.0, 1.0]; 2] });
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
        // Free to move within their regions, more keep their values, and still none overlap.
        let names: Vec<String> = b.shapes.regions.iter().map(|r| b.label(&r.code, Lang::En)).collect();
        let p = b.shapes.paths(240.0, 228.0 * b.shapes.aspect() + 12.0, 6.0);
        let moving = largest_within(&p.labels, &p.rooms, &names, "100.0 %", 13.0);
        assert!(kept(&moving) > kept(&embed), "{} values kept instead of {}: {moving:?}", kept(&moving), kept(&embed));
        assert!(!overlapping(&moving, &names, "100.0 %"), "{moving:?}");
        for (k, name) in names.iter().enumerate() {
            let d = (moving.at[k][0] - p.labels[k][0]).hypot(moving.at[k][1] - p.labels[k][1]);
            assert!(d <= 0.8 * p.rooms[k] + 1e-9, "{name}: moved {d} px with {} px of room", p.rooms[k]);
        }
    }

    #[test]
    fn unlabelled_regions_are_ignored() {
        let fit = largest(&[[f64::NAN, f64::NAN], [1.0, 1.0], [f64::NAN, 1.0]], &names(&["a", "b", "c"]), "1 %", 14.0);
        assert_eq!((fit.font, fit.values), (14.0, vec![true; 3]));
    }
}
