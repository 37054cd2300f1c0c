//! The dataset: daily values per region, with the metadata that says what they are and where they
//! come from, and the dated reported facts ("events") that anchor them.
//!
//! This module owns the JSON file format (documented in `static/data/README.md`) and its
//! validation. Parsing is two-phase: `serde_json` reads the file into loose `Raw*` structs (so a
//! syntax error is reported with its line and column), then [`Dataset::from_json`] checks every
//! rule and builds the typed [`Dataset`], naming the region, the date and the field of the first
//! problem it finds. A `Dataset` that exists is valid: dates strictly increasing, one value slot per
//! date per region, rates within 0–100 %, counts consistent.
//!
//! Values are rates in percent. A value may be known only as a lower bound (`{"more_than": 60}`,
//! "more than 60 %"), and may carry the counts it was computed from (`{"resumed": …, "due": …}`),
//! which is what lets the province total be derived honestly (sum of resumed ÷ sum of due) instead
//! of averaging percentages.

use crate::core::date::{truncate, Date};
use crate::core::i18n::{Lang, Text};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::fmt;

/// The `format` tag every dataset file starts with.
pub const FORMAT: &str = "resumption-map/1";

/// Largest dataset file accepted, in bytes (10 MiB). A real province-by-day table is a few hundred
/// kilobytes; anything far larger is a mistake and would freeze a phone while parsing.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// Whether a value is exact or known only as a lower bound.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Bound {
    /// The rate is the reported (or illustrative) figure itself.
    Exact,
    /// Only "more than `rate`" is known (e.g. "复产率突破60%").
    MoreThan,
}

/// Counts behind a rate: enterprises resumed, and enterprises due to resume (the denominator).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// 已复工复产户数.
    pub resumed: u32,
    /// 应复工复产户数 (or 具备复工复产条件, as the metadata says).
    pub due: u32,
}

/// One region's value on one date.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Value {
    /// Rate in percent, 0–100.
    pub rate: f64,
    /// Exact, or a lower bound.
    pub bound: Bound,
    /// The counts, where known.
    pub counts: Option<Counts>,
}

impl Value {
    /// An exact rate without counts.
    pub fn exact(rate: f64) -> Value {
        Value { rate, bound: Bound::Exact, counts: None }
    }
}

/// A source: a publisher's name and a link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// Who published it.
    pub name: Text,
    /// Where (http or https).
    pub url: String,
}

/// What is measured.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metric {
    /// Short name, e.g. 复工率 / resumption rate.
    pub name: Text,
    /// Exact definition, numerator and denominator.
    pub definition: Text,
    /// Unit of the values; always `%` for rates.
    pub unit: String,
}

/// Everything a dataset says about itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// Title of the map.
    pub title: Text,
    /// One line on what is measured and when.
    #[serde(default)]
    pub subtitle: Text,
    /// The metric.
    pub metric: Metric,
    /// `true` when the values are not reported figures but made by a stated method.
    pub illustrative: bool,
    /// How the values were made or obtained.
    #[serde(default)]
    pub method: Text,
    /// Where the values (or the anchors of an illustrative series) come from.
    #[serde(default)]
    pub sources: Vec<Source>,
    /// `prefecture` or `county`: which boundaries the region codes refer to.
    #[serde(default)]
    pub region_level: String,
    /// Where a reader-loaded dataset came from (file name or URL); `None` for the shipped ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    /// What the file's reported `totals` measure, when that is not the regions' metric (2021: the
    /// province reported a resumption rate beside the prefectures' operating rates), e.g.
    /// `{"zh": "全省复工复产率", "en": "Province resumption rate"}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_name: Option<Text>,
}

impl Meta {
    /// What a title, caption or sentence about the regions' values adds when they were made by a
    /// method, not reported (`illustrative`): "（示意数据）" / " (illustrative data)"; else nothing.
    /// Said where the numbers are, since a chart, table or link seen on its own carries no banner.
    pub fn made_note(&self, lang: Lang) -> &'static str {
        if self.illustrative {
            lang.pick("（示意数据）", " (illustrative data)")
        } else {
            ""
        }
    }

    /// The title with [`Meta::made_note`], unless the title says so already (a reader's file may).
    pub fn title_noting_made(&self, lang: Lang) -> String {
        let title = self.title.get(lang);
        if title.contains(lang.pick("示意", "llustrative")) {
            title.to_string()
        } else {
            format!("{title}{}", self.made_note(lang))
        }
    }
}

