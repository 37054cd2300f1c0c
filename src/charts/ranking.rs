//! Ranking for one date: horizontal bars of every region's rate, sorted high to low, coloured with
//! the map's scale, the selected region marked; or, in compare mode, each region's change between
//! two dates in percentage points, on the diverging scale, bars growing left or right from zero.
//!
//! Unlike the other charts this one is not drawn with plotters: it changes at every date, and
//! replacing a whole SVG (for 88 counties, 36 kB of markup to parse, style and lay out) was most of
//! a date step's cost. [`layout`] places every bar as plain numbers and strings, and the view keeps
//! one element per region, so a date step changes a few attributes and texts in place.

use super::Frame;
use crate::core::dataset::{Bound, Dataset};
use crate::core::format;
use crate::core::i18n::Lang;
use crate::core::scale::{Diverging, Rgb, Sequential, NO_VALUE};

/// Height of one bar's row, in pixels.
pub const ROW: u32 = 26;
/// Height of a row in a long ranking (more than [`DENSE_FROM`] bars): 88 counties in 26 px rows
/// made a chart 2300 px tall beside a line chart of 300.
pub const DENSE_ROW: u32 = 18;
/// Bars above which rows are [`DENSE_ROW`] tall.
pub const DENSE_FROM: usize = 30;

/// The row height for `n` bars.
pub fn row_height(n: usize) -> u32 {
    if n > DENSE_FROM {
        DENSE_ROW
    } else {
        ROW
    }
}

/// One bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// Position of the region in the dataset.
    pub region: usize,
    /// Region code.
    pub code: String,
    /// Label shown left of the bar.
    pub label: String,
    /// The value (rate, or change in points); `None` = no value.
    pub value: Option<f64>,
    /// Whether the value is only a lower bound.
    pub bound: Bound,
    /// The counts behind a rate, if any (a computed rate is written with one decimal, a reported
    /// one as reported: [`format::value`]).
    pub counts: Option<crate::core::dataset::Counts>,
    /// Fill.
    pub color: Rgb,
    /// The value was made, not reported (an illustrative dataset's): written with one decimal
    /// ([`crate::core::format::value_with`]).
    pub made: bool,
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
            let (value, bound, counts, color) = match measure {
                Measure::Rate(i) => match s.values.get(i).copied().flatten() {
                    Some(v) => (Some(v.rate), v.bound, v.counts, Sequential::rate().color(v.rate)),
                    None => (None, Bound::Exact, None, NO_VALUE),
                },
                Measure::Change { from, to, scale } => match ds.change_between(&s.code, from, to) {
                    Some(c) => (Some(c), Bound::Exact, None, scale.color(c)),
                    None => (None, Bound::Exact, None, NO_VALUE),
                },
            };
            Row { region: k, code: s.code.clone(), label, value, bound, counts, color, made: ds.meta.illustrative }
        })
        .collect();
    crate::core::sort::sort_by(&mut rows, |a, b| match (a.value, b.value) {
        (Some(x), Some(y)) => y.total_cmp(&x).then_with(|| a.label.cmp(&b.label)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.label.cmp(&b.label),
    });
    rows
}

/// A row's value as text: the change in points (`change`), the rate ("more than" for a lower
/// bound), or "no data". The same words on the bar, in the description and in the table.
pub fn value_text(row: &Row, lang: Lang, change: bool) -> String {
    match row.value {
        Some(v) if change => format::change(v, lang),
        Some(v) => format::value_with(
            &crate::core::dataset::Value { rate: v, bound: row.bound, counts: row.counts },
            lang,
            row.made,
        ),
        None => lang.pick("无数据", "no data").to_string(),
    }
}

