//! The map: one SVG path per region, filled by the value on the chosen date; labels, tooltip,
//! keyboard access to every region, and zoom (buttons, Ctrl/⌘ + wheel, pinch, drag to pan).
//!
//! Paths are computed once per container size (`use_memo`) from the shapes the bundle projected
//! once; a date change re-renders only `fill`s and label texts, which Yew patches in place. Zoom is
//! a transform on the groups (strokes keep their width with `vector-effect`), so it never
//! recomputes a path either. Stable hooks: every region is a `path[data-region="<adcode>"]` with its
//! colour in `fill`.
//!
//! Keyboard: the regions are one tab stop (a roving `tabindex`); arrow keys move between them in
//! reading order, Enter or Space selects, and focusing one shows its tooltip. Each region's
//! `aria-label` says its name, date and value.

use crate::core::bundle::RegionInfo;
use crate::core::choropleth::{self, Mode};
use crate::core::dataset::{Bound, Value};
use crate::core::format;
use crate::core::i18n::Lang;
use crate::core::names::short_zh;
use crate::core::room::Placement;
use crate::core::scale::{Rgb, Sequential, NO_VALUE};
use crate::core::shape::SizedPaths;
use crate::core::state::Action;
use crate::view::app::SharedBundle;
use crate::view::hooks::use_measured_size;
use crate::view::tooltip::Tooltip;
use std::collections::HashMap;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Width used before the container is measured (and in server-side rendering).
const DEFAULT_WIDTH: f64 = 640.0;
/// Space kept free round the shape, in pixels.
const PADDING: f64 = 6.0;
/// Zoom limits.
const MAX_ZOOM: f64 = 8.0;
/// The static page's second set of labels is laid out for a map this wide: a 390 px phone's column.
const NARROW: f64 = 358.0;
/// On the page (`Sizing::Screen`), the map is never shorter than this, in pixels…
const SCREEN_FLOOR: f64 = 240.0;
/// …and leaves this much room below the timeline's buttons. `index.html`'s script sizes the static
/// page's map by the same rule (the server writes both numbers into the map's `data-room`), so
/// that the live map replaces it at the same height.
const SCREEN_MARGIN: f64 = 12.0;

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
    /// Dark page colours (for the tooltip's sparkline).
    #[prop_or_default]
    pub dark: bool,
    /// How tall the map may be.
    #[prop_or_default]
    pub sizing: Sizing,
    /// Where user intent goes.
    pub on_action: Callback<Action>,
}

/// How the map's height is chosen; its width is always the column's.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sizing {
    /// The shape's own proportions, but never taller than the window less what stands above the
    /// map and the timeline's buttons below it (measured at each size, language and dataset), so
    /// that the first screen shows the Play button.
    #[default]
    Screen,
    /// Embedded in an iframe of fixed height (the host page has no `embed.js`): the height the
    /// rest of the page leaves in the window, so that everything shows unscrolled — but at least
    /// 220 px (or the shape's own height if less): in a frame too short for that, the page scrolls
    /// rather than shrink the map past reading.
    FitWindow,
    /// Embedded, with `embed.js` making the iframe as tall as the page: the shape's own proportions.
    /// (Bounding it by the window would shrink the map with every resize of the iframe.)
    Natural,
    /// Presenter mode: everything below the big date is the map's, so the map takes the window
    /// less what stands above it (measured at each size, as for `FitWindow`).
    Present,
}

/// The fill of a value (or of no value).
pub fn fill_of(v: Option<Value>) -> Rgb {
    match v {
        Some(v) => Sequential::rate().color(v.rate),
        None => NO_VALUE,
    }
}

/// Zoom and pan: pixel `p` of the unzoomed map is drawn at `p * k + (x, y)`.
#[derive(Clone, Copy, Debug, PartialEq)]
struct View {
    k: f64,
    x: f64,
    y: f64,
}

impl View {
    const IDENTITY: View = View { k: 1.0, x: 0.0, y: 0.0 };

    /// Zooms by `factor` about the point `(cx, cy)` (map pixels), keeping the map inside the box.
    fn zoom_about(self, factor: f64, cx: f64, cy: f64, w: f64, h: f64) -> View {
        let k = (self.k * factor).clamp(1.0, MAX_ZOOM);
        let f = k / self.k;
        View { k, x: cx - (cx - self.x) * f, y: cy - (cy - self.y) * f }.clamped(w, h)
    }

