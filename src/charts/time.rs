//! Rate over time: one line per region over the whole series, the province total where the data
//! allow it (dashed), the selected region highlighted and the others muted, event marks on the date
//! axis, axis titles in the page language, percentages on the value axis.
//!
//! The lines do not depend on the date shown, so they are drawn once per (size, selection,
//! language); the date cursor is a separate layer ([`draw_cursor`]) with the same [`Frame`], so a
//! date change redraws one line of SVG.

use super::{rgb, ChartResult, Frame, ACCENT, FONT, LABEL, MUTED, TICK};
use crate::core::dataset::Dataset;
use crate::core::format;
use crate::core::i18n::Lang;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Height of the time chart, in pixels.
pub const HEIGHT: u32 = 280;

/// What to draw.
pub struct TimeChart<'a> {
    /// The data.
    pub ds: &'a Dataset,
    /// Short label per region, in `ds.regions` order.
    pub labels: &'a [String],
    /// The selected region (highlighted in the accent colour).
    pub selected: Option<&'a str>,
    /// The region under the pointer (drawn dark, above the others).
    pub hovered: Option<&'a str>,
    /// Page language (axis titles, dates, numbers).
    pub lang: Lang,
    /// Dark page colours.
    pub dark: bool,
}

/// The frame of a time chart `width` pixels wide.
pub fn frame(width: u32) -> Frame {
    Frame { width: width.max(200), height: HEIGHT, left: 56, right: 78, top: 14, bottom: 50 }
}

/// The x range of a series of `n` dates (a single date sits in the middle).
fn x_range(n: usize) -> std::ops::Range<f64> {
    if n < 2 {
        -0.5..0.5
    } else {
        0.0..(n - 1) as f64
    }
}

/// Pixel x of date index `i` of `n` (the cursor's position).
pub fn x_of(frame: &Frame, i: usize, n: usize) -> f64 {
    let r = x_range(n);
    let t = (i as f64 - r.start) / (r.end - r.start);
    frame.x0() + t * (frame.x1() - 1.0 - frame.x0())
}

/// Pixel y of a rate.
pub fn y_of(frame: &Frame, rate: f64) -> f64 {
    frame.y1() - 1.0 - rate.clamp(0.0, 100.0) / 100.0 * (frame.y1() - 1.0 - frame.y0())
}

/// The date index nearest to pixel `x` (for a click on the chart), clamped to the series.
pub fn index_at(frame: &Frame, x: f64, n: usize) -> usize {
    if n < 2 {
        return 0;
    }
    let t = (x - frame.x0()) / (frame.x1() - 1.0 - frame.x0());
    (t * (n - 1) as f64).round().clamp(0.0, (n - 1) as f64) as usize
}

/// The region whose line passes nearest to pixel `(x, y)`, within `tolerance` pixels.
pub fn region_near<'a>(frame: &Frame, ds: &'a Dataset, x: f64, y: f64, tolerance: f64) -> Option<&'a str> {
    let i = index_at(frame, x, ds.dates.len());
    ds.regions
        .iter()
        .filter_map(|s| s.values.get(i).copied().flatten().map(|v| (s.code.as_str(), (y_of(frame, v.rate) - y).abs())))
        .filter(|(_, d)| *d <= tolerance)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(code, _)| code)
}

