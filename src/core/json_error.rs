//! Saying what is wrong with a JSON file, in both languages, for a reader who is not a programmer.
//!
//! `serde_json`'s messages are written for programmers ("EOF while parsing a string", "invalid type:
//! string \"106.5\", expected f64") and only in English, and their line and column locate nothing in
//! the one-line files that GIS tools write. This module turns an error into a [`JsonProblem`]: a
//! file cut short, a syntax error with the text around it, or a value of the wrong type, in words,
//! in Chinese and English. Where the error is (the feature, the field path) is for the caller,
//! which knows what it was reading.

use crate::core::date::truncate;
use crate::core::i18n::Text;

/// One JSON error, explained.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonProblem {
    /// Line of the error, from 1; 0 when unknown (an error found in an already parsed value).
    pub line: usize,
    /// Column of the error, from 1; 0 when unknown.
    pub column: usize,
    /// What is wrong.
    pub message: Text,
}

impl JsonProblem {
    /// The position as a report writes it (`line 1, column 33`), or empty when unknown.
    pub fn place(&self) -> String {
        if self.line == 0 {
            String::new()
        } else {
            format!("line {}, column {}", self.line, self.column)
        }
    }
}

/// Explains `e`, an error from parsing `text` (or, with an empty `text`, from reading a value
/// already parsed). A syntax error quotes up to 24 characters before the error and 8 after it on
/// its line, so that the place can be found in a file that is one long line.
pub fn explain(e: &serde_json::Error, text: &str) -> JsonProblem {
    use serde_json::error::Category;
    let (line, column) = (e.line(), e.column());
    let message = match e.classify() {
        Category::Eof => Text::new(
            "文件在 JSON 结束之前就断了（可能没有下载或保存完整）",
            "the file ends before its JSON does (it may have been cut short in a download or a save)",
        ),
        Category::Syntax | Category::Io => {
            let near = near(text, line, column);
            let what = without_position(&e.to_string());
            if near.is_empty() {
                Text::new("不是有效的 JSON（语法错误）", format!("not valid JSON: {what}"))
            } else {
                Text::new(
                    format!("不是有效的 JSON（语法错误），出错处：“{near}”"),
                    format!("not valid JSON: {what}, at “{near}”"),
                )
            }
        }
        Category::Data => wrong_content(&without_position(&e.to_string())),
    };
    JsonProblem { line, column, message }
}

/// Names of an object's keys for a message, at most `max`, each quoted and shortened: in Chinese
/// `“code”、“rates”`, in English `“code”, “rates”`; empty for none. A reader told that a key is
/// missing is told which keys there are, to choose from.
pub fn quoted_keys<'a>(keys: impl Iterator<Item = &'a String>, max: usize) -> Text {
    let quoted: Vec<String> = keys.take(max).map(|k| format!("“{}”", truncate(k, 20))).collect();
    Text::new(quoted.join("、"), quoted.join(", "))
}

/// serde's message without its " at line L column C" (the place is said apart).
fn without_position(msg: &str) -> String {
    let msg = msg.rfind(" at line ").map(|i| &msg[..i]).unwrap_or(msg);
    truncate(msg, 160)
}

/// The text around `line`:`column` (1-based; the column counts bytes), control characters shown
/// as spaces.
fn near(text: &str, line: usize, column: usize) -> String {
    let Some(row) = text.lines().nth(line.saturating_sub(1)) else { return String::new() };
    let mut at = column.saturating_sub(1).min(row.len());
    while !row.is_char_boundary(at) {
        at -= 1;
    }
    let before: String = row[..at].chars().rev().take(24).collect::<Vec<_>>().into_iter().rev().collect();
    let after: String = row[at..].chars().take(8).collect();
    let clean = |s: String| s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect::<String>();
    let (before, after) = (clean(before), clean(after));
    let dots = if row[..at].chars().count() > 24 { "…" } else { "" };
    let tail = if row[at..].chars().count() > 8 { "…" } else { "" };
    format!("{dots}{}{}{tail}", before.trim_start(), after.trim_end())
}

/// A data error (a well-formed file whose content does not fit), from serde's message: the wrong
/// type, an unknown name, a missing field; anything else is quoted.
fn wrong_content(msg: &str) -> Text {
    let tick = |s: &str| s.trim().trim_matches('`').to_string();
    if let Some(rest) = msg.strip_prefix("invalid type: ").or_else(|| msg.strip_prefix("invalid value: ")) {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            let (ezh, een) = kind(expected);
            let (fzh, fen) = kind(found);
            // serde writes the value after its kind: string "106.5", integer `5`.
            let value = found.split_once(' ').map(|(_, v)| truncate(&tick(v), 40)).unwrap_or_default();
            let value = if value.is_empty() { value } else { format!(" {value}") };
            return Text::new(format!("应为{ezh}，这里是{fzh}{value}"), format!("expected {een}, found {fen}{value}"));
        }
    }
    if let Some(rest) = msg.strip_prefix("unknown variant ") {
        let (name, list) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let list = truncate(&list.trim_start_matches("one of ").replace('`', ""), 120);
        let list_zh = list.replace(", ", "、").replace(" or ", "、");
        return Text::new(
            format!("“{}”不是可用的取值（可用：{list_zh}）", truncate(&tick(name), 40)),
            format!("“{}” is not one of the values allowed here ({list})", truncate(&tick(name), 40)),
        );
    }
    if let Some(rest) = msg.strip_prefix("missing field ") {
        let name = truncate(&tick(rest), 40);
        return Text::new(format!("缺少“{name}”字段"), format!("the field “{name}” is missing"));
    }
    Text::new(format!("内容不符合格式：{msg}"), msg.to_string())
}

