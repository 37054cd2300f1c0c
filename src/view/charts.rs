//! The charts under the map, linked to it: the rate over time (click sets the date, click on a line
//! selects, hover highlights on the map) and the ranking for the date (click selects). Each has a
//! text description and an equivalent data table.
//!
//! The time chart's plotters SVG is drawn into a string ([`crate::charts`]) and inserted as markup;
//! region names inside it are escaped by plotters' SVG backend, so a hostile name stays text. The
//! ranking is made of Yew elements ([`RankingSvg`]), so a date step updates them in place.

use crate::charts::ranking::{self, Measure, Row};
use crate::charts::time::{self, TimeChart};
use crate::charts::to_svg;
use crate::core::format;
use crate::core::i18n::Lang;
use crate::core::scale::Diverging;
use crate::core::state::Action;
use crate::view::app::SharedBundle;
use crate::view::hooks::{use_after_first_frame, use_details_open, use_size, use_trailing};
use crate::view::unbroken;
use yew::prelude::*;

/// Properties of [`Charts`].
#[derive(Properties, PartialEq, Clone)]
pub struct ChartsProps {
    /// The loaded data.
    pub bundle: SharedBundle,
    /// Date index shown.
    pub index: usize,
    /// Compare mode's "from" date index.
    pub compare: Option<usize>,
    /// Selected region.
    pub selected: Option<String>,
    /// Region under the pointer.
    pub hovered: Option<String>,
    /// Page language.
    pub lang: Lang,
    /// Dark page colours.
    #[prop_or_default]
    pub dark: bool,
    /// Where user intent goes.
    pub on_action: Callback<Action>,
    /// `false` while only the charts' frames are shown, not their drawings (the first frame after
    /// they appear; set by [`Charts`]).
    #[prop_or(true)]
    pub drawn: bool,
}

/// Pointer position relative to an element.
fn local(e: &MouseEvent, node: &NodeRef) -> Option<(f64, f64)> {
    let el = node.cast::<web_sys::Element>()?;
    let r = el.get_bounding_client_rect();
    Some((e.client_x() as f64 - r.left(), e.client_y() as f64 - r.top()))
}

fn svg_html(svg: &Result<String, String>) -> Html {
    match svg {
        Ok(s) => Html::from_html_unchecked(AttrValue::from(s.clone())),
        Err(e) => html! { <p class="chart-error" role="alert">{ format!("Chart could not be drawn: {e}") }</p> },
    }
}

/// Short labels of the dataset's regions, in dataset order.
fn labels(bundle: &SharedBundle, lang: Lang) -> Vec<String> {
    bundle.dataset.regions.iter().map(|s| bundle.label(&s.code, lang)).collect()
}

/// The two charts, side by side on wide screens, stacked on phones.
///
/// They show the date (and compare date) through [`use_trailing`]: one frame after the map when
/// the date rests, and a few times a second while it changes at every frame (a fast scrub), when
/// redrawing them per date would make every step miss its frame. `data-date` is the date they
/// show.
///
/// Their drawings come a frame after they first appear ([`use_after_first_frame`]): the map's
/// first frame does not wait for them (for 88 counties × 365 days, the time chart's 88 lines
/// alone are 17 ms of a load's script and then an SVG to parse). Their frames, captions and
/// heights are there from the start, so nothing moves when the drawings arrive.
#[component]
pub fn Charts(props: &ChartsProps) -> Html {
    let (index, compare) = use_trailing((props.index, props.compare));
    let drawn = use_after_first_frame();
    let shown = ChartsProps { index, compare, drawn, ..props.clone() };
    let date = props.bundle.dataset.dates.get(index).map(|d| d.to_string()).unwrap_or_default();
    html! {
        <section class="charts" aria-label={props.lang.pick("图表", "Charts")} data-date={date}>
            // A snapshot of one date has no course over time to draw.
            if props.bundle.dataset.dates.len() > 1 {
                <TimeChartView ..shown.clone() />
            }
            <RankingView ..shown />
        </section>
    }
}

