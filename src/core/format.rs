//! Formatting numbers and dates for readers, in either language.
//!
//! Rates are shown with one decimal ("72.4 %" in English, "72.4%" in Chinese, following each
//! language's typographic habit); changes carry an explicit sign in percentage points; values known
//! only as a lower bound read "more than 60 %" / "60%以上".

use crate::core::dataset::{Bound, Value};
use crate::core::date::Date;
use crate::core::i18n::Lang;

/// One-decimal number without a trailing `.0` ("72.4", "100").
pub fn number(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// A value with exactly one decimal ("72.4", "61.0", "100.0"): values side by side in a label,
/// a ranking or a table then line up and read alike, where "61" beside "61.1" looked like a
/// different precision.
pub fn decimal(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    // No "-0.0".
    format!("{:.1}", if r == 0.0 { 0.0 } else { r })
}

/// A rate in percent, with one decimal: a value.
pub fn percent(v: f64, lang: Lang) -> String {
    unit_percent(&decimal(v), lang)
}

/// A rate in percent, as short as it goes ("20 %", "62.5 %"): a scale's tick or a threshold.
pub fn percent_tick(v: f64, lang: Lang) -> String {
    unit_percent(&number(v), lang)
}

fn unit_percent(n: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{n}%"),
        // A no-break space: "60 %" never wraps between the number and its sign.
        Lang::En => format!("{n}\u{a0}%"),
    }
}

/// A value, saying "more than" for a lower bound. A rate computed from counts (resumed ÷ due)
/// has one decimal; a rate given as such keeps the precision it was reported with ("71 %", not
/// "71.0 %"), and a bound is written as reported ("more than 60 %"): a decimal the source did not
/// give would be a claim it did not make.
pub fn value(v: &Value, lang: Lang) -> String {
    value_with(v, lang, false)
}

/// [`value`], but with `made` (the value was made, not reported: an illustrative dataset's)
/// every exact rate has one decimal, as computed ones do, so that such values read alike
/// ("61.0 %" beside "61.1 %", not "61 %").
pub fn value_with(v: &Value, lang: Lang, made: bool) -> String {
    let n = match (v.bound, v.counts.is_some() || made) {
        (Bound::Exact, true) => percent(v.rate, lang),
        _ => percent_tick(v.rate, lang),
    };
    match (v.bound, lang) {
        (Bound::Exact, _) => n,
        (Bound::MoreThan, Lang::Zh) => format!("{n}以上"),
        (Bound::MoreThan, Lang::En) => format!("more than {n}"),
    }
}

/// A change in percentage points with its sign ("+3.2 pp", "−1 个百分点").
pub fn change(pp: f64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{} 个百分点", signed(pp)),
        Lang::En => format!("{}\u{a0}pp", signed(pp)),
    }
}

/// A change's number with its sign, one decimal and no unit ("+3.2", "−1.0", "±0.0"), for places
/// whose heading or caption already names the unit (the bars of a ranking of changes): the unit
/// written beside every number would not fit there.
pub fn signed(pp: f64) -> String {
    let (sign, r) = sign_of(pp);
    format!("{sign}{}", decimal(r.abs()))
}

/// A scale tick of changes, as short as it goes ("+15", "−7.5", "±0").
pub fn signed_tick(pp: f64) -> String {
    let (sign, r) = sign_of(pp);
    format!("{sign}{}", number(r.abs()))
}

fn sign_of(pp: f64) -> (&'static str, f64) {
    let r = (pp * 10.0).round() / 10.0;
    let sign = if r > 0.0 {
        "+"
    } else if r < 0.0 {
        "−"
    } else {
        "±"
    };
    (sign, r)
}

/// The level ends of a ranking: given the values as written on the page, highest first, how many
/// read the same as the first and how many as the last ((0, 0) when there are none). "Level" is
/// what the reader sees: 62.3 % and 62.34 % are level. The summary and the ranking's description
/// both name these together ([`names_or_count`]) instead of picking one by the alphabet.
pub fn level_ends(texts: &[String]) -> (usize, usize) {
    let (Some(first), Some(last)) = (texts.first(), texts.last()) else { return (0, 0) };
    (texts.iter().take_while(|t| *t == first).count(), texts.iter().rev().take_while(|t| *t == last).count())
}

/// Regions level with one another, for running text: up to three by name ("贵阳、遵义",
/// "Guiyang, Zunyi and Anshun"), more by their number ("5 个地区", "5 regions").
pub fn names_or_count(names: &[&str], lang: Lang) -> String {
    match (names, lang) {
        ([], _) => String::new(),
        ([one], _) => one.to_string(),
        (many, Lang::Zh) if many.len() <= 3 => many.join("、"),
        ([init @ .., last], Lang::En) if init.len() < 3 => format!("{} and {last}", init.join(", ")),
        (many, Lang::Zh) => format!("{} 个地区", many.len()),
        (many, Lang::En) => format!("{} regions", many.len()),
    }
}