/// A kind of JSON value as serde names it (`f64`, `a sequence`, `string "x"`, `struct Feature`), in
/// words.
fn kind(serde_name: &str) -> (&'static str, &'static str) {
    let s = serde_name.trim();
    // geojson's own name for a position's parts.
    if s.starts_with("a coordinate") {
        return ("数字（坐标）", "a number (a coordinate)");
    }
    let word = s.split([' ', '`', '"']).find(|w| !w.is_empty() && *w != "a" && *w != "an").unwrap_or("");
    match word {
        "f64" | "f32" | "i64" | "i32" | "u64" | "u32" | "u8" | "usize" | "integer" | "floating" | "number" => {
            ("数字", "a number")
        }
        "string" | "str" | "borrowed" | "char" | "character" => ("文字", "text"),
        "sequence" | "array" | "tuple" | "seq" => ("数组 [ … ]", "an array [ … ]"),
        "map" | "struct" | "object" => ("对象 { … }", "an object { … }"),
        "boolean" | "bool" => ("true / false", "true or false"),
        "null" | "unit" => ("null", "null"),
        _ => ("其他", "something else"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(text: &str) -> JsonProblem {
        explain(&serde_json::from_str::<serde_json::Value>(text).unwrap_err(), text)
    }

    #[test]
    fn a_file_cut_short_says_so() {
        let p = of("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":");
        assert_eq!(p.line, 1);
        assert!(p.message.en.starts_with("the file ends before its JSON does"), "{:?}", p.message);
        assert!(p.message.zh.starts_with("文件在 JSON 结束之前就断了"), "{:?}", p.message);
        assert_eq!(p.place(), format!("line 1, column {}", p.column));
    }

    #[test]
    fn a_syntax_error_quotes_where_it_is_on_a_long_line() {
        let text = format!("{{\"features\":[{}1 2]}}", "1,".repeat(200));
        let p = of(&text);
        assert_eq!((p.line, p.column), (1, 416));
        assert_eq!(p.message.en, "not valid JSON: expected `,` or `]`, at “…1,1,1,1,1,1,1,1,1,1,1,1 2]}”");
        assert_eq!(p.message.zh, "不是有效的 JSON（语法错误），出错处：“…1,1,1,1,1,1,1,1,1,1,1,1 2]}”");
        // Control characters and a second line: only the error's line, cleaned.
        let p = of("{\"a\":1,\n\"b\"\t:\u{7}}");
        assert_eq!(p.line, 2);
        assert!(p.message.en.ends_with("at “\"b\" : }”"), "{}", p.message.en);
    }

    #[test]
    fn wrong_types_are_said_in_words_with_the_value() {
        let e = serde_json::from_str::<Vec<f64>>("[1, \"106.5\"]").unwrap_err();
        let p = explain(&e, "[1, \"106.5\"]");
        assert_eq!(p.message.en, "expected a number, found text \"106.5\"");
        assert_eq!(p.message.zh, "应为数字，这里是文字 \"106.5\"");
        let e = serde_json::from_value::<Vec<f64>>(serde_json::json!([1, [2]])).unwrap_err();
        let p = explain(&e, "");
        assert_eq!((p.line, p.place()), (0, String::new()));
        assert_eq!(p.message.en, "expected a number, found an array [ … ]");
        let e = serde_json::from_str::<String>("5").unwrap_err();
        assert_eq!(explain(&e, "5").message.en, "expected text, found a number 5");
    }

    #[test]
    fn unknown_names_and_missing_fields() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        enum Shape {
            Polygon,
            MultiPolygon,
        }
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Geometry {
            coordinates: Vec<f64>,
        }
        let e = serde_json::from_str::<Shape>("\"Polygn\"").unwrap_err();
        let m = explain(&e, "").message;
        assert_eq!(m.en, "“Polygn” is not one of the values allowed here (Polygon or MultiPolygon)");
        assert_eq!(m.zh, "“Polygn”不是可用的取值（可用：Polygon、MultiPolygon）");
        let e = serde_json::from_str::<Geometry>("{}").unwrap_err();
        let m = explain(&e, "").message;
        assert_eq!((m.zh.as_str(), m.en.as_str()), ("缺少“coordinates”字段", "the field “coordinates” is missing"));
    }

    #[test]
    fn keys_are_quoted_in_each_language() {
        let keys = ["code".to_string(), "rates".to_string(), "x".repeat(30)];
        let t = quoted_keys(keys.iter(), 2);
        assert_eq!((t.zh.as_str(), t.en.as_str()), ("“code”、“rates”", "“code”, “rates”"));
        assert_eq!(quoted_keys(keys[2..].iter(), 8).en, format!("“{}…”", "x".repeat(20)));
        assert!(quoted_keys([].iter(), 8).en.is_empty());
    }

    #[test]
    fn hostile_text_is_cut_and_cleaned() {
        let text = format!("[\"{}\u{1b}[31m", "x".repeat(10_000));
        let p = of(&text);
        assert!(p.message.en.chars().count() < 200, "{}", p.message.en);
        assert!(!p.message.en.chars().any(|c| c.is_control()), "{:?}", p.message.en);
    }
}