/// The ranks row `k` of `rows` can hold, as text: "4", or "4–6" when values known only as a lower
/// bound ("more than 60 %") leave its place open; empty without a value. A rank counts the rows
/// certainly above (an exact value above it, or a bound at or above its value; nothing is certainly
/// above a bound), and may count those possibly above (a bound below its value; for a bound, any
/// other bound, and any exact value above it). Equal values share a rank.
pub fn rank_text(rows: &[Row], k: usize) -> String {
    let Some(me) = rows.get(k).and_then(|r| r.value.map(|v| (v, r.bound))) else { return String::new() };
    let (mut certain, mut possible) = (0, 0);
    for (j, r) in rows.iter().enumerate() {
        let Some(v) = r.value.filter(|_| j != k) else { continue };
        match (me, r.bound) {
            ((mine, Bound::Exact), Bound::Exact) if v > mine => certain += 1,
            ((mine, Bound::Exact), Bound::MoreThan) if v >= mine => certain += 1,
            ((mine, Bound::Exact), Bound::MoreThan) if v < mine => possible += 1,
            ((mine, Bound::MoreThan), Bound::Exact) if v > mine => possible += 1,
            ((_, Bound::MoreThan), Bound::MoreThan) => possible += 1,
            _ => {}
        }
    }
    if possible == 0 {
        (certain + 1).to_string()
    } else {
        format!("{}–{}", certain + 1, certain + 1 + possible)
    }
}

/// A text description of the ranking (for screen readers and as a caption). Regions that read
/// the same at either end ("+24.1", "more than 50 %") are named together, or counted: picking one
/// of them by the alphabet would tell the reader something the data do not say.
pub fn describe(rows: &[Row], what: &str, lang: Lang, change: bool) -> String {
    let with_value: Vec<&Row> = rows.iter().filter(|r| r.value.is_some()).collect();
    let texts: Vec<String> = with_value.iter().map(|r| value_text(r, lang, change)).collect();
    let (Some(top_text), Some(bottom_text)) = (texts.first(), texts.last()) else {
        return match lang {
            Lang::Zh => format!("条形图：{what}，没有数据。"),
            Lang::En => format!("Bar chart: {what}, no data."),
        };
    };
    if let ([only], [text]) = (with_value.as_slice(), texts.as_slice()) {
        // One region with a value is neither highest nor lowest.
        return match lang {
            Lang::Zh => format!(
                "条形图：{what}，{} 个地区中只有{}有数据（{text}）。",
                rows.len(),
                format::zh_space(&only.label)
            ),
            Lang::En => {
                format!("Bar chart: {what}, only {} of {} regions has a value ({text}).", only.label, rows.len())
            }
        };
    }
    let (k_top, k_bottom) = format::level_ends(&texts);
    if with_value.len() > 1 && k_top == with_value.len() {
        // All at one value: no region is "highest" or "lowest".
        return match lang {
            Lang::Zh => format!("条形图：{what}，{} 个地区均为{top_text}。", with_value.len()),
            Lang::En => format!("Bar chart: {what}, all {} regions at {top_text}.", with_value.len()),
        };
    }
    let labels = |r: std::ops::Range<usize>| with_value[r].iter().map(|r| r.label.as_str()).collect::<Vec<_>>();
    let (top, bottom) = (labels(0..k_top), labels(with_value.len() - k_bottom..with_value.len()));
    let (hi, lo) = (format::names_or_count(&top, lang), format::names_or_count(&bottom, lang));
    // "More than 50 %" may be anywhere above 50 %: no order is certain with it.
    let bound = |r: &&Row| !change && r.bound == Bound::MoreThan;
    let bounded = (with_value.iter().any(bound), with_value[with_value.len() - k_bottom..].iter().all(bound));
    let ends = format::ends_clause((&hi, top_text), (&lo, bottom_text), bounded, ("", true), lang);
    match lang {
        Lang::Zh => format!("条形图：{what}，{} 个地区从高到低排列；{ends}。", rows.len()),
        Lang::En => format!("Bar chart: {what}, {} regions from highest to lowest; {ends}.", rows.len()),
    }
}

/// The value axis for changes: the scale's ±`extent` on the sides where there are changes, so a
/// ranking of rises only (or falls only) does not leave half the chart empty. Both sides when no
/// region has a change.
pub fn change_domain(rows: &[Row], extent: f64) -> (f64, f64) {
    let any = |f: fn(f64) -> bool| rows.iter().filter_map(|r| r.value).any(f);
    match (any(|v| v < 0.0), any(|v| v > 0.0)) {
        (true, false) => (-extent, 0.0),
        (false, true) => (0.0, extent),
        _ => (-extent, extent),
    }
}