/// What goes between "最高" and a [`names_or_count`] text: "的 " before a count ("最高的 8 个地区"),
/// nothing before names ("最高黔西南州").
pub fn zh_of(names: &str) -> &'static str {
    if names.starts_with(|c: char| c.is_ascii_digit()) {
        "的 "
    } else {
        ""
    }
}

/// A space between a Chinese word and a count that follows it ("最低为 5 个地区"), as the page
/// writes "9 个地区中 6 个"; nothing before names.
pub fn zh_space(names: &str) -> &'static str {
    if names.starts_with(|c: char| c.is_ascii_digit()) {
        " "
    } else {
        ""
    }
}

/// The two ends of regions sorted highest first, for running text: "最高黔西南州（94.8%），最低安顺（57.4%）"
/// / "highest Qianxinan (94.8 %), lowest Anshun (57.4 %)". `top` and `bottom` are (names, value
/// text), the names from [`names_or_count`].
///
/// A value known only as a lower bound ("more than 50 %") may lie anywhere above it, so where the
/// values include one the ends say only what the figures allow: `bounded.0` (some value is a
/// bound) makes the top "the highest reported figure"; `bounded.1` (the bottom's values are
/// bounds) names the bottom as "reported only as" its bound, not as lowest.
///
/// `zh`: the subject before 最高 ("变化"), and whether 为 links 最高 / 最低 to the names ("最高为
/// 黔西南州", the charts' captions) or not ("最高黔西南州", the map's summary).
pub fn ends_clause(
    (hn, hv): (&str, &str),
    (ln, lv): (&str, &str),
    bounded: (bool, bool),
    (zh_subject, zh_is): (&str, bool),
    lang: Lang,
) -> String {
    let link = |names: &str| if zh_is { format!("为{}", zh_space(names)) } else { zh_of(names).to_string() };
    match (lang, bounded) {
        (Lang::Zh, (top, bottom)) => {
            let high = if top {
                format!("{zh_subject}报道的最高数字为{}{hn}（{hv}）", zh_space(hn))
            } else {
                format!("{zh_subject}最高{}{hn}（{hv}）", link(hn))
            };
            let low =
                if bottom { format!("{ln}仅报道为{lv}") } else { format!("最低{}{ln}（{lv}）", link(ln)) };
            format!("{high}{}{low}", if bottom { "；" } else { "，" })
        }
        (Lang::En, (top, bottom)) => {
            let high = format!("highest {}{hn} ({hv})", if top { "reported figure " } else { "" });
            match bottom {
                true => format!("{high}; {ln} reported only as {lv}"),
                false => format!("{high}, lowest {ln} ({lv})"),
            }
        }
    }
}

/// The widest of `dates` as [`date`] writes them in `lang`, to reserve a changing date's width:
/// in each month, the longest (the page sets digits tabular, so within a month equal lengths are
/// equal widths; months' names differ), in the order of the months' first dates.
pub fn widest_dates(dates: &[Date], lang: Lang) -> Vec<String> {
    let mut widest: Vec<((i32, u32), String)> = Vec::new();
    for d in dates {
        let text = date(*d, lang);
        let (y, m, _) = d.ymd();
        match widest.iter_mut().find(|(month, _)| *month == (y, m)) {
            Some((_, w)) if text.chars().count() > w.chars().count() => *w = text,
            Some(_) => {}
            None => widest.push(((y, m), text)),
        }
    }
    widest.into_iter().map(|(_, w)| w).collect()
}

/// A date for reading: "2020年2月19日" or "19 Feb 2020".
pub fn date(d: Date, lang: Lang) -> String {
    let (y, m, day) = d.ymd();
    match lang {
        Lang::Zh => format!("{y}年{m}月{day}日"),
        Lang::En => {
            const MONTHS: [&str; 12] =
                ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
            format!("{day} {} {y}", MONTHS[(m - 1) as usize])
        }
    }
}

/// A short date for axis ticks: "2月19日" or "19 Feb".
pub fn short_date(d: Date, lang: Lang) -> String {
    let full = date(d, lang);
    match lang {
        Lang::Zh => full.split_once('年').map(|(_, r)| r.to_string()).unwrap_or(full),
        Lang::En => full.rsplit_once(' ').map(|(l, _)| l.to_string()).unwrap_or(full),
    }
}

/// A date among `dates`: short ("2月19日", "19 Feb") when they all fall in one year, in full
/// when they span several, so that "1 Jan" is never ambiguous.
pub fn date_among(d: Date, dates: &[Date], lang: Lang) -> String {
    let year = |d: Option<&Date>| d.map(|d| d.ymd().0);
    if year(dates.first()) == year(dates.last()) {
        short_date(d, lang)
    } else {
        date(d, lang)
    }
}