/// Consecutive runs of present values, as chart points (gaps break the line).
fn runs(values: impl Iterator<Item = Option<f64>>) -> Vec<Vec<(f64, f64)>> {
    let mut out: Vec<Vec<(f64, f64)>> = vec![];
    let mut cur = vec![];
    for (i, v) in values.enumerate() {
        match v {
            Some(r) => cur.push((i as f64, r)),
            None if !cur.is_empty() => out.push(std::mem::take(&mut cur)),
            None => {}
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn builder<'a, DB: DrawingBackend>(
    root: &'a DrawingArea<DB, Shift>,
    frame: &Frame,
    n: usize,
) -> Result<
    ChartContext<'a, DB, Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>>,
    String,
> {
    ChartBuilder::on(root)
        .margin_top(frame.top)
        .margin_right(frame.right)
        .x_label_area_size(frame.bottom)
        .y_label_area_size(frame.left)
        .build_cartesian_2d(x_range(n), 0f64..100f64)
        .map_err(|e| e.to_string())
}

/// Draws the lines, axes and event marks (everything but the cursor).
pub fn draw<DB: DrawingBackend>(root: DrawingArea<DB, Shift>, chart: &TimeChart, frame: &Frame) -> ChartResult {
    let ds = chart.ds;
    let lang = chart.lang;
    let n = ds.dates.len();
    #[allow(non_snake_case)]
    let INK = super::ink(chart.dark);
    let mut c = builder(&root, frame, n)?;
    let label_style = (FONT, TICK).into_font().color(&INK);
    let y_fmt = |v: &f64| format::percent_tick(*v, lang);
    c.configure_mesh()
        .disable_x_mesh()
        .disable_x_axis()
        .x_labels(0)
        .y_labels(6)
        .y_label_formatter(&y_fmt)
        .y_label_style(label_style.clone())
        .y_desc(match lang {
            Lang::Zh => format!("{}（%）", chart.ds.meta.metric.name.get(lang)),
            Lang::En => format!("{} (%)", chart.ds.meta.metric.name.get(lang)),
        })
        .axis_desc_style((FONT, LABEL).into_font().color(&INK))
        // The axis line in the page's ink (plotters' default is black, lost on the dark page).
        .axis_style(INK)
        .max_light_lines(1)
        .light_line_style(MUTED.mix(0.2))
        .bold_line_style(MUTED.mix(0.5))
        .draw()
        .map_err(|e| e.to_string())?;

    // The date axis: our own ticks, so labels fall on whole dates and never crowd.
    let plot_w = frame.x1() - frame.x0();
    let every = ((n as f64) / (plot_w / 64.0).max(1.0)).ceil().max(1.0) as usize;
    let baseline = frame.y1();
    for i in (0..n).step_by(every) {
        let x = x_of(frame, i, n) as i32;
        root.draw(&PathElement::new(vec![(x, baseline as i32), (x, baseline as i32 + 4)], INK))
            .map_err(|e| e.to_string())?;
        root.draw(&Text::new(
            format::date_among(ds.dates[i], &ds.dates, lang),
            (x, baseline as i32 + 8),
            label_style.clone().pos(plotters::style::text_anchor::Pos::new(
                plotters::style::text_anchor::HPos::Center,
                plotters::style::text_anchor::VPos::Top,
            )),
        ))
        .map_err(|e| e.to_string())?;
    }
    root.draw(&PathElement::new(vec![(frame.x0() as i32, baseline as i32), (frame.x1() as i32, baseline as i32)], INK))
        .map_err(|e| e.to_string())?;
    root.draw(&Text::new(
        lang.pick("日期（▲ 有报道的日期）", "Date (▲ dates with reported facts)").to_string(),
        (((frame.x0() + frame.x1()) / 2.0) as i32, (frame.height - 16) as i32),
        label_style.clone().pos(plotters::style::text_anchor::Pos::new(
            plotters::style::text_anchor::HPos::Center,
            plotters::style::text_anchor::VPos::Top,
        )),
    ))
    .map_err(|e| e.to_string())?;

    // Muted lines first, then the province, then the hovered and selected ones on top.
    let emphasis = |code: &str| {
        if chart.selected == Some(code) {
            2
        } else if chart.hovered == Some(code) {
            1
        } else {
            0
        }
    };
    let mut order: Vec<usize> = (0..ds.regions.len()).collect();
    crate::core::sort::sort_by_key(&mut order, |&k| emphasis(&ds.regions[k].code));
    let mut province_drawn = false;
    // Line-end labels (pixel y, text, colour), placed after the lines so they can be spread apart.
    let mut end_labels: Vec<(f64, String, RGBColor)> = Vec::new();
    for k in order {
        let s = &ds.regions[k];
        let e = emphasis(&s.code);
        if e > 0 && !province_drawn {
            end_labels.extend(draw_province(&mut c, frame, ds, lang, INK)?);
            province_drawn = true;
        }
        let style = match e {
            2 => ACCENT.stroke_width(3),
            1 => INK.stroke_width(2),
            _ => MUTED.stroke_width(1),
        };
        for run in runs(s.values.iter().map(|v| v.map(|v| v.rate))) {
            // A value with no neighbour is a dot: a line of one point draws nothing.
            if let [only] = run[..] {
                c.draw_series(std::iter::once(Circle::new(only, 3, style.filled()))).map_err(|e| e.to_string())?;
            } else {
                c.draw_series(LineSeries::new(run, style)).map_err(|e| e.to_string())?;
            }
        }
        if e > 0 {
            if let Some((_, v)) = s.values.iter().enumerate().rev().find_map(|(i, v)| v.map(|v| (i, v.rate))) {
                let color = if e == 2 { ACCENT } else { INK };
                end_labels.push((y_of(frame, v), chart.labels.get(k).cloned().unwrap_or_default(), color));
            }
        }
    }
    if !province_drawn {
        end_labels.extend(draw_province(&mut c, frame, ds, lang, INK)?);
    }
    // In the right margin, at the height where each line ends, moved apart where they would overlap
    // (the selected region and the province both end at 100 % in the 2020 data).
    crate::core::sort::sort_by(&mut end_labels, |a, b| a.0.total_cmp(&b.0));
    let mut ys: Vec<f64> = end_labels.iter().map(|l| l.0).collect();
    spread(&mut ys, LABEL + 1.0, frame.y0(), frame.y1());
    let label_x = x_of(frame, n.saturating_sub(1), n) as i32 + 6;
    for ((_, text, color), y) in end_labels.into_iter().zip(ys) {
        root.draw(&Text::new(
            text,
            (label_x, y.round() as i32),
            (FONT, LABEL).into_font().color(&color).pos(plotters::style::text_anchor::Pos::new(
                plotters::style::text_anchor::HPos::Left,
                plotters::style::text_anchor::VPos::Center,
            )),
        ))
        .map_err(|e| e.to_string())?;
    }

    // Event marks on the date axis.
    let mut marks: Vec<usize> = ds.events.iter().filter_map(|e| ds.date_index(e.date)).collect();
    marks.dedup();
    for i in marks {
        let x = x_of(frame, i, n) as i32;
        let y = baseline as i32 - 1;
        root.draw(&Polygon::new(
            vec![(x, y - 7), (x - 5, y), (x + 5, y)],
            rgb(crate::core::scale::Rgb(0xd3, 0x54, 0x00)).filled(),
        ))
        .map_err(|e| e.to_string())?;
    }
    root.present().map_err(|e| e.to_string())
}

/// Draws the province's dashed line; returns its end label (pixel y, text, colour), if any.
fn draw_province<DB: DrawingBackend>(
    c: &mut ChartContext<
        '_,
        DB,
        Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
    >,
    frame: &Frame,
    ds: &Dataset,
    lang: Lang,
    #[allow(non_snake_case)] INK: RGBColor,
) -> Result<Option<(f64, String, RGBColor)>, String> {
    let totals: Vec<Option<f64>> = (0..ds.dates.len()).map(|i| ds.total(i).map(|v| v.rate)).collect();
    let mut last = None;
    for run in runs(totals.into_iter()) {
        last = run.last().copied();
        c.draw_series(DashedLineSeries::new(run, 6, 4, INK.stroke_width(2))).map_err(|e| e.to_string())?;
    }
    Ok(last.map(|(_, rate)| (y_of(frame, rate), lang.pick("全省", "Province").to_string(), INK)))
}

/// Moves the sorted positions `ys` apart so that neighbours are at least `gap` apart, keeping them
/// within `lo..=hi` where there is room: pushed down from the top first, then, if the last one
/// went past `hi`, pushed back up from the bottom. Positions already far enough apart stay put.
pub fn spread(ys: &mut [f64], gap: f64, lo: f64, hi: f64) {
    for i in 0..ys.len() {
        let min = if i == 0 { lo } else { ys[i - 1] + gap };
        ys[i] = ys[i].max(min);
    }
    for i in (0..ys.len()).rev() {
        let max = if i + 1 == ys.len() { hi } else { ys[i + 1] - gap };
        ys[i] = ys[i].min(max);
    }
}

/// A text description of the chart for the current state (for screen readers and as a caption).
pub fn describe(ds: &Dataset, labels: &[String], index: usize, selected: Option<&str>, lang: Lang) -> String {
    let (Some(first), Some(last), Some(now)) = (ds.dates.first(), ds.dates.last(), ds.dates.get(index)) else {
        return String::new();
    };
    // The dashed line is drawn only where the data give a province total (counts for every
    // region, or a reported total); a reader's file of bare rates has none, and none is claimed.
    let has_total = (0..ds.dates.len()).any(|i| ds.total(i).is_some());
    let (first, last, now) = (format::date(*first, lang), format::date(*last, lang), format::date(*now, lang));
    let n = ds.regions.len();
    let mut out = match (lang, has_total) {
        (Lang::Zh, true) => format!("折线图：{n} 个地区从{first}到{last}的复工率，虚线为全省合计，竖线标出{now}。"),
        (Lang::Zh, false) => format!("折线图：{n} 个地区从{first}到{last}的复工率，竖线标出{now}。"),
        (Lang::En, true) => format!(
            "Line chart: the resumption rate of {n} regions from {first} to {last}, the dashed line is the province total, the vertical line marks {now}."
        ),
        (Lang::En, false) => {
            format!("Line chart: the resumption rate of {n} regions from {first} to {last}, the vertical line marks {now}.")
        }
    };
    if let Some((k, s)) = selected.and_then(|c| ds.regions.iter().enumerate().find(|(_, s)| s.code == c)) {
        let label = labels.get(k).cloned().unwrap_or_default();
        let v = s.values.get(index).copied().flatten().map(|v| ds.value_text(&v, lang));
        let v = v.unwrap_or_else(|| lang.pick("无数据", "no data").to_string());
        out.push_str(&match lang {
            Lang::Zh => format!("突出显示：{label}，当日 {v}。"),
            Lang::En => format!(" Highlighted: {label}, {v} that day."),
        });
    }
    out
}

/// Draws the date cursor for date index `i` on a transparent layer with the chart's frame. Grey,
/// readable on both themes: the accent colour is the selected region's line (and orange the
/// timeline's fact marks), which the cursor was taken for.
pub fn draw_cursor<DB: DrawingBackend>(root: DrawingArea<DB, Shift>, frame: &Frame, i: usize, n: usize) -> ChartResult {
    let x = x_of(frame, i, n).round() as i32;
    let grey = RGBColor(0x80, 0x80, 0x80);
    root.draw(&PathElement::new(vec![(x, frame.y0() as i32), (x, frame.y1() as i32)], grey.stroke_width(2)))
        .map_err(|e| e.to_string())?;
    root.present().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::to_svg;
    use crate::core::bundle::Bundle;

    fn labels(ds: &Dataset) -> Vec<String> {
        ds.regions.iter().map(|s| crate::core::names::short_zh(&s.name.zh)).collect()
    }

    fn svg(selected: Option<&str>) -> String {
        let ds = Bundle::embedded().dataset;
        let labels = labels(&ds);
        let chart = TimeChart { ds: &ds, labels: &labels, selected, hovered: None, lang: Lang::En, dark: false };
        let f = frame(640);
        to_svg(f.width, f.height, |root| draw(root, &chart, &f)).unwrap()
    }

    #[test]
    fn one_line_per_region_plus_the_province() {
        let s = svg(None);
        // LineSeries are polylines; the province is dashed (many short segments).
        let muted = s.matches("stroke=\"#BDBDBD\"").count();
        let polylines: Vec<&str> = s.split("<polyline").skip(1).collect();
        assert_eq!(polylines.iter().filter(|p| p.contains("#BDBDBD")).count(), 9, "{muted} muted strokes");
        assert!(s.contains(&crate::charts::svg_text("Province")));
        assert!(s.contains(&crate::charts::svg_text("10 Feb")), "date labels in the page language");
        assert!(s.contains(&crate::charts::svg_text("Resumption rate (%)")));
        assert!(
            s.contains(&crate::charts::svg_text("100\u{a0}%")) && s.contains(&crate::charts::svg_text("0\u{a0}%")),
            "percentages on the value axis"
        );
    }

    #[test]
    fn the_description_claims_a_province_line_only_where_there_is_one() {
        let ds = Bundle::embedded().dataset;
        let labels = labels(&ds);
        assert!(describe(&ds, &labels, 9, None, Lang::En).contains("the dashed line is the province total"));
        let mut bare = ds.clone();
        for r in &mut bare.regions {
            for v in r.values.iter_mut().flatten() {
                v.counts = None;
            }
        }
        let d = describe(&bare, &labels, 9, None, Lang::En);
        assert!(!d.contains("dashed") && d.contains("the vertical line marks 19 Feb 2020"), "{d}");
        assert!(!describe(&bare, &labels, 9, None, Lang::Zh).contains("虚线"));
    }

    #[test]
    fn a_value_without_neighbours_is_drawn_as_a_dot() {
        // Zunyi has only 12 Feb (its neighbours are gaps): a dot, where a line of one point is nothing.
        let mut ds = Bundle::embedded().dataset;
        let k = ds.regions.iter().position(|r| r.code == "520300").unwrap();
        for (i, v) in ds.regions[k].values.iter_mut().enumerate() {
            if i != 2 {
                *v = None;
            }
        }
        let labels = labels(&ds);
        let chart = TimeChart { ds: &ds, labels: &labels, selected: None, hovered: None, lang: Lang::En, dark: false };
        let f = frame(640);
        let s = to_svg(f.width, f.height, |root| draw(root, &chart, &f)).unwrap();
        assert_eq!(s.split("<polyline").skip(1).filter(|p| p.contains("#BDBDBD")).count(), 8, "eight lines");
        assert_eq!(s.matches("<circle").count(), 1, "and one dot");
    }

    #[test]
    fn the_selected_region_is_highlighted_and_labelled() {
        let s = svg(Some("520300"));
        let polylines: Vec<&str> = s.split("<polyline").skip(1).collect();
        assert_eq!(polylines.iter().filter(|p| p.contains("#BDBDBD")).count(), 8);
        assert_eq!(polylines.iter().filter(|p| p.contains("#D35400")).count(), 1);
        assert!(s.contains(&crate::charts::svg_text("遵义")));
        // Drawn last, so it is on top.
        assert!(polylines.last().unwrap().contains("#D35400"));
    }

    /// The y of the `<text>` element whose content is `label`.
    fn text_y(svg: &str, label: &str) -> f64 {
        let at = svg.find(&crate::charts::svg_text(label)).unwrap_or_else(|| panic!("no text {label}"));
        let open = &svg[svg[..at].rfind("<text").unwrap()..at];
        let y = open.split(" y=\"").nth(1).and_then(|r| r.split('"').next()).unwrap();
        y.parse().unwrap()
    }

    #[test]
    fn line_end_labels_never_overlap() {
        // Zunyi and the province both end at 100 % on 1 Mar: same height, so they are moved apart.
        let s = svg(Some("520300"));
        let (zunyi, province) = (text_y(&s, "遵义"), text_y(&s, "Province"));
        assert!((zunyi - province).abs() >= LABEL, "{zunyi} vs {province}");
    }

    #[test]
    fn spread_moves_only_what_overlaps_and_stays_in_bounds() {
        let mut far = [10.0, 50.0, 90.0];
        spread(&mut far, 17.0, 0.0, 100.0);
        assert_eq!(far, [10.0, 50.0, 90.0], "far enough apart: unchanged");
        let mut same = [20.0, 20.0];
        spread(&mut same, 17.0, 0.0, 100.0);
        assert_eq!(same, [20.0, 37.0]);
        let mut at_bottom = [100.0, 100.0, 100.0];
        spread(&mut at_bottom, 17.0, 0.0, 100.0);
        assert_eq!(at_bottom, [66.0, 83.0, 100.0], "pushed back up from the bottom");
        let mut at_top = [0.0, 0.0];
        spread(&mut at_top, 17.0, 14.0, 100.0);
        assert_eq!(at_top, [14.0, 31.0], "kept below the top");
        spread(&mut [], 17.0, 0.0, 1.0);
    }

    #[test]
    fn cursor_sits_at_the_date() {
        let f = frame(640);
        for (i, n) in [(0, 21), (9, 21), (20, 21)] {
            let s = to_svg(f.width, f.height, |root| draw_cursor(root, &f, i, n)).unwrap();
            let x = x_of(&f, i, n).round() as i32;
            assert!(
                s.contains(&format!("M{x},{}", f.y0() as i32))
                    || s.contains(&format!("points=\"{x},{}", f.y0() as i32)),
                "{s}"
            );
            assert_eq!(index_at(&f, x as f64, n), i, "clicking the cursor finds its date");
        }
        // The cursor agrees with where plotters puts the data: the line of the last date ends there.
        let chart = svg(None);
        let x_last = x_of(&f, 20, 21).round() as i32;
        assert!(chart.contains(&format!("{x_last},")), "a series point at x = {x_last}");
    }

    #[test]
    fn event_marks_on_the_date_axis() {
        let s = svg(None);
        assert_eq!(s.matches("<polygon").count(), 5, "one mark per date with events");
    }

    #[test]
    fn description_names_dates_and_the_selection() {
        let ds = Bundle::embedded().dataset;
        let labels: Vec<String> = ds.regions.iter().map(|s| s.name.en.clone()).collect();
        let d = describe(&ds, &labels, 9, Some("520300"), Lang::En);
        assert!(d.starts_with("Line chart: the resumption rate of 9 regions from 10 Feb 2020 to 1 Mar 2020"), "{d}");
        assert!(d.contains("marks 19 Feb 2020") && d.contains("Highlighted: Zunyi, 57.5\u{a0}% that day."), "{d}");
    }

    #[test]
    fn hit_testing_finds_lines() {
        let ds = Bundle::embedded().dataset;
        let f = frame(640);
        let i = 9;
        let v = ds.value("522300", i).unwrap().rate;
        let (x, y) = (x_of(&f, i, 21), y_of(&f, v));
        assert_eq!(region_near(&f, &ds, x, y + 1.0, 6.0), Some("522300"));
        assert_eq!(region_near(&f, &ds, x, f.y0(), 6.0), None);
    }
}