/// Room kept left of the plot, when changes can be negative, for the values written left of
/// their bars ("−73.3" at the chart's 12 px, and the 4 px before the bar).
const NEGATIVE_TEXT: f64 = 44.0;

/// The frame for `n` bars, `width` pixels wide.
pub fn frame(width: u32, n: usize) -> Frame {
    Frame { width: width.max(200), height: row_height(n) * n as u32 + 34, left: 108, right: 76, top: 6, bottom: 28 }
}

/// The row under pixel `y`, if any.
pub fn row_at(frame: &Frame, y: f64, n: usize) -> Option<usize> {
    if y < frame.y0() {
        return None;
    }
    let k = ((y - frame.y0()) / row_height(n) as f64).floor() as usize;
    (k < n).then_some(k)
}

/// How the bars are drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Style<'a> {
    /// The value axis: (0, 100) for rates; for changes, [`change_domain`].
    pub domain: (f64, f64),
    /// The selected region (framed and its label in the accent colour).
    pub selected: Option<&'a str>,
    /// Page language.
    pub lang: Lang,
    /// `true` when the values are changes in points.
    pub change: bool,
}

/// A gridline and its label under the bars.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// Horizontal position, in pixels.
    pub x: i32,
    /// The label ("50 %"; a change without its unit, "+20").
    pub label: String,
}

/// One region's bar, placed at its rank.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    /// Position of the region in the dataset.
    pub region: usize,
    /// Region code (the key that keeps one element per region across dates).
    pub code: String,
    /// Label left of the plot area.
    pub label: String,
    /// Top of the bar's row, in pixels: the only position that changes when the order does.
    pub top: i32,
    /// Left and right edges of the bar (at least 1 px wide); `None` without a value.
    pub span: Option<(i32, i32)>,
    /// The value as text, or "no data".
    pub text: String,
    /// Where the value text starts (or ends, if `text_end`).
    pub text_x: i32,
    /// `true` when the value text ends at `text_x` (a negative change, written left of its bar).
    pub text_end: bool,
    /// Fill of the bar.
    pub fill: Rgb,
    /// `true` for the selected region.
    pub selected: bool,
    /// `true` when the value is only a lower bound ("more than 60 %"): the bar is hatched, as the
    /// map is, so it does not read as an exact value.
    pub lower_bound: bool,
}

/// Everything of one ranking, in pixels, for the view to turn into SVG elements. Positions inside
/// a row are relative to its top ([`Bar::top`]): the bar spans [`Layout::bar_top`] to
/// `bar_top + bar_height`, and its texts sit on [`Layout::mid`].
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// The gridlines with their labels.
    pub ticks: Vec<Tick>,
    /// Top of the gridlines and of the first row.
    pub top: i32,
    /// Bottom of the gridlines, where the tick labels start.
    pub axis_y: i32,
    /// Where zero is: the baseline the bars grow from.
    pub zero: i32,
    /// Right edge of the row labels.
    pub label_x: i32,
    /// Height of each row ([`row_height`]).
    pub row: i32,
    /// The bars, in the order of the dataset's regions (not by rank), so that a date step
    /// changes each region's element in place instead of moving elements around.
    pub bars: Vec<Bar>,
}

impl Layout {
    /// Offset of a bar's top inside its row.
    pub fn bar_top(&self) -> i32 {
        if self.row < ROW as i32 {
            2
        } else {
            4
        }
    }

    /// Height of a bar.
    pub fn bar_height(&self) -> i32 {
        self.row - 2 * self.bar_top()
    }

    /// Vertical centre of a row, from its top: where its label and value text sit.
    pub fn mid(&self) -> i32 {
        self.row / 2
    }
}