/// Rate over time, with a cursor layer that alone changes with the date.
#[component]
pub fn TimeChartView(props: &ChartsProps) -> Html {
    let ChartsProps { bundle, index, compare, selected, hovered, lang, dark, on_action, drawn, .. } = props;
    let (dark, drawn) = (*dark, *drawn);
    let (index, lang) = (*index, *lang);
    let node = use_node_ref();
    let (width, _) = use_size(node.clone(), (640.0, f64::INFINITY));
    let frame = time::frame(width as u32);
    let n = bundle.dataset.dates.len();
    let labels = use_memo((bundle.clone(), lang), |(b, l)| labels(b, *l));
    let lines = use_memo((bundle.clone(), frame.width, selected.clone(), hovered.clone(), lang, dark, drawn), {
        let labels = labels.clone();
        move |(b, _, sel, hov, l, dark, drawn)| {
            if !*drawn {
                return Ok(String::new());
            }
            let chart = TimeChart {
                dark: *dark,
                ds: &b.dataset,
                labels: &labels,
                selected: sel.as_deref(),
                hovered: hov.as_deref(),
                lang: *l,
            };
            to_svg(frame.width, frame.height, |root| time::draw(root, &chart, &frame))
        }
    });
    // Drawn once per size at the first date, and moved to the date by a CSS transform: a date
    // step changes one style property instead of replacing an SVG.
    let cursor = use_memo((frame.width, n, drawn), move |(_, n, drawn)| {
        if !*drawn {
            return Ok(String::new());
        }
        to_svg(frame.width, frame.height, |root| time::draw_cursor(root, &frame, 0, *n))
    });
    let cursor_x = time::x_of(&frame, index, n).round();
    let cursor_shift = cursor_x - time::x_of(&frame, 0, n).round();
    let on_click = {
        let (node, bundle, on_action) = (node.clone(), bundle.clone(), on_action.clone());
        Callback::from(move |e: MouseEvent| {
            let Some((x, y)) = local(&e, &node) else { return };
            if let Some(code) = time::region_near(&frame, &bundle.dataset, x, y, 6.0) {
                on_action.emit(Action::Select(Some(code.to_string())));
            }
            if x >= frame.x0() - 8.0 && x <= frame.x1() + 8.0 {
                on_action.emit(Action::Seek(time::index_at(&frame, x, bundle.dataset.dates.len())));
            }
        })
    };
    // The line under the pointer, with the date under it: its value is read beside the pointer
    // (the map's card, which the shared hover also opens, may be scrolled out of view).
    let pointed = use_state_eq(|| None::<(String, usize, i32, i32)>);
    let on_move = {
        let (node, bundle, on_action, pointed) = (node.clone(), bundle.clone(), on_action.clone(), pointed.clone());
        Callback::from(move |e: PointerEvent| {
            let Some((x, y)) = local(&e, &node) else { return };
            let near = time::region_near(&frame, &bundle.dataset, x, y, 6.0).map(str::to_string);
            let i = time::index_at(&frame, x, bundle.dataset.dates.len());
            pointed.set(near.clone().map(|code| (code, i, x as i32, y as i32)));
            on_action.emit(Action::Hover(near));
        })
    };
    let on_leave = {
        let (on_action, pointed) = (on_action.clone(), pointed.clone());
        Callback::from(move |_: PointerEvent| {
            pointed.set(None);
            on_action.emit(Action::Hover(None))
        })
    };
    let tip = (*pointed).as_ref().and_then(|(code, i, x, y)| {
        let ds = &bundle.dataset;
        let date = ds.dates.get(*i)?;
        let value = ds.value(code, *i).map(|v| ds.value_text(&v, lang)).unwrap_or_else(|| lang.pick("无数据", "no data").into());
        let name = bundle.label(code, lang);
        // Left of the pointer in the right half, so it stays inside the chart.
        let side = if f64::from(*x) > f64::from(frame.width) / 2.0 {
            format!("right:{}px", i64::from(frame.width) - i64::from(*x) + 10)
        } else {
            format!("left:{}px", x + 10)
        };
        Some(html! {
            <div class="chart-tip" aria-hidden="true" style={format!("{side};top:{}px", (y - 36).max(0))}>
                <strong>{ name }</strong>{ " " }{ format::date(*date, lang) }{ lang.pick("：", ": ") }<strong>{ value }</strong>
            </div>
        })
    });
    // Comparing, the base date is marked too: the same line, dashed, moved to it.
    let base = compare.filter(|&c| c < n).map(|c| time::x_of(&frame, c, n).round() - time::x_of(&frame, 0, n).round());
    let mut description = time::describe(&bundle.dataset, &labels, index, selected.as_deref(), lang);
    if let Some(d) = compare.and_then(|c| bundle.dataset.dates.get(c)) {
        description.push_str(&match lang {
            Lang::Zh => format!("竖虚线标出对比的起点{}。", format::date(*d, lang)),
            Lang::En => {
                format!(" The dashed vertical line marks {}, the base of the comparison.", format::date(*d, lang))
            }
        });
    }
    let metric = bundle.dataset.meta.metric.name.get(lang);
    // The whole-series table has a cell per region and date (88 × 365 = 32 000 for the counties):
    // built only once the reader opens it, so it costs nothing at load or on a date step.
    let (table_open, on_toggle) = use_details_open();
    html! {
        <figure class="chart time-chart">
            <figcaption>
                <h2>{ match lang { Lang::Zh => format!("{}走势", metric), Lang::En => format!("{metric} over time") } }{ bundle.dataset.meta.made_note(lang) }</h2>
                <p class="chart-desc">{ unbroken(&description) }</p>
            </figcaption>
            <div class="chart-canvas" ref={node} role="img" aria-label={description.clone()}
                data-cursor-index={index.to_string()} data-cursor-x={format!("{cursor_x:.0}")}
                style={format!("height:{}px", frame.height)}
                onclick={on_click} onpointermove={on_move} onpointerleave={on_leave}>
                <div class="chart-layer" aria-hidden="true">{ svg_html(&lines) }</div>
                if let Some(shift) = base {
                    <div class="chart-layer cursor-layer compare-base" aria-hidden="true"
                        style={format!("transform:translateX({shift:.0}px)")}>{ svg_html(&cursor) }</div>
                }
                <div class="chart-layer cursor-layer" aria-hidden="true"
                    style={format!("transform:translateX({cursor_shift:.0}px)")}>{ svg_html(&cursor) }</div>
                { tip.unwrap_or_default() }
            </div>
            <details class="chart-table" ontoggle={on_toggle}>
                <summary>{ match lang {
                    Lang::Zh => format!("数据表：各地区逐日{metric}"),
                    Lang::En => format!("Data table: each region's {} by date", format::lower_first(metric)),
                } }{ bundle.dataset.meta.made_note(lang) }</summary>
                if table_open {
                    <DataTable bundle={bundle.clone()} lang={lang} />
                }
            </details>
        </figure>
    }
}

