//! Reader-supplied data: decoding, parsing and validating a dataset (project JSON or long-form CSV)
//! and boundaries (GeoJSON), matching their regions, and reporting every problem with what and where.
//!
//! Unlike [`Dataset::from_json`], which refuses the shipped files at their first flaw, this path is
//! forgiving where it can be: a bad value becomes "no value" with a warning, a duplicate row is
//! dropped with a warning, unmatched regions are listed, and the rest is shown. Only a file that
//! cannot be read at all (empty, too large, not JSON/CSV, no dates, no usable rows) is rejected, and
//! then the previously loaded data stay on screen.
//!
//! Every [`Issue`] names the file and the place: a CSV line and column, a JSON field path, a GeoJSON
//! feature. Messages are bilingual. The exact English text of each is pinned by the catalogue of bad
//! files in `tests/bad-files/`.

use crate::core::dataset::{Bound, Counts, Dataset, Meta, Metric, Series, Value, MAX_BYTES};
use crate::core::date::{truncate, Date};
use crate::core::geo::{self, Region};
use crate::core::i18n::{Lang, Text};
use crate::core::names::short_zh;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

/// How bad an issue is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The file was rejected.
    Error,
    /// Something was left out or changed; the rest is shown.
    Warning,
    /// Worth knowing; nothing was lost.
    Info,
}

/// One problem found in a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    /// How bad.
    pub severity: Severity,
    /// The file (or URL) concerned.
    pub file: String,
    /// Where in it (`line 4, column rate`, `features[3]`, …); empty for the whole file.
    pub place: String,
    /// What, in both languages.
    pub message: Text,
}

impl Issue {
    fn new(
        severity: Severity,
        file: &str,
        place: impl Into<String>,
        zh: impl Into<String>,
        en: impl Into<String>,
    ) -> Issue {
        Issue { severity, file: truncate(file, 80), place: place.into(), message: Text::new(zh, en) }
    }
}

impl Issue {
    /// The place in the reader's language: a CSV place (`line 3, column rate`) reads
    /// `第 3 行，rate 列` in Chinese; JSON and GeoJSON paths (`regions[2].values[5]`,
    /// `features[3]`) are the same in both.
    pub fn place_in(&self, lang: Lang) -> String {
        let p = self.place.as_str();
        match (lang, p.strip_prefix("line ")) {
            (Lang::Zh, Some(rest)) => match rest.split_once(", column ") {
                Some((line, col)) if col.bytes().all(|b| b.is_ascii_digit()) => format!("第 {line} 行，第 {col} 列"),
                Some((line, col)) => format!("第 {line} 行，{col} 列"),
                None => format!("第 {rest} 行"),
            },
            _ => p.to_string(),
        }
    }
}

impl fmt::Display for Issue {
    /// `file: place: message` in English (the page shows the reader's language).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.file)?;
        if !self.place.is_empty() {
            write!(f, "{}: ", self.place)?;
        }
        write!(f, "{}", self.message.en)
    }
}

/// A decoder for text that is not UTF-8 (the browser's `TextDecoder("gb18030")`); `None` natively.
pub type FallbackDecoder<'a> = Option<&'a dyn Fn(&[u8]) -> Option<String>>;

/// Turns file bytes into text: refuses empty and oversized files, strips a UTF-8 byte-order mark,
/// refuses UTF-16, and reads GBK/GB18030 (what Excel on Chinese Windows writes) with `fallback`.
pub fn decode(file: &str, bytes: &[u8], fallback: FallbackDecoder) -> Result<(String, Vec<Issue>), Issue> {
    use Severity::*;
    if bytes.len() > MAX_BYTES {
        let mb = bytes.len() as f64 / 1_048_576.0;
        return Err(Issue::new(
            Error,
            file,
            "",
            format!("文件有 {mb:.1} MB，超过 {} MB 的上限", MAX_BYTES / 1_048_576),
            format!("the file is {mb:.1} MB, more than the {} MB limit", MAX_BYTES / 1_048_576),
        ));
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Issue::new(Error, file, "", "文件是空的", "the file is empty"));
    }
    // A spreadsheet sent as it is: .xlsx (and .ods) are zip archives, .xls an OLE2 compound file.
    // Read as text they would be reported as a wrong encoding and a missing header.
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) {
        return Err(Issue::new(
            Error,
            file,
            "",
            "这是电子表格（如 Excel 工作簿）或压缩文件，不是文本：请在 Excel 里“另存为”“CSV UTF-8（逗号分隔）”，再载入那个文件",
            "this is a spreadsheet (such as an Excel workbook) or a zip archive, not text: in Excel, use Save As “CSV UTF-8 (Comma delimited)” and load that file",
        ));
    }
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(Issue::new(
            Error,
            file,
            "",
            "文件是 UTF-16 编码；请另存为 UTF-8",
            "the file is UTF-16; save it as UTF-8 and load it again",
        ));
    }
    let mut issues = vec![];
    let bytes = match bytes.strip_prefix(&[0xef, 0xbb, 0xbf]) {
        Some(rest) => {
            issues.push(Issue::new(
                Info,
                file,
                "",
                "已去掉 UTF-8 字节顺序标记（BOM）",
                "a UTF-8 byte-order mark (BOM) was removed",
            ));
            rest
        }
        None => bytes,
    };
    match std::str::from_utf8(bytes) {
        Ok(t) => Ok((t.to_string(), issues)),
        Err(e) => match fallback.and_then(|f| f(bytes)) {
            Some(t) => {
                issues.push(Issue::new(
                    Warning,
                    file,
                    "",
                    "文件不是 UTF-8，已按 GB18030（GBK）读取；如名称显示不对，请另存为 UTF-8",
                    "the file is not UTF-8; it was read as GB18030 (GBK). If names look wrong, save it as UTF-8",
                ));
                Ok((t, issues))
            }
            None => Err(Issue::new(
                Error,
                file,
                format!("byte {}", e.valid_up_to() + 1),
                "文件不是 UTF-8（可能是 Excel 保存的 GBK/GB18030）；请另存为“CSV UTF-8”",
                "the file is not UTF-8 (probably GBK/GB18030 from Excel); save it as \"CSV UTF-8\" and load it again",
            )),
        },
    }
}

/// One value read from a file, with where it came from.
#[derive(Clone, Debug)]
struct Cell {
    date: Date,
    code: String,
    name: Text,
    value: Option<Value>,
    place: String,
}

/// Reads a rate written by a person: `61.5`, `61.5%`, `> 60`, `>60 %`, `60%以上`, `more than 60`.
/// `Ok(None)` for an explicit blank (`""`, `-`, `NA`, …); `Err` with the reason otherwise.
fn parse_rate(raw: &str) -> Result<Option<(f64, Bound)>, (String, String)> {
    let s = raw.trim();
    if s.is_empty() || ["-", "–", "—", "NA", "N/A", "na", "n/a", "null", "无", "无数据"].contains(&s) {
        return Ok(None);
    }
    let mut t = s.to_string();
    let mut bound = Bound::Exact;
    for prefix in [">", "＞", "more than", "超过", "大于"] {
        if let Some(rest) = t.strip_prefix(prefix) {
            t = rest.trim().to_string();
            bound = Bound::MoreThan;
        }
    }
    for suffix in ["以上", "+"] {
        if let Some(rest) = t.strip_suffix(suffix) {
            t = rest.trim().to_string();
            bound = Bound::MoreThan;
        }
    }
    let t = t.trim_end_matches(['%', '％']).trim();
    let v: f64 = t.parse().map_err(|_| {
        if t.replace(',', ".").parse::<f64>().is_ok() {
            let fixed = t.replace(',', ".");
            (
                format!("“{}”不是数字（小数点请用“.”：{fixed}）", truncate(s, 24)),
                format!("“{}” is not a number (use a decimal point: {fixed})", truncate(s, 24)),
            )
        } else {
            (format!("“{}”不是数字", truncate(s, 24)), format!("“{}” is not a number", truncate(s, 24)))
        }
    })?;
    if !v.is_finite() {
        return Err((format!("“{}”不是数字", truncate(s, 24)), format!("“{}” is not a number", truncate(s, 24))));
    }
    if v < 0.0 {
        return Err((format!("{v} 是负数"), format!("{v} is negative")));
    }
    if v > 100.0 {
        return Err((format!("{v} 超过 100%"), format!("{v} is above 100 %")));
    }
    Ok(Some((v, bound)))
}

