//! The URL's query string as shareable state: parsing (tolerant, with notices) and serialising.
//!
//! Parameters (all optional):
//!
//! | name | value | meaning |
//! |---|---|---|
//! | `date` | `YYYY-MM-DD` | the date shown |
//! | `region` | adcode | the selected region |
//! | `lang` | `zh` / `en` | page language |
//! | `present` | `1` / `0` | presenter mode |
//! | `embed` | `1` / `0` | compact layout for an iframe |
//! | `from`, `to` | `YYYY-MM-DD` | the window of dates playback and keys stay in |
//! | `speed` | dates per second, `0.1`–`30` | playback speed |
//! | `loop` | `1` / `0` | loop playback |
//! | `dwell` | seconds, `0`–`60` | hold on dates with events during playback |
//! | `play` | `1` | start playing on load (ignored with `prefers-reduced-motion: reduce`) |
//! | `compare` | `YYYY-MM-DD` | compare mode: show the change from this date to `date` |
//! | `dark` | `auto` / `1` / `0` | colour scheme: follow the system (default), dark, light |
//! | `plain` | `1` | no title or sources section (for editors who write their own); the one-line credit stays |
//! | `static` | `1` | no controls: the map of one date |
//! | `dataset` | `2020` / `2021` / `counties` | one of the shipped datasets |
//! | `data` | http(s) URL | a dataset to load (project JSON or CSV) |
//! | `geo` | http(s) URL | boundaries to load (GeoJSON) |
//! | `key` | property name | which GeoJSON property holds the region key (default `adcode`) |
//! | `outline` | http(s) URL | an outline to draw round the boundaries |
//!
//! [`UrlState::parse`] never fails: an unknown or malformed parameter is dropped with a [`Notice`]
//! the page shows; everything else still applies. [`UrlState::to_query`] writes only what differs
//! from the defaults, in a fixed order, so equal states give equal URLs.

use crate::core::date::{truncate, Date};
use crate::core::i18n::{Lang, Text};

/// Every parameter the app understands.
pub const KNOWN: [&str; 20] = [
    "date", "region", "lang", "present", "embed", "from", "to", "speed", "loop", "dwell", "play", "compare", "dark",
    "plain", "static", "dataset", "data", "geo", "key", "outline",
];

/// Where the data come from, as the URL says: a shipped dataset, or files at URLs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DataSource {
    /// `dataset`: a shipped dataset's id.
    pub dataset: Option<String>,
    /// `data`: URL of a dataset file.
    pub data: Option<String>,
    /// `geo`: URL of a boundary file.
    pub geo: Option<String>,
    /// `key`: the GeoJSON property with the region key.
    pub key: Option<String>,
    /// `outline`: URL of an outline file.
    pub outline: Option<String>,
}

impl DataSource {
    /// `true` when the URL names files to load rather than a shipped dataset.
    pub fn has_urls(&self) -> bool {
        self.data.is_some() || self.geo.is_some()
    }
}

/// A URL a reader may point the app at: http(s), absolute or relative to the page; at most 2000
/// bytes; no control characters; no other scheme (`javascript:`, `data:`, `file:` are refused).
/// `index.html`'s preload hint repeats this rule in JavaScript: change both together.
pub fn valid_data_url(v: &str) -> bool {
    let t = v.trim();
    if t.is_empty() || t.len() > 2000 || t.chars().any(|c| c.is_control()) {
        return false;
    }
    let lower = t.to_ascii_lowercase();
    // Anything that looks like `scheme:` must be http or https; a relative path has no scheme.
    let scheme = lower.split(['/', '?', '#']).next().unwrap_or("");
    match scheme.find(':') {
        Some(_) => lower.starts_with("http://") || lower.starts_with("https://"),
        None => true,
    }
}

/// The colour scheme asked for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Dark {
    /// Follow the system's `prefers-color-scheme`.
    #[default]
    Auto,
    /// Always dark.
    On,
    /// Always light.
    Off,
}

