//! Exports made from the loaded data and the reader's state: the data as CSV, and a standalone
//! SVG "poster" of the current view (title, date, map, legend, source line and the illustrative
//! note), which is also what PNG downloads and video frames are drawn from.
//!
//! Pure string building: natively tested, identical in every browser.

use crate::core::bundle::{Bundle, ATTRIBUTION, ATTRIBUTION_ZH};
use crate::core::choropleth::{self, Mode};
use crate::core::dataset::{Bound, Dataset};
use crate::core::format;
use crate::core::i18n::Lang;
use crate::core::scale::{Rgb, Sequential, NO_VALUE};
use crate::core::wrap;
use std::fmt::Write;

/// Neutralises a CSV cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR at the
/// start) by prefixing an apostrophe, as OWASP recommends. Numbers we write ourselves are never
/// negative, so no real value is altered.
pub fn safe_cell(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

/// The whole dataset as CSV (long form: one row per date and region), UTF-8 with a byte-order mark
/// so spreadsheet software reads Chinese correctly. Columns: `date, code, name_zh, name_en, rate,
/// bound, resumed, due, status`.
pub fn csv(bundle: &Bundle) -> String {
    let ds = &bundle.dataset;
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    // A reader's file is "as given in the file": this export must not turn it into reported figures.
    let status = match (ds.meta.illustrative, &ds.meta.origin) {
        (true, _) => "illustrative",
        (false, Some(_)) => "from file",
        (false, None) => "reported",
    };
    let _ = w.write_record(["date", "code", "name_zh", "name_en", "rate", "bound", "resumed", "due", "status"]);
    for (i, d) in ds.dates.iter().enumerate() {
        for s in &ds.regions {
            let name = bundle.region(&s.code).map(|r| r.name.clone()).unwrap_or_else(|| s.name.clone());
            let v = s.values.get(i).copied().flatten();
            let [rate, bound, resumed, due] = value_cells(v);
            let row = [d.to_string(), s.code.clone(), name.zh, name.en, rate, bound, resumed, due, status.into()];
            let _ = w.write_record(row.iter().map(|c| safe_cell(c)));
        }
        // The whole area's total, as the page shows it, with what it is.
        if let Some(t) = ds.total(i) {
            let [rate, bound, resumed, due] = value_cells(Some(t));
            let status = match (ds.total_is_reported(i), ds.meta.illustrative) {
                (true, _) => "reported",
                (false, true) => "illustrative",
                (false, false) => "computed",
            };
            let row = [
                d.to_string(),
                "total".into(),
                ds.total_label(i, Lang::Zh),
                ds.total_label(i, Lang::En),
                rate,
                bound,
                resumed,
                due,
                status.into(),
            ];
            let _ = w.write_record(row.iter().map(|c| safe_cell(c)));
        }
    }
    let bytes = w.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8(bytes).unwrap_or_default())
}

/// A value's CSV cells: rate, bound, resumed, due. A rate made from counts has two decimals (the
/// counts are beside it); one given as a number keeps the digits it was given with (71, not 71.00).
fn value_cells(v: Option<crate::core::dataset::Value>) -> [String; 4] {
    let Some(v) = v else { return Default::default() };
    let rate = match v.counts {
        Some(_) => format!("{:.2}", v.rate),
        None => format!("{}", v.rate),
    };
    let bound = match v.bound {
        Bound::Exact => "exact",
        Bound::MoreThan => "more_than",
    };
    let (resumed, due) = match v.counts {
        Some(c) => (c.resumed.to_string(), c.due.to_string()),
        None => (String::new(), String::new()),
    };
    [rate, bound.into(), resumed, due]
}

/// The HTML an editor pastes to embed the map: an iframe of `page_url` (the current state, with
/// `embed=1`) and the host script at `script_url` that sizes it. The iframe has a sensible fixed
/// height for hosts that strip the script: at 900 px the embed shows whole, unscrolled, in columns
/// from 320 to 720 px wide, its map 260–510 px tall (at 720 px a phone's column scrolled and an
/// article's map was 270 px tall). A sandbox still lets the app run.
pub fn embed_snippet(page_url: &str, script_url: &str, title: &str) -> String {
    format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"900\" style=\"border:0;width:100%;min-width:300px\" loading=\"lazy\" sandbox=\"allow-scripts allow-same-origin allow-popups allow-downloads\" data-guizhou-map></iframe>\n<script src=\"{}\" async></script>",
        xml_escape(page_url),
        xml_escape(title),
        xml_escape(script_url)
    )
}

