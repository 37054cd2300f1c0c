//! Find a region by name: type 遵义 or Zunyi (or an adcode) and press Enter; the region is selected,
//! focused and its tooltip shown. Suggestions come from a `<datalist>` of every name.

use crate::core::i18n::Lang;
use crate::core::ingest::name_key;
use crate::core::state::Action;
use crate::view::app::SharedBundle;
use crate::view::window;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The region whose name, English name or code best matches `query`: exact first, then by
/// canonical name (贵阳 = 贵阳市, 黔东南州 = 黔东南苗族侗族自治州), then by prefix.
pub fn find(bundle: &crate::core::bundle::Bundle, query: &str) -> Option<String> {
    let q = query.trim();
    if q.is_empty() {
        return None;
    }
    let lower = q.to_ascii_lowercase();
    let key = name_key(q);
    let names = |r: &crate::core::bundle::RegionInfo| [r.name.zh.clone(), r.name.en.clone(), r.code.clone()];
    bundle
        .regions
        .iter()
        .find(|r| names(r).iter().any(|n| !n.is_empty() && n.to_ascii_lowercase() == lower))
        .or_else(|| bundle.regions.iter().find(|r| names(r).iter().any(|n| !n.is_empty() && name_key(n) == key)))
        .or_else(|| {
            bundle
                .regions
                .iter()
                .find(|r| names(r).iter().any(|n| !n.is_empty() && n.to_ascii_lowercase().starts_with(&lower)))
        })
        .map(|r| r.code.clone())
}

/// Properties of [`RegionSearch`].
#[derive(Properties, PartialEq)]
pub struct SearchProps {
    /// The loaded data.
    pub bundle: SharedBundle,
    /// Page language.
    pub lang: Lang,
    /// Where user intent goes.
    pub on_action: Callback<Action>,
}

/// The search box.
#[component]
pub fn RegionSearch(props: &SearchProps) -> Html {
    let lang = props.lang;
    let message = use_state(|| None::<String>);
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
            match find(&bundle, &input.value()) {
                Some(code) => {
                    message.set(None);
                    on_action.emit(Action::Select(Some(code.clone())));
                    on_action.emit(Action::Hover(Some(code.clone())));
                    let el = window()
                        .and_then(|w| w.document())
                        .and_then(|d| d.query_selector(&format!("[data-region=\"{code}\"]")).ok().flatten())
                        .and_then(|e| e.dyn_into::<web_sys::SvgElement>().ok());
                    if let Some(el) = el {
                        let _ = el.focus();
                    }
                }
                None => message.set(Some(format!(
                    "{}“{}”",
                    lang.pick("没有找到：", "No region matches "),
                    input.value().trim()
                ))),
            }
        })
    };
    html! {
        <form class="region-search" role="search" onsubmit={on_submit}>
            <label>
                <span>{ lang.pick("查找地区", "Find a region") }</span>
                <input type="search" list="region-names" placeholder={lang.pick("例如 遵义 或 Zunyi", "e.g. 遵义 or Zunyi")}
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::bundle::Bundle;

    #[test]
    fn finds_by_chinese_english_short_name_and_code() {
        let b = Bundle::embedded();
        assert_eq!(find(&b, "遵义").as_deref(), Some("520300"));
        assert_eq!(find(&b, "Zunyi").as_deref(), Some("520300"));
        assert_eq!(find(&b, "zun").as_deref(), Some("520300"));
        assert_eq!(find(&b, "黔东南州").as_deref(), Some("522600"));
        assert_eq!(find(&b, "522700").as_deref(), Some("522700"));
        assert_eq!(find(&b, "Atlantis"), None);
        assert_eq!(find(&b, "  "), None);
    }
}