/// A dated, reported fact shown on the timeline, with its source.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// When it was true.
    pub date: Date,
    /// What was reported, in both languages.
    pub text: Text,
    /// Who reported it and where.
    pub source: Source,
}

/// One region's series.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// Administrative code (adcode), the key shared with the boundaries.
    pub code: String,
    /// Name in both languages (may be empty; the boundaries also carry names).
    pub name: Text,
    /// One slot per date in [`Dataset::dates`]; `None` = no value that day.
    pub values: Vec<Option<Value>>,
}

/// A validated dataset.
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    /// Metadata.
    pub meta: Meta,
    /// The snapshot dates, strictly increasing.
    pub dates: Vec<Date>,
    /// The series, one per region, in file order.
    pub regions: Vec<Series>,
    /// Reported facts, sorted by date.
    pub events: Vec<Event>,
    /// Reported totals for the whole area, one slot per date, when the file gives them (empty when
    /// it does not: [`Dataset::total`] then derives them from counts).
    pub totals: Vec<Option<Value>>,
}

/// Where in a dataset file a problem is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Location {
    /// The file as a whole.
    File,
    /// A line and column of the JSON text (1-based).
    Text { line: usize, column: usize },
    /// A field path such as `regions[2] (520300).values[4] (2020-02-14)`.
    Field(String),
}

/// What is wrong with a dataset file.
#[derive(Clone, Debug, PartialEq)]
pub enum DatasetErrorKind {
    /// Zero bytes, or only whitespace.
    Empty,
    /// Larger than [`MAX_BYTES`].
    TooLarge { bytes: usize },
    /// Not JSON, or JSON of the wrong shape (serde's own message).
    Syntax(String),
    /// `format` is not [`FORMAT`].
    UnknownFormat(String),
    /// `dates` is empty.
    NoDates,
    /// A date string is malformed.
    BadDate(String),
    /// A date is not after the one before it.
    DatesNotIncreasing { previous: Date, this: Date },
    /// A region appears twice.
    DuplicateRegion(String),
    /// A region code is empty.
    EmptyCode,
    /// A series has more or fewer values than there are dates.
    WrongLength { expected: usize, found: usize },
    /// A rate is not a finite number within 0–100.
    RateOutOfRange(f64),
    /// `resumed` is larger than `due`, or `due` is zero.
    BadCounts { resumed: u32, due: u32 },
    /// A value object has neither a rate, a bound nor counts.
    EmptyValue,
    /// A rate and counts disagree by more than rounding.
    RateCountsDisagree { rate: f64, from_counts: f64 },
    /// A source URL is not http(s).
    BadUrl(String),
}

/// A dataset error: what and where.
#[derive(Clone, Debug, PartialEq)]
pub struct DatasetError {
    /// What is wrong.
    pub kind: DatasetErrorKind,
    /// Where.
    pub location: Location,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::File => Ok(()),
            Location::Text { line, column } => write!(f, "line {line}, column {column}: "),
            Location::Field(path) => write!(f, "{path}: "),
        }
    }
}

impl fmt::Display for DatasetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use DatasetErrorKind::*;
        write!(f, "{}", self.location)?;
        match &self.kind {
            Empty => write!(f, "the file is empty"),
            TooLarge { bytes } => write!(
                f,
                "the file is {:.1} MB, more than the {} MB limit",
                *bytes as f64 / 1_048_576.0,
                MAX_BYTES / 1_048_576
            ),
            Syntax(msg) => write!(f, "{msg}"),
            UnknownFormat(s) => write!(f, "format is “{}”, expected “{FORMAT}”", truncate(s, 40)),
            NoDates => write!(f, "there are no dates"),
            BadDate(msg) => write!(f, "{msg}"),
            DatesNotIncreasing { previous, this } => {
                write!(f, "date {this} does not come after {previous} (dates must be in order, without repeats)")
            }
            DuplicateRegion(code) => {
                write!(f, "region “{}” appears more than once", truncate(code, 40))
            }
            EmptyCode => write!(f, "a region has an empty code"),
            WrongLength { expected, found } => {
                write!(f, "{found} values for {expected} dates (there must be one value, or null, per date)")
            }
            RateOutOfRange(r) => write!(f, "rate {r} is outside 0–100 %"),
            BadCounts { resumed, due } => {
                write!(f, "resumed {resumed} cannot exceed due {due}, and due must be above 0")
            }
            EmptyValue => write!(f, "a value needs a rate, a bound (more_than) or counts (resumed and due)"),
            RateCountsDisagree { rate, from_counts } => {
                write!(f, "rate {rate} disagrees with the counts, which give {from_counts:.2}")
            }
            BadUrl(u) => write!(f, "source URL “{}” must start with http:// or https://", truncate(u, 60)),
        }
    }
}

