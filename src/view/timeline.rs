//! The timeline bar: previous / play-pause / next, the date slider with the dataset's events
//! marked on it, a date field, playback speed and loop.
//!
//! Stable hook: the slider is an `<input type="range">` whose `aria-valuetext` is the ISO date of
//! the value, so assistive technology reads a date rather than an index.

use crate::core::format;
use crate::core::i18n::Lang;
use crate::core::state::{date_input, Action};
use crate::core::timeline::SPEEDS;
use crate::view::app::SharedBundle;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Properties of [`TimelineBar`].
#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    /// The loaded data (dates and events).
    pub bundle: SharedBundle,
    /// Index of the date shown.
    pub index: usize,
    /// Whether playback is running.
    pub playing: bool,
    /// Page language.
    pub lang: Lang,
    /// Playback speed, dates per second.
    #[prop_or(1.0)]
    pub speed: f64,
    /// Whether playback loops.
    #[prop_or_default]
    pub looping: bool,
    /// The window of dates `(from, to)` moves are limited to; `None` = all dates.
    #[prop_or_default]
    pub window: Option<(usize, usize)>,
    /// Compare mode's "from" date index.
    #[prop_or_default]
    pub compare: Option<usize>,
    /// Where user intent goes.
    pub on_action: Callback<Action>,
    /// Shown but out of use (`inert`): the static page's copy, which holds the live one's room
    /// while the app loads.
    #[prop_or_default]
    pub inert: bool,
}

fn icon(d: &'static str) -> Html {
    html! { <svg class="icon" width="18" height="18" viewBox="0 0 18 18" aria-hidden="true"><path d={d} /></svg> }
}

/// Where date `i` of `n` lies along the slider, from 0 (the first) to 1 (the last).
fn track_fraction(i: usize, n: usize) -> f64 {
    if n > 1 {
        i as f64 / (n - 1) as f64
    } else {
        0.0
    }
}

/// Horizontal position of date `i` of `n` on the slider track, as CSS: the thumb's centre travels
/// from half a thumb in from the left to half a thumb in from the right (Chromium's thumb is 16 px).
fn track_position(i: usize, n: usize) -> String {
    format!("left: calc(8px + (100% - 16px) * {:.4})", track_fraction(i, n))
}

/// Focuses the event mark for date index `i` in the timeline track that holds `from`; with
/// `refocusing`, without reopening its pop-up (it tells the mark's focus handler so).
fn focus_mark(
    from: Option<web_sys::EventTarget>,
    i: usize,
    refocusing: Option<&std::rc::Rc<std::cell::RefCell<bool>>>,
) {
    let mark = from
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest(".timeline-track").ok().flatten())
        .and_then(|track| track.query_selector(&format!(".event-mark[data-event-index=\"{i}\"]")).ok().flatten())
        .and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(mark) = mark {
        if let Some(r) = refocusing {
            *r.borrow_mut() = true;
        }
        let _ = mark.focus();
        if let Some(r) = refocusing {
            *r.borrow_mut() = false;
        }
    }
}