    /// Pans, if need be, so that map point `p` (unzoomed pixels) is drawn at least `margin` inside
    /// the box: a region reached from the keyboard on a zoomed map comes into view.
    fn showing(self, p: [f64; 2], margin: f64, w: f64, h: f64) -> View {
        let (sx, sy) = (p[0] * self.k + self.x, p[1] * self.k + self.y);
        let inside = |v: f64, size: f64| v >= margin.min(size / 2.0) && v <= size - margin.min(size / 2.0);
        if inside(sx, w) && inside(sy, h) {
            self
        } else {
            View { x: w / 2.0 - p[0] * self.k, y: h / 2.0 - p[1] * self.k, ..self }.clamped(w, h)
        }
    }

    fn panned(self, dx: f64, dy: f64, w: f64, h: f64) -> View {
        View { x: self.x + dx, y: self.y + dy, ..self }.clamped(w, h)
    }

    /// The zoomed map always covers the box: no panning it off screen.
    fn clamped(self, w: f64, h: f64) -> View {
        let (min_x, min_y) = (w - w * self.k, h - h * self.k);
        View { k: self.k, x: self.x.clamp(min_x, 0.0), y: self.y.clamp(min_y, 0.0) }
    }

    fn transform(self) -> String {
        format!("translate({:.2} {:.2}) scale({:.4})", self.x, self.y, self.k)
    }
}

/// Reading order for keyboard moves: top to bottom in bands, left to right within a band.
fn reading_order(labels: &[[f64; 2]], band: f64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..labels.len()).collect();
    crate::core::sort::sort_by(&mut order, |&a, &b| {
        let (ya, yb) = ((labels[a][1] / band).floor(), (labels[b][1] / band).floor());
        ya.total_cmp(&yb).then(labels[a][0].total_cmp(&labels[b][0])).then(a.cmp(&b))
    });
    order
}