/// State carried by the URL.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UrlState {
    /// `date`.
    pub date: Option<Date>,
    /// `region`.
    pub region: Option<String>,
    /// `lang`.
    pub lang: Option<Lang>,
    /// `present=1`.
    pub present: bool,
    /// `embed=1`.
    pub embed: bool,
    /// `from`.
    pub from: Option<Date>,
    /// `to`.
    pub to: Option<Date>,
    /// `speed` (dates per second).
    pub speed: Option<f64>,
    /// `loop=1`.
    pub looping: bool,
    /// `dwell` in seconds.
    pub dwell: Option<f64>,
    /// `play=1`.
    pub play: bool,
    /// `compare`: the date the change is measured from.
    pub compare: Option<Date>,
    /// `dark`.
    pub dark: Dark,
    /// `plain=1`.
    pub plain: bool,
    /// `static=1`.
    pub static_map: bool,
    /// `dataset`, `data`, `geo`, `key`, `outline`.
    pub source: DataSource,
}

/// A parameter that was ignored, and why (shown in the page, in both languages).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// The parameter's name as written (truncated).
    pub param: String,
    /// Why it was ignored.
    pub message: Text,
}

impl Notice {
    /// A notice about `param`.
    pub fn new(param: &str, zh: impl Into<String>, en: impl Into<String>) -> Notice {
        Notice { param: truncate(param, 30), message: Text::new(zh, en) }
    }
}

/// Decodes one `application/x-www-form-urlencoded` component (`+` is a space, `%XX` a byte).
/// `None` if the escapes are broken or the bytes are not UTF-8.
pub fn decode_component(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = |c: u8| (c as char).to_digit(16);
                let (h, l) = (b.get(i + 1).copied().and_then(hex)?, b.get(i + 2).copied().and_then(hex)?);
                out.push((h * 16 + l) as u8);
                i += 2;
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// Encodes a component for a query string: unreserved characters stay, everything else is `%XX`.
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &c in s.as_bytes() {
        if c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b'~') {
            out.push(c as char);
        } else {
            out.push_str(&format!("%{c:02X}"));
        }
    }
    out
}

fn parse_bool(v: &str) -> Option<bool> {
    match v {
        "1" | "true" | "yes" | "" => Some(true),
        "0" | "false" | "no" => Some(false),
        _ => None,
    }
}

fn parse_number(v: &str, min: f64, max: f64) -> Option<f64> {
    let x: f64 = v.trim().parse().ok()?;
    (x.is_finite() && (min..=max).contains(&x)).then_some(x)
}

/// A region key is short and plain: letters, digits, `-` and `_` (adcodes are 6 digits).
fn valid_region(v: &str) -> bool {
    !v.is_empty() && v.len() <= 32 && v.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
}