/// The controls under the map.
#[component]
pub fn TimelineBar(props: &TimelineProps) -> Html {
    let TimelineProps { bundle, index, playing, lang, speed, looping, window, compare, on_action, inert } = props;
    let (index, playing, lang, inert) = (*index, *playing, *lang, *inert);
    let ds = &bundle.dataset;
    let dates = &ds.dates;
    let n = dates.len();
    let (from, to) = window.unwrap_or((0, n.saturating_sub(1)));
    let iso = dates.get(index).map(|d| d.to_string()).unwrap_or_default();
    // The event whose text shows (mark hovered or focused), and the date field's message.
    let shown_event = use_state_eq(|| None::<usize>);
    // Set while Escape hands focus back to a mark, so that this focus does not reopen its pop-up.
    let refocusing = use_mut_ref(|| false);
    let date_message = use_state_eq(|| None::<crate::core::i18n::Text>);
    // The fact mark that holds the marks' one tab stop (the last one focused; at first the first).
    let tab_mark = use_state_eq(|| None::<usize>);
    // One date (a snapshot such as the 2021 figures): nothing to step, play or compare, and the date
    // is in the readout already. The slider stays in the DOM, hidden and disabled, for the stable
    // hook (`input[type=range]` with the ISO date in `aria-valuetext`) that scripts rely on.
    if n < 2 {
        return html! {
            <div class="timeline single-date" hidden=true data-date={iso.clone()}>
                <input type="range" class="date-slider" min="0" max="0" step="1" value="0" disabled=true
                    aria-label={lang.pick("日期", "Date")} aria-valuetext={iso.clone()} />
            </div>
        };
    }

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
    let on_date = {
        let (on_action, bundle, date_message) = (on_action.clone(), bundle.clone(), date_message.clone());
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            match date_input(&bundle.dataset, &input.value()) {
                Ok(i) => {
                    date_message.set(None);
                    on_action.emit(Action::Seek(i));
                }
                Err(msg) => date_message.set(Some(msg)),
            }
        })
    };
    let on_speed = {
        let on_action = on_action.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Ok(s) = select.value().parse::<f64>() {
                on_action.emit(Action::SetSpeed(s));
            }
        })
    };
    let on_loop = {
        let on_action = on_action.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            on_action.emit(Action::SetLoop(input.checked()));
        })
    };
    // Compare with the window's first date (or its last, when the first is shown); the disabled
    // list already shows the date that ticking the box will pick.
    let default_compare = if index > from { from } else { to };
    let on_compare_toggle = {
        let on_action = on_action.clone();
        let default = default_compare;
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            on_action.emit(Action::SetCompare(input.checked().then_some(default)));
        })
    };
    let on_compare_date = {
        let on_action = on_action.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Ok(i) = select.value().parse::<usize>() {
                on_action.emit(Action::SetCompare(Some(i)));
            }
        })
    };
    let compare_options = dates.iter().enumerate().map(|(i, d)| {
        html! { <option value={i.to_string()} selected={compare.unwrap_or(default_compare) == i}>{ format::date(*d, lang) }</option> }
    });
    let at_end = index >= to;
    let play_label = match (playing, at_end) {
        (true, _) => lang.pick("暂停（空格）", "Pause (Space)"),
        (false, true) => lang.pick("从头播放（空格）", "Play from the start (Space)"),
        (false, false) => lang.pick("播放（空格）", "Play (Space)"),
    };
    let first_label = dates.get(from).map(|d| format::date_among(*d, dates, lang)).unwrap_or_default();
    let last_label = dates.get(to).map(|d| format::date_among(*d, dates, lang)).unwrap_or_default();

    let popover = |i: usize| {
        let hide = {
            let (shown_event, refocusing) = (shown_event.clone(), refocusing.clone());
            Callback::from(move |e: MouseEvent| {
                shown_event.set(None);
                focus_mark(e.target(), i, Some(&refocusing));
            })
        };
        html! {
            // Placed by static/style.css above the slider and within the track, from its mark's
            // place on the track (--f, 0 to 1).
            <div class="event-pop" role="note" style={format!("--f:{:.4}", track_fraction(i, n))}>
                <button type="button" class="dismiss" onclick={hide} aria-label={lang.pick("关闭", "Close")}>{ "×" }</button>
                <p><time datetime={dates[i].to_string()}>{ format::date(dates[i], lang) }</time></p>
                <ul>{ for ds.events_on(i).map(|e| html! {
                    <li>{ e.text.get(lang) }{ " — " }
                        <a href={e.source.url.clone()} target="_blank" rel="noopener noreferrer">{ e.source.name.get(lang) }</a></li>
                }) }</ul>
            </div>
        }
    };
    // One mark per date that has events (several events on a date share a mark).
    let mut event_dates: Vec<usize> = ds.events.iter().filter_map(|e| ds.date_index(e.date)).collect();
    event_dates.dedup();
    // Shared by the marks' key handlers, which are made again at every render (every date step).
    let event_dates: std::rc::Rc<[usize]> = event_dates.into();
    // The marks are one tab stop, as a toolbar is: Tab reaches one mark and its pop-up, then the
    // next control; the arrow keys (and Home / End) move between the marks. Five marks each with
    // a close button and links were 16 stops between the slider and the date field.
    let holder = tab_mark.filter(|h| event_dates.contains(h)).or(event_dates.first().copied());
    let marks = event_dates.iter().enumerate().map(|(k, &i)| {
        // Dates to the previous and next marks (static/style.css keeps each mark's target within
        // half of that, so that a neighbour's target never covers it on a narrow track).
        let room = |j: Option<&usize>| j.map_or(99, |&j| j.abs_diff(i));
        let (before, after) = (room(k.checked_sub(1).and_then(|k| event_dates.get(k))), room(event_dates.get(k + 1)));
        let texts: Vec<&str> = ds.events_on(i).map(|e| e.text.get(lang)).collect();
        let label = match lang {
            Lang::Zh => format!("{}：{}", format::date(dates[i], lang), texts.join("；")),
            Lang::En => format!("{}: {}", format::date(dates[i], lang), texts.join("; ")),
        };
        let show = {
            let shown_event = shown_event.clone();
            move || shown_event.set(Some(i))
        };
        let show_f = {
            let (show, refocusing, tab_mark) = (show.clone(), refocusing.clone(), tab_mark.clone());
            move || {
                tab_mark.set(Some(i));
                if !refocusing.replace(false) {
                    show()
                }
            }
        };
        let on_mark_key = {
            let event_dates = event_dates.clone();
            Callback::from(move |e: KeyboardEvent| {
                let last = event_dates.len().saturating_sub(1);
                let to = match e.key().as_str() {
                    "ArrowLeft" | "ArrowUp" => k.checked_sub(1),
                    "ArrowRight" | "ArrowDown" => (k < last).then_some(k + 1),
                    "Home" => Some(0),
                    "End" => Some(last),
                    _ => return,
                };
                // The page's keys would step the dates: here the arrows are the marks'.
                e.prevent_default();
                e.stop_propagation();
                if let Some(&j) = to.and_then(|to| event_dates.get(to)) {
                    focus_mark(e.target(), j, None);
                }
            })
        };
        let show_m = show;
        html! { <>
            <button key={i} type="button" class={classes!("event-mark", (i == index).then_some("current"))}
                style={format!("{};--l:{before};--r:{after}", track_position(i, n))} data-event-index={i.to_string()} aria-label={label}
                tabindex={if holder == Some(i) { "0" } else { "-1" }} onkeydown={on_mark_key}
                onclick={{
                    // A tap goes to the date, whose facts then show right under the timeline (and
                    // on a phone the pop-up would cover them): it opens no pop-up, which a mouse's
                    // hover and the keyboard's focus do.
                    let (on_action, shown_event) = (on_action.clone(), shown_event.clone());
                    Callback::from(move |e: MouseEvent| {
                        on_action.emit(Action::Seek(i));
                        if e.dyn_ref::<web_sys::PointerEvent>().is_some_and(|p| p.pointer_type() == "touch") {
                            shown_event.set(None);
                        }
                    })
                }} onfocus={Callback::from(move |_| show_f())}
                onmouseenter={Callback::from(move |_| show_m())}>
            </button>
            // The pop-up follows its own mark, so Tab goes from the mark into its link and close
            // button, before the next mark.
            if *shown_event == Some(i) { { popover(i) } }
        </> }
    });
    let speed_options = SPEEDS.iter().map(|&s| {
        let label = match lang {
            Lang::Zh => format!("每秒 {} 天", format::number(s)),
            Lang::En => format!(
                "{}× ({} {} a second)",
                format::number(s),
                format::number(s),
                if s == 1.0 { "date" } else { "dates" }
            ),
        };
        html! { <option value={format::number(s)} selected={(s - speed).abs() < 1e-9}>{ label }</option> }
    });
    let min = dates.get(from).map(|d| d.to_string()).unwrap_or_default();
    let max = dates.get(to).map(|d| d.to_string()).unwrap_or_default();

    // The options are the timeline's sibling, not its child: on a phone the page puts the date's
    // total and reported facts between the slider and them (static/style.css), so that a reader
    // stepping through the dates sees both without scrolling past the speed and compare settings.
    html! { <>
        <div class="timeline" role="group" aria-label={lang.pick("时间轴", "Timeline")} inert={inert}>
            <div class="timeline-buttons">
                <button type="button" class="step-prev" onclick={emit(Action::Step(-1))} disabled={index <= from}
                    aria-label={lang.pick("前一天", "Previous day")} title={lang.pick("前一天（← 或 PageUp）", "Previous day (← or PageUp)")}>
                    { icon("M11 3 L5 9 L11 15 Z") }
                </button>
                <button type="button" class="play" onclick={emit(Action::TogglePlay)} disabled={to <= from}
                    aria-label={play_label} title={play_label} aria-pressed={playing.to_string()}>
                    if playing { { icon("M4 3h4v12H4z M10 3h4v12h-4z") } }
                    else if at_end { { icon("M9 2a7 7 0 1 0 7 7h-2a5 5 0 1 1-5-5v3l4-4-4-4z") } }
                    else { { icon("M5 3 L15 9 L5 15 Z") } }
                </button>
                <button type="button" class="step-next" onclick={emit(Action::Step(1))} disabled={at_end}
                    aria-label={lang.pick("后一天", "Next day")} title={lang.pick("后一天（→ 或 PageDown）", "Next day (→ or PageDown)")}>
                    { icon("M7 3 L13 9 L7 15 Z") }
                </button>
            </div>
            <div class="timeline-track" onkeydown={{
                // Escape closes the fact's pop-up (and only that: not presenter mode, not the selection).
                let shown_event = shown_event.clone();
                let refocusing = refocusing.clone();
                Callback::from(move |e: KeyboardEvent| {
                    if let (true, Some(i)) = (e.key() == "Escape", *shown_event) {
                        e.stop_propagation();
                        shown_event.set(None);
                        // Focus inside the pop-up (which goes) or on a mark: back to the pop-up's mark.
                        // Elsewhere (the slider, with a pop-up opened by the mouse) it stays.
                        let on_fact = e
                            .target()
                            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                            .and_then(|t| t.closest(".event-pop, .event-mark").ok().flatten())
                            .is_some();
                        if on_fact {
                            focus_mark(e.target(), i, Some(&refocusing));
                        }
                    }
                })
            }} onmouseleave={{
                let shown_event = shown_event.clone();
                Callback::from(move |_: MouseEvent| shown_event.set(None))
            }} onfocusout={{
                // Keyboard: the fact's pop-up goes when focus leaves the marks and the pop-up itself
                // (its link and close button are inside it).
                let shown_event = shown_event.clone();
                Callback::from(move |e: FocusEvent| {
                    let to = e.related_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
                    if to.is_none_or(|t| t.closest(".event-marks, .event-pop").ok().flatten().is_none()) {
                        shown_event.set(None);
                    }
                })
            }}>
                <input type="range" class="date-slider" min="0" max={n.saturating_sub(1).to_string()} step="1"
                    value={index.to_string()} aria-label={lang.pick("日期", "Date")} aria-valuetext={iso.clone()}
                    oninput={on_input} />
                <div class="event-marks" style={format!("--steps:{}", n.saturating_sub(1).max(1))}
                    role={(!event_dates.is_empty()).then_some("toolbar")} aria-label={(!event_dates.is_empty()).then(|| lang.pick("报道的事实", "Reported facts"))}>{ for marks }</div>
                <div class="track-ends" aria-hidden="true"><span>{ first_label }</span><span>{ last_label }</span></div>
            </div>
            // An <output> is a polite live region: during playback it would queue every date for
            // speech (the summary, too, waits for the date to settle).
            <output class="timeline-date" aria-live={playing.then_some("off")}>
                <time datetime={iso.clone()}>{ dates.get(index).map(|d| format::date(*d, lang)).unwrap_or_default() }</time>
            </output>
        </div>
        <div class="timeline-options" role="group" aria-label={lang.pick("时间轴选项", "Timeline options")} inert={inert}>
                <label class="date-field">
                    <span>{ lang.pick("跳到日期", "Go to date") }</span>
                    <input type="date" value={iso} min={min} max={max} onchange={on_date}
                        aria-invalid={date_message.is_some().then_some("true")}
                        aria-describedby={(!inert).then_some("date-message")} />
                </label>
                <label>
                    <span>{ lang.pick("速度", "Speed") }</span>
                    <select class="speed" onchange={on_speed}>{ for speed_options }</select>
                </label>
                <label class="loop">
                    <input type="checkbox" checked={*looping} onchange={on_loop} />
                    <span>{ lang.pick("循环播放", "Loop") }</span>
                </label>
                // The box and its date list wrap as one, never apart.
                <span class="compare-group">
                    <label class="compare">
                        <input type="checkbox" checked={compare.is_some()} onchange={on_compare_toggle} />
                        <span>{ lang.pick("对比：相对于", "Compare with") }</span>
                    </label>
                    <select class="compare-date" disabled={compare.is_none()} onchange={on_compare_date}
                        aria-label={lang.pick("对比的起始日期", "Date to compare with")}>{ for compare_options }</select>
                </span>
                // Not in the static copy, which stands beside the live one while the app loads: ids are unique.
                <p id={(!inert).then_some("date-message")} class="date-message" role="alert">
                    { date_message.as_ref().map(|m| m.get(lang).to_string()).unwrap_or_default() }
                </p>
        </div>
    </> }
}
