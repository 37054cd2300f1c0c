//! Ranking for one date: horizontal bars of every region's rate, sorted high to low, coloured with
//! the map's scale, the selected region marked; or, in compare mode, each region's change between
//! two dates in percentage points, on the diverging scale, bars growing left or right from zero.

use super::{rgb, ChartResult, Frame, ACCENT, FONT, LABEL, MUTED, TICK};
use crate::core::dataset::{Bound, Dataset};
use crate::core::format;
use crate::core::i18n::Lang;
use crate::core::scale::{Diverging, Rgb, Sequential, NO_VALUE};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Height of one bar's row, in pixels.
pub const ROW: u32 = 26;

/// One bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// Region code.
    pub code: String,
    /// Label shown left of the bar.
    pub label: String,
    /// The value (rate, or change in points); `None` = no value.
    pub value: Option<f64>,
    /// Whether the value is only a lower bound.
    pub bound: Bound,
    /// Fill.
    pub color: Rgb,
}

/// What the bars show.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Measure {
    /// The rate on date index `i`.
    Rate(usize),
    /// The change from date index `from` to date index `to`, with its scale.
    Change { from: usize, to: usize, scale: Diverging },
}

/// The rows for `measure`, sorted by value, highest first; regions without a value last, then by
/// label so the order is stable.
pub fn rows(ds: &Dataset, labels: &[String], measure: Measure) -> Vec<Row> {
    let mut rows: Vec<Row> = ds
        .regions
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let label = labels.get(k).cloned().unwrap_or_else(|| s.code.clone());
            let (value, bound, color) = match measure {
                Measure::Rate(i) => match s.values.get(i).copied().flatten() {
                    Some(v) => (Some(v.rate), v.bound, Sequential::rate().color(v.rate)),
                    None => (None, Bound::Exact, NO_VALUE),
                },
                Measure::Change { from, to, scale } => match ds.change_between(&s.code, from, to) {
                    Some(c) => (Some(c), Bound::Exact, scale.color(c)),
                    None => (None, Bound::Exact, NO_VALUE),
                },
            };
            Row { code: s.code.clone(), label, value, bound, color }
        })
        .collect();
    rows.sort_by(|a, b| match (a.value, b.value) {
        (Some(x), Some(y)) => y.total_cmp(&x).then_with(|| a.label.cmp(&b.label)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.label.cmp(&b.label),
    });
    rows
}

/// A text description of the ranking (for screen readers and as a caption).
pub fn describe(rows: &[Row], what: &str, lang: Lang, change: bool) -> String {
    let fmt = |r: &Row| match r.value {
        Some(v) if change => format::change(v, lang),
        Some(v) => format::value(&crate::core::dataset::Value { rate: v, bound: r.bound, counts: None }, lang),
        None => lang.pick("无数据", "no data").to_string(),
    };
    let with_value: Vec<&Row> = rows.iter().filter(|r| r.value.is_some()).collect();
    match (with_value.first(), with_value.last(), lang) {
        (Some(a), Some(b), Lang::Zh) => {
            format!(
                "条形图：{what}，{} 个地区从高到低排列；最高为{}（{}），最低为{}（{}）。",
                rows.len(),
                a.label,
                fmt(a),
                b.label,
                fmt(b)
            )
        }
        (Some(a), Some(b), Lang::En) => format!(
            "Bar chart: {what}, {} regions from highest to lowest; highest {} ({}), lowest {} ({}).",
            rows.len(),
            a.label,
            fmt(a),
            b.label,
            fmt(b)
        ),
        (_, _, Lang::Zh) => format!("条形图：{what}，没有数据。"),
        (_, _, Lang::En) => format!("Bar chart: {what}, no data."),
    }
}

/// The frame for `n` bars, `width` pixels wide.
pub fn frame(width: u32, n: usize) -> Frame {
    Frame { width: width.max(200), height: ROW * n as u32 + 34, left: 108, right: 76, top: 6, bottom: 28 }
}

/// The row under pixel `y`, if any.
pub fn row_at(frame: &Frame, y: f64, n: usize) -> Option<usize> {
    if y < frame.y0() {
        return None;
    }
    let k = ((y - frame.y0()) / ROW as f64).floor() as usize;
    (k < n).then_some(k)
}

