//! The timeline bar: previous / play-pause / next buttons, the date slider and the date readout.
//!
//! Stable hook: the slider is an `<input type="range">` whose `aria-valuetext` is the ISO date of
//! the value, so assistive technology reads a date rather than an index.

use crate::core::format;
use crate::core::i18n::Lang;
use crate::core::state::Action;
use crate::view::app::SharedBundle;
use yew::prelude::*;

/// Properties of [`TimelineBar`].
#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    /// The loaded data (for the dates).
    pub dates: SharedBundle,
    /// Index of the date shown.
    pub index: usize,
    /// Whether playback is running.
    pub playing: bool,
    /// Page language.
    pub lang: Lang,
    /// Where user intent goes.
    pub on_action: Callback<Action>,
}

fn icon(d: &'static str) -> Html {
    html! { <svg class="icon" width="18" height="18" viewBox="0 0 18 18" aria-hidden="true"><path d={d} /></svg> }
}

/// The controls under the map.
#[component]
pub fn TimelineBar(props: &TimelineProps) -> Html {
    let TimelineProps { dates, index, playing, lang, on_action } = props;
    let (index, playing, lang) = (*index, *playing, *lang);
    let dates = &dates.dataset.dates;
    let last = dates.len().saturating_sub(1);
    let iso = dates.get(index).map(|d| d.to_string()).unwrap_or_default();
    let emit = |a: Action| {
        let on_action = on_action.clone();
        Callback::from(move |_: MouseEvent| on_action.emit(a.clone()))
    };
    let on_input = {
        let on_action = on_action.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Ok(i) = input.value().parse::<usize>() {
                on_action.emit(Action::Seek(i));
            }
        })
    };
    let at_end = index >= last;
    let play_label = match (playing, at_end) {
        (true, _) => lang.pick("暂停", "Pause"),
        (false, true) => lang.pick("从头播放", "Play from the start"),
        (false, false) => lang.pick("播放", "Play"),
    };
    let first_label = dates.first().map(|d| format::short_date(*d, lang)).unwrap_or_default();
    let last_label = dates.last().map(|d| format::short_date(*d, lang)).unwrap_or_default();
    html! {
        <div class="timeline" role="group" aria-label={lang.pick("时间轴", "Timeline")}>
            <div class="timeline-buttons">
                <button type="button" class="step-prev" onclick={emit(Action::Step(-1))} disabled={index == 0}
                    aria-label={lang.pick("前一天", "Previous day")} title={lang.pick("前一天（←）", "Previous day (←)")}>
                    { icon("M11 3 L5 9 L11 15 Z") }
                </button>
                <button type="button" class="play" onclick={emit(Action::TogglePlay)} disabled={last == 0}
                    aria-label={play_label} title={play_label} aria-pressed={playing.to_string()}>
                    if playing { { icon("M4 3h4v12H4z M10 3h4v12h-4z") } } else { { icon("M5 3 L15 9 L5 15 Z") } }
                </button>
                <button type="button" class="step-next" onclick={emit(Action::Step(1))} disabled={at_end}
                    aria-label={lang.pick("后一天", "Next day")} title={lang.pick("后一天（→）", "Next day (→)")}>
                    { icon("M7 3 L13 9 L7 15 Z") }
                </button>
            </div>
            <div class="timeline-track">
                <input type="range" class="date-slider" min="0" max={last.to_string()} step="1" value={index.to_string()}
                    aria-label={lang.pick("日期", "Date")} aria-valuetext={iso.clone()} oninput={on_input} />
                <div class="track-ends" aria-hidden="true"><span>{ first_label }</span><span>{ last_label }</span></div>
            </div>
            <output class="timeline-date" for="date-slider" aria-live="off">
                <time datetime={iso}>{ dates.get(index).map(|d| format::date(*d, lang)).unwrap_or_default() }</time>
            </output>
        </div>
    }
}