/// The choropleth map with labels, the tooltip and the zoom controls.
#[component]
pub fn MapView(props: &MapProps) -> Html {
    let MapProps { bundle, index, lang, hovered, selected, compare, dark, sizing, on_action } = props;
    let (index, lang) = (*index, *lang);
    let container = use_node_ref();
    let svg_ref = use_node_ref();
    // Until the live page replaces the static one, the static page's map gives the width: laid
    // out alike (the page's own layout, not an embed or the stage), they have the same.
    // Read once, when the map mounts.
    let seed = *use_state(|| if *sizing == Sizing::Screen { crate::view::boot::static_map_size() } else { None });
    // Without a seed the map waits for its width: measured at once, not a frame later.
    let measured = use_measured_size(container.clone(), seed, seed.is_none());
    let (width, window_height) = measured.unwrap_or((DEFAULT_WIDTH, f64::INFINITY));
    let width = width.clamp(200.0, 4000.0);
    // Leave room for the title and the timeline on short screens; the shape is centred in the box.
    // Embedded, the room is measured: what the page needs besides the map, found after a render
    // at each size (not at each date, so a date step never re-projects the map).
    let reserve = use_state_eq(|| None::<i64>);
    let natural = width * bundle.shapes.aspect();
    // The window less the measured room (a guess until the first measure), never below `floor`.
    let room_left = |guess: f64, floor: f64| (window_height - reserve.map_or(guess, |r| r as f64)).max(floor);
    let height = match sizing {
        Sizing::Screen => natural.min(room_left(260.0, SCREEN_FLOOR)),
        Sizing::FitWindow => natural.min(room_left(260.0, 220.0)),
        Sizing::Natural => natural,
        Sizing::Present => natural.min(room_left(200.0, 240.0)),
    }
    .round();
    {
        let (reserve, container) = (reserve.clone(), container.clone());
        let sizing = *sizing;
        // The title and badge above the map change height with the language and the dataset.
        let texts = (lang, bundle.clone());
        use_effect_with((sizing, width as i64, window_height as i64, texts), move |&(sizing, _, _, _)| {
            // A layout read per size, language and dataset, never per date.
            if sizing == Sizing::Natural {
                return;
            }
            let Some(el) = container.cast::<web_sys::Element>() else { return };
            // Outside the page's layout (never in the app) nothing stands around the map.
            let Ok(Some(page_el)) = el.closest(".page") else { return reserve.set(Some(0)) };
            let (page, map) = (page_el.get_bounding_client_rect(), el.get_bounding_client_rect());
            match sizing {
                // All the page needs besides the map.
                Sizing::FitWindow => reserve.set(Some((page.height() - map.height()).ceil() as i64)),
                // What stands above the map, and what the page keeps below its layout (padding).
                Sizing::Present => {
                    let below = el
                        .closest(".layout")
                        .ok()
                        .flatten()
                        .map(|l| page.bottom() - l.get_bounding_client_rect().bottom())
                        .unwrap_or(24.0);
                    reserve.set(Some((map.top() - page.top() + below.max(0.0) + 4.0).ceil() as i64))
                }
                // What stands above the map, and the timeline's buttons below it: the first screen
                // shows the map and the Play button whatever the title's length (English titles
                // take two lines on a laptop, where a fixed allowance cut the buttons off).
                Sizing::Screen => {
                    let buttons = page_el
                        .query_selector(".timeline-buttons")
                        .ok()
                        .flatten()
                        .map(|b| b.get_bounding_client_rect())
                        .filter(|b| b.height() > 0.0)
                        .map_or(0.0, |b| b.bottom() - map.bottom());
                    let scroll_y = web_sys::window().and_then(|w| w.scroll_y().ok()).unwrap_or(0.0);
                    reserve.set(Some((map.top() + scroll_y + buttons.max(0.0) + SCREEN_MARGIN).ceil() as i64))
                }
                Sizing::Natural => {}
            }
        });
    }
    // The map is settled once its size is known: the column's width (given at once by the static
    // page's, else measured), and (but for `Natural`) the room its page needs, measured by an
    // effect right after the first render. It is projected then, and only then: until then an
    // empty map of the guessed size stands in, unseen (`boot`). Drawn at a guessed room, it was
    // shown at it (Yew may let the browser paint between a render and its effects) and redrawn a
    // few frames later: on a laptop the map changed height, and moved all below it, just after the
    // page appeared (+46 px at 1280 × 800). Loads measured the same either way (side by side, 11
    // each). On the server nothing is measured: the static page is drawn at the default width.
    let settled =
        cfg!(not(target_arch = "wasm32")) || (measured.is_some() && (*sizing == Sizing::Natural || reserve.is_some()));
    let paths = use_memo((bundle.clone(), width as i64, height as i64, settled), move |(b, _, _, settled)| {
        if *settled {
            b.shapes.paths(width, height, PADDING)
        } else {
            SizedPaths { width, height, regions: vec![], labels: vec![], rooms: vec![], outline: String::new() }
        }
    });
    // Settled: the static page can go (the live page already shows, by CSS, once its map is
    // drawn; this removes the static one and the `pending` state for good).
    use_effect_with(settled, |&settled| {
        if settled {
            crate::view::boot::reveal();
        }
    });
    // Where the zoom buttons go at this size: a corner free of regions, else under the map. Sized
    // for touch (44 px, the larger of the two button sizes) on every screen.
    let buttons = *use_memo((bundle.clone(), width as i64, height as i64, settled), move |(b, _, _, settled)| {
        if *settled {
            Placement::of_buttons(&b.shapes, (width, height, PADDING), 3, 44.0, 4.0, 4.0)
        } else {
            Placement::Under
        }
    });
    // Pointer position inside the container, for the tooltip.
    let pointer = use_state_eq(|| (0.0f64, 0.0f64));
    let view = use_state_eq(|| View::IDENTITY);
    // Pointers down on the map (for drag and pinch): id → position.
    let pointers = use_mut_ref(HashMap::<i32, (f64, f64)>::new);
    // The region that holds the map's one tab stop.
    let active = use_state_eq(|| 0usize);
    let n = bundle.shapes.regions.len();
    let order = use_memo((paths.clone(), n), |(p, _)| {
        let labels: Vec<[f64; 2]> = if bundle.shapes.labelled() {
            p.labels.clone()
        } else {
            // Without label points, the centre of each region's box stands in.
            bundle
                .shapes
                .regions
                .iter()
                .map(|s| {
                    let pts = s.polygons.iter().flat_map(|p| p.first()).flatten();
                    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
                    for q in pts {
                        (x0, y0, x1, y1) = (x0.min(q[0]), y0.min(q[1]), x1.max(q[0]), y1.max(q[1]));
                    }
                    [(x0 + x1) / 2.0, -(y0 + y1) / 2.0]
                })
                .collect()
        };
        let band = if bundle.shapes.labelled() { p.height / 6.0 } else { 0.05 };
        reading_order(&labels, band.max(1e-9))
    });

    let local = {
        let container = container.clone();
        move |x: f64, y: f64| -> (f64, f64) {
            match container.cast::<web_sys::Element>() {
                Some(el) => {
                    let r = el.get_bounding_client_rect();
                    (x - r.left(), y - r.top())
                }
                None => (x, y),
            }
        }
    };
    let locate = {
        let (pointer, local) = (pointer.clone(), local.clone());
        move |e: &PointerEvent| pointer.set(local(e.client_x() as f64, e.client_y() as f64))
    };
    // Keyboard: the tooltip of a focused region goes when focus leaves the map (moving between
    // regions, the next region's focus shows its own).
    let on_focus_out = {
        let on_action = on_action.clone();
        Callback::from(move |e: FocusEvent| {
            let to = e.related_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
            if to.is_none_or(|t| t.closest("[data-region]").ok().flatten().is_none()) {
                on_action.emit(Action::Hover(None));
            }
        })
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
    // Drag to pan (when zoomed) and pinch to zoom, with pointer events.
    let on_down = {
        let (pointers, local) = (pointers.clone(), local.clone());
        Callback::from(move |e: PointerEvent| {
            pointers.borrow_mut().insert(e.pointer_id(), local(e.client_x() as f64, e.client_y() as f64));
        })
    };
    let on_pointer_move = {
        let (pointers, local, view) = (pointers.clone(), local.clone(), view.clone());
        Callback::from(move |e: PointerEvent| {
            let mut ps = pointers.borrow_mut();
            let Some(prev) = ps.get(&e.pointer_id()).copied() else { return };
            let now = local(e.client_x() as f64, e.client_y() as f64);
            if ps.len() == 2 {
                let other = ps.iter().find(|(id, _)| **id != e.pointer_id()).map(|(_, p)| *p).unwrap_or(now);
                let dist = |a: (f64, f64), b: (f64, f64)| ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt().max(1.0);
                let factor = dist(now, other) / dist(prev, other);
                let mid = ((now.0 + other.0) / 2.0, (now.1 + other.1) / 2.0);
                view.set(view.zoom_about(factor, mid.0, mid.1, width, height));
                e.prevent_default();
            } else if ps.len() == 1 && view.k > 1.0 && e.buttons() != 0 {
                view.set(view.panned(now.0 - prev.0, now.1 - prev.1, width, height));
                e.prevent_default();
            }
            ps.insert(e.pointer_id(), now);
        })
    };
    // The pointer on the map's background (between regions, round the province): no region is
    // pointed at, and the last one's card goes, as when it leaves the map.
    let on_over = {
        let on_action = on_action.clone();
        Callback::from(move |e: PointerEvent| {
            let target = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
            let on_region = target.is_some_and(|t| t.closest("[data-region]").ok().flatten().is_some());
            if !on_region && e.pointer_type() != "touch" {
                on_action.emit(Action::Hover(None));
            }
        })
    };
    let on_up = {
        let pointers = pointers.clone();
        Callback::from(move |e: PointerEvent| {
            pointers.borrow_mut().remove(&e.pointer_id());
        })
    };
    let on_wheel = {
        let (view, local) = (view.clone(), local.clone());
        Callback::from(move |e: WheelEvent| {
            // Plain wheel scrolls the page, as readers expect; Ctrl/⌘ + wheel (and trackpad
            // pinches, which arrive as Ctrl + wheel) zoom the map.
            if !(e.ctrl_key() || e.meta_key()) {
                return;
            }
            e.prevent_default();
            let (cx, cy) = local(e.client_x() as f64, e.client_y() as f64);
            view.set(view.zoom_about((-e.delta_y() / 300.0).exp(), cx, cy, width, height));
        })
    };
    // A button that its own click disables (zoom out to 1×, reset, zoom in to the limit) would
    // drop keyboard focus to the page: it goes to the other zoom button, which stays enabled.
    fn refocus(e: &MouseEvent, class: &str) {
        // The target, not `current_target`: Yew listens at its root and delegates.
        let other = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|b| b.closest(".zoom-controls").ok().flatten())
            .and_then(|group| group.query_selector(class).ok().flatten())
            .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(other) = other {
            let _ = other.focus();
        }
    }
    let zoom_by = |factor: f64| {
        let view = view.clone();
        Callback::from(move |e: MouseEvent| {
            let next = view.zoom_about(factor, width / 2.0, height / 2.0, width, height);
            if next.k <= 1.001 && factor < 1.0 {
                refocus(&e, ".zoom-in");
            } else if next.k >= MAX_ZOOM && factor > 1.0 {
                refocus(&e, ".zoom-out");
            }
            view.set(next)
        })
    };
    let reset = {
        let view = view.clone();
        Callback::from(move |e: MouseEvent| {
            refocus(&e, ".zoom-in");
            view.set(View::IDENTITY)
        })
    };

    let ds = &bundle.dataset;
    // What each region shows: its rate, or in compare mode its change in points.
    let mode = Mode::new(ds, index, *compare);
    let shown = |code: &str| choropleth::shown(ds, code, mode, lang);
    // Comparing, a region's value is a change: its label says since when.
    let date_text = match (ds.dates.get(index), compare.and_then(|c| ds.dates.get(c)), lang) {
        (Some(d), Some(from), Lang::Zh) => format!("{}至{}的变化", format::date(*from, lang), format::date(*d, lang)),
        (Some(d), Some(from), Lang::En) => {
            format!("change from {} to {}", format::date(*from, lang), format::date(*d, lang))
        }
        (Some(d), None, _) => format::date(*d, lang),
        (None, _, _) => String::new(),
    };
    let v = *view;
    // Labels grow with the map, up to 18 px on a wide one, and up to 24 px in presenter mode
    // (read from the back of a room; the map is then as tall as the screen allows).
    let font_at = |width: f64| (width / 48.0).clamp(13.0, if *sizing == Sizing::Present { 24.0 } else { 18.0 });
    let font = font_at(width);
    // A label's name: the short Chinese (贵阳, 黔东南州), or the English.
    let label_name = move |info: &RegionInfo| match lang {
        Lang::Zh => short_zh(&info.name.zh),
        Lang::En => info.name.get(Lang::En).to_string(),
    };
    // As large as that, but no two labels overlapping: smaller, and on a small map moved within
    // their regions or else without the values that would collide (`core::labels`). Once per size and language (with the widest value under every name: "100.0 %",
    // or "more than 100 %" when the data have lower bounds), never per date.
    let fit_labels = move |p: &SizedPaths, font: f64| {
        let names: Vec<String> = bundle.regions.iter().map(label_name).collect();
        let widest = if bundle.shapes.labelled() && bundle.dataset.has_lower_bounds() {
            format::value(&Value { rate: 100.0, bound: Bound::MoreThan, counts: None }, lang)
        } else {
            format::percent(100.0, lang)
        };
        crate::core::labels::largest_within(&p.labels, &p.rooms, &names, &widest, font)
    };
    let fit = use_memo((paths.clone(), lang, font.to_bits()), move |(p, _, _)| fit_labels(p, font));
    // On the server, for the static page (src/bin/prerender.rs), which is drawn at the default
    // width and scaled by the browser: a second set of labels, laid out as the live map lays them
    // out on a phone's column, in this map's units (`unit` map units to a pixel there). Below
    // 600 px CSS shows it instead of the first, whose text, scaled down with the map, would be too
    // small to read (7 px on a 390 px phone) and would change size at the swap.
    let narrow = (cfg!(not(target_arch = "wasm32")) && bundle.shapes.labelled()).then(|| {
        let p = bundle.shapes.paths(NARROW, (NARROW * bundle.shapes.aspect()).round(), PADDING);
        (fit_labels(&p, font_at(NARROW)), width / NARROW)
    });
    let present = *sizing == Sizing::Present;
    let focus_region = {
        let (svg_ref, active, view, paths, pointer) =
            (svg_ref.clone(), active.clone(), view.clone(), paths.clone(), pointer.clone());
        move |k: usize| {
            active.set(k);
            let panned = paths.labels.get(k).filter(|p| view.k > 1.001 && p[0].is_finite()).map(|&p| {
                let next = view.showing(p, 60.0, width, height);
                view.set(next);
                (p[0] * next.k + next.x, p[1] * next.k + next.y)
            });
            if let Some(el) = svg_ref
                .cast::<web_sys::Element>()
                .and_then(|s| s.query_selector(&format!("[data-region-index=\"{k}\"]")).ok().flatten())
                .and_then(|e| e.dyn_into::<web_sys::SvgElement>().ok())
            {
                let _ = el.focus();
            }
            // The focus handler placed the tooltip by the view of the last render: place it by the
            // view just set, where the region now is.
            if let Some(at) = panned {
                pointer.set(at);
            }
        }
    };
    let regions = bundle.shapes.regions.iter().zip(paths.regions.iter()).zip(bundle.regions.iter()).enumerate().map(
        |(k, ((shape, d), info))| {
            let s = shown(&shape.code);
            let code = shape.code.clone();
            let on_move = {
                let (on_action, locate, code) = (on_action.clone(), locate.clone(), code.clone());
                Callback::from(move |e: PointerEvent| {
                    // A finger going down may be starting to scroll the page: its card waits for
                    // the tap (a click), or a scroll over the map would leave one open.
                    if e.pointer_type() == "touch" {
                        return;
                    }
                    locate(&e);
                    on_action.emit(Action::Hover(Some(code.clone())));
                })
            };
            let on_tap = {
                let (on_action, code, active, pointer, local) =
                    (on_action.clone(), code.clone(), active.clone(), pointer.clone(), local.clone());
                let was_selected = selected.as_deref() == Some(code.as_str());
                Callback::from(move |e: MouseEvent| {
                    e.stop_propagation();
                    active.set(k);
                    pointer.set(local(e.client_x() as f64, e.client_y() as f64));
                    // A second tap clears the selection (`Select` toggles), and on a touch screen its
                    // card goes with it: no pointer stays over the region to keep it.
                    let touch = e.dyn_ref::<PointerEvent>().is_some_and(|p| p.pointer_type() == "touch");
                    on_action.emit(Action::Hover((!(was_selected && touch)).then(|| code.clone())));
                    on_action.emit(Action::Select(Some(code.clone())));
                })
            };
            let on_focus = {
                let (on_action, code, pointer, active) = (on_action.clone(), code.clone(), pointer.clone(), active.clone());
                let [lx, ly] = paths.labels.get(k).copied().unwrap_or([width / 2.0, height / 2.0]);
                let at = if lx.is_finite() { (lx * v.k + v.x, ly * v.k + v.y) } else { (width / 2.0, height / 2.0) };
                Callback::from(move |_: FocusEvent| {
                    active.set(k);
                    pointer.set(at);
                    on_action.emit(Action::Hover(Some(code.clone())));
                })
            };
            let on_key = {
                let (on_action, code, order, focus_region) = (on_action.clone(), code.clone(), order.clone(), focus_region.clone());
                Callback::from(move |e: KeyboardEvent| {
                    // In presenter mode the arrows are the clicker's: they step the dates (the
                    // page's key handler), not the focus.
                    if present && e.key().starts_with("Arrow") {
                        return;
                    }
                    let pos = order.iter().position(|&i| i == k).unwrap_or(0);
                    let next = match e.key().as_str() {
                        "ArrowRight" | "ArrowDown" => Some(order[(pos + 1) % order.len()]),
                        "ArrowLeft" | "ArrowUp" => Some(order[(pos + order.len() - 1) % order.len()]),
                        "Enter" | " " => {
                            e.prevent_default();
                            on_action.emit(Action::Select(Some(code.clone())));
                            None
                        }
                        _ => None,
                    };
                    if let Some(next) = next {
                        e.prevent_default();
                        focus_region(next);
                    }
                })
            };
            let is_selected = selected.as_deref() == Some(code.as_str());
            let value_text = s.text.clone().unwrap_or_else(|| lang.pick("无数据", "no data").to_string());
            // The label shows a change's number only (the legend names the unit); said aloud, the unit.
            let spoken = match mode {
                Mode::Change { from, to, .. } => {
                    ds.change_between(&code, from, to).map(|c| format::change(c, lang)).unwrap_or_else(|| value_text.clone())
                }
                Mode::Rate { .. } => value_text.clone(),
            };
            let name = match lang {
                Lang::Zh => info.name.zh.clone(),
                Lang::En => format!("{} {}", info.name.get(Lang::En), info.name.zh),
            };
            let aria = format!("{name}{}{date_text}{}{spoken}", lang.pick("，", ", "), lang.pick("：", ": "));
            html! {
                <path key={code.clone()} class={classes!("region", s.text.is_none().then_some("no-value"), is_selected.then_some("selected"))}
                    data-region={code} data-region-index={k.to_string()} data-selected={is_selected.then_some("true")}
                    d={d.clone()} fill={s.fill.to_string()} role="button" aria-label={aria}
                    aria-pressed={is_selected.to_string()} tabindex={if k == *active { "0" } else { "-1" }}
                    onpointermove={on_move.clone()} onpointerdown={on_move} onclick={on_tap} onfocus={on_focus}
                    onkeydown={on_key} />
            }
        },
    );
    // Hatching over regions without a value, so "no value" never reads as a low value.
    let hatches =
        bundle.shapes.regions.iter().zip(paths.regions.iter()).filter(|(s, _)| shown(&s.code).text.is_none()).map(
            |(s, d)| html! { <path key={s.code.clone()} class="hatch" d={d.clone()} fill={crate::view::paint_url("no-value-hatch")} /> },
        );
    // Values known only as a lower bound: the bound's colour, with light hatching over it.
    let bound_hatches =
        bundle.shapes.regions.iter().zip(paths.regions.iter()).filter(|(s, _)| shown(&s.code).lower_bound).map(|(s, d)| {
            html! { <path key={s.code.clone()} class="hatch bound" data-lower-bound={s.code.clone()} d={d.clone()} fill={crate::view::paint_url("bound-hatch")} /> }
        });
    let labelled = bundle.shapes.labelled();
    // Labels stay the same size when zoomed: placed at the zoomed position, outside the transform.
    // Drawn where `core::labels` put them: at their anchors, or moved within their regions.
    let labels = |fit: &crate::core::labels::LabelFit, unit: f64| {
        bundle.shapes.regions.iter().zip(fit.at.iter()).zip(bundle.regions.iter()).enumerate().map(move |(k, ((shape, &[x, y]), info))| {
        let s = shown(&shape.code);
        let text = s.fill.text_on();
        // White names keep a dark enough halo to stay readable where a long one (Liupanshui) runs
        // past its region's edge onto the page.
        let halo = if text == Rgb(255, 255, 255) { "rgba(0,0,0,0.6)" } else { "rgba(255,255,255,0.7)" };
        let name = label_name(info);
        let value_text = s.text.unwrap_or_else(|| lang.pick("无数据", "no data").to_string());
        let (x, y) = (x * unit * v.k + v.x, y * v.k);
        let baseline = fit.baseline(k, y) * unit + v.y;
        html! {
            <text key={shape.code.clone()} x={format!("{x:.1}")} y={format!("{baseline:.1}")} fill={text.to_string()}
                stroke={halo} font-size={format!("{:.1}", fit.font * unit)}>
                <tspan x={format!("{x:.1}")} class="label-name">{ name }</tspan>
                if fit.has_value(k) {
                    <tspan x={format!("{x:.1}")} dy="1.15em" class="label-value">{ value_text }</tspan>
                }
            </text>
        }
    }).collect::<Vec<Html>>()
    };
    let outline_of = |code: &Option<String>, class: &'static str| {
        code.as_ref()
            .and_then(|c| bundle.shapes.index_of(c))
            .and_then(|i| paths.regions.get(i))
            // A light halo under the dark line: visible on the palest and the darkest fill alike.
            .map(|d| {
                html! {
                    <g class={class} aria-hidden="true">
                        <path class="halo" d={d.clone()} />
                        <path class="line" d={d.clone()} />
                    </g>
                }
            })
    };
    let hover_outline = outline_of(hovered, "hover-outline");
    let selected_outline = outline_of(selected, "selected-outline");
    // In presenter mode a region selected by the link is outlined, and its card waits for the
    // pointer (or focus): on a projected map it would cover its neighbours' values from the start.
    let placed = *pointer != (0.0, 0.0);
    let card_for = hovered.as_ref().filter(|_| placed || *sizing != Sizing::Present);
    let tooltip = card_for.and_then(|code| bundle.region(code)).map(|info| {
        // No pointer yet (a region selected by the link): the card goes by the region's label,
        // not into the map's corner.
        let (x, y) = match (*pointer, bundle.shapes.index_of(&info.code).and_then(|i| paths.labels.get(i))) {
            ((0.0, 0.0), Some(&[lx, ly])) if lx.is_finite() => (lx * v.k + v.x, ly * v.k + v.y),
            (p, _) => p,
        };
        html! { <Tooltip bundle={bundle.clone()} code={info.code.clone()} index={index} lang={lang}
        x={x} y={y} width={width} height={height} compare={*compare} dark={*dark} /> }
    });
    // Heard on entering the map: whether its values are reported or made (each region's own label
    // then says its value only).
    let label = format!(
        "{}{}",
        ds.meta.title.get(lang),
        match ds.meta.illustrative {
            true => lang.pick(
                "（地图，示意数据；用方向键在地区之间移动）",
                " (map of illustrative data; arrow keys move between regions)"
            ),
            false => lang.pick("（地图；用方向键在地区之间移动）", " (map; arrow keys move between regions)"),
        }
    );
    let zoomed = v.k > 1.001;
    let (buttons_class, buttons_style) = match buttons {
        Placement::Column(c) => ("in-column", Some(c.css(4.0))),
        Placement::Row(c) => ("in-row", Some(c.css(4.0))),
        Placement::Collapsed(c) => ("in-column", Some(c.css(4.0))),
        Placement::Under => ("under", None),
    };

    html! {
        // `data-drawn`: the live page shows from the frame after its map is drawn (static/style.css),
        // before the effect that removes the static page runs.
        // `data-room`: on the server, the rule `index.html`'s script sizes the static map by.
        <div class={classes!("map", zoomed.then_some("zoomed"))} ref={container} data-drawn={settled.then_some("")}
            data-room={cfg!(not(target_arch = "wasm32")).then(|| format!("{SCREEN_FLOOR} {SCREEN_MARGIN}"))}>
            <svg ref={svg_ref} width={width.to_string()} height={height.to_string()} viewBox={format!("0 0 {width} {height}")}
                role="group" aria-label={label} onpointerleave={on_leave} onclick={on_background_click} onfocusout={on_focus_out}
                onpointerdown={on_down} onpointermove={on_pointer_move} onpointerover={on_over} onpointerup={on_up.clone()} onpointercancel={on_up}
                onwheel={on_wheel}>
                <defs>
                    <pattern id={crate::view::paint_id("no-value-hatch")} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                        <line x1="0" y1="0" x2="0" y2="6" stroke="#8a8a8a" stroke-width="1.5" />
                    </pattern>
                    <pattern id={crate::view::paint_id("bound-hatch")} width="7" height="7" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)">
                        <line x1="0" y1="0" x2="0" y2="7" stroke="#ffffff" stroke-opacity="0.75" stroke-width="2" />
                    </pattern>
                </defs>
                <g class="zoom" transform={v.transform()}>
                    <g class="regions">{ for regions }</g>
                    <g class="hatches" aria-hidden="true">{ for hatches }</g>
                    <g class="bound-hatches" aria-hidden="true">{ for bound_hatches }</g>
                    <path class="outline" d={paths.outline.clone()} aria-hidden="true" />
                    // Optional nodes go in as single (possibly empty) nodes, never as flattened
                    // iterators: Yew aligns unkeyed siblings from the end, so a sibling list that
                    // changes length would rebuild every node before it — the whole map.
                    { selected_outline.unwrap_or_default() }
                    { hover_outline.unwrap_or_default() }
                </g>
                if labelled {
                    if let Some((narrow, unit)) = &narrow {
                        <g class="labels labels-wide" aria-hidden="true">{ for labels(&fit, 1.0) }</g>
                        <g class="labels labels-narrow" aria-hidden="true">{ for labels(narrow, *unit) }</g>
                    } else {
                        <g class="labels" aria-hidden="true">{ for labels(&fit, 1.0) }</g>
                    }
                }
            </svg>
            <div class={classes!("zoom-controls", buttons_class)} style={buttons_style} role="group" aria-label={lang.pick("缩放", "Zoom")}>
                <button type="button" class="zoom-in" onclick={zoom_by(1.5)} aria-label={lang.pick("放大", "Zoom in")} disabled={v.k >= MAX_ZOOM}>{ "+" }</button>
                // Only "+" has room in a collapsed corner: the others join it once the map is zoomed.
                if zoomed || !matches!(buttons, Placement::Collapsed(_)) {
                    <button type="button" class="zoom-out" onclick={zoom_by(1.0 / 1.5)} aria-label={lang.pick("缩小", "Zoom out")} disabled={!zoomed}>{ "−" }</button>
                    <button type="button" class="zoom-reset" onclick={reset} aria-label={lang.pick("复原", "Reset zoom")} disabled={!zoomed}>{ "⟲" }</button>
                }
            </div>
            { tooltip.unwrap_or_default() }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoom_keeps_the_point_under_the_cursor_and_the_map_in_the_box() {
        let v = View::IDENTITY.zoom_about(2.0, 100.0, 50.0, 400.0, 300.0);
        assert_eq!(v.k, 2.0);
        // The point (100, 50) stays where it was: 100 * 2 + x = 100.
        assert_eq!((100.0 * v.k + v.x, 50.0 * v.k + v.y), (100.0, 50.0));
        let out = v.panned(10_000.0, -10_000.0, 400.0, 300.0);
        assert_eq!((out.x, out.y), (0.0, -300.0), "clamped: the map still covers the box");
        assert_eq!(View::IDENTITY.zoom_about(0.1, 0.0, 0.0, 400.0, 300.0), View::IDENTITY, "never below 1");
        assert_eq!(View::IDENTITY.zoom_about(100.0, 0.0, 0.0, 400.0, 300.0).k, MAX_ZOOM);
    }

    #[test]
    fn a_point_off_the_zoomed_box_is_brought_into_view() {
        let v = View::IDENTITY.zoom_about(4.0, 400.0, 300.0, 400.0, 300.0); // the bottom-right corner
        assert_eq!(v.showing([390.0, 290.0], 60.0, 400.0, 300.0), v, "already in view: nothing moves");
        let moved = v.showing([50.0, 40.0], 60.0, 400.0, 300.0);
        let (sx, sy) = (50.0 * moved.k + moved.x, 40.0 * moved.k + moved.y);
        assert!((60.0..=340.0).contains(&sx) && (60.0..=240.0).contains(&sy), "({sx}, {sy})");
        assert_eq!(moved.k, v.k, "panned, not zoomed");
    }

    #[test]
    fn reading_order_goes_by_bands_then_left_to_right() {
        let labels = [[50.0, 10.0], [10.0, 12.0], [30.0, 60.0], [5.0, 70.0]];
        assert_eq!(reading_order(&labels, 25.0), vec![1, 0, 3, 2]);
    }
}
