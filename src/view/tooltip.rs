//! The tooltip for one region on one date: names in both languages, date, value, change from the
//! previous date, and whether the value is illustrative or reported.

use crate::core::format;
use crate::core::i18n::Lang;
use crate::view::app::SharedBundle;
use yew::prelude::*;

/// Below this map width (a phone's) the card is docked to the map's far half.
const DOCK_BELOW: f64 = 480.0;

/// Properties of [`Tooltip`].
#[derive(Properties, PartialEq)]
pub struct TooltipProps {
    /// The loaded data.
    pub bundle: SharedBundle,
    /// The region.
    pub code: String,
    /// Date index.
    pub index: usize,
    /// Page language.
    pub lang: Lang,
    /// Pointer position inside the map, in pixels.
    pub x: f64,
    /// Pointer position inside the map, in pixels.
    pub y: f64,
    /// Width of the map, to keep the tooltip inside it.
    pub width: f64,
    /// Map height in pixels (the card opens upwards in the lower half).
    #[prop_or(f64::INFINITY)]
    pub height: f64,
    /// Compare mode's "from" date index.
    #[prop_or_default]
    pub compare: Option<usize>,
    /// Dark page colours (the sparkline's ink).
    #[prop_or_default]
    pub dark: bool,
}

/// A floating card next to the pointer.
#[component]
pub fn Tooltip(props: &TooltipProps) -> Html {
    let TooltipProps { bundle, code, index, lang, x, y, width, height, compare, dark } = props;
    let (index, lang) = (*index, *lang);
    let Some(info) = bundle.region(code) else {
        return html! {};
    };
    let ds = &bundle.dataset;
    let value = ds.value(code, index);
    let date = ds.dates.get(index).copied();
    let change = ds.change(code, index);
    let status = match (&ds.meta.origin, ds.meta.illustrative) {
        (_, true) => lang.pick("示意数据（非报道数字）", "Illustrative (not a reported figure)").to_string(),
        (Some(origin), false) => format!("{}{}", lang.pick("来自载入的文件：", "From the loaded file: "), origin),
        (None, false) => lang.pick("报道数字", "Reported figure").to_string(),
    };
    let spark = use_memo((bundle.clone(), code.clone(), index, *dark), |(b, code, i, dark)| {
        let values: Vec<Option<f64>> =
            b.dataset.series(code).map(|s| s.values.iter().map(|v| v.map(|v| v.rate)).collect()).unwrap_or_default();
        let (w, h) = crate::charts::sparkline::SIZE;
        crate::charts::to_svg(w, h, |root| crate::charts::sparkline::draw(root, &values, *i, *dark)).unwrap_or_default()
    });
    let compare_line = compare.and_then(|from| {
        let (a, b) = (ds.dates.get(from)?, ds.dates.get(index)?);
        let text = match ds.change_between(code, from, index) {
            Some(c) => format::change(c, lang),
            None => lang.pick("无法计算", "not available").to_string(),
        };
        Some(match lang {
            Lang::Zh => format!(
                "{}至{}：{}",
                format::date_among(*a, &ds.dates, lang),
                format::date_among(*b, &ds.dates, lang),
                text
            ),
            Lang::En => format!(
                "{} to {}: {}",
                format::date_among(*a, &ds.dates, lang),
                format::date_among(*b, &ds.dates, lang),
                text
            ),
        })
    });
    // On a phone-width map a card by the finger covered the region next to it, and spilled over
    // the page above the map: there it is a strip across the map's half away from the finger,
    // short enough for that half (`.tooltip.docked` leaves out the date, the change and the line,
    // which the timeline and the charts show). Elsewhere it flips to the left of the pointer in
    // the right half, and above it in the lower half, so it stays over the map.
    let docked = *width < DOCK_BELOW;
    let style = if docked {
        format!("left:6px;right:6px;{}:6px", if *y > height / 2.0 { "top" } else { "bottom" })
    } else {
        let across = if *x > width / 2.0 {
            format!("right:{:.0}px", (width - x + 12.0).max(0.0))
        } else {
            format!("left:{:.0}px", x + 12.0)
        };
        let down = if *y > height / 2.0 {
            format!("bottom:{:.0}px", (height - y + 12.0).max(0.0))
        } else {
            format!("top:{:.0}px", y + 12.0)
        };
        format!("{across};{down}")
    };
    html! {
        <div class={classes!("tooltip", docked.then_some("docked"))} role="tooltip" data-tooltip-region={code.clone()} style={style}>
            <p class="tt-name"><strong lang="zh-CN">{ &info.name.zh }</strong>{ " " }<span lang="en">{ &info.name.en }</span></p>
            // What the file's figure covers, when it says more than the map's name: 2021's 71 % is
            // "贵阳市（含贵安新区）", Guiyang together with Gui'an New Area.
            if let Some(covers) = ds.series(code).map(|s| s.name.get(lang)).filter(|n| n.contains('（') || n.contains('(')) {
                <p class="tt-covers">{ lang.pick("数据范围：", "Figure covers: ") }{ covers }</p>
            }
            <p class="tt-date">{ date.map(|d| format::date(d, lang)).unwrap_or_default() }</p>
            <p class="tt-value">
                { ds.meta.metric.name.get(lang) }{ lang.pick("：", ": ") }
                <strong>{ value.map(|v| ds.value_text(&v, lang)).unwrap_or_else(|| lang.pick("无数据", "no data").to_string()) }</strong>
            </p>
            if let Some(v) = value.and_then(|v| v.counts) {
                <p class="tt-counts">{ match lang {
                    Lang::Zh => format!("已复工 {} / 应复工 {} 户", v.resumed, v.due),
                    Lang::En => format!("{} of {} enterprises", v.resumed, v.due),
                } }</p>
            }
            // A one-date file (a snapshot) has no change and no line to draw.
            if ds.dates.len() > 1 {
                <p class="tt-change">{ previous_label(ds, index, lang) }{
                    match (change, index) {
                        (_, 0) => lang.pick("（首日）", "(first date)").to_string(),
                        (Some(c), _) => format::change(c, lang),
                        (None, _) => lang.pick("无法计算", "not available").to_string(),
                    }
                }</p>
            }
            if let Some(line) = compare_line {
                <p class="tt-compare"><strong>{ line }</strong></p>
            }
            if ds.dates.len() > 1 {
                <div class="tt-spark" aria-hidden="true">{ Html::from_html_unchecked(AttrValue::from((*spark).clone())) }</div>
            }
            <p class={classes!("tt-status", ds.meta.illustrative.then_some("illustrative"))}>{ status }</p>
        </div>
    }
}

/// "Change from the day before" when the previous date is the day before; otherwise names the
/// previous date, so a weekly or irregular file does not claim a daily change.
fn previous_label(ds: &crate::core::dataset::Dataset, index: usize, lang: Lang) -> String {
    let prev = index.checked_sub(1).and_then(|p| Some((ds.dates.get(p)?, ds.dates.get(index)?)));
    match (prev, lang) {
        (Some((a, b)), Lang::Zh) if b.days_since(*a) != 1 => format!("较{}：", format::date_among(*a, &ds.dates, lang)),
        (Some((a, b)), Lang::En) if b.days_since(*a) != 1 => {
            format!("Change from {}: ", format::date_among(*a, &ds.dates, lang))
        }
        _ => lang.pick("较前一日：", "Change from the day before: ").to_string(),
    }
}