fn parse_count(raw: &str) -> Result<Option<u32>, (String, String)> {
    let s = raw.trim().replace([',', '，'], "");
    if s.is_empty() {
        return Ok(None);
    }
    s.parse::<u32>().map(Some).map_err(|_| {
        (
            format!("“{}”不是非负整数", truncate(raw.trim(), 24)),
            format!("“{}” is not a whole number of enterprises", truncate(raw.trim(), 24)),
        )
    })
}

/// The warning for a value that cannot be used: it is shown as no value.
fn no_value(file: &str, place: String, (zh, en): (String, String)) -> Issue {
    Issue::new(Severity::Warning, file, place, format!("{zh}，按无数据处理"), format!("{en}; shown as no value"))
}

/// Builds a value from a rate cell and count cells, checking them against each other.
fn make_value(
    rate: Option<(f64, Bound)>,
    resumed: Option<u32>,
    due: Option<u32>,
) -> Result<Option<Value>, (String, String)> {
    let counts = match (resumed, due) {
        (Some(r), Some(d)) if d == 0 || r > d => {
            return Err((format!("已复工 {r} 大于应复工 {d}"), format!("resumed {r} is more than due {d}")));
        }
        (Some(r), Some(d)) => Some(Counts { resumed: r, due: d }),
        _ => None,
    };
    match (rate, counts) {
        (Some((r, bound)), c) => {
            if let (Bound::Exact, Some(c)) = (bound, c) {
                let from_counts = 100.0 * c.resumed as f64 / c.due as f64;
                if (from_counts - r).abs() > 0.051 {
                    return Err((
                        format!("复工率 {r} 与户数之比 {from_counts:.2} 不符"),
                        format!("rate {r} disagrees with resumed ÷ due = {from_counts:.2}"),
                    ));
                }
            }
            Ok(Some(Value { rate: r, bound, counts: c }))
        }
        (None, Some(c)) => {
            Ok(Some(Value { rate: 100.0 * c.resumed as f64 / c.due as f64, bound: Bound::Exact, counts: Some(c) }))
        }
        (None, None) => Ok(None),
    }
}

/// Column names accepted in a CSV header (case-insensitive), by role.
const COLUMNS: [(&str, &[&str]); 8] = [
    ("date", &["date", "日期", "day"]),
    ("code", &["code", "adcode", "region", "region_code", "代码", "地区代码", "行政区划代码"]),
    ("name", &["name", "name_zh", "region_name", "地区", "名称", "市州", "地区名称"]),
    ("name_en", &["name_en", "english"]),
    ("rate", &["rate", "value", "rate_percent", "复工率", "复工复产率", "开工率"]),
    ("bound", &["bound"]),
    ("resumed", &["resumed", "已复工", "已复工户数", "已复工复产户数"]),
    ("due", &["due", "应复工", "应复工户数", "应复工复产户数"]),
];

/// Parses a long-form CSV (one row per date and region) into a dataset.
///
/// Columns (header required, any order, names case-insensitive, Chinese names accepted):
/// `date` (YYYY-MM-DD), `code` and/or `name` (the region), `rate` (percent; `>60` or `60%以上` for a
/// lower bound; blank for no value), optional `bound` (`exact`/`more_than`), `resumed`, `due`,
/// `name_en`. Our own CSV export reads back unchanged.
pub fn dataset_from_csv(file: &str, text: &str) -> Result<(Dataset, Vec<Issue>), Vec<Issue>> {
    use Severity::*;
    let mut issues = vec![];
    if text.trim_start().starts_with('<') {
        return Err(vec![Issue::new(
            Error,
            file,
            "line 1",
            "这是一个 HTML 网页，不是数据（服务器可能返回了错误页面）",
            "this is an HTML page, not data (the server may have sent an error page instead of the file)",
        )]);
    }
    // Spreadsheets in many locales separate columns with `;`, and copied tables with tabs.
    let header_line = text.lines().next().unwrap_or("");
    let delimiter = if header_line.contains(',') {
        b','
    } else if header_line.contains(';') {
        issues.push(Issue::new(
            Info,
            file,
            "line 1",
            "各列以分号（;）分隔",
            "the columns are separated by semicolons (;)",
        ));
        b';'
    } else if header_line.contains('\t') {
        issues.push(Issue::new(Info, file, "line 1", "各列以制表符分隔", "the columns are separated by tabs"));
        b'\t'
    } else {
        b','
    };
    let mut reader =
        csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).delimiter(delimiter).from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            return Err(vec![Issue::new(
                Error,
                file,
                "line 1",
                "无法读取表头",
                format!("the header cannot be read: {e}"),
            )])
        }
    };
    let mut col: HashMap<&str, usize> = HashMap::new();
    for (i, h) in headers.iter().enumerate() {
        let h_low = h.trim().trim_start_matches('\u{feff}').to_ascii_lowercase();
        match COLUMNS.iter().find(|(_, names)| names.contains(&h_low.as_str())) {
            Some((role, _)) if !col.contains_key(role) => {
                col.insert(role, i);
            }
            _ => issues.push(Issue::new(
                Info,
                file,
                format!("line 1, column {}", i + 1),
                format!("忽略列“{}”", truncate(h, 30)),
                format!("column “{}” is not used", truncate(h, 30)),
            )),
        }
    }
    if !col.contains_key("date") {
        return Err(vec![Issue::new(
            Error,
            file,
            "line 1",
            "缺少 date（日期）列",
            "there is no date column (expected a header such as date,code,name,rate)",
        )]);
    }
    if !col.contains_key("code") && !col.contains_key("name") {
        return Err(vec![Issue::new(
            Error,
            file,
            "line 1",
            "缺少 code 或 name（地区）列",
            "there is no code or name column for the region",
        )]);
    }
    if !["rate", "resumed"].iter().any(|c| col.contains_key(c)) {
        return Err(vec![Issue::new(
            Error,
            file,
            "line 1",
            "缺少 rate（复工率）列",
            "there is no rate column (nor resumed and due)",
        )]);
    }
    let mut cells = vec![];
    let mut all_illustrative = true;
    let mut skipped_totals = 0usize;
    let status_col = headers.iter().position(|h| h.eq_ignore_ascii_case("status"));
    for (k, rec) in reader.records().enumerate() {
        let line = k + 2;
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                issues.push(Issue::new(
                    Warning,
                    file,
                    format!("line {line}"),
                    "无法读取此行，已跳过",
                    format!("this line cannot be read, skipped ({e})"),
                ));
                continue;
            }
        };
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        // A quotation mark never closed swallows the lines after it into one cell: say which.
        let extra: usize = rec.iter().map(|c| c.matches('\n').count()).sum();
        if extra > 0 {
            let first = rec.position().map(|p| p.line() as usize).unwrap_or(line);
            let last = first + extra;
            issues.push(Issue::new(
                Warning,
                file,
                format!("lines {first}–{last}"),
                format!("第 {first} 行起的一个单元格跨到第 {last} 行（可能有未闭合的引号）：这些行未读入"),
                format!(
                    "a cell that starts on line {first} runs to line {last} (a quotation mark never closed?): these lines are not read"
                ),
            ));
            continue;
        }
        let get = |role: &str| col.get(role).and_then(|&i| rec.get(i)).unwrap_or("");
        let place = |role: &str| format!("line {line}, column {role}");
        // The whole area's rows, as this app's CSV export writes them: the page computes its own.
        if get("code").trim() == "total" {
            skipped_totals += 1;
            continue;
        }
        if let Some(i) = status_col {
            all_illustrative &= rec.get(i).map(|s| s.trim() == "illustrative").unwrap_or(false);
        } else {
            all_illustrative = false;
        }
        let date = match Date::parse(get("date")) {
            Ok(d) => d,
            Err(e) => {
                let raw = get("date");
                let (zh_hint, en_hint) = if raw.len() == 5 && raw.bytes().all(|b| b.is_ascii_digit()) {
                    (
                        "（像是 Excel 的日期序号：请把该列设为 YYYY-MM-DD 格式）",
                        " (it looks like an Excel date number: format the column as YYYY-MM-DD)",
                    )
                } else {
                    ("", "")
                };
                issues.push(Issue::new(
                    Warning,
                    file,
                    place("date"),
                    format!("{e}{zh_hint}，此行已跳过"),
                    format!("{e}{en_hint}; the line is skipped"),
                ));
                continue;
            }
        };
        let (code, name) = (get("code").to_string(), get("name").to_string());
        if code.is_empty() && name.is_empty() {
            issues.push(Issue::new(
                Warning,
                file,
                place("code"),
                "没有地区，此行已跳过",
                "no region; the line is skipped",
            ));
            continue;
        }
        let mut rate = match parse_rate(get("rate")) {
            Ok(r) => r,
            Err((zh, en)) => {
                issues.push(no_value(file, place("rate"), (zh, en)));
                None
            }
        };
        if let (Some((r, _)), "more_than") = (rate, get("bound")) {
            rate = Some((r, Bound::MoreThan));
        }
        let (resumed, due) = match (parse_count(get("resumed")), parse_count(get("due"))) {
            (Ok(r), Ok(d)) => (r, d),
            (r, d) => {
                let (which, (zh, en)) = match (r, d) {
                    (Err(e), _) => ("resumed", e),
                    (_, e) => ("due", e.err().unwrap_or_default()),
                };
                issues.push(Issue::new(
                    Warning,
                    file,
                    place(which),
                    format!("{zh}，户数已忽略"),
                    format!("{en}; the counts are ignored"),
                ));
                (None, None)
            }
        };
        let value = match make_value(rate, resumed, due) {
            Ok(v) => v,
            Err((zh, en)) => {
                issues.push(no_value(file, place("rate"), (zh, en)));
                None
            }
        };
        let name = Text::new(name, get("name_en").to_string());
        cells.push(Cell {
            date,
            code: if code.is_empty() { name.zh.clone() } else { code },
            name,
            value,
            place: place("date"),
        });
    }
    let meta = Meta {
        title: Text::new(
            format!("已载入的数据：{}", truncate(file, 60)),
            format!("Loaded data: {}", truncate(file, 60)),
        ),
        subtitle: Text::default(),
        metric: Metric {
            name: Text::new("复工率", "Resumption rate"),
            definition: Text::new("按文件所给的数值", "As given in the file"),
            unit: "%".into(),
        },
        illustrative: all_illustrative,
        method: Text::default(),
        sources: vec![],
        region_level: String::new(),
        origin: Some(file.to_string()),
        total_name: None,
    };
    if skipped_totals > 0 {
        issues.push(Issue::new(
            Severity::Info,
            file,
            "",
            format!("{skipped_totals} 行全省合计（code 为 total）未读入：合计只按各地区的户数计算（缺户数时没有合计）"),
            format!("{skipped_totals} total rows (code “total”) not read: a total is computed only from the regions' counts (none where they lack counts)"),
        ));
    }
    assemble(file, meta, cells, vec![], issues)
}