/// Lays out `rows` (sorted, as [`rows`] returns them) in `frame`: each bar at its rank, the bars
/// listed in the dataset's order.
pub fn layout(frame: &Frame, rows: &[Row], style: &Style) -> Layout {
    let Style { domain, selected, lang, change } = *style;
    // Falls are written left of their bars: the longest ("−73.3") needs room between the plot and
    // the labels' column, or it prints over the region names.
    let inset = if domain.0 < 0.0 { NEGATIVE_TEXT } else { 0.0 };
    let (x0, x1) = (frame.x0() + inset, frame.x1());
    let span = (domain.1 - domain.0).max(f64::EPSILON);
    let px = |v: f64| x0 + (v.clamp(domain.0, domain.1) - domain.0) / span * (x1 - x0);
    let zero = px(0.0);
    // The legend's steps (every 20 %), so the two scales read alike; on a plot too narrow for six
    // labels (a phone: "0 %20 %40 %…" ran together), every 50 %.
    let mut ticks: Vec<f64> = match (change, x1 - x0 < 300.0) {
        (true, _) => vec![domain.0, 0.0, domain.1],
        (false, false) => vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0],
        (false, true) => vec![0.0, 50.0, 100.0],
    };
    ticks.dedup();
    let ticks = ticks
        .into_iter()
        .map(|t| Tick {
            x: px(t) as i32,
            // Changes: the number alone, the heading names the unit ("个百分点" by every bar
            // would not fit beside the longest).
            label: if change { format::signed_tick(t) } else { format::percent_tick(t, lang) },
        })
        .collect();
    let top = frame.y0() as i32;
    let row_px = row_height(rows.len());
    let mut bars: Vec<Bar> = rows
        .iter()
        .enumerate()
        .map(|(rank, row)| {
            let text = match row.value {
                Some(v) if change => format::signed(v),
                _ => value_text(row, lang, change),
            };
            let (span, text, text_x, text_end) = match row.value {
                Some(v) => {
                    let (a, b) = (zero.min(px(v)) as i32, zero.max(px(v)).max(zero.min(px(v)) + 1.0) as i32);
                    if v < 0.0 {
                        (Some((a, b)), text, a - 4, true)
                    } else {
                        (Some((a, b)), text, b + 4, false)
                    }
                }
                None => (None, text, zero as i32 + 4, false),
            };
            Bar {
                region: row.region,
                code: row.code.clone(),
                label: row.label.clone(),
                top: top + (rank as u32 * row_px) as i32,
                span,
                text,
                text_x,
                text_end,
                fill: row.color,
                selected: selected == Some(row.code.as_str()),
                lower_bound: !change && row.value.is_some() && row.bound == Bound::MoreThan,
            }
        })
        .collect();
    crate::core::sort::sort_by_key(&mut bars, |b| b.region);
    Layout {
        ticks,
        top,
        axis_y: top + (row_px as usize * rows.len()) as i32,
        zero: zero as i32,
        label_x: frame.x0() as i32 - 8,
        row: row_px as i32,
        bars,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_bounds_are_marked_on_their_bars() {
        let ds = crate::reported::snapshot_2021();
        let labels: Vec<String> = ds.regions.iter().map(|r| r.code.clone()).collect();
        let r = rows(&ds, &labels, Measure::Rate(0));
        let l = layout(&frame(640, r.len()), &r, &RATE);
        assert_eq!(
            l.bars.iter().filter(|b| b.lower_bound).count(),
            6,
            "three at more than 60 %, three at more than 50 %"
        );
        assert!(l.bars.iter().filter(|b| b.code == "522300").all(|b| !b.lower_bound), "94.8 % is exact");
    }
    use crate::core::bundle::Bundle;

    fn labels(ds: &Dataset) -> Vec<String> {
        ds.regions.iter().map(|s| s.name.en.clone()).collect()
    }

    const RATE: Style = Style { domain: (0.0, 100.0), selected: None, lang: Lang::En, change: false };

    /// Labels from the top of the chart down, as placed.
    fn drawn_order(l: &Layout) -> Vec<String> {
        let mut bars: Vec<&Bar> = l.bars.iter().collect();
        crate::core::sort::sort_by_key(&mut bars, |b| b.top);
        bars.into_iter().map(|b| b.label.clone()).collect()
    }

    fn row(region: usize, value: Option<f64>) -> Row {
        Row {
            region,
            code: format!("r{region}"),
            label: format!("R{region}"),
            value,
            bound: Bound::Exact,
            counts: None,
            color: NO_VALUE,
            made: false,
        }
    }

    #[test]
    fn bars_are_sorted_by_rate_for_the_date() {
        let ds = Bundle::embedded().dataset;
        let labels = labels(&ds);
        let r = rows(&ds, &labels, Measure::Rate(9));
        assert_eq!(r.len(), 9);
        assert_eq!(r[0].label, "Qianxinan", "the leader on 19 Feb");
        assert!(r.windows(2).all(|w| w[0].value >= w[1].value));
        let f = frame(480, r.len());
        let l = layout(&f, &r, &Style { selected: Some("520300"), ..RATE });
        assert_eq!(drawn_order(&l), r.iter().map(|r| r.label.clone()).collect::<Vec<_>>());
        assert_eq!(
            l.bars.iter().map(|b| b.code.as_str()).collect::<Vec<_>>(),
            ds.regions.iter().map(|s| s.code.as_str()).collect::<Vec<_>>(),
            "listed in the dataset's order, whatever the ranks"
        );
        assert_eq!(l.bars.iter().filter(|b| b.selected).map(|b| b.code.as_str()).collect::<Vec<_>>(), ["520300"]);
        let leader = l.bars.iter().find(|b| b.label == "Qianxinan").unwrap();
        assert_eq!(leader.top, f.y0() as i32, "first row");
        assert_eq!(leader.text, "72.1\u{a0}%");
        let (a, b) = leader.span.unwrap();
        assert_eq!(a, f.x0() as i32, "rates grow from the left edge");
        assert!(((b - a) as f64 - 0.721 * (f.x1() - f.x0())).abs() <= 1.0, "{a}..{b}");
        assert_eq!((leader.text_x, leader.text_end), (b + 4, false), "value right of its bar");
        assert_eq!(leader.fill, Sequential::rate().color(72.1), "the map's colour for the value");
        assert_eq!(l.axis_y, f.y0() as i32 + 9 * ROW as i32);
    }

    #[test]
    fn rows_hit_where_they_are_placed() {
        let ds = Bundle::embedded().dataset;
        let r = rows(&ds, &labels(&ds), Measure::Rate(9));
        let f = frame(480, r.len());
        let l = layout(&f, &r, &RATE);
        for bar in &l.bars {
            let k = row_at(&f, (bar.top + l.mid()) as f64, r.len()).unwrap();
            assert_eq!(r[k].code, bar.code);
        }
    }

    #[test]
    fn a_long_ranking_has_denser_rows_that_still_hit_where_placed() {
        let few: Vec<Row> = (0..DENSE_FROM).map(|k| row(k, Some(k as f64))).collect();
        assert_eq!(layout(&frame(480, few.len()), &few, &RATE).row, ROW as i32, "30 bars: the usual rows");
        let many: Vec<Row> = (0..88).map(|k| row(k, Some(100.0 - k as f64))).collect();
        let f = frame(480, many.len());
        assert_eq!(f.height, 88 * DENSE_ROW + 34, "88 bars: 1618 px, not 2322");
        let l = layout(&f, &many, &RATE);
        assert_eq!((l.row, l.bar_top(), l.bar_height(), l.mid()), (18, 2, 14, 9));
        assert_eq!(l.axis_y, f.y0() as i32 + 88 * 18);
        for bar in &l.bars {
            assert_eq!(row_at(&f, (bar.top + l.mid()) as f64, many.len()), Some(bar.region), "{}", bar.code);
        }
    }

    #[test]
    fn rate_ticks_every_20_percent_change_ticks_at_the_ends_and_zero() {
        let f = frame(640, 2);
        let l = layout(&f, &[row(0, Some(50.0)), row(1, None)], &RATE);
        assert_eq!(
            l.ticks.iter().map(|t| t.label.as_str()).collect::<Vec<_>>(),
            ["0\u{a0}%", "20\u{a0}%", "40\u{a0}%", "60\u{a0}%", "80\u{a0}%", "100\u{a0}%"]
        );
        assert_eq!((l.ticks[0].x, l.ticks[5].x), (f.x0() as i32, f.x1() as i32));
        let narrow = frame(300, 2);
        let l = layout(&narrow, &[row(0, Some(50.0))], &RATE);
        assert_eq!(
            l.ticks.iter().map(|t| t.label.as_str()).collect::<Vec<_>>(),
            ["0\u{a0}%", "50\u{a0}%", "100\u{a0}%"]
        );
        let c = layout(&f, &[row(0, Some(5.0))], &Style { domain: (-20.0, 20.0), change: true, ..RATE });
        assert_eq!(c.ticks.iter().map(|t| t.label.as_str()).collect::<Vec<_>>(), ["−20", "±0", "+20"]);
        assert_eq!(c.zero, ((f.x0() + NEGATIVE_TEXT + f.x1()) / 2.0) as i32, "the middle of the plot, inset for falls");
        assert_eq!(c.label_x, f.x0() as i32 - 8, "the names' column does not move");
    }

    #[test]
    fn changes_grow_left_or_right_of_zero_and_a_missing_value_says_so() {
        let f = frame(480, 3);
        let style = Style { domain: (-20.0, 20.0), change: true, ..RATE };
        let r = [row(0, Some(10.0)), row(1, Some(-10.0)), row(2, None)];
        let l = layout(&f, &r, &style);
        let (up, down, none) = (&l.bars[0], &l.bars[1], &l.bars[2]);
        assert_eq!(up.span.unwrap().0, l.zero);
        assert_eq!(down.span.unwrap().1, l.zero);
        assert_eq!((up.text.as_str(), up.text_end), ("+10.0", false));
        assert_eq!((down.text.as_str(), down.text_end, down.text_x), ("−10.0", true, down.span.unwrap().0 - 4));
        assert_eq!((none.span, none.text.as_str(), none.text_x), (None, "no data", l.zero + 4));
        assert_eq!(
            [up.top, down.top, none.top],
            [f.y0() as i32, f.y0() as i32 + ROW as i32, f.y0() as i32 + 2 * ROW as i32]
        );
        // The longest fall, at the scale's end, is written clear of the names' column.
        let worst = layout(
            &f,
            &[row(0, Some(-20.0)), row(1, Some(20.0))],
            &Style { domain: (-20.0, 20.0), change: true, ..RATE },
        );
        let fall = &worst.bars[0];
        assert_eq!(fall.text, "−20.0");
        let width = crate::core::wrap::width_em(&fall.text) * 12.0;
        assert!(
            fall.text_x as f64 - width >= worst.label_x as f64 + 8.0,
            "{} px wide, ending at {}, names end at {}",
            width,
            fall.text_x,
            worst.label_x
        );
        let tiny = layout(&f, &[row(0, Some(0.0))], &style);
        let (a, b) = tiny.bars[0].span.unwrap();
        assert_eq!(b - a, 1, "a zero change still shows as a 1 px bar");
    }

    #[test]
    fn ranks_are_shared_by_equal_values_and_open_where_bounds_leave_them_open() {
        let bounded = |region: usize, v: f64| Row { bound: Bound::MoreThan, ..row(region, Some(v)) };
        // 2021's shape: 94.8, 75.7, 71, then three "more than 60" and three "more than 50".
        let r = [
            row(0, Some(94.8)),
            row(1, Some(75.7)),
            row(2, Some(71.0)),
            bounded(3, 60.0),
            bounded(4, 60.0),
            bounded(5, 60.0),
            bounded(6, 50.0),
            bounded(7, 50.0),
            bounded(8, 50.0),
            row(9, None),
        ];
        let ranks: Vec<String> = (0..r.len()).map(|k| rank_text(&r, k)).collect();
        // A "more than 60" may be 61 while a "more than 50" is 99: any bounded row may be anywhere.
        assert_eq!(ranks, ["1–7", "2–8", "3–9", "1–9", "1–9", "1–9", "1–9", "1–9", "1–9", ""]);
        // A bound at or above an exact value is certainly above it.
        let r = [bounded(0, 80.0), row(1, Some(80.0)), row(2, Some(90.0))];
        assert_eq!((0..3).map(|k| rank_text(&r, k)).collect::<Vec<_>>(), ["1–2", "3", "1–2"]);
        // Exact values only: the usual ranks, ties sharing theirs.
        let r = [row(0, Some(70.0)), row(1, Some(61.1)), row(2, Some(61.1)), row(3, Some(50.0))];
        assert_eq!((0..4).map(|k| rank_text(&r, k)).collect::<Vec<_>>(), ["1", "2", "2", "4"]);
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
        let l = layout(&frame(480, r.len()), &r, &Style { domain: (-80.0, 80.0), change: true, ..RATE });
        assert!(l
            .bars
            .iter()
            .all(|b| b.text.starts_with('+') && !b.text.contains("pp") && b.span.unwrap().0 == l.zero));
    }

    #[test]
    fn description_names_the_leader_and_the_last() {
        let ds = Bundle::embedded().dataset;
        let labels = labels(&ds);
        let r = rows(&ds, &labels, Measure::Rate(9));
        assert_eq!(
            describe(&r, "rate on 19 Feb 2020", Lang::En, false),
            "Bar chart: rate on 19 Feb 2020, 9 regions from highest to lowest; highest Qianxinan (72.1\u{a0}%), lowest Anshun (57.4\u{a0}%)."
        );
        let last = ds.dates.len() - 1;
        let level = rows(&ds, &labels, Measure::Rate(last));
        assert_eq!(
            describe(&level, "rate on 1 Mar 2020", Lang::En, false),
            "Bar chart: rate on 1 Mar 2020, all 9 regions at 100.0\u{a0}%."
        );
        assert_eq!(describe(&level, "3月1日复工率", Lang::Zh, false), "条形图：3月1日复工率，9 个地区均为100.0%。");
        // Five regions read +24.1 at the bottom of the change from 12 to 19 Feb: counted, not one picked.
        let scale = crate::core::scale::Diverging::covering(ds.max_abs_change(2, 9));
        let change = rows(&ds, &labels, Measure::Change { from: 2, to: 9, scale });
        let text = describe(&change, "change", Lang::En, true);
        assert!(text.contains("highest Qianxinan (+28.4\u{a0}pp), lowest 5 regions (+24.1\u{a0}pp)"), "{text}");
        // One region with a value: neither highest nor lowest.
        let mut one = Bundle::embedded().dataset;
        for r in one.regions.iter_mut().skip(1) {
            r.values[9] = None;
        }
        let r = rows(&one, &labels, Measure::Rate(9));
        assert_eq!(
            describe(&r, "rate on 19 Feb 2020", Lang::En, false),
            "Bar chart: rate on 19 Feb 2020, only Guiyang of 9 regions has a value (66.5\u{a0}%)."
        );
    }

    #[test]
    fn a_description_with_lower_bounds_orders_only_what_the_figures_allow() {
        // 2021: three regions known only as "more than 50 %" may lie anywhere above it.
        let ds = crate::reported::snapshot_2021();
        let r = rows(&ds, &labels(&ds), Measure::Rate(0));
        let en = describe(&r, "rate", Lang::En, false);
        assert!(
            en.ends_with(
                "highest reported figure Qianxinan (94.8\u{a0}%); Anshun, Tongren and Zunyi reported only as more than 50\u{a0}%."
            ),
            "{en}"
        );
        assert!(!en.contains("lowest Anshun"), "{en}");
        let zh = describe(&r, "开工率", Lang::Zh, false);
        // (The rows' labels are the English names.)
        assert!(zh.ends_with("；报道的最高数字为Qianxinan（94.8%）；Anshun、Tongren、Zunyi仅报道为50%以上。"), "{zh}");
    }

    #[test]
    fn a_ranking_of_rises_only_uses_the_whole_width() {
        let rises = [row(0, Some(5.0)), row(1, Some(12.0)), row(2, None)];
        assert_eq!(change_domain(&rises, 20.0), (0.0, 20.0));
        assert_eq!(change_domain(&[row(0, Some(-3.0))], 20.0), (-20.0, 0.0));
        assert_eq!(change_domain(&[row(0, Some(-3.0)), row(1, Some(2.0))], 20.0), (-20.0, 20.0));
        assert_eq!(change_domain(&[row(0, Some(0.0)), row(1, None)], 20.0), (-20.0, 20.0));
        let f = frame(480, 3);
        let l = layout(&f, &rises, &Style { domain: (0.0, 20.0), change: true, ..RATE });
        assert_eq!(l.ticks.iter().map(|t| t.label.as_str()).collect::<Vec<_>>(), ["±0", "+20"]);
        assert_eq!(l.zero, f.x0() as i32, "zero at the left edge");
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
