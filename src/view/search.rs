//! Find a region by name: type 遵义 or Zunyi (or an adcode) and press Enter; the region is selected,
//! focused and its tooltip shown. Suggestions come from a `<datalist>` of every name.

use crate::core::i18n::Lang;
use crate::core::search::{find, several, Found};
use crate::core::state::Action;
use crate::view::app::SharedBundle;
use crate::view::window;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Properties of [`RegionSearch`].
#[derive(Properties, PartialEq)]
pub struct SearchProps {
    /// The loaded data.
    pub bundle: SharedBundle,
    /// Page language.
    pub lang: Lang,
    /// The selected region, if any.
    #[prop_or_default]
    pub selected: Option<String>,
    /// Where user intent goes.
    pub on_action: Callback<Action>,
}

/// The search box.
#[component]
pub fn RegionSearch(props: &SearchProps) -> Html {
    let lang = props.lang;
    let message = use_state(|| None::<String>);
    // A region chosen otherwise (on the map, in a chart) answers the question: the message of a
    // search without an answer goes, lest it be read as being about that region.
    {
        let message = message.clone();
        use_effect_with(props.selected.clone(), move |selected| {
            if selected.is_some() {
                message.set(None);
            }
        });
    }
    let on_submit = {
        let (bundle, on_action, message) = (props.bundle.clone(), props.on_action.clone(), message.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|f| f.query_selector("input").ok().flatten())
            else {
                return;
            };
            let Ok(input) = input.dyn_into::<web_sys::HtmlInputElement>() else { return };
            let query = input.value();
            match find(&bundle.regions, &query) {
                Found::One(code) => {
                    message.set(None);
                    on_action.emit(Action::Find(code.clone()));
                    let el = window()
                        .and_then(|w| w.document())
                        .and_then(|d| d.query_selector(&format!("[data-region=\"{code}\"]")).ok().flatten())
                        .and_then(|e| e.dyn_into::<web_sys::SvgElement>().ok());
                    if let Some(el) = el {
                        let _ = el.focus();
                    }
                }
                // No answer: the selection (an earlier search's, say) goes with its card, lest it be
                // read as this search's answer.
                found => {
                    let text = match found {
                        Found::Several(codes) => {
                            let names: Vec<String> = codes.iter().map(|c| bundle.label(c, lang)).collect();
                            several(query.trim(), &names, lang)
                        }
                        _ => format!("{}“{}”", lang.pick("没有找到：", "No region matches "), query.trim()),
                    };
                    message.set(Some(text));
                    on_action.emit(Action::Select(None));
                    on_action.emit(Action::Hover(None));
                }
            }
        })
    };
    // The example is a region of the map shown (遵义 is no county).
    let placeholder = props
        .bundle
        .regions
        .iter()
        .find(|r| r.code == "520300")
        .or_else(|| props.bundle.regions.first())
        .map(|r| {
            let names: Vec<String> = [crate::core::names::short_zh(&r.name.zh), r.name.en.clone()]
                .into_iter()
                .filter(|n| !n.is_empty())
                .collect();
            format!("{}{}", lang.pick("例如 ", "e.g. "), names.join(lang.pick(" 或 ", " or ")))
        })
        .unwrap_or_default();
    html! {
        <form class="region-search" role="search" onsubmit={on_submit}>
            <label>
                <span>{ lang.pick("查找地区", "Find a region") }</span>
                <input type="search" list="region-names" placeholder={placeholder}
                    autocomplete="off" enterkeyhint="search" />
            </label>
            <button type="submit">{ lang.pick("查找", "Find") }</button>
            <datalist id="region-names">
                { for props.bundle.regions.iter().flat_map(|r| [r.name.zh.clone(), r.name.en.clone()]).filter(|n| !n.is_empty()).map(|n| html! { <option value={n} /> }) }
            </datalist>
            <span class="search-message" role="status">{ (*message).clone().unwrap_or_default() }</span>
        </form>
    }
}