/// How the bars are drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Style<'a> {
    /// The value axis: (0, 100) for rates, (−extent, +extent) for changes.
    pub domain: (f64, f64),
    /// The selected region (framed and its label in the accent colour).
    pub selected: Option<&'a str>,
    /// Page language.
    pub lang: Lang,
    /// `true` when the values are changes in points.
    pub change: bool,
    /// Dark page colours.
    pub dark: bool,
}

/// Draws the bars.
pub fn draw<DB: DrawingBackend>(
    root: DrawingArea<DB, Shift>,
    frame: &Frame,
    rows: &[Row],
    style: &Style,
) -> ChartResult {
    let Style { domain, selected, lang, change, dark } = *style;
    #[allow(non_snake_case)]
    let INK = super::ink(dark);
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let (x0, x1) = (frame.x0(), frame.x1());
    let px = |v: f64| x0 + (v.clamp(domain.0, domain.1) - domain.0) / (domain.1 - domain.0) * (x1 - x0);
    let zero = px(0.0);
    let text = (FONT, LABEL).into_font().color(&INK);
    // Grid: 0, 25, 50, 75, 100 % (or −extent, 0, +extent).
    let ticks: Vec<f64> = if change { vec![domain.0, 0.0, domain.1] } else { vec![0.0, 25.0, 50.0, 75.0, 100.0] };
    let axis_y = (frame.y0() + ROW as f64 * rows.len() as f64) as i32;
    for t in ticks {
        let x = px(t) as i32;
        root.draw(&PathElement::new(vec![(x, frame.y0() as i32), (x, axis_y)], MUTED.mix(0.6))).map_err(err)?;
        let label = if change { format::change(t, lang) } else { format::percent(t, lang) };
        root.draw(&Text::new(
            label,
            (x, axis_y + 4),
            (FONT, TICK).into_font().color(&INK).pos(Pos::new(HPos::Center, VPos::Top)),
        ))
        .map_err(err)?;
    }
    for (k, row) in rows.iter().enumerate() {
        let top = frame.y0() + (k as u32 * ROW) as f64;
        let (y0, y1) = ((top + 4.0) as i32, (top + ROW as f64 - 4.0) as i32);
        let mid = (y0 + y1) / 2;
        let is_selected = selected == Some(row.code.as_str());
        let label_style =
            if is_selected { (FONT, LABEL).into_font().style(FontStyle::Bold).color(&ACCENT) } else { text.clone() };
        root.draw(&Text::new(
            row.label.clone(),
            (x0 as i32 - 8, mid),
            label_style.pos(Pos::new(HPos::Right, VPos::Center)),
        ))
        .map_err(err)?;
        match row.value {
            Some(v) => {
                let (a, b) = (zero.min(px(v)) as i32, zero.max(px(v)).max(zero.min(px(v)) + 1.0) as i32);
                root.draw(&Rectangle::new([(a, y0), (b, y1)], rgb(row.color).filled())).map_err(err)?;
                if is_selected {
                    root.draw(&Rectangle::new([(a - 2, y0 - 2), (b + 2, y1 + 2)], ACCENT.stroke_width(2)))
                        .map_err(err)?;
                }
                let value_text = if change {
                    format::change(v, lang)
                } else {
                    format::value(&crate::core::dataset::Value { rate: v, bound: row.bound, counts: None }, lang)
                };
                let (tx, anchor) = if v < 0.0 { (a - 4, HPos::Right) } else { (b + 4, HPos::Left) };
                root.draw(&Text::new(
                    value_text,
                    (tx, mid),
                    (FONT, LABEL).into_font().color(&INK).pos(Pos::new(anchor, VPos::Center)),
                ))
                .map_err(err)?;
            }
            None => {
                root.draw(&Text::new(
                    lang.pick("无数据", "no data").to_string(),
                    (zero as i32 + 4, mid),
                    (FONT, LABEL).into_font().color(&INK).pos(Pos::new(HPos::Left, VPos::Center)),
                ))
                .map_err(err)?;
            }
        }
    }
    root.draw(&PathElement::new(vec![(zero as i32, frame.y0() as i32), (zero as i32, axis_y)], INK)).map_err(err)?;
    root.present().map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::to_svg;
    use crate::core::bundle::Bundle;

    fn labels(ds: &Dataset) -> Vec<String> {
        ds.regions.iter().map(|s| s.name.en.clone()).collect()
    }

    fn svg_of(r: &[Row], style: &Style) -> String {
        let f = frame(480, r.len());
        to_svg(f.width, f.height, |root| draw(root, &f, r, style)).unwrap()
    }

    /// Labels in the order they appear down the chart (by their y coordinate).
    fn drawn_order(svg: &str, labels: &[String]) -> Vec<String> {
        let mut found: Vec<(i32, String)> = labels
            .iter()
            .filter_map(|l| {
                let at = svg.find(&crate::charts::svg_text(l))?;
                let tag_start = svg[..at].rfind("<text")?;
                let tag = &svg[tag_start..at];
                let y = tag.split("y=\"").nth(1)?.split('"').next()?.parse::<f32>().ok()? as i32;
                Some((y, l.clone()))
            })
            .collect();
        found.sort();
        found.into_iter().map(|f| f.1).collect()
    }

    #[test]
    fn bars_are_sorted_by_rate_for_the_date() {
        let ds = Bundle::embedded().dataset;
        let labels = labels(&ds);
        let r = rows(&ds, &labels, Measure::Rate(9));
        assert_eq!(r.len(), 9);
        assert_eq!(r[0].label, "Qianxinan", "the leader on 19 Feb");
        assert!(r.windows(2).all(|w| w[0].value >= w[1].value));
        let svg = svg_of(
            &r,
            &Style { domain: (0.0, 100.0), selected: Some("520300"), lang: Lang::En, change: false, dark: false },
        );
        assert_eq!(drawn_order(&svg, &labels), r.iter().map(|r| r.label.clone()).collect::<Vec<_>>());
        assert_eq!(svg.matches("<rect").count(), 9 + 1, "nine bars and the selection frame");
        assert!(svg.contains(&crate::charts::svg_text("72.1 %")));
        // The fill is the map's colour for the value.
        assert!(svg.to_lowercase().contains(&Sequential::rate().color(r[0].value.unwrap()).to_string()));
    }

    #[test]
    fn order_changes_with_the_date() {
        let ds = Bundle::embedded().dataset;
        let labels = labels(&ds);
        let early: Vec<_> = rows(&ds, &labels, Measure::Rate(0)).into_iter().map(|r| r.code).collect();
        let late: Vec<_> = rows(&ds, &labels, Measure::Rate(20)).into_iter().map(|r| r.code).collect();
        assert_ne!(early, late);
        let late_labels: Vec<_> = rows(&ds, &labels, Measure::Rate(20)).into_iter().map(|r| r.label).collect();
        let mut sorted = late_labels.clone();
        sorted.sort();
        assert_eq!(late_labels, sorted, "all tied at 100 %: alphabetical by label is stable");
    }

    #[test]
    fn change_mode_ranks_the_change() {
        let ds = Bundle::embedded().dataset;
        let labels = labels(&ds);
        let scale = Diverging::covering(80.0);
        let r = rows(&ds, &labels, Measure::Change { from: 0, to: 9, scale });
        assert!(r.iter().all(|r| r.value.unwrap() > 0.0));
        let first = &r[0];
        assert_eq!(first.value, ds.change_between(&first.code, 0, 9));
        let svg =
            svg_of(&r, &Style { domain: (-80.0, 80.0), selected: None, lang: Lang::En, change: true, dark: false });
        assert!(svg.contains(" pp\n<"));
    }

    #[test]
    fn description_names_the_leader_and_the_last() {
        let ds = Bundle::embedded().dataset;
        let labels = labels(&ds);
        let r = rows(&ds, &labels, Measure::Rate(9));
        assert_eq!(
            describe(&r, "rate on 19 Feb 2020", Lang::En, false),
            "Bar chart: rate on 19 Feb 2020, 9 regions from highest to lowest; highest Qianxinan (72.1 %), lowest Anshun (57.4 %)."
        );
    }

    #[test]
    fn row_hit_testing() {
        let f = frame(480, 9);
        assert_eq!(row_at(&f, f.y0() + 1.0, 9), Some(0));
        assert_eq!(row_at(&f, f.y0() + ROW as f64 * 8.5, 9), Some(8));
        assert_eq!(row_at(&f, f.y0() + ROW as f64 * 9.5, 9), None);
        assert_eq!(row_at(&f, 0.0, 9), None);
    }
}
