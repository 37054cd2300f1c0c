//! The map: one SVG path per region, filled by the value on the chosen date.
//!
//! Paths are computed once per container width (`use_memo` on the width) from the shapes the
//! bundle projected once; a date change re-renders only `fill`s and label texts, which Yew patches
//! as attribute and text changes on the existing elements. Stable hooks: every region is a
//! `path[data-region="<adcode>"]` with its colour in `fill`.

use crate::core::choropleth::{self, Mode};
use crate::core::dataset::Value;
use crate::core::i18n::Lang;
use crate::core::names::short_zh;
use crate::core::scale::{Rgb, Sequential, NO_VALUE};
use crate::core::state::Action;
use crate::view::app::SharedBundle;
use crate::view::hooks::use_size;
use crate::view::tooltip::Tooltip;
use yew::prelude::*;

/// Width used before the container is measured (and in server-side rendering).
const DEFAULT_WIDTH: f64 = 640.0;
/// Space kept free round the shape, in pixels.
const PADDING: f64 = 6.0;

/// Properties of [`MapView`].
#[derive(Properties, PartialEq)]
pub struct MapProps {
    /// The loaded data.
    pub bundle: SharedBundle,
    /// Index of the date shown.
    pub index: usize,
    /// Page language.
    pub lang: Lang,
    /// The region whose tooltip shows (under the pointer, or else selected), if any.
    pub hovered: Option<String>,
    /// The selected region, if any (outlined, and marked `data-selected`).
    pub selected: Option<String>,
    /// Compare mode: colour by the change from this date index to `index`.
    #[prop_or_default]
    pub compare: Option<usize>,
    /// Where user intent goes.
    pub on_action: Callback<Action>,
}

/// The fill of a value (or of no value).
pub fn fill_of(v: Option<Value>) -> Rgb {
    match v {
        Some(v) => Sequential::rate().color(v.rate),
        None => NO_VALUE,
    }
}