/// Parses the project's JSON format forgivingly: a bad value becomes no value with a warning.
pub fn dataset_from_json(file: &str, text: &str) -> Result<(Dataset, Vec<Issue>), Vec<Issue>> {
    use Severity::*;
    let v: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            let p = crate::core::json_error::explain(&e, text);
            return Err(vec![Issue::new(Error, file, p.place(), p.message.zh, p.message.en)]);
        }
    };
    match v.get("format").and_then(|f| f.as_str()) {
        Some(crate::core::dataset::FORMAT) => {}
        Some(other) => {
            return Err(vec![Issue::new(
                Error,
                file,
                "format",
                format!("格式是“{}”，应为“{}”", truncate(other, 40), crate::core::dataset::FORMAT),
                format!("format is “{}”, expected “{}”", truncate(other, 40), crate::core::dataset::FORMAT),
            )]);
        }
        None => {
            return Err(vec![Issue::new(
                Error,
                file,
                "format",
                "不是本项目的数据格式（缺少 \"format\": \"resumption-map/1\"）",
                "not this project's dataset format (no \"format\": \"resumption-map/1\"); CSV is also accepted",
            )]);
        }
    }
    // A strictly valid file needs no second look.
    if let Ok(mut ds) = Dataset::from_json(text) {
        ds.meta.origin = Some(file.to_string());
        return Ok((ds, vec![]));
    }
    // Otherwise walk it loosely, value by value.
    let meta: Meta = serde_json::from_value(v.get("meta").cloned().unwrap_or_default()).unwrap_or_else(|_| Meta {
        title: Text::new(format!("已载入的数据：{file}"), format!("Loaded data: {file}")),
        subtitle: Text::default(),
        metric: Metric {
            name: Text::new("复工率", "Resumption rate"), definition: Text::default(), unit: "%".into()
        },
        illustrative: false,
        method: Text::default(),
        sources: vec![],
        region_level: String::new(),
        origin: None,
        total_name: None,
    });
    let mut meta = meta;
    meta.origin = Some(file.to_string());
    let mut issues = vec![];
    if v.get("meta").is_some() && serde_json::from_value::<Meta>(v["meta"].clone()).is_err() {
        issues.push(Issue::new(
            Warning,
            file,
            "meta",
            "meta（标题、指标、来源）无法读取，已用文件名作标题",
            "meta (title, metric, sources) could not be read; the file name is used as the title",
        ));
    }
    // Sources and facts are links on the page: only http(s) ones are kept, as in a strict read.
    let web = crate::core::dataset::is_web_url;
    let sources = std::mem::take(&mut meta.sources);
    for (k, s) in sources.into_iter().enumerate() {
        if web(&s.url) {
            meta.sources.push(s);
        } else {
            issues.push(Issue::new(
                Warning,
                file,
                format!("meta.sources[{k}].url"),
                format!("“{}”不是 http(s) 地址，该来源未采用", truncate(&s.url, 40)),
                format!("“{}” is not an http(s) address; the source is left out", truncate(&s.url, 40)),
            ));
        }
    }
    let mut events = vec![];
    for (k, e) in v.get("events").and_then(|e| e.as_array()).into_iter().flatten().enumerate() {
        match serde_json::from_value::<crate::core::dataset::Event>(e.clone()) {
            Ok(e) if web(&e.source.url) => events.push(e),
            Ok(e) => issues.push(Issue::new(
                Warning,
                file,
                format!("events[{k}].source.url"),
                format!("“{}”不是 http(s) 地址，该事件未采用", truncate(&e.source.url, 40)),
                format!("“{}” is not an http(s) address; the fact is left out", truncate(&e.source.url, 40)),
            )),
            Err(err) => issues.push(Issue::new(
                Warning,
                file,
                format!("events[{k}]"),
                format!("无法读取（{}），该事件未采用", truncate(&err.to_string(), 80)),
                format!("could not be read ({}); the fact is left out", truncate(&err.to_string(), 80)),
            )),
        }
    }
    if v.get("totals").and_then(|t| t.as_array()).is_some_and(|a| a.iter().any(|t| !t.is_null())) {
        issues.push(Issue::new(
            Warning,
            file,
            "totals",
            "文件有其他问题，报道的合计未采用；合计按户数计算",
            "the reported totals are not used in a file with other problems; totals are computed from counts",
        ));
    }
    let Some(dates) = v.get("dates").and_then(|d| d.as_array()) else {
        return Err(vec![Issue::new(Error, file, "dates", "没有 dates（日期）列表", "there is no dates list")]);
    };
    let dates: Vec<Option<Date>> = dates
        .iter()
        .enumerate()
        .map(|(i, d)| match d.as_str().map(Date::parse) {
            Some(Ok(d)) => Some(d),
            _ => {
                issues.push(Issue::new(
                    Warning,
                    file,
                    format!("dates[{i}]"),
                    "不是 YYYY-MM-DD 日期，此列已忽略",
                    format!("{} is not a date YYYY-MM-DD; its values are ignored", truncate(&d.to_string(), 30)),
                ));
                None
            }
        })
        .collect();
    let regions = v.get("regions").and_then(|r| r.as_array()).cloned().unwrap_or_default();
    let mut cells = vec![];
    for (k, r) in regions.iter().enumerate() {
        let code =
            r.get("code").map(|c| c.as_str().map(str::to_string).unwrap_or_else(|| c.to_string())).unwrap_or_default();
        let name: Text = r.get("name").and_then(|n| serde_json::from_value(n.clone()).ok()).unwrap_or_default();
        let path = format!("regions[{k}] ({})", truncate(&code, 20));
        let values = r.get("values").and_then(|v| v.as_array()).cloned();
        if values.is_none() {
            // A misspelt key ("rates") would otherwise read as a region with no values at all.
            let keys = crate::core::json_error::quoted_keys(r.as_object().into_iter().flat_map(|o| o.keys()), 6);
            let (found_zh, found_en) = if keys.en.is_empty() {
                (String::new(), String::new())
            } else {
                (format!("（它有：{}）", keys.zh), format!(" (it has {})", keys.en))
            };
            issues.push(Issue::new(
                Warning,
                file,
                path.clone(),
                format!("没有“values”（数值）列表{found_zh}；按无数据处理"),
                format!("there is no “values” list{found_en}; shown as no value"),
            ));
        }
        let values = values.unwrap_or_default();
        if !values.is_empty() && values.len() != dates.len() {
            issues.push(Issue::new(
                Warning,
                file,
                format!("{path}.values"),
                format!("{} 个数值对应 {} 个日期；多余的忽略，缺少的按无数据处理", values.len(), dates.len()),
                format!(
                    "{} values for {} dates; extra values are ignored, missing ones shown as no value",
                    values.len(),
                    dates.len()
                ),
            ));
        }
        for (j, date) in dates.iter().enumerate() {
            let Some(date) = *date else { continue };
            let place = format!("{path}.values[{j}] ({date})");
            let raw = values.get(j).cloned().unwrap_or(serde_json::Value::Null);
            let as_value = |r: Result<Option<(f64, Bound)>, (String, String)>| {
                r.map(|o| o.map(|(rate, bound)| Value { rate, bound, counts: None }))
            };
            let value: Result<Option<Value>, (String, String)> = match raw {
                serde_json::Value::Null => Ok(None),
                serde_json::Value::Number(n) => as_value(parse_rate(&n.to_string())),
                serde_json::Value::String(s) => as_value(parse_rate(&s)),
                serde_json::Value::Object(o) => {
                    let num = |k: &str| o.get(k).and_then(|v| v.as_f64());
                    let int = |k: &str| o.get(k).and_then(|v| v.as_u64()).map(|v| v.min(u32::MAX as u64) as u32);
                    let rate = match (num("rate"), num("more_than")) {
                        (Some(r), _) => parse_rate(&r.to_string()),
                        (None, Some(r)) => parse_rate(&r.to_string()).map(|o| o.map(|(r, _)| (r, Bound::MoreThan))),
                        _ => Ok(None),
                    };
                    rate.and_then(|rate| make_value(rate, int("resumed"), int("due")))
                }
                other => Err((
                    format!("“{}”不是数值", truncate(&other.to_string(), 24)),
                    format!("{} is not a value", truncate(&other.to_string(), 24)),
                )),
            };
            let value = value.unwrap_or_else(|(zh, en)| {
                issues.push(no_value(file, place.clone(), (zh, en)));
                None
            });
            cells.push(Cell { date, code: code.clone(), name: name.clone(), value, place: place.clone() });
        }
    }
    assemble(file, meta, cells, events, issues)
}

