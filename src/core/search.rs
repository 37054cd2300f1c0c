//! Finding a region by what a reader types: 遵义, Zunyi, zun, 黔东南州, or an adcode.
//!
//! A search box that silently picks one of several matches makes the reader believe the map has
//! answered the question they asked; so a beginning shared by several names ("Qian", "黔") is
//! answered with the list of those regions, and only a full name, or a beginning only one name
//! has, selects.

use crate::core::bundle::RegionInfo;
use crate::core::i18n::Lang;
use crate::core::ingest::name_key;

/// What a query finds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    /// One region: its code.
    One(String),
    /// Several regions begin with the query, and none is named by it exactly: their codes, in
    /// the order of `regions`.
    Several(Vec<String>),
    /// No region (or an empty query).
    Nothing,
}

/// The region `query` names among `regions`, in this order of preference:
/// 1. a name (Chinese or English) or code equal to it, ignoring ASCII case and surrounding space;
/// 2. a name with the same canonical form (`ingest::name_key`: 贵阳 = 贵阳市, 黔东南州 =
///    黔东南苗族侗族自治州);
/// 3. names or codes beginning with it: [`Found::One`] when they all belong to one region,
///    else [`Found::Several`].
pub fn find(regions: &[RegionInfo], query: &str) -> Found {
    let q = query.trim();
    if q.is_empty() {
        return Found::Nothing;
    }
    let lower = q.to_ascii_lowercase();
    let key = name_key(q);
    let names = |r: &RegionInfo| [r.name.zh.to_ascii_lowercase(), r.name.en.to_ascii_lowercase(), r.code.clone()];
    let named = |r: &&RegionInfo, test: &dyn Fn(&str) -> bool| names(r).iter().any(|n| !n.is_empty() && test(n));
    if let Some(r) = regions.iter().find(|r| named(r, &|n| n == lower)) {
        return Found::One(r.code.clone());
    }
    if let Some(r) =
        regions.iter().find(|r| !key.is_empty() && [&r.name.zh, &r.name.en].iter().any(|n| name_key(n) == key))
    {
        return Found::One(r.code.clone());
    }
    let mut codes: Vec<String> =
        regions.iter().filter(|r| named(r, &|n| n.starts_with(&lower))).map(|r| r.code.clone()).collect();
    codes.dedup();
    match codes.len() {
        0 => Found::Nothing,
        1 => Found::One(codes.remove(0)),
        _ => Found::Several(codes),
    }
}

/// What the search box says for [`Found::Several`]: how many regions begin with `query`, and
/// which (`names`: the first six, then how many more), so that the reader can type one in full.
pub fn several(query: &str, names: &[String], lang: Lang) -> String {
    let shown: Vec<&str> = names.iter().take(6).map(String::as_str).collect();
    let more = names.len().saturating_sub(6);
    match lang {
        Lang::Zh => {
            let etc = if more > 0 { "等" } else { "" };
            format!("以“{query}”开头的地区有 {} 个：{}{etc}。请输入全名。", names.len(), shown.join("、"))
        }
        Lang::En => {
            let etc = if more > 0 { format!(" and {more} more") } else { String::new() };
            format!("{} regions begin with “{query}”: {}{etc}. Type one in full.", names.len(), shown.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::bundle::Bundle;

    fn one(code: &str) -> Found {
        Found::One(code.into())
    }

    #[test]
    fn a_name_a_short_name_a_code_or_a_beginning_only_one_name_has_finds_one_region() {
        let b = Bundle::embedded();
        assert_eq!(find(&b.regions, "遵义"), one("520300"));
        assert_eq!(find(&b.regions, " Zunyi "), one("520300"));
        assert_eq!(find(&b.regions, "ZUNYI"), one("520300"));
        assert_eq!(find(&b.regions, "zun"), one("520300"));
        assert_eq!(find(&b.regions, "黔东南州"), one("522600"));
        assert_eq!(find(&b.regions, "黔东南"), one("522600"), "a beginning only one name has");
        assert_eq!(find(&b.regions, "522700"), one("522700"));
        assert_eq!(find(&b.regions, "Qiannan"), one("522700"), "a full name wins over the longer ones it begins");
    }

    #[test]
    fn a_beginning_several_names_share_lists_them_and_picks_none() {
        let b = Bundle::embedded();
        let qian = Found::Several(vec!["522300".into(), "522600".into(), "522700".into()]);
        assert_eq!(find(&b.regions, "Qian"), qian);
        assert_eq!(find(&b.regions, "qian"), qian);
        assert_eq!(find(&b.regions, "黔"), qian);
        assert_eq!(find(&b.regions, "52"), Found::Several(b.regions.iter().map(|r| r.code.clone()).collect()));
    }

    #[test]
    fn nothing_for_an_unknown_name_or_an_empty_query() {
        let b = Bundle::embedded();
        assert_eq!(find(&b.regions, "Atlantis"), Found::Nothing);
        assert_eq!(find(&b.regions, "  "), Found::Nothing);
        assert_eq!(find(&[], "Zunyi"), Found::Nothing);
    }

    #[test]
    fn several_names_are_listed_six_at_most() {
        let names: Vec<String> = ["Qianxinan", "Qiandongnan", "Qiannan"].map(String::from).to_vec();
        assert_eq!(
            several("Qian", &names, Lang::En),
            "3 regions begin with “Qian”: Qianxinan, Qiandongnan, Qiannan. Type one in full."
        );
        let zh: Vec<String> = ["黔西南州", "黔东南州", "黔南州"].map(String::from).to_vec();
        assert_eq!(several("黔", &zh, Lang::Zh), "以“黔”开头的地区有 3 个：黔西南州、黔东南州、黔南州。请输入全名。");
        let many: Vec<String> = (1..=9).map(|i| format!("R{i}")).collect();
        assert_eq!(
            several("R", &many, Lang::En),
            "9 regions begin with “R”: R1, R2, R3, R4, R5, R6 and 3 more. Type one in full."
        );
        assert_eq!(several("R", &many, Lang::Zh), "以“R”开头的地区有 9 个：R1、R2、R3、R4、R5、R6等。请输入全名。");
    }
}