impl UrlState {
    /// Parses a query string (with or without the leading `?`). Unknown, repeated or malformed
    /// parameters are ignored, each with a notice.
    pub fn parse(query: &str) -> (UrlState, Vec<Notice>) {
        let mut state = UrlState::default();
        let mut notices = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        let query = query.strip_prefix('?').unwrap_or(query);
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (raw_k, raw_v) = pair.split_once('=').unwrap_or((pair, ""));
            let (Some(k), Some(v)) = (decode_component(raw_k), decode_component(raw_v)) else {
                notices.push(Notice::new(raw_k, "参数编码有误，已忽略", "badly encoded, ignored"));
                continue;
            };
            if !KNOWN.contains(&k.as_str()) {
                notices.push(Notice::new(&k, "未知参数，已忽略", "unknown parameter, ignored"));
                continue;
            }
            if seen.contains(&k) {
                notices.push(Notice::new(&k, "重复参数，只用第一个", "repeated; only the first one is used"));
                continue;
            }
            seen.push(k.clone());
            let shown = truncate(&v, 30);
            let bad = |zh: &str, en: &str| {
                Notice::new(&k, format!("“{shown}”{zh}，已忽略"), format!("“{shown}” {en}, ignored"))
            };
            let date =
                |v: &str| Date::parse(v).map_err(|_| bad("不是 YYYY-MM-DD 格式的日期", "is not a date YYYY-MM-DD"));
            let flag = |v: &str| parse_bool(v).ok_or_else(|| bad("应为 1 或 0", "should be 1 or 0"));
            let result: Result<(), Notice> = (|| {
                match k.as_str() {
                    "date" => state.date = Some(date(&v)?),
                    "from" => state.from = Some(date(&v)?),
                    "to" => state.to = Some(date(&v)?),
                    "compare" => state.compare = Some(date(&v)?),
                    "region" if valid_region(&v) => state.region = Some(v.clone()),
                    "region" => return Err(bad("不是地区代码", "is not a region code")),
                    "lang" => {
                        state.lang = Some(Lang::from_tag(&v).ok_or_else(|| bad("应为 zh 或 en", "should be zh or en"))?)
                    }
                    "present" => state.present = flag(&v)?,
                    "embed" => state.embed = flag(&v)?,
                    "plain" => state.plain = flag(&v)?,
                    "static" => state.static_map = flag(&v)?,
                    "dataset" if valid_region(&v) => state.source.dataset = Some(v.clone()),
                    "dataset" => return Err(bad("不是数据集名称", "is not a dataset name")),
                    "data" | "geo" | "outline" if valid_data_url(&v) => {
                        let slot = match k.as_str() {
                            "data" => &mut state.source.data,
                            "geo" => &mut state.source.geo,
                            _ => &mut state.source.outline,
                        };
                        // Trimmed as checked (and as index.html's preload hint fetches it).
                        *slot = Some(v.trim().to_string());
                    }
                    "data" | "geo" | "outline" => {
                        return Err(bad("不是 http(s) 网址", "is not an http(s) URL"));
                    }
                    "key" if !v.is_empty() && v.len() <= 64 => state.source.key = Some(v.clone()),
                    "key" => return Err(bad("不是属性名", "is not a property name")),
                    "dark" => {
                        state.dark = match v.as_str() {
                            "auto" => Dark::Auto,
                            _ => match flag(&v) {
                                Ok(true) => Dark::On,
                                Ok(false) => Dark::Off,
                                Err(_) => return Err(bad("应为 auto、1 或 0", "should be auto, 1 or 0")),
                            },
                        }
                    }
                    "loop" => state.looping = flag(&v)?,
                    "play" => state.play = flag(&v)?,
                    "speed" => {
                        state.speed = Some(
                            parse_number(&v, 0.1, 30.0)
                                .ok_or_else(|| bad("应为每秒 0.1–30 个日期", "should be 0.1–30 dates per second"))?,
                        )
                    }
                    "dwell" => {
                        state.dwell = Some(
                            parse_number(&v, 0.0, 60.0).ok_or_else(|| bad("应为 0–60 秒", "should be 0–60 seconds"))?,
                        )
                    }
                    _ => {}
                }
                Ok(())
            })();
            if let Err(n) = result {
                notices.push(n);
            }
        }
        (state, notices)
    }

    /// The query string for this state (with `?`, or empty), defaults omitted, fixed order.
    pub fn to_query(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        let mut push = |k: &str, v: String| parts.push(format!("{k}={}", encode_component(&v)));
        if let Some(d) = self.date {
            push("date", d.to_string());
        }
        if let Some(d) = self.compare {
            push("compare", d.to_string());
        }
        if let Some(r) = &self.region {
            push("region", r.clone());
        }
        if let Some(l) = self.lang {
            push("lang", l.code().to_string());
        }
        if self.embed {
            push("embed", "1".into());
        }
        if self.present {
            push("present", "1".into());
        }
        match self.dark {
            Dark::Auto => {}
            Dark::On => push("dark", "1".into()),
            Dark::Off => push("dark", "0".into()),
        }
        if self.plain {
            push("plain", "1".into());
        }
        if self.static_map {
            push("static", "1".into());
        }
        let src = &self.source;
        for (k, v) in [
            ("dataset", &src.dataset),
            ("data", &src.data),
            ("geo", &src.geo),
            ("key", &src.key),
            ("outline", &src.outline),
        ] {
            if let Some(v) = v {
                push(k, v.clone());
            }
        }
        if let Some(d) = self.from {
            push("from", d.to_string());
        }
        if let Some(d) = self.to {
            push("to", d.to_string());
        }
        // Shortest exact decimal (`0.95`, `2`), so a parsed value always comes back unchanged.
        if let Some(s) = self.speed {
            push("speed", s.to_string());
        }
        if self.looping {
            push("loop", "1".into());
        }
        if let Some(s) = self.dwell {
            push("dwell", s.to_string());
        }
        if self.play {
            push("play", "1".into());
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_html_reads_dark_with_parse_bool_s_spellings() {
        // The inline script there gives the static page the app's colours before the app runs.
        let html = include_str!("../../index.html");
        let (on, off) = (["1", "true", "yes", ""], ["0", "false", "no"]);
        assert!(html.contains(&format!("/^({})$/", on.join("|"))), "index.html's `on` spellings");
        assert!(html.contains(&format!("/^({})$/", off.join("|"))), "index.html's `off` spellings");
        assert!(on.iter().all(|v| parse_bool(v) == Some(true)));
        assert!(off.iter().all(|v| parse_bool(v) == Some(false)));
        assert!(["on", "off", "TRUE", "y", "n", "2"].iter().all(|v| parse_bool(v).is_none()));
    }

    #[test]
    fn index_html_dims_the_static_page_for_every_parameter_but_lang_and_dark() {
        // The static page follows lang= and dark=; for any other parameter the app reads, it is
        // dimmed until the app shows what the link asks for.
        let html = include_str!("../../index.html");
        let shown: Vec<&str> = KNOWN.iter().copied().filter(|k| !["lang", "dark"].contains(k)).collect();
        assert!(html.contains(&format!("var shown = '{}';", shown.join(" "))), "index.html's `shown` list");
    }

    #[test]
    fn index_html_reads_lang_as_lang_from_tag_does() {
        // The inline script there puts the static page in the app's language before the app runs.
        let html = include_str!("../../index.html");
        assert!(html.contains("String(tag).split(/[-_]/)[0]"), "index.html splits a tag as Lang::from_tag does");
        assert!(html.contains("primary === 'zh' || primary === 'en' ? primary : null"));
        assert!(html.contains("if (!lang) lang = tags.length ? 'en' : 'zh';"), "Lang::preferred's fallbacks");
        assert_eq!(Lang::from_tag("ZH_hant"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("En-gb"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr"), None);
        assert_eq!(Lang::preferred(["fr", "ja"]), Lang::En);
        assert_eq!(Lang::preferred([]), Lang::Zh);
    }

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn round_trip() {
        let s = UrlState {
            date: Some(d("2020-02-19")),
            region: Some("520300".into()),
            lang: Some(Lang::En),
            present: true,
            embed: true,
            from: Some(d("2020-02-12")),
            to: Some(d("2020-02-26")),
            speed: Some(2.0),
            looping: true,
            dwell: Some(0.5),
            play: true,
            compare: Some(d("2020-02-10")),
            dark: Dark::On,
            plain: true,
            static_map: true,
            source: DataSource {
                dataset: None,
                data: Some("https://example.org/a b.csv".into()),
                geo: Some("https://example.org/g.geojson".into()),
                key: Some("code".into()),
                outline: None,
            },
        };
        let q = s.to_query();
        assert_eq!(
            q,
            "?date=2020-02-19&compare=2020-02-10&region=520300&lang=en&embed=1&present=1&dark=1&plain=1&static=1&data=https%3A%2F%2Fexample.org%2Fa%20b.csv&geo=https%3A%2F%2Fexample.org%2Fg.geojson&key=code&from=2020-02-12&to=2020-02-26&speed=2&loop=1&dwell=0.5&play=1"
        );
        assert_eq!(UrlState::parse(&q), (s, vec![]));
        assert_eq!(UrlState::default().to_query(), "");
        assert_eq!(UrlState::parse(""), (UrlState::default(), vec![]));
    }

    #[test]
    fn malformed_and_unknown_are_ignored_with_notices() {
        let (s, n) = UrlState::parse("?date=2020-13-01&region=520300&foo=1&speed=fast&lang=fr&present=maybe&region=1");
        assert_eq!(s.region.as_deref(), Some("520300"), "good parameters still apply");
        assert_eq!(s.date, None);
        let names: Vec<&str> = n.iter().map(|n| n.param.as_str()).collect();
        assert_eq!(names, vec!["date", "foo", "speed", "lang", "present", "region"]);
        assert_eq!(n[0].message.en, "“2020-13-01” is not a date YYYY-MM-DD, ignored");
        assert_eq!(n[1].message.zh, "未知参数，已忽略");
        assert_eq!(n[5].message.en, "repeated; only the first one is used");
    }

    #[test]
    fn hostile_values_never_panic_and_stay_short() {
        let long = "x".repeat(5000);
        for q in [
            "%",
            "%G1=2",
            "a=%FF%FE",
            "region=<img src=x onerror=alert(1)>",
            "date=%00",
            "=&&=",
            &format!("{long}={long}"),
            "speed=1e309",
            "speed=NaN",
            "dwell=-1",
            "region=%E8%B4%B5",
        ] {
            let (s, notices) = UrlState::parse(q);
            assert!(s.region.is_none(), "{q}");
            for n in notices {
                assert!(n.param.chars().count() <= 31 && n.message.en.chars().count() < 120, "{q}: {n:?}");
            }
        }
    }

    #[test]
    fn encoding() {
        assert_eq!(decode_component("a+b%20c%E8%B4%B5"), Some("a b c贵".into()));
        assert_eq!(decode_component("%E8%B4"), None, "truncated UTF-8");
        assert_eq!(decode_component("%4"), None);
        assert_eq!(encode_component("a b/贵"), "a%20b%2F%E8%B4%B5");
    }

    #[test]
    fn data_urls_are_http_only() {
        for ok in
            ["https://e.org/d.json", "http://127.0.0.1:8080/x.csv", "data/my.csv", "/abs/path.json", "HTTPS://E.ORG/X"]
        {
            assert!(valid_data_url(ok), "{ok}");
        }
        for bad in
            ["javascript:alert(1)", "data:text/csv,a", "file:///etc/passwd", "ftp://e.org/x", "", " jAvAsCrIpT:x"]
        {
            assert!(!valid_data_url(bad), "{bad}");
        }
        let (s, n) = UrlState::parse("data=javascript%3Aalert(1)&dataset=2021");
        assert_eq!(s.source.data, None);
        assert_eq!(s.source.dataset.as_deref(), Some("2021"));
        assert_eq!(n[0].message.en, "“javascript:alert(1)” is not an http(s) URL, ignored");
    }

    #[test]
    fn dark_takes_auto_on_off() {
        assert_eq!(UrlState::parse("dark=auto").0.dark, Dark::Auto);
        assert_eq!(UrlState::parse("dark=1").0.dark, Dark::On);
        assert_eq!(UrlState::parse("dark=0").0.dark, Dark::Off);
        let (s, n) = UrlState::parse("dark=purple");
        assert_eq!(s.dark, Dark::Auto);
        assert_eq!(n[0].message.en, "“purple” should be auto, 1 or 0, ignored");
    }

    #[test]
    fn flags_accept_common_spellings() {
        assert!(UrlState::parse("present").0.present);
        assert!(UrlState::parse("present=true").0.present);
        assert!(!UrlState::parse("present=0").0.present);
    }
}