/// Builds the dataset from cells: sorts dates, drops duplicates, reports gaps in a daily series.
fn assemble(
    file: &str,
    meta: Meta,
    cells: Vec<Cell>,
    mut events: Vec<crate::core::dataset::Event>,
    mut issues: Vec<Issue>,
) -> Result<(Dataset, Vec<Issue>), Vec<Issue>> {
    use Severity::*;
    if cells.is_empty() {
        issues.insert(0, Issue::new(Error, file, "", "没有可用的数据行", "there are no usable rows"));
        return Err(issues);
    }
    // A file in which no value can be read would replace the map with an empty one.
    if cells.iter().all(|c| c.value.is_none()) {
        issues.insert(
            0,
            Issue::new(
                Error,
                file,
                "",
                "没有一个数值可以读取，无法显示（原因见下面的提示）",
                "not one value could be read, so there is nothing to show (the notes below say why)",
            ),
        );
        return Err(issues);
    }
    let mut order_ok = true;
    for w in cells.windows(2) {
        if w[1].date < w[0].date && w[1].code == w[0].code {
            order_ok = false;
            break;
        }
    }
    if !order_ok {
        issues.push(Issue::new(
            Info,
            file,
            "",
            "日期不是按顺序排列的，已重新排序",
            "the dates are not in order; they were sorted",
        ));
    }
    let dates: Vec<Date> = cells.iter().map(|c| c.date).collect::<BTreeSet<_>>().into_iter().collect();
    // Gaps: a series that is mostly daily but skips days.
    let steps: Vec<i32> = dates.windows(2).map(|w| w[1].days_since(w[0])).collect();
    if steps.len() >= 2 && steps.iter().filter(|&&s| s == 1).count() * 2 >= steps.len() {
        let missing: Vec<Date> =
            dates.windows(2).flat_map(|w| (1..w[1].days_since(w[0])).map(move |k| w[0].add_days(k))).collect();
        if !missing.is_empty() {
            let list = missing.iter().take(5).map(|d| d.to_string()).collect::<Vec<_>>().join(", ");
            let more = if missing.len() > 5 { format!(" … ({} in all)", missing.len()) } else { String::new() };
            issues.push(Issue::new(
                Warning,
                file,
                "",
                format!("缺少日期：{list}{more}"),
                format!("dates missing from the daily series: {list}{more}"),
            ));
        }
    }
    let index: HashMap<Date, usize> = dates.iter().enumerate().map(|(i, d)| (*d, i)).collect();
    // code → (name, value per date, whether each date was seen, order of first appearance)
    type Slot = (Text, Vec<Option<Value>>, Vec<bool>, usize);
    let mut by_code: BTreeMap<String, Slot> = BTreeMap::new();
    let mut first_seen = 0usize;
    for c in cells {
        let entry = by_code.entry(c.code.clone()).or_insert_with(|| {
            first_seen += 1;
            (c.name.clone(), vec![None; dates.len()], vec![false; dates.len()], first_seen)
        });
        let i = index[&c.date];
        if entry.2[i] {
            issues.push(Issue::new(
                Warning,
                file,
                c.place,
                format!("{} 在 {} 重复出现，只用第一个", truncate(&c.code, 20), c.date),
                format!("{} appears twice for {}; the first one is used", truncate(&c.code, 20), c.date),
            ));
            continue;
        }
        entry.1[i] = c.value;
        entry.2[i] = true;
    }
    let mut regions: Vec<(usize, Series)> =
        by_code.into_iter().map(|(code, (name, values, _, order))| (order, Series { code, name, values })).collect();
    crate::core::sort::sort_by_key(&mut regions, |r| r.0);
    crate::core::sort::sort_by_key(&mut events, |e| e.date);
    let ds = Dataset { meta, dates, regions: regions.into_iter().map(|r| r.1).collect(), events, totals: vec![] };
    Ok((ds, issues))
}

