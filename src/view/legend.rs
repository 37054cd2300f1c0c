//! The legend: the 0–100 % colour ramp with its ticks in text, and the "no value" swatch.

use crate::core::format;
use crate::core::i18n::Lang;
use crate::core::scale::{Sequential, NO_VALUE};
use yew::prelude::*;

/// Properties of [`Legend`].
#[derive(Properties, PartialEq)]
pub struct LegendProps {
    /// Page language.
    pub lang: Lang,
    /// The metric's name in that language.
    pub metric: AttrValue,
}

/// A horizontal colour ramp with tick labels every 20 %.
#[component]
pub fn Legend(props: &LegendProps) -> Html {
    let lang = props.lang;
    let scale = Sequential::rate();
    let stops = scale.ramp(11).into_iter().map(|(v, c)| {
        html! { <stop offset={format!("{}%", v)} stop-color={c.to_string()} /> }
    });
    let ticks = (0..=5).map(|i| {
        let v = i * 20;
        let x = 20.0 + 220.0 * i as f64 / 5.0;
        html! {
            <>
                <line x1={format!("{x}")} x2={format!("{x}")} y1="14" y2="30" class="tick" />
                <text x={format!("{x}")} y="42" text-anchor="middle">{ format::percent(v as f64, lang) }</text>
            </>
        }
    });
    html! {
        <figure class="legend">
            <figcaption>{ format!("{}{}", props.metric, lang.pick("（%）", " (%)")) }</figcaption>
            <div class="legend-row">
                <svg class="legend-ramp" width="260" height="46" viewBox="0 0 260 46" role="img"
                    aria-label={lang.pick("色阶：0% 浅黄，100% 深蓝", "Colour scale: 0 % pale yellow to 100 % dark blue")}>
                    <defs>
                        <linearGradient id="legend-gradient" x1="0" x2="1" y1="0" y2="0">{ for stops }</linearGradient>
                    </defs>
                    <rect x="20" y="14" width="220" height="14" fill="url(#legend-gradient)" />
                    { for ticks }
                </svg>
                <svg class="legend-nodata" width="92" height="46" viewBox="0 0 92 46" aria-hidden="true">
                    <rect x="2" y="14" width="22" height="14" fill={NO_VALUE.to_string()} />
                    <rect x="2" y="14" width="22" height="14" fill="url(#no-value-hatch)" />
                    <text x="30" y="26">{ lang.pick("无数据", "No data") }</text>
                </svg>
            </div>
        </figure>
    }
}