/// The start of every download's file name: `guizhou-resumption`, and the level of the regions
/// when they are not the prefectures (`guizhou-resumption-county`), so that the county map's
/// files never overwrite the prefectures' of the same date. Only ASCII letters, digits and `-`.
pub fn file_stem(ds: &Dataset) -> String {
    let level: String = ds
        .meta
        .region_level
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .map(|c| c.to_ascii_lowercase())
        .take(24)
        .collect();
    if level.is_empty() || level == "prefecture" {
        "guizhou-resumption".to_string()
    } else {
        format!("guizhou-resumption-{level}")
    }
}

/// Escapes text for SVG/XML content and attributes.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// What the poster shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Poster {
    /// Date index.
    pub index: usize,
    /// Compare mode's "from" date index.
    pub compare: Option<usize>,
    /// Language.
    pub lang: Lang,
    /// Size in CSS pixels (PNG downloads render it at 2×).
    pub width: f64,
    /// Height in CSS pixels.
    pub height: f64,
    /// Dark colours.
    pub dark: bool,
}

/// Font stack for standalone SVG: CJK fonts first so Chinese renders wherever one is installed,
/// then the generic family, so nothing is ever missing outright.
const FONTS: &str =
    "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei','WenQuanYi Micro Hei',sans-serif";