/// English words for the peoples named in autonomous areas' official English names ("Qiannan
/// Buyei and Miao Autonomous Prefecture"), and the "and" between them.
const PEOPLES_EN: [&str; 17] = [
    "buyei", "bouyei", "miao", "dong", "shui", "yi", "hui", "tujia", "gelao", "zhuang", "yao", "bai", "tibetan",
    "mongol", "dai", "hani", "and",
];

/// A canonical form of a region name for matching: the short Chinese name without 市/州/县/区/地区,
/// or a lower-case English name without spaces, hyphens, and the kind of area ("City", "County",
/// "District", "Special District", "Prefecture"; "… Autonomous County" with the peoples named
/// before it: "Sandu Shui Autonomous County" is "sandu").
pub fn name_key(name: &str) -> String {
    let n = name.trim();
    if !n.is_ascii() {
        let short = short_zh(n);
        let mut s = short.as_str();
        for suffix in ["地区", "新区", "市", "州", "县", "区", "盟"] {
            if let Some(rest) = s.strip_suffix(suffix) {
                if rest.chars().count() >= 2 {
                    s = rest;
                    break;
                }
            }
        }
        s.to_string()
    } else {
        let lower = n.to_ascii_lowercase();
        let mut s: String = lower.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        let strip = |s: &mut String, suffix: &str| match s.strip_suffix(suffix) {
            Some(rest) if !rest.is_empty() => {
                *s = rest.to_string();
                true
            }
            _ => false,
        };
        for suffix in ["prefecture", "city", "county", "district"] {
            if strip(&mut s, suffix) {
                break;
            }
        }
        strip(&mut s, "special");
        // The peoples' names go only with "Autonomous" (Xishui ends in "shui", and keeps it).
        if strip(&mut s, "autonomous") {
            while PEOPLES_EN.iter().any(|p| strip(&mut s, p)) {}
        }
        s
    }
}