/// The choropleth map with labels and the tooltip.
#[component]
pub fn MapView(props: &MapProps) -> Html {
    let MapProps { bundle, index, lang, hovered, selected, compare, on_action } = props;
    let (index, lang) = (*index, *lang);
    let container = use_node_ref();
    let (width, window_height) = use_size(container.clone(), (DEFAULT_WIDTH, f64::INFINITY));
    let width = width.clamp(200.0, 4000.0);
    // Leave room for the title and the timeline on short screens; the shape is centred in the box.
    let height = (width * bundle.shapes.aspect()).min((window_height - 260.0).max(240.0)).round();
    let paths = use_memo((bundle.clone(), width as i64, height as i64), move |(b, _, _)| {
        b.shapes.paths(width, height, PADDING)
    });
    // Pointer position inside the container, for the tooltip.
    let pointer = use_state_eq(|| (0.0f64, 0.0f64));

    let locate = {
        let container = container.clone();
        let pointer = pointer.clone();
        move |e: &PointerEvent| {
            if let Some(el) = container.cast::<web_sys::Element>() {
                let r = el.get_bounding_client_rect();
                pointer.set((e.client_x() as f64 - r.left(), e.client_y() as f64 - r.top()));
            }
        }
    };
    let on_leave = {
        let on_action = on_action.clone();
        Callback::from(move |e: PointerEvent| {
            // A finger lifting also "leaves"; on touch screens the tooltip stays until the next tap.
            if e.pointer_type() != "touch" {
                on_action.emit(Action::Hover(None));
            }
        })
    };
    let on_background_click = {
        let on_action = on_action.clone();
        Callback::from(move |_: MouseEvent| {
            on_action.emit(Action::Hover(None));
            on_action.emit(Action::Select(None));
        })
    };

    let ds = &bundle.dataset;
    // What each region shows: its rate, or in compare mode its change in points.
    let mode = Mode::new(ds, index, *compare);
    let shown = |code: &str| -> (Rgb, Option<String>) {
        let s = choropleth::shown(ds, code, mode, lang);
        (s.fill, s.text)
    };
    let is_bound = |code: &str| choropleth::shown(ds, code, mode, lang).lower_bound;
    let font = (width / 48.0).clamp(10.0, 15.0);
    let regions = bundle.shapes.regions.iter().zip(paths.regions.iter()).map(|(shape, d)| {
        let (fill, value) = shown(&shape.code);
        let fill = fill.to_string();
        let code = shape.code.clone();
        let on_move = {
            let (on_action, locate, code) = (on_action.clone(), locate.clone(), code.clone());
            Callback::from(move |e: PointerEvent| {
                locate(&e);
                on_action.emit(Action::Hover(Some(code.clone())));
            })
        };
        let on_tap = {
            let on_action = on_action.clone();
            let code = code.clone();
            Callback::from(move |e: MouseEvent| {
                e.stop_propagation();
                on_action.emit(Action::Hover(Some(code.clone())));
                on_action.emit(Action::Select(Some(code.clone())));
            })
        };
        let is_selected = selected.as_deref() == Some(code.as_str());
        html! {
            <path key={code.clone()} class={classes!("region", value.is_none().then_some("no-value"), is_selected.then_some("selected"))}
                data-region={code} data-selected={is_selected.then_some("true")} d={d.clone()} fill={fill}
                onpointermove={on_move.clone()} onpointerdown={on_move} onclick={on_tap} />
        }
    });
    // Hatching over regions without a value, so "no value" never reads as a low value.
    let hatches =
        bundle.shapes.regions.iter().zip(paths.regions.iter()).filter(|(s, _)| shown(&s.code).1.is_none()).map(
            |(s, d)| html! { <path key={s.code.clone()} class="hatch" d={d.clone()} fill="url(#no-value-hatch)" /> },
        );
    // Values known only as a lower bound: the bound's colour, with light hatching over it.
    let bound_hatches = bundle.shapes.regions.iter().zip(paths.regions.iter()).filter(|(s, _)| is_bound(&s.code)).map(
        |(s, d)| html! { <path key={s.code.clone()} class="hatch bound" data-lower-bound={s.code.clone()} d={d.clone()} fill="url(#bound-hatch)" /> },
    );
    let labelled = bundle.shapes.labelled();
    let labels = bundle.shapes.regions.iter().zip(paths.labels.iter()).zip(bundle.regions.iter()).map(|((shape, &[x, y]), info)| {
        let (fill, value_text) = shown(&shape.code);
        let text = fill.text_on();
        let halo = if text == Rgb(255, 255, 255) { "rgba(0,0,0,0.45)" } else { "rgba(255,255,255,0.7)" };
        let name = match lang {
            Lang::Zh => short_zh(&info.name.zh),
            Lang::En => info.name.get(Lang::En).to_string(),
        };
        let value_text = value_text.unwrap_or_else(|| lang.pick("无数据", "no data").to_string());
        html! {
            <text key={shape.code.clone()} x={format!("{x:.1}")} y={format!("{:.1}", y - font * 0.2)} fill={text.to_string()}
                stroke={halo} font-size={format!("{font:.1}")}>
                <tspan x={format!("{x:.1}")} class="label-name">{ name }</tspan>
                <tspan x={format!("{x:.1}")} dy="1.15em" class="label-value">{ value_text }</tspan>
            </text>
        }
    });
    let outline_of = |code: &Option<String>, class: &'static str| {
        code.as_ref()
            .and_then(|c| bundle.shapes.index_of(c))
            .map(|i| html! { <path class={class} d={paths.regions[i].clone()} /> })
    };
    let hover_outline = outline_of(hovered, "hover-outline");
    let selected_outline = outline_of(selected, "selected-outline");
    let tooltip = hovered.as_ref().and_then(|code| bundle.region(code)).map(|info| {
        html! { <Tooltip bundle={bundle.clone()} code={info.code.clone()} index={index} lang={lang}
        x={pointer.0} y={pointer.1} width={width} /> }
    });
    let label = lang.pick("贵州各市（州）复工率地图", "Map of the resumption rate by prefecture of Guizhou");

    html! {
        <div class="map" ref={container}>
            <svg width={width.to_string()} height={height.to_string()} viewBox={format!("0 0 {width} {height}")}
                role="img" aria-label={label} onpointerleave={on_leave} onclick={on_background_click}>
                <defs>
                    <pattern id="no-value-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                        <line x1="0" y1="0" x2="0" y2="6" stroke="#8a8a8a" stroke-width="1.5" />
                    </pattern>
                    <pattern id="bound-hatch" width="7" height="7" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)">
                        <line x1="0" y1="0" x2="0" y2="7" stroke="#ffffff" stroke-opacity="0.75" stroke-width="2" />
                    </pattern>
                </defs>
                <g class="regions">{ for regions }</g>
                <g class="hatches" aria-hidden="true">{ for hatches }</g>
                <g class="bound-hatches" aria-hidden="true">{ for bound_hatches }</g>
                <path class="outline" d={paths.outline.clone()} aria-hidden="true" />
                // Optional nodes go in as single (possibly empty) nodes, never as flattened
                // iterators: Yew aligns unkeyed siblings from the end, so a sibling list that
                // changes length would rebuild every node before it — the whole map.
                { selected_outline.unwrap_or_default() }
                { hover_outline.unwrap_or_default() }
                if labelled {
                    <g class="labels" aria-hidden="true">{ for labels }</g>
                }
            </svg>
            { tooltip.unwrap_or_default() }
        </div>
    }
}
