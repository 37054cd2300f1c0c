//! The legend: the 0–100 % colour ramp with its ticks in text, and the "no value" and "lower
//! bound" swatches when the data have such values.

use crate::core::format;
use crate::core::i18n::Lang;
use crate::core::scale::{Diverging, Sequential, NO_VALUE};
use yew::prelude::*;

/// (position 0–1 along the ramp, text) pairs.
type Marks = Vec<(f64, String)>;

/// Properties of [`Legend`].
#[derive(Properties, PartialEq)]
pub struct LegendProps {
    /// Page language.
    pub lang: Lang,
    /// The metric's name in that language.
    pub metric: AttrValue,
    /// Compare mode: the half-width of the diverging scale, in points.
    #[prop_or_default]
    pub change_extent: Option<f64>,
    /// The data have values known only as a lower bound (shown hatched).
    #[prop_or_default]
    pub has_bounds: bool,
    /// Some region lacks a value on some date (shown grey and hatched): the "no data" key shows.
    #[prop_or_default]
    pub has_gaps: bool,
}

/// A horizontal colour ramp with tick labels every 20 %.
#[component]
pub fn Legend(props: &LegendProps) -> Html {
    let lang = props.lang;
    // (position 0–1, colour) stops and (position, label) ticks, for the rate or the change scale.
    let (stops, ticks, caption, aria): (Marks, Marks, String, &str) = match props.change_extent {
        None => (
            Sequential::rate().ramp(11).into_iter().map(|(v, c)| (v / 100.0, c.to_string())).collect(),
            (0..=5).map(|i| (i as f64 / 5.0, format::percent_tick(i as f64 * 20.0, lang))).collect(),
            format!("{}{}", props.metric, lang.pick("（%）", " (%)")),
            lang.pick("色阶：0% 浅黄，100% 深蓝", "Colour scale: 0\u{a0}% pale yellow to 100\u{a0}% dark blue"),
        ),
        Some(e) => {
            let d = Diverging { extent: e };
            (
                d.ramp(11).into_iter().map(|(v, c)| ((v + e) / (2.0 * e), c.to_string())).collect(),
                [-e, -e / 2.0, 0.0, e / 2.0, e]
                    .iter()
                    // The caption names the unit; "个百分点" under each of five ticks would overlap.
                    .map(|&v| ((v + e) / (2.0 * e), format::signed_tick(v)))
                    .collect(),
                format!("{}{}", props.metric, lang.pick("的变化（百分点）", " change (percentage points)")),
                lang.pick(
                    "色阶：下降为红色，0 为白色，上升为蓝色",
                    "Colour scale: falls red, no change white, rises blue",
                ),
            )
        }
    };
    let stops = stops.into_iter().map(|(t, c)| html! { <stop offset={format!("{:.1}%", t * 100.0)} stop-color={c} /> });
    let ticks = ticks.into_iter().map(|(t, label)| {
        let x = 20.0 + 220.0 * t;
        html! {
            <>
                <line x1={format!("{x}")} x2={format!("{x}")} y1="14" y2="30" class="tick" />
                <text x={format!("{x}")} y="42" text-anchor="middle">{ label }</text>
            </>
        }
    });
    html! {
        <figure class={classes!("legend", props.change_extent.is_some().then_some("legend-diverging"))}>
            <figcaption>{ caption }</figcaption>
            <div class="legend-row">
                <svg class="legend-ramp" width="260" height="46" viewBox="0 0 260 46" role="img"
                    aria-label={if props.has_bounds { format!("{aria}{}", lang.pick("；斜线表示只知道下限", "; hatching means only a lower bound is known")) } else { aria.to_string() }}>
                    <defs>
                        <linearGradient id={crate::view::paint_id("legend-gradient")} x1="0" x2="1" y1="0" y2="0">{ for stops }</linearGradient>
                    </defs>
                    <rect x="20" y="14" width="220" height="14" fill={crate::view::paint_url("legend-gradient")} />
                    { for ticks }
                </svg>
                if props.has_gaps {
                    <svg class="legend-nodata" width="92" height="46" viewBox="0 0 92 46" aria-hidden="true">
                        <rect x="2" y="14" width="22" height="14" fill={NO_VALUE.to_string()} />
                        <rect x="2" y="14" width="22" height="14" fill={crate::view::paint_url("no-value-hatch")} />
                        <text x="30" y="26">{ lang.pick("无数据", "No data") }</text>
                    </svg>
                }
                if props.has_bounds {
                    <svg class="legend-bound" width="150" height="46" viewBox="0 0 150 46" aria-hidden="true">
                        <rect x="2" y="14" width="22" height="14" fill={Sequential::rate().color(60.0).to_string()} />
                        <rect x="2" y="14" width="22" height="14" fill={crate::view::paint_url("bound-hatch")} />
                        <text x="30" y="26">{ lang.pick("仅知下限（“以上”）", "Lower bound only") }</text>
                    </svg>
                }
            </div>
        </figure>
    }
}
