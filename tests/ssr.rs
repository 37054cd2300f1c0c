//! Server-side rendering of the components (Yew `ssr`), natively: what a reader's browser would
//! first receive, checked as HTML text.
#![cfg(not(target_arch = "wasm32"))]

use guizhou_map::core::bundle::Bundle;
use guizhou_map::core::dataset::Dataset;
use guizhou_map::core::i18n::Lang;
use guizhou_map::core::scale::Sequential;
use guizhou_map::view::{fill_of, Page, PageProps, SharedBundle, Tooltip, TooltipProps};
use std::rc::Rc;

fn bundle() -> SharedBundle {
    SharedBundle(Rc::new(Bundle::embedded()))
}

fn page_props() -> PageProps {
    PageProps {
        bundle: bundle(),
        default_lang: Lang::Zh,
        url: Default::default(),
        url_notices: vec![],
        autoplay_allowed: true,
        children: Default::default(),
        generation: 0,
        link_failed: vec![],
        source_key: Default::default(),
    }
}

async fn page(bundle: SharedBundle, lang: Lang) -> String {
    yew::LocalServerRenderer::<Page>::with_props(PageProps { bundle, default_lang: lang, ..page_props() })
        .render()
        .await
}

/// Values of attribute `name` on every element that has attribute `marker`, in document order.
fn attrs_of(html: &str, marker: &str, name: &str) -> Vec<String> {
    html.split('<')
        .filter(|tag| tag.contains(&format!(" {marker}=")))
        .filter_map(|tag| {
            let key = format!(" {name}=\"");
            let start = tag.find(&key)? + key.len();
            Some(tag[start..start + tag[start..].find('"')?].to_string())
        })
        .collect()
}

#[tokio::test]
async fn draws_nine_regions_filled_for_the_last_date() {
    let b = bundle();
    let html = page(b.clone(), Lang::Zh).await;
    let codes = attrs_of(&html, "data-region", "data-region");
    assert_eq!(codes.len(), 9, "{codes:?}");
    let fills = attrs_of(&html, "data-region", "fill");
    let last = b.dataset.dates.len() - 1;
    for (code, fill) in codes.iter().zip(&fills) {
        assert_eq!(fill, &fill_of(b.dataset.value(code, last)).to_string(), "{code}");
        assert_eq!(fill, &Sequential::rate().color(100.0).to_string(), "everyone at 100 % on 1 Mar");
    }
    for d in attrs_of(&html, "data-region", "d") {
        assert!(d.starts_with('M') && d.ends_with('Z') && d.len() > 200);
    }
}

#[tokio::test]
async fn stable_hooks_carry_the_iso_date() {
    let html = page(bundle(), Lang::En).await;
    assert_eq!(attrs_of(&html, "data-current-date", "data-current-date"), vec!["2020-03-01"]);
    let slider: Vec<_> = html.split('<').filter(|t| t.starts_with("input") && t.contains("type=\"range\"")).collect();
    assert_eq!(slider.len(), 1);
    assert!(slider[0].contains("aria-valuetext=\"2020-03-01\""), "{}", slider[0]);
    assert!(slider[0].contains("max=\"20\"") && slider[0].contains("value=\"20\""), "{}", slider[0]);
}