/// Properties of [`DataTable`].
#[derive(Properties, PartialEq)]
pub struct TableProps {
    /// The loaded data.
    pub bundle: SharedBundle,
    /// Page language.
    pub lang: Lang,
}

/// The whole dataset as a table: a row per region (and the province total), a column per date.
#[component]
pub fn DataTable(props: &TableProps) -> Html {
    let (bundle, lang) = (&props.bundle, props.lang);
    let ds = &bundle.dataset;
    let n = ds.dates.len();
    // Regions' values as the dataset writes them; totals as computed or reported.
    let cell =
        |v: Option<crate::core::dataset::Value>| v.map(|v| ds.value_text(&v, lang)).unwrap_or_else(|| "–".into());
    let total_cell =
        |v: Option<crate::core::dataset::Value>| v.map(|v| format::value(&v, lang)).unwrap_or_else(|| "–".into());
    html! {
        <div class="table-scroll" tabindex="0" role="region" aria-label={lang.pick("逐日数据表", "Daily data table")}>
            <table class="data-table">
                <caption class="sr-only">{ ds.meta.title_noting_made(lang) }</caption>
                <thead><tr>
                    <th scope="col" class="region-col">{ lang.pick("地区", "Region") }</th>
                    { for ds.dates.iter().map(|d| html! { <th scope="col"><time datetime={d.to_string()}>{ format::date_among(*d, &ds.dates, lang) }</time></th> }) }
                </tr></thead>
                <tbody>
                    { for ds.regions.iter().map(|s| html! {
                        <tr>
                            <th scope="row">{ bundle.label(&s.code, lang) }</th>
                            { for s.values.iter().map(|v| html! { <td>{ cell(*v) }</td> }) }
                        </tr>
                    }) }
                    if let Some(first) = (0..n).find(|&i| ds.total(i).is_some()) {
                        <tr class="total">
                            <th scope="row">{ ds.total_label(first, lang) }{
                                if ds.meta.illustrative && !ds.total_is_reported(first) { lang.pick("（示意）", " (illustrative)") } else { "" }
                            }</th>
                            { for (0..n).map(|i| html! { <td>{ total_cell(ds.total(i)) }</td> }) }
                        </tr>
                    }
                </tbody>
            </table>
        </div>
    }
}