/// A standalone SVG of the current view.
pub fn poster_svg(bundle: &Bundle, p: &Poster) -> String {
    let ds = &bundle.dataset;
    let lang = p.lang;
    let (w, h) = (p.width.max(320.0), p.height.max(240.0));
    let (bg, ink, muted) = if p.dark { ("#121417", "#eceff1", "#a7b0b8") } else { ("#ffffff", "#1a1a1a", "#555555") };
    let mode = Mode::new(ds, p.index, p.compare);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{FONTS}">"#
    );
    let _ = write!(s, r#"<rect width="100%" height="100%" fill="{bg}"/>"#);
    s.push_str(
        r##"<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#8a8a8a" stroke-width="1.5"/></pattern><pattern id="bound" width="7" height="7" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)"><line x1="0" y1="0" x2="0" y2="7" stroke="#ffffff" stroke-opacity="0.75" stroke-width="2"/></pattern>"##,
    );
    // Legend gradient.
    type Stops = Vec<(f64, Rgb)>;
    type Ticks = Vec<(f64, String)>;
    let (stops, ticks, caption): (Stops, Ticks, String) = match mode {
        Mode::Rate { .. } => (
            Sequential::rate().ramp(11).into_iter().map(|(v, c)| (v / 100.0, c)).collect(),
            (0..=5).map(|i| (i as f64 / 5.0, format::percent_tick(i as f64 * 20.0, lang))).collect(),
            format!("{}{}", ds.meta.metric.name.get(lang), lang.pick("（%）", " (%)")),
        ),
        Mode::Change { scale, .. } => {
            let e = scale.extent;
            (
                scale.ramp(11).into_iter().map(|(v, c)| ((v + e) / (2.0 * e), c)).collect(),
                // The caption names the unit, as on the page's legend.
                [-e, 0.0, e].iter().map(|&v| ((v + e) / (2.0 * e), format::signed_tick(v))).collect(),
                format!(
                    "{}{}",
                    ds.meta.metric.name.get(lang),
                    lang.pick("的变化（百分点）", " change (percentage points)")
                ),
            )
        }
    };
    s.push_str(r#"<linearGradient id="ramp" x1="0" x2="1" y1="0" y2="0">"#);
    for (t, c) in &stops {
        let _ = write!(s, r#"<stop offset="{:.1}%" stop-color="{c}"/>"#, t * 100.0);
    }
    s.push_str("</linearGradient></defs>");

    // Title, date, note: each wrapped to the poster's width (SVG text never wraps by itself).
    let pad = 28.0;
    let text_w = w - 2.0 * pad;
    let mut y = pad;
    // Bold glyphs are about a tenth wider than the estimate's regular ones.
    for line in wrap::wrap(ds.meta.title.get(lang), 24.0 * 1.1, text_w) {
        y += 28.0;
        let _ = write!(
            s,
            r#"<text x="{pad}" y="{}" font-size="24" font-weight="700" fill="{ink}">{}</text>"#,
            y - 6.0,
            xml_escape(&line)
        );
    }
    let date_text = match (mode, ds.dates.get(p.index)) {
        (Mode::Change { from, .. }, Some(d)) => match lang {
            Lang::Zh => format!("{}至{}的变化", format::date(ds.dates[from], lang), format::date(*d, lang)),
            Lang::En => format!("Change from {} to {}", format::date(ds.dates[from], lang), format::date(*d, lang)),
        },
        (_, Some(d)) => format::date(*d, lang),
        _ => String::new(),
    };
    let iso = ds.dates.get(p.index).map(|d| d.to_string()).unwrap_or_default();
    for line in wrap::wrap(&date_text, 30.0 * 1.1, text_w) {
        y += 40.0;
        let _ = write!(
            s,
            r#"<text x="{pad}" y="{}" font-size="30" font-weight="800" fill="{ink}" data-date="{iso}">{}</text>"#,
            y - 8.0,
            xml_escape(&line)
        );
    }
    if ds.meta.illustrative {
        let note = match (format::level_words(&ds.meta.region_level), lang) {
            ((zh, _, _), Lang::Zh) => format!("示意数据：{zh}数值并非报道数字，按说明的方法生成，与报道的全省数字一致"),
            ((_, _, en), Lang::En) => format!("Illustrative data: {en} values are not reported figures; made by a stated method that agrees with the reported province figures"),
        };
        s.push_str(r##"<g class="illustrative">"##);
        for line in wrap::wrap(&note, 14.0 * 1.1, text_w) {
            y += 18.0;
            let _ = write!(
                s,
                r##"<text x="{pad}" y="{}" font-size="14" font-weight="600" fill="#b36b00">{}</text>"##,
                y - 2.0,
                xml_escape(&line)
            );
        }
        s.push_str("</g>");
    }

    // The foot: sources with their addresses, and the boundaries' credit, wrapped; laid out from
    // the bottom up, so the map takes what is left between head and foot.
    let sources: Vec<String> = ds
        .meta
        .sources
        .iter()
        .map(|src| {
            let url = src.url.trim_start_matches("https://").trim_start_matches("http://");
            if url.is_empty() {
                src.name.get(lang).to_string()
            } else {
                format!("{} {url}", src.name.get(lang))
            }
        })
        .collect();
    // A reader's file without sources is credited by its name; no line is left empty.
    let credit = match (sources.is_empty(), &ds.meta.origin) {
        (false, _) => Some(format!("{}{}", lang.pick("来源：", "Sources: "), sources.join(lang.pick("；", "; ")))),
        (true, Some(file)) => Some(format!("{}{file}", lang.pick("数据：载入的文件 ", "Data: the loaded file "))),
        (true, None) => None,
    };
    let mut foot: Vec<String> = credit.iter().flat_map(|c| wrap::wrap(c, 12.0, text_w)).collect();
    foot.extend(wrap::wrap(lang.pick(ATTRIBUTION_ZH, ATTRIBUTION), 12.0, text_w));
    let foot_top = h - 12.0 - 16.0 * foot.len() as f64;

    // The map, fitted into its box (left part), legend on the right.
    let legend_w = 250.0;
    let top = y + 16.0;
    let bottom = foot_top - 8.0;
    let map_w = (w - 2.0 * pad - legend_w - 16.0).max(160.0);
    let paths = bundle.shapes.paths(map_w, (bottom - top).max(120.0), 4.0);
    let _ = write!(s, r#"<g transform="translate({pad} {top})">"#);
    for (shape, d) in bundle.shapes.regions.iter().zip(&paths.regions) {
        let shown = choropleth::shown(ds, &shape.code, mode, lang);
        let _ = write!(
            s,
            r#"<path data-region="{}" d="{d}" fill="{}" stroke="{bg}" stroke-width="0.8"/>"#,
            xml_escape(&shape.code),
            shown.fill
        );
        if shown.text.is_none() {
            let _ = write!(s, r#"<path d="{d}" fill="url(#hatch)"/>"#);
        }
        if shown.lower_bound {
            let _ = write!(s, r#"<path d="{d}" fill="url(#bound)"/>"#);
        }
    }
    let _ = write!(s, r#"<path d="{}" fill="none" stroke="{ink}" stroke-width="1.4"/>"#, paths.outline);
    for (shape, [x, y]) in bundle.shapes.regions.iter().zip(&paths.labels).filter(|_| bundle.shapes.labelled()) {
        let shown = choropleth::shown(ds, &shape.code, mode, lang);
        let text = shown.fill.text_on();
        let halo = if text == Rgb(255, 255, 255) { "rgba(0,0,0,0.45)" } else { "rgba(255,255,255,0.7)" };
        let name = xml_escape(&bundle.label(&shape.code, lang));
        let value = xml_escape(&shown.text.unwrap_or_else(|| lang.pick("无数据", "no data").to_string()));
        let _ = write!(
            s,
            r#"<text x="{x:.1}" y="{:.1}" font-size="13" text-anchor="middle" fill="{text}" stroke="{halo}" stroke-width="3" paint-order="stroke"><tspan x="{x:.1}" font-weight="600">{name}</tspan><tspan x="{x:.1}" dy="1.15em">{value}</tspan></text>"#,
            y - 3.0
        );
    }
    s.push_str("</g>");

    // Legend.
    let lx = w - pad - legend_w + 10.0;
    let _ = write!(s, r#"<g transform="translate({lx} {})" class="legend">"#, top + 10.0);
    // The caption wraps within the legend's column ("…change (percentage points)" is long).
    let caption_lines = wrap::wrap(&caption, 14.0, legend_w - 20.0);
    for (k, line) in caption_lines.iter().enumerate() {
        let _ = write!(
            s,
            r#"<text x="0" y="{}" font-size="14" fill="{muted}">{}</text>"#,
            17.0 * k as f64,
            xml_escape(line)
        );
    }
    let _ = write!(s, r#"<g transform="translate(0 {})">"#, 17.0 * (caption_lines.len() - 1) as f64);
    let _ = write!(s, r#"<rect x="0" y="12" width="220" height="16" fill="url(#ramp)"/>"#);
    for (t, label) in &ticks {
        let x = 220.0 * t;
        let _ = write!(
            s,
            r#"<line x1="{x:.1}" x2="{x:.1}" y1="12" y2="32" stroke="{ink}"/><text x="{x:.1}" y="46" font-size="12" text-anchor="middle" fill="{ink}">{}</text>"#,
            xml_escape(label)
        );
    }
    // The keys below the ramp, each only when the map shows what it explains: a region without a
    // value; the hatching of a value known only as a lower bound ("more than 60 %"; never in compare
    // mode, which draws no bounds).
    let shown: Vec<_> = bundle.shapes.regions.iter().map(|r| choropleth::shown(ds, &r.code, mode, lang)).collect();
    let mut key_y = 62.0;
    if shown.iter().any(|r| r.text.is_none()) {
        let _ = write!(
            s,
            r#"<rect x="0" y="{key_y}" width="22" height="14" fill="{NO_VALUE}"/><rect x="0" y="{key_y}" width="22" height="14" fill="url(#hatch)"/><text x="30" y="{}" font-size="12" fill="{ink}">{}</text>"#,
            key_y + 12.0,
            lang.pick("无数据", "No data")
        );
        key_y += 22.0;
    }
    if shown.iter().any(|r| r.lower_bound) {
        let _ = write!(
            s,
            r#"<rect x="0" y="{key_y}" width="22" height="14" fill="{}"/><rect x="0" y="{key_y}" width="22" height="14" fill="url(#bound)"/><text x="30" y="{}" font-size="12" fill="{ink}">{}</text>"#,
            Sequential::rate().color(60.0),
            key_y + 12.0,
            lang.pick("仅知下限（“以上”）", "Lower bound only")
        );
    }
    s.push_str("</g></g>");

    for (k, line) in foot.iter().enumerate() {
        let _ = write!(
            s,
            r#"<text x="{pad}" y="{}" font-size="12" fill="{muted}">{}</text>"#,
            foot_top + 12.0 + 16.0 * k as f64,
            xml_escape(line)
        );
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_has_every_row_a_bom_and_safe_cells() {
        let b = Bundle::embedded();
        let text = csv(&b);
        assert!(text.starts_with('\u{feff}'));
        let lines: Vec<&str> = text.trim_end().split("\r\n").collect();
        assert_eq!(lines.len(), 1 + 21 * 10, "header + one row per date and region, and the total");
        assert_eq!(lines[0], "\u{feff}date,code,name_zh,name_en,rate,bound,resumed,due,status");
        assert!(lines.iter().any(
            |l| l.starts_with("2020-02-19,520300,遵义市,Zunyi,57.5") && l.ends_with(",exact,363,631,illustrative")
        ));
        assert!(
            lines.contains(&"2020-02-19,total,全省合计,Province total,62.34,exact,2564,4113,illustrative"),
            "{:?}",
            &lines[181..192]
        );
        // Reported figures keep their precision; the reported total is marked reported.
        let snapshot = Bundle::from_texts(
            include_str!("../../static/data/resumption-2021.json"),
            include_str!("../../static/geo/guizhou-prefectures.bnd.json"),
        )
        .unwrap();
        let t = csv(&snapshot);
        assert!(t.contains(",71,exact,,,reported") && t.contains(",50,more_than,,,reported"), "{t}");
        assert!(t.contains("2021-02-20,total,全省复工复产率（报道）,Province resumption rate (reported),66.50,exact,2696,4054,reported"), "{t}");
        assert_eq!(safe_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(safe_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(safe_cell("+1"), "'+1");
        assert_eq!(safe_cell("贵阳"), "贵阳");
        // A hostile region name in the data is neutralised and quoted.
        let mut evil = b.clone();
        evil.regions[0].name.zh = "=1+1,\"x\"".into();
        let t = csv(&evil);
        assert!(t.contains("\"'=1+1,\"\"x\"\"\""), "{}", &t[..400]);
    }

    #[test]
    fn poster_is_standalone_with_everything_it_must_carry() {
        let b = Bundle::embedded();
        let p = Poster { index: 9, compare: None, lang: Lang::En, width: 1000.0, height: 760.0, dark: false };
        let svg = poster_svg(&b, &p);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert_eq!(svg.matches("data-region=").count(), 9);
        assert!(svg.contains(">19 Feb 2020<"));
        assert!(svg.contains("Illustrative data"));
        assert!(svg.contains("Tianditu"));
        assert!(svg.contains("Sources: China News Service"));
        assert!(svg.contains("id=\"ramp\"") && svg.contains(">100\u{a0}%<"));
        assert!(svg.contains("sans-serif"), "fonts fall back to a generic family");
        assert!(!svg.contains("href=\"http"), "no external resources");
        // Balanced tags (a cheap well-formedness check; the e2e test parses it in the browser).
        assert_eq!(svg.matches("<text").count(), svg.matches("</text>").count());
        assert_eq!(svg.matches("<g").count(), svg.matches("</g>").count());
        let change = poster_svg(&b, &Poster { compare: Some(2), ..p });
        assert!(change.contains("Change from 12 Feb 2020 to 19 Feb 2020"));
        assert!(change.contains(">Resumption rate change<") && change.contains(">(percentage points)<"), "wrapped");
        assert!(change.contains(">+") && !change.contains(" pp<"));
    }

    #[test]
    fn a_readers_file_is_exported_as_from_the_file_not_as_reported() {
        let current = Bundle::embedded();
        let text = "date,code,rate\n2020-02-19,520100,61\n2020-02-19,520300,57\n";
        let (b, _) = crate::core::ingest::bundle_from_files(
            Some(("mine.csv", text.as_bytes())),
            None,
            None,
            None,
            Some(&current),
            None,
        )
        .unwrap();
        let t = csv(&b);
        assert!(t.contains("2020-02-19,520100,贵阳市,Guiyang,61,exact,,,from file"), "{t}");
        assert!(!t.contains(",reported"), "{t}");
        let svg = poster_svg(
            &b,
            &Poster { index: 0, compare: None, lang: Lang::En, width: 1000.0, height: 760.0, dark: false },
        );
        assert!(svg.contains("Data: the loaded file mine.csv"), "credited by its name");
        assert!(!svg.contains("Sources: <") && !svg.contains(">Sources: </text>"), "no empty Sources line");
    }

    #[test]
    fn poster_text_is_wrapped_to_its_width_and_carries_the_addresses() {
        let b = Bundle::embedded();
        for (lang, w, compare) in [
            (Lang::En, 800.0, None),
            (Lang::Zh, 800.0, None),
            (Lang::En, 1000.0, None),
            (Lang::Zh, 320.0, None),
            // "Change from 10 Feb 2020 to 29 Feb 2020" is wider than a small poster: it wraps too.
            (Lang::En, 400.0, Some(0)),
        ] {
            let svg = poster_svg(&b, &Poster { index: 19, compare, lang, width: w, height: 600.0, dark: false });
            // Every text line starting at the left margin fits the poster by the estimate.
            for part in svg.split("<text x=\"28\"").skip(1) {
                let size: f64 = part.split("font-size=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap();
                let text = &part[part.find('>').unwrap() + 1..part.find("</text>").unwrap()];
                let text = text
                    .replace("&amp;", "&")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&apos;", "'");
                assert!(28.0 + wrap::width_em(&text) * size <= w - 28.0 + 0.01, "{lang:?} {w}: {text}");
            }
            assert!(svg.contains("gz.cnipai.com/news/detail/257165.html"), "sources with their addresses");
            // The foot stays inside the poster and below the map's box.
            let last_y: f64 =
                svg.rsplit("<text x=\"28\" y=\"").next().unwrap().split('"').next().unwrap().parse().unwrap();
            assert!(last_y <= 600.0 - 10.0, "{last_y}");
        }
        let zh = poster_svg(
            &b,
            &Poster { index: 9, compare: None, lang: Lang::Zh, width: 1000.0, height: 760.0, dark: false },
        );
        assert!(zh.contains("示意数据：各市（州）数值并非报道数字"), "the level is named");
        assert!(!zh.contains("; "), "Chinese sources joined with a Chinese semicolon");
        // The 2021 snapshot: its lower bounds get a legend entry; no illustrative note.
        let snapshot = Bundle::from_texts(
            include_str!("../../static/data/resumption-2021.json"),
            include_str!("../../static/geo/guizhou-prefectures.bnd.json"),
        )
        .unwrap();
        let svg = poster_svg(
            &snapshot,
            &Poster { index: 0, compare: None, lang: Lang::En, width: 1000.0, height: 760.0, dark: false },
        );
        assert!(svg.contains(">Lower bound only<") && !svg.contains("Illustrative data"));
        assert!(!Bundle::embedded()
            .dataset
            .regions
            .iter()
            .flat_map(|r| r.values.iter().flatten())
            .any(|v| v.bound == Bound::MoreThan));
        assert!(!poster_svg(
            &b,
            &Poster { index: 9, compare: None, lang: Lang::En, width: 1000.0, height: 760.0, dark: false }
        )
        .contains("Lower bound only"));
    }

    #[test]
    fn the_poster_keys_no_data_only_when_its_map_shows_a_gap() {
        let mut b = Bundle::embedded();
        let poster = Poster { index: 9, compare: None, lang: Lang::En, width: 1000.0, height: 760.0, dark: false };
        assert!(!poster_svg(&b, &poster).contains(">No data<"), "every region has a value");
        b.dataset.regions[0].values[9] = None;
        let svg = poster_svg(&b, &poster);
        assert!(svg.contains(">No data<"), "one region lacks a value: keyed");
        // Another date of the same data, without the gap: no key.
        assert!(!poster_svg(&b, &Poster { index: 8, ..poster }).contains(">No data<"));
    }

    #[test]
    fn file_names_say_the_level_of_the_regions_when_not_the_prefectures() {
        let mut ds = crate::core::bundle::Bundle::embedded().dataset;
        assert_eq!(file_stem(&ds), "guizhou-resumption");
        ds.meta.region_level = "county".into();
        assert_eq!(file_stem(&ds), "guizhou-resumption-county");
        ds.meta.region_level = "../Bad name/".into();
        assert_eq!(file_stem(&ds), "guizhou-resumption-badname", "nothing of a path");
        ds.meta.region_level.clear();
        assert_eq!(file_stem(&ds), "guizhou-resumption");
    }

    #[test]
    fn embed_snippet_is_escaped_and_sized() {
        let s = embed_snippet("https://e.org/map/?date=2020-02-19&embed=1", "https://e.org/map/embed.js", "Map \"x\"");
        assert!(s.starts_with("<iframe src=\"https://e.org/map/?date=2020-02-19&amp;embed=1\""));
        assert!(s.contains("height=\"900\"") && s.contains("sandbox=\"allow-scripts allow-same-origin"));
        assert!(s.contains("title=\"Map &quot;x&quot;\""));
        assert!(s.ends_with("<script src=\"https://e.org/map/embed.js\" async></script>"));
    }

    #[test]
    fn hostile_names_stay_text() {
        let mut b = Bundle::embedded();
        b.regions[0].name.en = "<script>alert(1)</script>".into();
        b.dataset.meta.title.en = "a & b <c>".into();
        let svg = poster_svg(
            &b,
            &Poster { index: 0, compare: None, lang: Lang::En, width: 800.0, height: 600.0, dark: true },
        );
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;") && svg.contains("a &amp; b &lt;c&gt;"));
    }
}