/// How the regions of a level are named in running text: ("各市（州）", "Prefecture",
/// "prefecture"), and so on. (Both English cases written out: `to_lowercase` would bring Unicode's
/// case tables into the wasm for three words.)
pub fn level_words(level: &str) -> (&'static str, &'static str, &'static str) {
    match level {
        "prefecture" => ("各市（州）", "Prefecture", "prefecture"),
        "county" => ("各县（市、区）", "County", "county"),
        _ => ("各地区", "Regional", "regional"),
    }
}

/// `s` with its first letter in lower case, for a label inside an English sentence (ASCII only:
/// `to_lowercase` would link Unicode's case tables into the wasm).
pub fn lower_first(s: &str) -> String {
    // An acronym ("GDP growth") stays as it is.
    if s.chars().nth(1).is_some_and(|c| c.is_ascii_uppercase()) {
        return s.to_string();
    }
    let mut chars = s.chars();
    chars.next().map(|c| c.to_ascii_lowercase().to_string() + chars.as_str()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_widest_dates_are_the_longest_of_each_month() {
        let d = |s: &str| Date::parse(s).unwrap();
        let dates: Vec<Date> = (0..21).map(|k| d("2020-02-10").add_days(k)).collect();
        assert_eq!(widest_dates(&dates, Lang::En), ["10 Feb 2020", "1 Mar 2020"]);
        assert_eq!(widest_dates(&dates, Lang::Zh), ["2020年2月10日", "2020年3月1日"]);
        // A short month first, a longer form later in it: the longer one stands.
        let dates = [d("2020-01-01"), d("2020-01-09"), d("2020-01-10"), d("2020-12-31")];
        assert_eq!(widest_dates(&dates, Lang::Zh), ["2020年1月10日", "2020年12月31日"]);
        assert!(widest_dates(&[], Lang::En).is_empty());
    }

    #[test]
    fn the_ends_say_only_what_lower_bounds_allow() {
        let (top, bottom) = (("Qianxinan", "94.8 %"), ("Anshun", "57.4 %"));
        let plain = ends_clause(top, bottom, (false, false), ("", false), Lang::En);
        assert_eq!(plain, "highest Qianxinan (94.8 %), lowest Anshun (57.4 %)");
        // A bound in the middle: the top is not certain, the exact bottom is (every bound lies above it).
        let middle = ends_clause(top, bottom, (true, false), ("", false), Lang::En);
        assert_eq!(middle, "highest reported figure Qianxinan (94.8 %), lowest Anshun (57.4 %)");
        let zh = ends_clause(("黔西南州", "94.8%"), ("5 个地区", "57.4%"), (false, false), ("", true), Lang::Zh);
        assert_eq!(zh, "最高为黔西南州（94.8%），最低为 5 个地区（57.4%）");
        let zh = ends_clause(("黔西南州", "94.8%"), ("安顺", "50%以上"), (true, true), ("", false), Lang::Zh);
        assert_eq!(zh, "报道的最高数字为黔西南州（94.8%）；安顺仅报道为50%以上");
    }

    #[test]
    fn dates_in_one_year_are_short_and_across_years_in_full() {
        let d = |s: &str| Date::parse(s).unwrap();
        let one = [d("2020-02-10"), d("2020-03-01")];
        assert_eq!(date_among(d("2020-02-19"), &one, Lang::En), "19 Feb");
        let many = [d("1900-01-01"), d("2049-06-30")];
        assert_eq!(date_among(d("2049-06-30"), &many, Lang::En), "30 Jun 2049");
        assert_eq!(date_among(d("1900-01-01"), &many, Lang::Zh), "1900年1月1日");
    }

    #[test]
    fn a_count_after_a_chinese_word_reads_as_a_count() {
        assert_eq!(format!("最高{}{}", zh_of("8 个地区"), "8 个地区"), "最高的 8 个地区");
        assert_eq!(format!("最高{}{}", zh_of("黔西南州"), "黔西南州"), "最高黔西南州");
        assert_eq!(format!("最低为{}{}", zh_space("5 个地区"), "5 个地区"), "最低为 5 个地区");
        assert_eq!(zh_space("安顺、遵义"), "");
    }

    #[test]
    fn lower_first_lowers_only_the_first_ascii_letter() {
        assert_eq!(lower_first("Province resumption rate (reported)"), "province resumption rate (reported)");
        assert_eq!(lower_first("全省合计"), "全省合计");
        assert_eq!(lower_first("GDP growth"), "GDP growth");
        assert_eq!(lower_first(""), "");
    }

    #[test]
    fn numbers_and_rates() {
        assert_eq!(number(72.44), "72.4");
        assert_eq!(number(100.0), "100");
        assert_eq!(number(99.96), "100");
        assert_eq!(percent(61.25, Lang::Zh), "61.3%");
        assert_eq!(percent(61.0, Lang::En), "61.0\u{a0}%", "one decimal always, and a no-break space");
        assert_eq!((percent(100.0, Lang::Zh), percent(-0.01, Lang::Zh)), ("100.0%".into(), "0.0%".into()));
        assert_eq!((percent_tick(20.0, Lang::En), percent_tick(62.5, Lang::Zh)), ("20\u{a0}%".into(), "62.5%".into()));
        let bound = Value { rate: 60.0, bound: Bound::MoreThan, counts: None };
        assert_eq!(value(&bound, Lang::En), "more than 60\u{a0}%", "a bound as reported");
        assert_eq!(value(&bound, Lang::Zh), "60%以上");
        let reported = Value { rate: 71.0, bound: Bound::Exact, counts: None };
        assert_eq!(value(&reported, Lang::Zh), "71%", "a reported rate keeps its precision");
        let counted = Value {
            rate: 61.0,
            bound: Bound::Exact,
            counts: Some(crate::core::dataset::Counts { resumed: 61, due: 100 }),
        };
        assert_eq!(value(&counted, Lang::Zh), "61.0%", "a computed rate has one decimal");
        let made = Value { rate: 61.0, bound: Bound::Exact, counts: None };
        assert_eq!(value_with(&made, Lang::En, true), "61.0\u{a0}%", "a made value reads like its neighbours");
        assert_eq!(value_with(&bound, Lang::En, true), "more than 60\u{a0}%", "a bound stays as reported");
    }

    #[test]
    fn a_dataset_writes_its_values_by_what_they_are() {
        let read = |p: &str| std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(p)).unwrap();
        let counties =
            crate::core::dataset::Dataset::from_json(&read("static/data/resumption-2020-counties.json")).unwrap();
        let v =
            counties.regions.iter().flat_map(|r| r.values.iter().flatten()).find(|v| v.rate == 61.0).copied().unwrap();
        assert_eq!(counties.value_text(&v, Lang::En), "61.0\u{a0}%", "illustrative: one decimal, as 61.1 % beside it");
        let reported = crate::core::dataset::Dataset::from_json(&read("static/data/resumption-2021.json")).unwrap();
        let v = reported.value(&reported.regions[0].code, 0).unwrap();
        assert!(!reported.value_text(&v, Lang::En).contains(".0"), "reported: as reported");
    }

    #[test]
    fn changes_carry_a_sign() {
        assert_eq!(change(3.24, Lang::En), "+3.2\u{a0}pp");
        assert_eq!(change(-1.0, Lang::Zh), "−1.0 个百分点");
        assert_eq!(change(0.01, Lang::En), "±0.0\u{a0}pp");
        assert_eq!((signed(3.24), signed(-1.0), signed(0.01)), ("+3.2".into(), "−1.0".into(), "±0.0".into()));
        assert_eq!(
            (signed_tick(15.0), signed_tick(-7.5), signed_tick(0.0)),
            ("+15".into(), "−7.5".into(), "±0".into())
        );
    }

    #[test]
    fn level_ends_count_what_reads_the_same() {
        let t = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(level_ends(&t(&["72.1 %", "66.7 %", "57.4 %"])), (1, 1));
        assert_eq!(level_ends(&t(&["+28.4", "+26.2", "+24.1", "+24.1"])), (1, 2));
        assert_eq!(level_ends(&t(&["100.0 %", "100.0 %"])), (2, 2));
        assert_eq!(level_ends(&[]), (0, 0));
    }

    #[test]
    fn level_regions_named_or_counted() {
        assert_eq!(names_or_count(&["Zunyi"], Lang::En), "Zunyi");
        assert_eq!(names_or_count(&["Anshun", "Tongren", "Zunyi"], Lang::En), "Anshun, Tongren and Zunyi");
        assert_eq!(names_or_count(&["安顺", "铜仁"], Lang::Zh), "安顺、铜仁");
        assert_eq!(names_or_count(&["a", "b", "c", "d", "e"], Lang::En), "5 regions");
        assert_eq!(names_or_count(&["a", "b", "c", "d"], Lang::Zh), "4 个地区");
    }

    #[test]
    fn dates() {
        let d = Date::parse("2020-02-19").unwrap();
        assert_eq!(date(d, Lang::Zh), "2020年2月19日");
        assert_eq!(date(d, Lang::En), "19 Feb 2020");
        assert_eq!(short_date(d, Lang::Zh), "2月19日");
        assert_eq!(short_date(d, Lang::En), "19 Feb");
    }
}