/// The ranking for the date (or the change between two dates in compare mode).
#[component]
pub fn RankingView(props: &ChartsProps) -> Html {
    let ChartsProps { bundle, index, compare, selected, lang, dark, on_action, drawn, .. } = props;
    let (dark, drawn) = (*dark, *drawn);
    let (index, lang) = (*index, *lang);
    let node = use_node_ref();
    let (width, _) = use_size(node.clone(), (480.0, f64::INFINITY));
    let ds = &bundle.dataset;
    let labels = use_memo((bundle.clone(), lang), |(b, l)| labels(b, *l));
    let measure = match compare {
        Some(from) => {
            Measure::Change { from: *from, to: index, scale: Diverging::covering(ds.max_abs_change(*from, index)) }
        }
        None => Measure::Rate(index),
    };
    let rows: std::rc::Rc<Vec<Row>> = use_memo((bundle.clone(), lang, index, *compare), {
        let labels = labels.clone();
        move |(b, _, _, _)| ranking::rows(&b.dataset, &labels, measure)
    });
    let frame = ranking::frame(width as u32, rows.len());
    let extent = match measure {
        Measure::Change { scale, .. } => Some(scale.extent),
        Measure::Rate(_) => None,
    };
    let change = extent.is_some();
    let layout =
        use_memo((rows.clone(), frame.width, selected.clone(), lang, drawn), move |(rows, _, sel, l, drawn)| {
            let rows: &[Row] = if *drawn { rows } else { &[] };
            let domain = extent.map(|e| ranking::change_domain(rows, e)).unwrap_or((0.0, 100.0));
            ranking::layout(&frame, rows, &ranking::Style { domain, selected: sel.as_deref(), lang: *l, change })
        });
    let on_click = {
        let (node, rows, on_action) = (node.clone(), rows.clone(), on_action.clone());
        Callback::from(move |e: MouseEvent| {
            let Some((_, y)) = local(&e, &node) else { return };
            if let Some(k) = ranking::row_at(&frame, y, rows.len()) {
                on_action.emit(Action::Select(Some(rows[k].code.clone())));
            }
        })
    };
    let date = ds.dates.get(index).map(|d| format::date(*d, lang)).unwrap_or_default();
    let what = match (compare.and_then(|c| ds.dates.get(c)), lang) {
        (Some(from), Lang::Zh) => format!("{}至{}的变化", format::date(*from, lang), date),
        (Some(from), Lang::En) => format!("change from {} to {}", format::date(*from, lang), date),
        (None, Lang::Zh) => format!("{date}{}", bundle.dataset.meta.metric.name.get(lang)),
        (None, Lang::En) => format!("{} on {date}", format::lower_first(bundle.dataset.meta.metric.name.get(lang))),
    };
    let description = ranking::describe(&rows, &what, lang, change);
    let order = rows.iter().map(|r| r.code.as_str()).collect::<Vec<_>>().join(",");
    // Built only while open: otherwise a date step would rebuild a row per region nobody sees.
    let (table_open, on_toggle) = use_details_open();
    html! {
        <figure class="chart ranking-chart">
            <figcaption>
                <h2>{ if change { lang.pick("变化排名（百分点）", "Ranking of the change (percentage points)") } else { lang.pick("当日排名", "Ranking for the date") } }{ bundle.dataset.meta.made_note(lang) }</h2>
                <p class="chart-desc">{ unbroken(&description) }</p>
            </figcaption>
            <div class="chart-canvas" ref={node} role="img" aria-label={description.clone()} data-order={order}
                data-measure={if change { "change" } else { "rate" }} style={format!("height:{}px", frame.height)} onclick={on_click}>
                <div class="chart-layer" aria-hidden="true">
                    if drawn {
                        <RankingSvg layout={layout} width={frame.width} height={frame.height} dark={dark} />
                    }
                </div>
            </div>
            <details class="chart-table" ontoggle={on_toggle}>
                <summary>{ lang.pick("数据表：排名", "Data table: ranking") }{ bundle.dataset.meta.made_note(lang) }</summary>
                if table_open {
                    <table>
                        <thead><tr>
                            <th scope="col">{ lang.pick("名次", "Rank") }</th>
                            <th scope="col" class="region-col">{ lang.pick("地区", "Region") }</th>
                            <th scope="col">{ if change { lang.pick("变化", "Change") } else { bundle.dataset.meta.metric.name.get(lang) } }</th>
                        </tr></thead>
                        <tbody>
                            { for rows.iter().enumerate().map(|(k, r)| html! {
                                <tr class={classes!((selected.as_deref() == Some(r.code.as_str())).then_some("selected"))}>
                                    <td>{ ranking::rank_text(&rows, k) }</td><th scope="row">{ &r.label }</th><td>{ ranking::value_text(r, lang, change) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                }
            </details>
        </figure>
    }
}

/// Properties of [`RankingSvg`].
#[derive(Properties, PartialEq)]
pub struct RankingSvgProps {
    /// Where everything goes.
    pub layout: std::rc::Rc<ranking::Layout>,
    /// Size of the drawing, in pixels.
    pub width: u32,
    /// Height of the drawing, in pixels.
    pub height: u32,
    /// Dark page colours.
    pub dark: bool,
}

/// The ranking's SVG: gridlines, then one group per region, keyed by its code and listed in the
/// dataset's order, moved to its rank by a transform. A date step therefore changes a few
/// attributes and texts of the same elements; Yew escapes every text (a hostile name stays text).
#[component]
pub fn RankingSvg(props: &RankingSvgProps) -> Html {
    let RankingSvgProps { layout, width, height, dark } = props;
    let ink = crate::charts::ink(*dark);
    let ink = format!("rgb({},{},{})", ink.0, ink.1, ink.2);
    let (top, axis_y) = (layout.top.to_string(), layout.axis_y.to_string());
    // Tick labels hang 4 px below the gridlines' ends.
    let tick_y = (layout.axis_y + 4).to_string();
    let label_x = layout.label_x.to_string();
    let (bar_top, bar_height, mid) =
        (layout.bar_top().to_string(), layout.bar_height().to_string(), layout.mid().to_string());
    html! {
        <svg class={classes!("ranking-svg", (layout.row < ranking::ROW as i32).then_some("dense"))} width={width.to_string()} height={height.to_string()}
            viewBox={format!("0 0 {width} {height}")} fill={ink.clone()}>
            <defs>
                <pattern id="rank-bound-hatch" width="7" height="7" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)">
                    <line x1="0" y1="0" x2="0" y2="7" stroke="#ffffff" stroke-opacity="0.75" stroke-width="2" />
                </pattern>
            </defs>
            { for layout.ticks.iter().map(|t| {
                let x = t.x.to_string();
                html! {
                    <>
                        <line class="grid" x1={x.clone()} x2={x.clone()} y1={top.clone()} y2={axis_y.clone()} />
                        <text class="tick-label" x={x} y={tick_y.clone()} dy="0.76em" text-anchor="middle">{ &t.label }</text>
                    </>
                }
            }) }
            { for layout.bars.iter().map(|b| html! {
                <g key={b.code.clone()} transform={format!("translate(0,{})", b.top)}>
                    <text class={classes!("bar-label", b.selected.then_some("selected"))} x={label_x.clone()} y={mid.clone()}
                        dy="0.5ex" text-anchor="end">{ &b.label }</text>
                    if let Some((a, x1)) = b.span {
                        <rect x={a.to_string()} y={bar_top.clone()} width={(x1 - a).to_string()}
                            height={bar_height.clone()} fill={b.fill.to_string()} />
                        if b.lower_bound {
                            <rect class="bar-bound" x={a.to_string()} y={bar_top.clone()} width={(x1 - a).to_string()}
                                height={bar_height.clone()} fill="url(#rank-bound-hatch)" />
                        }
                        if b.selected {
                            <rect class="bar-frame" x={(a - 2).to_string()} y={(layout.bar_top() - 2).to_string()}
                                width={(x1 - a + 4).to_string()} height={(layout.bar_height() + 4).to_string()} />
                        }
                    }
                    <text class="bar-value" x={b.text_x.to_string()} y={mid.clone()} dy="0.5ex"
                        text-anchor={if b.text_end { "end" } else { "start" }}>{ &b.text }</text>
                </g>
            }) }
            <line class="zero" x1={layout.zero.to_string()} x2={layout.zero.to_string()} y1={top} y2={axis_y} stroke={ink} />
        </svg>
    }
}