/// Matches the dataset's regions to the map's by code, then by name (贵阳市 / 贵阳 / Guiyang;
/// 黔东南苗族侗族自治州 / 黔东南州), renames matched series to the map's codes, and reports regions
/// on one side only.
pub fn reconcile(file: &str, ds: &mut Dataset, map: &[Region]) -> Vec<Issue> {
    use Severity::*;
    let mut issues = vec![];
    let codes: BTreeSet<&str> = map.iter().map(|r| r.code.as_str()).collect();
    let mut by_name: HashMap<String, &str> = HashMap::new();
    for r in map {
        for n in [&r.name.zh, &r.name.en] {
            if !n.is_empty() {
                by_name.insert(name_key(n), &r.code);
            }
        }
    }
    // Map code → the series that holds it; later series naming the same region merge into it.
    let mut holder: HashMap<String, usize> = HashMap::new();
    let mut merges: Vec<(usize, usize, String)> = vec![];
    let mut unmatched = vec![];
    for (k, s) in ds.regions.iter_mut().enumerate() {
        let target = if codes.contains(s.code.as_str()) {
            Some(s.code.clone())
        } else {
            [&s.code, &s.name.zh, &s.name.en]
                .iter()
                .filter(|n| !n.is_empty())
                .find_map(|n| by_name.get(&name_key(n)).map(|c| c.to_string()))
        };
        match target {
            Some(code) => {
                if let Some(&into) = holder.get(&code) {
                    merges.push((k, into, code));
                    continue;
                }
                if s.code != code {
                    if s.name.zh.is_empty() && !s.code.is_ascii() {
                        s.name.zh = s.code.clone();
                    }
                    s.code = code.clone();
                }
                holder.insert(code, k);
            }
            None => unmatched.push(s.code.clone()),
        }
    }
    // 遵义 in some rows and Zunyi in others (or 黔东南州 and Qiandongnan) are one region: its rows
    // join the first spelling's series; a date both give keeps the first value, as a repeated row does.
    let mut gone = vec![false; ds.regions.len()];
    for (from, into, code) in merges {
        let later = std::mem::take(&mut ds.regions[from].values);
        let (a, b) = (ds.regions[into].name.zh.clone(), ds.regions[from].code.clone());
        let a = if a.is_empty() { ds.regions[into].code.clone() } else { a };
        let mut twice = 0usize;
        for (slot, v) in ds.regions[into].values.iter_mut().zip(later) {
            match (slot.is_some(), v) {
                (false, v) => *slot = v,
                (true, Some(_)) => twice += 1,
                (true, None) => {}
            }
        }
        gone[from] = true;
        let (a, b) = (truncate(&a, 20), truncate(&b, 20));
        let (zh_more, en_more) = if twice > 0 {
            let dates = if twice == 1 { "date" } else { "dates" };
            (format!("；{twice} 个日期两者都有，用前者"), format!("; {twice} {dates} given by both, the first is used"))
        } else {
            (String::new(), String::new())
        };
        issues.push(Issue::new(
            if twice > 0 { Warning } else { Info },
            file,
            "",
            format!("“{b}”与“{a}”是同一地区（{code}），已合并{zh_more}"),
            format!("“{b}” and “{a}” are the same region ({code}); merged{en_more}"),
        ));
    }
    let mut k = 0;
    ds.regions.retain(|_| {
        k += 1;
        !gone[k - 1]
    });
    let matched: BTreeSet<String> = holder.into_keys().collect();
    if !unmatched.is_empty() {
        let list = unmatched.iter().take(8).map(|c| truncate(c, 20)).collect::<Vec<_>>().join(", ");
        issues.push(Issue::new(
            Warning,
            file,
            "",
            format!("地图上没有这些地区，未显示：{list}"),
            format!("regions in the data that the map lacks (not shown): {list}"),
        ));
    }
    let missing: Vec<&Region> = map.iter().filter(|r| !matched.contains(&r.code)).collect();
    if !missing.is_empty() {
        // Each language lists the regions by its own names (the code alone where there is none).
        let list = |name: &dyn Fn(&Region) -> &str| {
            missing
                .iter()
                .take(8)
                .map(|r| if name(r).is_empty() { r.code.clone() } else { format!("{} {}", r.code, name(r)) })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let (zh, en) = (list(&|r| r.name.zh.as_str()), list(&|r| r.name.en.as_str()));
        let more = if missing.len() > 8 { format!(" … ({} in all)", missing.len()) } else { String::new() };
        issues.push(Issue::new(
            Warning,
            file,
            "",
            format!("这些地图地区没有数据：{zh}{more}"),
            format!("map regions without data: {en}{more}"),
        ));
    }
    ds.regions.retain(|s| codes.contains(s.code.as_str()));
    issues
}

/// Parses boundaries, with the region key from `key` (default: `adcode`, else the feature id, else
/// `name_zh`, else `name`). Errors name the feature.
pub fn regions_from_geojson(file: &str, text: &str, key: Option<&str>) -> Result<Vec<Region>, Issue> {
    let try_key = |k: &str| geo::parse_regions(text, k);
    let result = match key {
        Some(k) => try_key(k),
        None => try_key("adcode").or_else(|e| match e.kind {
            geo::GeoErrorKind::NoKey { .. } => try_key("name_zh").or_else(|_| try_key("name")).map_err(|_| e),
            _ => Err(e),
        }),
    };
    result.map_err(|e| {
        let message = e.message();
        Issue::new(Severity::Error, file, e.place(), message.zh, message.en)
    })
}

/// Reads a dataset file: by its name (`.csv`) or its first character (`{` means JSON).
pub fn dataset_from_bytes(
    file: &str,
    bytes: &[u8],
    fallback: FallbackDecoder,
) -> Result<(Dataset, Vec<Issue>), Vec<Issue>> {
    let (text, mut issues) = decode(file, bytes, fallback).map_err(|e| vec![e])?;
    let is_json = text.trim_start().starts_with(['{', '[']) && !file.to_ascii_lowercase().ends_with(".csv");
    let result = if is_json { dataset_from_json(file, &text) } else { dataset_from_csv(file, &text) };
    match result {
        Ok((ds, more)) => {
            issues.extend(more);
            Ok((ds, issues))
        }
        Err(more) => {
            issues.extend(more);
            crate::core::sort::sort_by_key(&mut issues, |i| i.severity);
            Err(issues)
        }
    }
}

/// A file handed to [`bundle_from_files`]: its name (or URL) and bytes.
pub type NamedBytes<'a> = (&'a str, &'a [u8]);

/// `true` when the bytes look like a GeoJSON document (a quick sniff: its first kilobytes mention
/// `FeatureCollection` or `"Feature"`), so dropped files sort themselves into data and boundaries.
pub fn looks_like_geojson(name: &str, bytes: &[u8]) -> bool {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".geojson") {
        return true;
    }
    if lower.ends_with(".csv") {
        return false;
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_string();
    head.contains("\"FeatureCollection\"") || head.contains("\"Feature\"")
}

/// A warning when a file's rates all lie between 0 and 1, some above 0 (at least two values): rates
/// written as fractions (0.55 for 55 %), as a spreadsheet exports percentage cells. Such a map
/// would be all pale, and nothing else would say why.
fn fractions(file: &str, ds: &Dataset) -> Option<Issue> {
    let rates: Vec<f64> = ds.regions.iter().flat_map(|r| r.values.iter().flatten()).map(|v| v.rate).collect();
    let all_fractions =
        rates.len() >= 2 && rates.iter().all(|r| (0.0..=1.0).contains(r)) && rates.iter().any(|r| *r > 0.0);
    all_fractions.then(|| {
        Issue::new(
            Severity::Warning,
            file,
            "",
            "所有数值都在 0 到 1 之间：如果是小数形式的比率（0.55 表示 55%），请乘以 100 后再载入",
            "every rate is between 0 and 1: if these are fractions (0.55 for 55 %), multiply them by 100 and load the file again",
        )
    })
}

/// Builds a bundle from reader-supplied files: a dataset and/or boundaries (and optionally an
/// outline). What is not supplied comes from `current` (the data on screen). Every problem is an
/// [`Issue`]; `Err` means nothing can be shown and the caller keeps what it has.
pub fn bundle_from_files(
    data: Option<NamedBytes>,
    geo: Option<NamedBytes>,
    outline: Option<NamedBytes>,
    key: Option<&str>,
    current: Option<&crate::core::bundle::Bundle>,
    fallback: FallbackDecoder,
) -> Result<(crate::core::bundle::Bundle, Vec<Issue>), Vec<Issue>> {
    use crate::core::bundle::Bundle;
    let mut issues = vec![];
    let mut fatal = vec![];
    let regions = match geo {
        Some((name, bytes)) => match decode(name, bytes, fallback) {
            Ok((text, more)) => {
                issues.extend(more);
                match regions_from_geojson(name, &text, key) {
                    Ok(r) => Some(r),
                    Err(e) => {
                        fatal.push(e);
                        None
                    }
                }
            }
            Err(e) => {
                fatal.push(e);
                None
            }
        },
        None => None,
    };
    let outline_regions = match outline {
        Some((name, bytes)) => {
            match decode(name, bytes, fallback).and_then(|(t, _)| regions_from_geojson(name, &t, None)) {
                Ok(r) => Some(r),
                Err(e) => {
                    issues.push(Issue { severity: Severity::Warning, ..e });
                    None
                }
            }
        }
        None => None,
    };
    let dataset = match data {
        Some((name, bytes)) => match dataset_from_bytes(name, bytes, fallback) {
            Ok((ds, more)) => {
                issues.extend(more);
                issues.extend(fractions(name, &ds));
                Some((name.to_string(), ds))
            }
            Err(e) => {
                fatal.extend(e);
                None
            }
        },
        None => None,
    };
    if !fatal.is_empty() {
        crate::core::sort::sort_by_key(&mut fatal, |i| i.severity);
        fatal.extend(issues);
        return Err(fatal);
    }
    let (map, outline_used, new_geometry) = match (regions, current) {
        (Some(r), _) => (r, outline_regions.unwrap_or_default(), true),
        (None, Some(c)) => (c.geometry.clone(), outline_regions.unwrap_or_else(|| c.outline.clone()), false),
        (None, None) => {
            return Err(vec![Issue::new(
                Severity::Error,
                "",
                "",
                "没有边界可用",
                "there are no boundaries to draw the data on",
            )]);
        }
    };
    let from_file = dataset.is_some();
    let (file, mut ds) = match (dataset, current) {
        (Some(d), _) => d,
        (None, Some(c)) => (String::from("(the data on screen)"), c.dataset.clone()),
        (None, None) => {
            return Err(vec![Issue::new(Severity::Error, "", "", "没有数据可用", "there is no dataset to show")]);
        }
    };
    let named = ds.regions.len();
    issues.extend(reconcile(&file, &mut ds, &map));
    // A file of data none of whose regions is on the map (`reconcile` keeps only those that are)
    // would replace the data on screen with a grey map: refused, with what it names. Boundaries
    // alone may come first, for data to follow.
    if from_file && named > 0 && ds.regions.is_empty() {
        let mut refused = vec![Issue::new(
            Severity::Error,
            &file,
            "",
            "文件中没有一个地区在地图上，无法显示；屏幕上的数据不变",
            "no region of the file is on the map, so it cannot be shown; the data on screen stay",
        )];
        refused.extend(issues);
        return Err(refused);
    }
    // What is now on screen, said first: a file that loads without a remark would otherwise
    // leave no trace of its name on the page.
    let shown_file = if from_file { file.as_str() } else { geo.map_or("", |(name, _)| name) };
    let (n, d) = (map.len(), ds.dates.len());
    let span = match (ds.dates.first(), ds.dates.last()) {
        (Some(a), Some(b)) if a != b => format!("{a} – {b}"),
        (Some(a), _) => a.to_string(),
        _ => String::new(),
    };
    issues.insert(
        0,
        Issue::new(
            Severity::Info,
            shown_file,
            "",
            format!("已显示：地图上 {n} 个地区，{d} 个日期（{span}）"),
            format!("shown: {n} regions on the map, {d} {} ({span})", if d == 1 { "date" } else { "dates" }),
        ),
    );
    let bundle =
        if new_geometry { Bundle::for_any_area(ds, &map, &outline_used) } else { Bundle::new(ds, &map, &outline_used) };
    Ok((bundle, issues))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unclosed_quote_names_its_line() {
        let text = "date,code,rate\n2020-02-18,520100,55\n2020-02-19,\"520100,61\n2020-02-20,520100,62\n";
        let (ds, issues) = dataset_from_csv("q.csv", text).unwrap();
        assert!(issues.iter().any(|i| i.place == "lines 3–4" && i.message.en.contains("runs to line 4")), "{issues:?}");
        // What the quote swallowed is said lost, and is: only 18 Feb was read.
        assert_eq!(ds.dates.len(), 1, "{:?}", ds.dates);
    }

    #[test]
    fn a_loosely_read_json_keeps_its_good_facts_and_only_web_links() {
        let text = r#"{"format":"resumption-map/1",
            "meta":{"title":{"zh":"t"},"metric":{"name":{"zh":"r"},"definition":{"zh":"d"},"unit":"%"},"illustrative":false,
                "sources":[{"name":{"zh":"ok"},"url":"https://e.org/a"},{"name":{"zh":"bad"},"url":"javascript:alert(1)"}]},
            "dates":["2020-02-10","2020-02-11"],
            "regions":[{"code":"520100","values":[50,"oops"]}],
            "events":[{"date":"2020-02-10","text":{"zh":"a fact"},"source":{"name":{"zh":"s"},"url":"https://e.org/b"}},
                      {"date":"2020-02-11","text":{"zh":"evil"},"source":{"name":{"zh":"s"},"url":"javascript:alert(2)"}},
                      {"date":"not a date","text":{"zh":"x"},"source":{"name":{"zh":"s"},"url":"https://e.org/c"}}],
            "totals":[null,{"resumed":1,"due":2}]}"#;
        let (ds, issues) = dataset_from_json("f.json", text).unwrap();
        assert_eq!(ds.events.len(), 1, "the good fact stays");
        assert_eq!(ds.events[0].text.zh, "a fact");
        assert_eq!(ds.meta.sources.iter().map(|s| s.url.as_str()).collect::<Vec<_>>(), vec!["https://e.org/a"]);
        let places: Vec<&str> = issues.iter().map(|i| i.place.as_str()).collect();
        for p in [
            "meta.sources[1].url",
            "events[1].source.url",
            "events[2]",
            "totals",
            "regions[0] (520100).values[1] (2020-02-11)",
        ] {
            assert!(places.contains(&p), "{p} in {places:?}");
        }
    }

    #[test]
    fn a_misspelt_values_key_is_named_and_a_file_without_any_value_is_refused() {
        let one = |regions: &str| {
            format!(r#"{{"format":"resumption-map/1","dates":["2020-02-10","2020-02-11"],"regions":[{regions}]}}"#)
        };
        // One region's key misspelt: it gets no value, said with the keys it has; the file loads.
        let text = one(r#"{"code":"520100","values":[50,60]},{"code":"520300","rates":[40,45]}"#);
        let (_, issues) = dataset_from_json("f.json", &text).unwrap();
        let hint =
            issues.iter().find(|i| i.place == "regions[1] (520300)").expect("the region with no values is named");
        assert_eq!(hint.severity, Severity::Warning);
        assert_eq!(hint.message.en, "there is no “values” list (it has “code”, “rates”); shown as no value");
        assert_eq!(hint.message.zh, "没有“values”（数值）列表（它有：“code”、“rates”）；按无数据处理");
        // Every region's: nothing could be shown, so the file is refused, with the reasons.
        let issues = dataset_from_json("f.json", &one(r#"{"code":"520300","rates":[40,45]}"#)).unwrap_err();
        assert_eq!(issues[0].severity, Severity::Error);
        assert!(issues[0].message.en.starts_with("not one value could be read"), "{:?}", issues[0]);
        assert!(issues.iter().any(|i| i.message.en.contains("“rates”")), "{issues:?}");
        // Values that are all blank are refused the same way; one value is enough to load.
        assert!(dataset_from_json("f.json", &one(r#"{"code":"520300","values":[null,"-"]}"#)).is_err());
        assert!(dataset_from_json("f.json", &one(r#"{"code":"520300","values":[null,45]}"#)).is_ok());
    }

    #[test]
    fn a_load_says_first_what_is_now_on_screen() {
        let current = Bundle::embedded();
        let csv = b"date,code,rate\n2020-02-18,520100,55\n2020-02-19,520100,61\n";
        let (_, issues) = bundle_from_files(Some(("mine.csv", csv)), None, None, None, Some(&current), None).unwrap();
        assert_eq!(issues[0].severity, Severity::Info);
        assert_eq!(issues[0].to_string(), "mine.csv: shown: 9 regions on the map, 2 dates (2020-02-18 – 2020-02-19)");
        assert_eq!(issues[0].message.zh, "已显示：地图上 9 个地区，2 个日期（2020-02-18 – 2020-02-19）");
    }

    #[test]
    fn a_spreadsheet_is_named_as_one() {
        for bytes in [&b"PK\x03\x04rest of a zip"[..], &[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]] {
            let e = decode("data.xlsx", bytes, None).unwrap_err();
            assert!(e.message.en.starts_with("this is a spreadsheet"), "{e}");
            assert!(e.message.zh.contains("CSV UTF-8"), "{e}");
        }
    }
    use crate::core::bundle::Bundle;

    fn map() -> Vec<Region> {
        geo::parse_regions(include_str!("../../static/geo/guizhou-prefectures.geojson"), "adcode").unwrap()
    }

    #[test]
    fn rates_as_people_write_them() {
        assert_eq!(parse_rate("61.5"), Ok(Some((61.5, Bound::Exact))));
        assert_eq!(parse_rate(" 61.5 % "), Ok(Some((61.5, Bound::Exact))));
        assert_eq!(parse_rate(">60"), Ok(Some((60.0, Bound::MoreThan))));
        assert_eq!(parse_rate("> 60%"), Ok(Some((60.0, Bound::MoreThan))));
        assert_eq!(parse_rate("60%以上"), Ok(Some((60.0, Bound::MoreThan))));
        assert_eq!(parse_rate("NA"), Ok(None));
        assert_eq!(parse_rate("").unwrap(), None);
        assert_eq!(parse_rate("12,5").unwrap_err().1, "“12,5” is not a number (use a decimal point: 12.5)");
        assert_eq!(parse_rate("abc").unwrap_err().1, "“abc” is not a number");
        assert_eq!(parse_rate("-3").unwrap_err().1, "-3 is negative");
        assert_eq!(parse_rate("130").unwrap_err().1, "130 is above 100 %");
        assert!(parse_rate("NaN").is_err() && parse_rate("inf").is_err());
    }

    #[test]
    fn our_csv_export_reads_back() {
        let b = Bundle::embedded();
        let csv = crate::core::export::csv(&b);
        let (ds, issues) = dataset_from_bytes("export.csv", csv.as_bytes(), None).unwrap();
        assert!(issues.iter().all(|i| i.severity == Severity::Info), "{issues:?}");
        assert!(ds.meta.illustrative, "the status column says illustrative");
        assert_eq!(ds.dates, b.dataset.dates);
        assert_eq!(ds.regions.len(), 9);
        for s in &b.dataset.regions {
            let back = ds.series(&s.code).unwrap();
            for (a, c) in s.values.iter().zip(&back.values) {
                assert!((a.unwrap().rate - c.unwrap().rate).abs() < 0.006);
                assert_eq!(a.unwrap().counts, c.unwrap().counts);
            }
        }
    }

    #[test]
    fn names_match_their_common_variants() {
        for (a, b) in [
            ("贵阳市", "贵阳"),
            ("黔东南苗族侗族自治州", "黔东南州"),
            ("Guiyang", "guiyang city"),
            ("黔南州", "黔南布依族苗族自治州"),
            ("Qiannan", "Qiannan Buyei and Miao Autonomous Prefecture"),
            ("Qiandongnan", "Qiandongnan Miao and Dong Autonomous Prefecture"),
            ("Sandu", "Sandu Shui Autonomous County"),
            ("Weining", "Weining Yi, Hui and Miao Autonomous County"),
            ("Liuzhi", "Liuzhi Special District"),
            ("Nanming", "Nanming District"),
            ("Xishui", "Xishui County"),
        ] {
            assert_eq!(name_key(a), name_key(b), "{a} / {b}");
        }
        assert_ne!(name_key("黔南州"), name_key("黔东南州"));
        assert_eq!(name_key("Xishui"), "xishui", "a people's name stays where no \"Autonomous\" follows");
        assert_eq!(name_key("Special"), "special", "a name is never stripped to nothing");
        let csv =
            "date,name,rate\n2020-02-19,贵阳,61\n2020-02-19,黔东南州,55\n2020-02-19,Zunyi,50\n2020-02-19,Atlantis,40\n";
        let (mut ds, _) = dataset_from_csv("x.csv", csv).unwrap();
        let issues = reconcile("x.csv", &mut ds, &map());
        assert_eq!(ds.value("520100", 0).unwrap().rate, 61.0);
        assert_eq!(ds.value("522600", 0).unwrap().rate, 55.0);
        assert_eq!(ds.value("520300", 0).unwrap().rate, 50.0);
        assert_eq!(issues[0].to_string(), "x.csv: regions in the data that the map lacks (not shown): Atlantis");
        assert!(
            issues[1].to_string().starts_with("x.csv: map regions without data: 520200 Liupanshui"),
            "{}",
            issues[1]
        );
        assert!(issues[1].message.zh.starts_with("这些地图地区没有数据：520200 六盘水市"), "{}", issues[1].message.zh);
    }

    #[test]
    fn places_read_in_either_language() {
        let at = |place: &str| Issue::new(Severity::Warning, "f.csv", place, "", "");
        assert_eq!(at("line 3, column rate").place_in(Lang::Zh), "第 3 行，rate 列");
        assert_eq!(at("line 3, column rate").place_in(Lang::En), "line 3, column rate");
        assert_eq!(at("line 1, column 4").place_in(Lang::Zh), "第 1 行，第 4 列");
        assert_eq!(at("line 12").place_in(Lang::Zh), "第 12 行");
        assert_eq!(at("features[3]").place_in(Lang::Zh), "features[3]");
        assert_eq!(at("").place_in(Lang::Zh), "");
    }

    #[test]
    fn two_spellings_of_one_region_are_merged_not_dropped() {
        // 遵义 on one day and Zunyi on the next: one series with both days.
        let csv = "date,name,rate\n2020-02-10,贵阳,50\n2020-02-10,遵义,40\n2020-02-11,Zunyi,45\n2020-02-11,贵阳市,55\n";
        let (mut ds, _) = dataset_from_csv("x.csv", csv).unwrap();
        let issues = reconcile("x.csv", &mut ds, &map());
        assert_eq!(ds.regions.iter().filter(|r| r.code == "520300").count(), 1);
        assert_eq!((ds.value("520300", 0).unwrap().rate, ds.value("520300", 1).unwrap().rate), (40.0, 45.0));
        assert_eq!((ds.value("520100", 0).unwrap().rate, ds.value("520100", 1).unwrap().rate), (50.0, 55.0));
        let text: Vec<String> = issues.iter().map(|i| i.to_string()).collect();
        assert!(text.iter().any(|t| t == "x.csv: “Zunyi” and “遵义” are the same region (520300); merged"), "{text:?}");
        assert!(!text.iter().any(|t| t.contains("lacks")), "{text:?}");
        // Both spellings on the same day: the first row wins, as for a repeated row, and it is said.
        let csv = "date,name,rate\n2020-02-10,Qiandongnan,30\n2020-02-10,黔东南州,35\n";
        let (mut ds, _) = dataset_from_csv("y.csv", csv).unwrap();
        let issues = reconcile("y.csv", &mut ds, &map());
        assert_eq!(ds.value("522600", 0).unwrap().rate, 30.0);
        let merged = issues.iter().find(|i| i.to_string().contains("same region")).expect("a merge notice");
        assert_eq!(merged.severity, Severity::Warning);
        assert!(merged.to_string().ends_with("; 1 date given by both, the first is used"), "{merged}");
        assert_eq!(
            merged.message.zh,
            "“黔东南州”与“Qiandongnan”是同一地区（522600），已合并；1 个日期两者都有，用前者"
        );
    }

    #[test]
    fn gaps_duplicates_and_order_are_reported() {
        let csv = "date,code,rate\n2020-02-12,520100,30\n2020-02-10,520100,10\n2020-02-11,520100,20\n2020-02-11,520100,25\n2020-02-14,520100,40\n";
        let (ds, issues) = dataset_from_csv("d.csv", csv).unwrap();
        let text: Vec<String> = issues.iter().map(|i| i.to_string()).collect();
        assert!(text.contains(&"d.csv: the dates are not in order; they were sorted".to_string()), "{text:?}");
        assert!(
            text.contains(
                &"d.csv: line 5, column date: 520100 appears twice for 2020-02-11; the first one is used".to_string()
            ),
            "{text:?}"
        );
        assert!(text.contains(&"d.csv: dates missing from the daily series: 2020-02-13".to_string()), "{text:?}");
        assert_eq!(ds.dates.len(), 4);
        assert_eq!(ds.value("520100", 1).unwrap().rate, 20.0);
    }

    #[test]
    fn gbk_is_read_with_a_decoder_or_explained_without() {
        let gbk: &[u8] = b"date,name,rate\n2020-02-19,\xb9\xf3\xd1\xf4,61\n"; // 贵阳 in GBK
        let e = dataset_from_bytes("gbk.csv", gbk, None).unwrap_err();
        assert_eq!(e[0].to_string(), "gbk.csv: byte 27: the file is not UTF-8 (probably GBK/GB18030 from Excel); save it as \"CSV UTF-8\" and load it again");
        let fake_gbk = |b: &[u8]| {
            Some(String::from_utf8_lossy(b).replace('\u{fffd}', "").replace("\n2020-02-19,,", "\n2020-02-19,贵阳,"))
        };
        let (ds, issues) = dataset_from_bytes("gbk.csv", gbk, Some(&fake_gbk)).unwrap();
        assert_eq!(ds.regions[0].code, "贵阳");
        assert_eq!(issues[0].severity, Severity::Warning);
    }

    #[test]
    fn files_become_a_bundle_or_leave_the_current_one() {
        let current = Bundle::embedded();
        let csv = "date,code,rate\n2021-02-20,520100,71\n2021-02-20,522300,94.8\n";
        let (b, issues) =
            bundle_from_files(Some(("mine.csv", csv.as_bytes())), None, None, None, Some(&current), None).unwrap();
        assert_eq!(b.dataset.regions.len(), 2);
        assert_eq!(b.regions.len(), 9, "the map stays");
        assert!(issues.iter().any(|i| i.message.en.starts_with("map regions without data")));
        let counties = include_bytes!("../../static/geo/guizhou-counties.geojson");
        let (b, _) = bundle_from_files(None, Some(("c.geojson", counties)), None, None, Some(&current), None).unwrap();
        assert_eq!(b.regions.len(), 88);
        assert!(!b.shapes.labelled(), "88 regions are read through the tooltip");
        let e = bundle_from_files(Some(("empty.csv", b"")), None, None, None, Some(&current), None).unwrap_err();
        assert_eq!(e[0].to_string(), "empty.csv: the file is empty");
        assert!(looks_like_geojson("x.json", br#"{"type":"FeatureCollection","features":[]}"#));
        assert!(!looks_like_geojson("x.json", br#"{"format":"resumption-map/1"}"#));
    }

    #[test]
    fn json_values_are_forgiven_one_by_one() {
        let text = include_str!("../../static/data/resumption-2020.json").replacen(
            "{\n          \"resumed\": 363,",
            "{\n          \"resumed\": 999,",
            1,
        );
        let (ds, issues) = dataset_from_json("d.json", &text).unwrap();
        assert_eq!(issues.len(), 1, "{issues:?}");
        assert!(
            issues[0]
                .to_string()
                .contains("values[9] (2020-02-19): resumed 999 is more than due 631; shown as no value"),
            "{}",
            issues[0]
        );
        assert_eq!(ds.value("520300", 9), None);
        assert!(ds.value("520300", 10).is_some());
    }
}
