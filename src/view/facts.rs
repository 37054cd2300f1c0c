//! The reported facts with their sources, the method, and the dataset's sources.

use crate::core::format;
use crate::core::i18n::Lang;
use crate::view::app::SharedBundle;
use crate::view::unbroken;
use yew::prelude::*;

/// Properties of [`Facts`].
#[derive(Properties, PartialEq)]
pub struct FactsProps {
    /// The loaded data.
    pub bundle: SharedBundle,
    /// Page language.
    pub lang: Lang,
}

fn link(url: &str, text: &str) -> Html {
    html! { <a href={url.to_string()} target="_blank" rel="noopener noreferrer">{ unbroken(text) }</a> }
}

/// The section under the map: what was reported, how the illustrative values were made, sources.
#[component]
pub fn Facts(props: &FactsProps) -> Html {
    let lang = props.lang;
    let ds = &props.bundle.dataset;
    let meta = &ds.meta;
    html! {
        <section class="facts">
            // A reader's own file usually has no reported facts: no heading over nothing.
            if !ds.events.is_empty() {
                <h2>{ lang.pick("报道的事实", "What was reported") }</h2>
                <ol class="fact-list">{ for ds.events.iter().map(|e| html! {
                    <li data-event-date={e.date.to_string()}>
                        <time datetime={e.date.to_string()}>{ format::date(e.date, lang) }</time>{ " " }
                        <span>{ unbroken(e.text.get(lang)) }</span>{ " — " }
                        { link(&e.source.url, e.source.name.get(lang)) }
                    </li>
                }) }</ol>
            }
            <h2 id="about-the-data">{ lang.pick("数据说明", "About the data") }</h2>
            <p class="definition">{ unbroken(meta.metric.definition.get(lang)) }</p>
            if !meta.method.get(lang).is_empty() {
                <p class="method">{ unbroken(meta.method.get(lang)) }</p>
            }
            if !meta.sources.is_empty() {
                <h3>{ lang.pick("来源", "Sources") }</h3>
                <ul class="sources">{ for meta.sources.iter().map(|s| html! { <li>{ link(&s.url, s.name.get(lang)) }</li> }) }</ul>
            }
        </section>
    }
}