impl std::error::Error for DatasetError {}

fn err(kind: DatasetErrorKind, path: impl Into<String>) -> DatasetError {
    DatasetError { kind, location: Location::Field(path.into()) }
}

// ---- the file as serde reads it ------------------------------------------------------------

#[derive(Deserialize, Serialize)]
struct RawDataset {
    format: String,
    meta: Meta,
    dates: Vec<String>,
    regions: Vec<RawSeries>,
    #[serde(default)]
    events: Vec<Event>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    totals: Vec<RawValue>,
}

#[derive(Deserialize, Serialize)]
struct RawSeries {
    code: String,
    #[serde(default)]
    name: Text,
    values: Vec<RawValue>,
}

/// A value as written: `null`, a number, or an object.
#[derive(Serialize)]
#[serde(untagged)]
enum RawValue {
    Null,
    Number(f64),
    Object(RawValueObject),
}

/// By hand rather than `#[serde(untagged)]`: an untagged enum buffers every value and tries the
/// variants in turn, building (and formatting) an error for each miss. For 88 regions × 365 days
/// that was half of the file's parse time (profiled: 30 of 57 ms). One look at the JSON type
/// decides here, and a wrong type gets a message that says what is expected.
impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = RawValue;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("null, a number, or an object with rate, more_than, resumed or due")
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<RawValue, E> {
                Ok(RawValue::Null)
            }
            fn visit_none<E: serde::de::Error>(self) -> Result<RawValue, E> {
                Ok(RawValue::Null)
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<RawValue, E> {
                Ok(RawValue::Number(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<RawValue, E> {
                Ok(RawValue::Number(v as f64))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<RawValue, E> {
                Ok(RawValue::Number(v as f64))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<RawValue, A::Error> {
                RawValueObject::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(RawValue::Object)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

#[derive(Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
struct RawValueObject {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    rate: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    more_than: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    resumed: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    due: Option<u32>,
}

fn check_rate(r: f64) -> Result<f64, DatasetErrorKind> {
    if r.is_finite() && (0.0..=100.0).contains(&r) {
        Ok(r)
    } else {
        Err(DatasetErrorKind::RateOutOfRange(r))
    }
}

/// `true` for an http(s) address: the only kind a source or a fact may link to (they become links
/// on the page).
pub fn is_web_url(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}

fn check_url(url: &str, path: &str) -> Result<(), DatasetError> {
    if is_web_url(url) {
        Ok(())
    } else {
        Err(err(DatasetErrorKind::BadUrl(url.to_string()), path))
    }
}

impl RawValue {
    /// The value, or what is wrong with it (the caller says where: building that text for every
    /// value of a large file, valid or not, was a measurable part of its parse time).
    fn validate(&self) -> Result<Option<Value>, DatasetErrorKind> {
        match self {
            RawValue::Null => Ok(None),
            RawValue::Number(r) => Ok(Some(Value::exact(check_rate(*r)?))),
            RawValue::Object(o) => {
                let counts = match (o.resumed, o.due) {
                    (Some(resumed), Some(due)) => {
                        if due == 0 || resumed > due {
                            return Err(DatasetErrorKind::BadCounts { resumed, due });
                        }
                        Some(Counts { resumed, due })
                    }
                    (None, None) => None,
                    _ => return Err(DatasetErrorKind::EmptyValue),
                };
                let from_counts = counts.map(|c| 100.0 * c.resumed as f64 / c.due as f64);
                let (rate, bound) = match (o.rate, o.more_than, from_counts) {
                    (Some(r), None, _) => (check_rate(r)?, Bound::Exact),
                    (None, Some(r), _) => (check_rate(r)?, Bound::MoreThan),
                    (None, None, Some(r)) => (r, Bound::Exact),
                    _ => return Err(DatasetErrorKind::EmptyValue),
                };
                if let (Bound::Exact, Some(fc)) = (bound, from_counts) {
                    // Published rates are rounded to one decimal; allow that much.
                    if (fc - rate).abs() > 0.051 {
                        return Err(DatasetErrorKind::RateCountsDisagree { rate, from_counts: fc });
                    }
                }
                Ok(Some(Value { rate, bound, counts }))
            }
        }
    }

    fn from_value(v: &Option<Value>) -> RawValue {
        match v {
            None => RawValue::Null,
            Some(Value { rate, bound: Bound::Exact, counts: None }) => RawValue::Number(*rate),
            Some(Value { bound: Bound::Exact, counts: Some(c), .. }) => {
                RawValue::Object(RawValueObject { resumed: Some(c.resumed), due: Some(c.due), ..Default::default() })
            }
            Some(Value { rate, bound: Bound::MoreThan, counts }) => RawValue::Object(RawValueObject {
                more_than: Some(*rate),
                resumed: counts.map(|c| c.resumed),
                due: counts.map(|c| c.due),
                ..Default::default()
            }),
        }
    }
}

impl Dataset {
    /// Parses and validates a dataset file.
    pub fn from_json(text: &str) -> Result<Dataset, DatasetError> {
        if text.len() > MAX_BYTES {
            return Err(DatasetError {
                kind: DatasetErrorKind::TooLarge { bytes: text.len() },
                location: Location::File,
            });
        }
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.trim().is_empty() {
            return Err(DatasetError { kind: DatasetErrorKind::Empty, location: Location::File });
        }
        let raw: RawDataset = serde_json::from_str(text).map_err(|e| DatasetError {
            kind: DatasetErrorKind::Syntax(strip_serde_position(&e.to_string())),
            location: Location::Text { line: e.line(), column: e.column() },
        })?;
        Dataset::from_raw(raw)
    }

    fn from_raw(raw: RawDataset) -> Result<Dataset, DatasetError> {
        use DatasetErrorKind::*;
        if raw.format != FORMAT {
            return Err(err(UnknownFormat(raw.format), "format"));
        }
        for (i, s) in raw.meta.sources.iter().enumerate() {
            check_url(&s.url, &format!("meta.sources[{i}].url"))?;
        }
        if raw.dates.is_empty() {
            return Err(err(NoDates, "dates"));
        }
        let mut dates = Vec::with_capacity(raw.dates.len());
        for (i, s) in raw.dates.iter().enumerate() {
            let d = Date::parse(s).map_err(|e| err(BadDate(e.to_string()), format!("dates[{i}]")))?;
            if let Some(&previous) = dates.last() {
                if d <= previous {
                    return Err(err(DatesNotIncreasing { previous, this: d }, format!("dates[{i}]")));
                }
            }
            dates.push(d);
        }
        let mut seen = HashSet::new();
        let mut regions = Vec::with_capacity(raw.regions.len());
        for (i, r) in raw.regions.into_iter().enumerate() {
            let path = format!("regions[{i}] ({})", truncate(&r.code, 20));
            if r.code.trim().is_empty() {
                return Err(err(EmptyCode, format!("regions[{i}].code")));
            }
            if !seen.insert(r.code.clone()) {
                return Err(err(DuplicateRegion(r.code), path));
            }
            if r.values.len() != dates.len() {
                return Err(err(
                    WrongLength { expected: dates.len(), found: r.values.len() },
                    format!("{path}.values"),
                ));
            }
            let values = validate_row(&r.values, &dates, &format!("{path}.values"))?;
            regions.push(Series { code: r.code, name: r.name, values });
        }
        let mut events = raw.events;
        for (i, e) in events.iter().enumerate() {
            check_url(&e.source.url, &format!("events[{i}].source.url"))?;
        }
        crate::core::sort::sort_by_key(&mut events, |e| e.date);
        if !raw.totals.is_empty() && raw.totals.len() != dates.len() {
            return Err(err(WrongLength { expected: dates.len(), found: raw.totals.len() }, "totals"));
        }
        let totals = validate_row(&raw.totals, &dates, "totals")?;
        Ok(Dataset { meta: raw.meta, dates, regions, events, totals })
    }

    /// Serialises back to the file format (pretty-printed, one value per line would be too long:
    /// values stay on the series' line).
    pub fn to_json(&self) -> String {
        let raw = RawDataset {
            format: FORMAT.to_string(),
            meta: self.meta.clone(),
            dates: self.dates.iter().map(|d| d.to_string()).collect(),
            regions: self
                .regions
                .iter()
                .map(|s| RawSeries {
                    code: s.code.clone(),
                    name: s.name.clone(),
                    values: s.values.iter().map(RawValue::from_value).collect(),
                })
                .collect(),
            events: self.events.clone(),
            totals: self.totals.iter().map(RawValue::from_value).collect(),
        };
        let mut out = serde_json::to_string_pretty(&raw).unwrap_or_default();
        out.push('\n');
        out
    }

    /// Index of `date` in [`Dataset::dates`].
    pub fn date_index(&self, date: Date) -> Option<usize> {
        self.dates.binary_search(&date).ok()
    }

    /// The series of region `code`.
    pub fn series(&self, code: &str) -> Option<&Series> {
        self.regions.iter().find(|s| s.code == code)
    }

    /// Value of region `code` at date index `i`.
    pub fn value(&self, code: &str, i: usize) -> Option<Value> {
        self.series(code)?.values.get(i).copied().flatten()
    }

    /// Change in percentage points from the previous date to date index `i`, when both values are
    /// exact (a change between bounds means nothing).
    pub fn change(&self, code: &str, i: usize) -> Option<f64> {
        let now = self.value(code, i)?;
        let before = self.value(code, i.checked_sub(1)?)?;
        (now.bound == Bound::Exact && before.bound == Bound::Exact).then_some(now.rate - before.rate)
    }

    /// Change in percentage points of region `code` from date index `from` to date index `to`,
    /// when both values are exact.
    pub fn change_between(&self, code: &str, from: usize, to: usize) -> Option<f64> {
        let (a, b) = (self.value(code, from)?, self.value(code, to)?);
        (a.bound == Bound::Exact && b.bound == Bound::Exact).then_some(b.rate - a.rate)
    }

    /// `true` if any value is only a lower bound ("more than …"): the legend then explains the
    /// hatching. A scan of the whole series, so callers keep the answer per dataset.
    pub fn has_lower_bounds(&self) -> bool {
        self.regions.iter().flat_map(|r| &r.values).flatten().any(|v| v.bound == Bound::MoreThan)
    }

    /// The largest absolute change between date indices `from` and `to` over all regions (0 if
    /// none can be computed): what a diverging legend must cover.
    pub fn max_abs_change(&self, from: usize, to: usize) -> f64 {
        self.regions.iter().filter_map(|s| self.change_between(&s.code, from, to)).fold(0.0, |m, c| m.max(c.abs()))
    }

    /// The whole area's value at date index `i`: the file's reported total when it gives one,
    /// else derived from counts: Σ resumed ÷ Σ due. `None` unless every region has counts that day (averaging percentages would weight a prefecture of
    /// 250 enterprises like one of 850).
    pub fn total(&self, i: usize) -> Option<Value> {
        if let Some(reported) = self.totals.get(i) {
            return *reported;
        }
        let (mut resumed, mut due) = (0u64, 0u64);
        for s in &self.regions {
            let c = s.values.get(i).copied().flatten()?.counts?;
            resumed += u64::from(c.resumed);
            due += u64::from(c.due);
        }
        if due == 0 {
            return None;
        }
        let counts = Counts { resumed: resumed.try_into().ok()?, due: due.try_into().ok()? };
        Some(Value { rate: 100.0 * resumed as f64 / due as f64, bound: Bound::Exact, counts: Some(counts) })
    }

    /// `true` when the total on date index `i` is the file's reported total, not a derived one.
    pub fn total_is_reported(&self, i: usize) -> bool {
        matches!(self.totals.get(i), Some(Some(_)))
    }

    /// The label of the total on date index `i`: a reported total is marked as reported (under
    /// `meta.total_name` when the file names it); a derived one is the "province total", which
    /// the caller marks illustrative when the dataset is.
    pub fn total_label(&self, i: usize, lang: Lang) -> String {
        match (&self.meta.total_name, self.total_is_reported(i)) {
            (Some(name), true) => format!("{}{}", name.get(lang), lang.pick("（报道）", " (reported)")),
            (None, true) => lang.pick("全省（报道）", "Province (reported)").to_string(),
            (_, false) => lang.pick("全省合计", "Province total").to_string(),
        }
    }

    /// A region's value as text ([`crate::core::format::value`]): an illustrative dataset's
    /// values were made, not reported, so every exact one has one decimal (the 88 counties' "61.0 %"
    /// beside "61.1 %"); a reported value keeps the precision it was reported with.
    pub fn value_text(&self, v: &Value, lang: Lang) -> String {
        crate::core::format::value_with(v, lang, self.meta.illustrative)
    }

    /// Events on date index `i`.
    pub fn events_on(&self, i: usize) -> impl Iterator<Item = &Event> {
        let d = self.dates.get(i).copied();
        self.events.iter().filter(move |e| Some(e.date) == d)
    }
}

/// Validates one value per date, naming each as `path[j] (date)`.
fn validate_row(values: &[RawValue], dates: &[Date], path: &str) -> Result<Vec<Option<Value>>, DatasetError> {
    values
        .iter()
        .zip(dates)
        .enumerate()
        .map(|(j, (v, d))| v.validate().map_err(|kind| err(kind, format!("{path}[{j}] ({d})"))))
        .collect()
}

/// serde_json appends " at line X column Y" to its messages; we report the position separately.
fn strip_serde_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn made_values_are_noted_once_in_titles() {
        let mut meta = crate::core::bundle::Bundle::embedded().dataset.meta;
        assert!(meta.illustrative);
        assert_eq!(meta.made_note(Lang::En), " (illustrative data)");
        assert_eq!(meta.title_noting_made(Lang::Zh), "贵州规上工业企业复工率（2020年2月10日—3月1日）（示意数据）");
        // A title that says so already is left as it is.
        meta.title = Text { zh: "示意：复工率".into(), en: "Resumption (illustrative)".into() };
        assert_eq!(meta.title_noting_made(Lang::En), "Resumption (illustrative)");
        assert_eq!(meta.title_noting_made(Lang::Zh), "示意：复工率");
        // Reported values: nothing added.
        meta.illustrative = false;
        meta.title.en = "Resumption".into();
        assert_eq!((meta.made_note(Lang::Zh), meta.title_noting_made(Lang::En).as_str()), ("", "Resumption"));
    }

    fn file(values: &str) -> String {
        format!(
            r#"{{"format":"resumption-map/1",
            "meta":{{"title":{{"zh":"t","en":"t"}},"metric":{{"name":{{"zh":"复工率","en":"rate"}},"definition":{{"zh":"d","en":"d"}},"unit":"%"}},"illustrative":true}},
            "dates":["2020-02-10","2020-02-11"],
            "regions":[{{"code":"520100","values":{values}}}]}}"#
        )
    }

    #[test]
    fn parses_all_value_forms() {
        let d = Dataset::from_json(&file(r#"[null, {"resumed": 3, "due": 4}]"#)).unwrap();
        assert_eq!(d.value("520100", 0), None);
        assert_eq!(d.value("520100", 1).unwrap().rate, 75.0);
        let d = Dataset::from_json(&file(r#"[12.5, {"more_than": 60}]"#)).unwrap();
        assert_eq!(d.value("520100", 0), Some(Value::exact(12.5)));
        assert_eq!(d.value("520100", 1).unwrap().bound, Bound::MoreThan);
        assert_eq!(d.change("520100", 1), None, "no change between a bound and a figure");
        assert!(d.has_lower_bounds());
        assert!(!Dataset::from_json(&file("[12.5, 13]")).unwrap().has_lower_bounds());
        let d = Dataset::from_json(&file(r#"[0, 100]"#)).unwrap();
        assert_eq!(d.value("520100", 1), Some(Value::exact(100.0)), "integers are numbers too");
    }

    #[test]
    fn a_value_of_the_wrong_type_says_what_is_expected_and_where() {
        for bad in [r#"[1, "61"]"#, r#"[1, true]"#, r#"[1, [61]]"#] {
            let e = Dataset::from_json(&file(bad)).unwrap_err();
            assert!(matches!(e.location, Location::Text { line: 4, .. }), "{bad}: {e}");
            assert!(
                e.to_string().contains("expected null, a number, or an object with rate, more_than, resumed or due"),
                "{bad}: {e}"
            );
        }
        let e = Dataset::from_json(&file(r#"[1, {"rate": 5, "share": 1}]"#)).unwrap_err();
        assert!(e.to_string().contains("unknown field `share`"), "{e}");
    }

    #[test]
    fn round_trips_through_json() {
        let d = Dataset::from_json(&file(r#"[{"more_than": 60, "resumed": 1, "due": 2}, {"resumed": 3, "due": 4}]"#))
            .unwrap();
        assert_eq!(Dataset::from_json(&d.to_json()).unwrap(), d);
    }

    #[test]
    fn names_what_and_where() {
        let e = Dataset::from_json(&file("[1, 120]")).unwrap_err();
        assert_eq!(e.to_string(), "regions[0] (520100).values[1] (2020-02-11): rate 120 is outside 0–100 %");
        let e = Dataset::from_json(&file("[1]")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "regions[0] (520100).values: 1 values for 2 dates (there must be one value, or null, per date)"
        );
        let e = Dataset::from_json(&file(r#"[1, {"resumed": 5, "due": 4}]"#)).unwrap_err();
        assert!(e.to_string().contains("resumed 5 cannot exceed due 4"), "{e}");
        let e = Dataset::from_json(&file(r#"[1, {"rate": 50, "resumed": 1, "due": 4}]"#)).unwrap_err();
        assert!(matches!(e.kind, DatasetErrorKind::RateCountsDisagree { .. }), "{e}");
        let e = Dataset::from_json(&file(r#"[1, {}]"#)).unwrap_err();
        assert_eq!(e.kind, DatasetErrorKind::EmptyValue);
        let e = Dataset::from_json("{\"format\": 3,\n}").unwrap_err();
        assert!(matches!(e.location, Location::Text { line: 1, .. }), "{e}");
        assert!(e.to_string().starts_with("line 1, column"), "{e}");
        assert_eq!(Dataset::from_json("  \n").unwrap_err().kind, DatasetErrorKind::Empty);
        let e = Dataset::from_json(&file("[1, 2]").replace("2020-02-11", "2020-02-10")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "dates[1]: date 2020-02-10 does not come after 2020-02-10 (dates must be in order, without repeats)"
        );
        let e = Dataset::from_json(&file("[1, 2]").replace("2020-02-11", "2020-02-30")).unwrap_err();
        assert_eq!(e.to_string(), "dates[1]: “2020-02-30” is not a real calendar date");
        let e = Dataset::from_json(&file("[1, 2]").replace("resumption-map/1", "v2")).unwrap_err();
        assert_eq!(e.to_string(), "format: format is “v2”, expected “resumption-map/1”");
    }

    #[test]
    fn rejects_huge_files_before_parsing() {
        let big = " ".repeat(MAX_BYTES + 1);
        assert!(matches!(Dataset::from_json(&big).unwrap_err().kind, DatasetErrorKind::TooLarge { .. }));
    }

    #[test]
    fn a_reported_total_is_labelled_as_reported() {
        let snapshot = crate::reported::snapshot_2021();
        assert!(snapshot.total_is_reported(0));
        assert_eq!(snapshot.total_label(0, Lang::Zh), "全省复工复产率（报道）");
        assert_eq!(snapshot.total_label(0, Lang::En), "Province resumption rate (reported)");
        let mut unnamed = snapshot.clone();
        unnamed.meta.total_name = None;
        assert_eq!(unnamed.total_label(0, Lang::En), "Province (reported)");
        let derived = crate::illustrative::dataset();
        assert!(!derived.total_is_reported(0) && derived.total(0).is_some());
        assert_eq!(derived.total_label(0, Lang::Zh), "全省合计");
    }

    #[test]
    fn total_needs_counts_everywhere() {
        let two = r#"{"format":"resumption-map/1",
            "meta":{"title":{"zh":"t"},"metric":{"name":{"zh":"r"},"definition":{"zh":"d"},"unit":"%"},"illustrative":true},
            "dates":["2020-02-10"],
            "regions":[{"code":"a","values":[{"resumed":1,"due":4}]},{"code":"b","values":[{"resumed":3,"due":4}]}]}"#;
        let d = Dataset::from_json(two).unwrap();
        assert_eq!(d.total(0).unwrap().rate, 50.0);
        let d = Dataset::from_json(&two.replace(r#"{"resumed":3,"due":4}"#, "75")).unwrap();
        assert_eq!(d.total(0), None);
    }
}