#[tokio::test]
async fn says_illustrative_and_lists_the_reported_facts_with_sources() {
    let b = bundle();
    let html = page(b.clone(), Lang::Zh).await;
    assert!(html.contains("data-illustrative=\"true\""));
    assert!(
        html.contains(r#"<span lang="zh-CN">示意数据</span> · <span lang="en">Illustrative data</span>"#),
        "both languages, each marked"
    );
    for e in &b.dataset.events {
        assert!(html.contains(&format!("data-event-date=\"{}\"", e.date)), "{}", e.date);
        assert!(html.contains(&e.source.url), "{}", e.source.url);
    }
    assert!(html.contains("边界：天地图 / 国家基础地理信息中心"), "boundary attribution, in Chinese on a Chinese page");
    assert!(html.contains("复工率 = 已复工复产户数 ÷ 应复工复产户数"), "metric definition");
}

#[tokio::test]
async fn labels_use_short_names_in_chinese_and_english_names_in_english() {
    let zh = page(bundle(), Lang::Zh).await;
    for name in ["贵阳", "黔东南州", "黔西南州", "黔南州"] {
        assert!(zh.contains(&format!(">{name}<")), "{name}");
    }
    assert!(zh.contains("2020年3月1日"));
    // The title's dates are set whole: no line break inside "2020年2月10日".
    assert!(zh.contains("<h1>贵州规上工业企业复工率（<span class=\"nowrap\">2020年2月10日</span>—<span class=\"nowrap\">3月1日</span>）</h1>"), "{zh}");
    let en = page(bundle(), Lang::En).await;
    for name in ["Guiyang", "Qiandongnan", "Liupanshui"] {
        assert!(en.contains(&format!(">{name}<")), "{name}");
    }
    assert!(en.contains("1 Mar 2020"));
    assert!(en
        .contains("enterprises, <span class=\"nowrap\">10 Feb</span> – <span class=\"nowrap\">1 Mar 2020</span></h1>"));
}

#[tokio::test]
async fn a_real_dataset_has_no_illustrative_badge() {
    let mut b = Bundle::embedded();
    b.dataset.meta.illustrative = false;
    let html = page(SharedBundle(Rc::new(b)), Lang::En).await;
    assert!(!html.contains("data-illustrative"));
}

#[tokio::test]
async fn a_region_without_a_value_is_grey_and_hatched() {
    let mut b = Bundle::embedded();
    let last = b.dataset.dates.len() - 1;
    b.dataset.regions[0].values[last] = None;
    let html = page(SharedBundle(Rc::new(b)), Lang::En).await;
    assert_eq!(attrs_of(&html, "data-region", "fill")[0], "#d4d4d4");
    // On the server the paint servers' ids carry `-static` (`view::paint_id`): the live page's,
    // in the document beside the static page during the hand-over, must not resolve to these.
    assert_eq!(html.matches("<pattern id=\"no-value-hatch-static\"").count(), 1);
    assert_eq!(
        html.matches("fill=\"url(#no-value-hatch-static)\"").count(),
        2,
        "one hatch on the map, one in the legend"
    );
    assert!(html.contains(">no data<"));
    assert!(html.contains(">No data</text>"), "keyed in the legend");
    // The shipped data lack no value: no hatch, and no "no data" key to puzzle over.
    let full = page(bundle(), Lang::En).await;
    assert_eq!(full.matches("url(#no-value-hatch").count(), 0);
    assert!(!full.contains(">No data</text>") && !full.contains("legend-nodata"));
}

/// A tooltip's properties for region `code` on date index `index`, at a fixed place in a 600 × 500 map.
fn tooltip_props(bundle: &SharedBundle, code: &str, index: usize, lang: Lang) -> TooltipProps {
    TooltipProps {
        bundle: bundle.clone(),
        code: code.into(),
        index,
        lang,
        x: 10.0,
        y: 10.0,
        width: 600.0,
        height: 500.0,
        compare: None,
        dark: false,
    }
}

#[tokio::test]
async fn tooltip_shows_names_date_value_change_and_status() {
    let b = bundle();
    let i = b.dataset.date_index(guizhou_map::core::date::Date::parse("2020-02-19").unwrap()).unwrap();
    let props = |lang| tooltip_props(&b, "520300", i, lang);
    let html = yew::LocalServerRenderer::<Tooltip>::with_props(props(Lang::En)).render().await;
    let v = b.dataset.value("520300", i).unwrap();
    let c = b.dataset.change("520300", i).unwrap();
    assert!(html.contains("遵义市") && html.contains("Zunyi"));
    assert!(html.contains("19 Feb 2020"));
    assert!(html.contains(&guizhou_map::core::format::value(&v, Lang::En)), "{html}");
    assert!(html.contains(&guizhou_map::core::format::change(c, Lang::En)), "{html}");
    assert!(c > 0.0);
    assert!(html.contains("Illustrative (not a reported figure)"));
    let zh = yew::LocalServerRenderer::<Tooltip>::with_props(props(Lang::Zh)).render().await;
    assert!(zh.contains("2020年2月19日") && zh.contains("示意数据"));
    assert!(html.contains("class=\"tt-spark\"") && html.contains("<circle"), "a sparkline with the current date's dot");
}

#[test]
fn default_dataset_parses_for_ssr() {
    // Guard: the SSR tests above depend on the shipped file parsing natively.
    assert!(Dataset::from_json(include_str!("../static/data/resumption-2020.json")).is_ok());
}

/// The page of other data than the default (a dataset and its boundaries, as texts), opened with
/// the link `query`.
async fn page_of(data: &str, geo: &str, query: &str) -> String {
    let (url, url_notices) = guizhou_map::core::url::UrlState::parse(query);
    let bundle = Bundle::from_texts(data, geo).unwrap();
    let props = PageProps { bundle: SharedBundle(Rc::new(bundle)), url, url_notices, ..page_props() };
    yew::LocalServerRenderer::<Page>::with_props(props).render().await
}

async fn page_with_url(query: &str) -> String {
    let (url, url_notices) = guizhou_map::core::url::UrlState::parse(query);
    yew::LocalServerRenderer::<Page>::with_props(PageProps { url, url_notices, default_lang: Lang::En, ..page_props() })
        .render()
        .await
}

#[tokio::test]
async fn url_state_opens_the_page_in_that_state() {
    let html = page_with_url("?date=2020-02-19&region=520300").await;
    assert_eq!(attrs_of(&html, "data-current-date", "data-current-date"), vec!["2020-02-19"]);
    assert_eq!(attrs_of(&html, "data-selected", "data-region"), vec!["520300"], "only Zunyi is selected");
    assert!(html.contains("data-tooltip-region=\"520300\""), "the selected region's tooltip shows");
    assert!(!html.contains("class=\"notices\""), "a clean URL gives no notice");
}

#[tokio::test]
async fn bad_parameters_are_listed_in_a_notice() {
    let html = page_with_url("?foo=1&date=2019-05-05&region=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E").await;
    assert!(html.contains("class=\"notices\""));
    assert!(html.contains("unknown parameter, ignored"));
    assert!(html.contains("2019-05-05 is outside the data (2020-02-10 – 2020-03-01), ignored"));
    assert!(html.contains("is not a region code, ignored"));
    assert!(!html.contains("<img"), "hostile text is escaped, never markup");
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
}

#[tokio::test]
async fn presenter_mode_renders_the_big_date_and_hides_chrome_by_class() {
    let html = page_with_url("?present=1&date=2020-02-26").await;
    assert!(html.contains("class=\"page presenting\""));
    assert!(html.contains("class=\"present-date\""));
    assert!(html.contains(">26 Feb 2020<"));
    assert!(!html.contains("class=\"blackout\""));
}

#[tokio::test]
async fn timeline_marks_every_event_date_and_offers_speeds() {
    let html = page(bundle(), Lang::En).await;
    assert_eq!(attrs_of(&html, "data-event-index", "data-event-index"), vec!["0", "8", "9", "10", "16"]);
    for speed in ["0.5", "1", "2", "4"] {
        assert!(html.contains(&format!("<option value=\"{speed}\"")), "{speed}");
    }
    assert!(html.contains("type=\"date\""));
    assert!(html.contains("min=\"2020-02-10\"") && html.contains("max=\"2020-03-01\""));
}

#[tokio::test]
async fn charts_render_with_descriptions_tables_and_the_bar_order() {
    let html = page_with_url("?date=2020-02-19&region=522300").await;
    assert!(html.contains("class=\"chart time-chart\"") && html.contains("class=\"chart ranking-chart\""));
    let order = attrs_of(&html, "data-order", "data-order");
    assert_eq!(order.len(), 1);
    assert!(order[0].starts_with("522300,"), "{order:?}");
    assert_eq!(attrs_of(&html, "data-cursor-index", "data-cursor-index"), vec!["9"]);
    assert!(html.contains("<polyline"), "plotters SVG inside");
    // The ranking: one group per region, in the dataset's order, each moved to its rank.
    let ranking = &html[html.find("class=\"ranking-svg\"").unwrap()..];
    let ranking = &ranking[..ranking.find("</svg>").unwrap()];
    let tops: Vec<&str> =
        ranking.split("transform=\"translate(0,").skip(1).map(|t| t.split(')').next().unwrap()).collect();
    assert_eq!(tops.len(), 9);
    assert_eq!(tops[6], "6", "黔西南 (7th in the dataset) leads on 19 Feb: first row");
    assert_eq!(ranking.matches("<rect").count(), 9 + 1, "nine bars and the selection frame");
    assert!(ranking.contains(">72.1\u{a0}%</text>"));
    assert!(html.contains("Highlighted: Qianxinan, 72.1\u{a0}% that day."));
    assert_eq!(html.matches("<details class=\"chart-table\"").count(), 2, "a data table per chart");
}

#[tokio::test]
async fn compare_mode_colours_the_map_by_change() {
    let b = bundle();
    let html = page_with_url("?date=2020-02-19&compare=2020-02-12").await;
    assert!(html.contains("legend-diverging"));
    let scale = guizhou_map::core::scale::Diverging::covering(b.dataset.max_abs_change(2, 9));
    let codes = attrs_of(&html, "data-region", "data-region");
    let fills = attrs_of(&html, "data-region", "fill");
    for (code, fill) in codes.iter().zip(&fills) {
        assert_eq!(fill, &scale.color(b.dataset.change_between(code, 2, 9).unwrap()).to_string(), "{code}");
    }
    assert_eq!(attrs_of(&html, "data-measure", "data-measure"), vec!["change"]);
}

#[tokio::test]
async fn compare_mode_names_its_base_date_with_or_without_a_total() {
    let html = page_with_url("?date=2020-02-19&compare=2020-02-12&lang=en").await;
    assert!(html.contains("Change since 12 Feb 2020: "), "the prefectures: the total's change");
    let html = page_of(
        include_str!("../static/data/resumption-2020-counties.json"),
        include_str!("../static/geo/guizhou-counties.bnd.json"),
        "?date=2020-02-19&compare=2020-02-12&lang=en",
    )
    .await;
    assert!(html.contains("legend-diverging"));
    assert!(html.contains("The map shows the change since 12 Feb 2020"), "the counties have no total, but a base date");
}

#[tokio::test]
async fn render_flags_shape_the_page() {
    let stat = page_with_url("?static=1").await;
    // The timeline is there out of use: it holds the live one's room while the app loads (and the
    // browser shows it only then); no other control is.
    assert!(stat.contains("inert=\"inert\" class=\"timeline\""), "static: the timeline, inert");
    assert!(!stat.contains("region-search") && !stat.contains("class=\"share\""), "static: no other controls");
    assert!(stat.contains("class=\"data-table\""), "static: the data table instead");
    assert!(
        !stat.contains("class=\"source-line\"") && stat.contains("class=\"sources\""),
        "static: sources listed once"
    );
    let static_embed = page_with_url("?static=1&embed=1").await;
    assert!(static_embed.contains("class=\"source-line\"") && !static_embed.contains("class=\"sources\""));
    let embed = page_with_url("?embed=1").await;
    assert!(embed.contains("class=\"page embed\""));
    assert!(embed.contains("type=\"range\"") && !embed.contains("inert"), "embed keeps the timeline, in use");
    assert!(
        !embed.contains("class=\"charts\"") && !embed.contains("class=\"facts\"") && !embed.contains("class=\"share\"")
    );
    let plain = page_with_url("?plain=1").await;
    assert!(plain.contains("page plain"));
    assert!(!plain.contains("class=\"facts\""), "no sources section");
    // The boundaries' credit and the link to the method stay: one line.
    assert!(plain.contains("class=\"attribution\"") && plain.contains("class=\"source-line\""));
    assert!(plain.contains("天地图") && plain.contains("#about-the-data"));
    assert!(plain.contains("data-illustrative=\"true\""), "the illustrative note stays in plain mode");
    let dark = page_with_url("?dark=1").await;
    assert!(dark.contains("page dark"));
    let full = page_with_url("").await;
    for button in ["copy-link", "embed-toggle", "download-png", "download-svg", "download-csv", "export-video"] {
        assert!(full.contains(&format!("class=\"{button}\"")), "{button}");
    }
}

#[tokio::test]
async fn regions_are_one_tab_stop_and_say_what_they_show() {
    let html = page_with_url("?date=2020-02-19&lang=en").await;
    let tabindex = attrs_of(&html, "data-region", "tabindex");
    assert_eq!(tabindex.iter().filter(|t| *t == "0").count(), 1, "a roving tab stop: {tabindex:?}");
    assert_eq!(tabindex.len(), 9);
    let labels = attrs_of(&html, "data-region", "aria-label");
    assert!(labels.contains(&"Zunyi 遵义市, 19 Feb 2020: 57.5\u{a0}%".to_string()), "{labels:?}");
    assert!(attrs_of(&html, "data-region", "role").iter().all(|r| r == "button"));
    let summary = html.split('<').find(|t| t.contains("class=\"map-summary\"")).unwrap();
    assert!(summary.contains("aria-live=\"polite\""), "{summary}");
    assert!(html.contains("On 19 Feb 2020, 6 of 9 regions above 60\u{a0}%"));
    assert!(html.contains("role=\"search\""));
    assert!(html.contains("class=\"zoom-in\""));
}

#[tokio::test]
async fn tooltip_of_a_one_date_snapshot_says_its_metric_and_coverage_and_no_change() {
    let b = SharedBundle(Rc::new(
        Bundle::from_texts(
            include_str!("../static/data/resumption-2021.json"),
            include_str!("../static/geo/guizhou-prefectures.bnd.json"),
        )
        .unwrap(),
    ));
    let props = |lang| tooltip_props(&b, "520100", 0, lang);
    let zh = yew::LocalServerRenderer::<Tooltip>::with_props(props(Lang::Zh)).render().await;
    assert!(zh.contains("开工率：") && !zh.contains("复工率"), "the snapshot's own metric: {zh}");
    assert!(zh.contains("数据范围：贵阳市（含贵安新区）"), "71 % covers Gui'an too: {zh}");
    assert!(!zh.contains("tt-change") && !zh.contains("tt-spark"), "one date: no change, no line: {zh}");
    let en = yew::LocalServerRenderer::<Tooltip>::with_props(props(Lang::En)).render().await;
    assert!(en.contains("Operating rate: ") && en.contains("Figure covers: Guiyang (incl. Gui'an)"), "{en}");
    // A daily series still says "the day before".
    let daily =
        yew::LocalServerRenderer::<Tooltip>::with_props(tooltip_props(&bundle(), "520100", 3, Lang::En)).render().await;
    assert!(daily.contains("Change from the day before: ") && !daily.contains("Figure covers"), "{daily}");
    // With a gap before the date, the change is from the date before, named.
    let mut gap = Bundle::embedded();
    for d in &mut gap.dataset.dates[..3] {
        *d = d.add_days(-1);
    }
    let gapped = yew::LocalServerRenderer::<Tooltip>::with_props(tooltip_props(
        &SharedBundle(Rc::new(gap)),
        "520100",
        3,
        Lang::En,
    ))
    .render()
    .await;
    assert!(gapped.contains("Change from 11 Feb: ") && !gapped.contains("day before"), "{gapped}");
}

#[tokio::test]
async fn charts_and_tables_of_made_values_say_so_in_their_titles() {
    // A chart or table seen (or shared as a screenshot) on its own carries no banner.
    let html = page_with_url("?lang=en").await;
    for title in [
        "Resumption rate over time (illustrative data)</h2>",
        "Ranking for the date (illustrative data)</h2>",
        "Data table: ranking (illustrative data)</summary>",
        "(map of illustrative data; arrow keys move between regions)",
    ] {
        assert!(html.contains(title), "{title}");
    }
    let stat = page_with_url("?lang=en&static=1").await;
    assert!(stat.contains("Data table (illustrative data)</h2>"), "the static page's table");
    // Reported values (the 2021 snapshot): nothing to add.
    let html = page_of(
        include_str!("../static/data/resumption-2021.json"),
        include_str!("../static/geo/guizhou-prefectures.bnd.json"),
        "?lang=en",
    )
    .await;
    assert!(html.contains("Ranking for the date</h2>") && !html.contains("illustrative data"), "2021: reported");
}
